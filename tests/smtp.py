"""A real SMTP server for tests that send e-mail (aiosmtpd, in a thread of the test).

Fixtures in tests/conftest.py: `smtp_server` (running; settings point at it) and
`smtp_server_down` (settings point at its port, nothing listens until `.start()`).
Ports come from TEST_SMTP_PORTS ("8200-8249") when set, split between pytest-xdist's
workers, else the system picks one.
"""

import email
import email.policy
import logging
import os
import socket

from aiosmtpd.controller import Controller

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP line


def free_port() -> int:
    first, _, last = os.environ.get("TEST_SMTP_PORTS", "").partition("-")
    candidates = range(int(first), int(last or first) + 1) if first else [0]
    if first:  # pytest-xdist workers take turns through the range, never the same port
        worker = int((os.environ.get("PYTEST_XDIST_WORKER") or "gw0").removeprefix("gw"))
        workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
        candidates = candidates[worker::workers]
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port in TEST_SMTP_PORTS={os.environ['TEST_SMTP_PORTS']}")


class _Collector:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.server.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.server.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SMTPServer:
    """Collects what arrives: `.messages` (parsed), `.received` (envelope recipients too)."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.received = []
        self.refuse = set()  # recipient addresses answered with 550
        self._controller = None

    @property
    def messages(self):
        return [message for _, message in self.received]

    def start(self):
        self._controller = Controller(_Collector(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def use_in(self, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", self.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        return self

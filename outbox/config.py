"""E-mail settings from the environment, read by `portal/settings.py` (docs/outbox.md).

Pure Python (no Django import), so the settings module can use it. Either one URL:

    EMAIL_URL=smtp://user:password@mail.example.vn:587?tls=1   STARTTLS on 587
    EMAIL_URL=smtps://user:password@mail.example.vn:465        TLS from the first byte
    EMAIL_URL=console://                                       print messages (development)

or Django's own variables (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL). With neither: the console backend
when DEBUG is on, else SMTP on localhost:25 (a local mail server, Django's default).
"""

from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
TRUE = {"1", "true", "yes", "on"}


class EmailConfig(NamedTuple):
    backend: str
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    timeout: int = 5


def _flag(value) -> bool:
    return str(value or "").strip().lower() in TRUE


def parse_email_url(url: str, timeout: int = 5) -> EmailConfig:
    """`smtp://user:pass@host:port?tls=1` → the Django settings it stands for."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return EmailConfig(CONSOLE_BACKEND, timeout=timeout)
    if scheme not in {"smtp", "smtps", "smtp+tls", "submission"}:
        raise ValueError(
            f"EMAIL_URL: unknown scheme {parts.scheme!r} (smtp, smtp+tls, smtps or console)"
        )
    query = {key.lower(): values[-1] for key, values in parse_qs(parts.query).items()}
    use_ssl = scheme == "smtps" or _flag(query.get("ssl"))
    use_tls = not use_ssl and (
        scheme in {"smtp+tls", "submission"} or _flag(query.get("tls") or query.get("starttls"))
    )
    if use_ssl:
        default_port = 465
    elif use_tls:
        default_port = 587
    else:
        default_port = 25
    return EmailConfig(
        SMTP_BACKEND,
        host=parts.hostname or "localhost",
        port=parts.port or default_port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=use_tls,
        use_ssl=use_ssl,
        timeout=int(query.get("timeout", timeout)),
    )


def email_config(environ, *, debug: bool) -> EmailConfig:
    """EMAIL_URL first, then EMAIL_HOST and friends, then the local default."""
    timeout = int(environ.get("EMAIL_TIMEOUT") or 5)
    if environ.get("EMAIL_URL", "").strip():
        return parse_email_url(environ["EMAIL_URL"].strip(), timeout=timeout)
    if environ.get("EMAIL_HOST", "").strip():
        use_ssl = _flag(environ.get("EMAIL_USE_SSL"))
        use_tls = _flag(environ.get("EMAIL_USE_TLS"))
        if use_ssl and use_tls:
            raise ValueError("EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other: set one")
        return EmailConfig(
            SMTP_BACKEND,
            host=environ["EMAIL_HOST"].strip(),
            port=int(environ.get("EMAIL_PORT") or (465 if use_ssl else 587 if use_tls else 25)),
            user=environ.get("EMAIL_HOST_USER", ""),
            password=environ.get("EMAIL_HOST_PASSWORD", ""),
            use_tls=use_tls,
            use_ssl=use_ssl,
            timeout=timeout,
        )
    return EmailConfig(CONSOLE_BACKEND if debug else SMTP_BACKEND, timeout=timeout)

"""The outbox sends through a real SMTP server started in the test (tests/smtp.py)."""

import logging
import socket
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import outbox
from outbox import delivery
from outbox.models import Message
from vntext.models import SpecialDay

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Đã nhận câu hỏi HD-2026-00042"
BODY = "Kính gửi ông Nguyễn Văn Bình,\nCâu hỏi của ông đã được tiếp nhận."


def queue(**overrides):
    return outbox.enqueue(**{"to": "hoi@example.vn", "subject": SUBJECT, "body": BODY, **overrides})


def test_sent_when_the_transaction_commits(smtp_server):
    """Nothing leaves before the commit; afterwards the server has it, Vietnamese intact."""
    with transaction.atomic():
        queue(html="<p>Câu hỏi của ông <b>đã được tiếp nhận</b>.</p>", reply_to="vp@example.vn")
        assert smtp_server.messages == []
    [message] = smtp_server.messages
    assert message["To"] == "hoi@example.vn"
    assert message["Subject"] == SUBJECT
    assert message["Reply-To"] == "vp@example.vn"
    assert message["From"] == "Cổng thông tin <no-reply@localhost>"
    assert message.get_body(("plain",)).get_content().splitlines() == BODY.splitlines()
    assert "<b>đã được tiếp nhận</b>" in message.get_body(("html",)).get_content()
    row = Message.objects.get()
    assert (row.status, row.attempts, row.last_error) == (Message.Status.SENT, 1, "")
    assert row.sent_at is not None


def test_a_rolled_back_transaction_sends_nothing(smtp_server):
    """The row goes with the rollback and no e-mail leaves."""

    @transaction.atomic
    def save_that_fails():
        queue()
        raise RuntimeError

    with pytest.raises(RuntimeError):
        save_that_fails()
    assert Message.objects.count() == 0
    assert smtp_server.received == []


def test_one_message_per_recipient(smtp_server):
    """Several recipients get one message each; nobody sees the others' addresses."""
    queue(to=["a@example.vn", "b@example.vn"])
    assert sorted(rcpt for rcpt, _ in smtp_server.received) == [["a@example.vn"], ["b@example.vn"]]
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.vn", "b@example.vn"]


def test_server_down_the_caller_commits_and_a_retry_sends(smtp_server_down, caplog):
    """With no mail server the save commits, the message waits with its error and the
    address (nothing else) in the log, and goes on the first retry once the server is up."""
    with caplog.at_level(logging.WARNING, logger="outbox"), transaction.atomic():
        SpecialDay.objects.create(date=date(2026, 1, 2), kind="day_off", name="Nghỉ bù")
        queue()
    assert SpecialDay.objects.filter(date=date(2026, 1, 2)).exists()
    row = Message.objects.get()
    assert (row.status, row.attempts) == (Message.Status.QUEUED, 1)
    assert "ConnectionRefusedError" in row.last_error
    log = caplog.text
    assert "hoi@example.vn" in log
    assert "HD-2026" not in log
    assert "Nguyễn" not in log

    smtp_server_down.start()
    now = timezone.now()
    assert delivery.send_due(now=now) == 0  # not due yet: the first retry waits a minute
    assert delivery.send_due(now=now + timedelta(minutes=2)) == 1
    assert [m["Subject"] for m in smtp_server_down.messages] == [SUBJECT]
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Message.Status.SENT, 2, "")


def test_send_outbox_command_retries_what_is_due(smtp_server_down, capsys):
    """`manage.py send_outbox` is the retry: it sends what waited and says so."""
    queue()
    smtp_server_down.start()
    Message.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("send_outbox")
    assert capsys.readouterr().out.strip() == "outbox: 1 sent, 0 waiting"
    assert len(smtp_server_down.messages) == 1


def test_a_connection_failure_stops_the_batch(smtp_server_down):
    """When the server is down, the first message records the failure; the others are
    not tried in vain, and stay due for the retry."""
    with transaction.atomic():
        queue(to=["a@example.vn", "b@example.vn", "c@example.vn"])
    attempts = sorted(Message.objects.values_list("attempts", flat=True))
    assert attempts == [0, 0, 1]
    smtp_server_down.start()
    assert delivery.send_due() == 2  # the two never tried are due at once


def test_a_refused_recipient_does_not_hold_up_the_others(smtp_server):
    """A 550 for one address leaves that message queued; the next one is still sent."""
    smtp_server.refuse.add("khong-ton-tai@example.vn")
    queue(to=["khong-ton-tai@example.vn", "hoi@example.vn"])
    assert [m["To"] for m in smtp_server.messages] == ["hoi@example.vn"]
    refused = Message.objects.get(to="khong-ton-tai@example.vn")
    assert refused.status == Message.Status.QUEUED
    assert "SMTPRecipientsRefused" in refused.last_error


def test_a_slow_server_costs_at_most_the_timeout(settings):
    """A server that accepts the connection and never answers: the caller gets control
    back after EMAIL_TIMEOUT and the message waits for the retry."""
    from tests.smtp import SMTPServer

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", SMTPServer().port))
        silent.listen(5)
        SMTPServer(silent.getsockname()[1]).use_in(settings)
        settings.EMAIL_TIMEOUT = 1
        queue()
    row = Message.objects.get()
    assert row.status == Message.Status.QUEUED
    assert "timed out" in row.last_error.lower()


def test_gives_up_after_the_last_attempt_and_the_admin_can_retry(smtp_server_down, settings):
    """After OUTBOX_MAX_ATTEMPTS failures the message is "Không gửi được" and the periodic
    retry leaves it; "retry now" still sends it once the server is back."""
    settings.OUTBOX_MAX_ATTEMPTS = 2
    queue()
    later = timezone.now() + timedelta(hours=1)
    delivery.send_due(now=later)
    row = Message.objects.get()
    assert (row.status, row.attempts) == (Message.Status.FAILED, 2)
    smtp_server_down.start()
    assert delivery.send_due(now=later + timedelta(days=1)) == 0
    assert delivery.retry_now(Message.objects.all()) == 1
    assert len(smtp_server_down.messages) == 1


def test_a_message_is_sent_once_even_if_delivered_twice(smtp_server):
    """Two senders racing for one row (commit hook and periodic retry): one e-mail."""
    [row] = queue()
    assert delivery.deliver([row.pk]) == 0
    assert delivery.send_due() == 0
    assert len(smtp_server.messages) == 1


def test_sent_messages_are_forgotten_after_the_keeping_time(smtp_server, settings):
    """Sent rows go after OUTBOX_KEEP_SENT_DAYS; unsent ones stay."""
    settings.OUTBOX_KEEP_SENT_DAYS = 30
    queue()
    smtp_server.refuse.add("doi@example.vn")
    queue(to="doi@example.vn")
    delivery.send_due(now=timezone.now() + timedelta(days=29))
    assert Message.objects.filter(status=Message.Status.SENT).count() == 1
    delivery.send_due(now=timezone.now() + timedelta(days=31))
    assert list(Message.objects.values_list("to", flat=True)) == ["doi@example.vn"]


def test_a_bad_address_is_refused_before_anything_is_queued():
    with pytest.raises(ValidationError):
        queue(to=["hoi@example.vn", "not an address"])
    assert Message.objects.count() == 0


def test_a_newline_in_the_subject_cannot_add_a_header(smtp_server):
    """Subjects are folded to one line, so no header can be smuggled in."""
    queue(subject="Câu hỏi\nBcc: ke-xau@example.vn")
    [message] = smtp_server.messages
    assert message["Subject"] == "Câu hỏi Bcc: ke-xau@example.vn"
    assert message["Bcc"] is None
    assert [rcpt for rcpt, _ in smtp_server.received] == [["hoi@example.vn"]]

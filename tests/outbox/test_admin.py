import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

import outbox
from outbox.models import Message

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("quantri", password="x"))
    return client


def test_superuser_sees_status_attempts_and_error(superuser_client, smtp_server_down):
    """The list shows who waits for what and why, in Vietnamese."""
    outbox.enqueue(to="hoi@example.vn", subject="Đã nhận câu hỏi", body="…")
    page = superuser_client.get(reverse("admin:outbox_message_changelist")).content.decode()
    assert "hoi@example.vn" in page
    assert "Chờ gửi" in page
    assert "ConnectionRefusedError" in page
    assert "Gửi lại ngay các thư đã chọn" in page


def test_retry_now_sends_and_reports(superuser_client, smtp_server_down):
    """ "Gửi lại ngay" sends the selected messages once the server is back."""
    [row] = outbox.enqueue(to="hoi@example.vn", subject="Đã nhận câu hỏi", body="…")
    smtp_server_down.start()
    response = superuser_client.post(
        reverse("admin:outbox_message_changelist"),
        {"action": "retry_selected", "_selected_action": [row.pk]},
        follow=True,
    )
    assert "Đã gửi 1 thư." in response.content.decode()
    assert len(smtp_server_down.messages) == 1
    row.refresh_from_db()
    assert row.status == Message.Status.SENT


def test_the_outbox_is_for_superusers_only(client):
    """Staff with every outbox permission still cannot read other people's mail."""
    staff = User.objects.create_user("bientap", password="x", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="outbox"))
    client.force_login(staff)
    assert client.get(reverse("admin:outbox_message_changelist")).status_code == 403


def test_messages_cannot_be_edited_or_added(superuser_client, smtp_server):
    """Read-only: no add page, no save button on a message."""
    [row] = outbox.enqueue(to="hoi@example.vn", subject="Đã nhận", body="…")
    assert superuser_client.get(reverse("admin:outbox_message_add")).status_code == 403
    page = superuser_client.get(reverse("admin:outbox_message_change", args=[row.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

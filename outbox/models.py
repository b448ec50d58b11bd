from datetime import timedelta

from django.db import models


class MessageQuerySet(models.QuerySet):
    def due(self, now):
        """Queued messages whose next attempt has come."""
        return self.filter(status=Message.Status.QUEUED, next_attempt_at__lte=now)


class Message(models.Model):
    """One e-mail to one recipient, kept until it is sent (and a while after)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Không gửi được"

    to = models.EmailField("người nhận", max_length=254)
    from_email = models.CharField("người gửi", max_length=254, blank=True)
    reply_to = models.EmailField("trả lời về", max_length=254, blank=True)
    subject = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung")
    html = models.TextField("nội dung HTML", blank=True)
    topic = models.CharField(
        "loại thư", max_length=100, blank=True, help_text="Ví dụ: questions.receipt"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    last_error = models.CharField("lỗi gần nhất", max_length=500, blank=True)
    next_attempt_at = models.DateTimeField("thử lại lúc")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thư điện tử"
        verbose_name_plural = "thư điện tử đi"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sent", "failed"]),
                name="outbox_message_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_message_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @staticmethod
    def backoff(attempts: int) -> timedelta:
        """Wait 1, 2, 4… minutes after each failure, at most 6 hours."""
        return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))

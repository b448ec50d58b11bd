"""Hỏi – đáp: questions from the public, answered on a clock everyone can see.

A question moves through the statuses below only by `questions.workflow`, which writes a
`QuestionTransition` for every step. The asker's contact data (name, e-mail, phone,
organization) is private: public pages show `asker_initials` and the organization type
only, and `anonymise_questions` clears the contact data once the retention period after
closing has passed (docs/questions.md).
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

import vntext
from recording.records import Record
from richtext.fields import RichTextField
from richtext.sanitize import clean_html, html_to_text
from vntext.workdays import WorkCalendar, add_working_days


class Topic(models.Model):
    """Lĩnh vực: the admin-editable list the asker picks from."""

    name = models.CharField("tên lĩnh vực", max_length=150, unique=True)
    slug = models.SlugField("đường dẫn", max_length=160, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField(
        "đang dùng", default=True, help_text="Bỏ chọn để không hiện trong mẫu gửi câu hỏi."
    )

    class Meta:
        verbose_name = "lĩnh vực hỏi đáp"
        verbose_name_plural = "lĩnh vực hỏi đáp"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("questions:topic", kwargs={"topic": self.slug})


class Department(models.Model):
    """A ban or office of the Đảng ủy Khối that questions are assigned to."""

    name = models.CharField("tên", max_length=150, unique=True)
    short_name = models.CharField("tên viết tắt", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "ban, đơn vị xử lý"
        verbose_name_plural = "ban, đơn vị xử lý"
        ordering = ["order", "name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("questions:list")


class ReceiptSequence(models.Model):
    """The last receipt number given in a year: HD-2026-00042 is number 42 of 2026."""

    year = models.PositiveSmallIntegerField("năm", primary_key=True)
    last_number = models.PositiveIntegerField("số cuối", default=0)

    class Meta:
        verbose_name = "dãy số biên nhận"
        verbose_name_plural = "dãy số biên nhận"
        ordering = ["year"]

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    def get_absolute_url(self):
        return reverse("questions:lookup")


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """The answers of general interest, shown at /hoi-dap/."""
        return self.filter(status=Question.Status.ANSWERED, is_published=True)

    def open(self):
        return self.filter(status__in=Question.OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)

    def due_soon(self, today=None, days: int = 3):
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today, due_on__lte=add_working_days(today, days))

    def closed_before(self, moment):
        return self.filter(status__in=Question.CLOSED_STATUSES, closed_at__lt=moment)

    def without_contact(self):
        """Public pages never even load the asker's contact data."""
        return self.defer(*Question.CONTACT_FIELDS)

    def for_list(self):
        return self.select_related("topic").only(
            "pk",
            "code_year",
            "code_number",
            "title",
            "search_text",
            "asker_initials",
            "organization_type",
            "received_at",
            "answered_at",
            "published_at",
            "topic__name",
            "topic__slug",
        )

    def search(self, text: str):
        words = vntext.fold(text).split()[:10]
        queryset = self
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class Question(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "Mới"
        RECEIVED = "received", "Đã tiếp nhận"
        IN_PROGRESS = "in_progress", "Đang xử lý"
        ANSWERED = "answered", "Đã trả lời"
        OUT_OF_SCOPE = "out_of_scope", "Không thuộc thẩm quyền"
        DUPLICATE = "duplicate", "Trùng lặp"
        SPAM = "spam", "Spam"

    class OrganizationType(models.TextChoices):
        PARTY = "party", "Cán bộ, đảng viên"
        AGENCY = "agency", "Cơ quan, đơn vị sự nghiệp"
        ENTERPRISE = "enterprise", "Doanh nghiệp"
        UNION = "union", "Đoàn thể, hội"
        CITIZEN = "citizen", "Người dân"

    CONTACT_FIELDS = ("asker_name", "asker_email", "asker_phone", "asker_organization")
    OPEN_STATUSES = (Status.NEW, Status.RECEIVED, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.ANSWERED, Status.OUT_OF_SCOPE, Status.DUPLICATE, Status.SPAM)

    code_year = models.PositiveSmallIntegerField("năm biên nhận", editable=False)
    code_number = models.PositiveIntegerField("số biên nhận", editable=False)
    # Private contact data: never on a public page, feed or sitemap; cleared by anonymising.
    asker_name = models.CharField("họ và tên", max_length=120, blank=True)
    asker_email = models.EmailField("thư điện tử", max_length=200, blank=True)
    asker_phone = models.CharField("điện thoại", max_length=30, blank=True)
    asker_organization = models.CharField("cơ quan, đơn vị", max_length=200, blank=True)
    # What the public sees of the asker.
    asker_initials = models.CharField("tên viết tắt", max_length=12, blank=True, editable=False)
    organization_type = models.CharField(
        "đối tượng", max_length=16, choices=OrganizationType.choices, blank=True
    )
    topic = models.ForeignKey(
        Topic, verbose_name="lĩnh vực", related_name="questions", on_delete=models.PROTECT
    )
    title = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung câu hỏi")
    consent_at = models.DateTimeField("đồng ý xử lý dữ liệu lúc", null=True, editable=False)

    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.NEW, editable=False
    )
    department = models.ForeignKey(
        Department,
        verbose_name="ban xử lý",
        related_name="questions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    received_at = models.DateTimeField("nhận lúc", default=timezone.now, editable=False)
    due_on = models.DateField("hạn trả lời", editable=False)
    answer = RichTextField("nội dung trả lời", blank=True)
    answered_by = models.CharField(
        "đơn vị trả lời",
        max_length=200,
        blank=True,
        help_text="Hiện dưới câu trả lời, ví dụ «Ban Tổ chức Đảng ủy Khối».",
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True, editable=False)
    referral = models.TextField(
        "nơi có thẩm quyền",
        blank=True,
        help_text="Khi câu hỏi không thuộc thẩm quyền: cơ quan người hỏi nên liên hệ.",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="trùng với câu hỏi",
        related_name="duplicates",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    closed_at = models.DateTimeField("đóng lúc", null=True, blank=True, editable=False)
    is_published = models.BooleanField("công khai", default=False, editable=False)
    published_at = models.DateTimeField("công khai lúc", null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField("ẩn danh lúc", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Folded title, question and answer (no diacritics, lower case) for search.
    search_text = models.TextField("nội dung không dấu", blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi"
        ordering = ["-received_at", "-pk"]
        permissions = [
            ("handle_question", "Tiếp nhận, phân công, trả lời câu hỏi"),
            ("publish_question", "Công khai và gỡ câu trả lời"),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="questions_status_due"),
            models.Index(fields=["is_published", "-published_at"], name="questions_public"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["code_year", "code_number"], name="questions_code"),
            models.CheckConstraint(
                condition=~Q(is_published=True) | Q(status="answered"),
                name="questions_published_is_answered",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def save(self, *args, **kwargs):
        self.answer = clean_html(self.answer)
        self.search_text = vntext.fold(" ".join([self.title, self.body, html_to_text(self.answer)]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", kwargs={"pk": self.pk})

    @property
    def code(self) -> str:
        return f"HD-{self.code_year}-{self.code_number:05d}"

    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_answered(self) -> bool:
        return self.status == self.Status.ANSWERED

    def is_out_of_scope(self) -> bool:
        return self.status == self.Status.OUT_OF_SCOPE

    def is_public(self) -> bool:
        return self.status == self.Status.ANSWERED and self.is_published

    def days_left(self, today=None, calendar: WorkCalendar | None = None) -> int | None:
        """Working days until the deadline (negative once overdue); None when closed.

        A list of questions passes one loaded `calendar`, so it costs one query.
        """
        if not self.is_open():
            return None
        calendar = calendar or WorkCalendar.load()
        return calendar.working_days_between(today or timezone.localdate(), self.due_on)

    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.due_on


def initials(name: str) -> str:
    """ "Nguyễn Thị Thu Hà" → "N.T.T.H." (what the public sees of an asker)."""
    letters = [word[0].upper() for word in (name or "").split() if word[:1].isalpha()]
    return "".join(f"{letter}." for letter in letters[:6])


class QuestionTransition(Record):
    """One step of a question, written by `questions.workflow`: who, when, what, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Gửi câu hỏi"
        ACCEPT = "accept", "Tiếp nhận"
        ASSIGN = "assign", "Giao ban xử lý"
        START = "start", "Bắt đầu xử lý"
        ANSWER = "answer", "Trả lời"
        DECLINE = "decline", "Không thuộc thẩm quyền"
        DUPLICATE = "duplicate", "Trùng lặp"
        SPAM = "spam", "Spam"
        PUBLISH = "publish", "Công khai"
        UNPUBLISH = "unpublish", "Gỡ khỏi trang công khai"
        ANONYMISE = "anonymise", "Ẩn danh người hỏi"

    question = models.ForeignKey(
        Question, verbose_name="câu hỏi", related_name="transitions", on_delete=models.CASCADE
    )
    action = models.CharField("thao tác", max_length=16, choices=Action.choices)
    from_status = models.CharField(
        "từ trạng thái", max_length=16, choices=Question.Status.choices, blank=True
    )
    to_status = models.CharField("sang trạng thái", max_length=16, choices=Question.Status.choices)

    record_of = "question"

    class Meta(Record.Meta):
        verbose_name = "bước xử lý"
        verbose_name_plural = "lịch sử xử lý câu hỏi"

    def __str__(self):
        return f"{self.question.code}: {self.action}"

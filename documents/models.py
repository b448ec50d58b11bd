"""Văn bản: the documents library (resolutions, directives, plans...) and their files.

Visibility is named once: `Document.objects.public()` (published and public). Internal
documents ("Lưu hành nội bộ") are for staff only and never reach a public page, feed,
sitemap or search. Validity (chưa có hiệu lực / còn hiệu lực / hết hiệu lực / bị thay
thế) is derived from the dates and the replacement chain, never typed:
`Document.validity()` for one, `DocumentQuerySet.with_validity()` for many.
docs/documents.md.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone

import vntext
from documents import files
from documents.codes import code_key, fold_words
from documents.storage import generated_name, get_document_storage
from recording import user_field
from richtext.fields import RichTextField


class Kind(models.Model):
    """Thể loại: Nghị quyết, Chỉ thị, Kế hoạch... (seeded; editable in the admin)."""

    name = models.CharField("tên thể loại", max_length=100, unique=True)
    abbreviation = models.CharField(
        "viết tắt", max_length=10, blank=True, help_text="Như trong số ký hiệu: NQ, CT, KH..."
    )
    slug = models.SlugField("đường dẫn", max_length=120, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "thể loại văn bản"
        verbose_name_plural = "thể loại văn bản"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or vntext.slugify(self.name, max_length=120, fallback="the-loai")
        super().save(*args, **kwargs)


class Subject(models.Model):
    """Lĩnh vực: xây dựng Đảng, tổ chức – cán bộ, kiểm tra – giám sát..."""

    name = models.CharField("tên lĩnh vực", max_length=150, unique=True)
    slug = models.SlugField("đường dẫn", max_length=160, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or vntext.slugify(self.name, max_length=160, fallback="linh-vuc")
        super().save(*args, **kwargs)


class Issuer(models.Model):
    """Cơ quan ban hành: the Central Committee, the Tỉnh ủy, the Đảng ủy Khối, a TCCS..."""

    class Level(models.TextChoices):
        CENTRAL = "trung-uong", "Trung ương"
        PROVINCE = "tinh-uy", "Tỉnh ủy"
        BLOC = "dang-uy-khoi", "Đảng ủy Khối"
        GRASSROOTS = "co-so", "Cơ sở"

    name = models.CharField("tên cơ quan", max_length=200, unique=True)
    abbreviation = models.CharField(
        "viết tắt", max_length=20, blank=True, help_text="Như trong số ký hiệu: TW, TU, ĐUK..."
    )
    slug = models.SlugField("đường dẫn", max_length=200, unique=True)
    level = models.CharField("cấp", max_length=16, choices=Level.choices)
    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name="tổ chức đảng",
        related_name="document_issuer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Khi cơ quan là một tổ chức đảng trong sơ đồ: trang tổ chức sẽ liệt kê văn bản.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or vntext.slugify(self.name, max_length=200, fallback="co-quan")
        super().save(*args, **kwargs)


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Document.Status.PUBLISHED)

    def public(self):
        """What the public may see: published, and not "lưu hành nội bộ"."""
        return self.published().filter(visibility=Document.Visibility.PUBLIC)

    def newest_first(self):
        return self.order_by("-issued_on", "-pk")

    def for_list(self):
        """Only what a list row (code, title, kind, issuer, dates, validity) shows."""
        return self.select_related("kind", "issuer").only(
            "id",
            "code",
            "title",
            "slug",
            "issued_on",
            "effective_from",
            "effective_until",
            "replaces",
            "kind__id",
            "kind__name",
            "issuer__id",
            "issuer__name",
            "issuer__abbreviation",
        )

    def with_validity(self, on: date | None = None):
        """Annotate `validity_code`, the same rule as `Document.validity()`, for lists."""
        on = on or timezone.localdate()
        return self.annotate(validity_code=validity_expression(on))

    def with_validity_code(self, code: str, on: date | None = None):
        return self.with_validity(on).filter(validity_code=code)

    def bulk_create(self, objs, *args, **kwargs):
        # The row's derived values (code key, year, search text) are kept here too.
        objs = list(objs)
        for obj in objs:
            obj.derive()
        return super().bulk_create(objs, *args, **kwargs)


def replacement_in_force(on: date):
    """A published document that replaces the outer one and has taken effect by `on`."""
    return Exists(
        Document.objects.filter(
            replaces=OuterRef("pk"), status=Document.Status.PUBLISHED, effective_from__lte=on
        )
    )


def validity_expression(on: date):
    V = Document.Validity
    return Case(
        When(replacement_in_force(on), then=Value(V.REPLACED)),
        When(effective_from__gt=on, then=Value(V.NOT_YET)),
        When(effective_until__lt=on, then=Value(V.EXPIRED)),
        default=Value(V.IN_FORCE),
        output_field=models.CharField(),
    )


class Document(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Chưa công bố"
        PUBLISHED = "published", "Đã công bố"
        WITHDRAWN = "withdrawn", "Đã thu hồi"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Công khai"
        INTERNAL = "internal", "Lưu hành nội bộ"

    class Validity(models.TextChoices):
        NOT_YET = "chua-co-hieu-luc", "Chưa có hiệu lực"
        IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
        EXPIRED = "het-hieu-luc", "Hết hiệu lực"
        REPLACED = "bi-thay-the", "Bị thay thế"

    code = models.CharField(
        "số ký hiệu", max_length=60, help_text="Ví dụ: 05-CT/TW, 12-NQ/ĐUK, 149-KH/ĐUK."
    )
    title = models.CharField("trích yếu", max_length=500)
    slug = models.SlugField("đường dẫn", max_length=200, blank=True, editable=False)
    kind = models.ForeignKey(
        Kind, verbose_name="thể loại", related_name="documents", on_delete=models.PROTECT
    )
    subjects = models.ManyToManyField(
        Subject, verbose_name="lĩnh vực", related_name="documents", blank=True
    )
    issuer = models.ForeignKey(
        Issuer, verbose_name="cơ quan ban hành", related_name="documents", on_delete=models.PROTECT
    )
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    signer_title = models.CharField(
        "chức vụ người ký",
        max_length=150,
        blank=True,
        help_text="Như in trên văn bản: T/M BAN THƯỜNG VỤ, BÍ THƯ.",
    )
    issued_on = models.DateField("ngày ban hành")
    effective_from = models.DateField(
        "ngày có hiệu lực", blank=True, help_text="Để trống: có hiệu lực từ ngày ban hành."
    )
    effective_until = models.DateField(
        "ngày hết hiệu lực",
        null=True,
        blank=True,
        help_text="Ngày cuối cùng văn bản còn hiệu lực; để trống nếu không hạn.",
    )
    summary = RichTextField("tóm tắt", blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name="thay thế cho",
        related_name="replaced_by",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        error_messages={"unique": "Văn bản này đã được một văn bản khác thay thế."},
    )
    amends = models.ManyToManyField(
        "self",
        verbose_name="sửa đổi, bổ sung",
        related_name="amended_by",
        symmetrical=False,
        blank=True,
    )
    related_documents = models.ManyToManyField(
        "self", verbose_name="văn bản liên quan", symmetrical=True, blank=True
    )
    visibility = models.CharField(
        "phạm vi", max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)
    withdrawn_by = user_field("người thu hồi", blank=True, editable=False)
    withdrawal_reason = models.TextField("lý do thu hồi", blank=True, editable=False)
    download_count = models.PositiveIntegerField("lượt tải", default=0, editable=False)
    created_by = user_field("người tạo", related_name="documents", blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Derived, never typed: the code as it is compared, the year it counts in, and the
    # folded search text (code, kind, title: `search_head`; the rest and the files' text:
    # `search_body`). docs/documents.md, "Search".
    code_key = models.CharField("số ký hiệu để so", max_length=80, editable=False)
    issued_year = models.PositiveSmallIntegerField("năm ban hành", editable=False)
    file_text = models.TextField("chữ trong tệp", blank=True, editable=False)
    search_head = models.TextField("số ký hiệu, trích yếu không dấu", blank=True, editable=False)
    search_body = models.TextField("nội dung không dấu", blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-pk"]
        permissions = [
            ("publish_document", "Công bố và thu hồi văn bản"),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "-issued_on"], name="documents_public"),
            models.Index(fields=["code_key"], name="documents_code_key"),
            models.Index(fields=["updated_at"], name="documents_updated_at"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "issued_year", "code_key"],
                name="documents_unique_code_per_issuer_year",
                violation_error_message=(
                    "Cơ quan ban hành này đã có một văn bản cùng số ký hiệu trong cùng năm: "
                    "một số ký hiệu không được đăng ký hai lần."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=models.F("effective_from")),
                name="documents_expires_after_effective",
                violation_error_message="Ngày hết hiệu lực phải sau hoặc trùng ngày có hiệu lực.",
            ),
            models.CheckConstraint(
                condition=~Q(replaces=models.F("pk")),
                name="documents_not_replacing_itself",
                violation_error_message="Văn bản không thể thay thế cho chính nó.",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.title}" if self.code else self.title

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:document_detail", kwargs={"slug": self.slug, "pk": self.pk})

    def derive(self):
        """The row's own derived values: slug, code key, year, folded search text."""
        self.code = vntext.normalize(self.code).strip()
        self.title = vntext.normalize(self.title).strip()
        if self.effective_from is None:
            self.effective_from = self.issued_on
        self.slug = vntext.slugify(self.title, max_length=120, fallback="van-ban")
        self.code_key = code_key(self.code)
        if self.issued_on:
            self.issued_year = self.issued_on.year
        kind = self.kind.name if self.kind_id else ""
        self.search_head = fold_words(f"{self.code} {kind} {self.title}")
        self.search_body = fold_words(f"{self.summary} {self.signer_name} {self.signer_title}") + (
            f" {self.file_text}" if self.file_text else ""
        )

    def clean(self):
        super().clean()
        if not self.issued_on:
            return
        self.derive()
        errors = {}
        if not self.code_key:
            errors["code"] = "Số ký hiệu phải có chữ hoặc số, ví dụ 05-CT/TW."
        if self.effective_until and self.effective_until < self.effective_from:
            errors["effective_until"] = "Ngày hết hiệu lực phải sau hoặc trùng ngày có hiệu lực."
        errors.update(self._chain_errors())
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # A form leaves the fields it does not show (the derived code key and year) out
        # of the constraint checks; the code's uniqueness is checked all the same.
        if exclude:
            exclude = set(exclude) - {"code_key", "issued_year"}
        super().validate_constraints(exclude=exclude)

    def _chain_errors(self) -> dict[str, str]:
        old = self.replaces
        if old is None:
            return self._replaced_by_errors()
        if self.pk and old.pk == self.pk:
            return {"replaces": "Văn bản không thể thay thế cho chính nó."}
        if old.issued_on >= self.issued_on:
            return {
                "replaces": f"Văn bản thay thế phải ban hành sau văn bản bị thay thế "
                f"({old.code} ban hành ngày {old.issued_on:%d/%m/%Y})."
            }
        seen = {self.pk} if self.pk else set()
        link = old
        while link is not None:
            if link.pk in seen:
                return {
                    "replaces": "Chuỗi thay thế bị khép vòng: văn bản này đã (gián tiếp) "
                    "thay thế văn bản được chọn."
                }
            seen.add(link.pk)
            link = link.replaces
        return self._replaced_by_errors()

    def _replaced_by_errors(self) -> dict[str, str]:
        newer = self.replacement
        if newer is not None and newer.issued_on <= self.issued_on:
            return {
                "issued_on": f"Văn bản này đã bị {newer.code} (ban hành ngày "
                f"{newer.issued_on:%d/%m/%Y}) thay thế: ngày ban hành phải trước ngày đó."
            }
        return {}

    @property
    def replacement(self):
        """The document that replaces this one, if any (published or not)."""
        if self.pk is None:
            return None
        try:
            return self.replaced_by
        except Document.DoesNotExist:
            return None

    def validity(self, on: date | None = None) -> "Document.Validity":
        """The same rule as `validity_expression`: the replacement first, then the dates."""
        on = on or timezone.localdate()
        newer = self.replacement
        if (
            newer is not None
            and newer.status == self.Status.PUBLISHED
            and newer.effective_from <= on
        ):
            return self.Validity.REPLACED
        if self.effective_from > on:
            return self.Validity.NOT_YET
        if self.effective_until is not None and self.effective_until < on:
            return self.Validity.EXPIRED
        return self.Validity.IN_FORCE

    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.visibility == self.Visibility.PUBLIC

    def refresh_file_text(self):
        """Gather the text of this document's files into its search text, and save."""
        texts = [
            text
            for text in self.files.order_by("order", "pk").values_list("text", flat=True)
            if text
        ]
        text = " ".join(texts)
        limit = settings.DOCUMENT_TEXT_MAX_CHARS
        self.file_text = text[:limit].rsplit(" ", 1)[0] if len(text) > limit else text
        self.save(update_fields=["file_text", "search_head", "search_body", "updated_at"])


class DocumentFile(files.CheckedFile, models.Model):
    """One file of a document (the full text, an appendix...), checked by its content."""

    document = models.ForeignKey(
        Document, verbose_name="văn bản", related_name="files", on_delete=models.CASCADE
    )
    file = models.FileField(
        "tệp",
        storage=get_document_storage,
        upload_to=generated_name,
        max_length=200,
        help_text=f"{files.ACCEPTED}; tối đa {settings.DOCUMENT_MAX_BYTES // (1024 * 1024)} MB. "
        "Tệp có macro, HTML, SVG, mã lệnh đều bị từ chối.",
    )
    label = models.CharField(
        "tên hiển thị", max_length=200, blank=True, help_text="Ví dụ: Toàn văn, Phụ lục 1."
    )
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True, editable=False)
    file_type = models.CharField(
        "định dạng",
        max_length=8,
        choices=[(k, v[0]) for k, v in files.TYPES.items()],
        editable=False,
    )
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    pages = models.PositiveIntegerField("số trang", null=True, blank=True, editable=False)
    is_scan = models.BooleanField(
        "bản quét (chỉ có ảnh)",
        default=False,
        editable=False,
        help_text="Tệp PDF không có chữ: nội dung không tìm kiếm được.",
    )
    text = models.TextField("chữ trong tệp (không dấu)", blank=True, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    created_at = models.DateTimeField("tải lên lúc", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "tệp văn bản"
        verbose_name_plural = "tệp văn bản"
        ordering = ["order", "pk"]

    download_fallback = "van-ban"

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse(
            "documents:file_download", kwargs={"pk": self.pk, "name": self.download_name}
        )

    def record(self, facts):
        super().record(facts)
        self.pages = facts.pages
        self.is_scan = facts.is_scan
        self.text = facts.text


class ReplacedFile(models.Model):
    """A file that a document had before a keeper replaced it: kept, never deleted."""

    document_file = models.ForeignKey(
        DocumentFile, verbose_name="tệp", related_name="history", on_delete=models.CASCADE
    )
    file = models.FileField("tệp cũ", storage=get_document_storage, max_length=200)
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    file_type = models.CharField("định dạng", max_length=8)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0)
    replaced_at = models.DateTimeField("thay lúc", default=timezone.now)
    replaced_by = user_field("người thay")

    class Meta:
        verbose_name = "tệp cũ đã thay"
        verbose_name_plural = "tệp cũ đã thay"
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return (
            f"{self.original_name} (thay lúc {timezone.localtime(self.replaced_at):%d/%m/%Y %H:%M})"
        )

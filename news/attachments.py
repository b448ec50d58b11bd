"""Tệp đính kèm: a press release PDF or a speech DOCX under an article (docs/newsroom.md).

The checks are the documents library's, by content, never by name
(`documents.files.inspect`: a PDF must open, an Office file must be what it claims;
HTML, SVG, scripts, macros and renamed files are refused), and the files live in its
storage outside `MEDIA_ROOT`, served by `news.views_topics.attachment_download`: to
everyone once the article is published, to those who may open the article before.
"""

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone

from documents import files
from documents.storage import get_document_storage


def attachment_name(instance, filename: str) -> str:
    """A name nobody chose, with the extension the content proved."""
    now = timezone.localtime()
    return f"bai-viet/{now:%Y/%m}/{uuid.uuid4().hex}.{instance.file_type or 'bin'}"


class ArticleAttachment(files.CheckedFile, models.Model):
    article = models.ForeignKey(
        "news.Article",
        verbose_name="bài viết",
        related_name="attachments",
        on_delete=models.CASCADE,
    )
    file = models.FileField(
        "tệp",
        storage=get_document_storage,
        upload_to=attachment_name,
        max_length=200,
        help_text=f"{files.ACCEPTED}. Tệp có macro, HTML, SVG, mã lệnh đều bị từ chối.",
    )
    label = models.CharField(
        "tên hiển thị",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Thông cáo báo chí, Toàn văn bài phát biểu.",
    )
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True, editable=False)
    file_type = models.CharField(
        "định dạng",
        max_length=8,
        choices=[(key, value[0]) for key, value in files.TYPES.items()],
        editable=False,
    )
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    created_at = models.DateTimeField("tải lên lúc", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["order", "pk"]

    download_fallback = "tep-dinh-kem"

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse(
            "news:attachment_download", kwargs={"pk": self.pk, "name": self.download_name}
        )

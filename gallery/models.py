"""Thư viện ảnh (albums of photos) and video.

What readers see is named once: `Album.objects.published()`, `Video.objects.published()`.
A Phóng viên uploads and edits unpublished albums and videos; a Biên tập viên publishes
(`gallery.publish_album`, `gallery.publish_video`), which `gallery.workflow` checks,
with the rule that every photo has its alt text. A video file is checked by its content
(`gallery.videos`). docs/gallery.md.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from gallery import videos
from recording import user_field
from safeimage import renditions
from safeimage.fields import SafeImageField
from vntext.fields import AutoSlugField

MISSING_ALT = "Ảnh của album đã xuất bản phải có mô tả (alt)."
PHOTO_HELP = (
    "JPEG, PNG hoặc WebP, tối đa 10 MB; ảnh được lưu lại không kèm thông tin máy ảnh, vị trí."
)


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Publication.Status.PUBLISHED)

    def newest_first(self):
        return self.order_by("-date", "-pk")


class Publication(models.Model):
    """What albums and videos share: a title, a day, related organizations, a state."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Chưa xuất bản"
        PUBLISHED = "published", "Đã xuất bản"

    title = models.CharField("tiêu đề", max_length=300)
    slug = AutoSlugField(
        "đường dẫn",
        max_length=200,
        populate_from="title",
        fallback="thu-vien",
        help_text="Để trống để tạo tự động từ tiêu đề.",
    )
    date = models.DateField("ngày", help_text="Ngày diễn ra sự kiện.")
    description = models.TextField("mô tả", blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField("xuất bản lúc", null=True, blank=True, editable=False)
    created_by = user_field("người tạo", blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class AlbumQuerySet(PublicationQuerySet):
    def for_cards(self):
        """What a card shows: the title, day, number of photos and the cover's id.

        `attach_covers()` then reads the covers in one query.
        """
        first = Photo.objects.filter(album=OuterRef("pk")).order_by("order", "pk").values("pk")
        return self.only("id", "title", "slug", "date", "cover").annotate(
            photo_total=Count("photos"), first_photo_id=Subquery(first[:1])
        )


def attach_covers(albums) -> list:
    """Give each album of a `for_cards()` list its `card_photo` (one query for all)."""
    albums = list(albums)
    ids = {album.cover_id or album.first_photo_id for album in albums} - {None}
    photos = Photo.objects.in_bulk(ids) if ids else {}
    for album in albums:
        album.card_photo = photos.get(album.cover_id or album.first_photo_id)
    return albums


class Album(Publication):
    organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name="tổ chức đảng liên quan",
        related_name="albums",
        blank=True,
    )
    cover = models.ForeignKey(
        "Photo",
        verbose_name="ảnh bìa",
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Để trống: ảnh đầu tiên của album.",
    )

    objects = AlbumQuerySet.as_manager()

    class Meta(Publication.Meta):
        verbose_name = "album ảnh"
        verbose_name_plural = "album ảnh"
        permissions = [("publish_album", "Xuất bản và gỡ album ảnh")]
        indexes = [models.Index(fields=["status", "-date"], name="gallery_album_public")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="gallery_album_published_has_date",
            ),
        ]

    def get_absolute_url(self):
        return reverse("gallery:album_detail", kwargs={"slug": self.slug, "pk": self.pk})

    def cover_photo(self, photos=None):
        """The chosen cover, else the first photo (from `photos` when already loaded)."""
        if self.cover_id:
            return self.cover
        photos = list(photos if photos is not None else self.photos.all()[:1])
        return photos[0] if photos else None


class Photo(models.Model):
    album = models.ForeignKey(
        Album, verbose_name="album", related_name="photos", on_delete=models.CASCADE
    )
    image = SafeImageField(
        "ảnh",
        upload_to="gallery/%Y/%m/",
        width_field="width",
        height_field="height",
        formats=("JPEG", "PNG", "WEBP"),
        help_text=PHOTO_HELP,
    )
    width = models.PositiveIntegerField("rộng", default=0, editable=False)
    height = models.PositiveIntegerField("cao", default=0, editable=False)
    caption = models.CharField("chú thích", max_length=500, blank=True)
    alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=300,
        blank=True,
        help_text="Bắt buộc trước khi xuất bản: tả ảnh cho người khiếm thị và máy tìm kiếm.",
    )
    photographer = models.CharField("người chụp", max_length=150, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    created_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.caption or self.alt or f"Ảnh {self.pk}"

    def get_absolute_url(self):
        album = self.album
        return reverse(
            "gallery:photo_detail",
            kwargs={"slug": album.slug, "pk": album.pk, "photo": self.pk},
        )

    def clean(self):
        super().clean()
        if not self.alt.strip() and self.album_id and self.album.is_published():
            raise ValidationError({"alt": MISSING_ALT})


def _video_name(instance, filename: str) -> str:
    """A name nobody chose, with the extension the content proved (gallery.videos)."""
    now = timezone.localtime()
    extension = "webm" if instance.mime_type == "video/webm" else "mp4"
    return f"video/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def _captions_name(instance, filename: str) -> str:
    now = timezone.localtime()
    return f"video/{now:%Y/%m}/{uuid.uuid4().hex}.vtt"


class Video(Publication):
    """An uploaded MP4/WebM (checked with ffprobe) or a YouTube address shown as a link."""

    organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name="tổ chức đảng liên quan",
        related_name="videos",
        blank=True,
    )
    file = models.FileField(
        "tệp video",
        upload_to=_video_name,
        max_length=200,
        blank=True,
        help_text="MP4 (H.264, AAC) hoặc WebM; máy chủ kiểm tra nội dung tệp, ảnh đại diện "
        "được lấy tự động từ video nếu bạn không tải lên.",
    )
    external_url = models.URLField(
        "hoặc địa chỉ YouTube",
        blank=True,
        help_text="Video trên YouTube: trang chỉ hiện ảnh đại diện và liên kết mở YouTube, "
        "không nhúng trình phát của bên thứ ba.",
    )
    poster = SafeImageField(
        "ảnh đại diện",
        upload_to="video/posters/%Y/%m/",
        width_field="poster_width",
        height_field="poster_height",
        formats=("JPEG", "PNG", "WEBP"),
        blank=True,
        help_text=PHOTO_HELP,
    )
    poster_width = models.PositiveIntegerField(default=0, editable=False)
    poster_height = models.PositiveIntegerField(default=0, editable=False)
    captions = models.FileField(
        "phụ đề (WebVTT)",
        upload_to=_captions_name,
        max_length=200,
        blank=True,
        help_text="Tệp .vtt tiếng Việt, cho người khiếm thính.",
    )
    transcript = models.TextField(
        "lời thoại", blank=True, help_text="Toàn văn lời trong video, hiện dưới video."
    )
    mime_type = models.CharField("định dạng", max_length=20, blank=True, editable=False)
    duration = models.FloatField("thời lượng (giây)", default=0, editable=False)
    width = models.PositiveIntegerField("rộng", default=0, editable=False)
    height = models.PositiveIntegerField("cao", default=0, editable=False)
    size = models.PositiveBigIntegerField("dung lượng", default=0, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta(Publication.Meta):
        verbose_name = "video"
        verbose_name_plural = "video"
        permissions = [("publish_video", "Xuất bản và gỡ video")]
        indexes = [models.Index(fields=["status", "-date"], name="gallery_video_public")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="gallery_video_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(file="") ^ Q(external_url=""),
                name="gallery_video_file_or_link",
                violation_error_message="Hãy tải lên một tệp video hoặc ghi một địa chỉ "
                "YouTube (một trong hai).",
            ),
        ]

    def get_absolute_url(self):
        return reverse("gallery:video_detail", kwargs={"slug": self.slug, "pk": self.pk})

    @cached_property
    def poster_src(self) -> str:
        """What `<video poster>` shows, one address (the attribute takes no `srcset`): the
        800-wide WebP rendition, what a phone's player wants at a device scale factor of 2
        (the original when narrower; docs/gallery.md)."""
        picture = renditions.describe(self.poster)
        if picture is None:
            return self.poster.url if self.poster else ""
        return picture.fallback(800, "WEBP").url

    @property
    def youtube_id(self) -> str:
        return videos.youtube_id(self.external_url)

    def get_mime_type_label(self) -> str:
        return {"video/mp4": "MP4", "video/webm": "WebM"}.get(self.mime_type, "")

    @property
    def minutes(self) -> str:
        """The duration as the player shows it ("1:05")."""
        seconds = round(self.duration)
        return f"{seconds // 60}:{seconds % 60:02d}"

    def clean(self):
        super().clean()
        if self.external_url and not self.youtube_id:
            raise ValidationError({"external_url": "Chỉ nhận địa chỉ video YouTube."})
        if self.file and not getattr(self.file, "_committed", True):
            self._take_file(self.file.file)
        if self.captions and not getattr(self.captions, "_committed", True):
            try:
                videos.check_webvtt(self.captions.file)
            except videos.VideoRefused as refusal:
                raise ValidationError({"captions": str(refusal)}) from None

    def _take_file(self, upload):
        """Check a new file with ffprobe; keep what it tells and, if none, a poster frame."""
        if upload.size > videos.max_bytes():
            raise ValidationError({"file": videos.too_big_message(upload.size)})
        try:
            with videos.local_path(upload) as path:
                info = videos.inspect(path)
                poster = None if self.poster else videos.poster_jpeg(path, info.duration)
        except videos.VideoRefused as refusal:
            raise ValidationError({"file": str(refusal)}, code="not_a_video") from None
        self.mime_type = info.container.mime_type
        self.duration, self.width, self.height = info.duration, info.width, info.height
        self.size = upload.size
        if poster:
            self.poster = ContentFile(poster, name="poster.jpg")


class Transition(models.Model):
    """One publication or withdrawal, written by `gallery.workflow` (the audit trail reads it)."""

    class Action(models.TextChoices):
        PUBLISHED = "published", "Xuất bản"
        UNPUBLISHED = "unpublished", "Gỡ xuống"

    album = models.ForeignKey(
        Album,
        verbose_name="album",
        related_name="transitions",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )

    video = models.ForeignKey(
        "Video",
        verbose_name="video",
        related_name="transitions",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    action = models.CharField("thao tác", max_length=16, choices=Action.choices)
    actor = user_field("người thực hiện", blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lượt xuất bản"
        verbose_name_plural = "lượt xuất bản"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"], name="gallery_transition_at")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.album or self.video or ''}"

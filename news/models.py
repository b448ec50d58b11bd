"""News: categories, articles and the record of their editorial life.

Visibility is named once: `Article.objects.published()` (status published and
`published_at` reached). Status changes go through `news.workflow`, which checks
permissions and writes an `ArticleTransition`; the plain ORM stays usable for
fixtures, imports and tests.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone

from news import membership
from news.fields import AutoSlugField, DerivedFieldsQuerySet, FoldedTextField
from recording import user_field
from recording.records import Record, Revision
from richtext.fields import RichTextField
from safeimage.fields import SafeImageField


class CategoryQuerySet(DerivedFieldsQuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def in_menu(self):
        return self.filter(show_in_menu=True)

    def on_home(self):
        return self.filter(show_on_home=True)


class Category(models.Model):
    """Chuyên mục: two levels at most; the top level builds the main menu."""

    name = models.CharField("tên chuyên mục", max_length=150)
    short_name = models.CharField(
        "tên ngắn",
        max_length=60,
        blank=True,
        help_text="Hiện trên menu và tiêu đề khối ở trang chủ khi tên đầy đủ quá dài, "
        "ví dụ «Học tập và làm theo Bác».",
    )
    slug = AutoSlugField(
        "đường dẫn", max_length=160, unique=True, populate_from="name", fallback="chuyen-muc"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="chuyên mục cha",
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"parent__isnull": True},
    )
    description = models.TextField("mô tả", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100, help_text="Số nhỏ đứng trước.")
    show_in_menu = models.BooleanField("hiện trên menu", default=True)
    show_on_home = models.BooleanField("hiện khối trên trang chủ", default=False)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="news_category_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        stored_parent = (
            None
            if self._state.adding
            else Category.objects.filter(pk=self.pk).values_list("parent_id", flat=True).first()
        )
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)
            if not self._state.adding and stored_parent != self.parent_id:
                # Its articles are listed by the new parent, no longer by the old one.
                membership.sync_category(self, using=self._state.db)

    def get_absolute_url(self):
        return reverse("news:category_detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        """The name menus and home blocks show: the short one when there is one."""
        return self.short_name or self.name

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": "Chuyên mục không thể là cha của chính nó."})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": "Chỉ có hai cấp chuyên mục: hãy chọn một chuyên mục cấp trên cùng."}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": "Chuyên mục này đang có chuyên mục con nên phải ở cấp trên cùng."}
            )


def published_condition(now=None) -> Q:
    """What the public may see: published, and its publication time (`now` unless given)
    has come. The same columns of `CategoryMembership` hold the article's own
    (news/membership.py)."""
    return Q(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())


# What `CategoryMembership` copies from an article: a write to one of these re-derives it.
MEMBERSHIP_FIELDS = frozenset({"category", "category_id", "status", "published_at"})


class ArticleQuerySet(DerivedFieldsQuerySet):
    def published(self, now=None):
        """What the public may see: published, and its publication time (`now` unless
        given) has come."""
        return self.filter(published_condition(now))

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_category(self, category):
        """Articles filed under `category`, its sub-categories, or tagged with either:
        their pairs in `CategoryMembership` (news/membership.py), one per article."""
        return self.filter(memberships__category=category)

    def published_in(self, category) -> membership.CategoryListing:
        """What a category page lists: `published().for_category(category)` newest first,
        counted and paged on one range of the membership index (these rows, fetched)."""
        return membership.CategoryListing(category, self)

    def for_card(self):
        """Only what a card (image, title, date, sapo, category) shows."""
        return self.select_related("category").only(
            "id",
            "title",
            "slug",
            "sapo",
            "cover_image",
            "cover_alt",
            "published_at",
            "category__id",
            "category__name",
            "category__short_name",
            "category__slug",
        )

    def for_headline(self):
        """A card without its category (no join): the home page's top stories and latest
        and a category page's list, whose cards show no category."""
        return self.only(
            "id", "title", "slug", "sapo", "cover_image", "cover_alt", "published_at", "category"
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def newest_per_category(self, blocks: dict[int, list[int]], limit: int):
        """The `limit` newest articles of each block of categories, in one query.

        `blocks` maps a block's key (the home page uses the category's id) to the ids of
        the categories it shows. Each category first contributes its own `limit` newest
        articles through a small subquery that reads the (category, status, published_at)
        index; one window function (`ROW_NUMBER() OVER (PARTITION BY block)`, SQLite 3.25+
        and PostgreSQL alike) then ranks those few candidates per block. Ranking every
        article instead costs a sort of the whole table (300 ms at 100,000 articles).
        Rows carry `block_id` and come grouped by it, newest first.
        """
        parts = [
            # SQLite allows no LIMIT in a UNION member: each one is wrapped in an IN.
            self.model.objects.filter(
                pk__in=self.filter(category_id=category_id).newest_first().values("pk")[:limit]
            )
            .order_by()
            .values("pk")
            for category_ids in blocks.values()
            for category_id in category_ids
        ]
        if not parts:
            return self.none()
        # One flat UNION ALL: chained union() calls nest, and SQLite's parser overflows.
        candidates = parts[0].union(*parts[1:], all=True)
        block = Case(
            *[When(category__in=ids, then=Value(key)) for key, ids in blocks.items()],
            output_field=models.BigIntegerField(),
        )
        return (
            self.filter(pk__in=candidates)
            .annotate(
                block_id=block,
                block_rank=Window(
                    RowNumber(),
                    partition_by=[block],
                    order_by=[F("published_at").desc(), F("pk").desc()],
                ),
            )
            .filter(block_rank__lte=limit)
            .order_by("block_id", "block_rank")
        )

    def bulk_create(self, objs, *args, **kwargs):
        # Fields derive their own values in pre_save (slug, clean body, search text);
        # the one row rule kept in save() is applied here too.
        objs = list(objs)  # a generator would be used up here and insert nothing
        for obj in objs:
            obj.fill_published_at()
            obj.fill_byline()
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            membership.add_created(created, using=self.db)
        return created

    def update(self, **kwargs):
        # bulk_update() is Django's update() per batch: it comes through here too.
        if not MEMBERSHIP_FIELDS & kwargs.keys():
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            # The filter may name the columns being changed: take the rows first.
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            membership.sync_articles(pks, using=self.db)
        return count

    update.alters_data = True


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PENDING = "pending", "Chờ duyệt"
        REJECTED = "rejected", "Bị trả lại"
        PUBLISHED = "published", "Đã xuất bản"

    title = models.CharField("tiêu đề", max_length=300)
    slug = AutoSlugField(
        "đường dẫn",
        max_length=200,
        populate_from="title",
        fallback="bai-viet",
        help_text="Để trống để tạo tự động từ tiêu đề. Đổi đường dẫn không làm hỏng liên kết cũ.",
    )
    sapo = models.TextField("sapo", blank=True, help_text="Đoạn mở đầu, hiện in đậm dưới tiêu đề.")
    body = RichTextField("nội dung", blank=True)
    cover_image = SafeImageField(
        "ảnh đại diện",
        upload_to="articles/%Y/%m/",
        blank=True,
        help_text="JPEG, PNG, WebP hoặc GIF, tối đa 10 MB; ảnh được lưu lại không kèm thông tin máy ảnh, vị trí.",
    )
    cover_caption = models.CharField("chú thích ảnh", max_length=300, blank=True)
    cover_alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=300,
        blank=True,
        help_text="Cho người khiếm thị và máy tìm kiếm.",
    )
    category = models.ForeignKey(
        Category, verbose_name="chuyên mục chính", related_name="articles", on_delete=models.PROTECT
    )
    extra_categories = models.ManyToManyField(
        Category, verbose_name="chuyên mục khác", related_name="extra_articles", blank=True
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name="tổ chức đảng liên quan",
        related_name="articles",
        blank=True,
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name="văn bản liên quan",
        related_name="articles",
        blank=True,
        help_text="Văn bản mà bài viết đưa tin; hiện ở cuối bài và trên trang văn bản.",
    )
    threads = models.ManyToManyField(
        "news.Thread",
        verbose_name="dòng sự kiện",
        related_name="articles",
        blank=True,
        help_text="Bài thuộc dòng sự kiện nào (có thể nhiều).",
    )
    tags = models.ManyToManyField(
        "news.Tag", verbose_name="từ khóa", related_name="articles", blank=True
    )
    albums = models.ManyToManyField(
        "gallery.Album",
        verbose_name="album ảnh",
        related_name="articles",
        blank=True,
        help_text="Album ảnh của sự kiện; hiện ở cuối bài (khi đã xuất bản) và trên trang album.",
    )
    pen_name = models.ForeignKey(
        "news.PenName",
        verbose_name="bút danh",
        related_name="articles",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Một trong các bút danh của người viết bài.",
    )
    author_name = models.CharField(
        "tác giả",
        max_length=150,
        blank=True,
        help_text="Tên hiện cuối bài: lấy theo bút danh đã chọn; với cộng tác viên ngoài "
        "cơ quan, để trống bút danh và gõ tên vào đây.",
    )
    source_name = models.CharField(
        "nguồn", max_length=150, blank=True, help_text="Ví dụ: Web Quảng Trị."
    )
    source_url = models.URLField("đường dẫn nguồn", blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        "thời điểm xuất bản",
        null=True,
        blank=True,
        help_text="Để trống: xuất bản ngay khi duyệt. Một thời điểm trong tương lai: hẹn giờ xuất bản.",
    )
    is_featured = models.BooleanField("tin nổi bật", default=False)
    related_articles = models.ManyToManyField(
        "self", verbose_name="tin liên quan", symmetrical=False, blank=True
    )
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    created_by = user_field("người tạo", related_name="articles", blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    # Folded copies (no diacritics, lower case) for search on SQLite and PostgreSQL alike;
    # declared after their sources so they fold the cleaned values.
    search_title = FoldedTextField("tiêu đề không dấu", sources=["title"])
    search_body = FoldedTextField("nội dung không dấu", sources=["sapo"], html_sources=["body"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Duyệt, xuất bản, trả lại và gỡ bài viết"),
            ("change_others_article", "Sửa bài viết của người khác"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="news_article_public"),
            models.Index(
                fields=["category", "status", "-published_at"], name="news_article_by_category"
            ),
            # The page cache asks "what changed last?" on every request (news/pagecache.py).
            models.Index(fields=["updated_at"], name="news_article_updated_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="news_article_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_published_at()
        self.fill_byline()
        adding = self._state.adding
        update_fields = kwargs.get("update_fields")
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)
            # The category pages' index of this article (news/membership.py).
            if adding:
                membership.add_created([self], using=self._state.db)
            elif update_fields is None or MEMBERSHIP_FIELDS & set(update_fields):
                membership.sync_articles([self.pk], using=self._state.db)

    def get_absolute_url(self):
        # A list page asks each article's URL twice (its card, the page's metadata): it is
        # reversed once per instance, again when the slug, the pk, the script prefix or the
        # URLconf differ (docs/performance.md, "The category page's URLs").
        key = (self.slug, self.pk, get_script_prefix(), get_urlconf())
        kept = self.__dict__.get("_absolute_url")
        if kept is None or kept[0] != key:
            url = reverse("news:article_detail", kwargs={"slug": self.slug, "pk": self.pk})
            kept = self._absolute_url = (key, url)
        return kept[1]

    def clean(self):
        super().clean()
        self.fill_byline()
        if self.pen_name_id is not None and self.pen_name.owner_id != self.created_by_id:
            raise ValidationError(
                {"pen_name": "Chỉ được chọn bút danh của chính người viết bài."},
                code="not_own_pen_name",
            )

    def fill_byline(self):
        """The byline of a staff writer is their pen name's; a typed one is a contributor's."""
        if self.pen_name_id is not None:
            self.author_name = self.pen_name.name

    def fill_published_at(self):
        """A published article without a time is published now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def is_pending(self) -> bool:
        """Submitted, waiting for an editor."""
        return self.status == self.Status.PENDING

    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and not self.is_published()
        )


class ArticleTransition(Record):
    """One status change, written by `news.workflow`: who, when, from, to, and why."""

    article = models.ForeignKey(
        Article, verbose_name="bài viết", related_name="transitions", on_delete=models.CASCADE
    )
    from_status = models.CharField("từ trạng thái", max_length=16, choices=Article.Status.choices)
    to_status = models.CharField("sang trạng thái", max_length=16, choices=Article.Status.choices)

    record_of = "article"

    class Meta(Record.Meta):
        verbose_name = "chuyển trạng thái"
        verbose_name_plural = "lịch sử duyệt bài"

    def __str__(self):
        return f"{self.article}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class ArticleRevision(Revision):
    """The title, sapo and body an article had before one of its saves."""

    article = models.ForeignKey(
        Article, verbose_name="bài viết", related_name="revisions", on_delete=models.CASCADE
    )
    title = models.CharField("tiêu đề", max_length=300)
    sapo = models.TextField("sapo", blank=True)
    body = RichTextField("nội dung", blank=True)

    record_of = "article"


# Models kept in their own modules (docs/architecture.md, "news"), registered with the app here.
from news.attachments import ArticleAttachment  # noqa: E402
from news.editors import EditorProfile  # noqa: E402
from news.membership import CategoryMembership  # noqa: E402
from news.pennames import PenName  # noqa: E402
from news.royalties.models import (  # noqa: E402
    ArticleRoyalty,
    Coefficient,
    Genre,
    RoyaltyLine,
    RoyaltySheet,
    UnitValue,
)
from news.stats.models import ArticleDailyViews  # noqa: E402
from news.tags import Tag  # noqa: E402
from news.threads import Thread  # noqa: E402

__all__ = [
    "Article",
    "ArticleAttachment",
    "ArticleDailyViews",
    "ArticleRevision",
    "ArticleRoyalty",
    "ArticleTransition",
    "Category",
    "CategoryMembership",
    "Coefficient",
    "EditorProfile",
    "Genre",
    "PenName",
    "RoyaltyLine",
    "RoyaltySheet",
    "Tag",
    "Thread",
    "UnitValue",
]

"""Which articles a category lists: one row per (article, category) pair, kept by the model layer.

A category page lists the articles filed under the category, under its sub-categories,
or tagged with either through `extra_categories`. Asked of the article table, that is
`category IN (...) OR EXISTS (tagged)`, which no index answers: 65 ms at 100,000
articles, where the `(category, status, published_at)` index alone counts in 6. So every
pair is stored here once, for the main category, each extra category and the parent of
each (categories have two levels), with the article's `status` and `published_at`
copied: one range of one index then gives a category page its count and its page
(docs/performance.md, "The category membership table").

The rows are derived from the articles, like the folded search text, and kept right by
the model layer whatever writes: `Article.save()`, `ArticleQuerySet.bulk_create` and
`update` (which `bulk_update` calls) in news/models.py, changes of `extra_categories`
from either side (`m2m_changed`, below), a category's new parent (`Category.save()`),
and deletions (the foreign keys cascade; a deleted sub-category's parent rows are
derived again, below). Raw SQL and bulk inserts into the `extra_categories` table bypass
all of it: call `sync_articles` for what they touched (as `seed_demo` does), or
`rebuild()`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, pre_delete

CHUNK = 500  # ids per statement: well under SQLite's limit on bound parameters


class MembershipQuerySet(models.QuerySet):
    def published(self):
        """The pairs of articles the public may see (the rule of `Article.objects.published`)."""
        from news.models import published_condition

        return self.filter(published_condition())


class CategoryMembership(models.Model):
    """An article listed by a category page (derived: never edited by hand)."""

    article = models.ForeignKey(
        "news.Article",
        verbose_name="bài viết",
        related_name="memberships",
        on_delete=models.CASCADE,
        db_index=False,  # the unique (article, category) index starts with it
    )
    category = models.ForeignKey(
        "news.Category",
        verbose_name="chuyên mục",
        related_name="memberships",
        on_delete=models.CASCADE,
        db_index=False,  # the listing index starts with it
    )
    # Copies of the article's, so that the listing index alone filters and orders.
    status = models.CharField("trạng thái", max_length=16)
    published_at = models.DateTimeField("thời điểm xuất bản", null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "bài viết của chuyên mục"
        verbose_name_plural = "bài viết của chuyên mục"
        ordering = ["category_id", "-published_at", "-article_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "category"], name="news_membership_article_category"
            ),
        ]
        indexes = [
            models.Index(
                fields=["category", "status", "-published_at", "-article"],
                name="news_membership_listing",
            ),
        ]

    def __str__(self):
        return f"{self.article_id} ∈ {self.category_id}"

    def get_absolute_url(self):
        return self.article.get_absolute_url()


class CategoryListing:
    """A category page's published articles, newest first, for Django's `Paginator`.

    Counted on the listing index alone (an index-only scan: no article row is read), and
    a page is one query: its article ids are picked in that index, offset included, and
    only those articles are fetched, so page 50 reads 18 article rows as page 1 does.
    `articles` says what to fetch (`for_card()`); its filters must not narrow the list,
    or the count would no longer match it.
    """

    ordered = True  # for Paginator: the order is the index's, newest first

    def __init__(self, category, articles):
        self.category = category
        self.articles = articles
        self._count = None

    def pairs(self):
        return (
            CategoryMembership.objects.using(self.articles.db)
            .published()
            .filter(category=self.category)
            .order_by("-published_at", "-article_id")
        )

    def count(self) -> int:
        if self._count is None:
            self._count = self.pairs().count()
        return self._count

    def kept_count(self, keep) -> CategoryListing:
        """This listing with its count read through `keep(key, compute)`
        (`pagecache.per_content_state`: computed once per content state)."""
        self._count = keep(f"news:category-count:{self.category.pk}", self.count)
        return self

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.pairs().values("article_id")[index]
        return list(self.articles.filter(pk__in=ids).order_by("-published_at", "-pk"))


# --- what the rows should be -------------------------------------------------------------


def wanted_rows(articles, extras, parents) -> dict[tuple[int, int], tuple[str, object]]:
    """{(article, category): (status, published_at)} for `articles` as (pk, status,
    published_at, category_id) tuples, `extras` as (article_id, category_id) pairs and
    `parents` mapping a category id to its parent's (or None)."""
    state = {pk: (status, published_at) for pk, status, published_at, _ in articles}
    pairs = [(pk, category_id) for pk, _, _, category_id in articles]
    pairs += [(pk, category_id) for pk, category_id in extras if pk in state]
    wanted = {}
    for pk, category_id in pairs:
        for listed in (category_id, parents.get(category_id)):
            if listed is not None:
                wanted[pk, listed] = state[pk]
    return wanted


def _parents(category_ids) -> dict[int, int | None]:
    from news.models import Category

    return dict(Category.objects.filter(pk__in=set(category_ids)).values_list("pk", "parent_id"))


def _chunks(ids: Iterable[int]):
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# --- keeping them right ------------------------------------------------------------------


def sync_articles(article_ids: Iterable[int], *, using: str = "default") -> None:
    """Make the rows of these articles what their categories, status and date say.

    Locks the articles' rows first (PostgreSQL), so that two writers of one article
    (a save and an `extra_categories` change) derive its rows one after the other.
    Writes only what differs.
    """
    from news.models import Article

    through = Article.extra_categories.through
    for ids in _chunks(article_ids):
        with transaction.atomic(using=using):
            articles = list(
                Article._base_manager.using(using)
                .select_for_update()
                .filter(pk__in=ids)
                .values_list("pk", "status", "published_at", "category_id")
                .order_by()
            )
            extras = list(
                through.objects.using(using)
                .filter(article_id__in=ids)
                .values_list("article_id", "category_id")
            )
            parents = _parents([row[3] for row in articles] + [row[1] for row in extras])
            _write(wanted_rows(articles, extras, parents), ids, using=using)


def _write(wanted, ids, *, using: str) -> None:
    rows = CategoryMembership.objects.using(using)
    stale, changed = [], []
    for row in rows.filter(article_id__in=ids).order_by():
        state = wanted.pop((row.article_id, row.category_id), None)
        if state is None:
            stale.append(row.pk)
        elif (row.status, row.published_at) != state:
            row.status, row.published_at = state
            changed.append(row)
    if stale:
        rows.filter(pk__in=stale).delete()
    if changed:
        rows.bulk_update(changed, ["status", "published_at"])
    if wanted:
        rows.bulk_create(
            CategoryMembership(
                article_id=article_id, category_id=category_id, status=status, published_at=at
            )
            for (article_id, category_id), (status, at) in wanted.items()
        )


def add_created(articles, *, using: str = "default") -> None:
    """Rows for articles just inserted by `bulk_create` (they have no extra categories yet)."""
    articles = [a for a in articles if a.pk is not None]
    if not articles:
        return
    parents = _parents(a.category_id for a in articles)
    wanted = wanted_rows(
        [(a.pk, a.status, a.published_at, a.category_id) for a in articles], [], parents
    )
    CategoryMembership.objects.using(using).bulk_create(
        (
            CategoryMembership(
                article_id=article_id, category_id=category_id, status=status, published_at=at
            )
            for (article_id, category_id), (status, at) in wanted.items()
        ),
        batch_size=1000,
    )


def sync_category(category, *, using: str = "default") -> None:
    """After a category moved under another parent (or to the top): re-derive the rows of
    the articles filed under it or tagged with it. Its sub-categories' articles keep
    theirs: they are listed by it and by their own category, whatever its parent."""
    from news.models import Article

    affected = Article._base_manager.using(using).filter(
        models.Q(category=category) | models.Q(extra_categories=category)
    )
    sync_articles(affected.values_list("pk", flat=True).distinct().order_by(), using=using)


def rebuild(*, using: str = "default") -> None:
    """Derive every row again (after raw SQL that bypassed the model layer)."""
    from news.models import Article

    ids = Article._base_manager.using(using).values_list("pk", flat=True).order_by()
    CategoryMembership.objects.using(using).exclude(article__in=ids).delete()
    sync_articles(ids, using=using)


# --- the hooks the ORM cannot call for us --------------------------------------------------


def _extra_categories_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    """`article.extra_categories.add/remove/set/clear()` and the same from the category's
    side (`category.extra_articles`)."""
    if action == "pre_clear" and reverse:
        # The articles are known only before the clear.
        instance._membership_cleared = list(
            sender.objects.using(using)
            .filter(category_id=instance.pk)
            .values_list("article_id", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        sync_articles([instance.pk], using=using)
    elif action == "post_clear":
        sync_articles(instance.__dict__.pop("_membership_cleared", []), using=using)
    else:
        sync_articles(pk_set or [], using=using)


def _category_deleting(sender, instance, using, **kwargs):
    # Its own rows cascade; its parent's rows, for articles that were there only through
    # it, must be derived again once it is gone.
    instance._membership_affected = list(
        CategoryMembership.objects.using(using)
        .filter(category_id=instance.pk)
        .values_list("article_id", flat=True)
    )


def _category_deleted(sender, instance, using, **kwargs):
    affected = instance.__dict__.pop("_membership_affected", [])
    if affected:
        sync_articles(affected, using=using)


def connect() -> None:
    """Called from `NewsConfig.ready()`."""
    from news.models import Article, Category

    m2m_changed.connect(
        _extra_categories_changed,
        sender=Article.extra_categories.through,
        dispatch_uid="news.membership.extra_categories",
    )
    pre_delete.connect(_category_deleting, sender=Category, dispatch_uid="news.membership.pre")
    post_delete.connect(_category_deleted, sender=Category, dispatch_uid="news.membership.post")

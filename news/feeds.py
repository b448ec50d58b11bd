"""RSS 2.0 feeds of published articles: all news, and one per category."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy

import vntext
from news.models import Article, Category, Tag, Thread
from richtext.sanitize import feed_text

FEED_SIZE = 30


def _xml_text(value: str) -> str:
    # XML 1.0 has no place for control characters; the syndication framework refuses them.
    return vntext.normalize(value)


class LatestArticlesFeed(Feed):
    title = settings.PORTAL_NAME
    link = reverse_lazy("portal:home")
    feed_url = reverse_lazy("news:feed")
    description = f"Tin bài mới nhất của {settings.PORTAL_NAME}"

    def items(self):
        return self.articles(Article.objects.published())

    def articles(self, queryset):
        return (
            queryset.select_related("category")
            .only(
                "id",
                "title",
                "slug",
                "sapo",
                "author_name",
                "published_at",
                "updated_at",
                "category__id",
                "category__name",
            )
            .newest_first()[:FEED_SIZE]
        )

    def item_title(self, item):
        return feed_text(item.title)

    def item_description(self, item):
        return feed_text(item.sapo)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return _xml_text(item.author_name) or None

    def item_categories(self, item):
        return [_xml_text(item.category.name)]


class CategoryArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj):
        return feed_text(f"{obj.name} – {settings.PORTAL_NAME}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return feed_text(f"Tin bài mới nhất chuyên mục {obj.name}")

    def feed_url(self, obj):
        return reverse("news:category_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return self.articles(Article.objects.published().for_category(obj))


class ThreadArticlesFeed(LatestArticlesFeed):
    """The published articles of one event thread (Dòng sự kiện)."""

    def get_object(self, request, slug):
        return get_object_or_404(Thread, slug=slug)

    def title(self, obj):
        return feed_text(f"{obj.name} – {settings.PORTAL_NAME}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return feed_text(obj.description or f"Các bài viết theo dòng sự kiện {obj.name}")

    def feed_url(self, obj):
        return reverse("news:thread_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return self.articles(Article.objects.published().filter(threads=obj))


class TagArticlesFeed(ThreadArticlesFeed):
    """The published articles with one tag (Từ khóa)."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def description(self, obj):
        return feed_text(f"Các bài viết có từ khóa {obj.name}")

    def feed_url(self, obj):
        return reverse("news:tag_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return self.articles(Article.objects.published().filter(tags=obj))

"""sitemap.xml sections for the news: articles (with their last change), categories, and
the site's fixed pages. `portal/urls.py` puts them behind one sitemap index."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from news.models import Article, Category, Tag, Thread


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    # Well under the protocol's 50,000 URLs per file: rendering 5,000 took 300 ms at
    # 100,000 articles (bench/run.py); 2,000 keep an uncached file near 120 ms.
    limit = 2000

    def items(self):
        return (
            Article.objects.published()
            .only("id", "slug", "published_at", "updated_at")
            .newest_first()
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        # Django's default loads every item to take the max: two LIMIT 1 queries instead.
        published = Article.objects.published()
        latest = [
            published.order_by(f"-{field}").values_list(field, flat=True).first()
            for field in ("published_at", "updated_at")
        ]
        return max((value for value in latest if value is not None), default=None)


class CategorySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.only("id", "slug").order_by("pk")


class ThreadSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Thread.objects.only("id", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return Thread.objects.aggregate(latest=Max("updated_at"))["latest"]


class TagSitemap(Sitemap):
    """Tags that lead somewhere: those of at least one published article."""

    changefreq = "weekly"
    limit = 2000

    def items(self):
        return Tag.objects.used_in(Article.objects.published()).only("id", "slug").order_by("pk")


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "portal:home",
            "news:category_list",
            "news:thread_list",
            "organizations:chart",
            "organizations:leadership",
            "documents:document_list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "trang": StaticPagesSitemap,
    "chuyen-muc": CategorySitemap,
    "bai-viet": ArticleSitemap,
    "dong-su-kien": ThreadSitemap,
    "tu-khoa": TagSitemap,
}

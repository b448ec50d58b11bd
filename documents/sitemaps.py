"""sitemap.xml section of public documents (`portal/urls.py` puts it in the index)."""

from django.contrib.sitemaps import Sitemap

from documents.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 2000

    def items(self):
        return Document.objects.public().only("id", "slug", "updated_at").order_by("-pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default loads every item to take the max: one LIMIT 1 query instead.
        latest = Document.objects.public().order_by("-updated_at").values_list("updated_at")
        return next(iter(latest[:1]), (None,))[0]


sitemaps = {"van-ban": DocumentSitemap}

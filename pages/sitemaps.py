from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from pages.models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Page.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        # Django's default loads every item to take the max: one aggregate instead.
        return Page.objects.published().aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"gioi-thieu": PageSitemap}

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SectionSitemap(Sitemap):
    """The sections' own entry pages: the HTML site map, the schedule, the introduction."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["portal:site_map", "schedule:current", "pages:index"]

    def location(self, item):
        return reverse(item)


sitemaps = {"chuyen-trang": SectionSitemap}

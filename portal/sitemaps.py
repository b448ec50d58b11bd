from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PortalPagesSitemap(Sitemap):
    """The portal's own fixed pages (the accessibility statement)."""

    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return ["portal:accessibility"]

    def location(self, item):
        return reverse(item)


class SectionSitemap(Sitemap):
    """The sections' own entry pages: the HTML site map, the schedule, the introduction."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["portal:site_map", "schedule:current", "pages:index"]

    def location(self, item):
        return reverse(item)

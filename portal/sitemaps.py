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

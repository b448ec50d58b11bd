"""Organization and cadre pages for sitemap.xml (wired in by the root URLconf).

Only public fields are read: a cadre's private fields are not even loaded.
"""

from django.contrib.sitemaps import Sitemap

from organizations.models import Cadre, Organization


class OrganizationSitemap(Sitemap):
    """Every organization, ended ones included: they stay browsable."""

    changefreq = "monthly"

    def items(self):
        return Organization.objects.only("slug", "status", "updated_at").order_by("pk")

    def lastmod(self, organization):
        return organization.updated_at

    def priority(self, organization):
        return 0.6 if organization.is_active() else 0.3


class CadreSitemap(Sitemap):
    """Cadres who hold or held a position: the people the public pages link to."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return (
            Cadre.objects.filter(positions__isnull=False)
            .distinct()
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, cadre):
        return cadre.updated_at


sitemaps = {"to-chuc": OrganizationSitemap, "can-bo": CadreSitemap}

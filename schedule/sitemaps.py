from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from schedule.models import Week


class WeekSitemap(Sitemap):
    """Every published week: the schedule is part of the public record."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Week.objects.published().only("monday", "updated_at").order_by("-monday")

    def lastmod(self, week):
        return week.updated_at

    def get_latest_lastmod(self):
        # Django's default loads every item to take the max: one aggregate instead.
        return Week.objects.published().aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"lich-cong-tac": WeekSitemap}

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from questions.models import Question


class QuestionListSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        # The ask and look-up forms are noindex: a sitemap lists only pages to index.
        return ["questions:list"]

    def location(self, item):
        return reverse(item)


class QuestionSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Question.objects.published().only("pk", "published_at", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"hoi-dap": QuestionListSitemap, "hoi-dap-cau-hoi": QuestionSitemap}

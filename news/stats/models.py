"""Views per article per day, written by the view counter's flush (news/counters.py)."""

from django.db import models
from django.db.models import F
from django.urls import reverse


class ArticleDailyViewsQuerySet(models.QuerySet):
    def record(self, *, article_id: int, day, views: int) -> None:
        """Add `views` to the article's row for `day`: make sure the row is there
        (INSERT … ON CONFLICT DO NOTHING, so two flushes cannot clash), then one UPDATE.
        Always the same two queries, so the pages that flush keep pinned query counts."""
        self.bulk_create([self.model(article_id=article_id, day=day)], ignore_conflicts=True)
        self.filter(article_id=article_id, day=day).update(views=F("views") + views)


class ArticleDailyViews(models.Model):
    """Lượt xem một bài trong một ngày (Asia/Ho_Chi_Minh), the history behind the figures."""

    article = models.ForeignKey(
        "news.Article",
        verbose_name="bài viết",
        related_name="daily_views",
        on_delete=models.CASCADE,
    )
    day = models.DateField("ngày")
    views = models.PositiveIntegerField("lượt xem", default=0)

    objects = ArticleDailyViewsQuerySet.as_manager()

    class Meta:
        verbose_name = "thống kê"
        verbose_name_plural = "thống kê bài viết"
        ordering = ["-day", "article"]
        default_permissions = ()
        permissions = [("view_statistics", "Xem thống kê bài viết")]
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="news_dailyviews_once"),
        ]
        indexes = [models.Index(fields=["day"], name="news_dailyviews_day")]

    def __str__(self):
        return f"{self.article_id} – {self.day:%d/%m/%Y}: {self.views}"

    def get_absolute_url(self):
        return reverse("admin:news_articledailyviews_changelist")

"""Demo royalties and statistics: three months of sheets (locked, approved, being made,
with a correction line), daily views, and the review log behind the median.

Dated from the anchor: the three months before the anchor's month. Idempotent: nothing
is added when a royalty sheet exists. Written with the sheet functions, which the demo
calls without a user (`skip_permission_checks`).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from news.models import (
    Article,
    ArticleDailyViews,
    ArticleRoyalty,
    ArticleTransition,
    Genre,
    RoyaltySheet,
    UnitValue,
)
from news.royalties import sheets
from news.stats.figures import months_ending

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SKIP = {"actor": None, "skip_permission_checks": True}
GENRE_WEIGHTS = {"Tin": 50, "Bài": 25, "Ảnh": 10, "Phóng sự": 10, "Bài dịch": 5}
GRADE_WEIGHTS = {"A": 2, "B": 5, "C": 3}
HISTORY_DAYS = 90


def build(builder) -> None:
    if RoyaltySheet.objects.exists() or not Genre.objects.exists():
        return
    with transaction.atomic():
        RoyaltyDemo(builder).build()


class RoyaltyDemo:
    def __init__(self, builder):
        self.anchor: date = builder.anchor
        self.rng = builder.rng("royalties")
        self.report = builder.report
        self.genres = {genre.name: genre for genre in Genre.objects.all()}
        self.regrade = None

    def build(self):
        locked, approved, draft = months_ending(sheets.first_of(self.anchor), 4)[:3]
        UnitValue.objects.get_or_create(
            starts_on=date(locked.year - 1, 1, 1),
            defaults={"amount": 234_000, "note": "10% mức lương cơ sở 2.340.000 đồng"},
        )
        for month in (locked, approved, draft):
            articles = list(sheets.articles_of(month))
            # Two articles of the month being made are left for the editor to grade.
            keep = articles[:-2] if month == draft else articles
            sheets.grade_articles(grades={a.pk: self.pick() for a in keep}, **SKIP)
            sheet = RoyaltySheet.objects.create(month=month)
            if month != draft:
                sheets.approve_sheet(sheet=sheet, **SKIP)
            if month == locked:
                sheets.lock_sheet(sheet=sheet, **SKIP)
                self.regrade = next(iter(articles), None)
            # Approved on the 5th and locked on the 10th of the next month, as the demo's
            # calendar goes (the steps stamp the real time).
            paid = datetime.combine(sheets.next_month(month), time(9), tzinfo=TZ)
            RoyaltySheet.objects.filter(pk=sheet.pk, approved_at__isnull=False).update(
                approved_at=paid + timedelta(days=4)
            )
            RoyaltySheet.objects.filter(pk=sheet.pk, locked_at__isnull=False).update(
                locked_at=paid + timedelta(days=9)
            )
            self.report.add("bảng nhuận bút", 1)
        if self.regrade is not None:
            # Graded too low in the locked month: the difference is a line of the open one.
            better = (self.genres["Phóng sự"], "A")
            given = ArticleRoyalty.objects.get(article=self.regrade)
            if (given.genre, given.grade) == better:
                better = (self.genres["Tin"], "C")
            sheets.grade_articles(grades={self.regrade.pk: better}, **SKIP)
            sheets.add_correction(
                sheet=RoyaltySheet.objects.get(month=draft),
                article=self.regrade,
                note="Hội đồng chấm lại: phóng sự loại A",
                **SKIP,
            )
        self.daily_views()
        self.review_log(since=locked)

    def pick(self):
        genre = self.rng.choices(list(GENRE_WEIGHTS), weights=list(GENRE_WEIGHTS.values()))[0]
        grade = self.rng.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()))[0]
        return self.genres[genre], grade

    def daily_views(self):
        """A burst on the day of publication, fading over the following days."""
        start = self.anchor - timedelta(days=HISTORY_DAYS)
        first = datetime.combine(start, time(0), tzinfo=TZ)
        last = datetime.combine(self.anchor, time(0), tzinfo=TZ)
        rows = []
        for article in Article.objects.published().filter(
            published_at__gte=first, published_at__lt=last
        ):
            day = article.published_at.astimezone(TZ).date()
            views = self.rng.randint(80, 900)
            while day < self.anchor and views >= 1:
                rows.append(ArticleDailyViews(article=article, day=day, views=int(views)))
                views *= self.rng.uniform(0.45, 0.7)
                day += timedelta(days=1)
        ArticleDailyViews.objects.bulk_create(rows, ignore_conflicts=True)
        self.report.add("ngày lượt xem", len(rows))

    def review_log(self, *, since: date):
        """Submission and approval of the recent articles: a few hours to two days."""
        start = datetime.combine(since, time(0), tzinfo=TZ)
        S = Article.Status
        transitions = []
        for article in Article.objects.published().filter(
            published_at__gte=start, transitions__isnull=True
        ):
            approved = article.published_at - timedelta(minutes=self.rng.randint(5, 90))
            submitted = approved - timedelta(minutes=self.rng.randint(40, 48 * 60))
            transitions += [
                ArticleTransition(
                    article=article,
                    actor=article.created_by,
                    from_status=S.DRAFT,
                    to_status=S.PENDING,
                    created_at=submitted,
                ),
                ArticleTransition(
                    article=article,
                    from_status=S.PENDING,
                    to_status=S.PUBLISHED,
                    created_at=approved,
                ),
            ]
        ArticleTransition.objects.bulk_create(transitions)

"""Thống kê bài viết: one admin page (the daily views table gives it its place), with a CSV
of each table. Who may read it: `news.view_statistics` (editors, the Trưởng ban)."""

import csv
from datetime import date

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from news.royalties.sheets import first_of
from news.stats import charts, figures
from news.stats.models import ArticleDailyViews

VIEW = "news.view_statistics"
SPANS = [(6, "6 tháng"), (12, "12 tháng")]


class PeriodForm(forms.Form):
    thang = forms.TypedChoiceField(label="Đến tháng", coerce=date.fromisoformat)
    so_thang = forms.TypedChoiceField(
        label="Trong", coerce=int, choices=SPANS, initial=6, required=False, empty_value=6
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        months = figures.months_ending(first_of(today), 36)[::-1]
        self.fields["thang"].choices = [(m.isoformat(), f"{m:%m/%Y}") for m in months]
        self.fields["thang"].initial = months[0].isoformat()

    def period(self) -> list[date]:
        if self.is_valid():
            month, span = self.cleaned_data["thang"], self.cleaned_data["so_thang"]
        else:
            month, span = date.fromisoformat(self.fields["thang"].initial), 6
        return figures.months_ending(month, span)


def _csv(name: str, header: list[str], rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="thong-ke-{name}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with the BOM
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@admin.register(ArticleDailyViews)
class StatisticsAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["news/admin/royalties.css"]}

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm(VIEW)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # No delete page (get_urls); a superuser deleting an article takes its days along.
        return request.user.is_active and request.user.is_superuser

    def get_urls(self):
        return [u for u in super().get_urls() if u.name and u.name.endswith("_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = PeriodForm(request.GET or None, today=timezone.localdate())
        months = form.period()
        labels = [f"{m:%m/%Y}" for m in months]
        categories = figures.by_category(months)
        writers = figures.by_writer(months)
        reviews = figures.review_times(months)
        read = figures.most_read(months[-1])
        table = request.GET.get("bang")
        if table in ("chuyen-muc", "nguoi-viet"):
            rows = categories if table == "chuyen-muc" else writers
            first = "Chuyên mục" if table == "chuyen-muc" else "Người viết"
            return _csv(
                table,
                [first, *labels, "Cộng"],
                [[row.label, *row.values(months), row.total] for row in rows],
            )
        if table == "thoi-gian-duyet":
            return _csv(
                table,
                ["Tháng", "Số bài được duyệt", "Trung vị từ gửi đến duyệt (giờ)"],
                [
                    [
                        f"{r.month:%m/%Y}",
                        r.approvals,
                        f"{r.median.total_seconds() / 3600:.1f}".replace(".", ",")
                        if r.median
                        else "",
                    ]
                    for r in reviews
                ],
            )
        if table == "doc-nhieu":
            return _csv(
                table,
                ["Hạng", "Bài viết", "Chuyên mục", f"Lượt xem tháng {labels[-1]}"],
                [[i, r.title, r.category, r.views] for i, r in enumerate(read, 1)],
            )
        monthly = figures.totals(categories, months)
        query = request.GET.copy()
        query.pop("bang", None)
        context = {
            **self.admin_site.each_context(request),
            "title": "Thống kê bài viết",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "months": months,
            "labels": labels,
            "categories": [(row, row.values(months)) for row in categories],
            "writers": [(row, row.values(months)) for row in writers],
            "monthly": monthly,
            "grand_total": sum(monthly),
            "reviews": [(r, figures.median_text(r.median)) for r in reviews],
            "most_read": [
                (r, reverse("admin:news_article_change", args=[r.article_id])) for r in read
            ],
            "query": query.urlencode(),
            "media": self.media,
            "monthly_chart": charts.column_chart(
                list(zip(labels, monthly, strict=True)),
                title=f"Số bài xuất bản mỗi tháng, {labels[0]} – {labels[-1]}",
                chart_id="chart-monthly",
            ),
            "read_chart": charts.bar_chart(
                [(r.title, r.views) for r in read],
                title=f"Bài đọc nhiều nhất tháng {labels[-1]}",
                chart_id="chart-most-read",
            ),
        }
        return TemplateResponse(request, "admin/news/statistics.html", context)

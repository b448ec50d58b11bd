"""Admin: related links, menu sections, notices and the monthly satisfaction results."""

import csv
from datetime import date

from django.contrib import admin
from django.db.models import Case, IntegerField, Sum, When
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse

from netguard.readonly import ReadOnlyAdminMixin
from pagecache.admin import PageCacheAdminMixin
from sitewide.models import Link, MenuEntry, Notice, RatingTally
from sitewide.notices import notices_changed

SCORES = RatingTally.Score


class ChangesPagesAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    """What these models hold is on every page: a save makes every cached page stale."""


@admin.register(Link)
class LinkAdmin(ChangesPagesAdmin):
    list_display = ["name", "url", "order", "is_shown"]
    list_editable = ["order", "is_shown"]
    search_fields = ["name", "url"]


@admin.register(MenuEntry)
class MenuEntryAdmin(ChangesPagesAdmin):
    list_display = ["section", "order", "is_shown"]
    list_editable = ["order", "is_shown"]

    def has_add_permission(self, request):
        return False  # one row per section, made by a migration

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(ChangesPagesAdmin):
    list_display = ["title", "level", "starts_at", "ends_at", "downtime_starts_at"]
    list_filter = ["level"]
    fieldsets = [
        (None, {"fields": ["title", "message", "level", ("starts_at", "ends_at")]}),
        (
            "Tạm ngừng hoạt động theo kế hoạch",
            {
                "fields": [("downtime_starts_at", "downtime_ends_at"), "restored_at"],
                "description": "Bắt buộc với thông báo tạm ngừng hoạt động; giữa ngày thông báo "
                "hiện và ngày ngừng phải có ít nhất 7 ngày làm việc trọn vẹn (không kể hai ngày "
                "đó, thứ Bảy, Chủ nhật, ngày lễ, Tết).",
            },
        ),
    ]

    # notices_changed() first: see its docstring.
    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        notices_changed()
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        notices_changed()
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        notices_changed()
        super().delete_queryset(request, queryset)


def monthly_results(queryset=None):
    """Votes per month and section: count, average and how many gave each score."""
    queryset = RatingTally.objects.all() if queryset is None else queryset
    per_score = {
        f"score_{score}": Sum(
            Case(When(score=score, then="votes"), default=0, output_field=IntegerField())
        )
        for score in SCORES.values
    }
    rows = (
        queryset.values("month", "section")
        .annotate(votes_total=Sum("votes"), **per_score)
        .order_by("-month", "section")
    )
    labels = dict(RatingTally.Section.choices)
    results = []
    for row in rows:
        counts = [row[f"score_{score}"] for score in SCORES.values]
        total = row["votes_total"] or 0
        weighted = sum(score * n for score, n in zip(SCORES.values, counts, strict=True))
        results.append(
            {
                "month": row["month"],
                "section": labels.get(row["section"], row["section"]),
                "votes": total,
                "average": round(weighted / total, 2) if total else None,
                "counts": counts,
            }
        )
    return results


@admin.register(RatingTally)
class RatingTallyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the tallies are written by readers' votes only."""

    change_list_template = "admin/sitewide/ratingtally/change_list.html"
    list_display = ["month", "section", "object_id", "score", "votes"]
    list_filter = ["section", "month"]

    def get_urls(self):
        extra = [
            path(
                "ket-qua.csv",
                self.admin_site.admin_view(self.results_csv),
                name="sitewide_ratingtally_csv",
            ),
        ]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)
        extra_context = {
            **(extra_context or {}),
            "results": monthly_results(),
            "score_labels": SCORES.labels,
            "csv_url": reverse("admin:sitewide_ratingtally_csv"),
        }
        return super().changelist_view(request, extra_context)

    def results_csv(self, request):
        if not self.has_view_permission(request):
            return TemplateResponse(request, "403.html", status=403)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="muc-do-hai-long-{date.today():%Y%m%d}.csv"'  # noqa: DTZ011
        )
        response.write("\ufeff")  # Excel opens UTF-8 CSV with Vietnamese letters only with a BOM
        writer = csv.writer(response)
        writer.writerow(["Tháng", "Mục", "Số lượt", "Điểm trung bình", *SCORES.labels])
        for row in monthly_results():
            writer.writerow(
                [
                    f"{row['month']:%m/%Y}",
                    row["section"],
                    row["votes"],
                    row["average"],
                    *row["counts"],
                ]
            )
        return response

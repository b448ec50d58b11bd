"""The admin of pen names, and the article list's filters by pen name, account and month.

Pen names are assigned by the Ban Biên tập (editors and superusers); a writer sees their
own. The filters answer "what did this pen name / this account write in November?"
(a NukeViet request, #3078), the question the royalty sheet starts from.
"""

from django.contrib import admin
from django.db.models import Count

from news import workflow
from news.pennames import PenName
from vntext import names


@admin.register(PenName)
class PenNameAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "is_active", "article_count"]
    list_filter = ["is_active", ("owner", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["owner"]
    search_fields = ["name", "key", "owner__username", "owner__first_name", "owner__last_name"]
    fields = ["name", "owner", "is_active"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(article_total=Count("articles"))
        if workflow.is_editor(request.user):
            return queryset
        return queryset.filter(owner=request.user.pk)

    @admin.display(description="số bài", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    def has_module_permission(self, request):
        return workflow.can_create(request.user) or workflow.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        if workflow.is_editor(request.user):
            return True
        return workflow.can_create(request.user) and (
            obj is None or obj.owner_id == request.user.pk
        )

    def has_add_permission(self, request):
        return workflow.is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.is_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        # A pen name on articles is protected by the database; retire it instead.
        return workflow.can_delete(request.user)


class PenNameFilter(admin.RelatedOnlyFieldListFilter):
    """Only the pen names that sign some article of the list."""


class WriterFilter(admin.RelatedOnlyFieldListFilter):
    """The account that wrote the article (whatever pen name it signed)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = "tài khoản người viết"

    def field_choices(self, field, request, model_admin):
        writers = model_admin.get_queryset(request).values_list("created_by", flat=True)
        users = field.related_model._default_manager.filter(pk__in=writers).order_by("username")
        return [(user.pk, names.display_name(user)) for user in users]


class PublishedMonthFilter(admin.SimpleListFilter):
    """Tháng xuất bản: one choice per month that has articles, newest first."""

    title = "tháng xuất bản"
    parameter_name = "thang"

    def lookups(self, request, model_admin):
        months = (
            model_admin.get_queryset(request)
            .filter(published_at__isnull=False)
            .datetimes("published_at", "month", order="DESC")
        )
        return [(f"{month:%Y-%m}", f"Tháng {month:%m/%Y}") for month in months]

    def queryset(self, request, queryset):
        year, _, month = (self.value() or "").partition("-")
        if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
            return queryset
        # In the portal's time zone (USE_TZ): an article at 23:30 on the 31st is that month's.
        return queryset.filter(published_at__year=int(year), published_at__month=int(month))


ARTICLE_LIST_FILTERS = [
    ("pen_name", PenNameFilter),
    ("created_by", WriterFilter),
    PublishedMonthFilter,
]

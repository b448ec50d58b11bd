"""The admin of event threads and tags, and the article's attachments inline.

Threads and tags are kept by editors (and superusers); writers see them, put their
articles in threads and type tags on their articles. Every save moves the page cache
(`PageCacheAdminMixin`). docs/newsroom.md.
"""

from django.contrib import admin
from django.db.models import Count
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from news import workflow
from news.attachments import ArticleAttachment
from news.tags import Tag
from news.threads import Thread
from pagecache.admin import PageCacheAdminMixin

SUGGESTIONS = 10


class EditorsKeepMixin:
    """Writers may look, editors keep, superusers alone delete."""

    def has_module_permission(self, request):
        return workflow.can_create(request.user) or workflow.is_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return workflow.is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.is_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)


@admin.register(Thread)
class ThreadAdmin(EditorsKeepMixin, PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "running", "is_featured", "article_count"]
    list_filter = ["is_featured", "starts_on"]
    list_editable = ["is_featured"]
    search_fields = ["name", "description"]
    date_hierarchy = "starts_on"
    # The model's ordering is dropped by the count's GROUP BY (get_queryset): say it here.
    ordering = ["-starts_on", "name"]
    readonly_fields = ["article_list"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        ("Thời gian", {"fields": ["starts_on", "ends_on", "is_featured"]}),
        ("Ảnh băng rôn", {"fields": ["banner", "banner_alt"]}),
        ("Bài viết", {"fields": ["article_list"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="đang diễn ra", boolean=True)
    def running(self, obj):
        return obj.is_active()

    @admin.display(description="số bài", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description="bài trong dòng sự kiện")
    def article_list(self, obj):
        if obj.pk is None:
            return "Thêm bài vào dòng sự kiện từ trang sửa bài viết (mục “Phân loại”)."
        articles = obj.articles.only("id", "title", "status").order_by("-published_at", "-pk")
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (reverse("admin:news_article_change", args=[a.pk]), a.title, a.get_status_display())
                for a in articles[:100]
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else "Chưa có bài nào."


@admin.register(Tag)
class TagAdmin(EditorsKeepMixin, PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    def get_search_results(self, request, queryset, search_term):
        matches, duplicates = super().get_search_results(request, queryset, search_term)
        return matches | queryset.matching(search_term), duplicates

    @admin.display(description="số bài", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    def get_urls(self):
        suggest = self.admin_site.admin_view(self.suggest_view)
        return [path("goi-y/", suggest, name="news_tag_suggest"), *super().get_urls()]

    def suggest_view(self, request):
        """Tags for the article form's "Từ khóa" box: folded match, most used first."""
        if not self.has_view_permission(request):
            return JsonResponse({"results": []}, status=403)
        tags = (
            Tag.objects.matching(request.GET.get("q", "")[:100])
            .annotate(used=Count("articles"))
            .order_by("-used", "slug")
            .values_list("name", flat=True)[:SUGGESTIONS]
        )
        return JsonResponse({"results": list(tags)})


class AttachmentInline(admin.TabularInline):
    model = ArticleAttachment
    extra = 0
    fields = ["file", "label", "order", "facts"]
    readonly_fields = ["facts"]
    verbose_name_plural = "tệp đính kèm (thông cáo báo chí, bài phát biểu…)"

    @admin.display(description="định dạng, dung lượng")
    def facts(self, obj):
        if not obj.pk:
            return "—"
        return f"{obj.type_label}, {filesizeformat(obj.size)}"

    def _may_edit(self, request, obj):
        return obj is None or workflow.can_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return obj is None or workflow.can_view(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

"""Admin for the introduction pages: the tree, its order and menu placement, history."""

from django.contrib import admin

from pagecache.admin import PageCacheAdminMixin
from pages import workflow
from pages.models import Department, Page, PageRevision


class PageRevisionInline(admin.TabularInline):
    model = PageRevision
    fields = ["version", "title", "created_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "lịch sử sửa đổi"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["title", "parent", "order", "show_in_menu", "is_published", "updated_at"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["is_published", "show_in_menu", "parent"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {}
    fields = [
        "title",
        "menu_title",
        "slug",
        "parent",
        ("order", "show_in_menu", "is_published"),
        "summary",
        "body",
        "version",
    ]
    readonly_fields = ["version"]
    inlines = [PageRevisionInline]

    def save_model(self, request, obj, form, change):
        workflow.save_page(page=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        # Archival duty: pages are unpublished, not deleted, except by a superuser.
        return request.user.is_active and request.user.is_superuser


@admin.register(Department)
class DepartmentAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["name", "phone", "email", "order"]
    list_editable = ["order"]

"""The gallery's admin: Phóng viên upload albums (many photos at once) and videos,
Biên tập viên publish them. Permissions follow `gallery.workflow`; docs/gallery.md, "Admin"."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html

from gallery import workflow
from gallery.forms import AlbumAdminForm
from gallery.models import Album, Photo, Video
from pagecache.admin import PageCacheAdminMixin
from recording.admin import SaveAndPublishMixin


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0
    fields = ["preview", "image", "caption", "alt", "photographer", "order"]
    readonly_fields = ["preview"]
    ordering = ["order", "pk"]

    @admin.display(description="xem trước")
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120" height="{}" style="height:auto">',
            obj.image.url,
            round(120 * obj.height / obj.width) if obj.width else 80,
        )

    # `obj` is the album: a published album's photos are the editors' to change.
    def has_add_permission(self, request, obj=None):
        return _may_edit(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _may_edit(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _may_edit(request, obj) and super().has_delete_permission(request, obj)


def _may_edit(request, album) -> bool:
    return album is None or workflow.can_edit(request.user, album)


class PublicationAdmin(SaveAndPublishMixin, PageCacheAdminMixin, admin.ModelAdmin):
    """What the album and video admins share: the editors' button and actions, and
    who may change or delete (gallery.workflow)."""

    publish = unpublish = None  # the workflow functions, keyword `album=` or `video=`
    readonly_fields = ["status", "published_at", "created_by", "created_at", "updated_at"]
    actions = ["publish_selected", "unpublish_selected"]
    date_hierarchy = "date"
    save_on_top = True

    def _run(self, function, obj, actor):
        return function(**{self.model._meta.model_name: obj, "actor": actor})

    def has_change_permission(self, request, obj=None):
        return _may_edit(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        """Nothing leaves the public record but by a superuser (docs/architecture.md, Roles)."""
        return request.user.is_active and request.user.is_superuser

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.can_publish(request.user, self.model):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def publish_after_save(self, request, obj):
        opts = self.model._meta
        try:
            self._run(self.publish, obj, request.user)
        except (PermissionDenied, ValidationError) as error:
            self.message_user(
                request, f"Đã lưu, nhưng chưa xuất bản: {_text(error)}", messages.WARNING
            )
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        self.message_user(
            request, f"Đã lưu và xuất bản {opts.verbose_name} «{obj}».", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = workflow.can_publish(request.user, self.model) and (
            obj is None or not obj.is_published()
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_view_on_site_url(self, obj=None):
        return obj.get_absolute_url() if obj is not None and obj.is_published() else None

    @admin.action(description="Xuất bản các mục đã chọn")
    def publish_selected(self, request, queryset):
        done = 0
        for obj in queryset:
            try:
                self._run(self.publish, obj, request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{obj}: {_text(error)}", messages.ERROR)
                continue
            done += 1
        if done:
            self.message_user(request, f"Đã xuất bản {done} mục.", messages.SUCCESS)

    @admin.action(description="Gỡ các mục đã chọn khỏi trang công khai")
    def unpublish_selected(self, request, queryset):
        for obj in queryset:
            self._run(self.unpublish, obj, request.user)
        self.message_user(request, "Đã gỡ các mục đã chọn.", messages.SUCCESS)


@admin.register(Album)
class AlbumAdmin(PublicationAdmin):
    form = AlbumAdminForm
    publish = staticmethod(workflow.publish_album)
    unpublish = staticmethod(workflow.unpublish_album)
    list_display = ["title", "date", "photo_count", "status", "published_at"]
    list_filter = ["status", "date"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["organizations"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "date", "description", "organizations", "cover"]}),
        ("Tải ảnh lên", {"fields": ["new_photos", "new_photographer"]}),
        ("Trạng thái", {"fields": [("status", "published_at"), ("created_by", "created_at")]}),
    ]
    inlines = [PhotoInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    @admin.display(description="số ảnh", ordering="photo_total")
    def photo_count(self, obj):
        return obj.photo_total

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cover":
            album_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Photo.objects.filter(album_id=album_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        added = form.add_photos(form.instance)
        if added:
            self.message_user(
                request,
                f"Đã thêm {added} ảnh. Hãy viết mô tả (alt) cho từng ảnh trước khi xuất bản.",
                messages.INFO,
            )


@admin.register(Video)
class VideoAdmin(PublicationAdmin):
    publish = staticmethod(workflow.publish_video)
    unpublish = staticmethod(workflow.unpublish_video)
    list_display = ["title", "date", "source", "status", "published_at"]
    list_filter = ["status", "date"]
    search_fields = ["title", "description", "transcript"]
    autocomplete_fields = ["organizations"]
    readonly_fields = [*PublicationAdmin.readonly_fields, "file_facts"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "date", "description", "organizations"]}),
        ("Video", {"fields": ["file", "file_facts", "external_url", "poster"]}),
        ("Cho người khiếm thính", {"fields": ["captions", "transcript"]}),
        ("Trạng thái", {"fields": [("status", "published_at"), ("created_by", "created_at")]}),
    ]

    @admin.display(description="nguồn")
    def source(self, obj):
        return "YouTube" if obj.external_url else obj.get_mime_type_label()

    @admin.display(description="thông tin tệp")
    def file_facts(self, obj):
        if not obj.file:
            return "—"
        return (
            f"{obj.get_mime_type_label()}, {obj.width}×{obj.height}, {obj.minutes}, "
            f"{filesizeformat(obj.size)}"
        )


def _text(error) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


class MissingAltFilter(admin.SimpleListFilter):
    title = "mô tả ảnh (alt)"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("thieu", "Chưa có mô tả"), ("co", "Đã có mô tả")]

    def queryset(self, request, queryset):
        if self.value() == "thieu":
            return queryset.filter(alt__regex=r"^\s*$")
        if self.value() == "co":
            return queryset.exclude(alt__regex=r"^\s*$")
        return queryset


@admin.register(Photo)
class PhotoAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    """Every photo across albums: find those still without alt text."""

    list_display = ["__str__", "album", "photographer", "order"]
    list_filter = [MissingAltFilter, "album__status"]
    list_select_related = ["album"]
    search_fields = ["caption", "alt", "photographer", "album__title"]
    autocomplete_fields = ["album"]
    fields = ["album", "image", "caption", "alt", "photographer", "order"]

    def has_change_permission(self, request, obj=None):
        album = obj.album if obj is not None else None
        return _may_edit(request, album) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        album = obj.album if obj is not None else None
        return _may_edit(request, album) and super().has_delete_permission(request, obj)

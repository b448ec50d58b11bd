from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from pagecache.admin import PageCacheAdminMixin
from portal.models import SiteSettings

admin.site.site_header = "Quản trị Trang Thông tin điện tử Đảng ủy Khối"
admin.site.site_title = "Quản trị Đảng ủy Khối"
admin.site.index_title = "Bảng điều khiển"


@admin.register(SiteSettings)
class SiteSettingsAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    """One record: the list page leads straight to it, and it cannot be deleted."""

    fieldsets = [
        (None, {"fields": ["portal_name", "owner_name", "supervising_body", "responsible_person"]}),
        ("Liên hệ", {"fields": ["address", "phone", "fax", "email"]}),
        ("Pháp lý", {"fields": ["licence", "attribution_note"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        record = SiteSettings.objects.first()
        if record is None:
            return HttpResponseRedirect(reverse("admin:portal_sitesettings_add"))
        return HttpResponseRedirect(reverse("admin:portal_sitesettings_change", args=[record.pk]))


def view_on_site(request, content_type_id, object_id):
    """The admin's "Xem trên trang" shortcut, only for objects the user may see in the admin.

    Django's own shortcut asks nothing but `is_staff`, so any staff account could walk
    ids and read the URL (the title, in the slug) of an unpublished article of someone
    else. Here the model's admin decides, with the same queryset and permission rules
    as its change pages; anything else is a 404.
    """
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    try:
        model_admin = admin.site.get_model_admin(model)
    except admin.sites.NotRegistered:
        raise Http404 from None
    obj = model_admin.get_object(request, str(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, object_id)

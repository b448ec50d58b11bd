from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse

from portal.models import SiteSettings

admin.site.site_header = "Quản trị Trang Thông tin điện tử Đảng ủy Khối"
admin.site.site_title = "Quản trị Đảng ủy Khối"
admin.site.index_title = "Bảng điều khiển"


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
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

"""The one admin page of the audit trail: superusers read, nobody edits or deletes."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from audittrail import trail
from audittrail.models import AuditTrail
from netguard.readonly import SuperuserReadOnlyAdminMixin


@admin.register(AuditTrail)
class AuditTrailAdmin(SuperuserReadOnlyAdminMixin, admin.ModelAdmin):
    def get_urls(self):
        # Only the list: no add, change, delete or history pages exist at all.
        return [u for u in super().get_urls() if u.name and u.name.endswith("_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = trail.TrailFilter(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        page_obj = trail.page(filters, request.GET.get("p"))
        query = request.GET.copy()
        query.pop("p", None)
        context = {
            **self.admin_site.each_context(request),
            "title": "Nhật ký thao tác",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "page_obj": page_obj,
            "query": query.urlencode(),
            "has_filters": bool(filters and any(filters.values())),
        }
        return TemplateResponse(request, "admin/audittrail/trail.html", context)

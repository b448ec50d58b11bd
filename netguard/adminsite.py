"""The admin site every model admin registers on, Django's own included.

It refuses list actions on crafted ids (`_selected_action=abc`, `1.5`, 20 digits)
before Django builds `queryset.filter(pk__in=...)`, which would fail with a 500. The
check is here, once, rather than in each ModelAdmin, so that `delete_selected` on
users and groups and any app's future actions are covered too.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpResponseRedirect

from netguard.ids import INVALID_IDS_MESSAGE, object_ids


class GuardedAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)
        guarded = super().admin_view(view, cacheable)
        if not isinstance(model_admin, admin.ModelAdmin):
            return guarded

        def checked(request, *args, **kwargs):
            selected = (
                request.POST.getlist(ACTION_CHECKBOX_NAME) if request.method == "POST" else []
            )
            if (
                selected
                and self.has_permission(request)
                and object_ids(model_admin.model, selected) is None
            ):
                model_admin.message_user(request, INVALID_IDS_MESSAGE, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            return guarded(request, *args, **kwargs)

        return checked

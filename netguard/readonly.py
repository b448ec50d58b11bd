"""Admin pages that superusers read and nobody writes (the audit trail, the outbox).

One mixin for the rule, so both lists stay closed the same way: superusers alone see
the module and its rows; nobody adds, changes or deletes them from the admin (what a
page offers beyond reading, like the outbox's "Gửi lại ngay", is its own permission).
"""


def is_superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class ReadOnlyAdminMixin:
    """Rows written by the code only (a log, a tally): nobody adds, changes or deletes
    them from the admin; who may read them is the model's view permission."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserReadOnlyAdminMixin(ReadOnlyAdminMixin):
    def has_module_permission(self, request):
        return is_superuser(request)

    def has_view_permission(self, request, obj=None):
        return is_superuser(request)

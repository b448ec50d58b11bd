"""The superusers' read-only admin pages (the audit trail, the outbox) share one rule."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.test import RequestFactory

from audittrail.models import AuditTrail
from outbox.models import Message

pytestmark = pytest.mark.django_db


def request_by(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.parametrize("model", [AuditTrail, Message])
def test_superusers_read_and_nobody_writes(model):
    """Staff with every permission of the model still see nothing; a superuser reads but
    cannot add, change or delete."""
    model_admin = admin.site.get_model_admin(model)
    staff = User.objects.create_user("bientap", is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label=model._meta.app_label)
    )
    boss = User.objects.create_superuser("quantri")
    as_staff, as_boss = request_by(staff), request_by(boss)
    assert not model_admin.has_module_permission(as_staff)
    assert not model_admin.has_view_permission(as_staff)
    assert model_admin.has_module_permission(as_boss)
    assert model_admin.has_view_permission(as_boss)
    assert not model_admin.has_add_permission(as_boss)
    assert not model_admin.has_change_permission(as_boss)
    assert not model_admin.has_delete_permission(as_boss)
    boss.is_active = False
    assert not model_admin.has_view_permission(request_by(boss))


@pytest.mark.parametrize("model", ["news.ArticleTransition", "sitewide.RatingTally"])
def test_logs_written_by_code_are_read_only_even_for_a_superuser(model):
    """The review log and the rating tallies (`ReadOnlyAdminMixin`): readable, never
    added, changed or deleted from the admin, not even by a superuser."""
    from django.apps import apps

    model_admin = admin.site.get_model_admin(apps.get_model(model))
    as_boss = request_by(User.objects.create_superuser("quantri"))
    assert model_admin.has_view_permission(as_boss)
    assert not model_admin.has_add_permission(as_boss)
    assert not model_admin.has_change_permission(as_boss)
    assert not model_admin.has_delete_permission(as_boss)

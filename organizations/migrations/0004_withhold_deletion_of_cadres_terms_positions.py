"""Take deleting cadres, terms and positions away from the "Quản trị tổ chức" group.

0003 gave the group every permission of the app but deleting organizations and events.
Deleting a cadre deletes their positions, and with them "Lãnh đạo qua các thời kỳ";
nothing leaves the public record (docs/architecture.md, "Roles"): a position that ends gets its end date.
A new migration rather than an edit of 0003, so that databases already migrated lose
the permissions too. Only superusers delete, in the admin (organizations/admin.py).
"""

from django.db import migrations

ROLE = "Quản trị tổ chức"
WITHHELD = ["delete_cadre", "delete_term", "delete_position"]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="organizations", codename__in=WITHHELD)


def withhold(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=ROLE):
        group.permissions.remove(*_permissions(apps))


def give_back(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=ROLE):
        group.permissions.add(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_organization_admin_role")]

    operations = [migrations.RunPython(withhold, give_back)]

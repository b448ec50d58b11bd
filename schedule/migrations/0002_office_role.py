"""Create the "Văn phòng" group: drafts the weekly schedule and publishes it.

Permissions are created first (they normally appear only after `migrate`), as the
organizations app's role migration does.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

ROLE = "Văn phòng"
CODENAMES = [
    "add_week",
    "change_week",
    "view_week",
    "publish_week",
    "add_entry",
    "change_entry",
    "view_entry",
    "delete_entry",
]


def create_role(apps, schema_editor):
    for app_config in apps.get_app_configs():
        previous, app_config.models_module = getattr(app_config, "models_module", None), True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ROLE)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="schedule", codename__in=CODENAMES)
    )
    # The presiding cadre is picked from the organizations' cadres (autocomplete).
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="organizations", codename="view_cadre")
    )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("schedule", "0001_weeks_entries"),
        ("organizations", "0003_organization_admin_role"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]

"""Create the "Quản trị tổ chức" group with the organizations app's permissions.

Permissions normally appear only after `migrate` finishes (post_migrate), so this
migration creates the content types and permissions first, as news' 0002 does; it then
works on a fresh database as well as on an existing one.

Deleting an organization or an event is left out on purpose: the history is archival,
organizations end by dissolution or merger and stay browsable.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

ROLE = "Quản trị tổ chức"
MODELS = ["organization", "organizationevent", "term", "cadre", "position"]
WITHHELD = {"delete_organization", "delete_organizationevent"}


def create_role(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # Historical app configs have no models module, which create_permissions skips;
        # pretend for the call and restore whatever was there (the live registry's too).
        previous, app_config.models_module = getattr(app_config, "models_module", None), True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ROLE)
    permissions = Permission.objects.filter(
        content_type__app_label="organizations", content_type__model__in=MODELS
    ).exclude(codename__in=WITHHELD)
    group.permissions.add(*permissions)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_vietnamese_constraint_messages_no_self_reference"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]

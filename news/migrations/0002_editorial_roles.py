"""Create the editorial groups with the permissions of the roles table in docs/architecture.md.

Permissions normally appear only after `migrate` finishes (post_migrate), so this
migration creates content types and permissions for the installed apps first; it then
works on a fresh database as well as on an existing one.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

AUTHOR = "Phóng viên"
EDITOR = "Biên tập viên"

AUTHOR_PERMISSIONS = [
    ("news", "add_article"),
    ("news", "change_article"),
    ("news", "view_article"),
    ("news", "view_category"),
    ("news", "view_articletransition"),
    ("news", "view_articlerevision"),
    ("organizations", "view_organization"),
]
EDITOR_PERMISSIONS = [
    *AUTHOR_PERMISSIONS,
    ("news", "publish_article"),
    ("news", "change_others_article"),
    ("news", "add_category"),
    ("news", "change_category"),
    ("news", "change_articlerevision"),
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # Historical app configs have no models module, which create_permissions skips;
        # pretend for the call and restore whatever was there (the live registry's too).
        previous, app_config.models_module = getattr(app_config, "models_module", None), True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [(AUTHOR, AUTHOR_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[AUTHOR, EDITOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_categories_articles_workflow_records"),
        ("organizations", "0001_organization_tree_history_terms_cadres"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

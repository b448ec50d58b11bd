"""The gallery's part of the editorial roles (docs/gallery.md, "Roles").

- "Phóng viên" uploads: adds and edits albums and their photos (unpublished ones: the
  admin and `gallery.workflow` refuse the rest).
- "Biên tập viên" does the same and publishes (`gallery.publish_album`).
Nobody but a superuser deletes an album. The groups are made if news' 0002 has not yet
(the gallery does not depend on news). Permissions are created first, as news' 0002
does, so this works on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

AUTHOR = "Phóng viên"
EDITOR = "Biên tập viên"
AUTHOR_PERMISSIONS = [
    "add_album",
    "change_album",
    "view_album",
    "add_photo",
    "change_photo",
    "delete_photo",
    "view_photo",
]
EDITOR_PERMISSIONS = [*AUTHOR_PERMISSIONS, "publish_album", "view_transition"]


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
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="gallery", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[AUTHOR, EDITOR]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="gallery"))


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0001_albums_photos_transitions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

"""Videos in the editorial roles: Phóng viên upload, Biên tập viên also publish
(`gallery.publish_video`). docs/gallery.md, "Roles"."""

import importlib

from django.db import migrations

_roles = importlib.import_module("gallery.migrations.0002_gallery_roles")
AUTHOR_PERMISSIONS = ["add_video", "change_video", "view_video"]
EDITOR_PERMISSIONS = [*AUTHOR_PERMISSIONS, "publish_video"]


def add_video_roles(apps, schema_editor):
    _roles.create_roles(apps, schema_editor)  # permissions and groups exist from here on
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [
        (_roles.AUTHOR, AUTHOR_PERMISSIONS),
        (_roles.EDITOR, EDITOR_PERMISSIONS),
    ]:
        Group.objects.get(name=name).permissions.add(
            *Permission.objects.filter(content_type__app_label="gallery", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("gallery", "0003_videos")]

    operations = [migrations.RunPython(add_video_roles, migrations.RunPython.noop)]

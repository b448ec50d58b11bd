"""The Trưởng ban Biên tập group, the royalty rights of editors, and a starting
coefficient table (docs/royalties.md); the table stays editable in the admin.

Like 0002, it makes the content types and permissions first, so that it runs on a fresh
database as well as on an existing one.
"""

from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

HEAD = "Trưởng ban Biên tập"
EDITOR = "Biên tập viên"

EDITOR_PERMISSIONS = [
    "view_royaltysheet",
    "add_royaltysheet",
    "view_royaltyline",
    "view_articleroyalty",
    "add_articleroyalty",
    "change_articleroyalty",
    "view_genre",
    "view_coefficient",
    "view_unitvalue",
    "view_statistics",
]
HEAD_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "approve_royaltysheet",
    "add_genre",
    "change_genre",
    "add_coefficient",
    "change_coefficient",
    "delete_coefficient",
    "add_unitvalue",
    "change_unitvalue",
    "view_article",
    "view_category",
]
# Genre: coefficient at grades A, B, C.
GENRES = [
    ("Tin", "3", "2", "1.5"),
    ("Bài", "10", "8", "6"),
    ("Ảnh", "3", "2", "1"),
    ("Phóng sự", "20", "15", "12"),
    ("Bài dịch", "6", "5", "4"),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        previous, app_config.models_module = getattr(app_config, "models_module", None), True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def grant(group, codenames):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )

    grant(Group.objects.get_or_create(name=EDITOR)[0], EDITOR_PERMISSIONS)
    grant(Group.objects.get_or_create(name=HEAD)[0], HEAD_PERMISSIONS)
    Genre = apps.get_model("news", "Genre")
    Coefficient = apps.get_model("news", "Coefficient")
    for order, (name, *values) in enumerate(GENRES, start=1):
        genre, created = Genre.objects.get_or_create(name=name, defaults={"order": order * 10})
        if created:
            for grade, value in zip("ABC", values, strict=True):
                Coefficient.objects.create(genre=genre, grade=grade, value=Decimal(value))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=HEAD).delete()
    editor = Group.objects.filter(name=EDITOR).first()
    if editor:
        editor.permissions.remove(
            *editor.permissions.filter(
                content_type__app_label="news", codename__in=EDITOR_PERMISSIONS
            )
        )
    apps.get_model("news", "Genre").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("news", "0009_royalties_and_daily_views")]

    operations = [migrations.RunPython(forwards, backwards)]

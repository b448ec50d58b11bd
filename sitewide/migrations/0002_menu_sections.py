"""One menu entry per standing section, placed among the categories (ordered 10, 20…)."""

from django.db import migrations

ENTRIES = [
    ("intro", 5),
    ("organizations", 55),
    ("documents", 60),
    ("schedule", 70),
    ("questions", 80),
]


def create_entries(apps, schema_editor):
    MenuEntry = apps.get_model("sitewide", "MenuEntry")
    for section, order in ENTRIES:
        MenuEntry.objects.get_or_create(section=section, defaults={"order": order})


def remove_entries(apps, schema_editor):
    apps.get_model("sitewide", "MenuEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("sitewide", "0001_links_menu_notices_rating_tallies")]

    operations = [migrations.RunPython(create_entries, remove_entries)]

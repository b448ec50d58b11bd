"""The "Quản trị văn bản" role, editors' right to link documents, and the seeded tables.

- "Quản trị văn bản" registers, edits, publishes and withdraws documents and keeps the
  kinds, fields and issuers; it deletes nothing (published documents are archival:
  superusers alone delete).
- "Biên tập viên" may see documents, so that it can link them to articles.
- "Phóng viên" gets nothing here.
- Kinds as party bodies number them, and the issuers every Đảng ủy Khối quotes.

Permissions are created first, as news' 0002 does, so this works on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

KEEPER = "Quản trị văn bản"
EDITOR = "Biên tập viên"
MODELS = ["document", "documentfile", "replacedfile", "kind", "subject", "issuer"]

KINDS = [
    ("Nghị quyết", "NQ"),
    ("Chỉ thị", "CT"),
    ("Kết luận", "KL"),
    ("Quy định", "QĐ"),
    ("Quy chế", "QC"),
    ("Quyết định", "QĐ"),
    ("Kế hoạch", "KH"),
    ("Chương trình", "CTr"),
    ("Đề án", "ĐA"),
    ("Hướng dẫn", "HD"),
    ("Thông báo", "TB"),
    ("Báo cáo", "BC"),
    ("Công văn", "CV"),
    ("Tài liệu sinh hoạt chi bộ", ""),
]
SUBJECTS = [
    "Xây dựng Đảng",
    "Tổ chức – cán bộ – đảng viên",
    "Kiểm tra, giám sát",
    "Tuyên giáo và dân vận",
    "Học tập và làm theo Bác",
    "Công tác văn phòng",
]
ISSUERS = [
    ("Ban Chấp hành Trung ương", "TW", "trung-uong"),
    ("Bộ Chính trị", "TW", "trung-uong"),
    ("Ban Bí thư", "TW", "trung-uong"),
    ("Tỉnh ủy", "TU", "tinh-uy"),
    ("Đảng ủy Khối", "ĐUK", "dang-uy-khoi"),
]


def _slug(text):
    import vntext

    return vntext.slugify(text)


def create(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # Historical app configs have no models module, which create_permissions skips;
        # pretend for the call and restore whatever was there (the live registry's too).
        previous, app_config.models_module = getattr(app_config, "models_module", None), True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    keeper, _ = Group.objects.get_or_create(name=KEEPER)
    keeper.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="documents", content_type__model__in=MODELS
        ).exclude(codename__startswith="delete_")
    )
    keeper.permissions.add(
        Permission.objects.get(
            content_type__app_label="organizations", codename="view_organization"
        )
    )
    # The news app's migration creates the same group with get_or_create: either may run first.
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(
        Permission.objects.get(content_type__app_label="documents", codename="view_document")
    )
    Kind = apps.get_model("documents", "Kind")
    for order, (name, abbreviation) in enumerate(KINDS, start=1):
        Kind.objects.get_or_create(
            slug=_slug(name), defaults={"name": name, "abbreviation": abbreviation, "order": order}
        )
    Subject = apps.get_model("documents", "Subject")
    for order, name in enumerate(SUBJECTS, start=1):
        Subject.objects.get_or_create(slug=_slug(name), defaults={"name": name, "order": order})
    Issuer = apps.get_model("documents", "Issuer")
    for order, (name, abbreviation, level) in enumerate(ISSUERS, start=1):
        Issuer.objects.get_or_create(
            slug=_slug(name),
            defaults={"name": name, "abbreviation": abbreviation, "level": level, "order": order},
        )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=KEEPER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_postgresql_search_index"),
        ("organizations", "0001_organization_tree_history_terms_cadres"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]

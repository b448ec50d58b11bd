"""The group "Tiếp nhận hỏi đáp" with its permissions, and the seeded topics and departments.

Permissions normally appear only after `migrate` finishes (post_migrate), so this
migration creates this app's content types and permissions first.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

GROUP = "Tiếp nhận hỏi đáp"
PERMISSIONS = [
    "view_question",
    "change_question",
    "handle_question",
    "publish_question",
    "view_questiontransition",
    "view_topic",
    "add_topic",
    "change_topic",
    "view_department",
    "add_department",
    "change_department",
]
TOPICS = [
    ("to-chuc-dang-dang-vien", "Tổ chức đảng, đảng viên", 10),
    ("ket-nap-dang", "Kết nạp đảng, chuyển sinh hoạt đảng", 20),
    ("kiem-tra-giam-sat-ky-luat", "Kiểm tra, giám sát, kỷ luật đảng", 30),
    ("tuyen-giao-dan-van", "Tuyên giáo, dân vận", 40),
    ("chinh-sach-can-bo", "Chế độ, chính sách cán bộ", 50),
    ("doan-the", "Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh", 60),
    ("khac", "Lĩnh vực khác", 90),
]
DEPARTMENTS = [
    ("Văn phòng Đảng ủy Khối", "Văn phòng", 10),
    ("Ban Tổ chức Đảng ủy Khối", "Ban Tổ chức", 20),
    ("Ban Tuyên giáo và Dân vận Đảng ủy Khối", "Ban Tuyên giáo", 30),
    ("Ủy ban Kiểm tra Đảng ủy Khối", "UBKT", 40),
]


def create(apps, schema_editor):
    app_config = apps.get_app_config("questions")
    previous, app_config.models_module = getattr(app_config, "models_module", None), True
    create_contenttypes(app_config, apps=apps, verbosity=0)
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="questions", codename__in=PERMISSIONS)
    )
    Topic = apps.get_model("questions", "Topic")
    for slug, name, order in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    Department = apps.get_model("questions", "Department")
    for name, short_name, order in DEPARTMENTS:
        Department.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "order": order}
        )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_topics_departments_questions_transitions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]

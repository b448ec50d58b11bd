from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_ADMIN = ("admin", "admin-demo-2026")


class Command(BaseCommand):
    help = "Tạo nội dung mẫu cho môi trường phát triển (chỉ khi DEBUG bật)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Chỉ tạo khi cơ sở dữ liệu chưa có người dùng."
        )

    def handle(self, *args, if_empty=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo chỉ chạy khi DEBUG bật: không tạo tài khoản mẫu ở máy chủ thật."
            )
        user_model = get_user_model()
        if if_empty and user_model.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; bỏ qua nội dung mẫu.")
        else:
            username, password = DEMO_ADMIN
            if not user_model.objects.filter(username=username).exists():
                user_model.objects.create_superuser(username, "admin@example.invalid", password)
        self.stdout.write(
            f"Tài khoản quản trị mẫu (chỉ dùng trên máy cá nhân): {DEMO_ADMIN[0]} / {DEMO_ADMIN[1]}"
        )

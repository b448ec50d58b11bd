"""manage.py backup DIR: the database and MEDIA_ROOT into a new folder (portal/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (PostgreSQL: pg_dump -Fc; SQLite: bản sao trực tuyến) và "
        "thư mục media vào một thư mục mới, kèm bảng kê số dòng và mã băm (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục mới (hoặc trống) để ghi bản sao lưu")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {sum(manifest.tables.values())} dòng trong {len(manifest.tables)} "
                f"bảng ({manifest.vendor}) và {len(manifest.media)} tệp media vào {folder}."
            )
        )

"""manage.py restore DIR: a backup into an empty database and MEDIA_ROOT, then checked."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Phục hồi một bản sao lưu vào cơ sở dữ liệu trống và thư mục media trống, rồi so "
        "số dòng từng bảng và mã băm từng tệp với bảng kê của bản sao lưu (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục do lệnh backup ghi")

    def handle(self, *args, folder, **options):
        try:
            manifest = restore(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã phục hồi và đối chiếu {sum(manifest.tables.values())} dòng trong "
                f"{len(manifest.tables)} bảng và {len(manifest.media)} tệp media từ {folder}."
            )
        )

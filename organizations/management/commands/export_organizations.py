"""manage.py export_organizations [FILE.csv]: the register in the format the import reads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organizations import register


class Command(BaseCommand):
    help = "Xuất danh sách tổ chức đảng ra CSV, cùng định dạng với import_organizations."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="tệp CSV để ghi (UTF-8 có BOM, mở được bằng Excel); bỏ trống: in ra màn hình",
        )

    def handle(self, *args, file=None, **options):
        if not file:
            register.export_csv(self.stdout)
            return
        path = Path(file)
        try:
            with path.open("w", encoding="utf-8-sig", newline="") as stream:
                count = register.export_csv(stream)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {path}: {error.strerror}.") from error
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {count} tổ chức vào {path}."))

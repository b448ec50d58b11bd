"""manage.py import_organizations FILE.csv: load the organization register (all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organizations import register


class Command(BaseCommand):
    help = (
        "Nhập danh sách tổ chức đảng từ tệp CSV (cột: xem docs/organizations.md). "
        "Theo đường dẫn (slug): chạy lại không tạo trùng. Một dòng sai thì cả tệp bị từ chối."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp CSV, UTF-8")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào cơ sở dữ liệu"
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}.") from error
        try:
            result = register.import_csv(raw, dry_run=dry_run)
        except register.ImportRejected as rejected:
            lines = "\n".join(f"  {error}" for error in rejected.errors)
            raise CommandError(
                f"Tệp {path.name} bị từ chối, không có thay đổi nào được ghi:\n{lines}"
            ) from rejected
        if dry_run:
            self.stdout.write(
                f"Tệp hợp lệ (chạy thử, chưa ghi): {result.created} tổ chức mới, "
                f"{result.updated} tổ chức đã có."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {path.name}: {result.created} tạo mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi."
            )
        )

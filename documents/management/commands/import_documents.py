"""manage.py import_documents REGISTER.csv FOLDER: load documents and their files (all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents import register


class Command(BaseCommand):
    help = (
        "Nhập sổ văn bản từ tệp CSV và thư mục tệp đính kèm (cột: xem docs/documents.md). "
        "Một dòng sai thì cả tệp bị từ chối, không ghi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp CSV, UTF-8")
        parser.add_argument("folder", help="thư mục chứa các tệp nêu ở cột files")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào cơ sở dữ liệu"
        )

    def handle(self, *args, file, folder, dry_run, **options):
        path, directory = Path(file), Path(folder)
        if not directory.is_dir():
            raise CommandError(f"Không có thư mục {directory}.")
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}.") from error
        try:
            result = register.import_register(raw, directory, dry_run=dry_run)
        except register.ImportRejected as rejected:
            lines = "\n".join(f"  {error}" for error in rejected.errors)
            raise CommandError(
                f"Tệp {path.name} bị từ chối, không có thay đổi nào được ghi:\n{lines}"
            ) from rejected
        verb = "Tệp hợp lệ (chạy thử, chưa ghi)" if dry_run else f"Đã nhập {path.name}"
        self.stdout.write(
            self.style.SUCCESS(f"{verb}: {result.created} văn bản, {result.files} tệp.")
        )

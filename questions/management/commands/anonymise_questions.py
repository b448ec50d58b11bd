from django.conf import settings
from django.core.management.base import BaseCommand

from questions import workflow


class Command(BaseCommand):
    help = (
        "Xóa thông tin liên hệ của người hỏi (họ tên, thư điện tử, điện thoại, cơ quan) ở "
        "các câu hỏi đã đóng quá QUESTION_RETENTION_MONTHS tháng; giữ câu hỏi và trả lời. "
        "Chạy lại không làm gì thêm (docs/questions.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Số tháng giữ dữ liệu sau khi đóng (mặc định QUESTION_RETENTION_MONTHS).",
        )

    def handle(self, *args, **options):
        months = options["months"] or settings.QUESTION_RETENTION_MONTHS
        count = workflow.anonymise_questions(months=months)
        self.stdout.write(f"Đã ẩn danh {count} câu hỏi đóng quá {months} tháng.")

"""Report the oldest entry the audit trail keeps, per source and overall.

The rules ask for processing logs kept two years: this says how far back they go.
"""

from django.core.management.base import BaseCommand
from django.db.models import Min
from django.utils import timezone

from audittrail import sources

REQUIRED_DAYS = 2 * 365


class Command(BaseCommand):
    help = "Mục cũ nhất còn lưu trong nhật ký thao tác, theo từng loại và chung."

    def handle(self, *args, **options):
        now = timezone.now()
        oldest_overall = None
        for source in sources():
            oldest = source.rows().aggregate(oldest=Min("at"))["oldest"]
            if oldest is None:
                self.stdout.write(f"{source.label}: chưa có mục nào")
                continue
            self.stdout.write(f"{source.label}: {self._describe(oldest, now)}")
            oldest_overall = oldest if oldest_overall is None else min(oldest_overall, oldest)
        if oldest_overall is None:
            self.stdout.write("Nhật ký chưa có mục nào.")
            return
        days = (now - oldest_overall).days
        self.stdout.write(f"Cũ nhất: {self._describe(oldest_overall, now)}")
        if days >= REQUIRED_DAYS:
            self.stdout.write(self.style.SUCCESS("Nhật ký phủ đủ 2 năm."))
        else:
            self.stdout.write(f"Nhật ký phủ {days} ngày (chưa đủ 2 năm = {REQUIRED_DAYS} ngày).")

    @staticmethod
    def _describe(moment, now) -> str:
        local = timezone.localtime(moment)
        return f"{local:%d-%m-%Y %H:%M} ({(now - moment).days} ngày trước)"

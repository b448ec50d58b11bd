"""manage.py run_periodic: the periodic jobs the apps registered (docs/deploy.md)."""

from django.core.management.base import BaseCommand, CommandError

import periodic


class Command(BaseCommand):
    help = (
        "Chạy các việc định kỳ (ghi lượt xem, gửi lại thư...). An toàn khi chạy mỗi phút: "
        "việc chưa đến hạn được bỏ qua, chạy lại không làm hai lần."
    )

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help="chỉ chạy các việc này (mặc định: tất cả)")
        parser.add_argument("--force", action="store_true", help="chạy cả việc chưa đến hạn")
        parser.add_argument(
            "--list", action="store_true", dest="list_jobs", help="liệt kê các việc rồi thoát"
        )

    def handle(self, *args, jobs, force, list_jobs, **options):
        known = {job.name: job for job in periodic.jobs()}
        if list_jobs:
            for job in known.values():
                self.stdout.write(f"{job.name}  (mỗi {job.every} giây)")
            return
        unknown = sorted(set(jobs) - set(known))
        if unknown:
            raise CommandError(f"Không có việc định kỳ: {', '.join(unknown)}.")
        outcomes = periodic.run(jobs or None, force=force)
        for outcome in outcomes:
            if outcome.status == "ran":
                self.stdout.write(
                    f"{outcome.name}: xong ({outcome.result}) trong {outcome.seconds:.2f} giây"
                )
            elif outcome.status == "skipped":
                self.stdout.write(f"{outcome.name}: chưa đến hạn, bỏ qua")
            else:
                self.stderr.write(f"{outcome.name}: LỖI (xem nhật ký)")
        failed = [outcome.name for outcome in outcomes if outcome.status == "failed"]
        if failed:
            raise CommandError(f"{len(failed)} việc định kỳ lỗi: {', '.join(failed)}.")

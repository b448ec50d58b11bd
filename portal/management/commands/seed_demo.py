import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

import dbstats
from documents.models import Document
from news.models import Article, Category, PenName, Tag, Thread
from organizations.models import Cadre, Organization, OrganizationEvent, Position, Term
from pagecache import content_changed
from portal.demo import sections
from portal.demo.builder import DEFAULT_ARTICLES, DEMO_USERS, DemoBuilder
from portal.demo.documents import DEFAULT_DOCUMENTS
from portal.models import SiteSettings
from questions.models import Question


class Command(BaseCommand):
    help = (
        "Tạo nội dung mẫu: tổ chức đảng, cán bộ, chuyên mục, bài viết và (khi DEBUG bật) "
        "tài khoản mẫu. Chạy lại không tạo thêm gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=DEFAULT_ARTICLES,
            help="Số bài đã xuất bản (mặc định 150).",
        )
        parser.add_argument(
            "--organizations",
            type=int,
            default=None,
            help="Tổng số tổ chức đảng (mặc định: ~60 TCCS của tỉnh mẫu).",
        )
        parser.add_argument(
            "--documents",
            type=int,
            default=DEFAULT_DOCUMENTS,
            help="Số văn bản mẫu (mặc định 60; chỉ 200 văn bản đầu có tệp PDF).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Hạt giống ngẫu nhiên: cùng hạt giống, cùng nội dung.",
        )
        parser.add_argument(
            "--anchor",
            type=str,
            default=None,
            help="Ngày mốc YYYY-MM-DD (mặc định hôm nay): bài viết trải trong hai năm trước ngày này.",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Chỉ tạo khi chưa có bài viết nào."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Xóa nội dung mẫu trước khi tạo lại (hỏi xác nhận).",
        )
        parser.add_argument("--yes", action="store_true", help="Không hỏi xác nhận khi --reset.")

    def handle(self, *args, **options):
        if options["articles"] < 0 or (
            options["organizations"] is not None and options["organizations"] < 1
        ):
            raise CommandError("Số bài viết và số tổ chức phải là số dương.")
        anchor = timezone.localdate()
        if options["anchor"]:
            try:
                anchor = timezone.datetime.strptime(options["anchor"], "%Y-%m-%d").date()
            except ValueError as exc:
                raise CommandError("Ngày mốc phải có dạng YYYY-MM-DD, ví dụ 2026-11-27.") from exc
        if options["reset"]:
            self.reset(confirmed=options["yes"])
        if options["if_empty"] and Article.objects.exists():
            self.stdout.write("Đã có nội dung; bỏ qua nội dung mẫu.")
            self.print_accounts()
            return
        started = time.perf_counter()
        builder = DemoBuilder(
            seed=options["seed"],
            anchor=anchor,
            articles=options["articles"],
            organizations=options["organizations"],
            documents=options["documents"],
            with_accounts=settings.DEBUG,
            out=self.stdout,
        )
        report = builder.build()
        content_changed()  # the demo is written with the plain ORM: no page may stay cached
        if report.created:
            dbstats.analyze()  # the planner's statistics: docs/performance.md, "Bulk loads"
        elapsed = time.perf_counter() - started
        if report.created:
            summary = ", ".join(f"{n} {what}" for what, n in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Đã tạo {summary} trong {elapsed:.1f} giây."))
        else:
            self.stdout.write("Nội dung mẫu đã có đủ; không tạo thêm gì.")
        if not settings.DEBUG:
            self.stdout.write("DEBUG tắt: không tạo tài khoản mẫu.")
        self.print_accounts()
        self.stdout.write(
            "Bản thu nhỏ của ảnh: `manage.py make_renditions` (make seed chạy sẵn), hoặc "
            "trang tự tạo khi ảnh được xem lần đầu (docs/images.md)."
        )

    def print_accounts(self):
        if not settings.DEBUG:
            return
        self.stdout.write("\nTài khoản mẫu (chỉ dùng trên máy phát triển):")
        for username, password, group, _ in DEMO_USERS:
            self.stdout.write(
                f"  {username:<15} {password:<22} {group or 'Quản trị viên (superuser)'}"
            )

    def reset(self, *, confirmed: bool):
        if not confirmed:
            if not self.stdin_is_interactive():
                raise CommandError(
                    "--reset xóa toàn bộ nội dung mẫu: thêm --yes để xác nhận khi chạy không tương tác."
                )
            answer = input(
                "Thao tác này XÓA toàn bộ bài viết, chuyên mục, tổ chức đảng, cán bộ và tài khoản mẫu. "
                "Gõ «xoa» để xác nhận: "
            )
            if answer.strip().lower() not in {"xoa", "xóa"}:
                raise CommandError("Đã hủy; không xóa gì.")
        with transaction.atomic():
            Question.objects.all().delete()
            Document.objects.update(replaces=None)  # the chain protects its links
            Document.objects.all().delete()
            sections.reset()
            Article.objects.all().delete()  # their attachments go with them
            Thread.objects.all().delete()
            Tag.objects.all().delete()
            PenName.objects.all().delete()  # before the accounts they protect
            Category.objects.filter(parent__isnull=False).delete()
            Category.objects.all().delete()
            Position.objects.all().delete()
            Term.objects.all().delete()
            Cadre.objects.all().delete()
            OrganizationEvent.objects.all().delete()
            # merged_into protects its target (and goes with the merged status): unlink first
            Organization.objects.filter(status="merged").update(
                status="dissolved", merged_into=None
            )
            for org in Organization.objects.with_tree_fields().order_by("-tree_depth"):
                org.delete()
            SiteSettings.objects.all().delete()
            get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]).delete()
            content_changed()
        self.stdout.write(self.style.WARNING("Đã xóa nội dung mẫu."))

    @staticmethod
    def stdin_is_interactive() -> bool:
        import sys

        return sys.stdin.isatty()

"""`make bench-load`: the portal under load while an editor publishes (issue 13).

    make bench-load                                          # 60 s, 64 connections
    make bench-load BENCH_ARGS="--seconds 10 --articles 1000"   # a quick look

gunicorn with production settings (4 sync workers) on PostgreSQL + Redis (DATABASE_URL
and REDIS_URL when set, else throw-away ones) and the 10,000-article demo; wrk on
loopback drives a mix of home, every category, 40 articles, three searches and the
organization chart. Meanwhile an editor publishes and unpublishes an article every few
seconds through the workflow (`news.workflow`), and right after each commit fetches the
article, the home page and its category page: after a publish all three must show it,
after an unpublish none may (a 404 for the article). Prints req/s, p50/p99, non-2xx and
socket errors, and the stale pages seen, and writes them into docs/performance.md.
Target: 0 errors, 0 stale.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

TITLE = "Bài đo tải: xuất bản rồi gỡ xuống trong lúc tải"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--every", type=float, default=3, help="seconds between editor actions")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8300)))
    parser.add_argument("--no-write", action="store_true", help="print only, leave the docs")
    return parser.parse_args()


def mix() -> list[str]:
    from django.urls import reverse

    from news.models import Article, Category

    paths = [reverse("portal:home")] * 10
    paths += [c.get_absolute_url() for c in Category.objects.all()]
    paths += [a.get_absolute_url() for a in Article.objects.published().newest_first()[:400:10]]
    paths += [
        reverse("news:search") + "?q=" + q for q in ("dang+uy+khoi", "chuyen+doi+so", "hien+mau")
    ]
    paths.append(reverse("organizations:chart"))
    return paths


class Editor:
    """Publishes and unpublishes one article through the workflow, then checks the pages."""

    def __init__(self, port: int):
        from news import workflow

        self.workflow = workflow
        self.port = port
        self.user = harness.editor()
        self.article = harness.probe_article(TITLE)
        self.checks = self.stale = self.actions = 0
        self.problems: list[str] = []

    def toggle(self) -> None:
        from django.utils import timezone

        from news.models import Article

        article = Article.objects.get(pk=self.article.pk)
        if article.status == Article.Status.PUBLISHED:
            self.workflow.unpublish_article(article=article, actor=self.user, note="Đo tải")
            visible = False
        else:
            if article.status != Article.Status.PENDING:
                self.workflow.submit_article(article=article, actor=self.user)
            self.workflow.approve_article(
                article=article, actor=self.user, publish_at=timezone.now()
            )
            visible = True
        self.actions += 1
        self.article = article
        self.check(visible)

    def check(self, visible: bool) -> None:
        """The pages fetched right after the commit show exactly the new state."""
        title = escape(TITLE)
        pages = {
            "article": self.article.get_absolute_url(),
            "home": "/",
            "category": self.article.category.get_absolute_url(),
        }
        with ThreadPoolExecutor(len(pages)) as pool:  # the three at once, right after the commit
            answers = dict(
                zip(
                    pages,
                    pool.map(
                        lambda path: harness.request(self.port, path, timeout=30), pages.values()
                    ),
                    strict=True,
                )
            )
        for name, answer in answers.items():
            if name == "article":
                shown = answer.status == 200 and title in answer.text
                if not visible and answer.status not in (404, 200):
                    self.problems.append(f"article answered {answer.status}")
            else:
                shown = title in answer.text
            self.checks += 1
            if shown != visible:
                self.stale += 1
                state = "published" if visible else "unpublished"
                self.problems.append(f"{name} stale after the article was {state}")


def main():
    args = arguments()
    with harness.Services(args.port) as (database, redis):
        env = harness.production_env(database_url=database, redis_url=redis)
        harness.prepare_demo(env, args.articles)
        harness.use_environment(env)
        paths = mix()
        with harness.Gunicorn(args.port, env, workers=args.workers) as server:
            editor = Editor(server.port)
            for path in set(paths):
                harness.request(server.port, path, timeout=30)
            print(
                f"wrk: {args.seconds:g} s, {args.connections} connections over {len(paths)} "
                f"paths; the editor acts every {args.every:g} s…",
                flush=True,
            )
            load = harness.Wrk(
                server.port,
                paths,
                seconds=args.seconds,
                connections=args.connections,
                server=server,
            )
            try:
                deadline = time.monotonic() + args.seconds - 1
                while time.monotonic() < deadline:
                    started = time.monotonic()
                    editor.toggle()
                    time.sleep(max(0.0, args.every - (time.monotonic() - started)))
                result = load.result()
            finally:
                load.stop()
            if editor.article.status == "published":
                editor.toggle()  # leave it unpublished for the next run
            rss = max(server.rss_mb())
    socket = ", ".join(f"{k} {v}" for k, v in result.socket_errors.items())
    report = (
        f"{datetime.now(tz=UTC):%Y-%m-%d %H:%M} UTC; {harness.machine()}; {args.articles:,} "
        f"articles; gunicorn {args.workers} sync workers; wrk {args.connections} connections "
        f"for {args.seconds:g} s.\n\n"
        f"| figure | value |\n|---|---|\n"
        f"| requests | {result.requests:,} in {result.seconds:.0f} s = {result.rps:,.0f} req/s |\n"
        f"| latency | p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms |\n"
        f"| non-2xx | {result.non2xx} |\n"
        f"| socket errors | {socket} |\n"
        f"| worker CPU | {result.cpu_ms:.2f} ms per request; largest worker RSS {rss:.0f} MB |\n"
        f"| editor | {editor.actions} publish/unpublish commits, {editor.checks} pages checked "
        f"right after, **{editor.stale} stale** |"
    )
    print("\n" + report)
    if not args.no_write:
        harness.write_block(harness.ROOT / "docs" / "performance.md", "make bench-load", report)
    for problem in editor.problems[:10]:
        print("  ", problem)
    if result.errors or editor.stale:
        sys.exit(1)


if __name__ == "__main__":
    main()

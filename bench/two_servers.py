"""Two app servers, one PostgreSQL and one Redis: a publish through one shows through the other.

    .venv/bin/python bench/two_servers.py [--rounds 5] [--port 8340]

Starts two gunicorns with production settings and the page cache on (DATABASE_URL and
REDIS_URL when set, else throw-away ones), both sharing the database and the cache, as
two hosts behind a load balancer would. An editor logs in to the admin of server A and
publishes an article with the admin's list actions (submit, then approve); right after
the redirect, server B must show it on the article page, the home page and its
category page, all of which B had cached before. Then the editor unpublishes through
B, and A must stop showing it at once. Prints what each round saw; exit status 1 on
any stale page.
"""

import argparse
import os
import sys
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

TITLE = "Bài đo hai máy chủ: xuất bản qua máy này, hiện ngay ở máy kia"


def action(session: harness.AdminSession, name: str, article, *, confirm: bool) -> None:
    from news.models import Article

    fresh = Article.objects.get(pk=article.pk)
    fields = {
        "action": name,
        "_selected_action": str(article.pk),
        "index": "0",
        "select_across": "0",
    }
    if confirm:
        fields |= {"confirm": "yes", "seen": f"{fresh.pk}:{fresh.version}", "note": "",
                   "publish_at_0": "", "publish_at_1": ""}  # fmt: skip
    answer = session.post("/admin/news/article/", fields)
    if answer.status != 302:
        raise RuntimeError(f"The admin action {name} answered {answer.status}, not a redirect.")


def shows(port: int, article, paths: dict[str, str]) -> dict[str, bool]:
    title = escape(TITLE)
    seen = {}
    for name, path in paths.items():
        answer = harness.request(port, path, timeout=30)
        seen[name] = answer.status == 200 and title in answer.text
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8340)))
    args = parser.parse_args()
    stale = 0
    with harness.Services(args.port) as (database, redis):
        env = harness.production_env(database_url=database, redis_url=redis)
        harness.prepare_demo(env, args.articles)
        harness.use_environment(env)
        from news.models import Article

        harness.editor()
        article = harness.probe_article(TITLE)
        if article.status == Article.Status.PUBLISHED:
            from news import workflow

            workflow.unpublish_article(article=article, actor=harness.editor())
        paths = {
            "article": article.get_absolute_url(),
            "home": "/",
            "category": article.category.get_absolute_url(),
        }
        with (
            harness.Gunicorn(args.port, env, workers=2) as a,
            harness.Gunicorn(args.port + 1, env, workers=2) as b,
        ):
            sessions = {}
            for server in (a, b):
                sessions[server.port] = harness.AdminSession(server.port)
                answer = sessions[server.port].login(*harness.EDITOR)
                if answer.status != 302:
                    raise RuntimeError(f"Login on {server.port} answered {answer.status}.")
            print(f"Server A on {a.port}, server B on {b.port}; {args.rounds} rounds.")
            for number in range(1, args.rounds + 1):
                for server in (a, b):  # both have the pages cached without the article
                    shows(server.port, article, paths)
                action(sessions[a.port], "submit_selected", article, confirm=False)
                action(sessions[a.port], "approve_selected", article, confirm=True)
                published = time.monotonic()
                seen_b = shows(b.port, article, paths)
                seen_after = time.monotonic() - published
                action(sessions[b.port], "unpublish_selected", article, confirm=True)
                gone_a = shows(a.port, article, paths)
                missing = [name for name, ok in seen_b.items() if not ok]
                kept = [name for name, ok in gone_a.items() if ok]
                stale += len(missing) + len(kept)
                print(
                    f"  round {number}: published through A → B shows it on "
                    f"{sum(seen_b.values())}/3 pages ({seen_after * 1000:.0f} ms for the three)"
                    f"{' MISSING: ' + ', '.join(missing) if missing else ''}; unpublished through "
                    f"B → A still shows it on {len(kept)}/3{' STALE: ' + ', '.join(kept) if kept else ''}"
                )
    print(f"{stale} stale pages in {args.rounds} rounds")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()

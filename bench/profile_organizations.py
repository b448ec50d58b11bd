"""Profile the organization pages rendered in-process: CPU ms per request and cProfile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/profile_organizations.py [--requests 200] [--profile chart]

Production settings (DEBUG off, so the cached template loader) on a database that
`manage.py seed_demo` filled. Each page is requested with Django's test client with
the page cache off (`PAGE_CACHE_SECONDS=0`: every request renders), first with the
cache emptied before each request ("cold": nothing shared is cached either), then with
what every page shares left in the cache ("rendered": a page-cache miss as a reader
meets it). Prints the median CPU time per request (`time.process_time`, so the load of
the machine hardly moves it), the queries and the size of the page; `--profile PAGE`
adds the cProfile of that page's warm requests, sorted by own time; `--queries PAGE`
prints the SQL of one rendering. Method and figures:
docs/performance.md ("The organization chart and pages, rendered").
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import inprocess  # noqa: E402

inprocess.start_django(PAGE_CACHE_SINGLE_PROCESS="1", PAGE_CACHE_SECONDS="0")

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from organizations.models import Cadre, Organization  # noqa: E402

STATIC_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def pages() -> dict[str, str]:
    committee = (
        Organization.objects.active()
        .filter(kind=Organization.Kind.GRASSROOTS_COMMITTEE)
        .order_by("pk")
        .first()
    )
    cadre = Cadre.objects.public().filter(positions__isnull=False).order_by("pk").first()
    return {
        # A page of the same chrome (menu, footer, notices) and almost nothing else.
        "chrome only": reverse("portal:accessibility"),
        "chart": reverse("organizations:chart"),
        "chart, past date": reverse("organizations:chart") + "?ngay=01/01/2022",
        "organization": committee.get_absolute_url(),
        "bloc": Organization.objects.root().get_absolute_url(),
        "leadership": reverse("organizations:leadership"),
        "cadre": cadre.get_absolute_url(),
    }


def measure(client, url, requests, cold) -> tuple[float, int, int]:
    times = []
    response = client.get(url)  # warm the template loader and the shared fragments
    for _ in range(requests):
        if cold:
            cache.clear()
        start = time.process_time()
        response = client.get(url)
        times.append((time.process_time() - start) * 1000)
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--profile", help="a page name to profile (e.g. chart)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--queries", help="a page name whose rendered queries to print")
    options = parser.parse_args()
    client = Client()
    with override_settings(STORAGES=STATIC_STORAGE):
        urls = pages()
        print(f"{'page':<18} {'cold ms':>8} {'rendered ms':>12} {'queries':>8} {'KB':>6}")
        for name, url in urls.items():
            cold, _, _ = measure(client, url, options.requests, cold=True)
            warm, queries, size = measure(client, url, options.requests, cold=False)
            print(f"{name:<18} {cold:8.2f} {warm:12.2f} {queries:8d} {size / 1024:6.1f}")
        if options.queries:
            url = urls[options.queries]
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            for query in queries.captured_queries:
                print(f"{query['time']:>6}  {query['sql'][:300]}")
        if options.profile:
            url = urls[options.profile]
            client.get(url)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(options.requests):
                client.get(url)
            profiler.disable()
            stats = pstats.Stats(profiler).strip_dirs()
            stats.sort_stats("tottime").print_stats(options.top)
            stats.sort_stats("cumulative").print_stats(options.top)


if __name__ == "__main__":
    main()

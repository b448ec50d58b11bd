"""Where a rendered page's time goes: CPU per request, queries, template nodes, a profile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/render REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/render_profile.py                  # the figures of every page
    ... bench/render_profile.py --profile article              # + cProfile of one page

Production settings in one process (DEBUG=0, so Django's cached template loader, the
manifest static storage after a `collectstatic` into bench/results/static), the page
cache off (`PAGE_CACHE_SECONDS=0`, as the "rendered" server of `make bench`), on the
demo that `seed_demo --articles N` built. Each page is requested with Django's test
client, a few times to warm up, then `--requests` times: the median CPU time of the
process per request (`time.process_time`, so it hardly depends on how busy the machine
is), the queries and the time spent waiting for them, and the template nodes rendered.
With `--profile PAGE`, cProfile over those requests prints the functions that took the
most time, themselves included (cumulative) and alone (tottime). Method and figures:
docs/performance.md, "Where rendering time goes".
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import inprocess  # noqa: E402

# Rendered, production-like, whatever the environment says.
os.environ["DEBUG"] = "0"
os.environ["PAGE_CACHE_SECONDS"] = "0"
inprocess.start_django(
    CACHE_KEY_PREFIX="render-profile",
    STATIC_ROOT=str(ROOT / "bench" / "results" / "static"),
    LOG_LEVEL="WARNING",
)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import base as template_base  # noqa: E402
from django.test import Client  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from harness import public_pages  # noqa: E402


class Counters:
    """Queries (and the wall time spent in them) and template nodes of one request."""

    def __init__(self):
        self.queries = 0
        self.sql_seconds = 0.0
        self.nodes = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_seconds += time.perf_counter() - started


def count_nodes(counters: Counters):
    original = template_base.Node.render_annotated

    def render_annotated(self, context):
        counters.nodes += 1
        return original(self, context)

    template_base.Node.render_annotated = render_annotated
    return original


def measure(client: Client, path: str, requests: int, profiler=None, expected_status=200) -> dict:
    for _ in range(5):
        client.get(path)
    cpu, wall = [], []
    counters = Counters()
    original = count_nodes(counters)
    try:
        with connection.execute_wrapper(counters):
            for _ in range(requests):
                started_cpu, started = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                response = client.get(path)
                if profiler:
                    profiler.disable()
                cpu.append(time.process_time() - started_cpu)
                wall.append(time.perf_counter() - started)
                if response.status_code != expected_status:
                    raise SystemExit(f"{path}: {response.status_code}")
    finally:
        template_base.Node.render_annotated = original
    return {
        "cpu_ms": statistics.median(cpu) * 1000,
        "wall_ms": statistics.median(wall) * 1000,
        "queries": counters.queries / requests,
        "sql_ms": counters.sql_seconds / requests * 1000,
        "nodes": counters.nodes / requests,
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--profile", help="a page to profile: home, category, article, search")
    parser.add_argument("--lines", type=int, default=35)
    parser.add_argument("--callers", help="with --profile: who calls the functions matching this")
    parser.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="another page to measure (a 404 is expected when NAME starts with 404); "
        "with --only, only these",
    )
    parser.add_argument("--only", action="store_true", help="measure only the --path pages")
    args = parser.parse_args()
    call_command("collectstatic", "--noinput", verbosity=0)
    pages = public_pages()
    pages.pop("chart")  # the chart lane's (organizations/)
    if args.only:
        pages = {}
    for extra in args.path:
        name, _, path = extra.partition("=")
        pages[name] = path
    client = Client()
    print(f"{'page':<10} {'CPU ms':>7} {'wall ms':>8} {'queries':>8} {'SQL ms':>7} {'nodes':>6}")
    for name, path in pages.items():
        profiler = cProfile.Profile(time.process_time) if name == args.profile else None
        status = 404 if name.startswith("404") else 200
        figures = measure(client, path, args.requests, profiler, status)
        print(
            f"{name:<10} {figures['cpu_ms']:>7.1f} {figures['wall_ms']:>8.1f} "
            f"{figures['queries']:>8.1f} {figures['sql_ms']:>7.1f} {figures['nodes']:>6.0f}"
        )
        if profiler:
            for order in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.lines)
                if args.callers and order == "tottime":
                    stats = pstats.Stats(profiler, stream=out).sort_stats(order)
                    stats.print_callers(args.callers)
                print(out.getvalue())


if __name__ == "__main__":
    main()

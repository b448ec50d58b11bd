"""`make bench`: the public pages as they are served, cached and rendered (issue 11).

    make bench                                   # 10,000 articles, 3 rounds of 10 s
    make bench BENCH_ARGS="--articles 100000"    # the large portal
    make bench BENCH_ARGS="--seconds 3 --rounds 1 --no-write"   # a quick look

Builds the demo (`seed_demo --articles N`) on PostgreSQL + Redis (DATABASE_URL and
REDIS_URL when they are set, else a throw-away cluster and redis-server on the next
ports), starts two gunicorns with production settings and 2 workers each, one with the
page cache and one with PAGE_CACHE_SECONDS=0, and drives wrk over loopback in
alternated rounds: a bare Django view, robots.txt, then home, a category, an article,
search and the organization chart, from the cache and rendered. Prints the medians:
req/s, p50/p99, errors, the ratio to the bare view, worker CPU ms per request (from
/proc) and worker RSS; writes the table into docs/performance.md with the date and the
machine. How to read it: docs/performance.md, "Served figures".
"""

import argparse
import os
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

DOC = harness.ROOT / "docs" / "performance.md"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8300)))
    parser.add_argument("--no-write", action="store_true", help="print only, leave the docs")
    return parser.parse_args()


def main():
    args = arguments()
    with harness.Services(args.port) as (database, redis):
        env = harness.production_env(database_url=database, redis_url=redis)
        harness.prepare_demo(env, args.articles)
        harness.use_environment(env)
        pages = harness.public_pages()
        rendered_env = {**env, "PAGE_CACHE_SECONDS": "0"}
        with (
            harness.Gunicorn(args.port, env, workers=2) as cached,
            harness.Gunicorn(args.port + 1, rendered_env, workers=2) as rendered,
        ):
            runs = [
                ("bare Django view", cached, harness.BARE_PATH),
                ("robots.txt", cached, "/robots.txt"),
            ]
            if harness.request(cached.port, "/healthz").status == 200:
                runs.append(("/healthz", cached, "/healthz"))
            for name, path in pages.items():
                if name != "search":  # search is never page-cached (docs/performance.md)
                    runs.append((f"{name}, cached", cached, path))
                runs.append((f"{name}, rendered", rendered, path))
            for _, server, path in runs:  # warm every worker: imports, connections, templates
                for _ in range(4):
                    answer = harness.request(server.port, path)
                    if answer.status != 200:
                        raise RuntimeError(f"{path} answered {answer.status}")
            results: dict[str, list[harness.LoadResult]] = {name: [] for name, *_ in runs}
            for number in range(args.rounds):
                order = runs if number % 2 == 0 else runs[::-1]
                print(f"Round {number + 1}/{args.rounds}…", flush=True)
                for name, server, path in order:
                    results[name].append(
                        harness.wrk(
                            server.port,
                            [path],
                            seconds=args.seconds,
                            connections=args.connections,
                            server=server,
                        )
                    )
            rss = max(cached.rss_mb() + rendered.rss_mb())
    table = report(results, rss, args)
    print()
    print(table)
    if not args.no_write:
        harness.write_block(DOC, "make bench", table)
        print(f"\nWritten into {DOC.relative_to(harness.ROOT)}.")


def report(results, rss: float, args) -> str:
    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else float("nan")

    bare = median([r.rps for r in results["bare Django view"]])
    lines = [
        f"{datetime.now(tz=UTC):%Y-%m-%d %H:%M} UTC; {harness.machine()}; "
        f"{args.articles:,} articles; gunicorn 2 sync workers per server, production settings, "
        f"PostgreSQL + Redis; wrk {args.connections} connections, {args.rounds} alternated "
        f"rounds of {args.seconds:g} s, medians.",
        "",
        "| page | req/s | × bare view | p50 ms | p99 ms | errors | worker CPU ms/request |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        rps = median([r.rps for r in runs])
        lines.append(
            f"| {name} | {rps:,.0f} | {rps / bare:.3f} | {median([r.p50_ms for r in runs]):.1f} "
            f"| {median([r.p99_ms for r in runs]):.1f} | {sum(r.errors for r in runs)} "
            f"| {median([r.cpu_ms for r in runs]):.2f} |"
        )
    lines += ["", f"Largest worker RSS after the run: {rss:.0f} MB."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

"""Where a served request's CPU goes: cProfile inside a gunicorn worker (docs/performance.md).

    .venv/bin/python bench/profile_worker.py                  # home, category, article: cached
    .venv/bin/python bench/profile_worker.py --rendered /     # the home page, rendered
    .venv/bin/python bench/profile_worker.py /robots.txt --top 40

Needs DATABASE_URL and REDIS_URL (PostgreSQL + Redis) holding the demo: `make bench`
builds it. Starts one gunicorn with production settings and one worker that profiles
itself after a warm-up until its exit (the hooks below, `-c python:bench.profile_worker`),
drives each path with wrk, then prints the worker's CPU ms per request (from /proc), its
RSS, and the functions that took the most time (cumulative and own), per path.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# gunicorn hooks: active only when this module is gunicorn's config (PROFILE_OUT is set).
# The profile starts after the warm-up requests (imports, connections, templates, the
# first render) and counts CPU time, not waiting (for Redis, PostgreSQL, the client).
WARM_UP = 20
_profile = None
_seen = 0


def pre_request(worker, req):
    global _profile, _seen
    _seen += 1
    if _seen == WARM_UP + 1:
        import cProfile
        import time

        _profile = cProfile.Profile(time.process_time)
        _profile.enable()


def worker_exit(server, worker):
    if _profile is not None:
        _profile.disable()
        _profile.dump_stats(os.environ["PROFILE_OUT"])


def main():
    from bench import harness

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="default: home, a category, an article")
    parser.add_argument("--rendered", action="store_true", help="PAGE_CACHE_SECONDS=0")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-profile", action="store_true", help="CPU and RSS only")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8300)))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("set DATABASE_URL (and REDIS_URL) to a database holding the demo")
    env = harness.production_env(
        database_url=os.environ["DATABASE_URL"], redis_url=os.environ.get("REDIS_URL", "")
    )
    if args.rendered:
        env["PAGE_CACHE_SECONDS"] = "0"
    paths = args.paths
    if not paths:
        harness.use_environment(env)
        pages = harness.public_pages()
        paths = [pages["home"], pages["category"], pages["article"]]
    import pstats

    for path in paths:
        out = Path(tempfile.mkstemp(prefix="profile-", suffix=".pstats")[1])
        run_env = {**env, "PROFILE_OUT": str(out)}
        options = () if args.no_profile else ("-c", "python:bench.profile_worker")
        with harness.Gunicorn(args.port, run_env, workers=1, args=options) as server:
            for _ in range(WARM_UP):  # warm: imports, connections, templates, the cache
                answer = harness.request(server.port, path, headers={"Accept-Encoding": "gzip"})
            size = len(answer.body)
            load = harness.wrk(
                server.port, [path], seconds=args.seconds, connections=4, server=server
            )
            rss = server.rss_mb()
        encoding = answer.header("content-encoding") or "plain"
        print(
            f"\n== {path}: {answer.status}, {size:,} bytes sent ({encoding}); "
            f"{load.requests:,} requests, worker CPU {load.cpu_ms:.2f} ms/request, "
            f"RSS {max(rss):.0f} MB"
        )
        if not args.no_profile and out.stat().st_size:
            stats = pstats.Stats(str(out))
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
        out.unlink(missing_ok=True)


if __name__ == "__main__":
    main()

"""Worker memory as `make bench` leaves it, per server and per page (docs/performance.md).

    .venv/bin/python bench/worker_memory.py                    # every page, both servers
    .venv/bin/python bench/worker_memory.py --alone            # each page alone, fresh servers
    .venv/bin/python bench/worker_memory.py --root /work/main  # another checkout's code

Needs DATABASE_URL and REDIS_URL (PostgreSQL + Redis) holding the demo: `make bench`
builds it. Starts the two servers of `make bench` (gunicorn, production settings, 2 sync
workers each; one with the page cache, one with PAGE_CACHE_SECONDS=0), warms them as it
does, then drives every public page with wrk for `--seconds` per page and round and
prints each worker's VmRSS (the figure `make bench` reports), its anonymous part
(`/proc/<pid>/smaps_rollup`: the heap, not the shared libraries) and whether it has
loaded Pillow or nh3 (imported on first use) after each round.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3, help="wrk per page and round")
    parser.add_argument("--alone", action="store_true", help="each page alone")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8300)))
    return parser.parse_args()


# Packages loaded on first use whose native library shows in /proc/<pid>/maps.
NATIVE = {"PIL": "PIL/_imaging", "nh3": "nh3/nh3"}


def worker_figures(server) -> list[tuple[float, float, list[str]]]:
    """(VmRSS, anonymous, first-use packages loaded) of each worker, in MB."""
    figures = []
    for pid in server.worker_pids():
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            maps = Path(f"/proc/{pid}/maps").read_text()
        except OSError:
            continue
        fields = {line.split()[0]: int(line.split()[1]) for line in rollup[1:]}
        loaded = [name for name, library in NATIVE.items() if library in maps]
        figures.append((fields["Rss:"] / 1000, fields["Anonymous:"] / 1000, loaded))
    return figures


def show(label: str, servers) -> float:
    parts, largest = [], 0.0
    for name, server in servers:
        figures = worker_figures(server)
        largest = max([largest] + [rss for rss, *_ in figures])
        text = ", ".join(
            f"{rss:.1f} ({anonymous:.1f} anon{''.join(f' +{name}' for name in loaded)})"
            for rss, anonymous, loaded in figures
        )
        parts.append(f"{name}: {text}")
    print(f"{label:<28} largest {largest:5.1f} MB | " + " | ".join(parts), flush=True)
    return largest


def run(harness, env, pages: dict[str, str], args) -> float:
    rendered_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    with (
        harness.Gunicorn(args.port, env, workers=2) as cached,
        harness.Gunicorn(args.port + 1, rendered_env, workers=2) as rendered,
    ):
        servers = [("cached", cached), ("rendered", rendered)]
        show("started", servers)
        runs = [(cached, path) for name, path in pages.items() if name != "search"]
        runs += [(rendered, path) for path in pages.values()]
        for server, path in runs:  # the warm-up of bench/serve.py
            for _ in range(4):
                harness.request(server.port, path)
        show("warmed (4 requests each)", servers)
        for number in range(args.rounds):
            for server, path in runs if number % 2 == 0 else runs[::-1]:
                harness.wrk(server.port, [path], seconds=args.seconds, connections=16)
            largest = show(f"round {number + 1}", servers)
    return largest


def main():
    args = arguments()
    sys.path.insert(0, args.root)
    from bench import harness

    env = harness.production_env(
        database_url=os.environ["DATABASE_URL"],
        redis_url=os.environ["REDIS_URL"],
        STATIC_ROOT=tempfile.mkdtemp(prefix="bench-static-"),
    )
    harness.manage("collectstatic", "--noinput", "--clear", "-v", "0", env=env)
    harness.use_environment(env)
    pages = harness.public_pages()
    print(f"{harness.ROOT}: {args.rounds} rounds of {args.seconds:g} s per page")
    if not args.alone:
        run(harness, env, pages, args)
        return
    for name, path in pages.items():
        print(f"-- {name} alone")
        run(harness, env, {name: path}, args)


if __name__ == "__main__":
    main()

"""Faults survived, shown with figures: the database, the cache and a worker go away.

    .venv/bin/python bench/faults.py                      # every scenario
    .venv/bin/python bench/faults.py postgres redis       # some of them
    .venv/bin/python bench/faults.py --port 8320

Everything runs on throw-away services on this machine's loopback: a PostgreSQL cluster
under /tmp on --port+10 and a redis-server on --port+11 (the shared ones are never
touched), gunicorn with production settings on --port, a small demo. Four threads
request a mix of public pages the whole time and every answer is counted by phase:

- postgres: the cluster is stopped during traffic, then started again; pages answer 503
  (with Retry-After, no traceback) while it is down, and 200 again without restarting
  gunicorn (connection health checks);
- redis: redis-server is stopped, then started; pages stay 200 (uncached), and each
  worker logs the outage once, not per request; then redis is frozen (SIGSTOP) and the
  socket timeouts keep requests from hanging;
- worker: a worker is killed (SIGKILL) mid-traffic, and another is frozen until
  gunicorn's timeout replaces it; the next requests are served;
- media: MEDIA_ROOT is a small tmpfs, remounted read-only, then filled up; the editor's
  image upload answers with its Vietnamese message and stores nothing (the article
  form's cover: tests/news/test_admin.py). Needs root, as it mounts.

Exit status 1 when a scenario's expectation fails. docs/deploy.md has the figures.
"""

import argparse
import collections
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness


class Traffic:
    """Threads requesting `paths` in turn; every answer is kept with its time and phase."""

    def __init__(self, port: int, paths: list[str], threads: int = 4):
        self.port, self.paths = port, paths
        self.phase = "before"
        self.answers: list[tuple[str, float, str, float, object]] = []
        self.running = True
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(threads)]

    def _run(self, offset: int) -> None:
        n = offset
        while self.running:
            path = self.paths[n % len(self.paths)]
            n += 1
            started = time.monotonic()
            phase = self.phase
            try:
                answer = harness.request(self.port, path, timeout=15)
                outcome = answer.status
                detail = answer
            except OSError as error:
                outcome = type(error).__name__
                detail = None
            with self.lock:
                self.answers.append(
                    (phase, started, str(outcome), time.monotonic() - started, detail)
                )

    def __enter__(self) -> "Traffic":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.running = False
        for thread in self.threads:
            thread.join()

    def summary(self, phase: str) -> str:
        rows = [a for a in self.answers if a[0] == phase]
        counts = collections.Counter(a[2] for a in rows)
        slowest = max((a[3] for a in rows), default=0)
        shown = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        return f"{len(rows)} requests ({shown}); slowest {slowest * 1000:.0f} ms"

    def of(self, phase: str) -> list:
        return [a for a in self.answers if a[0] == phase]


def public_paths() -> list[str]:
    pages = harness.public_pages()
    return [pages["home"], pages["category"], pages["article"], pages["search"], pages["chart"]]


def postgres(args, cluster, env, check) -> None:
    print("\n== PostgreSQL stopped during traffic", flush=True)
    with (
        harness.Gunicorn(args.port, env, workers=2) as server,
        Traffic(server.port, args.paths) as traffic,
    ):
        editor = harness.AdminSession(server.port)
        editor.login(*harness.EDITOR)
        time.sleep(3)
        traffic.phase = "down"
        stopped = time.monotonic()
        cluster.stop()
        time.sleep(5)
        admin = editor.get("/admin/news/article/")
        traffic.phase = "restarted"
        cluster.start()
        back = time.monotonic()
        time.sleep(4)
        traffic.phase = "after"
        time.sleep(3)
    print(f"  before    {traffic.summary('before')}")
    print(f"  down      {traffic.summary('down')} (for {back - stopped:.1f} s)")
    print(f"  restarted {traffic.summary('restarted')}")
    print(f"  after     {traffic.summary('after')}")
    down = [a for a in traffic.answers if a[1] > stopped + 0.5 and a[1] + a[3] < back]
    unavailable = [a for a in down if a[2] == "503"]
    first_ok = min(
        (a[1] + a[3] for a in traffic.answers if a[2] == "200" and a[1] + a[3] > back),
        default=None,
    )
    if first_ok is not None:
        print(
            f"  first 200 after PostgreSQL was back: {first_ok - back:.2f} s, gunicorn not restarted"
        )
    print(f"  admin while down: {admin.status}")
    check("pages answer 503 while PostgreSQL is down", bool(down) and len(unavailable) == len(down),
          f"{len(unavailable)} of {len(down)}")  # fmt: skip
    sample = unavailable[0][4] if unavailable else None
    check("the 503 says when to retry and shows no traceback",
          sample is not None and sample.header("retry-after") != ""
          and "Traceback" not in sample.text and "public" not in sample.header("cache-control"),
          f"Retry-After: {sample.header('retry-after') if sample else '-'}")  # fmt: skip
    check("the admin says the database is unavailable", admin.status == 503
          and "Traceback" not in admin.text, f"{admin.status}")  # fmt: skip
    after = traffic.of("after")
    check("everything is served again without restarting gunicorn",
          bool(after) and all(a[2] == "200" for a in after), traffic.summary("after"))  # fmt: skip


def redis(args, env, redis_server, check) -> None:
    print("\n== Redis stopped, then frozen, during traffic", flush=True)
    with (
        harness.Gunicorn(args.port, env, workers=2) as server,
        Traffic(server.port, args.paths) as traffic,
    ):
        time.sleep(3)
        traffic.phase = "down"
        redis_server.stop()
        time.sleep(5)
        traffic.phase = "restarted"
        redis_server.start()
        time.sleep(3)
        traffic.phase = "frozen"
        os.kill(redis_server.process.pid, signal.SIGSTOP)
        time.sleep(5)
        os.kill(redis_server.process.pid, signal.SIGCONT)
        traffic.phase = "after"
        time.sleep(3)
        log = server.log_text()
    for phase in ("before", "down", "restarted", "frozen", "after"):
        print(f"  {phase:<9} {traffic.summary(phase)}")
    outages = log.count("cache unavailable")
    recoveries = log.count("cache available again")
    down = traffic.of("down")
    print(f"  log: {outages} 'cache unavailable' and {recoveries} 'cache available again' lines "
          f"for {len(down) + len(traffic.of('frozen'))} requests without a cache, 2 workers")  # fmt: skip
    check("pages are served while Redis is down", bool(down) and all(a[2] == "200" for a in down),
          traffic.summary("down"))  # fmt: skip
    frozen = traffic.of("frozen")
    check("a frozen Redis does not hang requests (socket timeouts)",
          bool(frozen) and all(a[2] == "200" for a in frozen) and max(a[3] for a in frozen) < 5,
          traffic.summary("frozen"))  # fmt: skip
    check("the outage is logged once per worker and outage, not per request",
          0 < outages <= 2 * 2, f"{outages} lines")  # fmt: skip


def worker(args, env, check) -> None:
    print("\n== A worker killed mid-request, another frozen past gunicorn's timeout", flush=True)
    with (
        harness.Gunicorn(args.port, env, workers=2, timeout=5) as server,
        Traffic(server.port, args.paths) as traffic,
    ):
        time.sleep(3)
        traffic.phase = "killed"
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        replaced = None
        while time.monotonic() - killed_at < 10:
            pids = server.worker_pids()
            if victim not in pids and len(pids) == 2:
                replaced = time.monotonic() - killed_at
                break
            time.sleep(0.05)
        time.sleep(2)
        traffic.phase = "frozen"
        frozen = server.worker_pids()[0]
        settled = (killed_at + (replaced or 0), time.monotonic())
        os.kill(frozen, signal.SIGSTOP)
        frozen_at = time.monotonic()
        timed_out = None
        while time.monotonic() - frozen_at < 20:
            if frozen not in server.worker_pids() and len(server.worker_pids()) == 2:
                timed_out = time.monotonic() - frozen_at
                break
            time.sleep(0.1)
        traffic.phase = "after"
        time.sleep(3)
    for phase in ("before", "killed", "frozen", "after"):
        print(f"  {phase:<7} {traffic.summary(phase)}")
    print(f"  the killed worker was replaced in {replaced if replaced is None else f'{replaced:.2f} s'}; "
          f"the frozen one by gunicorn's 5 s timeout after {timed_out if timed_out is None else f'{timed_out:.1f} s'}")  # fmt: skip
    lost = [a for a in traffic.answers if a[2] != "200" and a[1] < killed_at < a[1] + a[3]]
    next_ones = [a for a in traffic.answers if a[1] > killed_at and a[1] + a[3] < settled[1]]
    print(f"  lost with the killed worker: {len(lost)} request(s) in flight")
    check("a worker killed mid-request is replaced, and the next requests are served",
          replaced is not None and bool(next_ones) and all(a[2] == "200" for a in next_ones),
          f"{sum(a[2] == '200' for a in next_ones)} of {len(next_ones)} after the kill")  # fmt: skip
    after = [a for a in traffic.answers if a[1] > frozen_at + timed_out] if timed_out else []
    check("a frozen worker is replaced at the timeout; requests are served after",
          timed_out is not None and bool(after) and all(a[2] == "200" for a in after),
          f"{sum(a[2] == '200' for a in after)} of {len(after)} after the replacement")  # fmt: skip


def media(args, env, check) -> None:
    print("\n== The media disk read-only, then full (a 4 MB tmpfs as MEDIA_ROOT)", flush=True)
    import io
    import json
    import subprocess
    import tempfile

    from PIL import Image

    folder = Path(tempfile.mkdtemp(prefix="media-fault-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                      capture_output=True, check=False).returncode:  # fmt: skip
        print("  skipped: mounting a tmpfs needs root (CAP_SYS_ADMIN)")
        folder.rmdir()
        return
    picture = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(picture, "JPEG", quality=95)

    def files():
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())

    try:
        harness.editor()
        with harness.Gunicorn(args.port, {**env, "MEDIA_ROOT": str(folder)}, workers=2) as server:
            session = harness.AdminSession(server.port)
            session.login(*harness.EDITOR)
            results = {}
            for state in ("writable", "read-only", "full"):
                if state == "read-only":
                    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
                if state == "full":
                    subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
                    filler = folder / "filler.bin"
                    with contextlib.suppress(OSError), filler.open("wb") as handle:
                        while True:
                            handle.write(b"\0" * 65536)
                before = files()
                answer = session.upload(
                    "/ckeditor/upload/", "upload", "anh.jpg", picture.getvalue()
                )
                try:
                    body = json.loads(answer.text)
                except ValueError:
                    body = {"uploaded": None, "error": {"message": answer.text[:80]}}
                added = [name for name in files() if name not in before]
                results[state] = (answer.status, body, added)
                message = body.get("error", {}).get("message", body.get("url", ""))
                print(f"  {state:<9} {answer.status} uploaded={body.get('uploaded')} "
                      f"new files: {len(added)}; {message}")  # fmt: skip
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()
    check(
        "an upload is stored while the disk is writable",
        results["writable"][1].get("uploaded") == 1,
    )
    for state in ("read-only", "full"):
        status, body, added = results[state]
        check(f"an upload to a {state} disk is refused in Vietnamese, nothing stored",
              status == 200 and body.get("uploaded") == 0 and "thư mục lưu tệp" in
              body.get("error", {}).get("message", "") and not added,
              f"{status}, {len(added)} new files")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenarios", nargs="*", default=["postgres", "redis", "worker", "media"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8320)))
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    failed = []

    def check(name, ok, detail=""):
        print(f"  {'ok  ' if ok else 'FAIL'}  {name} ({detail})", flush=True)
        if not ok:
            failed.append(name)

    with harness.Postgres(args.port + 10) as cluster, harness.Redis(args.port + 11) as cache:
        env = harness.production_env(
            database_url=cluster.url, redis_url=cache.url, LOG_LEVEL="WARNING"
        )
        harness.prepare_demo(env, args.articles)
        harness.use_environment(env)
        args.paths = public_paths()
        harness.editor()
        from django.db import connections

        connections.close_all()
        if "postgres" in args.scenarios:
            postgres(args, cluster, env, check)
        if "redis" in args.scenarios:
            redis(args, env, cache, check)
        if "worker" in args.scenarios:
            worker(args, env, check)
        if "media" in args.scenarios:
            media(args, env, check)
    print(f"\n{len(failed)} failed" + (f": {'; '.join(failed)}" if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

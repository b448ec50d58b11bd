"""What the served benchmarks and fault scripts share: servers, load, figures.

`bench/serve.py` (make bench), `bench/load.py` (make bench-load), `bench/two_servers.py`,
the fault scripts `bench/fault_*.py` and the nginx check (`bench/nginx_check.py`, run by
.ci/run) start the portal the way production does (gunicorn, DEBUG off, PostgreSQL and
Redis) on loopback ports, drive it with Debian's wrk or plain HTTP requests, and read
worker CPU time and memory from /proc. Every process they start is stopped when the
`with` block ends, also on an error. Throw-away PostgreSQL clusters and Redis servers
run on the caller's port: the shared ones on 5432/6379 are never stopped.
How to read the figures: docs/performance.md.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = BIN / "python"
TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
BARE_PATH = "/bench/bare/"  # bench/wsgi.py


def production_env(*, database_url: str, redis_url: str = "", **extra) -> dict[str, str]:
    """The environment of a production server on this machine (docs/deploy.md)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "PAGE_CACHE_SECONDS", "DEBUG"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}",
        STATIC_ROOT=str(ROOT / "bench" / "results" / "static"),
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def use_environment(env: dict[str, str]) -> None:
    """Make this process a Django process of that environment (for seeding, the editor)."""
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import sys

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def manage(*args: str, env: dict[str, str], quiet: bool = True) -> str:
    result = subprocess.run(
        [str(PYTHON), str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def free_port_check(port: int) -> None:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"Port {port} is taken: choose another with --port.")


# HTTP --------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 10,
    host: str = "127.0.0.1",
    tls: bool = False,
    source: str | None = None,
) -> Response:
    """One request to a loopback port.

    Plain HTTP goes to gunicorn as nginx would pass it on (HTTPS already terminated);
    `tls` talks HTTPS to nginx itself (a throw-away certificate, not verified); `source`
    is the loopback address the request comes from (127.0.0.2, ...).
    """
    options = {"timeout": timeout, "source_address": (source, 0) if source else None}
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, **options)
        base = {"Host": host}
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, **options)
        base = {"Host": host, "X-Forwarded-Proto": "https"}
    try:
        connection.request(method, path, body=body, headers={**base, **(headers or {})})
        answer = connection.getresponse()
        data = answer.read()
        merged: dict[str, str] = {}
        for name, value in answer.getheaders():
            key = name.lower()
            merged[key] = f"{merged[key]}\n{value}" if key in merged else value
        return Response(answer.status, merged, data)
    finally:
        connection.close()


def wait_for(port: int, path: str = "/robots.txt", *, seconds: float = 60, process=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server on port {port} exited with {process.returncode}.")
        try:
            request(port, path, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Nothing answered on port {port} within {seconds:.0f} s.")


class AdminSession:
    """A logged-in admin user over HTTP (the cookies are Secure, so kept by hand)."""

    def __init__(self, port: int, **options):
        self.port, self.options = port, options
        self.cookies: dict[str, str] = {}

    def _headers(self, extra=None) -> dict[str, str]:
        origin = f"https://{self.options.get('host', '127.0.0.1')}"
        headers = {"Origin": origin, "Referer": origin + "/admin/"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def _keep(self, response: Response) -> Response:
        for line in response.header("set-cookie").split("\n"):
            if "=" in line:
                name, _, rest = line.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str, headers=None) -> Response:
        return self._keep(request(self.port, path, headers=self._headers(headers), **self.options))

    def post(self, path: str, fields: dict | list, headers=None) -> Response:
        from urllib.parse import urlencode

        pairs = list(fields.items() if isinstance(fields, dict) else fields)
        pairs.append(("csrfmiddlewaretoken", self.cookies.get("csrftoken", "")))
        extra = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self._keep(
            request(
                self.port,
                path,
                method="POST",
                body=urlencode(pairs).encode(),
                headers=self._headers(extra),
                **self.options,
            )
        )

    def upload(self, path: str, field: str, filename: str, data: bytes) -> Response:
        """A multipart POST of one file, the CSRF token in its header (as CKEditor sends it)."""
        boundary = "bench" + secrets.token_hex(12)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        extra = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
        }
        return self._keep(
            request(
                self.port,
                path,
                method="POST",
                body=body,
                headers=self._headers(extra),
                **self.options,
            )
        )

    def login(self, username: str, password: str, headers=None) -> Response:
        self.get("/admin/login/", headers)
        return self.post(
            "/admin/login/?next=/admin/", {"username": username, "password": password}, headers
        )


# Processes ---------------------------------------------------------------------------


def _stop(process: subprocess.Popen, *, seconds: float = 15) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Gunicorn:
    """gunicorn with production settings on a loopback port, stopped on exit."""

    def __init__(
        self,
        port: int,
        env: dict[str, str],
        *,
        workers: int = 2,
        timeout: int = 30,
        app: str = "bench.wsgi:application",
        log: Path | None = None,
        args: tuple[str, ...] = (),
    ):
        self.port, self.env, self.workers, self.timeout, self.app = port, env, workers, timeout, app
        self.args = args
        self.own_log = log is None  # a temporary log, removed with the server
        self.log_path = log or Path(tempfile.mkstemp(prefix=f"gunicorn-{port}-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        free_port_check(self.port)
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"), self.app,
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers),
                "--timeout", str(self.timeout),
                "--graceful-timeout", "5",
                "--forwarded-allow-ips", "127.0.0.1",
                "--no-control-socket",  # gunicorn 27's default socket is one per user
                *self.args,
            ],
            env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(self.port, process=self.process)
            self.wait_workers()
        except Exception:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None
        self.log.close()
        if self.own_log:
            self.log_path.unlink(missing_ok=True)

    def wait_workers(self, seconds: float = 30) -> list[int]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) >= self.workers:
                return pids
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on {self.port} has fewer than {self.workers} workers.")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def cpu_seconds(self) -> float:
        """User + system CPU of the live workers, in seconds."""
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / TICKS

    def rss_mb(self) -> list[float]:
        """Resident memory of each worker, in MB."""
        sizes = []
        for pid in self.worker_pids():
            try:
                pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
            except OSError:
                continue
            sizes.append(pages * PAGE_SIZE / 1e6)
        return sizes

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")


class Postgres:
    """A throw-away PostgreSQL cluster under /tmp on its own port (never the shared one)."""

    def __init__(self, port: int):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix=f"pg-{port}-"))
        self.data = self.folder / "data"
        binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not binaries:
            raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql.")
        self.bin = binaries[-1]
        self.url = f"postgres://postgres@127.0.0.1:{port}/portal"

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    def __enter__(self) -> "Postgres":
        free_port_check(self.port)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._as_postgres(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        self.start()
        self._as_postgres(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "portal"
        )  # fmt: skip
        return self

    def start(self) -> None:
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
            "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c autovacuum=off -c max_connections=100",
            "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
        )

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    """A throw-away redis-server on its own port (never the shared one)."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        free_port_check(self.port)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, check=False
        ).returncode:
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on {self.port}.")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def __enter__(self) -> "Redis":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# Load --------------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
wrk.headers["Host"] = "127.0.0.1"
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip"
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50_us\\": %%d, \\"p99_us\\": %%d, "
    .. "\\"non2xx\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, \\"timeout\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
"""


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non2xx: int
    socket_errors: dict[str, int] = field(default_factory=dict)
    cpu_ms: float | None = None  # worker CPU per request

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.non2xx + sum(self.socket_errors.values())


class Wrk:
    """wrk driving `paths` in turn for `seconds`, in the background until `result()`.

    With `server`, the result has its workers' CPU time per request (from /proc).
    """

    def __init__(
        self,
        port: int,
        paths: list[str],
        *,
        seconds: float,
        connections: int,
        threads: int = 2,
        server: Gunicorn | None = None,
    ):
        if shutil.which("wrk") is None:
            raise RuntimeError("wrk is missing: apt-get install wrk")
        self.seconds, self.server = seconds, server
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
        self.script = Path(script.name)
        self.cpu_before = server.cpu_seconds() if server else 0.0
        self.process = subprocess.Popen(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s",
             "--timeout", "10s", "-s", str(self.script), f"http://127.0.0.1:{port}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def result(self) -> LoadResult:
        try:
            out, err = self.process.communicate(timeout=self.seconds + 60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        finally:
            self.script.unlink(missing_ok=True)
        cpu_after = self.server.cpu_seconds() if self.server else 0.0
        line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
        if self.process.returncode or line is None:
            raise RuntimeError(f"wrk failed ({self.process.returncode}): {err or out}")
        data = json.loads(line.removeprefix("RESULT "))
        load = LoadResult(
            requests=data["requests"],
            seconds=data["duration_us"] / 1e6,
            p50_ms=data["p50_us"] / 1000,
            p99_ms=data["p99_us"] / 1000,
            non2xx=data["non2xx"],
            socket_errors={k: data[k] for k in ("connect", "read", "write", "timeout")},
        )
        if self.server and load.requests:
            load.cpu_ms = (cpu_after - self.cpu_before) * 1000 / load.requests
        return load

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.script.unlink(missing_ok=True)


def wrk(port: int, paths: list[str], **options) -> LoadResult:
    """Run `Wrk` to the end and return its figures."""
    run = Wrk(port, paths, **options)
    try:
        return run.result()
    finally:
        run.stop()


def write_block(document: Path, name: str, text: str) -> None:
    """Put `text` between the `<!-- name: start -->` and `<!-- name: end -->` markers."""
    start, end = f"<!-- {name}: start -->", f"<!-- {name}: end -->"
    content = document.read_text()
    block = f"{start}\n{text}\n{end}"
    if start in content:
        head, rest = content.split(start, 1)
        content = head + block + rest.split(end, 1)[1]
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    document.write_text(content)


def machine() -> str:
    """One line about the machine the figures come from."""
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    load = Path("/proc/loadavg").read_text().split()[:3]
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, load average {' '.join(load)}"


# The portal under test -----------------------------------------------------------------


class Services:
    """DATABASE_URL + REDIS_URL when they are set, else throw-away ones on port+10, +11."""

    def __init__(self, port: int):
        self.port = port
        self.stack: list = []

    def __enter__(self) -> tuple[str, str]:
        database = os.environ.get("DATABASE_URL", "")
        redis = os.environ.get("REDIS_URL", "")
        try:
            if not database.startswith("postgres"):
                cluster = Postgres(self.port + 10).__enter__()
                self.stack.append(cluster)
                database = cluster.url
            if not redis:
                server = Redis(self.port + 11).__enter__()
                self.stack.append(server)
                redis = server.url
        except Exception:
            self.__exit__()
            raise
        return database, redis

    def __exit__(self, *exc) -> None:
        for service in reversed(self.stack):
            service.__exit__(*exc)
        self.stack.clear()


def prepare_demo(env: dict[str, str], articles: int) -> None:
    """Migrate, collect the static files and build the demo with `articles` articles."""
    started = time.monotonic()
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", "--clear", "-v", "0", env=env)  # as deployed anew
    print(f"Building the demo with {articles:,} articles (seed_demo)…", flush=True)
    manage("seed_demo", "--articles", str(articles), "--anchor", "2026-11-27", env=env)
    print(f"  ready in {time.monotonic() - started:.0f} s", flush=True)


def public_pages() -> dict[str, str]:
    """One path per kind of public page (after `use_environment`)."""
    from django.urls import reverse

    from news.models import Article, Category

    published = Article.objects.published().newest_first()
    article = published[min(50, published.count() - 1)]
    category = (
        Category.objects.filter(show_on_home=True, parent__isnull=False).order_by("order").first()
    )
    return {
        "home": reverse("portal:home"),
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": reverse("news:search") + "?q=dang+uy+khoi",
        "chart": reverse("organizations:chart"),
    }


EDITOR = ("bench-editor", "bench-editor-" + secrets.token_hex(8))


def editor():
    """An editor (Biên tập viên) with a fresh password (after `use_environment`)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(username=EDITOR[0])
    user.is_staff = True
    user.set_password(EDITOR[1])
    user.save()
    user.groups.add(Group.objects.get(name="Biên tập viên"))
    return user


def probe_article(title: str):
    """A draft article of its own, newest when published (after `use_environment`)."""
    from news.models import Article, Category

    article = Article.objects.filter(title=title).first()
    if article is None:
        article = Article.objects.create(
            title=title,
            sapo="Bài dùng để đo: được xuất bản rồi gỡ xuống nhiều lần trong lúc tải.",
            body="<p>Nội dung kiểm tra.</p>",
            category=Category.objects.filter(show_on_home=True).order_by("order").first(),
            author_name="Ban Biên tập",
        )
    return article

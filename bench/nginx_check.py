"""nginx in front, checked: deploy/nginx.conf before gunicorn on PostgreSQL + Redis.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ci_nginx REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/nginx_check.py --port 8300

Run by .ci/run. Starts gunicorn with production settings on --port, and Debian's nginx
(workers as www-data) with deploy/nginx.conf on --port+2 (HTTPS, a throw-away
certificate) and --port+3 (HTTP), the production paths and ports swapped for temporary
ones; then checks through nginx what docs/deploy.md promises and prints one line per
check. The database is created when missing and dropped again if this script created
it; everything started is stopped, also on failure. Exit status 1 when a check fails.
"""

import argparse
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

HOST = "dangbokhoi.example.vn"
CONFIG = harness.ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CLIENT = "127.0.0.2"  # where the checks' requests come from, as nginx sees them


class Checks:
    def __init__(self):
        self.failed = 0

    def __call__(self, name: str, ok: bool, detail: str = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'}  {name}{f' ({detail})' if detail else ''}", flush=True)
        self.failed += not ok


def database(url: str):
    """Create the database when missing; return a function that drops it if we did."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    server = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        if not exists:
            with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return drop


def render(folder: Path, *, https: int, http: int, app: int, media: Path) -> Path:
    """deploy/nginx.conf with this machine's ports and paths, inside a whole nginx.conf."""
    text = CONFIG.read_text()
    swaps = [
        ("server 127.0.0.1:8001;", f"server 127.0.0.1:{app};"),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("alias /srv/portal/media/;", f"alias {media}/;"),
        ("alias /srv/portal/media/renditions/;", f"alias {media}/renditions/;"),
        ("/etc/letsencrypt/live/dangbokhoi.example.vn/fullchain.pem", str(folder / "cert.pem")),
        ("/etc/letsencrypt/live/dangbokhoi.example.vn/privkey.pem", str(folder / "key.pem")),
        ("shared:portal_tls:10m", "shared:portal_tls:1m"),
    ]
    for old, new in swaps:
        if old not in text:
            raise RuntimeError(f"deploy/nginx.conf no longer contains «{old}»: update this check.")
        text = text.replace(old, new)
    (folder / "portal.conf").write_text(text)
    temp = folder / "temp"
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp / name).mkdir(parents=True)
    if os.geteuid() == 0:
        for path in [temp, *temp.iterdir()]:
            shutil.chown(path, "www-data")
    user = "user www-data;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(f"""
daemon off;
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/portal.conf;
}}
""")
    return main


def certificate(folder: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={HOST}", "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip


def media_files(media: Path) -> dict[str, str]:
    """An image stored the way the upload view stores one, and files that are not images."""
    from PIL import Image

    folder = media / "uploads" / "2026" / "12"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 30, 30)).save(buffer, "JPEG")
    (folder / "anh-hoi-nghi.jpg").write_bytes(buffer.getvalue())
    (folder / "trang.html").write_text("<html><script>alert(1)</script></html>")
    (folder / "hinh.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    # nginx's workers run as www-data: the folders must be readable and searchable by it.
    for path in [media, *media.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return {
        "image": "/media/uploads/2026/12/anh-hoi-nghi.jpg",
        "html": "/media/uploads/2026/12/trang.html",
        "svg": "/media/uploads/2026/12/hinh.svg",
    }


def hashed_static() -> str:
    import json

    from django.conf import settings

    manifest = json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())
    name = next(v for k, v in manifest["paths"].items() if k.endswith(".css"))
    return settings.STATIC_URL + name


def seen_address(session_log: str) -> str | None:
    """The client address the login throttle recorded for the failed login."""
    from django.apps import apps

    if apps.is_installed("axes"):
        from axes.models import AccessAttempt

        attempt = AccessAttempt.objects.order_by("-id").first()
        return attempt.ip_address if attempt else None
    # Before django-axes: what reached gunicorn, read as a proxy count of 1 reads it.
    found = re.findall(r"XFF=\[([^\]]*)\]", session_log)
    return found[-1].split(",")[-1].strip() if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8300)))
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database (created if missing).")
    if not Path(NGINX).exists():
        sys.exit("nginx is missing: apt-get install nginx")
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="nginx-check-"))
    folder.chmod(0o755)
    media, static = folder / "media", folder / "static"
    media.mkdir()
    drop = database(url)
    check = Checks()
    nginx = None
    try:
        env = harness.production_env(
            database_url=url,
            redis_url=os.environ.get("REDIS_URL", ""),
            MEDIA_ROOT=media,
            STATIC_ROOT=static,
            ALLOWED_HOSTS=f"{HOST},127.0.0.1",
            CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
            TRUSTED_PROXY_COUNT=1,
        )
        harness.manage("migrate", "--noinput", env=env)
        harness.manage("collectstatic", "--noinput", "-v", "0", env=env)
        harness.use_environment(env)
        paths = media_files(media)
        certificate(folder)
        https, http = args.port + 2, args.port + 3
        config = render(folder, https=https, http=http, app=args.port, media=media)
        subprocess.run([NGINX, "-t", "-q", "-c", str(config)], check=True)
        access_log = ["--access-logfile", "-", "--access-logformat", '%(h)s "%(r)s" %(s)s XFF=[%({x-forwarded-for}i)s]']  # fmt: skip
        with harness.Gunicorn(args.port, env, workers=2, args=tuple(access_log)) as app:
            nginx = subprocess.Popen([NGINX, "-c", str(config)], stderr=subprocess.PIPE)
            wait_tls(https, nginx)

            def get(path, **options):
                return harness.request(https, path, host=HOST, tls=True, source=CLIENT, **options)

            home = get("/", headers={"Accept-Encoding": "gzip"})
            check("a page is gzip-compressed", home.status == 200 and home.header("content-encoding") == "gzip",
                  f"{home.status}, Content-Encoding: {home.header('content-encoding') or 'none'}")  # fmt: skip

            static_path = hashed_static()
            asset = get(static_path)
            cache = asset.header("cache-control")
            age = int(re.search(r"max-age=(\d+)", cache).group(1)) if "max-age" in cache else 0
            check("a hashed static file is cached a year, immutable",
                  asset.status == 200 and "immutable" in cache and age >= 365 * 24 * 3600,
                  f"{static_path}: {cache}")  # fmt: skip

            image = get(paths["image"])
            check("an uploaded image is served from MEDIA_ROOT with nosniff",
                  image.status == 200 and image.header("content-type") == "image/jpeg"
                  and image.header("x-content-type-options") == "nosniff"
                  and image.body == (media / paths["image"].removeprefix("/media/")).read_bytes(),
                  f"{image.status}, {image.header('content-type')}, nosniff: {image.header('x-content-type-options')}")  # fmt: skip
            for kind in ("html", "svg"):
                other = get(paths[kind])
                kind_type = other.header("content-type")
                check(f"an .{kind} file under /media/ is not served as a page",
                      "html" not in kind_type and "svg" not in kind_type
                      and other.header("x-content-type-options") == "nosniff",
                      f"{other.status}, {kind_type}")  # fmt: skip

            rendition = paths["image"].replace("/media/", "/media/renditions/", 1) + "/64.webp"
            made, again = get(rendition), get(rendition)
            asked = app.log_text().count(f'"GET {rendition} ')  # reached the app how often
            check("a rendition not made yet is made by the app, then served by nginx",
                  made.status == 200 and made.header("content-type") == "image/webp"
                  and again.status == 200 and again.body == made.body and asked == 1,
                  f"{made.status} {made.header('content-type')}, then {again.status}; the app asked {asked}×")  # fmt: skip

            from richtext.uploads import MAX_REQUEST_BYTES
            from safeimage import MAX_BYTES

            upload = "/ckeditor/upload/"
            fits = get(upload, method="POST", body=b"x" * (MAX_BYTES + 256 * 1024),
                       headers={"Content-Type": "application/octet-stream"}, timeout=60)  # fmt: skip
            too_big = get(upload, method="POST", body=b"x" * (MAX_REQUEST_BYTES + 1),
                          headers={"Content-Type": "application/octet-stream"}, timeout=60)  # fmt: skip
            reached = app.log_text().count(f'"POST {upload} ')  # the access log's lines
            check("client_max_body_size lets an upload at the cap through to the app",
                  fits.status != 413 and reached == 1,
                  f"{(MAX_BYTES + 256 * 1024) / 1e6:.1f} MB → {fits.status} from the app")  # fmt: skip
            check("client_max_body_size stops what the upload view would refuse unread",
                  too_big.status == 413 and b"nginx" in too_big.body,
                  f"{(MAX_REQUEST_BYTES + 1) / 1e6:.2f} MB → {too_big.status}")  # fmt: skip

            health_path = "/healthz"
            health = get(health_path)
            if health.status == 404:  # /healthz comes with the hardening work
                health_path = "/robots.txt"
                health = get(health_path)
            check(
                "/healthz answers through nginx",
                health.status == 200,
                f"{health_path}: {health.status}",
            )

            redirect = harness.request(http, "/to-chuc/", host=HOST)
            check("plain HTTP is sent to HTTPS", redirect.status == 301
                  and redirect.header("location") == f"https://{HOST}/to-chuc/",
                  f"{redirect.status} → {redirect.header('location')}")  # fmt: skip

            session = harness.AdminSession(https, host=HOST, tls=True, source=CLIENT)
            session.login("khong-co-ai", "sai-mat-khau", headers={"X-Forwarded-For": "203.0.113.9"})
            time.sleep(0.5)
            address = seen_address(app.log_text())
            check("X-Forwarded-For reaches the app as the client address",
                  address == CLIENT, f"the app saw {address}, the client was {CLIENT}; a forged 203.0.113.9 ignored")  # fmt: skip
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(10)
            except subprocess.TimeoutExpired:
                nginx.kill()
                nginx.wait()
        from django.db import connections

        connections.close_all()
        drop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{check.failed} failed, in {time.monotonic() - started:.0f} s")
    sys.exit(1 if check.failed else 0)


def wait_tls(port: int, process) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stderr.read().decode()}")
        try:
            harness.request(port, "/robots.txt", host=HOST, tls=True, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("nginx did not answer.")


if __name__ == "__main__":
    main()

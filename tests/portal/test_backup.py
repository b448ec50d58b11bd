"""Backups restore: a demo portal backed up, restored into an empty database and media
folder, and compared table by table and file by file (portal/backup.py, docs/deploy.md).

The portal under test runs in its own processes on its own on-disk databases (a SQLite
file, or two fresh PostgreSQL databases beside the test database), so that every write is
committed for real before `pg_dump` or SQLite's backup API reads it: a test transaction
would hide the rows from them. The comparison reads both databases directly, not through
the manifest the commands write.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = settings.DATABASES["default"]
ON_POSTGRESQL = DEFAULT["ENGINE"] == "django.db.backends.postgresql"

pytestmark = pytest.mark.slow


def manage(*args, database_url: str, media: Path, check: bool = True):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE", "PAGE_CACHE_SECONDS"}
    }
    env.update(DEBUG="1", DATABASE_URL=database_url, MEDIA_ROOT=str(media))
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def pg_server() -> dict:
    return {
        "host": DEFAULT.get("HOST") or "127.0.0.1",
        "port": DEFAULT.get("PORT") or 5432,
        "user": DEFAULT.get("USER") or "postgres",
        "password": DEFAULT.get("PASSWORD") or None,
    }


def pg_url(name: str) -> str:
    server = pg_server()
    password = f":{server['password']}" if server["password"] else ""
    return f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"


@pytest.fixture
def databases(tmp_path):
    """(source URL, target URL, count rows by table): two empty on-disk databases."""
    if not ON_POSTGRESQL:

        def counts(url):
            with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
                names = [
                    row[0]
                    for row in db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                return {n: db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}  # noqa: S608

        yield (
            f"sqlite:///{tmp_path / 'source.sqlite3'}",
            f"sqlite:///{tmp_path / 'restored.sqlite3'}",
            counts,
        )
        return

    base = f"{DEFAULT['NAME']}_backup_{os.getpid()}"
    names = [f"{base}_source", f"{base}_restored"]
    with psycopg.connect(dbname="postgres", autocommit=True, **pg_server()) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')

    def counts(url):
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
            names = [
                row[0]
                for row in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            return {n: db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}  # noqa: S608

    try:
        yield pg_url(names[0]), pg_url(names[1]), counts
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **pg_server()) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_backup_restores_every_row_and_media_file(databases, tmp_path):
    """The demo portal, backed up and restored into empty ones, has the same rows and files."""
    source, restored, counts = databases
    source_media, restored_media = tmp_path / "media", tmp_path / "media-restored"
    manage("migrate", "--noinput", database_url=source, media=source_media)
    manage("seed_demo", "--articles", "30", "--anchor", "2026-11-27", database_url=source, media=source_media)  # fmt: skip
    # An upload that is not one of the demo's generated pictures, in a folder of its own.
    (source_media / "uploads" / "2026" / "11").mkdir(parents=True)
    (source_media / "uploads" / "2026" / "11" / "ảnh chụp.jpg").write_bytes(
        b"\xff\xd8" + os.urandom(4000)
    )

    manage("backup", str(tmp_path / "backup"), database_url=source, media=source_media)
    result = manage("restore", str(tmp_path / "backup"), database_url=restored, media=restored_media)  # fmt: skip
    assert "Đã phục hồi và đối chiếu" in result.stdout

    before, after = counts(source), counts(restored)
    assert before["news_article"] >= 30
    assert before["organizations_organization"] > 60
    assert after == before
    files = checksums(source_media)
    assert len(files) > 40
    assert checksums(restored_media) == files
    # The restored database is the schema of this code, with nothing left to migrate.
    manage("migrate", "--check", database_url=restored, media=restored_media)

    again = manage("restore", str(tmp_path / "backup"), database_url=restored, media=restored_media, check=False)  # fmt: skip
    assert again.returncode != 0
    assert "chỉ phục hồi vào cơ sở dữ liệu trống" in again.stderr

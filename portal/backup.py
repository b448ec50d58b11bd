"""Backups that restore: the database and MEDIA_ROOT together, checked on the way back.

`manage.py backup DIR` writes into a new folder:

- `database.pgdump` (PostgreSQL: `pg_dump -Fc`) or `database.sqlite3` (SQLite: the
  online backup API, a consistent copy while the site runs);
- `media.tar`: every file under MEDIA_ROOT;
- `manifest.json`: the row count of every table and the SHA-256 of every media file,
  taken from the same snapshot as the dump.

`manage.py restore DIR` loads them into an empty database and an empty MEDIA_ROOT and
compares the restored rows and files with the manifest. How to run them: docs/deploy.md.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass
class Manifest:
    vendor: str
    created_at: str
    tables: dict[str, int]
    media: dict[str, str]

    def save(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(
            json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        )

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        try:
            return cls(**json.loads((folder / MANIFEST).read_text()))
        except (OSError, ValueError, TypeError) as error:
            raise BackupError(f"Không đọc được {folder / MANIFEST}: {error}") from error


def table_counts(connection) -> dict[str, int]:
    """Rows in every table of the database (Django's and the apps')."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    return counts


def media_checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every file under `root`, by path relative to it."""
    sums = {}
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                sums[path.relative_to(root).as_posix()] = sha256(path)
    return sums


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pg_environment(connection) -> dict[str, str]:
    """libpq's variables for the connection's database, for pg_dump and pg_restore."""
    params = connection.get_connection_params()
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
    env = {**os.environ, "PGDATABASE": params["dbname"]}
    for key, variable in names.items():
        if params.get(key):
            env[variable] = str(params[key])
    return env


def backup(folder: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"Thư mục {folder} đã có dữ liệu: hãy chọn một thư mục mới.")
    folder.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    vendor = connection.vendor
    if vendor == "postgresql":
        tables = _dump_postgresql(connection, folder / DUMPS[vendor])
    elif vendor == "sqlite":
        tables = _dump_sqlite(connection, folder / DUMPS[vendor])
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
    media = _archive_media(Path(settings.MEDIA_ROOT), folder / MEDIA_ARCHIVE)
    manifest = Manifest(
        vendor=vendor, created_at=timezone.now().isoformat(), tables=tables, media=media
    )
    manifest.save(folder)
    return manifest


def _dump_postgresql(connection, target: Path) -> dict[str, int]:
    # One snapshot for the dump and the counts: the manifest describes exactly the dump,
    # even while editors keep writing.
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        tables = table_counts(connection)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                "-f",
                str(target),
            ],
            env=pg_environment(connection),
        )
    return tables


def _dump_sqlite(connection, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    with _sqlite_connection(target) as copied:
        return table_counts(copied)


def _archive_media(root: Path, target: Path) -> dict[str, str]:
    sums = {}
    with tarfile.open(target, "w") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    name = path.relative_to(root).as_posix()
                    sums[name] = sha256(path)
                    archive.add(path, arcname=name, recursive=False)
    return sums


def restore(folder: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Load a backup into an empty database and MEDIA_ROOT, then check it against its manifest."""
    folder = Path(folder)
    manifest = Manifest.load(folder)
    connection = connections[using]
    if connection.vendor != manifest.vendor:
        raise BackupError(
            f"Bản sao lưu là của {manifest.vendor}, còn cơ sở dữ liệu đích là {connection.vendor}."
        )
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    if existing:
        raise BackupError(
            f"Cơ sở dữ liệu đích đã có {len(existing)} bảng: chỉ phục hồi vào cơ sở dữ liệu trống."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(
            f"Thư mục media {media_root} không trống: chỉ phục hồi vào thư mục trống."
        )
    dump = folder / DUMPS[manifest.vendor]
    if connection.vendor == "postgresql":
        connection.close()
        _run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "-d",
             connection.get_connection_params()["dbname"], str(dump)],
            env=pg_environment(connection),
        )  # fmt: skip
    else:
        connection.close()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE) as archive:
        archive.extractall(media_root, filter="data")
    _verify(manifest, table_counts(connection), media_checksums(media_root))
    return manifest


def _verify(manifest: Manifest, tables: dict[str, int], media: dict[str, str]) -> None:
    problems = []
    for name in sorted(set(manifest.tables) | set(tables)):
        if manifest.tables.get(name) != tables.get(name):
            problems.append(
                f"bảng {name}: sao lưu {manifest.tables.get(name)} dòng, phục hồi {tables.get(name)}"
            )
    for name in sorted(set(manifest.media) | set(media)):
        if manifest.media.get(name) != media.get(name):
            problems.append(f"tệp media {name}: nội dung khác bản sao lưu hoặc bị thiếu")
    if problems:
        raise BackupError("Phục hồi không khớp với bản sao lưu:\n  " + "\n  ".join(problems))


@contextmanager
def _sqlite_connection(path: Path):
    """A Django connection to another SQLite file, for the same introspection and counts."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper({**connections[DEFAULT_DB_ALIAS].settings_dict, "NAME": str(path)})
    try:
        yield wrapper
    finally:
        wrapper.close()


def _run(command: list[str], *, env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"Không tìm thấy {command[0]} (gói postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} thất bại: {result.stderr.strip()}")

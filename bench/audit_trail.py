"""How long the audit trail's page takes with two years of entries (docs/audit.md).

    DEBUG=1 DATABASE_URL=sqlite:////tmp/audit-bench.sqlite3 .venv/bin/python bench/audit_trail.py 200000

Fills an empty database (migrated first) with N admin log entries spread over two
years, then times the first page, a deep page and a filtered page of the merged list.
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.contrib.admin.models import CHANGE, LogEntry  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.utils import timezone  # noqa: E402

from audittrail import trail  # noqa: E402


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    users = [User.objects.get_or_create(username=f"bench{n}", is_staff=True)[0] for n in range(5)]
    content_type = ContentType.objects.get_for_model(User)
    if LogEntry.objects.count() < count:
        start = timezone.now() - timedelta(days=730)
        step = timedelta(days=730) / count
        LogEntry.objects.bulk_create(
            (
                LogEntry(
                    user=users[n % 5],
                    content_type=content_type,
                    object_id=str(n % 977),
                    object_repr=f"Đối tượng {n % 977}",
                    action_flag=CHANGE,
                    change_message="[]",
                    action_time=start + n * step,
                )
                for n in range(count)
            ),
            batch_size=5000,
        )
    print(f"{connection.vendor}: {LogEntry.objects.count():,} entries")
    cases = {
        "first page": ({}, 1),
        "page 1000": ({}, 1000),
        "one person": ({"who": users[2]}, 1),
        "one object": ({"ref": "auth.user:42"}, 1),
    }
    for name, (filters, number) in cases.items():
        best = float("inf")
        for _ in range(3):
            reset_queries()
            started = time.perf_counter()
            page = trail.page(filters, number)
            best = min(best, time.perf_counter() - started)
        print(f"  {name:>11}: {best * 1000:7.1f} ms, {page.paginator.count:,} matching")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)

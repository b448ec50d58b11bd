"""Benchmark the documents library at scale: list, filtered list, search, detail.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_documents_bench \\
    REDIS_URL=redis://127.0.0.1:6379/6 \\
        .venv/bin/python bench/documents.py --documents 20000

Fills an empty database (or one it filled before) with documents whose folded search
text holds ~300 words of file text each, then requests each page in-process with
Django's test client, rendered every time (page cache off). Prints queries per page,
the median time and requests per second; on PostgreSQL also the search plan. Figures
are indicative; tests never assert times. Results and decisions: docs/documents.md.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import inprocess  # noqa: E402

inprocess.start_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

import dbstats  # noqa: E402
from documents import search  # noqa: E402
from documents.codes import fold_words  # noqa: E402
from documents.models import Document, Issuer, Kind, Subject  # noqa: E402

WORDS = (  # noqa: SIM905
    "đảng ủy khối cán bộ đảng viên công tác chi bộ tổ chức cơ sở nghị quyết chỉ thị kế hoạch "
    "kiểm tra giám sát tuyên giáo dân vận học tập làm theo tư tưởng đạo đức phong cách "
    "quán triệt triển khai thực hiện nhiệm vụ chính trị sinh hoạt chuyên đề đánh giá xếp loại "
    "chất lượng phát triển đảng viên doanh nghiệp cơ quan báo cáo tổng kết sơ kết năm "
    "chuyển đổi số cải cách hành chính phòng chống tham nhũng lãng phí tiêu cực hội thao"
).split()


def fill(target: int):
    have = Document.objects.count()
    if have >= target:
        return
    rng = random.Random(20000)
    kinds, issuers = list(Kind.objects.all()), list(Issuer.objects.all())
    subjects = list(Subject.objects.all())
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    batch = []
    started = time.perf_counter()
    for i in range(have, target):
        issuer, kind = rng.choice(issuers), rng.choice(kinds)
        issued = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        text = " ".join(rng.choices(WORDS, weights, k=300))
        batch.append(
            Document(
                code=f"{i + 1}-{kind.abbreviation or 'VB'}/{issuer.abbreviation or 'X'}",
                title=" ".join(rng.choices(WORDS, weights, k=12)).capitalize(),
                kind=kind,
                issuer=issuer,
                issued_on=issued,
                effective_until=issued + timedelta(days=900) if i % 7 == 0 else None,
                signer_name=f"Người ký {i % 40}",
                status=Document.Status.PUBLISHED,
                visibility=Document.Visibility.INTERNAL
                if i % 25 == 0
                else Document.Visibility.PUBLIC,
                file_text=fold_words(text),
            )
        )
        if len(batch) == 2000:
            created = Document.objects.bulk_create(batch)
            Document.subjects.through.objects.bulk_create(
                Document.subjects.through(document_id=d.pk, subject_id=rng.choice(subjects).pk)
                for d in created
            )
            batch = []
    if batch:
        created = Document.objects.bulk_create(batch)
        Document.subjects.through.objects.bulk_create(
            Document.subjects.through(document_id=d.pk, subject_id=rng.choice(subjects).pk)
            for d in created
        )
    dbstats.analyze()
    print(f"filled {target - have} documents in {time.perf_counter() - started:.1f} s")


def measure(client, label, url, rounds):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    median = statistics.median(times) * 1000
    print(
        f"{label:<34} {len(queries):>3} queries  median {median:7.1f} ms  {1000 / median:6.1f} req/s"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    fill(args.documents)
    client = Client()
    listing = reverse("documents:document_list")
    pages = [
        ("list", listing),
        ("list, page 50", f"{listing}?page=50"),
        ("filtered: kind + year", f"{listing}?loai=nghi-quyet&nam=2020"),
        ("filtered: validity (in force)", f"{listing}?hieu_luc=con-hieu-luc"),
        ("search: common words", f"{listing}?q=dang+uy+khoi"),
        ("search: rare word", f"{listing}?q=hoi+thao"),
        ("search: a code (5/nq-tu)", f"{listing}?q=5/nq-tu"),
        ("search + filter", f"{listing}?q=chuyen+doi+so&cap=dang-uy-khoi"),
        ("detail", Document.objects.public().order_by("-pk").first().get_absolute_url()),
    ]
    print(f"{Document.objects.count()} documents on {connection.vendor}")
    # No collectstatic for a benchmark: plain static storage, as in the tests.
    static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(PAGE_CACHE_SECONDS=0, STORAGES=static):
        for label, url in pages:
            measure(client, label, url, args.rounds)
    if connection.vendor == "postgresql":
        query = search.parse("dang uy khoi")
        plan = (
            search.search(Document.objects.public(), query).values("pk")[:20].explain(analyze=True)
        )
        print("\nEXPLAIN ANALYZE, search «dang uy khoi»:\n" + plan)


if __name__ == "__main__":
    main()

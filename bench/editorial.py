"""Figures for the editorial side: sanitizing, admin queries, image re-encoding.

    DEBUG=1 .venv/bin/python bench/editorial.py

Prints timings (indicative, machine-dependent) and exact query counts; asserts nothing.
"""

import os
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from PIL import Image  # noqa: E402

import safeimage  # noqa: E402
from richtext.sanitize import clean_html  # noqa: E402

# A real article of such a portal (Web Quảng Trị, 18-10-2021), the size editors write.
SEED = Path(__file__).resolve().parent / "data" / "article-hoi-nghi-bch-lan-5.txt"


def best_of(function, repeat=20):
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def sanitizing():
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else "Đảng ủy Khối. " * 400
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(
        f'<p style="text-align:justify">{p}</p><figure class="image"><img src="/media/x.jpg" '
        f'alt="Ảnh" width="600" height="400"><figcaption>Ảnh minh họa</figcaption></figure>'
        for p in paragraphs
    )
    while len(body.encode()) < 54 * 1024:
        body += body
    body = body[: 54 * 1024]
    print(
        f"clean_html, {len(body.encode()) / 1024:.0f} KiB body: {best_of(lambda: clean_html(body)):.1f} ms"
    )


def reencoding():
    buffer = BytesIO()
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    upload = SimpleUploadedFile("anh.jpg", data)
    ms = best_of(lambda: safeimage.reencode(upload), repeat=3)
    out, _ = safeimage.reencode(upload)
    print(
        f"re-encode a 12 MP JPEG ({len(data) / 1024 / 1024:.1f} MB): {ms:.0f} ms,"
        f" stored {len(out) / 1024:.0f} KiB at {safeimage.MAX_EDGE} px"
    )


def admin_queries():
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases

    from news.models import Article
    from tests.news.factories import EDITOR, make_article, make_category, make_user

    old = setup_databases(verbosity=0, interactive=False)
    try:
        editor = make_user("bench-editor", EDITOR)
        author = make_user("bench-author", "Phóng viên")
        category = make_category()
        for n in range(60):
            make_article(category=category, created_by=author, title=f"Tin số {n}")
        client = Client()
        client.force_login(editor)
        for label, url in [
            ("article list, 50 of 60 rows", "/admin/news/article/"),
            ("article change form", f"/admin/news/article/{Article.objects.first().pk}/change/"),
        ]:
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            print(f"{label}: {len(queries)} queries")
        User.objects.all().delete()
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    setup_test_environment()
    sanitizing()
    reencoding()
    admin_queries()

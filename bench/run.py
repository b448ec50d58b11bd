"""Benchmark the public pages on a big database: requests per second and SQL queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/run.py --articles 100000

Fills an empty database (or one it filled before) with categories and articles, or
takes the `seed_demo` content it finds (`--only` picks pages by name), then requests
each page in-process with Django's test client (no network, one process):
first rendered every time (page cache off), then served from the page cache. Prints
queries per page, requests per second and the median time. On PostgreSQL it also prints
the search plan (EXPLAIN ANALYZE). Figures are indicative; tests never assert times.
Results and how to read them: docs/performance.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import inprocess  # noqa: E402

# In-process, one process: the page cache may use local memory when REDIS_URL is unset.
inprocess.start_django(
    PAGE_CACHE_SINGLE_PROCESS="1", STATIC_ROOT=str(ROOT / "bench" / "results" / "static")
)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from news import search  # noqa: E402
from news.models import Article, Category  # noqa: E402

MARKER = "bench-"
TREE = {
    "Tin tức – Sự kiện": ["Hoạt động Đảng ủy Khối", "Hoạt động cơ sở"],
    "Xây dựng Đảng": ["Tổ chức – cán bộ – đảng viên", "Kiểm tra, giám sát", "Tuyên giáo"],
    "Học tập và làm theo Bác": [],
    "Bảo vệ nền tảng tư tưởng": [],
    "Gương điển hình": ["Người tốt, việc tốt"],
    "Văn bản": [],
}
# Words of real party news, most frequent first; drawn with Zipf weights (1/rank), so that
# "đảng ủy khối" is in most articles, as on the real portal, and "chuyển đổi số" in few.
VOCABULARY = (  # noqa: SIM905 (a paragraph reads better than 200 quoted words)
    "đảng ủy khối cán bộ đảng viên công tác tỉnh cơ quan doanh nghiệp chi bộ hội nghị "
    "nhiệm vụ thực hiện lãnh đạo chỉ đạo xây dựng tổ chức cơ sở ban chấp hành thường vụ "
    "nghị quyết kế hoạch chương trình năm tháng quý kết quả triển khai đánh giá kiểm tra "
    "giám sát học tập làm theo tư tưởng đạo đức phong cách hồ chí minh chính trị kỷ luật "
    "phát triển kinh tế xã hội nhân dân người lao động công đoàn đoàn thanh niên phụ nữ "
    "cựu chiến binh tuyên giáo dân vận thi đua khen thưởng sơ kết tổng kết đại hội nhiệm "
    "kỳ bầu cử quy hoạch bồi dưỡng lý luận kết nạp huy hiệu tuổi trao tặng quyết định "
    "thành lập nâng cấp sáp nhập hợp nhất giải thể điều động bổ nhiệm phê bình tự phê "
    "bình sinh hoạt chuyên đề nêu gương trách nhiệm người đứng đầu cải cách hành chính "
    "chuyển đổi số ứng dụng công nghệ thông tin an toàn an ninh mạng phòng chống dịch "
    "bệnh thiên tai lũ lụt cứu trợ thiện nguyện hiến máu tình nguyện an sinh nhà tình "
    "nghĩa học bổng khuyến học văn hóa thể thao hội thao văn nghệ kỷ niệm ngày truyền "
    "thống điện lực ngân hàng bưu điện kho bạc thuế hải quan cảng cửa việt đông hà"
).split()
STATIC_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


ZIPF_WEIGHTS = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]


def sentence(rng, low, high):
    words = rng.choices(VOCABULARY, weights=ZIPF_WEIGHTS, k=rng.randint(low, high))
    return " ".join(words).capitalize()


# The demo's counterpart of the bench's "Xây dựng Đảng": three sub-categories, a third of
# the articles.
DEMO_CATEGORY = "xay-dung-dang"


def vacuum_analyze() -> None:
    if connection.vendor == "postgresql":
        # What autovacuum would soon do: statistics for the planner, the visibility map
        # (index-only scans), and the GIN index's pending list merged (a bulk load
        # leaves it long, and every search reads it).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def fill(count: int, batch: int = 2000) -> None:
    existing = Article.objects.count()
    ours = Category.objects.filter(slug__startswith=MARKER).exists()
    if existing and not ours:
        if Category.objects.filter(slug=DEMO_CATEGORY).exists():
            print("Using the seed_demo content found in the database.")
            vacuum_analyze()
            return
        sys.exit("This database holds other content: point DATABASE_URL at an empty one.")
    if not ours:
        order = 0
        for name, children in TREE.items():
            order += 10
            parent = Category.objects.create(
                name=name, slug=f"{MARKER}{order}", order=order, show_on_home=True
            )
            for index, child in enumerate(children):
                Category.objects.create(
                    name=child, slug=f"{MARKER}{order}-{index}", parent=parent, order=index
                )
    missing = count - Article.objects.count()
    if missing <= 0:
        return
    rng = random.Random(4)
    categories = list(Category.objects.filter(slug__startswith=MARKER))
    now = timezone.now()
    print(f"Creating {missing} articles…", flush=True)
    for start in range(0, missing, batch):
        Article.objects.bulk_create(
            Article(
                title=sentence(rng, 8, 16),
                sapo=sentence(rng, 25, 45) + ".",
                body="".join(f"<p>{sentence(rng, 40, 80)}.</p>" for _ in range(6)),
                category=rng.choice(categories),
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=37 * (start + i) + 60),
                is_featured=rng.random() < 0.03,
                author_name="Ban Biên tập",
            )
            for i in range(min(batch, missing - start))
        )
        print(f"  {min(start + batch, missing)}/{missing}", flush=True)
    vacuum_analyze()


def pages() -> dict[str, str]:
    article = Article.objects.published().newest_first()[500]
    article.related_articles.set(Article.objects.published().newest_first()[600:604])
    category = Category.objects.filter(slug__in=[f"{MARKER}20", DEMO_CATEGORY]).get()
    deep_page = min(50, Article.objects.published().for_category(category).count() // 18)
    return {
        "home": reverse("portal:home"),
        "category": category.get_absolute_url(),
        f"category p.{deep_page}": category.get_absolute_url() + f"?page={deep_page}",
        "article": article.get_absolute_url(),
        "search: đảng ủy khối": reverse("news:search") + "?q=dang+uy+khoi",
        "search: chuyển đổi số": reverse("news:search")
        + "?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91",
        "search: rare + filters": reverse("news:search")
        + f"?q=cua+viet+hien+mau&chuyen_muc={category.slug}&tu_ngay=2020-01-01",
        "search: prefix fallback": reverse("news:search") + "?q=hien+ma",
        "rss": reverse("news:feed"),
        "sitemap section": reverse("portal:sitemap_section", kwargs={"section": "bai-viet"}),
    }


def measure(client: Client, url: str, seconds: float) -> tuple[int, float, float, float]:
    """Queries of one request, requests per second, median ms, and median ms spent in SQL
    (the part that grows with the database; the rest is rendering, and the machine's load)."""
    client.get(url)  # warm up (and fill the page cache when it is on)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    query_count = len(queries)  # now: the next request empties the connection's log
    if status != 200:
        sys.exit(f"{url} answered {status}")
    timings, sql = [], []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - started)
        sql.append(sum(float(query["time"]) for query in queries))
    rate = len(timings) / sum(timings)
    return query_count, rate, statistics.median(timings) * 1000, statistics.median(sql) * 1000


def explain_search() -> None:
    if connection.vendor != "postgresql":
        return
    query = search.parse_query("dang uy khoi")
    articles = search.search(Article.objects.published(), query).for_card()[:15]
    print("\nEXPLAIN ANALYZE, search for “dang uy khoi” (first page):")
    print(articles.explain(analyze=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=3.0, help="per page and mode")
    parser.add_argument("--only", nargs="*", default=[], help="pages whose name starts so")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    fill(args.articles)
    total = Article.objects.count()
    print(
        f"\n{connection.vendor}, {total} articles, cache: {os.environ.get('REDIS_URL') or 'local memory'}"
    )
    print(
        f"{'page':<26}{'queries':>8}{'req/s':>10}{'median ms':>11}{'SQL ms':>8}"
        f"{'cached req/s':>14}{'cached ms':>11}"
    )
    client = Client()
    # No collectstatic for a benchmark: plain static storage, as in the tests.
    with override_settings(STORAGES=STATIC_STORAGE):
        urls = pages()
        for name, url in urls.items():
            if args.only and not name.startswith(tuple(args.only)):
                continue
            with override_settings(PAGE_CACHE_SECONDS=0):
                queries, rate, median, sql = measure(client, url, args.seconds)
            if name.startswith("search"):
                cached = "—", "—"  # never cached
            else:
                _, cached_rate, cached_median, _ = measure(client, url, args.seconds)
                cached = f"{cached_rate:.0f}", f"{cached_median:.2f}"
            print(
                f"{name:<26}{queries:>8}{rate:>10.0f}{median:>11.1f}{sql:>8.1f}"
                f"{cached[0]:>14}{cached[1]:>11}"
            )
    explain_search()
    return 0


if __name__ == "__main__":
    sys.exit(main())

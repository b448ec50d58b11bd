"""Issue 11 (lane sqlc): what compiling the article page's query costs, in-process.

Builds the article page's queryset (news.views.ArticleDetailView.get_queryset, filtered
by pk, limited as get() limits it) for 200 published articles and times, with
process_time: building the queryset, compiling it (SQLCompiler.as_sql) and the whole
read (build, compile, execute, objects); then the same read with the compiler's state
and SQL kept from one compile (a prototype, for measurement only: it also freezes the
"now" that published() compiles in). docs/performance.md, "Compiling queries once".
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import inprocess  # noqa: E402

os.environ["DEBUG"] = "0"
os.environ["PAGE_CACHE_SECONDS"] = "0"
inprocess.start_django(CACHE_KEY_PREFIX="sqlc-measure", LOG_LEVEL="WARNING")

from news.models import Article  # noqa: E402
from news.views import ArticleDetailView  # noqa: E402

STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")
view = ArticleDetailView()
ids = list(Article.objects.published().values_list("pk", flat=True)[:200])
clock = time.process_time


def build(pk):
    articles = view.get_queryset().filter(pk=pk)
    articles.query.set_limits(high=21)  # as QuerySet.get() does
    return articles


first = build(ids[0])
compiler = first.query.get_compiler(using=first.db)
sql, params = compiler.as_sql()
pk_at = [i for i, value in enumerate(params) if value == ids[0]]
if len(pk_at) != 1:
    raise SystemExit(f"the pk is not one parameter: {pk_at}")
state = {name: getattr(compiler, name) for name in STATE}


def kept(pk):
    articles = build(pk)
    fresh = articles.query.get_compiler(using=articles.db)
    bound = list(params)
    bound[pk_at[0]] = pk
    fresh.__dict__.update(state)
    fresh.as_sql = lambda *args, **kwargs: (sql, tuple(bound))
    articles.query.get_compiler = lambda *args, **kwargs: fresh
    return list(articles)


def facts(rows):
    return [(a.pk, a.title, a.slug, a.category.parent_id, a.lists_present) for a in rows]


for pk in ids[:50]:
    if facts(list(build(pk))) != facts(kept(pk)):
        raise SystemExit(f"different objects for {pk}")

for _round in range(3):
    built = compiled = whole = 0.0
    for pk in ids:
        t0 = clock()
        articles = build(pk)
        t1 = clock()
        articles.query.get_compiler(using=articles.db).as_sql()
        t2 = clock()
        list(build(pk))
        t3 = clock()
        built, compiled, whole = built + t1 - t0, compiled + t2 - t1, whole + t3 - t2
    t0 = clock()
    for pk in ids:
        kept(pk)
    cached = clock() - t0
    n = len(ids) / 1000
    print(
        f"build {built / n:.3f} ms, compile {compiled / n:.3f} ms, "
        f"plain read {whole / n:.3f} ms, kept-compile read {cached / n:.3f} ms"
    )

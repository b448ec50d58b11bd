"""Public news pages: categories, articles, search.

Each page runs a fixed, small number of queries whatever the amount of content
(tests/news/test_views*.py pin them). Anonymous readers are served from the page cache
(the `pagecache` library, applied in news/urls.py); what is here is the uncached rendering.
"""

from urllib.parse import quote

from django.db.models import Count, Prefetch, Q, Window
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView

import compiledsql
import pagecache
import vntext
from documents import search as document_search
from documents.models import Document
from gallery.models import attach_covers
from news import article_page, cards, counters, metadata, search
from news.filters import ArticleFilter
from news.models import Article, Category
from pages import search as page_search
from questions.models import Question


def elided_page_range(page_obj):
    """Page links with an ellipsis: 1 … 4 5 [6] 7 8 … 40."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


class CategoryListView(ListView):
    template_name = "news/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return Category.objects.top_level().prefetch_related("children")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, meta=metadata.category_list(self.request))


class CategoryDetailView(ListView):
    """A category's published articles, its sub-categories' and tagged ones included."""

    template_name = "news/category_detail.html"
    context_object_name = "articles"
    paginate_by = 18

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(
            Category.objects.select_related("parent"), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # The count covers every published article of the category (an index-only scan
        # that grows with it: 4 ms of SQL at 100,000 articles), so it is kept for the
        # content state, as a cached page would be: never read after a committed change
        # nor past a scheduled publication (docs/performance.md, "Category and search pages").
        # Its cards name no category (the page is the category's): no join for it.
        listing = Article.objects.for_headline().published_in(self.category)
        return listing.kept_count(pagecache.per_content_state)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        top = self.category.parent or self.category
        cards.describe_covers(context["articles"])
        context.update(
            category=self.category,
            top_category=top,
            active_category_slug=top.slug,
            page_range=elided_page_range(context["page_obj"]),
            meta=metadata.category(self.request, self.category, context["page_obj"]),
        )
        return context


class ArticleDetailView(DetailView):
    """The public article page; the admin's preview reuses it with `allow_unpublished=True`.

    The admin wraps the preview in its own permission checks and calls
    `ArticleDetailView.as_view(allow_unpublished=True)(request, slug=..., pk=...)`:
    the page then shows drafts, pending and scheduled articles, marks the context with
    `is_preview` (a "Bản xem trước" banner, `noindex`), and is never cached (views are counted in the URLconf, `news.counters.counts_views`).
    """

    template_name = "news/article_detail.html"
    context_object_name = "article"
    allow_unpublished = False
    other_news_count = 10
    related_count = 6
    thread_articles_count = 5

    def get_queryset(self, now=None):
        articles = (
            Article.objects.all() if self.allow_unpublished else Article.objects.published(now)
        )
        return article_page.with_lists_present(
            articles.select_related("category__parent").defer("search_title", "search_body")
        )

    def get_object(self, queryset=None):
        if self.allow_unpublished:
            return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        # Compiled once per process, the clock and the id bound per request
        # (docs/performance.md, "Compiling queries once").
        found = list(
            compiledsql.run(
                "news.article_page",
                lambda pk, now: self.get_queryset(now).filter(pk=pk),
                pk=self.kwargs["pk"],
                now=timezone.now(),
            )
        )
        if not found:
            raise Http404("No article matches the given query.")
        return found[0]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.allow_unpublished:
            response = self.render_to_response(self.get_context_data(object=self.object))
            add_never_cache_headers(response)
            return response
        if self.object.slug != kwargs["slug"]:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_other_news(self, exclude_ids) -> list[str]:
        """Same category, published before this article: what the source site lists.

        Its lines, from the category's newest articles kept per content state when the
        article is among them (news/article_page.py), else queried."""
        article = self.object
        kept = article_page.kept_other_news(
            article, exclude_ids=exclude_ids, count=self.other_news_count
        )
        if kept is not None:
            return kept
        others = Article.objects.published().for_category(article.category)
        if article.published_at is not None:
            others = others.filter(
                Q(published_at__lt=article.published_at)
                | Q(published_at=article.published_at, pk__lt=article.pk)
            )
        others = others.exclude(pk__in=[article.pk, *exclude_ids])
        others = others.for_card().newest_first()[: self.other_news_count]
        return [mark_safe(cards.item(other)) for other in others]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        # Only the lists that have rows are queried (news/article_page.py).
        lists = article_page.lists_of(article)
        related = []
        if "related_articles" in lists:
            related = list(
                article.related_articles.published().for_card().newest_first()[: self.related_count]
            )
            cards.describe_covers(related)
        category = article.category
        tags = article_page.tags_of(article)
        # Each address once: the metadata, the share links and "Xem tất cả tin" show them.
        url, category_url = article.get_absolute_url(), category.get_absolute_url()
        canonical_url = self.request.build_absolute_uri(url)
        context.update(
            is_preview=self.allow_unpublished,
            threads=self.get_threads() if "threads" in lists else [],
            tags=tags,
            attachments=list(article.attachments.all()) if "attachments" in lists else [],
            related_articles=related,
            other_news=self.get_other_news([item.pk for item in related]),
            documents=(
                list(article.documents.public().for_list().newest_first()[:10])
                if "documents" in lists
                else []
            ),
            albums=(
                attach_covers(article.albums.published().for_cards().newest_first()[:4])
                if "albums" in lists
                else []
            ),
            view_count=article.view_count + counters.pending_views(article.pk),
            active_category_slug=(category.parent or category).slug,
            canonical_url=canonical_url,
            share_url=quote(canonical_url, safe=""),  # what `|urlencode:''` gave, once
            category_url=category_url,
            meta=metadata.article(
                self.request,
                article,
                url=url,
                canonical_url=canonical_url,
                category_url=category_url,
                preview=self.allow_unpublished,
                keywords=[tag.name for tag in tags],
            ),
        )
        return context

    def get_threads(self):
        """ "Theo dòng sự kiện": the article's threads, each with its newest other articles.

        Two queries however many threads: the threads, then a sliced prefetch (a window
        function per thread) of their other published articles.
        """
        others = (
            Article.objects.published()
            .exclude(pk=self.object.pk)
            .for_card()
            .newest_first()[: self.thread_articles_count]
        )
        return list(
            self.object.threads.order_by("-starts_on", "name").prefetch_related(
                Prefetch("articles", queryset=others, to_attr="other_articles")
            )
        )


class SearchView(ListView):
    """/tim-kiem/?q=…: published articles, diacritic-insensitive, with filters.

    Whatever arrives in the query string (10 KB, punctuation, SQL, a NUL byte, lone
    surrogates) the page answers 200 with a Vietnamese explanation; only a page number
    past the end is a 404, as on every list.
    """

    template_name = "news/search.html"
    context_object_name = "articles"
    paginate_by = 15

    # The sections the page searches: every public section joins /tim-kiem/ (docs/search.md).
    SECTIONS = [
        ("", "Tất cả"),
        ("bai-viet", "Bài viết"),
        ("van-ban", "Văn bản"),
        ("trang", "Trang giới thiệu"),
        ("hoi-dap", "Hỏi – đáp"),
    ]
    # Sections with their own search page, with their own filters: the words go there.
    SECTION_PAGES = {"van-ban": "documents:document_list", "hoi-dap": "questions:list"}
    documents_shown = 5
    DOCUMENT_FIELDS = ("id", "code", "title", "slug")
    pages_shown = 5
    questions_shown = 5

    def get(self, request, *args, **kwargs):
        params = _clean_params(request.GET)
        self.section = params.get("muc", "")
        if self.section in self.SECTION_PAGES:
            target = QueryDict(mutable=True)
            if params.get("q", "").strip():
                target["q"] = params["q"]
            url = reverse(self.SECTION_PAGES[self.section])
            return redirect(f"{url}?{target.urlencode()}" if target else url)
        self.query = search.parse_query(params.get("q", ""))
        self.filterset = ArticleFilter(
            params if params else None, queryset=Article.objects.published()
        )
        self.params = params
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.result_count = None
        if self.section == "trang" or (not self.query and not self.filterset.is_active):
            return Article.objects.none()
        articles = self.filterset.qs
        if not self.query:
            return articles.newest_first().for_card()
        window = self._page_window()
        results = search.Results(search.search(articles, self.query).for_card(), window)
        self.result_count = results.count()
        if self.result_count == 0:
            # Nothing with whole words: perhaps the last word was cut short ("hoi ngh").
            self.query = self.query.with_prefix()
            results = search.Results(search.search(articles, self.query).for_card(), window)
            self.result_count = results.count()
        return results

    def _page_window(self) -> slice | None:
        """The rows of the page `paginate_queryset` will ask for, when a number says which:
        the count comes with them (`search.Results`)."""
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            number = int(page)
        except (TypeError, ValueError):
            return None  # "last", or not a page: counted first, as Paginator does
        if number < 1:
            return None
        start = (number - 1) * self.paginate_by
        return slice(start, start + self.paginate_by)

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if self.result_count is not None:
            # Counted already (to choose between whole words and a prefix): not twice.
            paginator.__dict__["count"] = self.result_count
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        query_string = self.params.copy()
        query_string.pop("page", None)
        has_text = bool(query_string.pop("q", [""])[-1].strip())
        if has_text:
            query_string["q"] = self.query.text
        context.update(
            query=self.query,
            search_query=self.query.text,
            filter=self.filterset,
            searched=bool(self.query) or self.filterset.is_active,
            no_words=has_text and not self.query,
            capped=self.result_count == search.MAX_RESULTS,
            max_results=search.MAX_RESULTS,
            page_range=elided_page_range(page_obj),
            query_string=query_string.urlencode(),
            suggestions=[],
            meta=metadata.search(self.request, self.query),
        )
        context.update(
            sections=self.SECTIONS, section=self.section, documents=None, pages=None, questions=None
        )
        if self.query and self.section == "" and page_obj.number == 1:
            context["documents"] = self.get_documents()
            context["questions"] = self.get_questions()
        if self.query and self.section in ("", "trang") and page_obj.number == 1:
            # Words as the articles were searched (whole, or the last as a word start when
            # they found nothing); alone, pages retry with a word start themselves.
            found = list(page_search.search(self.query))
            if not found and self.section == "trang":
                found = list(page_search.search(self.query.with_prefix()))
            shown = found if self.section == "trang" else found[: self.pages_shown]
            context["pages"] = {"count": len(found), "items": shown}
        if self.section == "trang":
            context["searched"] = bool(self.query)
        cards.describe_covers(context["articles"])
        if self.query and page_obj.paginator.count == 0:
            context["suggestions"] = list(
                search.similar_titles(self.filterset.qs.for_card(), self.query)
            )
        return context

    def get_documents(self):
        """The best few public documents for the words, and how many there are."""
        query = document_search.parse(self.query.text)
        if not query:
            return None
        found = document_search.search(Document.objects.public(), query)
        # Only what the block shows (code, title, link): no joins, a shorter query to build.
        count, items = _first_and_count(found.only(*self.DOCUMENT_FIELDS), self.documents_shown)
        return {
            "count": count,
            "items": items,
            "url": f"{reverse('documents:document_list')}?{urlencode({'q': query.text})}",
        }

    def get_questions(self):
        """The newest few published answers with the words, and how many there are."""
        found = Question.objects.published().search(self.query.text)
        newest = found.only("id", "title").order_by("-published_at", "-pk")
        count, items = _first_and_count(newest, self.questions_shown)
        return {
            "count": count,
            "items": items,
            "url": f"{reverse('questions:list')}?{urlencode({'q': self.query.text})}",
        }


def _first_and_count(queryset, shown: int) -> tuple[int, list]:
    """How many rows `queryset` has and its first `shown`, in one query (a window count
    rides on each row)."""
    items = list(queryset.annotate(total=Window(Count("*")))[:shown])
    return (items[0].total if items else 0), items


def _clean_params(params: QueryDict) -> QueryDict:
    """The query string without NUL, control characters or lone surrogates in any value.

    PostgreSQL refuses NUL in text, and a filter value goes into a query (the category
    slug): cleaning here keeps absurd input a form error instead of a database error.
    """
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(vntext.normalize(key)[:50], [vntext.normalize(v)[:1000] for v in values])
    return cleaned

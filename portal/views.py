"""Site-wide pages: the home page, the HTML site map, robots.txt, the login lockout page,
the 500/503 handler."""

import sys
from datetime import date

from axes.helpers import get_client_username
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views import defaults
from django.views.generic import TemplateView

import compiledsql
from documents.models import Document, Kind
from news import cards
from news.models import Article
from pages.models import Page
from portal import home, metadata
from portal.middleware import database_unavailable
from portal.templatetags.portal import SHORTCUTS
from questions.models import Topic


class HomeView(TemplateView):
    """Featured stories, the latest news, and around them the blocks every reader shares.

    The page's own content is two queries whatever its amount, featured and latest; the
    blocks (a block per "show on home" category, threads, documents, links) come from
    the fragment cache once per content state (`portal/home.py`).
    """

    template_name = "portal/home.html"
    top_count = 5  # the lead story and the four beside it
    latest_count = 10

    def featured(self, now):
        published = Article.objects.published(now).for_headline()
        return published.filter(is_featured=True).newest_first()[: self.top_count]

    def recent(self, now):
        published = Article.objects.published(now).for_headline()
        return published.newest_first()[: self.top_count + self.latest_count]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Both compiled once per process, the clock bound per request (docs/performance.md,
        # "Compiling queries once").
        now = timezone.now()
        featured = list(compiledsql.run("portal.home_featured", self.featured, now=now))
        recent = list(compiledsql.run("portal.home_recent", self.recent, now=now))
        # Too few featured stories: the newest ones fill the top of the page.
        top = featured + [a for a in recent if a not in featured][: self.top_count - len(featured)]
        lead = next((a for a in top if a.cover_image), top[0] if top else None)
        latest = [a for a in recent if a not in top][: self.latest_count]
        shared = home.shared(top) if top else {}
        if not shared.get("blocks"):
            # Without blocks the latest stand in for them, as cards that name their category.
            prefetch_related_objects(latest, "category")
        # Every picture of the page's own cards in one cache round trip (news/cards.py);
        # "Tin mới nhất" shows none.
        cards.describe_covers(top, () if shared.get("blocks") else latest)
        context.update(
            lead=lead,
            top_stories=[a for a in top if a != lead],
            latest=latest,
            shared=shared,
            meta=metadata.home(self.request, newest=recent[0].published_at if recent else None),
        )
        return context


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Vietnamese page, status 429."""
    response = render(
        request,
        "portal/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "username": get_client_username(request, credentials) or "",
        },
        status=429,
    )
    add_never_cache_headers(response)
    return response


def server_error(request):
    """Django's 500 page, or the 503 page when the database is what failed.

    Most outages are answered by `portal.middleware.DatabaseUnavailableMiddleware`;
    this catches a database error raised outside a view (in a middleware).
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return defaults.server_error(request)


class AccessibilityView(TemplateView):
    """/tro-giup-tiep-can/: what the portal supports, its shortcut keys, how to report a
    barrier, and the date of the last audit (docs/accessibility.md)."""

    template_name = "portal/accessibility.html"
    # The last check of every public page type (axe-core at 390 and 1280 px, keyboard,
    # contrast): update it with each audit.
    audited_on = date(2026, 12, 1)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            audited_on=self.audited_on,
            shortcuts=SHORTCUTS,
            meta=metadata.accessibility(self.request, self.audited_on),
        )


def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('news:search')}",
        "Disallow: /ckeditor/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response


class SiteMapView(TemplateView):
    """Sơ đồ trang: every section, menu category and introduction page, on one page.

    The categories come from the menu the page's chrome builds anyway (no extra query);
    the introduction pages, the documents' kinds, the Q&A topics and the related links
    are one query each.
    """

    template_name = "portal/site_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        children = Prefetch(
            "children",
            queryset=Page.objects.published().only("title", "menu_title", "slug", "parent_id"),
            to_attr="published_children",
        )
        context["intro_pages"] = list(
            Page.objects.published()
            .top_level()
            .only("title", "menu_title", "slug")
            .prefetch_related(children)
        )
        context["document_kinds"] = list(
            Kind.objects.filter(Exists(Document.objects.public().filter(kind=OuterRef("pk")))).only(
                "name", "slug"
            )
        )
        context["question_topics"] = list(Topic.objects.filter(is_active=True).only("name", "slug"))
        context["meta"] = metadata.site_map(self.request)
        return context

"""Root URLconf. Public paths are Vietnamese ASCII (DESIGN.md, "Public pages")."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from news.pagecache import cache_public_page
from news.sitemaps import SITEMAPS as NEWS_SITEMAPS
from portal import views

sitemaps = {
    **NEWS_SITEMAPS,
    # MERGE: unpack the `sitemaps` dict of organizations/sitemaps.py (on main, not yet
    # on this branch) here; the sitemap index's pinned query count in
    # tests/news/test_feeds.py then grows by two per section (a count, and Django's
    # default latest-lastmod query).
}

portal_patterns = [
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("news.urls")),
    path("", include("organizations.urls")),
    path("admin/", admin.site.urls),
    path("ckeditor/", include("ckeditor_uploader.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

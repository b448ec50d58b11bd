"""Root URLconf. Public paths are Vietnamese ASCII (docs/architecture.md, "Public paths")."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from documents.sitemaps import sitemaps as DOCUMENT_SITEMAPS
from news.sitemaps import SITEMAPS as NEWS_SITEMAPS
from organizations.sitemaps import sitemaps as ORGANIZATION_SITEMAPS
from pagecache import cache_public_page
from pages.sitemaps import sitemaps as PAGE_SITEMAPS
from portal import admin as portal_admin
from portal import health, views
from portal.sitemaps import PortalPagesSitemap, SectionSitemap
from questions.sitemaps import sitemaps as QUESTION_SITEMAPS
from schedule.sitemaps import sitemaps as SCHEDULE_SITEMAPS

sitemaps = {
    **NEWS_SITEMAPS,
    **ORGANIZATION_SITEMAPS,
    **QUESTION_SITEMAPS,
    **DOCUMENT_SITEMAPS,
    **PAGE_SITEMAPS,
    **SCHEDULE_SITEMAPS,
    "tiep-can": PortalPagesSitemap,
    "chuyen-trang": SectionSitemap,
}

portal_patterns = [
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path("so-do-trang/", cache_public_page(views.SiteMapView.as_view()), name="site_map"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(
        "tro-giup-tiep-can/",
        cache_public_page(views.AccessibilityView.as_view()),
        name="accessibility",
    ),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap, params=("p",)),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("news.urls")),
    path("", include("organizations.urls")),
    path("", include("questions.urls")),
    path("", include("documents.urls")),
    path("", include("schedule.urls")),
    path("", include("pages.urls")),
    path("", include("sitewide.urls")),
    # Ahead of the admin's own route of the same path: see portal.admin.view_on_site.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(portal_admin.view_on_site),
    ),
    path("admin/", admin.site.urls),
    path("ckeditor/", include("richtext.urls")),  # wrapped uploads (docs/rich-text.md)
]

if settings.MEDIA_URL.startswith("/"):
    # A rendition not made yet is made on its first request (docs/images.md).
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/renditions/", include("safeimage.urls"))
    )

handler500 = "portal.views.server_error"  # a 503 when the database is what failed

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

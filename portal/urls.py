"""Root URLconf. Public paths are Vietnamese ASCII (DESIGN.md, "Public pages")."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from portal import admin as portal_admin
from portal import views

portal_patterns = [
    path("", views.HomeView.as_view(), name="home"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("news.urls")),
    path("", include("organizations.urls")),
    # Ahead of the admin's own route of the same path: see portal.admin.view_on_site.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(portal_admin.view_on_site),
    ),
    path("admin/", admin.site.urls),
    path("ckeditor/", include("news.editor_urls")),  # wrapped uploads (docs/rich-text.md)
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

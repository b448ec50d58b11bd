"""The root URLconf plus sitemap.xml with the organization sitemaps, as portal wires it."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from organizations.sitemaps import sitemaps
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    *portal_urlpatterns,
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]

"""Routed under MEDIA_URL + "renditions/" by the root URLconf (safeimage/views.py)."""

from django.urls import path

from safeimage import views

app_name = "safeimage"
urlpatterns = [path("<path:name>", views.rendition, name="rendition")]

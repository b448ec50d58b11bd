from django.urls import path

from gallery import views
from gallery.feeds import LatestAlbumsFeed, LatestVideosFeed
from pagecache import cache_public_page

app_name = "gallery"

urlpatterns = [
    path(
        "thu-vien-anh/",
        cache_public_page(views.AlbumListView.as_view(), params=("page",)),
        name="album_list",
    ),
    path("thu-vien-anh/rss/", cache_public_page(LatestAlbumsFeed()), name="album_feed"),
    path(
        "thu-vien-anh/<slug:slug>-<int:pk>/",
        cache_public_page(views.AlbumDetailView.as_view()),
        name="album_detail",
    ),
    path(
        "thu-vien-anh/<slug:slug>-<int:pk>/anh-<int:photo>/",
        cache_public_page(views.PhotoDetailView.as_view()),
        name="photo_detail",
    ),
    path(
        "video/",
        cache_public_page(views.VideoListView.as_view(), params=("page",)),
        name="video_list",
    ),
    path("video/rss/", cache_public_page(LatestVideosFeed()), name="video_feed"),
    path(
        "video/<slug:slug>-<int:pk>/",
        cache_public_page(views.VideoDetailView.as_view()),
        name="video_detail",
    ),
]

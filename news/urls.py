from django.urls import path

from news import views, views_topics
from news.counters import counts_views
from news.feeds import CategoryArticlesFeed, LatestArticlesFeed, TagArticlesFeed, ThreadArticlesFeed
from pagecache import cache_public_page

app_name = "news"

urlpatterns = [
    path(
        "chuyen-muc/",
        cache_public_page(views.CategoryListView.as_view()),
        name="category_list",
    ),
    path(
        "chuyen-muc/<slug:slug>/",
        cache_public_page(views.CategoryDetailView.as_view(), params=("page",)),
        name="category_detail",
    ),
    path(
        "chuyen-muc/<slug:slug>/rss/",
        cache_public_page(CategoryArticlesFeed()),
        name="category_feed",
    ),
    path(
        "bai-viet/<slug:slug>-<int:pk>/",
        counts_views(cache_public_page(views.ArticleDetailView.as_view())),
        name="article_detail",
    ),
    path(
        "bai-viet/tep/<int:pk>/<str:name>",
        views_topics.attachment_download,
        name="attachment_download",
    ),
    path(
        "dong-su-kien/",
        cache_public_page(views_topics.ThreadListView.as_view(), params=("page",)),
        name="thread_list",
    ),
    path(
        "dong-su-kien/<slug:slug>/",
        cache_public_page(views_topics.ThreadDetailView.as_view(), params=("page",)),
        name="thread_detail",
    ),
    path(
        "dong-su-kien/<slug:slug>/rss/",
        cache_public_page(ThreadArticlesFeed()),
        name="thread_feed",
    ),
    path(
        "tu-khoa/<slug:slug>/",
        cache_public_page(views_topics.TagDetailView.as_view(), params=("page",)),
        name="tag_detail",
    ),
    path("tu-khoa/<slug:slug>/rss/", cache_public_page(TagArticlesFeed()), name="tag_feed"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", cache_public_page(LatestArticlesFeed()), name="feed"),
]

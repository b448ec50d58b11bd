from django.urls import path

from news import views
from news.counters import counts_views
from news.feeds import CategoryArticlesFeed, LatestArticlesFeed
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
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", cache_public_page(LatestArticlesFeed()), name="feed"),
]

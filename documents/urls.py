from functools import wraps

from django.urls import path
from django.utils.cache import patch_cache_control

from documents import views
from documents.feeds import LatestDocumentsFeed
from pagecache import cache_public_page

app_name = "documents"


def cached_unless_filtered(view):
    """The plain list (and its pages) from the page cache; searches and filters rendered.

    The page cache keys a page by its path and page number only, so a list narrowed by
    the query string must never come from it.
    """
    cached = cache_public_page(view, params=("page",))

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if set(request.GET) - {"page"}:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        return cached(request, *args, **kwargs)

    return wrapper


urlpatterns = [
    path(
        "van-ban/",
        cached_unless_filtered(views.DocumentListView.as_view()),
        name="document_list",
    ),
    path("van-ban/rss/", cache_public_page(LatestDocumentsFeed()), name="feed"),
    path("van-ban/tep/<int:pk>/<str:name>", views.download, name="file_download"),
    path(
        "van-ban/<slug:slug>-<int:pk>/",
        cache_public_page(views.DocumentDetailView.as_view()),
        name="document_detail",
    ),
]

from django.urls import path

from documents import views
from documents.feeds import LatestDocumentsFeed

app_name = "documents"

urlpatterns = [
    path("van-ban/", views.DocumentListView.as_view(), name="document_list"),
    path("van-ban/rss/", LatestDocumentsFeed(), name="feed"),
    path("van-ban/tep/<int:pk>/<str:name>", views.download, name="file_download"),
    path(
        "van-ban/<slug:slug>-<int:pk>/",
        views.DocumentDetailView.as_view(),
        name="document_detail",
    ),
]

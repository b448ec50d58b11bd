from django.urls import path

from pagecache import cache_public_page
from pages import views

app_name = "pages"

urlpatterns = [
    path("gioi-thieu/", cache_public_page(views.PageIndexView.as_view()), name="index"),
    path(
        "gioi-thieu/<slug:slug>/",
        cache_public_page(views.PageDetailView.as_view()),
        name="page_detail",
    ),
]

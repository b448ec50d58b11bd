from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("chuyen-muc/", views.CategoryListView.as_view(), name="category_list"),
    path("chuyen-muc/<slug:slug>/", views.CategoryDetailView.as_view(), name="category_detail"),
    path(
        "bai-viet/<slug:slug>-<int:pk>/", views.ArticleDetailView.as_view(), name="article_detail"
    ),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
]

from django.urls import path

from pagecache import cache_public_page
from questions import views
from questions.feeds import LatestAnswersFeed

app_name = "questions"

cached_list = cache_public_page(views.QuestionListView.as_view(), params=("page",))
uncached_list = views.QuestionListView.as_view()


def question_list(request, **kwargs):
    """Search results (`?q=`) are rendered for each reader; the plain list is cached."""
    view = uncached_list if request.GET.get("q", "").strip() else cached_list
    return view(request, **kwargs)


urlpatterns = [
    path("hoi-dap/", question_list, name="list"),
    path("hoi-dap/linh-vuc/<slug:topic>/", question_list, name="topic"),
    path(
        "hoi-dap/<int:pk>/",
        cache_public_page(views.QuestionDetailView.as_view()),
        name="detail",
    ),
    path("hoi-dap/rss/", cache_public_page(LatestAnswersFeed()), name="feed"),
    path("hoi-dap/gui-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/gui-cau-hoi/da-nhan/<str:token>/", views.receipt, name="receipt"),
    path("hoi-dap/tra-cuu/", views.lookup, name="lookup"),
]

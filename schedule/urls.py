from django.urls import path

from pagecache import cache_public_page
from schedule import views

app_name = "schedule"

urlpatterns = [
    path("lich-cong-tac/", cache_public_page(views.WeekView.as_view()), name="current"),
    # Only redirects; its query string would make every visit a separate cached page.
    path("lich-cong-tac/chon-tuan/", views.pick_week, name="pick_week"),
    path("lich-cong-tac/lich.ics", cache_public_page(views.ical_feed), name="ical"),
    path(
        "lich-cong-tac/<int:year>/tuan-<int:week>/",
        cache_public_page(views.WeekView.as_view()),
        name="week",
    ),
    path(
        "lich-cong-tac/<int:year>/tuan-<int:week>/in/",
        cache_public_page(views.WeekPrintView.as_view()),
        name="week_print",
    ),
]

from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("lich-cong-tac/", views.WeekView.as_view(), name="current"),
    path("lich-cong-tac/chon-tuan/", views.pick_week, name="pick_week"),
    path("lich-cong-tac/lich.ics", views.ical_feed, name="ical"),
    path(
        "lich-cong-tac/<int:year>/tuan-<int:week>/",
        views.WeekView.as_view(),
        name="week",
    ),
    path(
        "lich-cong-tac/<int:year>/tuan-<int:week>/in/",
        views.WeekPrintView.as_view(),
        name="week_print",
    ),
]

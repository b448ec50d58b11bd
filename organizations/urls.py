from django.urls import path

from organizations import views
from pagecache import cache_public_page

app_name = "organizations"

urlpatterns = [
    # A past date (?ngay=15/10/2021) is rendered: any text could be a date.
    path(
        "to-chuc/",
        cache_public_page(views.ChartView.as_view(), uncached_params=("ngay",)),
        name="chart",
    ),
    path(
        "to-chuc/<slug:slug>/",
        cache_public_page(views.OrganizationDetailView.as_view()),
        name="organization_detail",
    ),
    path("lanh-dao/", cache_public_page(views.LeadershipView.as_view()), name="leadership"),
    path(
        "can-bo/<slug:slug>/",
        cache_public_page(views.CadreDetailView.as_view()),
        name="cadre_detail",
    ),
]

from django.urls import path

from organizations import views

app_name = "organizations"

urlpatterns = [
    path("to-chuc/", views.ChartView.as_view(), name="chart"),
    path(
        "to-chuc/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization_detail"
    ),
    path("lanh-dao/", views.LeadershipView.as_view(), name="leadership"),
    path("can-bo/<slug:slug>/", views.CadreDetailView.as_view(), name="cadre_detail"),
]

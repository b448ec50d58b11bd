from django.urls import path

from sitewide import views

app_name = "sitewide"

urlpatterns = [
    path("danh-gia/", views.rate, name="rate"),
]

from django.apps import AppConfig


class VntextConfig(AppConfig):
    name = "vntext"
    verbose_name = "Ngày làm việc"

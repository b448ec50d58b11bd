from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AuditTrailConfig(AppConfig):
    name = "audittrail"
    verbose_name = "Nhật ký"

    def ready(self):
        autodiscover_modules("audit")  # each app's audit.py registers its Source

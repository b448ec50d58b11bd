from axes.apps import AppConfig as AxesConfig
from django.contrib.admin.apps import AdminConfig


class GuardedAdminConfig(AdminConfig):
    """`django.contrib.admin` with `netguard.adminsite.GuardedAdminSite` as `admin.site`."""

    default_site = "netguard.adminsite.GuardedAdminSite"


class LoginThrottleConfig(AxesConfig):
    """django-axes under a Vietnamese name in the admin (its strings: locale/vi)."""

    verbose_name = "Bảo vệ đăng nhập"

from django.contrib.admin.apps import AdminConfig


class GuardedAdminConfig(AdminConfig):
    """`django.contrib.admin` with `netguard.adminsite.GuardedAdminSite` as `admin.site`."""

    default_site = "netguard.adminsite.GuardedAdminSite"

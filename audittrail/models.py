from django.contrib.admin.models import LogEntry


class AuditTrail(LogEntry):
    """No table of its own: gives the page "Nhật ký thao tác" its place in the admin.

    The page lists every registered source (audittrail.sources()), not only LogEntry.
    """

    class Meta:
        proxy = True
        verbose_name = "nhật ký thao tác"
        verbose_name_plural = "nhật ký thao tác (ai làm gì, khi nào)"
        default_permissions = ()

from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self):
        import pagecache

        # What holds "today" (current positions, the chart of today) changes at midnight.
        pagecache.register(
            "organizations",
            models=(
                "organizations.Organization",
                "organizations.OrganizationEvent",
                "organizations.Cadre",
                "organizations.Position",
                "organizations.Term",
            ),
            next_change=pagecache.next_midnight,
        )

from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = "Lịch công tác"

    def ready(self):
        import pagecache

        # "This week" and today's highlight change at midnight, as the header's date does.
        pagecache.register(
            "schedule",
            models=("schedule.Week", "schedule.Entry"),
            next_change=pagecache.next_midnight,
        )

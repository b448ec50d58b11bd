from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = "Lịch công tác"

    def ready(self):
        import pagecache
        from schedule import views

        # "This week" and today's highlight change at midnight in Việt Nam.
        pagecache.register("schedule-day", views.day_state)

from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Thư điện tử đi"

    def ready(self):
        import periodic
        from outbox import delivery

        # Messages SMTP refused are retried when due (docs/deploy.md, "Periodic jobs").
        periodic.register("outbox.send_due", delivery.send_due, every=60)

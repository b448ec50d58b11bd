from django.core.management.base import BaseCommand

from outbox import delivery
from outbox.models import Message


class Command(BaseCommand):
    help = "Send the queued e-mail that is due and forget old sent mail (run every minute)."

    def handle(self, *args, **options):
        sent = delivery.send_due()
        waiting = Message.objects.filter(status=Message.Status.QUEUED).count()
        self.stdout.write(f"outbox: {sent} sent, {waiting} waiting")

from django.core.management.base import BaseCommand

from measures.tasks import queue_overdue


class Command(BaseCommand):
    help = "Queue a refresh for every SQL source that is due (the worker runs this before it starts)."

    def handle(self, *args, **options) -> None:
        count = queue_overdue()
        self.stdout.write(f"{count} overdue refresh(es) queued.")

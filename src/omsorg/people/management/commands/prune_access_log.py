"""`omsorg prune_access_log`: delete access-log rows older than OMSORG_ACCESS_LOG_DAYS.

Run it daily (cron or a systemd timer, see README); `--queue` hands it to the task worker
(`omsorg db_worker`) instead of running it here.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from omsorg.people.services import access_log_prune
from omsorg.people.tasks import access_log_prune_task


class Command(BaseCommand):
    help = "Delete access-log rows older than OMSORG_ACCESS_LOG_DAYS (Normen: kept, then deleted)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="enqueue for the task worker instead"
        )

    def handle(self, *args, queue: bool = False, **options):
        days = settings.OMSORG_ACCESS_LOG_DAYS
        if queue:
            access_log_prune_task.enqueue()
            self.stdout.write(f"Queued: access log older than {days} days is deleted.")
            return
        deleted = access_log_prune()
        self.stdout.write(f"Deleted {deleted} access-log rows older than {days} days.")

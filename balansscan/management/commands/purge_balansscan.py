"""Delete the Balansscan's scans older than BALANSSCAN_RETENTION_DAYS, and the team scans left empty.

Safe to run again: what was deleted is gone, and the rest is younger than the retention. Run it
daily from cron (README, *Cron*).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from balansscan.service import purge_expired


class Command(BaseCommand):
    help = "Verwijdert ingevulde Balansscans die ouder zijn dan de bewaartermijn."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(
            f"{deleted} ingevulde scan(s) verwijderd, ouder dan {settings.BALANSSCAN_RETENTION_DAYS} dagen."
        )

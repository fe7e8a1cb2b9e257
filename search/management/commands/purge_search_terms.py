"""Remove the weekly search-term counts older than SEARCH_TERMS_RETENTION_WEEKS (privacy), and any
stored term that looks like an e-mail address or a phone number (kept before the filter existed).

Safe to run daily: a second run finds nothing left to remove.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from search.models import SearchTermWeek, looks_personal


class Command(BaseCommand):
    help = "Verwijdert zoektermen van weken die ouder zijn dan de bewaartermijn, en zoektermen met persoonsgegevens."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks",
            type=int,
            default=None,
            help="Bewaartermijn in weken (standaard SEARCH_TERMS_RETENTION_WEEKS).",
        )

    def handle(self, *args, weeks=None, **options):
        weeks = weeks if weeks is not None else settings.SEARCH_TERMS_RETENTION_WEEKS
        # The current week counts as one: with 52 weeks, this week and the 51 before it stay.
        oldest_kept = SearchTermWeek.current_week() - datetime.timedelta(weeks=weeks - 1)
        removed, _ = SearchTermWeek.objects.filter(week__lt=oldest_kept).delete()
        self.stdout.write(
            f"{removed} zoekterm(en) verwijderd van voor {oldest_kept:%d-%m-%Y} (bewaartermijn {weeks} weken)."
        )
        # Only a term with an @ or a digit can match the detector; the database narrows it down to those.
        candidates = SearchTermWeek.objects.filter(term__regex=r"[@0-9]").values_list("pk", "term")
        personal = [pk for pk, term in candidates.iterator(chunk_size=2000) if looks_personal(term)]
        removed, _ = SearchTermWeek.objects.filter(pk__in=personal).delete()
        self.stdout.write(f"{removed} zoekterm(en) met een e-mailadres of telefoonnummer verwijderd.")

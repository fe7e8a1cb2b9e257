"""Anonymise the registrations of events that ended more than N days ago (privacy).

Names, e-mail addresses, organisations and roles are removed; the status stays, so
the counts per event (how many came, how many were waiting) are kept. Pending
e-mails for those registrations are dropped. Safe to run daily: already anonymised
registrations are left alone.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from tqdm import tqdm

from events.models import EmailDelivery, EventPage, Registration, new_token


def anonymise(registration, now):
    registration.name = "Verwijderd"
    registration.email = f"verwijderd-{registration.pk}@anoniem.invalid"
    registration.organisation = ""
    registration.role = ""
    registration.user = None
    registration.token = new_token()  # the old cancel link stops working
    registration.anonymised_at = now
    registration.save(update_fields=["name", "email", "organisation", "role", "user", "token", "anonymised_at"])


class Command(BaseCommand):
    help = "Anonimiseert aanmeldingen van bijeenkomsten die langer dan N dagen geleden zijn afgelopen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Bewaartermijn in dagen (standaard EVENT_REGISTRATION_RETENTION_DAYS, of 90).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets veranderen.")

    def handle(self, *args, days=None, dry_run=False, verbosity=1, **options):
        days = days if days is not None else getattr(settings, "EVENT_REGISTRATION_RETENTION_DAYS", 90)
        now = timezone.now()
        ended = EventPage.objects.filter(end__lt=now - timedelta(days=days))
        todo = Registration.objects.filter(event__in=ended, anonymised_at__isnull=True)
        total = todo.count()
        if dry_run:
            self.stdout.write(f"{total} aanmelding(en) zouden worden geanonimiseerd (bewaartermijn {days} dagen).")
            return
        done = 0
        with tqdm(
            total=total, desc="Anonimiseren", unit="aanmelding", file=self.stderr._out, disable=verbosity < 1
        ) as bar:
            while True:
                with transaction.atomic():
                    batch = list(todo.select_for_update(skip_locked=True).order_by("pk")[:500])
                    if not batch:
                        break
                    for registration in batch:
                        anonymise(registration, now)
                    EmailDelivery.objects.filter(registration__in=batch).delete()
                done += len(batch)
                bar.update(len(batch))
        self.stdout.write(f"{done} aanmelding(en) geanonimiseerd (bewaartermijn {days} dagen).")

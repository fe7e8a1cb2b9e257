"""Remind confirmed participants of events that start within the next 24 hours (with the meeting link).

Run it every hour from cron. Each person gets one reminder, ever: the registration's
reminder_sent_at is claimed with a conditional UPDATE before the e-mail is queued, so
running it twice (or twice at the same time) sends nothing twice.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from tqdm import tqdm

from events.models import EmailDelivery, EventPage, Registration
from events.services import queue_email


class Command(BaseCommand):
    help = "Stuurt een herinnering aan deelnemers van bijeenkomsten die binnen 24 uur beginnen. Veilig om vaker te draaien."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Herinner voor bijeenkomsten die binnen zoveel uur beginnen."
        )

    def handle(self, *args, hours=24, verbosity=1, **options):
        now = timezone.now()
        events = EventPage.objects.live().filter(start__gt=now, start__lte=now + timedelta(hours=hours))
        due = list(
            Registration.objects.filter(
                event__in=events,
                status=Registration.Status.CONFIRMED,
                reminder_sent_at__isnull=True,
                anonymised_at__isnull=True,
            ).values_list("pk", flat=True)
        )
        sent = 0
        for registration_id in tqdm(
            due, desc="Herinneringen", unit="mail", file=self.stderr._out, disable=verbosity < 1
        ):
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration_id, reminder_sent_at__isnull=True, status=Registration.Status.CONFIRMED
                ).update(reminder_sent_at=timezone.now())
                if claimed:
                    queue_email(Registration(pk=registration_id), EmailDelivery.Kind.REMINDER)
                    sent += 1
        self.stdout.write(f"Herinneringen: {sent} in de wachtrij gezet.")

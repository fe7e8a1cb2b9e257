from datetime import datetime, timedelta

from django.utils import timezone

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from knowledge.models import Perspective

from .models import EventIndexPage, EventPage, EventSpeaker, Registration, Speaker


def days_from_now(days, hour=15, minute=0):
    """An aware datetime `days` from today at hour:minute in the project's time zone."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


class SpeakerFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Spreker {n}")
    role = "Programmamanager"
    organisation = "Gemeente Voorbeeld"
    bio = "Werkt al jaren opgavegericht en vertelt er graag over."

    class Meta:
        model = Speaker


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Bijeenkomsten"
    slug = "bijeenkomsten"
    intro = "<p>Webinars, bijeenkomsten, masterclasses en mastermindgroepen.</p>"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An upcoming online webinar; pass perspectives=[...] (slugs or objects) and speakers=[...]."""

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    slug = factory.Sequence(lambda n: f"bijeenkomst-{n}")
    first_published_at = factory.LazyFunction(timezone.now)
    event_type = EventPage.Type.WEBINAR
    intro = "Een informele sessie over opgavegericht werken."
    start = factory.LazyFunction(lambda: days_from_now(14, 15, 30))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))
    attendance = EventPage.Attendance.ONLINE
    meeting_url = factory.Sequence(lambda n: f"https://vergaderen.example.org/geheim-{n}-a8f3k2")
    capacity = None

    class Meta:
        model = EventPage

    @factory.post_generation
    def perspectives(obj, create, extracted, **kwargs):
        values = extracted or []
        obj.perspectives.set([v if isinstance(v, Perspective) else Perspective.objects.get(slug=v) for v in values])

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        obj.speaker_links = [EventSpeaker(speaker=speaker) for speaker in extracted or []]

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # ParentalManyToManyFields and child relations live in memory until the page is saved.
        if create:
            instance.save()


class RegistrationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    organisation = "Gemeente Voorbeeld"
    role = "Projectleider"
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Registration

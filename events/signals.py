"""When an editor publishes an event with more seats, the waiting list moves up right away."""

from django.db import transaction

from wagtail.signals import page_published


def event_published(sender, instance, **kwargs):
    from .services import fill_free_seats

    transaction.on_commit(lambda: fill_free_seats(instance), robust=True)


def connect():
    from .models import EventPage

    page_published.connect(event_published, sender=EventPage, dispatch_uid="events_fill_free_seats")

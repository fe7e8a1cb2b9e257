"""When an editor publishes an event with more seats, the waiting list moves up right away.
Registrations change the seats left that event pages and listings show, so they purge cached pages."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published

from core.caching import bump_after_commit


def event_published(sender, instance, **kwargs):
    from .services import fill_free_seats

    transaction.on_commit(lambda: fill_free_seats(instance), robust=True)


def registration_changed(sender, instance, **kwargs):
    bump_after_commit()


def connect():
    from .models import EventPage, Registration

    page_published.connect(event_published, sender=EventPage, dispatch_uid="events_fill_free_seats")
    post_save.connect(registration_changed, sender=Registration, dispatch_uid="events_registration_saved")
    post_delete.connect(registration_changed, sender=Registration, dispatch_uid="events_registration_deleted")

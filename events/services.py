"""Registering, cancelling and promoting: the only code that changes a registration's status.

Every change takes a row lock on the event (SELECT ... FOR UPDATE on its
events_eventpage row) inside a transaction, so two requests for the same event
run one after the other. Counting the confirmed seats and adding a person happen
under that lock, which is what makes overbooking impossible.

E-mails go into the outbox (EmailDelivery) in the same transaction, and are sent
by a background task once the transaction has committed.
"""

from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import EmailDelivery, EventPage, Registration, new_token


class RegistrationClosed(Exception):
    """Registering is not possible now; `message` says why, `status_code` is the HTTP status to answer with."""

    MESSAGES = {
        "past": (_("Deze bijeenkomst is al geweest. Aanmelden kan niet meer."), 410),
        "closed": (_("De aanmelding voor deze bijeenkomst is gesloten."), 403),
        "not_yet_open": (_("Aanmelden voor deze bijeenkomst kan nog niet."), 403),
    }

    def __init__(self, state):
        self.state = state
        self.message, self.status_code = self.MESSAGES[state]
        super().__init__(str(self.message))


@dataclass
class Outcome:
    """What happened: 'confirmed', 'waiting' or 'already' (this e-mail address was registered before)."""

    result: str
    registration: Registration


def lock_event(event_id):
    """The event, re-read with its row locked until the transaction ends."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def queue_email(registration, kind):
    """Put an e-mail in the outbox and send it in the background once the transaction commits."""
    from .tasks import send_email

    delivery = EmailDelivery.objects.create(registration=registration, kind=kind)
    # robust: a broken task queue must not turn a saved registration into an error page;
    # the delivery stays pending and `send_pending_emails` picks it up.
    transaction.on_commit(partial(send_email.enqueue, delivery.pk), robust=True)
    return delivery


def find_registration(event, email):
    return (
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(event=event, email_lower=email.strip().lower())
        .first()
    )


def register(event, *, name, email, organisation="", role="", user=None, now=None):
    """Register someone for `event`: confirmed while there is room, otherwise on the waiting list.

    Raises RegistrationClosed outside the registration window.
    """
    email = email.strip()
    # Resolve a lazy request.user (a session lookup) before taking the lock, not while holding it.
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        event = lock_event(event.pk)
        # Read the clock once the lock is held, so the waiting list's order is the order of the lock.
        now = now or timezone.now()
        state = event.registration_state(now)
        if state != "open":
            raise RegistrationClosed(state)

        existing = find_registration(event, email)
        if existing is not None and existing.status != Registration.Status.CANCELLED:
            return Outcome("already", existing)

        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        has_room = event.capacity is None or confirmed < event.capacity
        status = Registration.Status.CONFIRMED if has_room else Registration.Status.WAITING

        registration = existing or Registration(event=event)
        registration.name = name
        registration.email = email
        registration.organisation = organisation
        registration.role = role
        registration.user = user  # who registered this time, not who did before
        registration.status = status
        registration.queued_at = now
        registration.confirmed_at = now if has_room else None
        registration.cancelled_at = None
        registration.reminder_sent_at = None
        if existing is not None:
            registration.token = new_token()  # the old cancel link stays used up
        try:
            # A savepoint: the unique constraint on (event, lower(email)) is the backstop.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            return Outcome("already", find_registration(event, email))

        queue_email(registration, EmailDelivery.Kind.CONFIRMATION if has_room else EmailDelivery.Kind.WAITING)
    return Outcome(status, registration)


def tell_already_registered(registration):
    """Someone registered this address again: tell the address, not the form, with its cancel link."""
    with transaction.atomic():
        queue_email(registration, EmailDelivery.Kind.ALREADY)


def _fill_free_seats(event, now):
    """Promote people from the waiting list, first come first served, while there are free seats.

    The caller holds the event's lock. Nobody is promoted once the event has started.
    """
    if event.has_started(now):
        return []
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("queued_at", "pk")
    if event.capacity is not None:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        free = event.capacity - confirmed
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        queue_email(registration, EmailDelivery.Kind.PROMOTION)
    return promoted


def fill_free_seats(event, now=None):
    """Promote from the waiting list after the capacity was raised. Returns the promoted registrations."""
    now = now or timezone.now()
    with transaction.atomic():
        return _fill_free_seats(lock_event(event.pk), now)


def cancel(registration, now=None, notify=True):
    """Cancel a registration and give a freed seat to the first person waiting.

    Returns (cancelled: bool, promoted: list). `cancelled` is False when it was cancelled already.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return False, []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        if notify:
            queue_email(registration, EmailDelivery.Kind.CANCELLATION)
        return True, _fill_free_seats(event, now)


class PromotionRefused(Exception):
    pass


def promote(registration, now=None):
    """An editor moves one person from the waiting list to a seat, out of turn. Never past the capacity."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != Registration.Status.WAITING:
            raise PromotionRefused(_("Deze persoon staat niet op de wachtlijst."))
        if event.is_past(now):
            raise PromotionRefused(_("Deze bijeenkomst is al geweest."))
        if event.capacity is not None:
            confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if confirmed >= event.capacity:
                raise PromotionRefused(
                    _("Alle plaatsen zijn bezet. Meld eerst iemand af, of verhoog het aantal plaatsen.")
                )
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        queue_email(registration, EmailDelivery.Kind.PROMOTION)
        return registration

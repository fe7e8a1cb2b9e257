"""Building and sending the e-mails in the outbox (EmailDelivery).

Each e-mail is rendered when it is sent, from the registration as it is then:
a confirmation for someone who has cancelled in the meantime is skipped, not sent.
Sending is safe to repeat: a delivery is locked while it is sent, and a sent one
is never sent again.
"""

import logging
from email.utils import formataddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from core.links import page_url, site_name

from .calendar import cancelled_event_ics, personal_event_ics
from .formatting import event_when
from .models import EmailDelivery, Registration

logger = logging.getLogger(__name__)

CANCEL_SALT = "events.registration.cancel"

# kind -> the registration statuses it still makes sense for
VALID_FOR = {
    EmailDelivery.Kind.CONFIRMATION: {Registration.Status.CONFIRMED},
    EmailDelivery.Kind.PROMOTION: {Registration.Status.CONFIRMED},
    EmailDelivery.Kind.REMINDER: {Registration.Status.CONFIRMED},
    EmailDelivery.Kind.WAITING: {Registration.Status.WAITING},
    EmailDelivery.Kind.CANCELLATION: {Registration.Status.CANCELLED},
    EmailDelivery.Kind.ALREADY: {Registration.Status.CONFIRMED, Registration.Status.WAITING},
}
# kind -> the calendar file it carries
CALENDAR_FOR = {
    EmailDelivery.Kind.CONFIRMATION: personal_event_ics,
    EmailDelivery.Kind.PROMOTION: personal_event_ics,
    EmailDelivery.Kind.REMINDER: personal_event_ics,
    EmailDelivery.Kind.CANCELLATION: cancelled_event_ics,
}


def cancel_token(registration):
    return signing.Signer(salt=CANCEL_SALT).sign(registration.token)


def unsign_cancel_token(value):
    """The registration token inside a signed cancel token; raises signing.BadSignature when tampered with."""
    return signing.Signer(salt=CANCEL_SALT).unsign(value)


def cancel_subpath(registration):
    """(the event list, the cancel link's path below it): the link is a sub-route of the event list."""
    index = registration.event.index_page()
    return index, index.reverse_subpage("cancel_view", args=[cancel_token(registration)])


def cancel_url(registration):
    index, subpath = cancel_subpath(registration)
    return page_url(index) + subpath


def context_for(registration, kind):
    event = registration.event
    contact_name, contact_email = event.practical_contact()
    confirmed = registration.status == Registration.Status.CONFIRMED
    return {
        "kind": kind,
        "registration": registration,
        "event": event,
        "event_url": page_url(event),
        "when": event_when(event.start, event.end),
        "where": event.location_label,
        "cancel_url": cancel_url(registration) if registration.status != Registration.Status.CANCELLED else "",
        # The private link goes only to confirmed participants of an online event.
        "meeting_url": event.meeting_url if confirmed and event.is_online else "",
        "waiting_position": registration.waiting_position(),
        "contact_name": contact_name,
        "contact_email": contact_email,
        "site_name": site_name(event.get_site()),
    }


def build_message(delivery, registration=None):
    registration = registration or Registration.objects.select_related("event").get(pk=delivery.registration_id)
    context = context_for(registration, delivery.kind)
    with override("nl"):
        subject = " ".join(render_to_string(f"events/emails/{delivery.kind}_subject.txt", context).split())
        text = render_to_string(f"events/emails/{delivery.kind}.txt", context)
        html = render_to_string(f"events/emails/{delivery.kind}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((registration.name, registration.email))],
        reply_to=[context["contact_email"]] if context["contact_email"] else None,
    )
    message.attach_alternative(html, "text/html")
    # Each calendar copy this person gets is a newer revision of the same appointment (same UID),
    # so a cancellation replaces the confirmation and a new registration replaces the cancellation.
    # Someone who only waited never had the appointment in their calendar: nothing to cancel there.
    had_calendar = delivery.kind != EmailDelivery.Kind.CANCELLATION or registration.confirmed_at
    if delivery.kind in CALENDAR_FOR and had_calendar:
        sequence = registration.deliveries.filter(pk__lte=delivery.pk).count()
        ics = CALENDAR_FOR[delivery.kind](registration.event, sequence=sequence)
        message.attach(f"{registration.event.slug}.ics", ics, "text/calendar")
    return message


def claim(delivery_id):
    """Take a delivery for sending, in a short transaction of its own; None when it is not ours to send.

    The row is marked "sending" before the lock is released, so a second worker or the cron command
    that reads it afterwards leaves it alone: an e-mail is never sent twice.
    """
    with transaction.atomic():
        delivery = EmailDelivery.claimable().select_for_update(skip_locked=True).filter(pk=delivery_id).first()
        if delivery is None:
            return None
        registration = Registration.objects.select_related("event").get(pk=delivery.registration_id)
        if registration.anonymised_at or registration.status not in VALID_FOR[delivery.kind]:
            delivery.status = EmailDelivery.Status.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery
        delivery.status = EmailDelivery.Status.SENDING
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.save(update_fields=["status", "attempts", "last_attempt_at"])
        return delivery


def deliver(delivery_id):
    """Send one outbox e-mail. Returns its status afterwards (or None when another worker has it).

    No transaction or row lock is held while the mail server is talked to (it may take up to
    EMAIL_TIMEOUT): the row is claimed first, the result recorded afterwards in one UPDATE.
    """
    delivery = claim(delivery_id)
    if delivery is None or delivery.status == EmailDelivery.Status.SKIPPED:
        return delivery and delivery.status
    try:
        build_message(delivery).send(fail_silently=False)
    except Exception as error:  # any failure: keep the e-mail and retry later
        logger.warning("E-mail %s (%s) could not be sent: %s", delivery.pk, delivery.kind, error)
        result = {"status": EmailDelivery.Status.FAILED, "last_error": f"{type(error).__name__}: {error}"[:2000]}
    else:
        result = {"status": EmailDelivery.Status.SENT, "sent_at": timezone.now(), "last_error": ""}
    EmailDelivery.objects.filter(pk=delivery.pk, status=EmailDelivery.Status.SENDING).update(**result)
    return result["status"]

"""The e-mails: Dutch, text and HTML, with a valid .ics; failures are kept and retried."""

import zoneinfo
from datetime import datetime, timedelta
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import icalendar
import pytest

from events import services
from events.emails import deliver
from events.models import EmailDelivery

from .conftest import SECRET_LINK, fill

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    """Register and run the background task, as happens after the commit."""

    def run(event, email="anna@example.org", name="Anna de Vries"):
        with django_capture_on_commit_callbacks(execute=True):
            return services.register(event, name=name, email=email, organisation="Gemeente Zwolle")

    return run


def calendar_of(message):
    attachments = [a for a in message.attachments if a[2].startswith("text/calendar")]
    assert len(attachments) == 1
    filename, content, _mimetype = attachments[0]
    assert filename.endswith(".ics")
    return icalendar.Calendar.from_ical(content)


def test_confirmation_has_text_html_and_a_valid_ics(make_event, register, mailoutbox):
    # 1 March 2027, 15:30-16:45 in Amsterdam: winter time (UTC+1). And one in summer time below.
    start = datetime(2027, 3, 1, 15, 30, tzinfo=AMSTERDAM)
    event = make_event(title="Webinar over de gids", start=start, end=start.replace(hour=16, minute=45))
    register(event)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Je bent aangemeld: Webinar over de gids"
    assert message.to == ["Anna de Vries <anna@example.org>"]
    assert "Hallo Anna de Vries," in message.body
    assert "maandag 1 maart 2027, 15.30–16.45 uur" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nl">' in html and "maandag 1 maart 2027" in html

    cal = calendar_of(message)
    assert cal["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    (vevent,) = cal.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert vevent.decoded("DTSTART") == start
    assert vevent.decoded("DTSTART").astimezone(zoneinfo.ZoneInfo("UTC")).hour == 14
    assert vevent.decoded("DTEND") == datetime(2027, 3, 1, 16, 45, tzinfo=AMSTERDAM)
    assert str(vevent["SUMMARY"]) == "Webinar over de gids"
    assert str(vevent["UID"]).startswith(f"bijeenkomst-{event.pk}@")


def test_ics_times_are_right_in_summer_time(make_event, register, mailoutbox):
    start = datetime(2027, 7, 6, 9, 0, tzinfo=AMSTERDAM)  # UTC+2
    event = make_event(start=start, end=start.replace(hour=12))
    register(event)
    (vevent,) = calendar_of(mailoutbox[0]).walk("VEVENT")
    assert vevent.decoded("DTSTART").astimezone(zoneinfo.ZoneInfo("UTC")).hour == 7
    assert vevent.decoded("DTEND").astimezone(zoneinfo.ZoneInfo("UTC")).hour == 10


def test_confirmation_of_an_online_event_carries_the_meeting_link(webinar, register, mailoutbox):
    register(webinar)
    message = mailoutbox[0]
    assert SECRET_LINK in message.body
    assert SECRET_LINK in message.alternatives[0][0]
    # Also in the participant's own calendar copy.
    (vevent,) = calendar_of(message).walk("VEVENT")
    assert SECRET_LINK in str(vevent["LOCATION"])


def test_waiting_list_notice_has_no_meeting_link_and_no_ics(make_event, register, mailoutbox):
    event = make_event(capacity=1, meeting_url=SECRET_LINK)
    register(event, "eerste@example.org")
    register(event, "tweede@example.org")
    notice = mailoutbox[1]
    assert notice.subject.startswith("Je staat op de wachtlijst:")
    assert "op plaats 1" in notice.body
    assert SECRET_LINK not in notice.body and SECRET_LINK not in notice.alternatives[0][0]
    assert not notice.attachments


def test_promotion_notice_goes_to_the_first_waiting_person(
    make_event, register, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, meeting_url=SECRET_LINK)
    first = register(event, "eerste@example.org").registration
    register(event, "tweede@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert by_recipient["Anna de Vries <eerste@example.org>"].subject.startswith("Je bent afgemeld:")
    promotion = by_recipient["Anna de Vries <tweede@example.org>"]
    assert promotion.subject.startswith("Er is een plaats voor je vrijgekomen:")
    assert SECRET_LINK in promotion.body
    calendar_of(promotion)


def test_cancel_link_in_the_email_is_signed(make_event, register, mailoutbox):
    event = make_event()
    registration = register(event).registration
    assert "/bijeenkomsten/afmelden/" in mailoutbox[0].body
    assert registration.token in mailoutbox[0].body  # signed, not hidden: the signature follows it
    link = next(line for line in mailoutbox[0].body.splitlines() if "/afmelden/" in line).strip()
    assert link.split("/afmelden/")[1].rstrip("/").startswith(registration.token + ":")


def test_a_failed_send_keeps_the_registration_and_is_retried(make_event, register, mailoutbox):
    event = make_event()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("smtp down")):
        outcome = register(event)
    assert outcome.result == "confirmed"
    delivery = EmailDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 1 and "smtp down" in delivery.last_error
    assert mailoutbox == []

    call_command("send_pending_emails", verbosity=0)
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2
    assert len(mailoutbox) == 1
    # Idempotent: a sent e-mail is never sent again.
    call_command("send_pending_emails", verbosity=0)
    assert deliver(delivery.pk) is None
    assert len(mailoutbox) == 1


def test_retrying_gives_up_after_the_maximum_attempts(make_event, register):
    event = make_event()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("down")):
        register(event)
        for _ in range(EmailDelivery.MAX_ATTEMPTS + 2):
            call_command("send_pending_emails", verbosity=0)
    assert EmailDelivery.objects.get().attempts == EmailDelivery.MAX_ATTEMPTS


def test_an_email_that_no_longer_applies_is_skipped(make_event, mailoutbox):
    event = make_event()
    (registration,) = fill(event, confirmed=1)
    delivery = EmailDelivery.objects.create(registration=registration, kind="waiting")
    assert deliver(delivery.pk) == "skipped"
    assert mailoutbox == []


def test_a_lost_pending_email_is_picked_up_later(make_event, mailoutbox):
    event = make_event()
    (registration,) = fill(event, confirmed=1)
    delivery = EmailDelivery.objects.create(registration=registration, kind="confirmation")
    EmailDelivery.objects.filter(pk=delivery.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    call_command("send_pending_emails", verbosity=0)
    assert len(mail.outbox) == 1


def test_cancelling_takes_the_appointment_out_of_the_calendar(
    make_event, register, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    registration = register(event).registration
    (booked,) = calendar_of(mailoutbox[0]).walk("VEVENT")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration)
    (message,) = mailoutbox
    cal = calendar_of(message)
    assert cal["METHOD"] == "CANCEL"
    (cancelled,) = cal.walk("VEVENT")
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["UID"] == booked["UID"]
    assert cancelled["SEQUENCE"] > booked["SEQUENCE"]
    assert "verdwijnt de afspraak" in message.body

    # Registering again brings it back, as a newer revision than the cancellation.
    mailoutbox.clear()
    register(event)
    (again,) = calendar_of(mailoutbox[0]).walk("VEVENT")
    assert again["STATUS"] == "CONFIRMED" and again["SEQUENCE"] > cancelled["SEQUENCE"]


def test_the_waiting_list_notice_offers_to_leave_the_list_not_a_seat(make_event, register, mailoutbox):
    event = make_event(capacity=1)
    register(event, "eerste@example.org")
    register(event, "tweede@example.org")
    notice = mailoutbox[1]
    for text in (notice.body, notice.alternatives[0][0]):
        assert "Wil je niet meer op de wachtlijst staan?" in text
        assert "iemand anders je plaats" not in text
    assert "/afmelden/" in notice.body


def test_someone_who_only_waited_gets_no_calendar_cancellation(
    make_event, register, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    register(event, "eerste@example.org")
    waiting = register(event, "tweede@example.org").registration
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(waiting)
    (message,) = mailoutbox
    assert "niet meer op de wachtlijst" in message.body
    assert not message.attachments


def test_the_promotion_mail_says_how_to_cancel_once(
    make_event, register, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first = register(event, "eerste@example.org").registration
    register(event, "tweede@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    (promotion,) = [m for m in mailoutbox if "tweede@example.org" in m.to[0]]
    for text in (promotion.body, promotion.alternatives[0][0]):
        assert text.count("Meld je dan af") == 1
        assert text.count("/afmelden/") == 1

"""send_event_reminders, purge_registrations and send_pending_emails: safe to run twice."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from events.models import EmailDelivery, Registration

from .conftest import SECRET_LINK, counts, fill

pytestmark = pytest.mark.django_db


def run(command, *args, **options):
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def tomorrow_event(make_event):
    start = timezone.now() + timedelta(hours=20)
    return make_event(start=start, end=start + timedelta(hours=1), meeting_url=SECRET_LINK, capacity=3)


def test_reminders_are_sent_once(tomorrow_event, make_event, mailoutbox, django_capture_on_commit_callbacks):
    confirmed = fill(tomorrow_event, confirmed=3, waiting=1)[:3]
    Registration.objects.filter(pk=confirmed[2].pk).update(status="cancelled")
    next_week = make_event(start=timezone.now() + timedelta(days=7), end=timezone.now() + timedelta(days=7, hours=1))
    fill(next_week, confirmed=2)

    with django_capture_on_commit_callbacks(execute=True):
        assert "2 in de wachtrij" in run("send_event_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 in de wachtrij" in run("send_event_reminders")

    assert len(mailoutbox) == 2
    assert {m.to[0].split("<")[1].rstrip(">") for m in mailoutbox} == {confirmed[0].email, confirmed[1].email}
    for message in mailoutbox:
        assert message.subject.startswith("Herinnering:")
        assert SECRET_LINK in message.body
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 2


def test_a_reminder_that_failed_is_retried_not_duplicated(
    tomorrow_event, mailoutbox, django_capture_on_commit_callbacks
):
    fill(tomorrow_event, confirmed=1)
    with (
        override_settings(EMAIL_BACKEND="tests.events.test_commands.BrokenBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run("send_event_reminders")
    assert EmailDelivery.objects.get().status == "failed"
    run("send_event_reminders")
    run("send_pending_emails")
    run("send_pending_emails")
    assert len(mailoutbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


def test_purge_removes_personal_data_and_keeps_the_counts(make_event, mailoutbox):
    long_ago = timezone.now() - timedelta(days=100)
    old = make_event(start=long_ago, end=long_ago + timedelta(hours=2), capacity=2)
    recent_past = make_event(
        start=timezone.now() - timedelta(days=10), end=timezone.now() - timedelta(days=10, hours=-1)
    )
    upcoming = make_event()
    *_people, cancelled = fill(old, confirmed=2, waiting=2)
    Registration.objects.filter(pk=cancelled.pk).update(status="cancelled")
    fill(recent_past, confirmed=1)
    fill(upcoming, confirmed=1)
    before = counts(old)
    old_registration = Registration.objects.filter(event=old).first()
    EmailDelivery.objects.create(registration=old_registration, kind="confirmation")

    assert "4 aanmelding(en) geanonimiseerd" in run("purge_registrations")
    assert counts(old) == before
    for registration in Registration.objects.filter(event=old):
        assert registration.name == "Verwijderd"
        assert registration.email.endswith("@anoniem.invalid")
        assert registration.organisation == registration.role == ""
        assert registration.anonymised_at is not None
    assert not EmailDelivery.objects.filter(registration__event=old).exists()
    # Recent events are left alone.
    assert not Registration.objects.filter(event__in=[recent_past, upcoming], anonymised_at__isnull=False).exists()
    # Twice is safe.
    assert "0 aanmelding(en) geanonimiseerd" in run("purge_registrations")
    assert counts(old) == before


def test_purge_follows_the_retention_setting(make_event):
    past = make_event(start=timezone.now() - timedelta(days=10), end=timezone.now() - timedelta(days=10, hours=-1))
    (registration,) = fill(past, confirmed=1)
    with override_settings(EVENT_REGISTRATION_RETENTION_DAYS=5):
        assert "1 aanmelding(en) zouden" in run("purge_registrations", "--dry-run")
        registration.refresh_from_db()
        assert registration.anonymised_at is None and registration.name != "Verwijderd"  # a dry run changes nothing
        run("purge_registrations")
    registration.refresh_from_db()
    assert registration.name == "Verwijderd" and registration.anonymised_at is not None


def test_an_anonymised_cancel_link_no_longer_works(make_event, client):
    from events.emails import cancel_token

    long_ago = timezone.now() - timedelta(days=100)
    event = make_event(start=long_ago, end=long_ago + timedelta(hours=1))
    (registration,) = fill(event, confirmed=1)
    url = f"/bijeenkomsten/afmelden/{cancel_token(registration)}/"
    run("purge_registrations")
    assert client.get(url).status_code == 404

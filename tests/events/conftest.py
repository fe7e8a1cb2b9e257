from datetime import timedelta

from django.utils import timezone

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory, SpeakerFactory
from events.models import Registration

SECRET_LINK = "https://vergaderen.example.org/geheim-testlink-Zq81x"


@pytest.fixture
def event_index(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def make_event(event_index):
    """An upcoming online event under the index; keyword arguments override the factory's."""

    def make(**kwargs):
        kwargs.setdefault("parent", event_index)
        return EventPageFactory(**kwargs)

    return make


@pytest.fixture
def webinar(make_event):
    hans = SpeakerFactory(name="Hans van der Heijden", organisation="Gemeente Rotterdam")
    enrico = SpeakerFactory(name="Enrico Kraijo", organisation="VPNG")
    return make_event(
        title="Webinar: voorproefje van de Inspiratiegids",
        slug="webinar-voorproefje",
        meeting_url=SECRET_LINK,
        capacity=100,
        perspectives=["besturen", "leren"],
        speakers=[hans, enrico],
    )


def fill(event, confirmed=0, waiting=0):
    """Registrations straight in the database, oldest first (no e-mail)."""
    start = timezone.now() - timedelta(days=1)
    people = []
    for n in range(confirmed + waiting):
        is_confirmed = n < confirmed
        people.append(
            RegistrationFactory(
                event=event,
                status=Registration.Status.CONFIRMED if is_confirmed else Registration.Status.WAITING,
                confirmed_at=start if is_confirmed else None,
                queued_at=start + timedelta(minutes=n),
            )
        )
    return people


def counts(event):
    rows = Registration.objects.filter(event=event).values_list("status", flat=True)
    return {status: list(rows).count(status) for status in Registration.Status.values}


@pytest.fixture
def post_registration(client, django_capture_on_commit_callbacks):
    """Register through the public form, as a visitor would."""

    def post(event, **data):
        values = {"name": "Anna de Vries", "email": "anna@example.org", "organisation": "Gemeente", "privacy": "on"}
        values.update(data)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(event.url + "aanmelden/", values)
        assert response.status_code == 303, response.content.decode()[:2000]
        return response

    return post

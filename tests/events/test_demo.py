"""events.demo: the events part of the demo site, safe to load twice."""

from django.utils import timezone

import pytest

from events.demo import booklet_presented, load_event_demo
from events.models import EventIndexPage, EventPage, Registration, Speaker

pytestmark = pytest.mark.django_db

PAST = {"webinar-voorproefje-inspiratiegids", "startbijeenkomst-vier-invalshoeken"}


def test_demo_events_load_twice_without_changes(home, client):
    steps = []
    first = load_event_demo(home, steps.append)
    assert first["nieuw"] == 8  # the index and seven events
    assert "sprekers" in steps and "webinar-voorproefje-inspiratiegids" in steps
    second = load_event_demo(home)
    assert second == {"ongewijzigd": 8}
    assert EventIndexPage.objects.get().show_in_menus
    assert Speaker.objects.count() == 4

    webinar = EventPage.objects.get(slug="webinar-voorproefje-inspiratiegids")
    assert webinar.event_type == "webinar" and webinar.is_online
    assert [s.name for s in webinar.speakers] == ["Hans van der Heijden", "Enrico Kraijo"]
    assert webinar.meeting_url and webinar.meeting_url not in client.get(webinar.url).content.decode()

    mastermind = EventPage.objects.get(slug="mastermind-opgavemanagers")
    assert mastermind.capacity == 8
    statuses = list(Registration.objects.filter(event=mastermind).values_list("status", flat=True))
    assert statuses.count("confirmed") == 8 and statuses.count("waiting") == 3
    assert "Vol" in client.get(mastermind.url).content.decode()

    start = EventPage.objects.get(slug="startbijeenkomst-vier-invalshoeken")
    assert start.recording_url and start.slides.count() == 1 and start.report
    assert set(EventPage.objects.past()) == {webinar, start}
    assert all(event.recording_url for event in EventPage.objects.past())

    upcoming = EventPage.objects.upcoming()
    covered = {p.slug for event in upcoming for p in event.perspectives.all()}
    assert covered == {"besturen", "sturen", "presteren", "leren"}
    assert client.get("/bijeenkomsten/").status_code == 200
    assert client.get("/bijeenkomsten/afgelopen/").status_code == 200


def test_the_demo_story_runs_in_order_on_any_day(home):
    """The preview webinar, then the booklet's presentation, then the first meeting: all before today."""
    load_event_demo(home)
    today = timezone.localdate()
    presented = booklet_presented(today)
    day = {event.slug: timezone.localdate(event.start) for event in EventPage.objects.all()}
    assert day["webinar-voorproefje-inspiratiegids"] < presented < day["startbijeenkomst-vier-invalshoeken"] < today
    assert min(day for slug, day in day.items() if slug not in PAST) > today
    assert {day[slug].weekday() for slug in PAST} == {3}  # on Thursdays, not in a weekend

"""The event index (upcoming and past), its filters, and the upcoming-events block for other pages."""

from datetime import timedelta

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from events.factories import SpeakerFactory
from events.models import EventPage
from knowledge.models import Perspective

from .conftest import fill

pytestmark = pytest.mark.django_db


def titles(response):
    html = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text(strip=True) for a in html.select(".event-list .case-card__link")]


def past(days):
    start = timezone.now() - timedelta(days=days)
    return {"start": start, "end": start + timedelta(hours=2)}


def soon(days):
    start = timezone.now() + timedelta(days=days)
    return {"start": start, "end": start + timedelta(hours=2)}


@pytest.fixture
def agenda(make_event):
    make_event(title="Over drie dagen", event_type="bijeenkomst", perspectives=["besturen"], **soon(3))
    make_event(title="Morgen", event_type="webinar", perspectives=["leren", "sturen"], **soon(1))
    make_event(title="Over een maand", event_type="mastermind", perspectives=["leren"], capacity=8, **soon(30))
    make_event(title="Vorige week", event_type="webinar", perspectives=["leren"], **past(7))
    make_event(title="Vorig jaar", event_type="masterclass", perspectives=["sturen"], **past(300))
    draft = make_event(title="Concept", **soon(2))
    draft.unpublish()


def test_upcoming_in_date_order_and_past_on_their_own(agenda, client):
    assert titles(client.get("/bijeenkomsten/")) == ["Morgen", "Over drie dagen", "Over een maand"]
    response = client.get("/bijeenkomsten/afgelopen/")
    assert response.status_code == 200
    assert titles(response) == ["Vorige week", "Vorig jaar"]
    assert "Afgelopen bijeenkomsten" in BeautifulSoup(response.content, "html.parser").h1.get_text()


def test_an_event_in_progress_is_still_upcoming(make_event, client):
    make_event(title="Nu bezig", start=timezone.now() - timedelta(minutes=30), end=timezone.now() + timedelta(hours=1))
    assert titles(client.get("/bijeenkomsten/")) == ["Nu bezig"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?invalshoek=leren", ["Morgen", "Over een maand"]),
        ("?type=webinar", ["Morgen"]),
        ("?invalshoek=leren&type=mastermind", ["Over een maand"]),
        ("?invalshoek=besturen&invalshoek=sturen", ["Morgen", "Over drie dagen"]),
        ("?type=webinar&type=bijeenkomst", ["Morgen", "Over drie dagen"]),
    ],
)
def test_filters_by_perspective_and_type(agenda, client, query, expected):
    response = client.get("/bijeenkomsten/" + query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_filters_apply_to_past_events_too(agenda, client):
    assert titles(client.get("/bijeenkomsten/afgelopen/?invalshoek=sturen")) == ["Vorig jaar"]


def test_facet_counts_ignore_their_own_selection(agenda, client):
    html = BeautifulSoup(client.get("/bijeenkomsten/?type=webinar").content, "html.parser")
    label = html.select_one("label[for=filter-type-bijeenkomst]").get_text(" ", strip=True)
    assert label == "Bijeenkomst (1)"
    assert html.select_one("#filter-type-webinar").has_attr("checked")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?type=feest", "Onbekende waarde voor soort bijeenkomst: feest"),
        ("?invalshoek=17", "Onbekende waarde voor invalshoek: 17"),
        ("?invalshoek=" + "x" * 5000, "Onbekende waarde voor invalshoek"),
        ("?page=twee", "Het paginanummer moet een positief geheel getal zijn."),
        ("?page=-1", "Het paginanummer moet een positief geheel getal zijn."),
        ("?page=99999999999999999999", "Deze pagina bestaat niet"),
    ],
)
def test_bad_filter_values_get_a_dutch_message(agenda, client, query, message):
    response = client.get("/bijeenkomsten/" + query)
    assert response.status_code in (400, 404)
    alert = BeautifulSoup(response.content, "html.parser").select_one(".utrecht-alert").get_text(" ", strip=True)
    assert message in alert
    assert len(alert) < 1000


def test_pagination(make_event, client):
    for n in range(15):
        make_event(title=f"Bijeenkomst {n:02d}", **soon(n + 1))
    assert len(titles(client.get("/bijeenkomsten/"))) == 12
    second = client.get("/bijeenkomsten/?page=2")
    assert titles(second) == ["Bijeenkomst 12", "Bijeenkomst 13", "Bijeenkomst 14"]


def test_card_says_when_an_event_is_full(make_event, client):
    full = make_event(title="Vol", capacity=2)
    fill(full, confirmed=2, waiting=1)
    make_event(title="Ruimte", capacity=10)
    text = client.get("/bijeenkomsten/").content.decode()
    assert "Vol: aanmelden voor de wachtlijst" in text
    assert "Nog 10 plaatsen vrij" in text


def test_event_slug_may_not_shadow_the_index_routes(make_event):
    event = make_event()
    event.slug = "afgelopen"
    with pytest.raises(Exception, match="gereserveerd"):
        event.full_clean()


def make_many(make_event, count):
    perspectives = list(Perspective.objects.all())
    speaker = SpeakerFactory()
    for n in range(count):
        event = make_event(
            title=f"Bijeenkomst {n}",
            perspectives=[perspectives[n % 4], perspectives[(n + 1) % 4]],
            speakers=[speaker],
            capacity=5,
            **soon(n + 1),
        )
        fill(event, confirmed=n % 6, waiting=1 if n % 6 == 5 else 0)
        past_event = make_event(title=f"Afgelopen {n}", perspectives=[perspectives[n % 4]], **past(n + 1))
        fill(past_event, confirmed=1)


def count_queries(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(titles(response))


URLS = ["/bijeenkomsten/", "/bijeenkomsten/?invalshoek=leren&type=webinar", "/bijeenkomsten/afgelopen/"]


def test_query_count_does_not_grow_with_the_number_of_events(make_event, client, django_db_blocker):
    make_many(make_event, 5)
    few = {url: count_queries(client, url) for url in URLS}
    make_many(make_event, 45)
    many = {url: count_queries(client, url) for url in URLS}
    print("\nqueries (5 events -> 50 events):", {url: (few[url][0], many[url][0]) for url in URLS})
    for url in URLS:
        assert few[url][0] == many[url][0], f"{url}: {few[url][0]} queries with 5 events, {many[url][0]} with 50"
    assert many["/bijeenkomsten/"][1] == 12  # a full page of cards was rendered


def render_block(template, **context):
    request = RequestFactory().get("/")
    return Template("{% load event_tags %}" + template).render(Context({"request": request, **context}))


def test_upcoming_events_block_for_home_and_chapter(agenda, home):
    html = render_block("{% upcoming_events %}")
    assert [a.get_text(strip=True) for a in BeautifulSoup(html, "html.parser").select(".case-card__link")] == [
        "Morgen",
        "Over drie dagen",
        "Over een maand",
    ]
    assert "Bekijk alle bijeenkomsten" in html
    leren = Perspective.objects.get(slug="leren")
    html = render_block("{% upcoming_events perspective=perspective limit=5 %}", perspective=leren)
    cards = [a.get_text(strip=True) for a in BeautifulSoup(html, "html.parser").select(".case-card__link")]
    assert cards == ["Morgen", "Over een maand"]
    assert 'href="/bijeenkomsten/?invalshoek=leren"' in html
    presteren = Perspective.objects.get(slug="presteren")
    html = render_block("{% upcoming_events perspective=perspective %}", perspective=presteren)
    assert "geen bijeenkomsten over Opgavegericht presteren gepland" in html


def test_upcoming_events_block_has_a_fixed_query_count(make_event):
    make_many(make_event, 3)
    render_block("{% upcoming_events %}")
    with CaptureQueriesContext(connection) as few:
        render_block("{% upcoming_events limit=10 %}")
    make_many(make_event, 20)
    with CaptureQueriesContext(connection) as many:
        render_block("{% upcoming_events limit=10 %}")
    assert len(few) == len(many)


def test_queryset_helpers(agenda):
    assert [e.title for e in EventPage.objects.upcoming()] == ["Morgen", "Over drie dagen", "Over een maand"]
    assert [e.title for e in EventPage.objects.past()] == ["Vorige week", "Vorig jaar"]
    leren = Perspective.objects.get(slug="leren")
    assert [e.title for e in EventPage.objects.upcoming().for_perspective(leren)] == ["Morgen", "Over een maand"]

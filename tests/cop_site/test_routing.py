"""The home page routes an address with one url_path query (HomePage.route); it must answer as
Wagtail's own routing, level by level, would."""

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from cop_site.models import StandardPage
from events.factories import EventIndexPageFactory, EventPageFactory, days_from_now

pytestmark = pytest.mark.django_db


def heading(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("h1").get_text(strip=True)


@pytest.fixture
def event_index(home):
    return EventIndexPageFactory(parent=home)


def test_pages_at_every_depth_are_found(client, guide, case_index):
    assert heading(client.get("/inspiratiegids/")) == "Inspiratiegids Opgavegericht Werken"
    assert heading(client.get("/inspiratiegids/leren/")) == "Opgavegericht leren"
    about = StandardPage(title="Over ons", slug="over-ons")
    guide.get_parent().add_child(instance=about)
    about.add_child(instance=StandardPage(title="Bestuur", slug="bestuur"))
    assert heading(client.get("/over-ons/bestuur/")) == "Bestuur"


def test_unknown_addresses_are_not_found(client, guide):
    for url in ("/bestaat-niet/", "/inspiratiegids/bestaat-niet/", "/inspiratiegids/leren/bestaat/niet/"):
        assert client.get(url).status_code == 404, url


def test_an_unpublished_page_is_not_found_but_its_live_children_are(client, home):
    parent = home.add_child(instance=StandardPage(title="Concept", slug="concept"))
    parent.add_child(instance=StandardPage(title="Onderdeel", slug="onderdeel"))
    parent.unpublish()
    assert client.get("/concept/").status_code == 404
    # As with Wagtail's own routing: a page is served when it is live, whatever its parent is.
    assert heading(client.get("/concept/onderdeel/")) == "Onderdeel"


def test_the_event_list_serves_its_own_addresses(client, event_index):
    EventPageFactory(parent=event_index, title="Komt nog", start=days_from_now(5))
    assert heading(client.get("/bijeenkomsten/")) == "Bijeenkomsten"
    assert heading(client.get("/bijeenkomsten/afgelopen/")) == "Afgelopen bijeenkomsten"
    assert client.get("/bijeenkomsten/afgelopen/extra/").status_code == 404


def test_event_pages_and_their_own_addresses_are_found(client, event_index):
    event = EventPageFactory(parent=event_index, title="Leren van elkaar", slug="leren-van-elkaar")
    assert heading(client.get("/bijeenkomsten/leren-van-elkaar/")) == "Leren van elkaar"
    assert client.get("/bijeenkomsten/leren-van-elkaar/agenda.ics").status_code == 200
    assert client.get("/bijeenkomsten/leren-van-elkaar/aanmelden/").status_code == 200
    assert client.get("/bijeenkomsten/leren-van-elkaar/bestaat-niet/").status_code == 404
    event.unpublish()
    assert client.get("/bijeenkomsten/leren-van-elkaar/").status_code == 404


def test_a_private_page_asks_for_the_password(client, home):
    private = home.add_child(instance=StandardPage(title="Alleen voor leden", slug="leden"))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    response = client.get("/leden/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content.decode(), "html.parser").find("input", {"name": "password"})

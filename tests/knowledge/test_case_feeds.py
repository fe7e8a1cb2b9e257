"""The RSS and Atom feeds of new practice cases at /praktijkvoorbeelden/rss/ and atom/.

Each feed is fetched through the test client and read with feedparser, as a feed reader would:
the format it recognises, the items in their order, their links (followed with the client), the
perspective filter, and what must never be in it (drafts, cases in a private section).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from wagtail.models import PageViewRestriction

import feedparser
import pytest
from bs4 import BeautifulSoup

from knowledge.factories import PracticeCasePageFactory
from knowledge.feeds import FEED_LIMIT
from knowledge.models import Perspective

pytestmark = pytest.mark.django_db

FEEDS = {"rss/": "rss20", "atom/": "atom10"}


@pytest.fixture
def names(db):
    """{slug: name} of the perspectives (a data migration makes them)."""
    return dict(Perspective.objects.values_list("slug", "name"))


@pytest.fixture
def cases(case_index):
    """Three live cases published a day apart (oldest first), a draft and a case in a private section."""
    now = timezone.now()
    made = {}
    for days, title, perspectives in (
        (3, "Wijkaanpak met bewoners", ["leren", "sturen"]),
        (2, "Energieopgave Gelderland", ["besturen"]),
        (1, "Dijkversterking samen", ["presteren", "besturen"]),
    ):
        case = PracticeCasePageFactory(
            parent=case_index, title=title, summary=f"Samenvatting van {title}.", perspectives=perspectives
        )
        case.first_published_at = now - timedelta(days=days)
        case.save(update_fields=["first_published_at"])
        made[title] = case
    PracticeCasePageFactory(parent=case_index, title="Conceptvoorbeeld", live=False, perspectives=["besturen"])
    private = PracticeCasePageFactory(parent=case_index, title="Besloten voorbeeld", perspectives=["besturen"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return made


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize("route, version", FEEDS.items())
def test_the_feed_lists_live_public_cases_newest_first(client, case_index, cases, names, route, version):
    response, feed = read(client, case_index.url + route)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title == case_index.title
    assert [entry.title for entry in feed.entries] == [
        "Dijkversterking samen",
        "Energieopgave Gelderland",
        "Wijkaanpak met bewoners",
    ]
    newest = feed.entries[0]
    assert newest.summary == "Samenvatting van Dijkversterking samen."
    assert {tag.term for tag in newest.tags} == {names["presteren"], names["besturen"]}
    assert newest.id == f"urn:uuid:{cases['Dijkversterking samen'].translation_key}"
    published = newest.published_parsed
    expected = cases["Dijkversterking samen"].first_published_at.utctimetuple()
    assert published[:6] == tuple(expected)[:6]


@pytest.mark.parametrize("route", FEEDS)
def test_every_link_is_absolute_and_opens_the_case(client, case_index, cases, route):
    _response, feed = read(client, case_index.url + route)
    assert len(feed.entries) == 3
    for entry in feed.entries:
        parts = urlsplit(entry.link)
        assert parts.scheme == "http" and parts.netloc, entry.link
        page = client.get(parts.path)
        assert page.status_code == 200
        assert BeautifulSoup(page.content.decode(), "html.parser").h1.get_text(strip=True) == entry.title


@pytest.mark.parametrize("route", FEEDS)
def test_the_guid_stays_when_a_case_is_renamed(client, case_index, cases, route):
    case = cases["Wijkaanpak met bewoners"]
    _response, before = read(client, case_index.url + route)
    case.title, case.slug = "Wijkaanpak, herzien", "wijkaanpak-herzien"
    case.save_revision().publish()
    _response, after = read(client, case_index.url + route)
    assert {e.id for e in before.entries} == {e.id for e in after.entries}
    assert "Wijkaanpak, herzien" in [e.title for e in after.entries]


@pytest.mark.parametrize("route", FEEDS)
def test_a_perspective_narrows_the_feed(client, case_index, cases, names, route):
    _response, feed = read(client, case_index.url + route + "?invalshoek=besturen")
    assert [entry.title for entry in feed.entries] == ["Dijkversterking samen", "Energieopgave Gelderland"]
    assert feed.feed.title == f"{case_index.title}, invalshoek {names['besturen']}"
    assert feed.feed.link.endswith("/praktijkvoorbeelden/?invalshoek=besturen")

    # Two perspectives: cases with either, each once.
    _response, feed = read(client, case_index.url + route + "?invalshoek=leren&invalshoek=presteren")
    assert [entry.title for entry in feed.entries] == ["Dijkversterking samen", "Wijkaanpak met bewoners"]


@pytest.mark.parametrize("route", FEEDS)
def test_an_unknown_perspective_is_a_dutch_400(client, case_index, cases, route):
    response = client.get(case_index.url + route, {"invalshoek": ["besturen", "bestuuren"]})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Onbekende invalshoek: bestuuren" in text
    assert "besturen, sturen, presteren, leren" in text


def test_the_feed_holds_a_fixed_number_of_cases(client, case_index):
    for n in range(FEED_LIMIT + 3):
        PracticeCasePageFactory(parent=case_index, title=f"Voorbeeld {n}", perspectives=["leren"])
    _response, feed = read(client, case_index.url + "rss/")
    assert len(feed.entries) == FEED_LIMIT
    assert feed.entries[0].title == f"Voorbeeld {FEED_LIMIT + 2}"


def test_an_empty_feed_is_still_a_valid_feed(client, case_index):
    _response, feed = read(client, case_index.url + "atom/")
    assert not feed.bozo
    assert feed.entries == []


def test_the_case_list_announces_and_links_its_feeds(client, case_index, cases):
    html = BeautifulSoup(client.get(case_index.url).content.decode(), "html.parser")
    alternates = {(link["type"], link["href"]) for link in html.select('head link[rel="alternate"]')}
    assert alternates == {
        ("application/rss+xml", case_index.url + "rss/"),
        ("application/atom+xml", case_index.url + "atom/"),
    }
    visible = [a["href"] for a in html.select(".case-feeds a")]
    assert visible == [case_index.url + "rss/", case_index.url + "atom/"]
    for href in visible:
        assert client.get(href).status_code == 200


def test_a_filtered_case_list_announces_the_feed_of_its_perspective(client, case_index, cases, names):
    html = BeautifulSoup(client.get(case_index.url + "?invalshoek=sturen&invalshoek=onbekend").content, "html.parser")
    titles = {link["title"]: link["href"] for link in html.select('head link[rel="alternate"]')}
    scoped = f"{case_index.title}, invalshoek {names['sturen']}"
    assert titles[f"{scoped} (RSS)"] == case_index.url + "rss/?invalshoek=sturen"
    assert titles[f"{scoped} (Atom)"] == case_index.url + "atom/?invalshoek=sturen"
    assert len(titles) == 4
    _response, feed = read(client, titles[f"{scoped} (RSS)"])
    assert [entry.title for entry in feed.entries] == ["Wijkaanpak met bewoners"]


def test_the_case_list_keeps_its_status_for_bad_input(client, case_index, cases):
    assert client.get(case_index.url, {"jaar": "twintig"}).status_code == 400
    assert client.get(case_index.url, {"page": "9"}).status_code == 404
    assert client.get(case_index.url, {"invalshoek": "onbekend"}).status_code == 200


def test_the_feeds_of_a_private_case_list_are_not_public(client, case_index, cases):
    PageViewRestriction.objects.create(page=case_index, restriction_type=PageViewRestriction.LOGIN)
    for route in FEEDS:
        response = client.get(case_index.url + route)
        assert response.status_code == 302
        assert "Wijkaanpak" not in response.content.decode()

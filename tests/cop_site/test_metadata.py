"""What search engines and link previews read: every public page has a meta description, OpenGraph
and Twitter-card tags, and the page types with schema.org data give valid JSON-LD (checked against
schema.org's published vocabulary), which never holds an event's meeting link."""

import io
import json
from datetime import timedelta

from django.utils import timezone

import PIL.Image
import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from cop_site.factories import StandardPageFactory
from core.models import SiteSettings
from core.structured_data import DESCRIPTION_LENGTH, description
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory, SpeakerFactory
from events.models import EventPage
from knowledge.factories import DefinitionFactory
from knowledge.models import Perspective
from tests.schema_org import problems

pytestmark = pytest.mark.django_db

OG_PROPERTIES = {"og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale"}


class Head:
    """The metadata in a page's head, read as a crawler reads it."""

    def __init__(self, response):
        self.html = response.content.decode()
        soup = BeautifulSoup(self.html, "html.parser")
        tag = soup.head.find("meta", attrs={"name": "description"})
        self.description = tag["content"] if tag else None
        self.og = {tag["property"]: tag["content"] for tag in soup.head.find_all("meta", property=True)}
        self.twitter = {tag["name"]: tag["content"] for tag in soup.head.find_all("meta", attrs={"name": True})}
        self.scripts = soup.find_all("script", type="application/ld+json")
        self.json_ld = [json.loads(script.string) for script in self.scripts]

    def items(self):
        """Every top-level schema.org item, from a @graph too."""
        return [item for data in self.json_ld for item in data.get("@graph", [data])]

    def one(self, schema_type):
        [item] = [item for item in self.items() if item.get("@type") == schema_type]
        return item


def head_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return Head(response)


def assert_valid(head):
    assert head.json_ld, "no JSON-LD"
    for data in head.json_ld:
        assert data["@context"] == "https://schema.org"
        assert problems(data) == []


@pytest.fixture
def site_settings(home):
    settings = SiteSettings.for_site(home.get_site())
    settings.organisation_name = "Vereniging Testbureaus"
    settings.about = "Wij verbinden de projectbureaus van gemeenten en provincies."
    settings.save()
    return settings


@pytest.fixture
def event_index(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def pages(corpus, event_index, site_settings, home, glossary):
    """One page of every public type, by name."""
    return {
        "home": home,
        "guide": corpus["chapters"]["besturen"].get_parent().specific,
        "chapter": corpus["chapters"]["besturen"],
        "building block": corpus["block"],
        "glossary": glossary,
        "case list": corpus["cases"]["wijk"].get_parent().specific,
        "case": corpus["cases"]["wijk"],
        "event list": event_index,
        "event": EventPageFactory(parent=event_index, speakers=[SpeakerFactory()]),
        "standard page": StandardPageFactory(parent=home),
    }


def test_the_vocabulary_check_can_fail():
    """The checker itself: an unknown type, a property of another type and an unknown member fail."""
    assert problems({"@type": "Article", "headline": "Kop"}) == []
    assert problems({"@type": "Artikel"}) == ["$: @type Artikel is no schema.org class"]
    assert problems({"@type": "Article", "startDate": "2026-01-01"}) == ["$: startDate is not a property of Article"]
    assert problems({"@type": "Event", "eventStatus": "https://schema.org/EventSoon"}) == [
        "$.eventStatus: https://schema.org/EventSoon is no schema.org term"
    ]
    # A property of a supertype is fine: name is Thing's.
    assert problems({"@type": "Event", "name": "Webinar"}) == []


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "guide",
        "chapter",
        "building block",
        "glossary",
        "case list",
        "case",
        "event list",
        "event",
        "standard page",
    ],
)
def test_every_page_type_has_a_description_and_sharing_tags(client, pages, name, settings):
    page = pages[name]
    head = head_of(client, page.url)
    assert head.description and len(head.description) <= DESCRIPTION_LENGTH
    assert "<" not in head.description
    assert set(head.og) >= OG_PROPERTIES
    assert head.og["og:description"] == head.description
    assert head.og["og:title"] == page.title
    assert head.og["og:url"] == settings.WAGTAILADMIN_BASE_URL + page.url
    assert head.og["og:locale"] == "nl_NL"
    assert head.og["og:site_name"] == "Test"
    assert head.twitter["twitter:card"] == "summary"
    for data in head.json_ld:
        assert problems(data) == []


@pytest.mark.parametrize(
    ("url", "title"),
    [("/zoeken/", "Zoeken"), ("/account/login/", "Je account"), ("/account/signup/", "Je account")],
)
def test_views_without_a_page_describe_themselves(client, home, url, title):
    head = head_of(client, url)
    assert head.og["og:title"] == title
    assert len(head.description) > 40
    assert head.og["og:url"].endswith(url)


def test_a_missing_page_and_the_past_events_have_a_description(client, home, event_index):
    assert "bestaat niet" in head_of(client, "/bestaat-niet/", status=404).description
    past = head_of(client, event_index.url + "afgelopen/")
    assert past.description == "Webinars, bijeenkomsten, masterclasses en mastermindgroepen."
    assert past.og["og:url"].endswith("/bijeenkomsten/afgelopen/")


def test_the_description_prefers_the_search_description_and_is_cut_at_a_word(
    client, corpus, django_capture_on_commit_callbacks
):
    case = corpus["cases"]["wijk"]
    case.summary = "Bewoners en gemeente " + "werken samen aan een leefbare wijk " * 10
    case.save_revision().publish()
    text = head_of(client, case.url).description
    assert len(text) <= DESCRIPTION_LENGTH and text.endswith("…")
    assert case.summary.startswith(text[:-1]) and case.summary[len(text) - 1] == " "

    case.search_description = "Een korte <b>eigen</b> omschrijving voor zoekmachines."
    with django_capture_on_commit_callbacks(execute=True):  # the publish bumps the content version
        case.save_revision().publish()
    assert head_of(client, case.url).description == "Een korte eigen omschrijving voor zoekmachines."


def test_rich_text_becomes_plain_text():
    assert description("<p>Één &amp; twee,&nbsp;<a href='/x/'>drie</a></p>") == "Één & twee, drie"
    assert description("", None, "<p> </p>", "reserve") == "reserve"


def test_chapters_and_building_blocks_are_articles_about_their_perspective(client, pages, site_settings):
    pages["chapter"].save_revision().publish()
    chapter = head_of(client, pages["chapter"].url)
    assert_valid(chapter)
    article = chapter.one("Article")
    assert article["headline"] == pages["chapter"].title
    assert article["about"] == [{"@type": "Thing", "name": pages["chapter"].perspective.name}]
    assert article["publisher"]["name"] == article["author"]["name"] == "Vereniging Testbureaus"
    assert article["inLanguage"] == "nl"
    assert article["url"].endswith(pages["chapter"].url)
    assert article["datePublished"] and article["dateModified"]
    assert chapter.og["og:type"] == "article"

    block = head_of(client, pages["building block"].url).one("Article")
    assert block["about"] == [{"@type": "Thing", "name": Perspective.objects.get(slug="leren").name}]


def test_a_case_is_an_article_with_its_image(client, pages, on_disk):
    case = pages["case"]
    picture = io.BytesIO()
    PIL.Image.new("RGB", (1600, 900), "#1e6b3a").save(picture, "PNG")
    case.image = ImageFactory(file__from_file=picture, file__filename="wijk.png")
    case.save_revision().publish()
    head = head_of(client, case.url)
    assert_valid(head)
    article = head.one("Article")
    perspectives = Perspective.objects.filter(slug__in=["leren", "sturen"])
    assert sorted(about["name"] for about in article["about"]) == sorted(p.name for p in perspectives)
    assert article["image"].startswith("http") and article["image"].endswith(".png")
    assert head.og["og:image"] == article["image"]


def test_a_title_cannot_break_out_of_the_script(client, corpus):
    case = corpus["cases"]["wijk"]
    case.title = "</script><script>alert(1)</script>"
    case.save_revision().publish()
    head = head_of(client, case.url)
    assert "<script>alert(1)" not in head.html
    assert len(head.scripts) == 1
    assert head.one("Article")["headline"] == "</script><script>alert(1)</script>"


def test_the_glossary_is_a_defined_term_set(client, glossary, site_settings):
    DefinitionFactory(term="Opgave", slug="opgave", definition="<p>Een <i>maatschappelijke</i> uitdaging.</p>")
    DefinitionFactory(term="Programma", synonyms="programmatisch werken, programmaring")
    head = head_of(client, glossary.url)
    assert_valid(head)
    terms = {term["name"]: term for term in head.one("DefinedTermSet")["hasDefinedTerm"]}
    assert terms["Opgave"]["description"] == "Een maatschappelijke uitdaging."
    assert terms["Opgave"]["url"].endswith(glossary.url + "#opgave")
    assert terms["Programma"]["alternateName"] == ["programmatisch werken", "programmaring"]


def test_the_home_page_names_the_website_and_the_association(client, pages):
    head = head_of(client, pages["home"].url)
    assert_valid(head)
    assert head.one("WebSite")["name"] == "Test"
    assert head.one("Organization")["name"] == "Vereniging Testbureaus"
    assert "/zoeken/?q={zoekterm}" in head.one("WebSite")["potentialAction"]["target"]["urlTemplate"]


def test_an_online_event(client, event_index, site_settings):
    speaker = SpeakerFactory(name="Hans Spreker", role="Programmamanager", organisation="Gemeente Ede")
    event = EventPageFactory(parent=event_index, speakers=[speaker], capacity=None)
    head = head_of(client, event.url)
    assert_valid(head)
    data = head.one("Event")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "VirtualLocation", "url": head.og["og:url"]}
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["offers"]["price"] == 0 and data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["url"].endswith(event.url + "aanmelden/")
    assert data["organizer"]["name"] == "Vereniging Testbureaus"
    assert data["performer"] == [
        {
            "@type": "Person",
            "name": "Hans Spreker",
            "jobTitle": "Programmamanager",
            "affiliation": {"@type": "Organization", "name": "Gemeente Ede"},
        }
    ]
    start = timezone.localtime(event.start)
    assert data["startDate"] == start.isoformat(timespec="seconds")
    assert data["startDate"][-6:] in {"+01:00", "+02:00"}


def test_the_meeting_link_is_nowhere_on_the_public_event_page(client, event_index):
    event = EventPageFactory(parent=event_index)
    assert event.meeting_url
    for url in (event.url, event.url + "aanmelden/", event_index.url):
        response = client.get(url)
        assert response.status_code == 200
        assert event.meeting_url not in response.content.decode(), url
        assert "vergaderen.example.org" not in json.dumps(Head(response).json_ld)


def test_an_event_on_location_with_seats(client, event_index, django_capture_on_commit_callbacks):
    event = EventPageFactory(
        parent=event_index,
        attendance=EventPage.Attendance.LOCATION,
        location_name="Stadskantoor",
        address="Voorbeeldstraat 12\n8011 AA Zwolle",
        capacity=2,
        registration_opens=timezone.now() - timedelta(days=1),
    )
    RegistrationFactory(event=event)
    data = head_of(client, event.url).one("Event")
    assert problems(data) == []
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Stadskantoor",
        "address": "Voorbeeldstraat 12, 8011 AA Zwolle",
    }
    assert data["offers"]["availability"] == "https://schema.org/LimitedAvailability"

    with django_capture_on_commit_callbacks(execute=True):  # the last seat: a registration purges the cache
        RegistrationFactory(event=event)
    assert head_of(client, event.url).one("Event")["offers"]["availability"] == "https://schema.org/SoldOut"


def test_an_event_sub_route_describes_its_event(client, event_index):
    event = EventPageFactory(parent=event_index, intro="Een middag over de <b>opgave</b> en het bestuur.")
    head = head_of(client, event.url + "aanmelden/")
    assert head.description == "Een middag over de opgave en het bestuur."
    assert head.og["og:url"].endswith(event.url + "aanmelden/")


def test_a_preview_shows_the_draft_and_is_not_kept(client, corpus):
    block = corpus["block"]
    assert head_of(client, block.url).og["og:title"] == "Intervisie"  # now in the cache
    block.title = "Intervisie in concept"
    preview = Head(block.make_preview_request())
    assert preview.og["og:title"] == "Intervisie in concept"
    assert preview.one("Article")["headline"] == "Intervisie in concept"
    assert head_of(client, block.url).og["og:title"] == "Intervisie"

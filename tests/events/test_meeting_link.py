"""The private meeting link never leaves the e-mails to confirmed participants.

Not on the public page, the form or the confirmation page; not in the .ics files or
the feeds; not in the API; not in the search index or the search document.
"""

import json

from django.utils import timezone

from wagtail.search.backends import get_search_backend

import pytest

from events.factories import EventPageFactory
from events.models import EventPage
from events.search import event_body, event_fields

from .conftest import SECRET_LINK

pytestmark = pytest.mark.django_db

SECRET = SECRET_LINK.rsplit("-", 1)[1]  # the unguessable part


@pytest.fixture
def past_webinar(event_index):
    start = timezone.now() - timezone.timedelta(days=3)
    return EventPageFactory(
        parent=event_index,
        slug="afgelopen-webinar",
        start=start,
        end=start + timezone.timedelta(hours=1),
        meeting_url=SECRET_LINK,
        recording_url="https://video.example.org/opname",
    )


def assert_secret_absent(content, where):
    text = content.decode() if isinstance(content, bytes) else content
    assert SECRET_LINK not in text and SECRET not in text, f"the meeting link leaked into {where}"


def test_not_in_any_public_page_or_feed(webinar, past_webinar, client, post_registration):
    post_registration(webinar)
    urls = [
        webinar.url,
        webinar.url + "aanmelden/",
        webinar.url + "aanmelden/bevestigd/",
        webinar.url + "agenda.ics",
        past_webinar.url,
        past_webinar.url + "agenda.ics",
        "/bijeenkomsten/",
        "/bijeenkomsten/afgelopen/",
        "/bijeenkomsten/agenda.ics",
        "/bijeenkomsten/rss/",
        "/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_secret_absent(response.content, url)


def test_not_in_the_api(webinar, client):
    listing = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "*"})
    assert listing.status_code == 200
    data = listing.json()
    assert data["meta"]["total_count"] == 1
    assert data["items"][0]["start"]  # the public fields are there
    assert "meeting_url" not in data["items"][0]
    assert_secret_absent(listing.content, "the API listing")
    detail = client.get(f"/api/v2/pages/{webinar.pk}/")
    assert detail.status_code == 200
    assert_secret_absent(detail.content, "the API detail")
    refused = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "meeting_url"})
    assert refused.status_code == 400


def test_not_in_the_search_index(webinar):
    backend = get_search_backend()
    assert [page.pk for page in backend.search("voorproefje", EventPage)] == [webinar.pk]  # it is indexed
    assert list(backend.search(SECRET, EventPage)) == []
    assert list(backend.search("vergaderen.example.org", EventPage)) == []


def test_not_in_the_search_document(webinar):
    document = event_fields(webinar, {})
    body = event_body(webinar)
    assert_secret_absent(json.dumps(document, default=str), "the search document")
    assert_secret_absent(body, "the search document's body")
    assert document["perspectives"] == ["besturen", "leren"]
    assert "Hans van der Heijden" in document["speaker_names"]  # a field of its own, not glued into the body

    # The full document the search app writes must be clean too.
    from search.content import build_context, build_document

    full = build_document(webinar, build_context())
    assert full["content_type"] == "bijeenkomst"
    assert_secret_absent(json.dumps(full, default=str), "search/content.py's document")

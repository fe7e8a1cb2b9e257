"""NUL and other control characters in an address or a form get a Dutch 400, never a 500 (issue 10).

PostgreSQL refuses NUL in text, so one middleware (cop_site.middleware) turns such requests away
before any view runs; nothing is looked up or stored.
"""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration
from knowledge.models import PracticeCasePage
from members.factories import MemberFactory
from members.models import Profile

pytestmark = pytest.mark.django_db

MESSAGE = "tekens die de site niet kan verwerken"
REGISTRATION = {"name": "Anna de Vries", "email": "anna@example.org", "organisation": "Gemeente", "privacy": "on"}
SIGNUP = {
    "email": "nieuw@example.org",
    "password1": "Lang-genoeg-wachtwoord-42",
    "password2": "Lang-genoeg-wachtwoord-42",
}

GET_PARAMS = {
    "/zoeken/": ["q", "invalshoek", "type", "organisatietype", "provincie", "jaar", "sortering", "page"],
    "/zoeken/suggesties/": ["q"],
    "/praktijkvoorbeelden/": ["invalshoek", "bouwsteen", "organisatietype", "provincie", "jaar", "page"],
    "/bijeenkomsten/": ["invalshoek", "type", "page"],
    "/bijeenkomsten/afgelopen/": ["invalshoek", "type"],
    "/api/v2/pages/": ["search", "type", "fields", "order"],
    "/api/v2/pages/find/": ["html_path"],
    "/praktijkvoorbeelden/rss/": ["invalshoek"],
    "/praktijkvoorbeelden/atom/": ["invalshoek"],
    "/api/v2/praktijkvoorbeelden/": ["invalshoek", "search", "fields"],
    "/api/v2/bijeenkomsten/": ["invalshoek", "search"],
    "/api/v2/begrippen/": ["invalshoek", "term", "order"],
}


@pytest.fixture
def client():
    # Show what a visitor gets: a 500 page rather than the exception.
    return Client(raise_request_exception=False)


@pytest.fixture
def pages(case_index):
    index = EventIndexPageFactory(parent=case_index.get_parent(), slug="bijeenkomsten")
    return {"event": EventPageFactory(parent=index, slug="webinar", capacity=10)}


def assert_refused(response):
    assert response.status_code == 400, response.content.decode(errors="replace")[:1000]
    assert MESSAGE in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(("url", "param"), [(url, param) for url, params in GET_PARAMS.items() for param in params])
@pytest.mark.parametrize("bad", ["\x00", "a\x01b", "\x1f", "\x7f"])
def test_control_characters_in_a_query_value(pages, client, url, param, bad):
    assert_refused(client.get(url, {param: bad}))


@pytest.mark.parametrize("url", list(GET_PARAMS))
def test_control_characters_in_a_query_key(pages, client, url):
    assert_refused(client.get(url + "?q%00=x"))


def test_an_ordinary_search_and_listing_still_work(pages, client):
    assert client.get("/zoeken/", {"q": "wijk"}).status_code == 200
    assert client.get("/praktijkvoorbeelden/", {"invalshoek": "leren"}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": "wijk"}).status_code == 200


@pytest.mark.parametrize("field", list(REGISTRATION) + ["role"])
def test_event_registration_with_nul_stores_nothing(pages, client, field):
    response = client.post(pages["event"].url + "aanmelden/", {**REGISTRATION, field: "Anna\x00"})
    assert_refused(response)
    assert not Registration.objects.exists()


def test_event_registration_without_control_characters_is_stored(pages, client):
    response = client.post(pages["event"].url + "aanmelden/", {**REGISTRATION, "name": "Anna\tde Vries"})
    assert response.status_code == 303
    assert Registration.objects.get().email == "anna@example.org"


@pytest.mark.parametrize("field", ["login", "password"])
def test_login_with_nul(home, client, field):
    data = {"login": "lid@example.org", "password": "geheim", field: "x\x00"}
    assert_refused(client.post("/account/login/", data))


@pytest.mark.parametrize("field", list(SIGNUP) + ["full_name", "organisation"])
def test_signup_with_nul_creates_no_account(home, client, field):
    assert_refused(client.post("/account/signup/", {**SIGNUP, field: "x\x00"}))
    assert not get_user_model().objects.filter(email="nieuw@example.org").exists()


def test_case_submission_with_nul_in_a_multipart_field_stores_nothing(pages, client):
    client.force_login(MemberFactory(), backend="django.contrib.auth.backends.ModelBackend")
    attachment = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n\x00binary", content_type="application/pdf")
    response = client.post(
        "/praktijkvoorbeelden/delen/", {"title": "Opgave\x00teams", "indienen": "1", "attachment_1": attachment}
    )
    assert_refused(response)
    assert not PracticeCasePage.objects.filter(title__startswith="Opgave").exists()


def test_tab_and_newlines_in_a_textarea_are_accepted(client):
    member = MemberFactory()
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    data = {
        "full_name": "Anna",
        "role": "Adviseur",
        "other_organisation": "Gemeente Zwolle",
        "bio": "Eerste regel\r\n\tTweede\nDerde",
    }
    response = client.post("/mijn/profiel/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Profile.objects.get(user=member).bio == "Eerste regel\r\n\tTweede\nDerde"


def test_a_form_too_big_to_read_gets_a_dutch_413_and_stores_nothing(pages, client):
    response = client.post(pages["event"].url + "aanmelden/", {**REGISTRATION, "role": "a" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Je invoer is te groot" in response.content.decode()
    assert not Registration.objects.exists()

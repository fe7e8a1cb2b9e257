"""The site speaks Dutch only: an English browser sees exactly what a Dutch one sees.

Every public page type, every public form in its error state and the account pages are
rendered twice, with `Accept-Language: en` and with `nl`, and their visible text compared.
A short list of English words that leaked before must not appear either.
"""

import re

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from knowledge.factories import BuildingBlockPageFactory
from members.factories import MemberFactory

from .test_rendering import text_of

# Strings that reached Dutch pages before (Django's and allauth's English).
ENGLISH = [
    "This field is required",
    "This password is too short",
    "Password (again)",
    "Remember Me",
    "Email address",
    "Sign In",
    "Sign Up",
    "Forgot your password",
    "Enter a valid",
]

GET_PAGES = [
    "home",
    "guide",
    "chapter",
    "block",
    "case_index",
    "case",
    "glossary",
    "event_index",
    "event",
    "register",
    "search",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/bestaat-niet/",
]

# A public form posted empty or wrong: its error messages must be Dutch too.
POSTS = [
    ("/account/login/", {"login": "geen-adres", "password": ""}),
    ("/account/signup/", {"email": "x", "password1": "kort", "password2": "anders"}),
    ("/account/password/reset/", {"email": "geen-adres"}),
    ("register", {"name": "", "email": "geen-adres", "organisation": ""}),
]


@pytest.fixture
def urls(corpus, guide, case_index, glossary, home):
    chapter = guide.get_children().first().specific
    block = BuildingBlockPageFactory(parent=chapter, title="Rolverdeling", slug="rolverdeling")
    case = case_index.get_children().live().first().specific
    event_index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=event_index)
    return {
        "home": home.url,
        "guide": guide.url,
        "chapter": chapter.url,
        "block": block.url,
        "case_index": case_index.url,
        "case": case.url,
        "glossary": glossary.url,
        "event_index": event_index.url,
        "event": event.url,
        "register": f"{event.url}aanmelden/",
        "search": "/zoeken/?q=wijk",
    }


def visible_text(response):
    # The CSRF token differs per request; it is not visible, but strip hidden inputs to be sure.
    return re.sub(r'<input type="hidden"[^>]*>', "", text_of(response))


def fetch(client, url, language, data=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    response = client.post(url, data, **headers) if data is not None else client.get(url, **headers)
    return response


def assert_same_in_both(client, url, data=None):
    english = fetch(client, url, "en", data)
    dutch = fetch(client, url, "nl-NL,nl;q=0.9", data)
    assert english.status_code == dutch.status_code
    assert english.headers.get("Content-Language", "nl") == "nl"
    english_text, dutch_text = visible_text(english), visible_text(dutch)
    assert english_text == dutch_text, f"{url} differs between an English and a Dutch browser"
    leaked = [phrase for phrase in ENGLISH if phrase.lower() in english_text.lower()]
    assert not leaked, f"English on {url}: {leaked}"
    return english


@pytest.mark.django_db
@pytest.mark.parametrize("name", GET_PAGES)
def test_every_page_is_dutch_whatever_the_browser_asks(client, urls, name):
    response = assert_same_in_both(client, urls.get(name, name))
    assert response.status_code in {200, 404}


@pytest.mark.django_db
@pytest.mark.parametrize("name,data", POSTS, ids=[name for name, _ in POSTS])
def test_every_form_error_is_dutch_whatever_the_browser_asks(client, urls, name, data):
    response = assert_same_in_both(client, urls.get(name, name), data)
    assert response.status_code in {200, 400}
    assert "Het formulier is nog niet goed ingevuld" in text_of(response) or "Niet alles is goed ingevuld" in text_of(
        response
    )


@pytest.mark.django_db
def test_member_pages_are_dutch_whatever_the_browser_asks(client, urls):
    member = MemberFactory(username="lid-taal")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    for url in (
        "/mijn/",
        "/mijn/profiel/",
        "/account/password/change/",
        "/account/email/",
        "/praktijkvoorbeelden/delen/",
    ):
        assert_same_in_both(client, url)
    response = assert_same_in_both(client, "/account/password/change/", {"oldpassword": "", "password1": "123"})
    assert "Dit wachtwoord is te kort" in text_of(response) or "Dit is een verplicht veld" in text_of(response)


@pytest.mark.django_db
def test_a_short_password_gets_a_dutch_message(client, home):
    response = client.post(
        "/account/signup/",
        {"email": "nieuw@example.org", "password1": "kort12", "password2": "kort12"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert "Dit wachtwoord is te kort. Gebruik minstens 8 tekens." in text_of(response)
    assert "too short" not in text_of(response)

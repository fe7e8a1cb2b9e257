"""Redis down (REDIS_URL pointing at a port nobody listens on): public pages still answer, uncached;
the registration limit fails open; a log-in fails closed with a Dutch 503, never a 500."""

import socket

from django.test import Client

import pytest
from axes.handlers.proxy import AxesProxyHandler

from cop_site.factories import StandardPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration
from members.factories import PASSWORD, MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def dead_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    location = f"redis://127.0.0.1:{dead_port()}/0"
    settings.CACHES = {alias: {**config, "LOCATION": location} for alias, config in settings.CACHES.items()}
    # django-axes keeps the cache it was started with; start it again on the dead one, and after the test
    # (lazily, once the settings are back) on the real one.
    AxesProxyHandler.get_implementation(force=True)
    yield
    AxesProxyHandler.implementation = None


def test_public_pages_answer_uncached(home, redis_down, caplog):
    page = StandardPageFactory(parent=home, title="Over de vereniging", slug="over")
    for url in (home.url, page.url, page.url, "/zoeken/?q=wijk", "/bijeenkomsten/rss/", "/invalshoeken.css"):
        response = Client().get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        assert response.get("X-Cache") != "hit"
    response = Client().get(page.url)
    assert response.status_code == 200
    assert "Over de vereniging" in response.content.decode()
    assert "Redis unreachable" in caplog.text


def test_a_publish_during_the_outage_still_saves(home, redis_down, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home, title="Oud", slug="over")
    page.title = "Nieuw"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Nieuw" in Client().get(page.url).content.decode()


def test_an_event_registration_is_accepted_without_the_limit(home, redis_down, django_capture_on_commit_callbacks):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home))
    form = Client().get(event.url + "aanmelden/")
    assert form.status_code == 200
    data = {"name": "Anna de Vries", "email": "anna@example.org", "organisation": "Gemeente Zwolle", "privacy": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(event.url + "aanmelden/", data)
    assert response.status_code == 303
    assert Registration.objects.filter(event=event, email="anna@example.org").exists()


def test_a_log_in_is_refused_with_a_dutch_503(home, redis_down):
    MemberFactory(email="lid@example.org")
    response = Client().post("/account/login/", {"login": "lid@example.org", "password": PASSWORD})
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "Probeer het over een paar minuten opnieuw" in response.content.decode()
    assert "_auth_user_id" not in Client().session

"""The event pages' own addresses are sub-routes of Wagtail pages (RoutablePageMixin): Wagtail's
routing decides, so a private event asks for its password, and a draft has no sub-routes."""

from django.conf import settings
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from events.models import Registration

pytestmark = pytest.mark.django_db


def password_form(response):
    assert response.status_code == 200
    field = BeautifulSoup(response.content.decode(), "html.parser").find("input", {"name": "password"})
    return field.find_parent("form") if field else None


def test_a_private_events_registration_asks_for_the_password_as_the_event_does(make_event, client, post_registration):
    event = make_event()
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="geheim")
    for url in (event.url, event.register_url, event.confirmation_url, event.ics_url):
        assert password_form(client.get(url)), url
    # A registration sent without the password is not taken.
    client.post(event.register_url, {"name": "Anna", "email": "anna@example.org", "privacy": "on"})
    assert not Registration.objects.exists()

    form = password_form(client.get(event.register_url))
    client.post(form["action"], {"password": "geheim", "return_url": event.register_url})
    assert not password_form(client.get(event.register_url))
    post_registration(event)
    assert Registration.objects.filter(event=event).count() == 1


def test_a_members_only_events_registration_asks_to_log_in(make_event, client):
    event = make_event()
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    for url in (event.url, event.register_url):
        response = client.get(url)
        assert response.status_code == 302
        assert f"next={url}" in response["Location"].replace("%2F", "/")


def test_unknown_sub_routes_are_not_found(make_event, event_index, client):
    event = make_event()
    for url in (
        event.url + "aanmelden/onbekend/",
        event.url + "aanmelden/bevestigd/nogmaals/",
        event.url + "agenda.ics/",
        event.url + "programma.ics",
        event_index.url + "rss/extra/",
        event_index.url + "afmelden/",
        event_index.url + "onbekend.ics",
    ):
        assert client.get(url).status_code == 404, url


def test_a_drafts_sub_routes_are_not_found(make_event, client):
    event = make_event(live=False)
    for suffix in ("", "aanmelden/", "aanmelden/bevestigd/", "agenda.ics"):
        assert client.get(f"/bijeenkomsten/{event.slug}/{suffix}").status_code == 404, suffix
    assert client.post(f"/bijeenkomsten/{event.slug}/aanmelden/", {"name": "Anna"}).status_code == 404
    assert not Registration.objects.exists()


def test_the_cancel_link_in_a_real_confirmation_mail_cancels(make_event, post_registration, mailoutbox):
    event = make_event()
    post_registration(event)
    link = next(line.strip() for line in mailoutbox[0].body.splitlines() if "/afmelden/" in line)
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL + "/bijeenkomsten/afmelden/")
    path = link.removeprefix(settings.WAGTAILADMIN_BASE_URL)

    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(path)
    assert page.status_code == 200
    form = BeautifulSoup(page.content.decode(), "html.parser").find("form", method="post")
    token = form.find("input", {"name": "csrfmiddlewaretoken"})["value"]
    assert visitor.post(path, {"csrfmiddlewaretoken": token}).status_code == 200
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_a_page_form_without_its_security_code_is_still_refused(event_index):
    # Pages are served past the CSRF middleware (cop_site/urls.py); the check is made once the route is known.
    response = Client(enforce_csrf_checks=True).post(event_index.url, {"q": "x"})
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()

"""The public pages and forms: registering, confirmation, cancelling, bad input."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from events.emails import cancel_token
from events.models import EmailDelivery, Registration
from knowledge.factories import OrganisationFactory
from members.factories import MemberFactory

from .conftest import SECRET_LINK, counts, fill

pytestmark = pytest.mark.django_db

VALID = {"name": "Anna de Vries", "email": "anna@example.org", "organisation": "Gemeente Zwolle", "privacy": "on"}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def alert_text(response):
    return " ".join(a.get_text(" ", strip=True) for a in soup(response).select(".utrecht-alert"))


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(event, data=None, c=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (c or client).post(event.url + "aanmelden/", data if data is not None else VALID, **extra)

    return send


def test_event_page_shows_what_people_need(webinar, client):
    response = client.get(webinar.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == webinar.title
    register_link = html.find("a", string="Schrijf je in")
    assert register_link["href"] == webinar.url + "aanmelden/"
    assert "Hans van der Heijden" in html.get_text() and "Enrico Kraijo" in html.get_text()
    assert html.find("a", href=webinar.url + "agenda.ics")


def test_register_form_and_confirmation_page(webinar, client, post, mailoutbox):
    form = client.get(webinar.url + "aanmelden/")
    assert form.status_code == 200
    labels = [label.get_text(" ", strip=True) for label in soup(form).select("form.event-form label")]
    assert labels[:4] == ["Naam", "E-mailadres", "Organisatie", "Functie (niet verplicht)"]
    assert labels[4].startswith("Ik ga akkoord met de privacyverklaring")

    response = post(webinar)
    assert response.status_code == 303
    assert response["Location"] == webinar.url + "aanmelden/bevestigd/"
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert soup(confirmation).h1.get_text(strip=True) == "Je bent aangemeld"
    assert "anna@example.org" in confirmation.content.decode()
    assert len(mailoutbox) == 1
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation, registration.status) == (
        "Anna de Vries",
        "Gemeente Zwolle",
        "confirmed",
    )


def test_a_full_event_says_so_before_submitting(make_event, client, post):
    event = make_event(capacity=2)
    fill(event, confirmed=2, waiting=1)
    page = client.get(event.url)
    assert "Deze bijeenkomst is vol" in page.content.decode()
    assert soup(page).find("a", string="Aanmelden voor de wachtlijst")
    form = client.get(event.url + "aanmelden/")
    assert "Deze bijeenkomst is vol." in alert_text(form)
    assert soup(form).select_one("form.event-form button").get_text(strip=True) == "Aanmelden voor de wachtlijst"
    response = post(event)
    confirmation = client.get(response["Location"])
    assert soup(confirmation).h1.get_text(strip=True) == "Je staat op de wachtlijst"
    assert "plaats 2 van de wachtlijst" in confirmation.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "name", "Vul je naam in."),
        ({**VALID, "name": "   "}, "name", "Vul je naam in."),
        ({**VALID, "email": ""}, "email", "Vul je e-mailadres in."),
        ({**VALID, "email": "geen-adres"}, "email", "Vul een geldig e-mailadres in"),
        ({**VALID, "email": "a@b@c.nl"}, "email", "Vul een geldig e-mailadres in"),
        ({**VALID, "organisation": ""}, "organisation", "Vul je organisatie in."),
        ({**VALID, "name": "x" * 10_000}, "name", "Gebruik maximaal 200 tekens."),
        ({**VALID, "role": "y" * 10_000}, "role", "Gebruik maximaal 200 tekens."),
        ({**VALID, "email": "z" * 10_000 + "@example.org"}, "email", ""),
        ({**VALID, "name": "<script>alert(1)</script>"}, "name", "Gebruik geen < of > in dit veld."),
        ({**VALID, "organisation": "Gemeente <b>X</b>"}, "organisation", "Gebruik geen < of > in dit veld."),
        ({k: v for k, v in VALID.items() if k != "privacy"}, "privacy", "Geef toestemming"),
    ],
)
def test_bad_input_gets_a_clear_dutch_message(webinar, post, data, field, message):
    response = post(webinar, data)
    assert response.status_code == 400
    html = soup(response)
    assert "Niet alles is goed ingevuld" in alert_text(response)
    assert html.title.get_text().startswith("Fout:")
    error = html.select_one(f"#id_{field}-fout")
    assert error is not None, f"no error shown for {field}"
    assert message in error.get_text()
    assert html.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert "<script>alert(1)</script>" not in response.content.decode()
    # What was typed (and is valid) is still there.
    if field != "organisation" and data.get("organisation"):
        assert html.select_one("#id_organisation")["value"] == data["organisation"]
    assert not Registration.objects.exists()


def test_missing_csrf_token_keeps_what_was_typed(webinar, django_capture_on_commit_callbacks):
    client = Client(enforce_csrf_checks=True)
    client.get(webinar.url + "aanmelden/")  # sets the CSRF cookie
    response = client.post(webinar.url + "aanmelden/", VALID)
    assert response.status_code == 403
    assert "Je aanmelding is nog niet verstuurd" in alert_text(response)
    html = soup(response)
    assert html.select_one("#id_name")["value"] == "Anna de Vries"
    assert html.select_one("#id_email")["value"] == "anna@example.org"
    assert html.select_one("#id_privacy").has_attr("checked")
    assert not Registration.objects.exists()

    # With the fresh token from that page, sending again works.
    token = html.select_one("input[name=csrfmiddlewaretoken]")["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(webinar.url + "aanmelden/", {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Registration.objects.count() == 1


def test_double_submit_in_the_same_browser_shows_the_confirmation_again(webinar, post, client, mailoutbox):
    first = post(webinar)
    second = post(webinar)
    assert first.status_code == second.status_code == 303
    assert second["Location"] == first["Location"]
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 1


def main_text(response):
    return " ".join(soup(response).select_one("main").get_text(" ").split())


def test_an_address_registered_already_gets_the_same_answer_and_its_owner_a_mail(webinar, post, client, mailoutbox):
    first = post(webinar)
    first_page = main_text(client.get(first["Location"]))
    registration = Registration.objects.get()
    mailoutbox.clear()

    other = Client()
    again = post(webinar, VALID, c=other)
    assert (again.status_code, again["Location"]) == (first.status_code, first["Location"])
    assert main_text(other.get(again["Location"])) == first_page
    assert "Je bent aangemeld" in first_page

    assert Registration.objects.count() == 1
    (mail,) = mailoutbox
    assert mail.to == ["Anna de Vries <anna@example.org>"]
    assert mail.subject == "Je was al aangemeld: " + webinar.title
    assert "Je was al aangemeld, dus er verandert niets" in mail.body
    assert cancel_token(registration) in mail.body
    assert SECRET_LINK not in mail.body


def test_an_address_on_the_waiting_list_gets_the_same_answer_as_a_newcomer(make_event, post, mailoutbox):
    event = make_event(capacity=1)
    fill(event, confirmed=1)
    post(event, {**VALID, "email": "wacht@example.org"}, c=Client())
    newcomer, again = Client(), Client()
    post(event, {**VALID, "email": "nieuw@example.org"}, c=newcomer)
    post(event, {**VALID, "email": "wacht@example.org"}, c=again)
    expected = main_text(newcomer.get(event.url + "aanmelden/bevestigd/")).replace("nieuw@", "wacht@")
    # The newcomer is third on the list; the same answer now would say fourth.
    assert main_text(again.get(event.url + "aanmelden/bevestigd/")) == expected.replace("plaats 2 ", "plaats 3 ")
    assert counts(event)["waiting"] == 2
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Je staat op de wachtlijst"] * 2 + ["Je was al aangemeld"]


def test_a_filled_in_honeypot_stores_and_sends_nothing_but_looks_like_success(webinar, post, client, mailoutbox):
    form = soup(client.get(webinar.url + "aanmelden/"))
    honeypot = form.select_one("input[name=website]")
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent("div").has_attr("hidden")  # hidden from people and screen readers alike

    response = post(webinar, {**VALID, "website": "https://goedkope-pillen.example"})
    assert response.status_code == 303
    assert soup(client.get(response["Location"])).h1.get_text(strip=True) == "Je bent aangemeld"
    assert Registration.objects.count() == 0
    assert EmailDelivery.objects.count() == 0
    assert mailoutbox == []


def test_thirty_registrations_from_one_address_for_one_event_only_the_limit_counts(webinar, post, mailoutbox):
    statuses = [post(webinar, {**VALID, "email": f"persoon{n}@example.org"}).status_code for n in range(30)]
    assert statuses == [303] * 10 + [429] * 20
    assert Registration.objects.count() == 10
    assert len(mailoutbox) == 10
    assert {m.to[0] for m in mailoutbox} == {f"Anna de Vries <persoon{n}@example.org>" for n in range(10)}

    refused = post(webinar, {**VALID, "email": "nummer31@example.org"})
    assert "Probeer het over een uur opnieuw" in alert_text(refused)
    assert soup(refused).select_one("#id_email")["value"] == "nummer31@example.org"  # nothing typed is lost
    # Someone at another address is not held up.
    assert post(webinar, {**VALID, "email": "elders@example.org"}, REMOTE_ADDR="10.9.9.9").status_code == 303


def test_one_address_has_a_limit_over_all_events_together(make_event, post, settings, mailoutbox):
    settings.EVENT_REGISTRATION_RATE_IP = 3
    first, second = make_event(slug="eerste"), make_event(slug="tweede")
    statuses = [
        post(event, {**VALID, "email": f"p{n}@example.org"}).status_code
        for n, event in enumerate([first, first, second, second])
    ]
    assert statuses == [303, 303, 303, 429]
    assert Registration.objects.count() == len(mailoutbox) == 3


def test_an_address_registered_already_cannot_be_flooded_with_mails(webinar, post, mailoutbox):
    post(webinar)
    for _n in range(20):
        post(webinar, VALID, c=Client())
    assert len(mailoutbox) == 10  # the confirmation and nine "al aangemeld", then the limit


def test_logged_in_member_gets_the_form_prefilled(webinar, client):
    user = get_user_model().objects.create_user("lid", "lid@gemeente.nl", "x", first_name="Lies", last_name="Lid")
    client.force_login(user)
    html = soup(client.get(webinar.url + "aanmelden/"))
    assert html.select_one("#id_name")["value"] == "Lies Lid"
    assert html.select_one("#id_email")["value"] == "lid@gemeente.nl"


def test_a_member_finds_name_organisation_and_role_filled_in(webinar, client):
    member = MemberFactory(username="lies", email="lies@zwolle.nl")
    member.member_profile.full_name = "Lies de Lid"
    member.member_profile.organisation = OrganisationFactory(name="Gemeente Zwolle")
    member.member_profile.save()
    client.force_login(member)
    html = soup(client.get(webinar.url + "aanmelden/"))
    assert html.select_one("#id_name")["value"] == "Lies de Lid"
    assert html.select_one("#id_email")["value"] == "lies@zwolle.nl"
    assert html.select_one("#id_organisation")["value"] == "Gemeente Zwolle"
    assert html.select_one("#id_role")["value"] == "Projectleider"


def test_the_error_summary_comes_first_in_the_form_and_links_to_the_fields(webinar, post):
    response = post(webinar, {**VALID, "name": "", "privacy": ""})
    form = soup(response).select_one("form.event-form")
    summary = next(child for child in form.find_all(recursive=False) if child.get("type") != "hidden")  # after csrf
    assert summary["id"] == "foutmeldingen" and summary["tabindex"] == "-1"
    assert [a["href"] for a in summary.select("a")] == ["#id_name", "#id_privacy"]
    assert "Naam: Vul je naam in." in summary.get_text(" ", strip=True)
    assert not soup(response).select("[autofocus]")


@pytest.mark.parametrize(
    ("changes", "status", "text"),
    [
        ({"registration_opens": timezone.now() + timedelta(days=2)}, 403, "kan nog niet"),
        ({"registration_closes": timezone.now() - timedelta(hours=1)}, 403, "is gesloten"),
        (
            {"start": timezone.now() - timedelta(days=2), "end": timezone.now() - timedelta(days=2, hours=-1)},
            410,
            "al geweest",
        ),
    ],
)
def test_registering_outside_the_window_is_refused(make_event, client, post, changes, status, text):
    event = make_event(**changes)
    assert client.get(event.url + "aanmelden/").status_code == status
    response = post(event)
    assert response.status_code == status
    assert text in alert_text(response)
    assert not soup(response).select("form.event-form")
    assert not Registration.objects.exists()


def test_unknown_or_unpublished_event_is_404(make_event, client):
    assert client.get("/bijeenkomsten/bestaat-niet/aanmelden/").status_code == 404
    event = make_event()
    event.unpublish()
    assert client.get(f"/bijeenkomsten/{event.slug}/aanmelden/").status_code == 404
    assert client.get(f"/bijeenkomsten/{event.slug}/agenda.ics").status_code == 404


def test_cancel_link_cancels_once(make_event, client, django_capture_on_commit_callbacks, mailoutbox):
    event = make_event(capacity=1)
    confirmed, waiting = fill(event, confirmed=1, waiting=1)
    url = f"/bijeenkomsten/afmelden/{cancel_token(confirmed)}/"

    page = client.get(url)
    assert page.status_code == 200
    assert soup(page).find("button", string="Ja, meld me af")
    assert counts(event)["cancelled"] == 0  # looking is not cancelling

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url)
    assert done.status_code == 200
    assert soup(done).h1.get_text(strip=True) == "Je bent afgemeld"
    assert counts(event) == {"confirmed": 1, "waiting": 0, "cancelled": 1}
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert {m.subject.split(":")[0] for m in mailoutbox} == {
        "Je bent afgemeld",
        "Er is een plaats voor je vrijgekomen",
    }

    # Used once: a second visit or post is refused with a clear message.
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert "Je bent al afgemeld" in response.content.decode()
    assert counts(event) == {"confirmed": 1, "waiting": 0, "cancelled": 1}


@pytest.mark.parametrize("tamper", ["flip", "drop-signature", "garbage", "other-salt"])
def test_tampered_cancel_link_is_refused(make_event, client, tamper):
    event = make_event()
    (registration,) = fill(event, confirmed=1)
    token = cancel_token(registration)
    value, signature = token.split(":")
    bad = {
        "flip": f"{value[:-1]}{'A' if value[-1] != 'A' else 'B'}:{signature}",
        "drop-signature": value,
        "garbage": "x" * 500,
        "other-salt": f"{value}:{'A' * len(signature)}",
    }[tamper]
    for response in (client.get(f"/bijeenkomsten/afmelden/{bad}/"), client.post(f"/bijeenkomsten/afmelden/{bad}/")):
        assert response.status_code == 400
        assert "Deze afmeldlink klopt niet" in response.content.decode()
    assert counts(event)["confirmed"] == 1


def test_cancel_without_csrf_token_is_refused_in_dutch(make_event):
    event = make_event()
    (registration,) = fill(event, confirmed=1)
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/bijeenkomsten/afmelden/{cancel_token(registration)}/")
    assert response.status_code == 403
    assert "Je bent nog niet afgemeld" in response.content.decode()
    assert counts(event)["confirmed"] == 1


def test_event_ics_for_one_event(webinar, client):
    response = client.get(webinar.url + "agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{webinar.slug}.ics"' in response["Content-Disposition"]
    assert b"BEGIN:VEVENT" in response.content and b"TZID=Europe/Amsterdam" in response.content


def test_calendar_feed_and_rss_list_upcoming_events_only(make_event, client):
    upcoming = make_event(title="Komt nog")
    make_event(
        title="Was al", start=timezone.now() - timedelta(days=3), end=timezone.now() - timedelta(days=3, hours=-2)
    )
    feed = client.get("/bijeenkomsten/agenda.ics")
    assert feed.status_code == 200
    assert feed.content.count(b"BEGIN:VEVENT") == 1 and b"Komt nog" in feed.content
    rss = client.get("/bijeenkomsten/rss/")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert b"Komt nog" in rss.content and b"Was al" not in rss.content
    assert upcoming.url.encode() in rss.content

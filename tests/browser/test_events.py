"""Signing up for the webinar in a real browser, with axe-core on every step.

Route: the event list -> the webinar -> the form (first with mistakes, then right) ->
the confirmation page. Then the same with the keyboard only, and without JavaScript.
"""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory
from events.models import Registration

from .conftest import MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECRET_LINK = "https://vergaderen.example.org/geheim-browser-Xk29"


@pytest.fixture
def webinar(home):
    index = EventIndexPageFactory(parent=home, show_in_menus=True)
    hans = SpeakerFactory(
        name="Hans van der Heijden", role="Schrijver", organisation="Gemeente Rotterdam", bio="Schreef de gids mee."
    )
    enrico = SpeakerFactory(name="Enrico Kraijo", role="Schrijver", organisation="VPNG", bio="Schreef de gids mee.")
    webinar = EventPageFactory(
        parent=index,
        title="Webinar: een voorproefje van de Inspiratiegids",
        slug="webinar-voorproefje",
        intro="Een informeel webinar waarin de schrijvers je meenemen in het ontstaan van de gids.",
        body=[("paragraph", "<p>Met volop ruimte voor je vragen.</p>")],
        perspectives=["besturen", "sturen", "presteren", "leren"],
        speakers=[hans, enrico],
        capacity=50,
        meeting_url=SECRET_LINK,
        contact_name="Toin Routers",
        contact_email="t.routers@example.org",
    )
    EventPageFactory(parent=index, title="Mastermindgroep", event_type="mastermind", capacity=8)
    return webinar


def test_sign_up_for_the_webinar(live_server, browser_page, webinar, assert_accessible, screenshot, mailoutbox):
    tab = browser_page
    tab.goto(live_server.url + "/bijeenkomsten/")
    assert_accessible(tab, "event list")
    screenshot(tab, "events-list")

    tab.get_by_role("link", name="Webinar: een voorproefje van de Inspiratiegids").click()
    tab.wait_for_url(re.compile(r"/bijeenkomsten/webinar-voorproefje/$"))
    assert tab.get_by_role("heading", level=1).inner_text() == "Webinar: een voorproefje van de Inspiratiegids"
    assert tab.get_by_role("heading", name="Hans van der Heijden").is_visible()
    assert SECRET_LINK not in tab.content()
    assert_accessible(tab, "event page")
    screenshot(tab, "event-page")

    tab.get_by_role("link", name="Schrijf je in").click()
    tab.wait_for_url(re.compile(r"/aanmelden/$"))
    assert_accessible(tab, "registration form")
    screenshot(tab, "registration-form")

    # First with mistakes: a clear message per field, and what was typed stays.
    tab.get_by_label("Naam").fill("Anna de Vries")
    tab.get_by_label("E-mailadres").fill("anna-at-gemeente")
    tab.get_by_role("button", name="Aanmelden").click()
    tab.wait_for_load_state()
    assert tab.title().startswith("Fout:")
    assert "Vul een geldig e-mailadres in" in tab.locator("#id_email-fout").inner_text()
    assert "Vul je organisatie in." in tab.locator("#id_organisation-fout").inner_text()
    assert tab.get_by_label("Naam").input_value() == "Anna de Vries"
    assert_accessible(tab, "registration form with errors")
    screenshot(tab, "registration-form-errors")

    tab.get_by_label("E-mailadres").fill("anna@gemeente.example.org")
    tab.get_by_label("Organisatie").fill("Gemeente Zwolle")
    tab.get_by_label("Functie (niet verplicht)").fill("Opgavemanager")
    tab.get_by_label(re.compile("Ik ga akkoord met de privacyverklaring")).check()
    tab.get_by_role("button", name="Aanmelden").click()
    tab.wait_for_url(re.compile(r"/aanmelden/bevestigd/$"))
    assert tab.get_by_role("heading", level=1).inner_text() == "Je bent aangemeld"
    assert "anna@gemeente.example.org" in tab.locator("main").inner_text()
    assert SECRET_LINK not in tab.content()
    assert_accessible(tab, "confirmation page")
    screenshot(tab, "registration-confirmed")

    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("anna@gemeente.example.org", "confirmed")
    assert len(mailoutbox) == 1 and SECRET_LINK in mailoutbox[0].body

    # The cancel link from the e-mail: a question first, then the answer.
    link = next(line.strip() for line in mailoutbox[0].body.splitlines() if "/bijeenkomsten/afmelden/" in line)
    tab.goto(live_server.url + link[link.index("/bijeenkomsten/") :])
    assert_accessible(tab, "cancel page")
    tab.get_by_role("button", name="Ja, meld me af").click()
    tab.wait_for_load_state()
    assert tab.get_by_role("heading", level=1).inner_text() == "Je bent afgemeld"
    assert_accessible(tab, "cancelled page")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_sign_up_with_the_keyboard_only(live_server, browser_page, webinar, assert_accessible):
    tab = browser_page
    tab.goto(live_server.url + webinar.url + "aanmelden/")

    def tab_to(selector, limit=60):
        for _ in range(limit):
            tab.keyboard.press("Tab")
            if tab.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        pytest.fail(f"Could not reach {selector} with the Tab key")

    tab_to("#id_name")
    tab.keyboard.type("Bas Toetsenbord")
    tab.keyboard.press("Tab")
    tab.keyboard.type("bas@example.org")
    tab.keyboard.press("Tab")
    tab.keyboard.type("Provincie Utrecht")
    tab.keyboard.press("Tab")  # function: optional, left empty
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "id_privacy"
    tab.keyboard.press("Space")
    assert tab.locator("#id_privacy").is_checked()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.tagName") == "BUTTON"
    # Focus is clearly visible on the button.
    outline = tab.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/aanmelden/bevestigd/$"))
    assert tab.get_by_role("heading", level=1).inner_text() == "Je bent aangemeld"
    assert Registration.objects.filter(email="bas@example.org", status="confirmed").exists()


def test_after_a_failed_submit_the_focus_is_on_the_error_summary(
    live_server, browser_page, webinar, assert_accessible
):
    tab = browser_page
    tab.goto(live_server.url + webinar.url + "aanmelden/")
    tab.get_by_label("E-mailadres").fill("geen-adres")
    tab.get_by_role("button", name="Aanmelden").click()
    tab.wait_for_load_state()
    assert tab.evaluate("document.activeElement.id") == "foutmeldingen"
    assert tab.locator("#foutmeldingen").is_visible()
    assert_accessible(tab, "registration form, focus on the error summary")
    # The summary's links lead to the fields: Tab to the first, Enter puts the cursor in the name field.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == "#id_name"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "id_name"


def test_sign_up_works_without_javascript_and_on_a_phone(live_server, chromium, webinar):
    context = chromium.new_context(java_script_enabled=False, viewport=MOBILE, locale="nl-NL", is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(live_server.url + webinar.url)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        tab.get_by_role("link", name="Schrijf je in").click()
        tab.get_by_role("button", name="Aanmelden").click()  # empty: the summary is the form's first content
        assert tab.locator("form.event-form > :not([type=hidden])").first.get_attribute("id") == "foutmeldingen"
        # No axe here: it never settles in a page without JavaScript. The same form with errors is
        # checked with axe in test_after_a_failed_submit_the_focus_is_on_the_error_summary.
        tab.get_by_label("Naam").fill("Zonder Script")
        tab.get_by_label("E-mailadres").fill("zonder@example.org")
        tab.get_by_label("Organisatie").fill("Waterschap")
        tab.get_by_label(re.compile("Ik ga akkoord")).check()
        tab.get_by_role("button", name="Aanmelden").click()
        tab.wait_for_url(re.compile(r"/aanmelden/bevestigd/$"))
        assert tab.get_by_role("heading", level=1).inner_text() == "Je bent aangemeld"
    finally:
        context.close()


def test_past_events_and_bad_filters_are_accessible(live_server, browser_page, webinar, assert_accessible):
    start = timezone.now() - timedelta(days=20)
    past = EventPageFactory(
        parent=webinar.get_parent(),
        title="Startbijeenkomst: de vier invalshoeken",
        start=start,
        end=start + timedelta(hours=3),
        attendance="locatie",
        location_name="Stadskantoor",
        address="Voorbeeldplein 1\n3521 AA Utrecht",
        recording_url="https://video.example.org/opname",
        report="<p>Ruim vijftig deelnemers bespraken de vier invalshoeken.</p>",
        perspectives=["besturen"],
    )
    tab = browser_page
    tab.goto(live_server.url + "/bijeenkomsten/afgelopen/")
    assert tab.get_by_role("heading", level=1).inner_text() == "Afgelopen bijeenkomsten"
    assert_accessible(tab, "past events")
    tab.get_by_role("link", name=past.title).click()
    tab.wait_for_url(re.compile(past.url + "$"))
    assert tab.get_by_role("link", name="Bekijk de opname").is_visible()
    assert_accessible(tab, "past event")
    response = tab.goto(live_server.url + "/bijeenkomsten/?type=feest")
    assert response.status == 400
    assert "Onbekende waarde" in tab.locator(".utrecht-alert").inner_text()
    assert_accessible(tab, "event list with a bad filter")


def test_too_many_registrations_from_one_address_keep_the_form_and_say_so(
    live_server, browser_page, webinar, assert_accessible, settings
):
    settings.EVENT_REGISTRATION_RATE_EVENT = 0  # this address has used up its registrations for the webinar
    tab = browser_page
    tab.goto(live_server.url + webinar.url + "aanmelden/")
    tab.get_by_label("Naam").fill("Vera Veel")
    tab.get_by_label("E-mailadres").fill("vera@example.org")
    tab.get_by_label("Organisatie").fill("Gemeente Zwolle")
    tab.get_by_label(re.compile("Ik ga akkoord")).check()
    with tab.expect_response(re.compile(r"/aanmelden/$")) as answer:
        tab.get_by_role("button", name="Aanmelden").click()
    assert answer.value.status == 429
    assert "Probeer het over een uur opnieuw" in tab.locator(".utrecht-alert").inner_text()
    assert tab.get_by_label("E-mailadres").input_value() == "vera@example.org"
    assert not Registration.objects.exists()
    assert_accessible(tab, "registration refused: too many from one address")

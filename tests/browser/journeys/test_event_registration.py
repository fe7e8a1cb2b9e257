"""People sign up for a small event: the last seat goes, a waiting list forms, someone cancels.

Anna first sends the form with mistakes (the error summary is shown and gets the focus),
then registers; Bram takes the last seat; Carla lands on the waiting list; Anna cancels
through the link in her e-mail and Carla moves up. Each step is checked on the page and
in the e-mail (django.core.mail.outbox), at 1280px and 375px. The form also works without
JavaScript.
"""

import re
from urllib.parse import urlsplit

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration

from .helpers import VIEWPORTS, last_mail_to, link_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Mastermind opgavegericht begroten"
SECRET_LINK = "https://vergaderen.example.org/mastermind-begroten-Qx72"
# Focus is on the error summary, or inside it (say on its heading): either way it holds the links to the fields.
FOCUS_IN_SUMMARY = """() => {
  const el = document.activeElement;
  const box = el.closest('[role=alert], [role=group], .error-summary, #melding') || el;
  return el !== document.body && box.querySelector('a[href="#id_email"]') !== null;
}"""


@pytest.fixture
def event(home):
    index = EventIndexPageFactory(parent=home, show_in_menus=True)
    return EventPageFactory(
        parent=index,
        title=TITLE,
        slug="mastermind-begroten",
        event_type="mastermind",
        intro="Met een kleine groep onderzoek je hoe een begroting opgaven kan volgen.",
        capacity=2,
        meeting_url=SECRET_LINK,
    )


def open_form(person, event):
    tab = person.tab
    person.goto(event.url)
    person.see(TITLE)
    person.click(tab.locator("main").get_by_role("link", name="Schrijf je in"), re.compile(r"/aanmelden/$"))
    person.see(f"Aanmelden voor {TITLE}", "registration form")


def fill_in(person, name, email, organisation="Gemeente Apeldoorn"):
    tab = person.tab
    tab.get_by_label("Naam").fill(name)
    tab.get_by_label("E-mailadres").fill(email)
    tab.get_by_label("Organisatie").fill(organisation)
    tab.get_by_label(re.compile("Ik ga akkoord met de privacyverklaring")).check()


def send_with_mistakes(person):
    """Send the form with a wrong e-mail address and no organisation: a summary lists both."""
    tab = person.tab
    tab.get_by_label("Naam").fill("Anna de Vries")
    tab.get_by_label("E-mailadres").fill("anna-bij-apeldoorn")
    person.allowed.add((400, urlsplit(tab.url).path))  # the form answers mistakes with a 400, on purpose
    tab.get_by_role("button", name="Aanmelden").click()
    tab.wait_for_load_state()
    assert tab.title().startswith("Fout:")
    summary = tab.locator("main").get_by_role("alert")
    assert summary.get_by_role("link", name=re.compile("E-mailadres")).is_visible()
    assert summary.get_by_role("link", name=re.compile("Organisatie")).is_visible()
    assert tab.get_by_label("Naam").input_value() == "Anna de Vries"
    person.see(f"Aanmelden voor {TITLE}", "registration form with mistakes")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_registration_journey(journey, event, viewport):
    anna, bram, carla = journey(viewport), journey(viewport), journey(viewport)

    # Anna makes mistakes first; the error summary takes the focus so she hears what went wrong.
    open_form(anna, event)
    assert "Er zijn nog 2 plaatsen vrij." in anna.tab.locator("main").inner_text()
    send_with_mistakes(anna)
    anna.check(anna.tab.evaluate(FOCUS_IN_SUMMARY), "The focus is not on the error summary after a failed submit")

    fill_in(anna, "Anna de Vries", "anna@apeldoorn.example.org")
    anna.click(anna.tab.get_by_role("button", name="Aanmelden"), re.compile(r"/aanmelden/bevestigd/$"))
    anna.see("Je bent aangemeld", "confirmation")
    assert "anna@apeldoorn.example.org" in anna.tab.locator("main").inner_text()
    confirmation = last_mail_to("anna@apeldoorn.example.org")
    assert confirmation.subject == f"Je bent aangemeld: {TITLE}"
    assert SECRET_LINK in confirmation.body
    (ics,) = [a for a in confirmation.attachments if a[0].endswith(".ics")]
    calendar = ics[1] if isinstance(ics[1], str) else ics[1].decode()
    assert "BEGIN:VEVENT" in calendar and f"SUMMARY:{TITLE}" in calendar.replace("\r\n ", "")

    # Bram takes the last seat; the event page then says it is full.
    open_form(bram, event)
    assert "Er is nog 1 plaats vrij." in bram.tab.locator("main").inner_text()
    fill_in(bram, "Bram Bakker", "bram@zutphen.example.org", "Gemeente Zutphen")
    bram.click(bram.tab.get_by_role("button", name="Aanmelden"), re.compile(r"/aanmelden/bevestigd/$"))
    bram.see("Je bent aangemeld", "confirmation, last seat")
    assert last_mail_to("bram@zutphen.example.org").subject == f"Je bent aangemeld: {TITLE}"

    # Carla comes too late: the form says so, and she joins the waiting list.
    carla.goto(event.url)
    carla.see(TITLE, "full event")
    assert "Vol: alle 2 plaatsen zijn bezet." in carla.tab.locator("main").inner_text()
    carla.goto(event.url + "aanmelden/")
    carla.see(f"Aanmelden voor {TITLE}", "registration form, full")
    assert "Deze bijeenkomst is vol." in carla.tab.locator("main").inner_text()
    fill_in(carla, "Carla Claassen", "carla@epe.example.org", "Gemeente Epe")
    carla.click(
        carla.tab.get_by_role("button", name="Aanmelden voor de wachtlijst"), re.compile(r"/aanmelden/bevestigd/$")
    )
    carla.see("Je staat op de wachtlijst", "waiting list confirmation")
    assert "plaats 1 van de wachtlijst" in carla.tab.locator("main").inner_text()
    waiting = last_mail_to("carla@epe.example.org")
    assert waiting.subject == f"Je staat op de wachtlijst: {TITLE}"
    assert "op de wachtlijst, op plaats 1" in waiting.body
    assert SECRET_LINK not in waiting.body

    # Anna cannot come after all: she follows the link in her e-mail.
    anna.goto(link_in(confirmation, "/bijeenkomsten/afmelden/"))
    anna.see(re.compile("afmelden", re.IGNORECASE), "cancel question")
    anna.tab.get_by_role("button", name="Ja, meld me af").click()
    anna.see("Je bent afgemeld", "cancelled")

    # Carla moves up and hears so.
    promotion = last_mail_to("carla@epe.example.org")
    assert promotion.subject == f"Er is een plaats voor je vrijgekomen: {TITLE}"
    assert SECRET_LINK in promotion.body
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {
        "anna@apeldoorn.example.org": "cancelled",
        "bram@zutphen.example.org": "confirmed",
        "carla@epe.example.org": "confirmed",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_registration_without_javascript(journey, event, viewport):
    anna = journey(viewport, javascript=False)
    open_form(anna, event)
    send_with_mistakes(anna)
    fill_in(anna, "Anna de Vries", "anna@apeldoorn.example.org")
    anna.click(anna.tab.get_by_role("button", name="Aanmelden"), re.compile(r"/aanmelden/bevestigd/$"))
    anna.see("Je bent aangemeld", "confirmation without JavaScript")
    assert last_mail_to("anna@apeldoorn.example.org").subject == f"Je bent aangemeld: {TITLE}"

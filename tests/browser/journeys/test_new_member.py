"""A new member signs up, shares a case, and improves it after the editors ask for changes.

Route: sign up (Dutch form) -> the verification link from the e-mail -> log in -> share a
case at /praktijkvoorbeelden/delen/ (two lines with Enter in "Resultaten") -> /mijn/ shows
"In beoordeling". A moderator sends it back with a comment (the moderator's own journey in
the admin is test_moderator.py); the member sees the comment on /mijn/, edits and resubmits.
"""

import re

import pytest

from knowledge.factories import BuildingBlockPageFactory, OrganisationFactory
from knowledge.models import PracticeCasePage
from members.factories import ModeratorFactory
from members.workflow import ensure_case_workflow

from .helpers import VIEWPORTS, last_mail_to, link_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "fatima@hengelo.example.org"
PASSWORD = "Opgave-Gericht-2026!"
TITLE = "Een wijkbudget dat bewoners zelf verdelen"
COMMENT = "Mooi voorbeeld! Kun je bij de resultaten zeggen hoeveel bewoners meededen?"


@pytest.fixture
def site(home, guide, case_index):
    chapter = guide.get_children().specific().get(slug="sturen")
    BuildingBlockPageFactory(parent=chapter, title="Wijkbudget", slug="wijkbudget")
    OrganisationFactory(name="Gemeente Hengelo")
    ensure_case_workflow()


def sign_up_and_log_in(person):
    tab = person.tab
    person.goto("/account/signup/")
    person.see("Account aanmaken", "sign-up form")
    tab.get_by_label("E-mail").fill(EMAIL)
    tab.locator("#id_password1").fill(PASSWORD)
    tab.locator("#id_password2").fill(PASSWORD)
    tab.get_by_label("Volledige naam").fill("Fatima el Amrani")
    tab.get_by_label("Functie").fill("Wijkregisseur")
    tab.get_by_role("button", name="Account aanmaken").click()
    tab.wait_for_load_state()
    person.see(re.compile(r"\w"), "sign-up: check your e-mail")

    # The verification link from the e-mail, then the button that confirms the address.
    person.goto(link_in(last_mail_to(EMAIL), "/account/"))
    person.see(re.compile(r"\w"), "confirm e-mail address")
    tab.locator("main form").get_by_role("button").click()
    tab.wait_for_load_state()
    if not tab.url.endswith("/mijn/"):
        person.goto("/account/login/")
        person.see("Inloggen", "log-in form")
        tab.get_by_label("E-mail").fill(EMAIL)
        tab.get_by_label("Wachtwoord").fill(PASSWORD)
        person.click(tab.locator("main").get_by_role("button", name="Inloggen"), re.compile(r"/mijn/$"))
    person.see("Mijn pagina", "dashboard, new member")
    assert tab.locator("main").get_by_text("Je hebt nog geen praktijkvoorbeelden gedeeld.").is_visible()


def submit_button(tab):
    return tab.locator("main form").get_by_role("button", name=re.compile(r"^(Indienen|Insturen)"))


def share_a_case(person):
    tab = person.tab
    person.click(tab.locator("main").get_by_role("link", name="Deel je praktijkvoorbeeld"), re.compile(r"/delen/$"))
    person.see("Deel je praktijkvoorbeeld", "case form")
    tab.locator("#id_title").fill(TITLE)
    tab.locator("#id_summary").fill("Bewoners van de Berflo Es beslissen samen over een deel van het wijkbudget.")
    tab.locator("#id_organisation").select_option(label="Gemeente Hengelo")
    tab.get_by_label("Opgavegericht sturen").check()
    tab.get_by_label("Wijkbudget").check()
    tab.locator("#id_year").fill("2025")
    tab.locator("#id_situation").fill("Bewoners voelden zich niet gehoord.")
    tab.locator("#id_approach").fill("De gemeente gaf een deel van het budget uit handen.")
    # Two lines, typed with Enter in between, as a person does.
    results = tab.locator("#id_results")
    results.click()
    results.press_sequentially("Er kwamen twaalf wijkplannen.")
    tab.keyboard.press("Enter")
    results.press_sequentially("Negen zijn uitgevoerd.")
    tab.locator("#id_lessons").fill("Geef bewoners echte keuzes.")
    tab.locator("#id_contact_name").fill("Fatima el Amrani")
    tab.locator("#id_consent").check()
    person.click(submit_button(tab), re.compile(r"/mijn/$"))
    person.see("Mijn pagina", "dashboard, case submitted")
    row = tab.locator("main tr", has_text=TITLE)
    assert row.get_by_text("In beoordeling").is_visible()


def request_changes():
    """What the moderator does in the admin (see test_moderator.py), done here through Wagtail's workflow."""
    page = PracticeCasePage.objects.get(title=TITLE)
    moderator = ModeratorFactory(username="moderator", email="moderator@example.org")
    page.current_workflow_task.on_action(page.current_workflow_task_state, moderator, "reject", comment=COMMENT)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_new_member_journey(journey, site, viewport):
    fatima = journey(viewport)
    tab = fatima.tab
    sign_up_and_log_in(fatima)
    share_a_case(fatima)

    request_changes()
    fatima.goto("/mijn/")
    fatima.see("Mijn pagina", "dashboard, changes requested")
    row = tab.locator("main tr", has_text=TITLE)
    assert row.get_by_text("Teruggestuurd").is_visible()
    assert COMMENT in row.inner_text()

    fatima.click(row.get_by_role("link", name=re.compile("^Bewerken")), re.compile(r"/bewerken/$"))
    fatima.see("Praktijkvoorbeeld bewerken", "case form, editing")
    results = tab.locator("#id_results")
    assert results.input_value() == "Er kwamen twaalf wijkplannen.\nNegen zijn uitgevoerd."
    results.press("End")
    results.press_sequentially(" Er deden 640 bewoners mee.")
    fatima.click(submit_button(tab), re.compile(r"/mijn/$"))
    fatima.see("Mijn pagina", "dashboard, resubmitted")
    assert tab.locator("main").get_by_text("Je praktijkvoorbeeld is opnieuw ingediend.").is_visible()
    assert tab.locator("main tr", has_text=TITLE).get_by_text("In beoordeling").is_visible()
    draft = PracticeCasePage.objects.get(title=TITLE).get_latest_revision_as_object()
    assert "640 bewoners" in draft.results

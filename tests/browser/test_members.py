"""A member's route in a real browser: sign up, verify, share a case; a moderator approves it.

axe-core checks the sign-up page, the submission form and the member's dashboard.
"""

import re

from django.core import mail

from wagtail.models import Page

import pytest

from knowledge.factories import BuildingBlockPageFactory, OrganisationFactory
from knowledge.models import PracticeCasePage
from members.factories import PASSWORD, MemberFactory, ModeratorFactory
from members.workflow import ensure_case_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MEMBER_PASSWORD = "Opgave-Gericht-2024!"


def log_in(tab, live_server, email, password):
    tab.goto(live_server.url + "/account/login/")
    tab.locator("#id_login").fill(email)
    tab.locator("#id_password").fill(password)
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url(re.compile(r".*/mijn/$"))


@pytest.fixture
def site(home, guide, case_index):
    chapter = guide.get_children().specific().get(slug="besturen")
    BuildingBlockPageFactory(parent=chapter, title="Opgaveportfolio", slug="opgaveportfolio")
    OrganisationFactory(name="Gemeente Deventer")
    ensure_case_workflow()
    return {"case_index": case_index}


def test_member_shares_a_case_and_moderator_approves(
    live_server, browser_page, chromium, site, assert_accessible, screenshot, tmp_path
):
    tab = browser_page
    mail.outbox.clear()
    # Sign up.
    tab.goto(live_server.url + "/account/signup/")
    assert_accessible(tab, "aanmelden")
    tab.locator("#id_email").fill("deventer@example.org")
    tab.locator("#id_password1").fill(MEMBER_PASSWORD)
    tab.locator("#id_password2").fill(MEMBER_PASSWORD)
    tab.get_by_label("Volledige naam").fill("Dirk Deventer")
    tab.get_by_label("Functie").fill("Opgavemanager")
    tab.get_by_role("button", name="Account aanmaken").click()
    tab.wait_for_load_state()

    # Verify through the link in the e-mail.
    (message,) = [m for m in mail.outbox if "deventer@example.org" in m.to]
    path = re.search(r"https?://[^/\s]+(/account/[^\s]+)", message.body).group(1)
    tab.goto(live_server.url + path)
    assert_accessible(tab, "e-mailadres bevestigen")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_load_state()
    if "/mijn/" not in tab.url:
        log_in(tab, live_server, "deventer@example.org", MEMBER_PASSWORD)

    # Share a case with an attachment.
    tab.goto(live_server.url + "/praktijkvoorbeelden/delen/")
    assert_accessible(tab, "praktijkvoorbeeld delen")
    tab.locator("#id_title").fill("Een opgaveportfolio in Deventer")
    tab.locator("#id_summary").fill("Deventer zette alle opgaven in één portfolio.")
    tab.locator("#id_organisation").select_option(label="Gemeente Deventer")
    tab.get_by_label("Opgavegericht besturen").check()
    tab.get_by_label("Opgaveportfolio").check()
    tab.locator("#id_year").fill("2024")
    for name in ["situation", "approach", "results", "lessons"]:
        tab.locator(f"#id_{name}").fill(f"Over {name} in Deventer.")
    tab.locator("#id_contact_name").fill("Dirk Deventer")
    tab.locator("#id_contact_email").fill("deventer@example.org")
    attachment = tmp_path / "portfolio.pdf"
    attachment.write_bytes(b"%PDF-1.4\n" + b"0" * 3000)
    tab.get_by_label("Bijlage 1").set_input_files(str(attachment))
    tab.locator("#id_consent").check()
    tab.get_by_role("button", name="Indienen").click()
    tab.wait_for_url(re.compile(r".*/mijn/$"))
    assert tab.get_by_text("In beoordeling").is_visible()
    assert_accessible(tab, "mijn pagina")
    screenshot(tab, "members-dashboard")

    page = PracticeCasePage.objects.get(title="Een opgaveportfolio in Deventer")
    assert not page.live

    # A moderator approves it in the Wagtail admin.
    ModeratorFactory(username="mod", email="mod@example.org")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    admin = context.new_page()
    admin.set_default_timeout(15_000)
    admin.goto(live_server.url + "/admin/login/")
    admin.locator("#id_username").fill("mod")
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("form button[type=submit]").first.click()
    admin.wait_for_load_state()
    admin.goto(live_server.url + f"/admin/pages/{page.pk}/edit/")
    admin.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    admin.locator("button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])").first.click()
    admin.wait_for_load_state()
    context.close()

    page.refresh_from_db()
    assert page.live
    tab.goto(live_server.url + page.url)
    assert tab.get_by_role("heading", name="Een opgaveportfolio in Deventer", level=1).is_visible()
    tab.goto(live_server.url + "/praktijkvoorbeelden/?invalshoek=besturen")
    assert tab.get_by_role("link", name="Een opgaveportfolio in Deventer").is_visible()
    assert Page.objects.filter(pk=page.pk, live=True).exists()


def test_the_case_form_offers_only_the_chosen_perspectives_building_blocks(
    live_server, browser_page, site, guide, assert_accessible
):
    chapter = guide.get_children().specific().get(slug="leren")
    BuildingBlockPageFactory(parent=chapter, title="Intervisie", slug="intervisie")
    member = MemberFactory(username="vorm")
    tab = browser_page
    log_in(tab, live_server, member.email, PASSWORD)

    tab.goto(live_server.url + "/praktijkvoorbeelden/delen/")
    portfolio, intervisie = tab.get_by_label("Opgaveportfolio"), tab.get_by_label("Intervisie")
    # Nothing chosen yet: every building block is offered.
    assert portfolio.is_visible() and intervisie.is_visible()
    # With the keyboard: tick "leren"; only its block stays.
    tab.get_by_label("Opgavegericht leren").focus()
    tab.keyboard.press("Space")
    assert intervisie.is_visible() and portfolio.is_hidden()
    intervisie.check()
    # Add "besturen": its block comes back; untick "leren": Intervisie goes and is unticked.
    tab.get_by_label("Opgavegericht besturen").check()
    assert portfolio.is_visible() and intervisie.is_visible()
    tab.get_by_label("Opgavegericht leren").uncheck()
    assert portfolio.is_visible() and intervisie.is_hidden()
    assert not intervisie.is_checked()
    assert_accessible(tab, "praktijkvoorbeeld delen, gefilterde bouwstenen")


def test_the_account_pages_are_accessible(live_server, browser_page, site, assert_accessible):
    member = MemberFactory(username="toegankelijk")
    tab = browser_page
    tab.goto(live_server.url + "/account/password/reset/")
    assert_accessible(tab, "wachtwoord vergeten")
    tab.locator("#id_email").fill(member.email)
    tab.get_by_role("button", name="Stuur mij een link").click()
    tab.wait_for_url(re.compile(r"/account/password/reset/done/$"))
    assert tab.get_by_role("heading", level=1).inner_text() == "Kijk in je mailbox"
    assert_accessible(tab, "wachtwoord: link verstuurd")

    tab.goto(live_server.url + "/account/password/reset/key/ongeldig-sleutel/")
    assert tab.get_by_role("heading", level=1).inner_text() == "Deze link werkt niet meer"
    assert_accessible(tab, "verlopen wachtwoordlink")

    log_in(tab, live_server, member.email, PASSWORD)
    tab.goto(live_server.url + "/account/email/")
    tab.locator("#id_email").fill("nieuw-adres@example.org")
    tab.get_by_role("button", name="E-mailadres wijzigen").click()
    tab.get_by_role("button", name="Stuur de e-mail opnieuw").wait_for()
    assert_accessible(tab, "e-mailadres wijzigen, nog niet bevestigd")
    tab.goto(live_server.url + "/account/logout/")
    assert_accessible(tab, "uitloggen")
    tab.get_by_role("button", name="Uitloggen").click()
    tab.wait_for_url(re.compile(r"/$"))
    assert tab.get_by_role("link", name=re.compile("Inloggen")).count() >= 1


@pytest.mark.parametrize("width", [1280, 375])
def test_someone_who_has_not_confirmed_deletes_the_account_with_the_keyboard(
    live_server, browser_page, site, assert_accessible, screenshot, width
):
    from django.contrib.auth import get_user_model

    tab = browser_page
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(live_server.url + "/account/signup/")
    tab.locator("#id_email").fill("twijfel@example.org")
    tab.locator("#id_password1").fill(MEMBER_PASSWORD)
    tab.locator("#id_password2").fill(MEMBER_PASSWORD)
    tab.get_by_label("Volledige naam").fill("Tim Twijfel")
    tab.get_by_label("Functie").fill("Adviseur")
    tab.get_by_role("button", name="Account aanmaken").click()
    tab.wait_for_load_state()
    assert tab.get_by_role("heading", name="Bevestig je e-mailadres", level=1).is_visible()
    assert_accessible(tab, f"e-mail verstuurd ({width}px)")
    screenshot(tab, f"privacy-verification-sent-{width}")

    link = tab.get_by_role("link", name="Verwijder je account")
    link.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r".*/mijn/verwijderen/$"))
    assert_accessible(tab, f"account verwijderen ({width}px)")
    screenshot(tab, f"privacy-delete-{width}")
    tab.get_by_label("Bevestig met je wachtwoord").fill(MEMBER_PASSWORD)
    tab.keyboard.press("Enter")
    tab.wait_for_url(live_server.url + "/")
    assert not get_user_model().objects.filter(email="twijfel@example.org").exists()


def test_a_locked_log_in_says_how_long_to_wait(live_server, browser_page, site, assert_accessible, settings):
    settings.AXES_FAILURE_LIMIT = 1
    member = MemberFactory(email="slot@example.org")
    tab = browser_page
    tab.goto(live_server.url + "/account/login/")
    tab.locator("#id_login").fill(member.email)
    tab.locator("#id_password").fill("niet-het-wachtwoord")
    with tab.expect_response(re.compile(r"/account/login/$")) as answer:
        tab.get_by_role("button", name="Inloggen").click()
    assert answer.value.status == 429
    assert tab.get_by_role("heading", level=1).inner_text() == "Te veel pogingen"
    assert "Probeer het over 15 minuten opnieuw." in tab.get_by_role("alert").inner_text()
    assert_accessible(tab, "log-in locked")

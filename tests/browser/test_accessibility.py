"""A visitor's route through the site in a real browser, with axe-core on every page type.

Route: home -> a perspective's chapter -> the case list filtered on that perspective -> a case.
Then the guide, a building block, the glossary, a standard page and the error states, so
every page type is checked for WCAG 2.1 A/AA violations with the site's CSS loaded
(colour contrast depends on it).
"""

import re

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from booklet.models import BookletEdition
from cop_site.factories import StandardPageFactory
from core.models import SiteSettings
from knowledge.factories import (
    BuildingBlockPageFactory,
    DefinitionFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation

from .conftest import MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def content(home, guide, case_index, glossary):
    """A small but complete site, built in the live server's database."""
    home.intro = "<p>Een plek waar gemeenten en provincies kennis over <b>opgavegericht werken</b> delen.</p>"
    home.guide_teaser = "De gids beschrijft vier invalshoeken, met bouwstenen en voorbeelden uit de praktijk."
    home.save()

    settings = SiteSettings.for_site(home.get_site())
    settings.about = "Een vereniging van projectbureaus van gemeenten en provincies."
    settings.contact_email = "info@example.org"
    settings.practical_contact_name = "Piet Praktisch"
    settings.practical_contact_email = "praktisch@example.org"
    settings.theme_contact_name = "Tineke Thema"
    settings.theme_contact_email = "thema@example.org"
    settings.save()

    collection = Collection.get_first_root_node()
    document = get_document_model().objects.create(
        title="Inspiratiegids als PDF",
        file=ContentFile(b"%PDF-1.4" + b"x" * 5000, name="gids.pdf"),
        collection=collection,
    )
    BookletEdition.objects.create(document=document, built_at=timezone.now(), digest="0" * 64, page_count=24)

    chapter = guide.get_children().specific().get(slug="besturen")
    chapter.body = [
        ("heading", {"text": "Waarom dit hoofdstuk", "level": "h2"}),
        ("paragraph", "<p>Besturen gaat over het <b>besturingsmodel</b> voor de opgaven.</p>"),
        ("quote", {"text": "Begin bij de bedoeling.", "attribution": "Een gemeentesecretaris"}),
    ]
    chapter.save()
    block = BuildingBlockPageFactory(
        parent=chapter,
        title="Opgaveportfolio",
        slug="opgaveportfolio",
        summary="Eén overzicht van alle opgaven, met eigenaar en prioriteit.",
        body=[("paragraph", "<p>Een portfolio maakt keuzes zichtbaar.</p>")],
    )
    BuildingBlockPageFactory(parent=chapter, title="Opgaveteams", slug="opgaveteams")

    utrecht = OrganisationFactory(
        name="Gemeente Utrecht", type=Organisation.Type.GEMEENTE, province=Organisation.Province.UTRECHT
    )
    gelderland = OrganisationFactory(
        name="Provincie Gelderland", type=Organisation.Type.PROVINCIE, province=Organisation.Province.GELDERLAND
    )
    case = PracticeCasePageFactory(
        parent=case_index,
        title="Eén portfolio voor alle opgaven in Utrecht",
        slug="portfolio-utrecht",
        perspectives=["besturen", "leren"],
        organisations=[utrecht],
        building_blocks=[block],
        year=2024,
        contact_name="Sanne de Boer",
        contact_role="Programmamanager",
        contact_email="s.deboer@example.org",
    )
    case.tags.add("portfolio")
    case.save()
    PracticeCasePageFactory(
        parent=case_index, title="Leren over de provinciegrens", perspectives=["leren"], organisations=[gelderland]
    )
    for n in range(13):
        PracticeCasePageFactory(parent=case_index, title=f"Sturen in de praktijk {n + 1}", perspectives=["sturen"])

    opgave = DefinitionFactory(
        term="Opgave", definition="<p>Een maatschappelijke vraag die om een antwoord vraagt.</p>", synonyms="vraagstuk"
    )
    sturing = DefinitionFactory(term="Opgavesturing", definition="<p>Sturen op de samenhang tussen inspanningen.</p>")
    sturing.related_terms.set([opgave])
    sturing.save()
    DefinitionFactory(term="Adaptieve gemeente", definition="<p>Een gemeente waar iedereen opgavegericht werkt.</p>")

    about = StandardPageFactory(
        parent=home,
        title="Over de vereniging",
        slug="over",
        show_in_menus=True,
        intro="Wie we zijn en wat we doen.",
        body=[
            ("heading", {"text": "Het bestuur", "level": "h2"}),
            (
                "people",
                {
                    "heading": "",
                    "people": [{"name": "Anna de Vries", "role": "Voorzitter", "organisation": "Gemeente Zwolle"}],
                },
            ),
        ],
    )
    settings.privacy_page = StandardPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    settings.accessibility_page = StandardPageFactory(
        parent=home, title="Toegankelijkheidsverklaring", slug="toegankelijkheid"
    )
    settings.save()
    return {"chapter": chapter, "block": block, "case": case, "about": about}


def test_visitor_route_has_no_accessibility_violations(
    live_server, browser_page, content, guide, glossary, assert_accessible, screenshot
):
    tab = browser_page

    # 1. Home.
    tab.goto(live_server.url + "/")
    assert tab.locator("html").get_attribute("lang") == "nl"
    # The site CSS is applied (the navigation bar has the brand colour).
    assert tab.locator(".site-nav").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(27, 63, 107)"
    statements = tab.get_by_role("list", name="Verklaringen")
    assert statements.get_by_role("link").all_inner_texts() == ["Privacyverklaring", "Toegankelijkheidsverklaring"]
    assert_accessible(tab, "home")
    screenshot(tab, "home-desktop")

    # 2. Follow a perspective to its chapter.
    tab.get_by_role("link", name="Opgavegericht besturen", exact=True).click()
    tab.wait_for_url(re.compile(r"/inspiratiegids/besturen/$"))
    assert tab.get_by_role("heading", level=1).inner_text() == "Opgavegericht besturen"
    assert_accessible(tab, "chapter")
    screenshot(tab, "chapter-desktop")

    # 3. Follow the link to the case list, filtered on this perspective.
    tab.get_by_role("link", name="Alle praktijkvoorbeelden over Opgavegericht besturen").click()
    tab.wait_for_url(re.compile(r"/praktijkvoorbeelden/\?invalshoek=besturen$"))
    assert tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht besturen")).is_checked()
    assert tab.get_by_role("status").filter(has_text="gevonden").inner_text() == "1 praktijkvoorbeeld gevonden"
    assert_accessible(tab, "case list, filtered")
    screenshot(tab, "case-list-filtered-desktop")

    # 4. Open the case.
    tab.get_by_role("link", name="Eén portfolio voor alle opgaven in Utrecht").click()
    tab.wait_for_url(re.compile(r"/praktijkvoorbeelden/portfolio-utrecht/$"))
    assert tab.get_by_role("heading", level=2, name="Geleerde lessen").is_visible()
    assert_accessible(tab, "case")
    screenshot(tab, "case-desktop")

    # The other page types.
    pages = {
        "guide": guide.url,
        "building block": content["block"].url,
        "glossary": glossary.url,
        "standard page": content["about"].url,
        "case list, unfiltered": "/praktijkvoorbeelden/",
        "case list, page 2": "/praktijkvoorbeelden/?invalshoek=sturen&page=2",
    }
    for label, url in pages.items():
        tab.goto(live_server.url + url)
        assert tab.get_by_role("heading", level=1).count() == 1, label
        assert_accessible(tab, label)
        screenshot(tab, label.replace(" ", "-").replace(",", ""))


def test_error_states_have_no_accessibility_violations(live_server, browser_page, content, assert_accessible):
    tab = browser_page
    response = tab.goto(live_server.url + "/praktijkvoorbeelden/?jaar=twintig")
    assert response.status == 400
    assert "Het jaar moet een getal van vier cijfers zijn" in tab.locator(".utrecht-alert").inner_text()
    assert_accessible(tab, "case list with bad input")

    response = tab.goto(live_server.url + "/bestaat-niet/")
    assert response.status == 404
    assert tab.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert_accessible(tab, "404 page")

    response = tab.goto(live_server.url + "/zoeken/?q=%00")
    assert response.status == 400
    assert tab.get_by_role("heading", level=1).inner_text() == "Ongeldige tekens"
    assert_accessible(tab, "400 page for control characters")

    tab.goto(live_server.url + "/account/login/")
    tab.context.clear_cookies()  # as when cookies are off: the form's security code no longer matches
    tab.locator('input[name="login"]').fill("lid@example.org")
    tab.locator('input[name="password"]').fill("een-wachtwoord")
    with tab.expect_navigation():
        tab.locator('input[name="password"]').press("Enter")
    assert tab.get_by_role("heading", level=1).inner_text() == "Formulier verlopen"
    assert_accessible(tab, "403 page for a form without its security code")


def test_filter_form_works_without_javascript(live_server, chromium, content, assert_accessible):
    context = chromium.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/praktijkvoorbeelden/")
        tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht leren")).check()
        tab.get_by_role("button", name="Filter toepassen").click()
        tab.wait_for_url(re.compile(r"invalshoek=leren"))
        assert tab.locator(".result-count").inner_text() == "2 praktijkvoorbeelden gevonden"
        # Remove the filter again with its chip.
        tab.get_by_role("link", name=re.compile(r"verwijderen: Opgavegericht leren")).click()
        tab.wait_for_url(re.compile(r"/praktijkvoorbeelden/$"))
        assert tab.locator(".result-count").inner_text() == "15 praktijkvoorbeelden gevonden"
    finally:
        context.close()


def test_mobile_layout_has_no_accessibility_violations(live_server, chromium, content, assert_accessible, screenshot):
    context = chromium.new_context(viewport=MOBILE, locale="nl-NL", is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        for label, url in {
            "home": "/",
            "chapter": content["chapter"].url,
            "case list": "/praktijkvoorbeelden/?invalshoek=besturen",
        }.items():
            tab.goto(live_server.url + url)
            # Nothing is wider than the screen.
            assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), label
            assert_accessible(tab, f"{label} (mobile)")
            screenshot(tab, f"{label.replace(' ', '-')}-mobile")
    finally:
        context.close()


def test_skip_link_is_first_and_moves_focus_to_main(live_server, browser_page, content, screenshot):
    tab = browser_page
    tab.goto(live_server.url + content["case"].url)

    tab.keyboard.press("Tab")
    screenshot(tab, "focus-skip-link")
    focused = tab.evaluate(
        "() => ({cls: document.activeElement.className, text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert "utrecht-skip-link" in focused["cls"]
    assert focused["text"] == "Direct naar de inhoud"
    assert focused["href"] == "#main-content"
    # Visible when focused.
    assert tab.locator(".utrecht-skip-link").is_visible()
    box = tab.locator(".utrecht-skip-link").bounding_box()
    assert box and box["y"] >= 0

    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main-content"
    assert tab.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab goes to the first link inside the main content, not back to the menu.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.getElementById('main-content').contains(document.activeElement)")
    # Focus is clearly visible: a solid outline of at least 2px.
    outline = tab.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2, outline
    screenshot(tab, "focus-first-link-in-main")

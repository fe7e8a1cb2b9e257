"""A visitor reads the guide, finds a case, looks up a term, searches and finds an event.

Route: home -> the guide -> a chapter -> a building block -> the case list filtered on
that block and a perspective -> a case -> the glossary (A–Z jump) -> search with a facet
-> the events list -> an event, and the main menu. At 1280px and 375px, with and without
JavaScript; every public page passes axe and, on the phone, shows its h1 in the first screen.
"""

import re

from wagtail.models import Site

import pytest
from playwright.sync_api import expect

from cop_site.factories import StandardPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from knowledge.factories import (
    BuildingBlockPageFactory,
    DefinitionFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation
from search import index

from .helpers import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(home, guide, case_index, glossary, elasticsearch):
    # The header as the demo shows it: the site's full name and six menu items.
    Site.objects.filter(root_page=home).update(site_name="Kennisbank Opgavegericht Werken")
    StandardPageFactory(parent=home, title="Over de vereniging", slug="over-de-vereniging", show_in_menus=True)
    chapter = guide.get_children().specific().get(slug="leren")
    block = BuildingBlockPageFactory(
        parent=chapter, title="Intervisie", slug="intervisie", summary="Samen leren van wat je in de praktijk doet."
    )
    BuildingBlockPageFactory(parent=chapter, title="Leerlogboek", slug="leerlogboek")
    deventer = OrganisationFactory(name="Gemeente Deventer", type=Organisation.Type.GEMEENTE, province="overijssel")
    brabant = OrganisationFactory(
        name="Provincie Noord-Brabant", type=Organisation.Type.PROVINCIE, province="noord-brabant"
    )
    PracticeCasePageFactory(
        parent=case_index,
        title="Intervisie tussen opgavemanagers",
        slug="intervisie-opgavemanagers",
        summary="Opgavemanagers van Deventer leren elke maand van elkaars dilemma's.",
        situation="<p>De opgavemanagers liepen tegen dezelfde knelpunten aan, ieder op een eigen eiland.</p>",
        perspectives=["leren"],
        building_blocks=[block],
        organisations=[deventer],
        year=2024,
    )
    PracticeCasePageFactory(
        parent=case_index,
        title="Intervisie in het provinciehuis",
        summary="De provincie organiseert intervisie over de afdelingen heen.",
        perspectives=["besturen"],
        building_blocks=[block],
        organisations=[brabant],
        year=2023,
    )
    DefinitionFactory(term="Opgave", definition="<p>Een maatschappelijke vraag die om samenwerking vraagt.</p>")
    DefinitionFactory(
        term="Portfoliosturing", definition="<p>Sturen op het geheel van opgaven in plaats van op losse projecten.</p>"
    )
    events = EventIndexPageFactory(parent=home, show_in_menus=True)
    event = EventPageFactory(
        parent=events,
        title="Masterclass intervisie begeleiden",
        slug="masterclass-intervisie",
        event_type="masterclass",
        intro="Je oefent met het begeleiden van een intervisiegroep.",
        perspectives=["leren"],
        capacity=20,
    )
    index.rebuild(elasticsearch)
    return {"event": event}


def visit(person):
    tab = person.tab
    main = tab.locator("main")

    person.goto("/")
    person.see("Kennisbank Opgavegericht Werken")
    person.click(
        main.get_by_role("link", name="Lees de Inspiratiegids Opgavegericht Werken"), re.compile(r"/inspiratiegids/$")
    )
    person.see("Inspiratiegids Opgavegericht Werken")
    person.click(
        main.get_by_role("link", name=re.compile(r"Hoofdstuk \d+: Opgavegericht leren")), re.compile(r"/leren/$")
    )
    person.see("Opgavegericht leren")
    person.click(
        main.get_by_role("heading", name="Intervisie", exact=True).get_by_role("link"),
        re.compile(r"/leren/intervisie/$"),
    )
    person.see("Intervisie")
    assert main.get_by_role("link", name="Intervisie tussen opgavemanagers").is_visible()

    # All cases with this building block, then narrowed down to one perspective.
    person.click(
        main.get_by_role("link", name="Filter alle praktijkvoorbeelden op de bouwsteen Intervisie"),
        re.compile(r"/praktijkvoorbeelden/\?bouwsteen=intervisie$"),
    )
    person.see("Praktijkvoorbeelden", "case list, one building block")
    assert main.locator(".result-count").inner_text() == "2 praktijkvoorbeelden gevonden"
    tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht leren")).check()
    person.click(tab.get_by_role("button", name="Filter toepassen"), re.compile(r"invalshoek=leren"))
    person.see("Praktijkvoorbeelden", "case list, building block and perspective")
    assert main.locator(".result-count").inner_text() == "1 praktijkvoorbeeld gevonden"
    person.click(
        main.get_by_role("link", name="Intervisie tussen opgavemanagers"), re.compile(r"/intervisie-opgavemanagers/$")
    )
    person.see("Intervisie tussen opgavemanagers")
    assert "ieder op een eigen eiland" in main.inner_text()

    # The glossary: jump to the letter P.
    person.goto("/begrippen/")
    person.see("Begrippen")
    person.click(tab.get_by_role("link", name="Begrippen beginnend met P"), re.compile(r"/begrippen/#letter-p$"))
    expect(tab.get_by_role("heading", name="P", exact=True)).to_be_in_viewport()
    assert tab.get_by_text("Sturen op het geheel van opgaven").is_visible()

    # Search from the header box, then narrow down with a facet.
    box = tab.get_by_role("searchbox", name="Zoeken in de kennisbank").or_(
        tab.get_by_role("combobox", name="Zoeken in de kennisbank")
    )
    box.fill("intervisie")
    box.press("Enter")
    tab.wait_for_url(re.compile(r"/zoeken/\?q=intervisie$"))
    person.see("Zoeken", "search results")
    hits = main.locator(".search-hit__title")
    assert "Intervisie in het provinciehuis" in hits.all_inner_texts()
    tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht leren")).check()
    person.click(tab.get_by_role("button", name="Filter toepassen"), re.compile(r"invalshoek=leren"))
    person.see("Zoeken", "search results with a facet")
    titles = hits.all_inner_texts()
    assert "Intervisie tussen opgavemanagers" in titles and "Intervisie in het provinciehuis" not in titles

    # The events, and one event.
    person.goto("/bijeenkomsten/")
    person.see("Bijeenkomsten")
    person.click(
        main.get_by_role("link", name="Masterclass intervisie begeleiden"), re.compile(r"/masterclass-intervisie/$")
    )
    person.see("Masterclass intervisie begeleiden")
    assert main.get_by_role("link", name="Schrijf je in").is_visible()

    check_main_menu(person)


def check_main_menu(person):
    """On a wide screen the main menu is one row, with the association's pages in the service menu
    above it; on a phone a button opens one menu with all of them (with JavaScript)."""
    tab = person.tab
    nav = tab.get_by_role("navigation", name="Hoofdmenu")
    names = [
        "Inspiratiegids Opgavegericht Werken",
        "Praktijkvoorbeelden",
        "Begrippen",
        "Bijeenkomsten",
    ]
    links = [nav.get_by_role("link", name=name, exact=True) for name in names]
    if not person.phone:
        tops = {round(link.bounding_box()["y"]) for link in links}
        assert len(tops) == 1, f"The main menu wraps over {len(tops)} rows"
        service = tab.get_by_role("navigation", name="Servicemenu")
        expect(service.get_by_role("link", name="Over de vereniging", exact=True)).to_be_visible()
        return
    links.append(nav.get_by_role("link", name="Over de vereniging", exact=True))
    if person.javascript:
        button = tab.locator("header").get_by_role("button", name=re.compile("menu", re.IGNORECASE))
        expect(button).to_have_attribute("aria-expanded", "false")
        assert not links[0].is_visible()
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
    elif not links[0].is_visible():
        # Without JavaScript the menu is either open, or opens with a plain control (such as a <summary>).
        tab.locator("header").get_by_text(re.compile(r"^\s*menu\s*$", re.IGNORECASE)).first.click()
    for link in links:
        expect(link).to_be_visible()
    person.click(links[2], re.compile(r"/begrippen/$"))
    person.see("Begrippen", "glossary, through the menu")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_visitor_journey(journey, site, viewport):
    visit(journey(viewport))


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_visitor_journey_without_javascript(journey, site, viewport):
    visit(journey(viewport, javascript=False))

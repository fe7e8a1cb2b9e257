"""Search in a real browser, on the real Elasticsearch: suggestions, the search page, axe-core.

Route: the header search box suggests pages as you type; the arrow keys and Enter open
one. Then the search page: a query, a perspective filter ticked and applied with the
keyboard, a result opened. axe-core checks the results page with filters active, the
page with no results and a "bedoelde je", the error state and the small screen. The
search page also works with JavaScript turned off.
"""

import re

import pytest

from knowledge.factories import OrganisationFactory, PracticeCasePageFactory
from knowledge.models import Organisation
from search import index

from .conftest import MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CITIES = [
    "Assen",
    "Almere",
    "Leeuwarden",
    "Arnhem",
    "Groningen",
    "Venlo",
    "Breda",
    "Haarlem",
    "Deventer",
    "Amersfoort",
    "Middelburg",
    "Delft",
]
PERSPECTIVES = ["besturen", "sturen", "presteren", "leren"]


@pytest.fixture
def content(corpus, case_index, elasticsearch):
    """The search corpus plus a dozen municipalities' cases, indexed in Elasticsearch."""
    for n, city in enumerate(CITIES):
        organisation = OrganisationFactory(
            name=f"Gemeente {city}", type=Organisation.Type.GEMEENTE, province=Organisation.Province.values[n]
        )
        PracticeCasePageFactory(
            parent=case_index,
            title=f"Opgaveteam in {city}",
            summary=f"Hoe de gemeente {city} met een opgaveteam aan een grote opgave werkt.",
            situation=f"<p>In {city} werkte de gemeente eerst per afdeling. Een opgaveteam bracht de wijk samen.</p>",
            perspectives=[PERSPECTIVES[n % 4], PERSPECTIVES[(n + 1) % 4]],
            organisations=[organisation],
            year=2020 + n % 5,
        )
    index.rebuild(elasticsearch)
    return corpus


def combobox(tab):
    return tab.get_by_role("combobox", name="Zoeken in de kennisbank")


def suggestion_list(tab):
    """The header's listbox, also while it is hidden (get_by_role skips hidden elements)."""
    return tab.get_by_role("listbox", name="Suggesties", include_hidden=True)


def test_header_suggestions_with_the_keyboard(live_server, browser_page, content, assert_accessible, screenshot):
    tab = browser_page
    tab.goto(live_server.url + "/")
    box = combobox(tab)
    listbox = suggestion_list(tab)
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-autocomplete") == "list"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")

    # One letter asks nothing; two do.
    box.press_sequentially("w")
    tab.wait_for_timeout(500)
    assert listbox.is_hidden()
    box.press_sequentially("ijkaan", delay=30)
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert options.first.inner_text().startswith("Wijkaanpak met bewoners")
    # The number of suggestions is announced in a live region.
    status = tab.locator(".site-header [role=status]")
    assert re.fullmatch(r"\d+ suggesties?\..*", status.inner_text())

    box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert tab.evaluate("document.activeElement.id") == "header-search-input"  # focus stays in the box
    assert_accessible(tab, "home with the suggestion list open")
    screenshot(tab, "search-suggestions-open")

    box.press("Enter")
    tab.wait_for_url(re.compile(r"/praktijkvoorbeelden/wijkaanpak-met-bewoners/$"))
    assert tab.get_by_role("heading", level=1).inner_text() == "Wijkaanpak met bewoners"


def test_header_suggestions_escape_arrows_and_mouse(live_server, browser_page, content):
    tab = browser_page
    tab.goto(live_server.url + content["chapters"]["leren"].url)
    box = combobox(tab)
    listbox = suggestion_list(tab)

    box.press_sequentially("opgaveteam", delay=20)
    listbox.wait_for(state="visible")
    options = listbox.get_by_role("option")
    count = options.count()
    assert count >= 2
    # ArrowUp from the box goes to the last option; ArrowDown past the last wraps to the first.
    box.press("ArrowUp")
    assert options.nth(count - 1).get_attribute("aria-selected") == "true"
    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    # Escape closes the list and keeps the text; a second Escape clears the box.
    box.press("Escape")
    assert listbox.is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "opgaveteam"
    box.press("Escape")
    assert box.input_value() == ""

    # The mouse: a click on a suggestion opens it.
    box.press_sequentially("dijkvers", delay=20)
    listbox.wait_for(state="visible")
    listbox.get_by_role("option", name=re.compile(r"^Samen opdrachtgever bij de dijkversterking")).click()
    tab.wait_for_url(re.compile(r"/praktijkvoorbeelden/dijkversterking/$"))

    # Enter without choosing a suggestion submits the search form.
    box = combobox(tab)
    box.press_sequentially("leefbaarheid", delay=20)
    box.press("Enter")
    tab.wait_for_url(re.compile(r"/zoeken/\?q=leefbaarheid$"))
    assert "Wijkaanpak met bewoners" in tab.locator(".search-hit__title").all_inner_texts()


def test_search_filter_with_the_keyboard_and_open_a_result(
    live_server, browser_page, content, assert_accessible, screenshot
):
    tab = browser_page
    tab.goto(live_server.url + "/zoeken/?q=gemeente")
    status = tab.get_by_role("status").filter(has_text="resultaten voor")
    assert re.fullmatch(r"1\d resultaten voor ‘gemeente’ \(pagina 1 van 2\)", status.inner_text())
    assert tab.locator(".search-hit mark").count() > 0
    screenshot(tab, "search-results-desktop")

    # Tick a perspective with the space bar and apply the filter with Enter on the button.
    checkbox = tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht leren"))
    checkbox.focus()
    tab.keyboard.press("Space")
    assert checkbox.is_checked()
    tab.get_by_role("button", name="Filter toepassen").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/zoeken/\?q=gemeente&invalshoek=leren"))
    assert tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht leren")).is_checked()
    assert tab.get_by_role("link", name=re.compile(r"verwijderen: Opgavegericht leren")).is_visible()
    count = int(tab.get_by_role("status").filter(has_text="voor ‘gemeente’").inner_text().split()[0])
    assert 1 <= count < 10
    assert_accessible(tab, "search results with a filter")
    screenshot(tab, "search-results-filtered-desktop")

    # Open a result with the keyboard.
    link = tab.get_by_role("link", name="Wijkaanpak met bewoners", exact=True)
    link.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/praktijkvoorbeelden/wijkaanpak-met-bewoners/$"))
    # The case page offers similar cases, found by Elasticsearch.
    assert tab.get_by_role("heading", name="Vergelijkbare praktijkvoorbeelden").is_visible()
    assert_accessible(tab, "case with similar cases")


def test_did_you_mean_beside_weak_results_is_accessible(
    live_server, browser_page, content, assert_accessible, screenshot
):
    tab = browser_page
    tab.goto(live_server.url + "/zoeken/?q=wijkaanpk+leefbaarhied")
    suggestion = tab.locator(".did-you-mean a")
    assert suggestion.inner_text().startswith("wijkaanpak")
    assert_accessible(tab, "search with typos: weak results and a suggestion")
    screenshot(tab, "search-did-you-mean")
    tab.goto(live_server.url + "/zoeken/?q=xqzvwk")
    assert tab.get_by_role("status").filter(has_text="Geen resultaten").is_visible()
    assert_accessible(tab, "search without results")
    tab.goto(live_server.url + "/zoeken/?q=wijkaanpk+leefbaarhied")
    suggestion.click()
    tab.wait_for_url(re.compile(r"/zoeken/\?q=wijkaanpak"))
    assert "Wijkaanpak met bewoners" in tab.locator(".search-hit__title").all_inner_texts()


def test_search_landing_and_error_states_are_accessible(live_server, browser_page, content, assert_accessible):
    tab = browser_page
    tab.goto(live_server.url + "/zoeken/")
    assert tab.get_by_role("link", name="Opgavegericht leren").is_visible()
    assert_accessible(tab, "search page without a query")

    response = tab.goto(live_server.url + "/zoeken/?q=gemeente&page=abc")
    assert response.status == 400
    assert "Het paginanummer moet een positief geheel getal zijn." in tab.locator(".utrecht-alert").inner_text()
    assert_accessible(tab, "search page with bad input")

    tab.goto(live_server.url + content["chapters"]["leren"].url)
    tab.get_by_role("link", name="Zoek in Opgavegericht leren").click()
    tab.wait_for_url(re.compile(r"/zoeken/\?invalshoek=leren$"))
    assert tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht leren")).is_checked()


def test_search_on_a_small_screen(live_server, chromium, content, assert_accessible, screenshot):
    context = chromium.new_context(viewport=MOBILE, locale="nl-NL", is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/zoeken/?q=gemeente&invalshoek=sturen")
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(tab, "search results (mobile)")
        screenshot(tab, "search-results-mobile")

        tab.goto(live_server.url + "/")
        box = combobox(tab)
        box.press_sequentially("opgave", delay=20)
        tab.get_by_role("listbox").wait_for(state="visible")
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(tab, "search-suggestions-mobile")
    finally:
        context.close()


def test_search_works_without_javascript(live_server, chromium, content, screenshot):
    context = chromium.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/")
        # Without the script the header box is a plain search box in a form.
        box = tab.get_by_role("searchbox", name="Zoeken in de kennisbank")
        assert box.get_attribute("role") is None
        box.fill("gemeente")
        box.press("Enter")
        tab.wait_for_url(re.compile(r"/zoeken/\?q=gemeente$"))
        assert tab.locator(".search-hit").count() == 10

        tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht presteren")).check()
        tab.get_by_role("button", name="Filter toepassen").click()
        tab.wait_for_url(re.compile(r"invalshoek=presteren"))
        titles = tab.locator(".search-hit__title").all_inner_texts()
        assert titles and all(t.startswith("Opgaveteam in") for t in titles)

        tab.get_by_label("Sorteren op").select_option("datum")
        tab.get_by_role("button", name="Sorteren").click()
        tab.wait_for_url(re.compile(r"sortering=datum"))
        assert "invalshoek=presteren" in tab.url
        screenshot(tab, "search-no-javascript")

        # A chip removes its filter and keeps the query and the sort order.
        tab.get_by_role("link", name=re.compile(r"verwijderen: Opgavegericht presteren")).click()
        tab.wait_for_url(re.compile(r"/zoeken/\?q=gemeente&sortering=datum$"))
        assert not tab.get_by_role("checkbox", name=re.compile(r"^Opgavegericht presteren")).is_checked()
    finally:
        context.close()

"""The main menu: one row on wide screens, a disclosure on narrow ones, with and without JavaScript."""

import pytest

from cop_site.factories import StandardPageFactory
from events.factories import EventIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SMALL = {"width": 375, "height": 740}


@pytest.fixture
def menu_site(home, guide, case_index, glossary):
    EventIndexPageFactory(parent=home)
    for title in ("Over de vereniging", "Bestuur", "Contact"):
        StandardPageFactory(parent=home, title=title, show_in_menus=True)
    return guide.get_children().first().specific


def open_tab(chromium, viewport, javascript=True):
    context = chromium.new_context(viewport=viewport, locale="nl-NL", java_script_enabled=javascript)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return context, tab, errors


def test_first_heading_is_in_the_first_screen_on_a_phone(live_server, chromium, menu_site, assert_accessible):
    context, tab, errors = open_tab(chromium, SMALL)
    for url in ("/", menu_site.url, "/begrippen/"):
        tab.goto(live_server.url + url)
        box = tab.locator("main h1").first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= SMALL["height"], f"h1 below the first screen on {url}"
        assert not tab.locator("#hoofdmenu").is_visible()
    toggle = tab.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    tab.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    menu = tab.get_by_role("navigation", name="Hoofdmenu")
    assert menu.is_visible()
    links = menu.get_by_role("link").all_inner_texts()
    assert links == [
        "Home",
        "Inspiratiegids Opgavegericht Werken",
        "Praktijkvoorbeelden",
        "Bijeenkomsten",
        "Begrippen",
        "Over de vereniging",
        "Bestuur",
        "Contact",
        "Inloggen",
    ]
    assert_accessible(tab, "open menu at 375px")
    tab.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert not errors
    context.close()


def test_phone_menu_works_without_javascript(live_server, chromium, menu_site):
    context, tab, _ = open_tab(chromium, SMALL, javascript=False)
    tab.goto(live_server.url + menu_site.url)
    assert not tab.locator("#hoofdmenu").is_visible()
    tab.get_by_role("link", name="Menu").click()
    assert tab.url.endswith("#hoofdmenu")
    menu = tab.get_by_role("navigation", name="Hoofdmenu")
    assert menu.is_visible()
    menu.get_by_role("link", name="Begrippen").click()
    assert tab.locator("main h1").inner_text() == "Begrippen"
    context.close()


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_main_menu_keeps_to_one_row_on_wide_screens(live_server, chromium, menu_site, assert_accessible, width):
    context, tab, errors = open_tab(chromium, {"width": width, "height": 900})
    tab.goto(live_server.url + menu_site.url)
    assert not tab.locator(".site-menu-toggle").is_visible()
    items = tab.locator(".site-nav__item:visible")
    tops = {round(box["y"]) for box in (items.nth(i).bounding_box() for i in range(items.count()))}
    assert len(tops) == 1, f"the main menu wraps at {width}px"
    assert items.all_inner_texts() == [
        "Home",
        "Inspiratiegids Opgavegericht Werken",
        "Praktijkvoorbeelden",
        "Bijeenkomsten",
        "Begrippen",
    ]
    service = tab.get_by_role("navigation", name="Servicemenu")
    assert service.get_by_role("link").all_inner_texts() == ["Over de vereniging", "Bestuur", "Contact"]
    assert_accessible(tab, f"chapter at {width}px")
    assert not errors
    context.close()

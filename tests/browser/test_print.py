"""Printing a chapter, a building block or a case gives the text alone, in black on white, with the
address of every link after its text (the site's own links with the site's address in front)."""

import os
from pathlib import Path

import pytest

from knowledge.factories import BuildingBlockPageFactory, PracticeCasePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROME = [".utrecht-skip-link", ".site-nav", ".site-service", ".header-search", ".site-breadcrumbs", ".site-footer"]

AFTER = "(link) => getComputedStyle(link, '::after').content"


@pytest.fixture
def printed_pages(guide, case_index):
    links = [
        (
            "paragraph",
            '<p>Lees de <a href="https://www.example.org/handreiking">handreiking</a> en de '
            f'<a linktype="page" id="{case_index.pk}">praktijkvoorbeelden</a>.</p>',
        )
    ]
    chapter = guide.get_children().specific().get(slug="besturen")
    chapter.body = links
    chapter.save_revision().publish()
    block = BuildingBlockPageFactory(parent=chapter, title="Opgaveportfolio", slug="opgaveportfolio", body=links)
    case = PracticeCasePageFactory(
        parent=case_index,
        title="Portfolio in Zwolle",
        perspectives=["besturen"],
        building_blocks=[block],
        approach='<p>Met de <a href="https://zwolle.example.nl/portfolio">portfoliokaart</a> erbij.</p>',
    )
    return {"chapter": chapter, "building block": block, "case": case}


@pytest.mark.parametrize("name", ["chapter", "building block", "case"])
def test_a_printed_page_has_the_text_alone(browser_page, live_server, printed_pages, settings, name):
    tab = browser_page
    tab.goto(live_server.url + printed_pages[name].url)
    # On screen the site's frame is there and no address follows a link.
    assert tab.locator(".site-nav").first.is_visible()
    external = tab.locator('main a[href^="https://"]').first
    assert external.evaluate(AFTER) == "none"

    tab.emulate_media(media="print")
    for selector in CHROME:
        assert not tab.locator(selector).first.is_visible(), selector
    assert tab.locator("main h1").is_visible()
    assert external.evaluate(AFTER) == f'" ({external.get_attribute("href")})"'
    own = tab.locator('main a[href^="/"]').first
    assert own.evaluate(AFTER) == f'" ({settings.WAGTAILADMIN_BASE_URL}{own.get_attribute("href")})"'
    assert tab.locator("main h1").evaluate("(h) => getComputedStyle(h).color") == "rgb(0, 0, 0)"
    assert tab.locator("body").evaluate("(b) => getComputedStyle(b).backgroundColor") == "rgb(255, 255, 255)"

    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    if folder := os.environ.get("BROWSER_SCREENSHOTS"):  # to look at it
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"print-{name.replace(' ', '-')}.pdf").write_bytes(pdf)

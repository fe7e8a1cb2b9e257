"""A team scan in a real browser, at 1280px and 375px, by keyboard, with axe-core on every page.

Route: the team page -> start -> the starter's page with the code -> the team's page below the
minimum -> (three scans in the database) -> the team's result -> closing, with its confirmation.
"""

import re

from django.template import Context, Template

import pytest

from balansscan.factories import ScanFactory, perspective_scores
from balansscan.models import Team

from .conftest import DESKTOP, MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def press(tab, role, name):
    """Reach a control with the keyboard's focus and press Enter, as someone without a mouse would."""
    control = tab.get_by_role(role, name=name)
    control.focus()
    assert tab.evaluate("document.activeElement.textContent.trim()") == name
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_a_team_scan_from_start_to_close(live_server, chromium, home, assert_accessible, screenshot, viewport):
    context = chromium.new_context(viewport=viewport, locale="nl-NL")
    tab = context.new_page()
    size = viewport["width"]

    tab.goto(live_server.url + "/balansscan/team/")
    assert tab.get_by_role("heading", level=1).inner_text() == "De Balansscan met je team"
    assert_accessible(tab, f"team start {size}")
    screenshot(tab, f"balansscan-team-start-{size}")

    press(tab, "button", "Start een teamscan")
    team = Team.objects.get()
    assert tab.url == f"{live_server.url}/balansscan/team/{team.code}/{team.starter_key}/?nieuw=1"
    code = tab.locator("[data-team-code]")
    assert code.inner_text().replace("\u200b", "").replace(" ", "").replace("\n", "") == team.code
    assert code.bounding_box()["height"] >= 40  # large enough to read aloud from a screen
    assert tab.get_by_label("Link voor je collega's").input_value().endswith(f"/balansscan/?team={team.code}")
    assert "Nog 3 antwoorden nodig." in tab.locator(".team-result").inner_text()
    no_sideways_scroll = tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways_scroll
    assert_accessible(tab, f"starter page {size}")
    screenshot(tab, f"balansscan-team-starter-{size}")

    for scores in ((80, 40, 60, 70), (60, 30, 50, 70)):
        ScanFactory(team=team, scores=perspective_scores(*scores))
    tab.goto(f"{live_server.url}/balansscan/team/{team.code.lower()}/")
    assert tab.url == f"{live_server.url}/balansscan/team/{team.code}/"
    assert "Nog 1 antwoord nodig." in tab.locator(".team-result").inner_text()
    assert tab.locator(".team-chart").count() == 0
    assert_accessible(tab, f"team page below the minimum {size}")

    ScanFactory(team=team, scores=perspective_scores(70, 20, 55, 40))
    tab.reload()
    chart = tab.get_by_role("img", name="Scores van het team per invalshoek")
    assert chart.is_visible()
    averages = tab.locator("[data-team-table] tbody tr td:first-of-type").all_inner_texts()
    assert averages == ["70", "30", "55", "60"]
    assert "opgavegericht sturen" in tab.locator("[data-weakest]").inner_text()
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(tab, f"team result {size}")
    screenshot(tab, f"balansscan-team-result-{size}")

    tab.goto(f"{live_server.url}/balansscan/team/{team.code}/{team.starter_key}/")
    press(tab, "link", "Teamscan sluiten")
    assert re.search(r"/sluiten/$", tab.url)
    assert_accessible(tab, f"close confirmation {size}")
    team.refresh_from_db()
    assert not team.is_closed
    press(tab, "button", "Teamscan sluiten")
    assert tab.url.endswith("?gesloten=1")
    assert "De teamscan is gesloten." in tab.locator(".site-alert[role=status]").inner_text()
    assert tab.get_by_role("link", name="Teamscan sluiten").count() == 0
    assert_accessible(tab, f"closed team scan {size}")
    screenshot(tab, f"balansscan-team-closed-{size}")
    team.refresh_from_db()
    assert team.is_closed

    # The error states: a mistyped code in the form, an unknown code.
    tab.goto(live_server.url + "/balansscan/team/")
    tab.get_by_role("textbox", name="Teamcode").fill("ABC")
    press(tab, "button", "Bekijk de uitslag")
    assert tab.title().startswith("Fout:")
    assert "Een teamcode heeft 8 letters en cijfers" in tab.locator("#foutmeldingen").inner_text()
    assert_accessible(tab, f"team code with a mistake {size}")
    response = tab.goto(live_server.url + "/balansscan/team/ZZZZZZZZ/")
    assert response.status == 404
    assert tab.get_by_role("heading", level=1).inner_text() == "Teamscan niet gevonden"
    assert_accessible(tab, f"unknown team code {size}")
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_the_benchmark_table_on_a_page(live_server, chromium, home, assert_accessible, screenshot, viewport):
    """The include that the result page shows, in the site's layout and styles (here on the team page's frame)."""
    for score in (10, 20, 30, 40, 50):
        ScanFactory(in_benchmark=True, organisation_type="gemeente", scores=perspective_scores(score, 50, 60, None))
    mine = ScanFactory(organisation_type="gemeente", scores=perspective_scores(65, 40, None, 20))
    table = Template("{% load benchmark_tags %}{% scan_benchmark scan %}").render(Context({"scan": mine}))

    context = chromium.new_context(viewport=viewport, locale="nl-NL")
    tab = context.new_page()
    tab.goto(live_server.url + "/balansscan/team/")
    tab.evaluate("html => { document.querySelector('article').innerHTML = html }", table)
    cells = tab.locator("[data-benchmark-table] tbody tr").first.locator("td").all_inner_texts()
    assert cells == ["65", "30", "5"]
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(tab, f"benchmark table {viewport['width']}")
    screenshot(tab, f"balansscan-benchmark-{viewport['width']}")
    context.close()

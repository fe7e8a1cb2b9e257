"""The Balansscan for one person in a real browser: with the keyboard only, at 1280px and 375px, axe-core
on the intro, every step, a step with errors and the result; the radar's table equal to the stored
scores. Then the same journey without JavaScript, going back a step on the way.
"""

import re

import pytest

from balansscan.models import Scan
from balansscan.scoring import DONT_KNOW
from tests.balansscan.scan_content import ANSWERS, SCORES, build

from .conftest import DESKTOP, MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The radio buttons of a statement, in order: the five answers of the scale, then "weet ik niet".
CHOICES = ["1", "2", "3", "4", "5", DONT_KNOW]


@pytest.fixture
def content(guide, case_index):
    return build(guide, case_index)


def tab_to(tab, selector, limit=80):
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Could not reach {selector} with the Tab key")


def choose_with_keys(tab, choice):
    """In a radio group that has the focus on its first button: pick `choice` with the arrow keys."""
    position = CHOICES.index(choice)
    if position == 0:
        tab.keyboard.press("Space")
    for _ in range(position):
        tab.keyboard.press("ArrowRight")


def table_scores(tab):
    rows = tab.locator("#scores tbody tr")
    return {
        rows.nth(i).get_attribute("data-perspective"): int(rows.nth(i).locator("td").inner_text())
        for i in range(rows.count())
    }


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "375"])
def test_one_person_takes_the_scan_with_the_keyboard(
    live_server, chromium, content, assert_accessible, screenshot, viewport
):
    context = chromium.new_context(viewport=viewport, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/balansscan/")
        assert_accessible(tab, f"scan intro {viewport['width']}")
        screenshot(tab, f"balansscan-intro-{viewport['width']}")
        tab_to(tab, "a[href='/balansscan/vragen/']")
        tab.keyboard.press("Enter")
        tab.wait_for_url(re.compile(r"/balansscan/vragen/$"))

        # Sent empty first: the step comes back with a message per statement.
        tab_to(tab, "button[value=volgende]")
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert tab.locator("#foutmeldingen li").count() == 3
        assert_accessible(tab, f"scan step with errors {viewport['width']}")

        for number, (slug, choices) in enumerate(ANSWERS.items(), start=1):
            assert f"stap {number} van 4" in tab.locator(".scan-progress").inner_text().lower()
            assert_accessible(tab, f"scan step {number} {viewport['width']}")
            screenshot(tab, f"balansscan-step-{number}-{viewport['width']}")
            statements = content["statements"][slug]
            tab_to(tab, f"#id_stelling_{statements[0].pk}_0")
            for index, choice in enumerate(choices):
                if index:
                    tab.keyboard.press("Tab")
                    assert tab.evaluate("document.activeElement.name") == f"stelling_{statements[index].pk}"
                choose_with_keys(tab, choice)
                assert (
                    tab.locator(f"input[name=stelling_{statements[index].pk}]:checked").get_attribute("value")
                    == choice
                )
            if number == len(ANSWERS):
                tab_to(tab, "#id_in_benchmark")
                tab.keyboard.press("Space")
            tab_to(tab, "button[value=volgende]")
            with tab.expect_navigation():
                tab.keyboard.press("Enter")

        tab.wait_for_url(re.compile(r"/balansscan/uitslag/[\w-]+/$"))
        scan = Scan.objects.get()
        assert scan.in_benchmark is True
        assert scan.scores == SCORES
        in_table = table_scores(tab)
        assert in_table == scan.scores
        labels = tab.locator("svg[role=img] text")
        on_chart = [labels.nth(i).text_content() for i in range(labels.count())]
        # The chart's labels, in the table's order (the perspectives'), end in the same numbers.
        assert [int(re.search(r"\d+$", label).group()) for label in on_chart] == list(in_table.values())
        assert tab.locator(".scan-advice h2").all_inner_texts() == ["Aan de slag met Opgavegericht sturen"]
        # Nothing sticks out sideways, also on a phone.
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(tab, f"scan result {viewport['width']}")
        screenshot(tab, f"balansscan-result-{viewport['width']}")
    finally:
        context.close()


def test_the_scan_works_without_javascript(live_server, chromium, content):
    context = chromium.new_context(java_script_enabled=False, viewport=MOBILE, locale="nl-NL", is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/balansscan/")
        tab.get_by_role("link", name="Begin de scan").click()
        slugs = list(ANSWERS)
        number = 0
        went_back = False
        while number < len(slugs):
            statements = content["statements"][slugs[number]]
            for statement, choice in zip(statements, ANSWERS[slugs[number]], strict=True):
                tab.locator(f"input[name=stelling_{statement.pk}][value='{choice}']").check()
            if number == 1 and not went_back:
                # Back from step 2 to step 1: step 1's answers are still chosen.
                tab.get_by_role("button", name="Vorige stap").click()
                went_back = True
                number = 0
                first = content["statements"][slugs[0]]
                for statement, choice in zip(first, ANSWERS[slugs[0]], strict=True):
                    assert tab.locator(f"input[name=stelling_{statement.pk}][value='{choice}']").is_checked()
                continue
            name = "Bekijk de uitslag" if number == len(slugs) - 1 else "Volgende stap"
            tab.get_by_role("button", name=name).click()
            number += 1
        tab.wait_for_url(re.compile(r"/balansscan/uitslag/[\w-]+/$"))
        assert table_scores(tab) == Scan.objects.get().scores == SCORES
        assert Scan.objects.get().in_benchmark is False
    finally:
        context.close()

"""Playwright (sync API) driving Debian's Chromium, for the browser tests.

Without Chromium the browser tests are skipped on a developer's machine, but in CI
(the CI environment variable is set) a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django's ORM would then
# refuse to run there, although the calls are in fact synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The axe-core that package.json pins; axe_playwright_python's bundled copy is the fallback.
AXE_CORE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (sudo apt-get install chromium)."
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections

    from playwright.sync_api import sync_playwright

    # The test database is set up (django_db_setup) before Playwright starts, and its
    # migrated content (root page, locale, site, perspectives) is serialized onto the
    # connection objects, so that serialized_rollback can restore it after each browser
    # test flushes the database.
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}

    with sync_playwright() as playwright:
        # Playwright's sync API leaves an asyncio loop running in this thread. asgiref then
        # hands Django new, context-local connection objects, which lack the serialized
        # content: give it to them, or the second browser test would find an empty database.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh tab in a Dutch desktop browser. Static files that fail to load fail the test."""
    context = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.failed_assets = []

    def record(response):
        if "/static/" in response.url and response.status >= 400:
            tab.failed_assets.append(f"{response.status} {response.url}")

    tab.on("response", record)
    yield tab
    context.close()
    assert not tab.failed_assets, f"Static files did not load: {tab.failed_assets}"


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe.from_file(AXE_CORE) if AXE_CORE.exists() else Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core's WCAG 2.1 A and AA rules on the page and fail with a readable report."""

    def check(tab, label=None):
        results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        # A summary, shown with -s or on failure; "to review" lists what axe could not decide.
        passes = [rule["id"] for rule in results.response.get("passes", [])]
        review = ", ".join(f"{item['id']} ({len(item['nodes'])})" for item in results.response.get("incomplete", []))
        print(
            f"axe {results.response['testEngine']['version']} on {label or tab.url}: {len(passes)} rules passed"
            f"{' including color-contrast' if 'color-contrast' in passes else ''}; to review: {review or 'none'}"
        )
        if violations:
            lines = [f"axe found {len(violations)} WCAG violation(s) on {label or tab.url}:"]
            for violation in violations:
                lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
                for node in violation["nodes"][:5]:
                    lines.append(f"    at {', '.join(map(str, node['target']))}: {node['failureSummary']}")
            pytest.fail("\n".join(lines), pytrace=False)
        return results

    return check


@pytest.fixture
def screenshot():
    """Save a full-page screenshot when BROWSER_SCREENSHOTS names a folder; do nothing otherwise."""
    folder = os.environ.get("BROWSER_SCREENSHOTS")

    def take(tab, name):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def journey(chromium, live_server, assert_accessible, mailoutbox):
    """Start journeys (tests/browser/journeys/helpers.py) at a viewport; each one is checked at the end."""
    from .journeys.helpers import Journey

    started = []

    def start(viewport, javascript=True):
        started.append(Journey(chromium, live_server, assert_accessible, viewport, javascript=javascript))
        return started[-1]

    yield start
    for person in started:
        person.finish()

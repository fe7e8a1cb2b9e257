"""An editor maintains the site in the Wagtail admin and sees the result on the public pages.

Route: log in -> edit and publish a chapter (the public chapter shows the change) -> add a
definition (it shows on /begrippen/) -> create and publish an event (it shows on
/bijeenkomsten/) -> download the registrations of an event as CSV, which must open in Dutch
Excel: semicolon-separated UTF-8 with a byte order mark.

The Wagtail admin pages are not checked with axe (Wagtail's own markup), but they are
checked for failed responses and console errors; the public pages get axe as everywhere.
"""

import re
from pathlib import Path

from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory, days_from_now
from members.factories import UserFactory

from .helpers import VIEWPORTS, log_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(home, guide, glossary):
    editor = UserFactory(username="redacteur", email="redactie@example.org")
    # In Wagtail's own groups, Editors may change pages and Moderators may also publish them.
    editor.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    events = EventIndexPageFactory(parent=home, show_in_menus=True)
    webinar = EventPageFactory(parent=events, title="Webinar de vier invalshoeken", slug="webinar-invalshoeken")
    for name in ["Anna de Vries", "Bram Bakker"]:
        RegistrationFactory(event=webinar, name=name, email=f"{name.split()[0].lower()}@example.org")
    return {"chapter": guide.get_children().specific().get(slug="presteren"), "events": events, "webinar": webinar}


def show_field(tab, selector):
    """Open the admin tab that holds a field, when it is on another tab."""
    field = tab.locator(selector)
    if not field.is_visible():
        panel = tab.locator("[role=tabpanel]", has=field)
        tab.locator(f"[role=tab][aria-controls='{panel.get_attribute('id')}']").click()
    return field


def publish(tab):
    button = tab.locator("footer button[name='action-publish']")
    if not button.is_visible():
        tab.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    button.click()
    tab.locator(".messages").wait_for()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_editor_journey(journey, site, viewport):
    editor = journey(viewport)
    tab = editor.tab
    log_in_to_admin(editor, "redacteur")

    # A chapter: a new introduction, published.
    chapter = site["chapter"]
    editor.goto(f"/admin/pages/{chapter.pk}/edit/")
    show_field(tab, "#id_intro").fill("Presteren gaat over wat de opgaven samen opleveren, en hoe je dat laat zien.")
    publish(tab)
    assert chapter.title in tab.locator(".messages").inner_text()
    editor.goto(chapter.url)
    editor.see("Opgavegericht presteren", "chapter after an edit")
    assert "wat de opgaven samen opleveren" in tab.locator("main").inner_text()

    # A definition.
    editor.goto("/admin/snippets/knowledge/definition/add/")
    tab.locator("#id_term").fill("Maatschappelijke waarde")
    tab.locator("#id_slug").fill("maatschappelijke-waarde")
    text = tab.locator("#panel-child-definition-content [role=textbox], .Draftail-Editor [role=textbox]").first
    text.click()
    text.press_sequentially("Wat een opgave oplevert voor inwoners, ook als het niet in geld is uit te drukken.")
    expect(text).to_contain_text("niet in geld")
    # Draftail writes its content to the form's hidden input a moment after the last key.
    expect(tab.locator("input[name=definition]")).to_have_value(re.compile("niet in geld"))
    tab.locator("footer button[type=submit]").first.click()
    tab.locator(".messages").wait_for()
    assert "Maatschappelijke waarde" in tab.locator(".messages").inner_text(), tab.locator(
        ".error-message"
    ).all_inner_texts()
    editor.goto("/begrippen/")
    editor.see("Begrippen", "glossary with the new definition")
    assert tab.locator("#maatschappelijke-waarde").inner_text() == "Maatschappelijke waarde"
    assert "ook als het niet in geld is uit te drukken" in tab.locator("main").inner_text()

    # An event, published.
    start = days_from_now(30, 10)
    editor.goto(f"/admin/pages/add/events/eventpage/{site['events'].pk}/")
    tab.locator("#id_title").fill("Masterclass waarde zichtbaar maken")
    show_field(tab, "#id_event_type").select_option("masterclass")
    show_field(tab, "#id_intro").fill("Je leert laten zien wat een opgave oplevert.")
    show_field(tab, "#id_start").fill(f"{start:%Y-%m-%d %H:%M}")
    show_field(tab, "#id_end").fill(f"{start.replace(hour=12):%Y-%m-%d %H:%M}")
    tab.keyboard.press("Escape")
    show_field(tab, "#id_meeting_url").fill("https://vergaderen.example.org/waarde-Kw81")
    publish(tab)
    assert "Masterclass waarde zichtbaar maken" in tab.locator(".messages").inner_text()
    editor.goto("/bijeenkomsten/")
    editor.see("Bijeenkomsten", "events with the new event")
    tab.locator("main").get_by_role("link", name="Masterclass waarde zichtbaar maken").click()
    editor.see("Masterclass waarde zichtbaar maken", "the new event")

    # The registrations of the webinar as CSV, for Dutch Excel.
    editor.goto("/admin/aanmeldingen/")
    with tab.expect_download() as download:
        tab.get_by_role("link", name="Download CSV").click()  # a visible header button, not behind "…"
    data = Path(download.value.path()).read_bytes()
    editor.check(data.startswith(b"\xef\xbb\xbf"), f"The CSV has no UTF-8 byte order mark: {data[:40]!r}")
    text = data.decode("utf-8-sig")
    header, *rows = text.splitlines()
    editor.check(";" in header and "," not in header, f"The CSV is not separated by semicolons: {header!r}")
    assert header.startswith("Bijeenkomst") and len(rows) == 2, text
    assert "Anna de Vries" in text and "Bram Bakker" in text

"""What a member types in the case form must open in Wagtail's rich-text editor (Draftail) for moderators."""

import importlib

from django.apps import apps as django_apps

import pytest

from knowledge.models import PracticeCasePage
from members.forms import html_to_text, text_to_html

from .helpers import case_data

pytestmark = pytest.mark.django_db

SUBMIT = "/praktijkvoorbeelden/delen/"
LONG = ("Een zin over de aanpak van de opgave. " * 280)[:10_000]

TEXTS = {
    "line break": ("Eerste regel\nTweede regel", ["Eerste regel", "Tweede regel"]),
    "blank line": ("Eerste alinea\n\nTweede alinea", ["Eerste alinea", "Tweede alinea"]),
    "dash list": ("Wat werkte:\n- korte lijnen\n- vaste teams", ["korte lijnen", "vaste teams"]),
    "star list": ("* korte lijnen\n* vaste teams", ["korte lijnen", "vaste teams"]),
    "numbered list": ("1. eerst verkennen\n2. dan bouwen", ["eerst verkennen", "dan bouwen"]),
    "windows line endings": ("Eerste regel\r\nTweede regel\r\n\r\nDerde alinea", ["Tweede regel", "Derde alinea"]),
    "10,000 characters": (LONG, [LONG[:60].strip()]),
}


@pytest.mark.parametrize("name", TEXTS)
def test_moderator_opens_submitted_case_in_admin(name, site, users, clients):
    text, visible = TEXTS[name]
    response = clients["member_a"].post(SUBMIT, case_data(site, results=text))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PracticeCasePage.objects.get()
    edit = clients["moderator"].get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    html = edit.content.decode()
    for fragment in visible:
        assert fragment in html


def test_lists_and_line_breaks_become_what_draftail_writes():
    assert text_to_html("Wat werkte:\n- korte lijnen\n- vaste teams\n\n1. eerst\n2. dan") == (
        '<p data-block-key="b0">Wat werkte:</p>'
        '<ul><li data-block-key="b1">korte lijnen</li><li data-block-key="b2">vaste teams</li></ul>'
        '<ol><li data-block-key="b3">eerst</li><li data-block-key="b4">dan</li></ol>'
    )
    assert text_to_html("a <b>\r\nb") == '<p data-block-key="b0">a &lt;b&gt;<br/>b</p>'
    assert text_to_html("  \n ") == ""


def test_member_gets_back_the_text_they_typed():
    text = "Wat werkte:\n- korte lijnen\n- vaste teams\n\n1. eerst\n2. dan\n\nSlot\nmet regel"
    assert html_to_text(text_to_html(text)) == text
    assert html_to_text("<p>Oud<br>formaat</p>\n\n<p>Tweede</p>") == "Oud\nformaat\n\nTweede"


def test_migration_repairs_broken_page_and_revision(site, users, clients):
    migration = importlib.import_module("members.migrations.0003_repair_case_rich_text")
    broken = "<p>Eerste regel<br>Tweede regel</p>\n\n<p>- een<br>- twee</p>"
    fixed = (
        '<p data-block-key="b0">Eerste regel<br/>Tweede regel</p>'
        '<ul><li data-block-key="b1">een</li><li data-block-key="b2">twee</li></ul>'
    )
    assert migration.repair_case_text(broken) == fixed
    # A case as the old form stored it, in the page row and in its revision.
    clients["member_a"].post(SUBMIT, case_data(site))
    page = PracticeCasePage.objects.get()
    PracticeCasePage.objects.filter(pk=page.pk).update(results=broken)
    revision = page.latest_revision
    revision.content["results"] = broken
    revision.save(update_fields=["content"])
    assert clients["moderator"].get(f"/admin/pages/{page.pk}/edit/").status_code == 500

    migration.forwards(django_apps, None)

    page.refresh_from_db()
    revision.refresh_from_db()
    assert page.results == fixed
    assert revision.content["results"] == fixed
    edit = clients["moderator"].get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "Tweede regel" in edit.content.decode()
    # Text that Draftail can already open, perhaps edited in the admin with bold or links, stays as it was.
    edited = '<p data-block-key="x">Met <b>vet</b> en <a href="https://example.org">een link</a></p>'
    assert migration.repair_case_text(edited) == edited

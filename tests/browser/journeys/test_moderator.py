"""A moderator reviews a member's case in the Wagtail admin: asks for changes, later approves.

The case comes in through the member form's own code (members.cases), with two lines in
"Resultaten", as a member types them. The moderator logs in, finds the case on the admin
dashboard, opens its edit view, sends it back with a comment and, after the member
resubmits, approves it; then the case is live on the public site.

The Wagtail admin pages are not checked with axe (Wagtail's own markup, outside this
project's templates), but they are checked for failed responses and console errors like
every other page.
"""

import re

from django.core import mail

import pytest

from knowledge.factories import BuildingBlockPageFactory, OrganisationFactory
from members.cases import create_case, submit_case
from members.factories import MemberFactory, ModeratorFactory
from members.forms import CaseSubmissionForm
from members.workflow import ensure_case_workflow
from tests.members.helpers import case_data

from .helpers import VIEWPORTS, log_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Opgaveteams in Zwolle"
COMMENT = "Wil je bij de aanpak noemen wie de opdrachtgever was?"


@pytest.fixture
def submitted(home, guide, case_index):
    """A case as a member submits it: through the form and members.cases, with a line break in a text."""
    ensure_case_workflow()
    chapter = guide.get_children().specific().get(slug="besturen")
    site = {
        "organisation": OrganisationFactory(name="Gemeente Zwolle"),
        "blocks": {"besturen": [BuildingBlockPageFactory(parent=chapter, title="Opgaveteams", slug="opgaveteams")]},
    }
    member = MemberFactory(username="jan", email="jan@example.org")
    form = CaseSubmissionForm(case_data(site, title=TITLE, results="Twee teams draaien al.\nEen derde start in mei."))
    assert form.is_valid(), form.errors
    page, _ = create_case(form, member, submit=True)
    ModeratorFactory(username="moderator", email="moderator@example.org")
    return {"page": page, "member": member}


def open_case_from_dashboard(person):
    """The dashboard lists the cases waiting for review; the title opens the edit view, which must load."""
    tab = person.tab
    person.goto("/admin/")
    with tab.expect_response(re.compile(r"/admin/pages/\d+/edit/$")) as opened:
        tab.locator("main").get_by_role("link", name=TITLE).first.click()
    assert opened.value.status == 200, f"The case's edit view answered {opened.value.status}"
    tab.wait_for_load_state()
    assert tab.locator("#id_title").input_value() == TITLE


def workflow_action(tab, name):
    """Open the footer's action menu and choose a workflow action (approve or request changes)."""
    tab.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    tab.locator(f"footer button[data-workflow-action-name='{name}']").first.click()


def success_message(tab):
    return tab.locator(".messages .success, .messages [class*=success]").first.inner_text()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_moderator_journey(journey, submitted, viewport):
    moderator = journey(viewport)
    tab = moderator.tab
    page, member = submitted["page"], submitted["member"]
    log_in_to_admin(moderator, "moderator")

    # Send it back with a comment.
    open_case_from_dashboard(moderator)
    workflow_action(tab, "reject")
    dialog = tab.get_by_role("dialog")
    dialog.locator("textarea").fill(COMMENT)
    dialog.locator("button[type=submit]").click()
    tab.locator(".messages").wait_for()
    message = success_message(tab)
    moderator.check(
        "is teruggestuurd naar" in message and TITLE in message and member.email in message,
        f"After 'request changes' the message does not say the case went back to whom: {message!r}",
    )
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"

    # The member resubmits (test_new_member.py walks that part); the moderator approves.
    mail.outbox.clear()
    submit_case(page, member)
    open_case_from_dashboard(moderator)
    workflow_action(tab, "approve")
    # Approving may ask for a comment first.
    dialog = tab.get_by_role("dialog")
    if dialog.count() and dialog.is_visible():
        dialog.locator("button[type=submit]").click()
    tab.locator(".messages").wait_for()
    message = success_message(tab)
    moderator.check(
        TITLE in message and "is goedgekeurd en gepubliceerd" in message,
        f"After approval the message does not say the case is approved and published: {message!r}",
    )

    page.refresh_from_db()
    assert page.live
    moderator.goto(page.url)
    moderator.see(TITLE, "the approved case")
    main = tab.locator("main").inner_text()
    assert "Twee teams draaien al." in main and "Een derde start in mei." in main

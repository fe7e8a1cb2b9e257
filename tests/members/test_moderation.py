"""The moderator's journey in the admin: the decision on a member's case is confirmed in words
that say what happened and to whom, and the workflow's names are Dutch."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Task, Workflow, WorkflowState

import pytest
from bs4 import BeautifulSoup

from knowledge.factories import PracticeCasePageFactory
from knowledge.models import PracticeCasePage
from members.models import Profile

from .helpers import case_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(site, users, clients):
    """Member A ("Jan Jansen") has submitted a case; it waits for the moderators."""
    Profile.objects.filter(user=users["member_a"]).update(full_name="Jan Jansen")
    users["member_a"].email = "jan@example.org"
    users["member_a"].save()
    clients["member_a"].post("/praktijkvoorbeelden/delen/", case_data(site, title="Wijkteams in Zwolle"))
    page = PracticeCasePage.objects.get(title="Wijkteams in Zwolle")
    return page, WorkflowState.objects.active().for_instance(page).get().current_task_state


def shown_messages(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in page.select(".messages li")]


def test_request_changes_says_to_whom_the_case_went_back(review, clients):
    page, task_state = review
    url = f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/"
    response = clients["moderator"].post(url, {"comment": "Graag de resultaten concreter."}, follow=True)
    assert response.status_code == 200
    assert "Praktijkvoorbeeld 'Wijkteams in Zwolle' is teruggestuurd naar Jan Jansen (jan@example.org)." in (
        shown_messages(response)
    )
    task_state.refresh_from_db()
    assert task_state.status == "rejected" and task_state.comment == "Graag de resultaten concreter."


def test_approval_says_the_case_is_published(review, clients):
    page, task_state = review
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    response = clients["moderator"].post(url, {"comment": ""}, follow=True)
    assert response.status_code == 200
    assert (
        "Praktijkvoorbeeld 'Wijkteams in Zwolle' van Jan Jansen (jan@example.org) is goedgekeurd en gepubliceerd."
        in shown_messages(response)
    )
    page.refresh_from_db()
    assert page.live


def test_a_refused_action_announces_nothing(review, clients):
    page, task_state = review
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    response = clients["editor"].post(url, {"comment": ""}, follow=True)
    assert not any("Praktijkvoorbeeld" in message for message in shown_messages(response))
    page.refresh_from_db()
    assert not page.live


def test_the_workflows_have_dutch_names(site):
    """Wagtail's own migration creates "Moderators approval"; ours renames it."""
    names = set(Workflow.objects.values_list("name", flat=True)) | set(Task.objects.values_list("name", flat=True))
    assert "Moderators approval" not in names
    assert {"Redactionele beoordeling", "Goedkeuring door moderatoren", "Praktijkvoorbeeld beoordelen"} <= names


def test_wagtails_approval_mail_links_to_the_public_address(site, users, clients, settings, mailoutbox):
    """Wagtail's own notifications build page links from the Site, which `sync_site` sets."""
    settings.WAGTAILADMIN_BASE_URL = "https://kennisbank.example.nl"
    call_command("sync_site", stdout=StringIO())
    editor = users["editor"]
    page = PracticeCasePageFactory(parent=site["case_index"], slug="van-de-redactie", live=False, owner=editor)
    page.save_revision(user=editor)
    task_state = page.get_workflow().start(page, editor).current_task_state
    mailoutbox.clear()
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    clients["moderator"].post(url, {"comment": ""})
    (mail,) = [m for m in mailoutbox if m.to == [editor.email]]
    assert "https://kennisbank.example.nl/praktijkvoorbeelden/van-de-redactie/" in mail.body
    assert "localhost" not in mail.body

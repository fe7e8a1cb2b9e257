"""Members submit cases; editors review them through the Wagtail workflow."""

from django.core import mail
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

import pytest

from knowledge.models import PracticeCasePage
from members import cases

from .helpers import case_data, docx, pdf

pytestmark = pytest.mark.django_db

SUBMIT = "/praktijkvoorbeelden/delen/"


def test_submit_creates_draft_owned_by_member_in_workflow(site, users, clients):
    mail.outbox.clear()
    response = clients["member_a"].post(SUBMIT, {**case_data(site), "attachment_1": pdf(), "attachment_2": docx()})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/mijn/"
    page = PracticeCasePage.objects.get()
    assert page.owner == users["member_a"]
    assert not page.live
    assert page.get_parent().pk == site["case_index"].pk
    state = WorkflowState.objects.active().for_instance(page).get()
    assert state.workflow.name == "Praktijkvoorbeeld beoordelen"
    draft = page.get_latest_revision_as_object()
    assert draft.situation == '<p data-block-key="b0">De situatie.</p><p data-block-key="b1">Tweede alinea.</p>'
    assert len(draft.attachments.all()) == 2
    assert get_document_model().objects.count() == 2
    assert cases.case_status(page)[0] == "in_review"
    # The moderator hears of it from Wagtail's workflow notification.
    assert any("moderator@example.org" in message.to for message in mail.outbox)
    assert not users["member_a"].has_perm("wagtailadmin.access_admin")


def test_concept_does_not_start_workflow(site, users, clients):
    data = case_data(site)
    data.pop("indienen")
    data["concept"] = "1"
    response = clients["member_a"].post(SUBMIT, data)
    assert response.status_code == 302
    page = PracticeCasePage.objects.get()
    assert not WorkflowState.objects.for_instance(page).exists()
    assert cases.case_status(page)[0] == "concept"
    dashboard = clients["member_a"].get("/mijn/")
    assert "Concept" in dashboard.content.decode()


def test_request_changes_then_resubmit_then_approve(site, users, clients):
    clients["member_a"].post(SUBMIT, case_data(site))
    page = PracticeCasePage.objects.get()
    state = WorkflowState.objects.active().for_instance(page).get()
    mail.outbox.clear()
    state.current_task_state.specific.task.specific.on_action(
        state.current_task_state, users["moderator"], "reject", comment="Graag de resultaten concreter."
    )
    messages = [m for m in mail.outbox if users["member_a"].email in m.to]
    assert len(messages) == 1
    assert "Graag de resultaten concreter." in messages[0].body
    assert "teruggestuurd" in messages[0].subject
    key, label, comment = cases.case_status(page)
    assert (key, comment) == ("needs_changes", "Graag de resultaten concreter.")
    dashboard = clients["member_a"].get("/mijn/").content.decode()
    assert "Teruggestuurd" in dashboard and "Graag de resultaten concreter." in dashboard

    edit_url = f"/praktijkvoorbeelden/delen/{page.pk}/bewerken/"
    response = clients["member_a"].get(edit_url)
    assert response.status_code == 200
    assert "De resultaten." in response.content.decode()
    response = clients["member_a"].post(edit_url, case_data(site, results="Veertig procent sneller."))
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert cases.case_status(page)[0] == "in_review"
    # In review: the member can no longer edit.
    assert clients["member_a"].get(edit_url).status_code == 403

    mail.outbox.clear()
    state.current_task_state.specific.task.specific.on_action(state.current_task_state, users["moderator"], "approve")
    page.refresh_from_db()
    assert page.live
    assert page.results == '<p data-block-key="b0">Veertig procent sneller.</p>'
    assert any(users["member_a"].email in m.to and "online" in m.subject for m in mail.outbox)
    public = clients["anonymous"].get(page.url)
    assert public.status_code == 200
    assert "Veertig procent sneller." in public.content.decode()
    assert cases.case_status(page)[0] == "published"
    assert clients["member_a"].get(edit_url).status_code == 403


def test_building_blocks_limited_to_chosen_perspectives(site, clients):
    data = case_data(site, building_blocks=[site["blocks"]["leren"][0].pk])
    response = clients["member_a"].post(SUBMIT, data)
    assert response.status_code == 400
    assert "Kies alleen bouwstenen van de gekozen invalshoeken" in response.content.decode()
    assert not PracticeCasePage.objects.exists()


def test_submit_form_renders(site, clients):
    response = clients["member_a"].get(reverse("member_cases:submit"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Deel je praktijkvoorbeeld" in body
    assert "Opslaan als concept" in body and "Indienen" in body

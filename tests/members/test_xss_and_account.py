"""Script in every field stays text; members manage, export and delete their account."""

import json

from django.contrib.auth import get_user_model

from wagtail.models import WorkflowState

import pytest
from bs4 import BeautifulSoup

from knowledge.models import PracticeCasePage
from members import workflow as member_workflow
from members.models import Profile

from .helpers import case_data

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(2)">klik</a>',
]
HOSTILE = " ".join(PAYLOADS)


def assert_inert(body):
    """No payload became markup: no inline script, no event handler, no javascript: URL.

    JSON-LD holds the page's title as data: it must stay one JSON document, with no "<" that could
    end the script element (core.structured_data.json_ld escapes it).
    """
    soup = BeautifulSoup(body, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            assert "<" not in script.string
            json.loads(script.string)
            continue
        assert "alert" not in script.get_text()
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), element
            values = value if isinstance(value, list) else [value]
            assert not any(str(v).strip().lower().startswith("javascript:") for v in values), element
    assert not soup.find("img", src="x")


def test_hostile_input_renders_inert(site, users, clients):
    fields = ["title", "summary", "situation", "approach", "results", "lessons", "contact_name", "contact_role"]
    data = case_data(
        site, **{name: f"{name} {HOSTILE}"[:120] if name == "title" else f"{name} {HOSTILE}" for name in fields}
    )
    response = clients["member_a"].post("/praktijkvoorbeelden/delen/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PracticeCasePage.objects.get()
    # The member's own preview, and the dashboard.
    assert_inert(clients["member_a"].get(f"/praktijkvoorbeelden/delen/{page.pk}/voorbeeld/").content.decode())
    assert_inert(clients["member_a"].get("/mijn/").content.decode())
    # The moderator's preview in the admin.
    state = WorkflowState.objects.active().for_instance(page).get()
    preview = clients["moderator"].get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    assert_inert(preview.content.decode())
    task_preview = clients["moderator"].get(
        f"/admin/pages/workflow/preview/{page.pk}/{state.current_task_state.task_id}/"
    )
    assert task_preview.status_code == 200
    assert_inert(task_preview.content.decode())
    # Approved and public.
    state.current_task_state.task.specific.on_action(state.current_task_state, users["moderator"], "approve")
    page.refresh_from_db()
    assert page.live
    public = clients["anonymous"].get(page.url)
    assert public.status_code == 200
    body = public.content.decode()
    assert_inert(body)
    assert "&lt;script&gt;alert" in body


def test_profile_form(site, users, clients):
    response = clients["member_a"].post(
        "/mijn/profiel/",
        {"full_name": "Anna de Vries", "organisation": "", "other_organisation": "", "role": "Adviseur"},
    )
    assert response.status_code == 400
    assert "Kies je organisatie of vul de naam in." in response.content.decode()
    response = clients["member_a"].post(
        "/mijn/profiel/",
        {"full_name": "Anna de Vries", "organisation": site["organisation"].pk, "role": "Adviseur", "bio": "Hoi"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=users["member_a"])
    assert (profile.full_name, profile.organisation, profile.role) == (
        "Anna de Vries",
        site["organisation"],
        "Adviseur",
    )
    # Member B's form never shows A's profile.
    assert "Anna de Vries" not in clients["member_b"].get("/mijn/profiel/").content.decode()


def test_export_is_json_of_own_data(site, users, clients):
    clients["member_a"].post("/praktijkvoorbeelden/delen/", case_data(site))
    response = clients["member_a"].get("/mijn/gegevens.json")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["account"]["email"] == users["member_a"].email
    assert data["cases"][0]["title"] == "Opgaveteams in Zwolle"
    assert data["cases"][0]["status"] == "In beoordeling"


def test_delete_account(site, users, clients, password):
    member = users["member_a"]
    clients["member_a"].post("/praktijkvoorbeelden/delen/", case_data(site, title="Gepubliceerd voorbeeld"))
    published = PracticeCasePage.objects.get()
    state = WorkflowState.objects.active().for_instance(published).get()
    state.current_task_state.task.specific.on_action(state.current_task_state, users["moderator"], "approve")
    clients["member_a"].post("/praktijkvoorbeelden/delen/", case_data(site, title="Nog in beoordeling"))

    wrong = clients["member_a"].post("/mijn/verwijderen/", {"password": "fout"})
    assert wrong.status_code == 400
    assert "Het wachtwoord klopt niet." in wrong.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()

    response = clients["member_a"].post("/mijn/verwijderen/", {"password": password})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    remaining = PracticeCasePage.objects.get()
    assert remaining.pk == published.pk and remaining.live
    assert remaining.owner is None
    assert (remaining.contact_name, remaining.contact_email) == ("", "")
    assert clients["anonymous"].get(remaining.url).status_code == 200
    assert "jan@example.org" not in clients["anonymous"].get(remaining.url).content.decode()


def test_ensure_case_workflow_is_idempotent(site):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

    first = member_workflow.ensure_case_workflow()
    second = member_workflow.ensure_case_workflow()
    assert first.pk == second.pk
    assert Workflow.objects.filter(name=member_workflow.WORKFLOW_NAME).count() == 1
    assert GroupApprovalTask.objects.filter(name=member_workflow.TASK_NAME).count() == 1
    assert WorkflowPage.objects.get(page=site["case_index"]).workflow_id == first.pk


def test_member_demo_is_idempotent(site, users):
    from django.core import mail

    from members import cases
    from members.demo import load_member_demo

    logins = load_member_demo(site["case_index"])
    # The first load submits both cases (moderators hear of each) and returns one to the member.
    returned = [m for m in mail.outbox if m.to == ["lid@example.org"]]
    assert [m.subject for m in returned] == ["Je praktijkvoorbeeld is teruggestuurd: Leren na elk project"]
    submitted = {m.subject for m in mail.outbox if m.to == ["moderator@example.org"]}
    assert len(submitted) == 2 and all("ter goedkeuring ingediend" in subject for subject in submitted)
    sent = len(mail.outbox)
    load_member_demo(site["case_index"])
    assert [role for role, _login, _secret in logins] == ["lid", "moderator"]
    demo_cases = PracticeCasePage.objects.filter(slug__startswith="demo-lid-")
    assert demo_cases.count() == 2
    statuses = {page.slug: cases.case_status(page) for page in demo_cases}
    assert statuses["demo-lid-wijkgericht-werken"][0] == "in_review"
    assert statuses["demo-lid-leren-na-elk-project"][0] == "needs_changes"
    assert "concreet" in statuses["demo-lid-leren-na-elk-project"][2]
    assert len(mail.outbox) == sent  # loading again submits nothing twice and mails no one


def test_member_demo_off_without_password(site, settings):
    from members.demo import load_member_demo

    settings.DEMO_EDITOR_PASSWORD = ""
    assert load_member_demo(site["case_index"]) == []
    assert not PracticeCasePage.objects.exists()

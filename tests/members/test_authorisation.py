"""Who may open which member and admin URL. No case is reachable by someone else's id."""

from wagtail.models import WorkflowState

import pytest

from knowledge.models import PracticeCasePage

from .helpers import case_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member_a", "member_b", "moderator", "editor"]


@pytest.fixture
def drafts(site, users, clients):
    """Member A has a concept and a case in review."""
    concept = case_data(site, title="Concept van A")
    concept.pop("indienen")
    clients["member_a"].post("/praktijkvoorbeelden/delen/", concept)
    clients["member_a"].post("/praktijkvoorbeelden/delen/", case_data(site, title="Ingediend door A"))
    return {
        "concept": PracticeCasePage.objects.get(title="Concept van A"),
        "review": PracticeCasePage.objects.get(title="Ingediend door A"),
    }


def login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith("/account/login/")


@pytest.mark.parametrize("role", ROLES)
def test_member_pages(role, site, users, clients, drafts):
    client = clients[role]
    concept, review = drafts["concept"], drafts["review"]
    urls = {
        "/mijn/": 200,
        "/mijn/profiel/": 200,
        "/mijn/gegevens.json": 200,
        "/mijn/verwijderen/": 200,
        "/praktijkvoorbeelden/delen/": 200,
        f"/praktijkvoorbeelden/delen/{concept.pk}/bewerken/": 200 if role == "member_a" else 404,
        f"/praktijkvoorbeelden/delen/{review.pk}/bewerken/": 403 if role == "member_a" else 404,
        f"/praktijkvoorbeelden/delen/{concept.pk}/voorbeeld/": 200 if role == "member_a" else 404,
    }
    for url, expected in urls.items():
        response = client.get(url)
        if role == "anonymous":
            assert login_redirect(response), (url, response.status_code)
        elif role in {"moderator", "editor"} and url == "/mijn/verwijderen/":
            # Deleting your own account never waits for a verified address.
            assert response.status_code == 200, (url, response.status_code)
            assert "members/delete.html" in [t.name for t in response.templates], url
        elif role in {"moderator", "editor"}:
            # Staff accounts have no verified member e-mail: allauth asks them to verify it first,
            # and shows nothing of the member pages.
            assert response.status_code == 200, (url, response.status_code)
            assert "account/verified_email_required.html" in [t.name for t in response.templates], url
            assert "Concept van A" not in response.content.decode()
        else:
            assert response.status_code == expected, (url, response.status_code)
    if role == "member_a":
        body = client.get("/mijn/").content.decode()
        assert "Concept van A" in body and "Ingediend door A" in body
        data = client.get("/mijn/gegevens.json").json()
        assert {c["title"] for c in data["cases"]} == {"Concept van A", "Ingediend door A"}
    if role == "member_b":
        body = client.get("/mijn/").content.decode()
        assert "Concept van A" not in body and "Ingediend door A" not in body
        data = client.get("/mijn/gegevens.json").json()
        assert data["cases"] == []
        # Posting to someone else's case changes nothing.
        response = client.post(f"/praktijkvoorbeelden/delen/{concept.pk}/bewerken/", case_data(site, title="Gekaapt"))
        assert response.status_code == 404
        assert concept.get_latest_revision_as_object().title == "Concept van A"


@pytest.mark.parametrize("role", ROLES)
def test_drafts_are_not_public(role, clients, drafts):
    for page in drafts.values():
        assert clients[role].get(f"/praktijkvoorbeelden/{page.slug}/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_admin_urls(role, users, clients, drafts):
    client = clients[role]
    review = drafts["review"]
    state = WorkflowState.objects.active().for_instance(review).get()
    task_state = state.current_task_state
    admin = client.get("/admin/")
    edit = client.get(f"/admin/pages/{review.pk}/edit/")
    approve_url = f"/admin/pages/workflow/action/{review.pk}/approve/{task_state.pk}/"
    approve = client.post(approve_url, {"comment": ""})
    review.refresh_from_db()
    if role == "anonymous":
        assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
        assert edit.status_code == 302 and approve.status_code == 302
        assert not review.live
    elif role in {"member_a", "member_b"}:
        # Members never reach the admin, not even for their own case.
        assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
        assert edit.status_code == 302
        assert approve.status_code == 302
        assert not review.live
    elif role == "editor":
        assert admin.status_code == 200
        assert edit.status_code == 200
        assert approve.status_code in {302, 403}
        assert not review.live
    else:
        assert admin.status_code == 200
        assert edit.status_code == 200
        assert approve.status_code in {200, 302}, approve.content.decode()[:500]
        assert review.live

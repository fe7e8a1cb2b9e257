"""A deleted member leaves no trace: not in any revision an editor may publish, not in the workflow's
history, the log, the files of their published case, the public page or the search index."""

import json

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

import pytest
from bs4 import BeautifulSoup

from knowledge.models import PracticeCasePage
from members.models import Profile
from search import index

from .helpers import case_data, pdf, png_bytes

pytestmark = pytest.mark.django_db

SUBMIT = "/praktijkvoorbeelden/delen/"
TRACES = ["Jan Jansen", "jan@example.org", "Wijkregisseur Noord", "lid-a@example.org", "jan-jansen", "jan_jansen"]


def assert_no_trace(text):
    text = text.lower()
    found = [trace for trace in TRACES if trace.lower() in text]
    assert not found, found


def current_task_state(page):
    return WorkflowState.objects.active().for_instance(page).get().current_task_state


def moderate(client, page, action, comment=""):
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{current_task_state(page).pk}/"
    # Followed, so the confirmation (which names the member) is shown now and not on a later page.
    assert client.post(url, {"comment": comment}, follow=True).status_code == 200


def edit_form_data(html):
    """What the admin's edit form sends as shown: every field with its current value."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type")
        if not name or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            values = [field.text]
        elif field.name == "select":
            values = [option.get("value", "") for option in field.find_all("option") if option.has_attr("selected")]
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


@pytest.fixture
def published_case(site, users, clients):
    """Jan Jansen's case, sent back once, edited, approved and then given a newer draft by a moderator."""
    Profile.objects.filter(user=users["member_a"]).update(full_name="Jan Jansen")
    data = case_data(
        site,
        title="Wijkteams in Zwolle",
        contact_role="Wijkregisseur Noord",
        lessons="Vraag Jan Jansen (jan@example.org) naar de details.",
    )
    image = SimpleUploadedFile("jan-jansen-foto.png", png_bytes())
    response = clients["member_a"].post(
        SUBMIT, {**data, "attachment_1": pdf("jan_jansen verslag.pdf"), "image": image}
    )
    assert response.status_code == 302
    page = PracticeCasePage.objects.get()
    moderate(clients["moderator"], page, "reject", "Jan Jansen, maak de resultaten concreter.")
    edited = {**data, "results": "Twintig procent minder doorlooptijd."}
    assert clients["member_a"].post(f"{SUBMIT}{page.pk}/bewerken/", edited).status_code == 302
    moderate(clients["moderator"], page, "approve")
    page.refresh_from_db()
    assert page.live
    draft = page.get_latest_revision_as_object()
    draft.summary = "Een nieuwere samenvatting, nog niet gepubliceerd."
    draft.save_revision(user=users["moderator"])
    return PracticeCasePage.objects.get(pk=page.pk)


def test_a_deleted_member_leaves_no_trace(
    on_disk, published_case, users, clients, password, elasticsearch, django_capture_on_commit_callbacks
):
    page = published_case
    index.rebuild(elasticsearch)
    assert "Jan Jansen" in json.dumps(elasticsearch.get(index=index.alias_name(), id=f"page-{page.pk}")["_source"])
    document, image = get_document_model().objects.get(), get_image_model().objects.get()
    assert Revision.objects.for_instance(page).count() >= 3

    with django_capture_on_commit_callbacks(execute=True):
        response = clients["member_a"].post("/mijn/verwijderen/", {"password": password})
    assert response.status_code == 302

    # Every revision, as the editor would open it.
    for revision in Revision.objects.for_instance(page):
        draft = revision.as_object()
        assert (draft.contact_name, draft.contact_role, draft.contact_email, draft.owner) == ("", "", "", None)
        assert_no_trace(json.dumps(revision.content) + revision.object_str)
    # The workflow's comments and the log.
    for task_state in TaskState.objects.filter(workflow_state__object_id=str(page.pk)):
        assert_no_trace(task_state.comment)
    for entry in PageLogEntry.objects.filter(page=page):
        assert_no_trace(json.dumps(entry.data) + entry.label)
        assert entry.user_id != users["member_a"].pk
    # The files stay for the published case, without what named the member.
    document.refresh_from_db()
    image.refresh_from_db()
    for obj in (document, image):
        assert obj.uploaded_by_user is None
        assert_no_trace(obj.title + obj.file.name)
        assert default_storage.exists(obj.file.name)
    assert clients["anonymous"].get(document.url).status_code == 200

    # A moderator opens the page in the admin and publishes it as shown.
    edit_url = f"/admin/pages/{page.pk}/edit/"
    shown = clients["moderator"].get(edit_url)
    assert shown.status_code == 200
    assert_no_trace(shown.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        published = clients["moderator"].post(edit_url, {**edit_form_data(shown.content), "action-publish": "1"})
    assert published.status_code == 302, published.content.decode()[:3000]
    page = PracticeCasePage.objects.get(pk=page.pk)
    assert page.summary == "Een nieuwere samenvatting, nog niet gepubliceerd."
    assert (page.contact_name, page.contact_role, page.contact_email) == ("", "", "")
    public = clients["anonymous"].get(page.url)
    assert public.status_code == 200
    assert "Twintig procent minder doorlooptijd." in public.content.decode()
    assert_no_trace(public.content.decode())
    source = elasticsearch.get(index=index.alias_name(), id=f"page-{page.pk}")["_source"]
    assert source["summary"] == "Een nieuwere samenvatting, nog niet gepubliceerd."
    assert_no_trace(json.dumps(source))


def test_the_scrub_reaches_the_search_index_without_a_new_publish(
    published_case, clients, password, elasticsearch, django_capture_on_commit_callbacks
):
    index.rebuild(elasticsearch)
    with django_capture_on_commit_callbacks(execute=True):
        clients["member_a"].post("/mijn/verwijderen/", {"password": password})
    source = elasticsearch.get(index=index.alias_name(), id=f"page-{published_case.pk}")["_source"]
    assert "naar de details" in source["body"]
    assert_no_trace(json.dumps(source))


def test_a_deleted_members_drafts_go_with_their_files(
    on_disk, site, clients, password, django_capture_on_commit_callbacks
):
    image = SimpleUploadedFile("foto.png", png_bytes())
    concept = case_data(site, title="Nog een concept")
    del concept["indienen"]
    clients["member_a"].post(SUBMIT, {**concept, "attachment_1": pdf(), "image": image})
    files = [get_document_model().objects.get().file.name, get_image_model().objects.get().file.name]
    with django_capture_on_commit_callbacks(execute=True):
        assert clients["member_a"].post("/mijn/verwijderen/", {"password": password}).status_code == 302
    assert not PracticeCasePage.objects.exists()
    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()
    assert not any(default_storage.exists(name) for name in files)

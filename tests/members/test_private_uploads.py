"""Member uploads stay private until their case is published, go with a deleted draft, and an edit
that replaces the image leaves no orphan behind."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, WorkflowState

import pytest

from cop_site.views import serve_media
from knowledge.factories import PracticeCasePageFactory
from knowledge.models import PracticeCasePage
from members.media import PRIVATE_COLLECTION

from .helpers import case_data, pdf, png_bytes

pytestmark = pytest.mark.django_db

SUBMIT = "/praktijkvoorbeelden/delen/"


def image(name="foto.png"):
    return SimpleUploadedFile(name, png_bytes())


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def test_an_attachment_is_private_until_its_case_is_published(on_disk, site, clients):
    response = clients["member_a"].post(SUBMIT, {**case_data(site), "attachment_1": pdf(), "image": image()})
    assert response.status_code == 302
    document, picture = get_document_model().objects.get(), get_image_model().objects.get()
    assert document.collection.name == picture.collection.name == PRIVATE_COLLECTION
    assert "foto" not in picture.file.name  # no guessable address for the image's original

    for visitor in ("anonymous", "member_b"):  # any member: anyone can sign up
        status, body = download(clients[visitor], document)
        assert status == 302 and b"%PDF" not in body
        assert "/login/?next=/documenten/" in clients[visitor].get(document.url)["Location"]
    status, body = download(clients["moderator"], document)
    assert status == 200 and body.startswith(b"%PDF")
    assert clients["moderator"].get(f"/admin/documents/edit/{document.pk}/").status_code == 200

    page = PracticeCasePage.objects.get()
    task_state = WorkflowState.objects.active().for_instance(page).get().current_task_state
    approve = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    assert clients["moderator"].post(approve, {"comment": ""}, follow=True).status_code == 200
    status, body = download(clients["anonymous"], document)
    assert status == 200 and body.startswith(b"%PDF")
    picture.refresh_from_db()
    assert picture.collection == Collection.get_first_root_node()


def test_the_raw_media_path_never_serves_documents(on_disk):
    default_storage.save("documents/verslag.pdf", ContentFile(b"%PDF-1.4"))
    default_storage.save("original_images/foto.png", ContentFile(png_bytes()))
    for path in ["documents/verslag.pdf", "images/../documents/verslag.pdf", "/documents/verslag.pdf"]:
        with pytest.raises(Http404):
            serve_media(RequestFactory().get("/media/"), path)
    assert serve_media(RequestFactory().get("/media/"), "original_images/foto.png").status_code == 200


def submit_concept(client, site, **files):
    concept = case_data(site, title="Concept met bestanden")
    del concept["indienen"]
    assert client.post(SUBMIT, {**concept, **files}).status_code == 302
    return PracticeCasePage.objects.get(title="Concept met bestanden"), concept


def test_deleting_a_draft_deletes_its_files_unless_used_elsewhere(
    on_disk, site, users, clients, django_capture_on_commit_callbacks
):
    page, _data = submit_concept(clients["member_a"], site, attachment_1=pdf(), image=image())
    document, picture = get_document_model().objects.get(), get_image_model().objects.get()
    PracticeCasePageFactory(parent=site["case_index"], title="Ander voorbeeld", image=picture)
    users["moderator"].is_superuser = True  # may delete any page
    users["moderator"].save()
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["moderator"].post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert not PracticeCasePage.objects.filter(pk=page.pk).exists()
    assert not get_document_model().objects.exists()
    assert not default_storage.exists(document.file.name)
    assert get_image_model().objects.get() == picture  # the other case shows it
    assert default_storage.exists(picture.file.name)


def test_replacing_the_image_leaves_no_orphan(on_disk, site, clients, django_capture_on_commit_callbacks):
    page, concept = submit_concept(clients["member_a"], site, image=image("eerste.png"))
    first = get_image_model().objects.get()
    edit = f"{SUBMIT}{page.pk}/bewerken/"
    with django_capture_on_commit_callbacks(execute=True):
        assert clients["member_a"].post(edit, {**concept, "image": image("tweede.png")}).status_code == 302
    second = get_image_model().objects.get()
    assert second != first
    assert not default_storage.exists(first.file.name)
    assert PracticeCasePage.objects.get(pk=page.pk).get_latest_revision_as_object().image == second

    # An image another page shows stays when the member replaces it.
    PracticeCasePageFactory(parent=site["case_index"], title="Ander voorbeeld", image=second)
    assert clients["member_a"].post(edit, {**concept, "image": image("derde.png")}).status_code == 302
    assert get_image_model().objects.count() == 2
    assert get_image_model().objects.filter(pk=second.pk).exists()

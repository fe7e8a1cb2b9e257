"""Refused uploads store nothing; bad input gets a Dutch message and a 4xx, never a 500."""

import io
import threading
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory, override_settings

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest

from core import ratelimit
from knowledge.models import PracticeCasePage

from .helpers import case_data, client_for, pdf, png_bytes

pytestmark = pytest.mark.django_db

SUBMIT = "/praktijkvoorbeelden/delen/"


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(110):
                member.write(chunk)
    return buffer.getvalue()


BAD_FILES = {
    "exe renamed to pdf": ("verslag.pdf", b"MZ\x90\x00\x03" + b"\0" * 4000, "geen geldig"),
    "html renamed to pdf": ("verslag.pdf", b"<html><script>alert(1)</script></html>", "geen geldig"),
    "pdf bytes named exe": ("setup.exe", b"%PDF-1.4 ...", "niet is toegestaan"),
    "docx without word folder": ("verslag.docx", None, "geen geldig"),
    "zip bomb docx": ("verslag.docx", "bomb", "uitgepakt te groot"),
    "50 MB file": ("groot.pdf", b"%PDF-1.4" + b"0" * (50 * 1024 * 1024), "groter dan 10 MB"),
}


def assert_nothing_stored():
    assert not PracticeCasePage.objects.exists()


def stored_titles():
    return sorted(PracticeCasePage.objects.values_list("title", flat=True))
    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None)
@pytest.mark.parametrize("label", BAD_FILES)
def test_bad_attachments_refused(label, site, clients):
    name, content, message = BAD_FILES[label]
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("evil.html", "<script></script>")
        content = buffer.getvalue()
    elif content == "bomb":
        content = zip_bomb()
        assert len(content) < 1024 * 1024
    response = clients["member_a"].post(SUBMIT, {**case_data(site), "attachment_1": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize(
    "name,content",
    [("foto.png", b"<svg onload=alert(1)>"), ("foto.jpg", b"MZ\x90\x00" * 100), ("foto.gif", b"GIF89a" + b"\0" * 100)],
)
def test_bad_images_refused(name, content, site, clients):
    response = clients["member_a"].post(SUBMIT, {**case_data(site), "image": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert "JPEG-, PNG- of WebP" in response.content.decode()
    assert_nothing_stored()


def test_good_image_is_reencoded(site, clients):
    response = clients["member_a"].post(
        SUBMIT, {**case_data(site), "image": SimpleUploadedFile("foto.png", png_bytes())}
    )
    assert response.status_code == 302
    draft = PracticeCasePage.objects.get().get_latest_revision_as_object()
    assert draft.image is not None
    assert draft.image.file.name.endswith(".png")


@pytest.mark.parametrize("field", ["title", "summary", "situation", "contact_name", "contact_email"])
def test_empty_required_fields(field, site, clients):
    response = clients["member_a"].post(SUBMIT, case_data(site, **{field: ""}))
    assert response.status_code == 400
    assert "Het formulier is nog niet goed ingevuld" in response.content.decode()
    assert not PracticeCasePage.objects.exists()


def test_no_perspective_and_no_consent(site, clients):
    data = case_data(site, perspectives=[], building_blocks=[])
    data.pop("consent")
    body = clients["member_a"].post(SUBMIT, data).content.decode()
    assert "Kies minstens één invalshoek." in body
    assert "Zonder toestemming" in body


def test_ten_megabytes_of_text(site, clients):
    response = clients["member_a"].post(SUBMIT, case_data(site, situation="a" * (10 * 1024 * 1024)))
    assert response.status_code in {400, 413}
    assert "te groot" in response.content.decode() or "maximaal" in response.content.decode()
    assert not PracticeCasePage.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None)
def test_ten_megabytes_of_text_within_request_limit(site, clients):
    response = clients["member_a"].post(SUBMIT, case_data(site, lessons="a" * (10 * 1024 * 1024)))
    assert response.status_code == 400
    assert "20000 tekens" in response.content.decode().replace(".", "")
    assert not PracticeCasePage.objects.exists()


def test_honeypot(site, clients):
    response = clients["member_a"].post(SUBMIT, case_data(site, website="http://spam.example"))
    assert response.status_code == 400
    assert not PracticeCasePage.objects.exists()


def test_double_submit_creates_one_page(site, clients):
    data = case_data(site, submission_token="abc123")
    first = clients["member_a"].post(SUBMIT, data)
    second = clients["member_a"].post(SUBMIT, data)
    assert first.status_code == 302 and second.status_code == 302
    assert PracticeCasePage.objects.count() == 1


def submit_at_once(submissions):
    """POST each (user, data) from its own thread, all released at the same moment; the status codes."""
    start = threading.Barrier(len(submissions))
    statuses = []

    def submit(user, data):
        client = client_for(user)
        start.wait()
        try:
            statuses.append(client.post(SUBMIT, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=submission) for submission in submissions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_submits_of_one_form_create_one_page(site, users):
    data = case_data(site, submission_token="gelijktijdig")
    assert submit_at_once([(users["member_a"], data), (users["member_a"], data)]) == [302, 302]
    assert PracticeCasePage.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_members_submitting_the_same_title_at_once_both_get_a_page(site, users):
    submissions = [(users[name], case_data(site, submission_token=name)) for name in ("member_a", "member_b")]
    assert submit_at_once(submissions) == [302, 302]
    slugs = set(PracticeCasePage.objects.values_list("slug", flat=True))
    assert slugs == {"opgaveteams-in-zwolle", "opgaveteams-in-zwolle-2"}


def test_rate_limit_per_member(site, clients):
    for n in range(5):
        response = clients["member_a"].post(SUBMIT, case_data(site, title=f"Voorbeeld {n}"))
        assert response.status_code == 302
    response = clients["member_a"].post(SUBMIT, case_data(site, title="Voorbeeld 6"))
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert PracticeCasePage.objects.count() == 5
    # Another member is not affected by A's limit.
    assert clients["member_b"].post(SUBMIT, case_data(site, title="Van B")).status_code == 302
    assert "Van B" in stored_titles() and "Voorbeeld 6" not in stored_titles()


def test_the_client_address_behind_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.1")
    assert ratelimit.client_ip(request) == "10.0.0.2"  # no proxies configured: the header is not trusted
    settings.NUM_PROXIES = 1
    assert ratelimit.client_ip(request) == "10.0.0.1"
    settings.NUM_PROXIES = 2
    assert ratelimit.client_ip(request) == "203.0.113.7"  # "6.6.6.6" was made up by the client
    settings.NUM_PROXIES = 5  # fewer entries than proxies: not through the proxies, so not the header
    assert ratelimit.client_ip(request) == "10.0.0.2"
    settings.NUM_PROXIES = 1
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="x" * 300)
    assert ratelimit.client_ip(garbage) == "10.0.0.2"
    assert ratelimit.client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_rate_limit_per_ip_behind_a_proxy(site, clients, settings):
    settings.NUM_PROXIES = 1
    settings.MEMBERS_SUBMISSION_RATE_IP = 1
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = clients["member_a"].post(
        SUBMIT, case_data(site, title="Een"), HTTP_X_FORWARDED_FOR="198.51.100.1", **via_proxy
    )
    assert first.status_code == 302
    # Another visitor behind the same proxy has an allowance of their own...
    other = clients["member_b"].post(
        SUBMIT, case_data(site, title="Twee"), HTTP_X_FORWARDED_FOR="198.51.100.2", **via_proxy
    )
    assert other.status_code == 302
    # ...and the first one's address is used up.
    again = clients["member_b"].post(
        SUBMIT, case_data(site, title="Drie"), HTTP_X_FORWARDED_FOR="198.51.100.1", **via_proxy
    )
    assert again.status_code == 429
    assert stored_titles() == ["Een", "Twee"]


def test_rate_limit_per_ip(site, clients, settings):
    settings.MEMBERS_SUBMISSION_RATE_IP = 2
    assert clients["member_a"].post(SUBMIT, case_data(site, title="Een")).status_code == 302
    assert clients["member_b"].post(SUBMIT, case_data(site, title="Twee")).status_code == 302
    assert clients["member_b"].post(SUBMIT, case_data(site, title="Drie")).status_code == 429
    assert stored_titles() == ["Een", "Twee"]


def test_rate_limit_on_edits(site, clients, settings):
    settings.MEMBERS_SUBMISSION_RATE_USER = 1
    settings.MEMBERS_EDIT_RATE_USER = 2
    concept = case_data(site, title="Concept")
    del concept["indienen"]
    assert clients["member_a"].post(SUBMIT, concept).status_code == 302
    page = PracticeCasePage.objects.get()
    edit = f"{SUBMIT}{page.pk}/bewerken/"
    for n in (1, 2):
        assert clients["member_a"].post(edit, {**concept, "title": f"Wijziging {n}"}).status_code == 302
    response = clients["member_a"].post(edit, {**concept, "title": "Wijziging 3", "attachment_1": pdf()})
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert PracticeCasePage.objects.get().get_latest_revision_as_object().title == "Wijziging 2"
    assert not get_document_model().objects.exists()

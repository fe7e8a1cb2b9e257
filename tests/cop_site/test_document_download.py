"""Document downloads through Wagtail's serve view (/documenten/<id>/<filename>) send clean headers."""

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model

import pytest

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% verslag van de bijeenkomst\n"


def test_a_pdf_download_has_no_content_encoding_and_all_its_bytes(home, on_disk):
    document = get_document_model().objects.create(title="Verslag", file=ContentFile(PDF, name="verslag.pdf"))
    response = Client().get(document.url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    # django-csp leaves Wagtail's policy for documents alone: stricter than the pages' own.
    assert response["Content-Security-Policy"] == "default-src 'none'"

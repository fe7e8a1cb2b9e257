import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from knowledge.models import Perspective


def case_data(site, **overrides):
    besturen = Perspective.objects.get(slug="besturen")
    data = {
        "title": "Opgaveteams in Zwolle",
        "summary": "Zwolle werkt met vaste opgaveteams.",
        "organisation": site["organisation"].pk,
        "perspectives": [besturen.pk],
        "building_blocks": [site["blocks"]["besturen"][0].pk],
        "phase": "uitvoering",
        "year": 2024,
        "situation": "De situatie.\n\nTweede alinea.",
        "approach": "De aanpak.",
        "results": "De resultaten.",
        "lessons": "De lessen.",
        "contact_name": "Jan Jansen",
        "contact_role": "Programmamanager",
        "contact_email": "jan@example.org",
        "consent": "on",
        "website": "",
        "submission_token": "",
        "indienen": "1",
    }
    data.update(overrides)
    return data


def pdf(name="verslag.pdf", size=2000):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


def docx_bytes(extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(name="verslag.docx"):
    return SimpleUploadedFile(name, docx_bytes(), content_type="application/octet-stream")


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    return buffer.getvalue()


def client_for(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client

"""Checks on uploaded attachments and images by their content, not their name."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_IMAGE_SIZE = 5 * 1024 * 1024
# Zip-bomb guards for OOXML and ODF files.
MAX_UNCOMPRESSED_SIZE = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 2000

ATTACHMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt"}
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

REFUSED = _("Het bestand %(name)s is geen geldig PDF-, Word-, ODT-, Excel- of PowerPoint-bestand.")


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_attachment(upload):
    """Raise ValidationError unless the upload is a real PDF, DOCX, XLSX, PPTX or ODT file."""
    name = upload.name or ""
    extension = _extension(name)
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Het bestand %(name)s heeft een soort die niet is toegestaan. Kies een PDF, DOCX, ODT, XLSX of PPTX."),
            params={"name": name},
            code="extension",
        )
    if upload.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(_("Het bestand %(name)s is groter dan 10 MB."), params={"name": name}, code="size")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            raise ValidationError(REFUSED, params={"name": name}, code="content")
        return
    if not head.startswith(b"PK\x03\x04"):
        raise ValidationError(REFUSED, params={"name": name}, code="content")
    try:
        archive = zipfile.ZipFile(upload)
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise ValidationError(REFUSED, params={"name": name}, code="zip_members")
        total = sum(info.file_size for info in infos)
        compressed = sum(info.compress_size for info in infos) or 1
        if total > MAX_UNCOMPRESSED_SIZE or total / compressed > MAX_COMPRESSION_RATIO:
            raise ValidationError(
                _("Het bestand %(name)s is uitgepakt te groot en wordt daarom geweigerd."),
                params={"name": name},
                code="zip_bomb",
            )
        names = {info.filename for info in infos}
        if extension == "odt":
            if "mimetype" not in names or archive.read("mimetype").strip() != ODT_MIMETYPE:
                raise ValidationError(REFUSED, params={"name": name}, code="content")
        else:
            folder = OOXML_FOLDERS[extension]
            if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
                raise ValidationError(REFUSED, params={"name": name}, code="content")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, EOFError) as error:
        raise ValidationError(REFUSED, params={"name": name}, code="content") from error
    finally:
        upload.seek(0)


def clean_image(upload):
    """Verify an image is a real JPEG, PNG or WebP and return a re-encoded copy (metadata stripped)."""
    from PIL import Image, UnidentifiedImageError

    name = upload.name or "afbeelding"
    if upload.size > MAX_IMAGE_SIZE:
        raise ValidationError(_("De afbeelding is groter dan 5 MB."), code="size")
    refused = ValidationError(_("De afbeelding moet een JPEG-, PNG- of WebP-bestand zijn."), code="content")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            probe.verify()
        if kind not in {"JPEG", "PNG", "WEBP"}:
            raise refused
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > 40_000_000:
                raise refused
            image.load()
            output = io.BytesIO()
            if kind == "JPEG":
                image.convert("RGB").save(output, "JPEG", quality=88)
            elif kind == "PNG":
                image.save(output, "PNG")
            else:
                image.save(output, "WEBP", quality=88)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise refused from error
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[kind]
    base = name.rsplit(".", 1)[0][:80] or "afbeelding"
    return f"{base}.{extension}", output.getvalue()

"""The booklet's public face: build an edition, find the latest one.

`build_edition` makes the Inspiratiegids as an accessible PDF from the live guide (HTML from
`templates/booklet/`, PDF/UA by WeasyPrint) and keeps it as a Wagtail document with a
`BookletEdition`. It makes a new edition only when the content changed since the latest one
(unless forced), so building twice, or once per publish, costs one PDF per real change.
"""

import hashlib
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from core.pdf import html_to_pdf

from .content import BookletUnavailable, collect
from .models import BookletEdition

__all__ = ["BookletUnavailable", "build_edition", "latest_edition"]

STEPS = ("inhoud", "HTML", "PDF", "opslaan")
# A PostgreSQL advisory lock: one build at a time across processes (the worker, the admin button).
BUILD_LOCK = 0x626F6F6B  # "book"


def render_html(content, built_at=None):
    """The booklet's HTML; without `built_at` it has no date, which makes it the content's fingerprint."""
    return render_to_string("booklet/booklet.html", {"content": content, "built_at": built_at})


def build_edition(force=False, step=lambda label: None):
    """(edition, created): a new edition when the content changed or `force`, else the latest one.

    Builds run one at a time: a second build waits for the first and then finds its edition, so
    two at once (the worker and the admin button) never make the same edition twice.
    `step(label)` is called before each of STEPS, for a progress bar.
    """
    with transaction.atomic():
        if settings.USES_POSTGRES:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BUILD_LOCK])
        step(STEPS[0])
        content = collect()
        digest = hashlib.sha256(render_html(content).encode()).hexdigest()
        latest = latest_edition()
        if latest and latest.digest == digest and not force:
            return latest, False
        step(STEPS[1])
        built_at = timezone.now()
        html = render_html(content, built_at)
        step(STEPS[2])
        pdf = html_to_pdf(html, content.base_url)
        step(STEPS[3])
        # The document and its edition become visible together, when the lock is released.
        return save_edition(content, pdf, built_at, digest), True


def save_edition(content, pdf, built_at, digest):
    local = timezone.localtime(built_at)
    Document = get_document_model()
    document = Document(
        title=_("%(title)s, editie %(date)s") % {"title": content.guide.title, "date": date_format(local.date())}
    )
    document.file.save(f"{content.guide.slug}-{local:%Y-%m-%d-%H%M}.pdf", ContentFile(pdf.content), save=False)
    document.file_size, document.file_hash = len(pdf.content), hash_filelike(BytesIO(pdf.content))
    document.save()
    return BookletEdition.objects.create(
        document=document, built_at=built_at, digest=digest, page_count=pdf.page_count
    )


def latest_edition():
    return BookletEdition.objects.latest_edition()

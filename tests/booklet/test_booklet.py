"""The booklet as a reader and an assistive technology meet it: the PDF's structure, language, title,
bookmarks and text, made from the live guide; and the editions, made only when the content changed."""

import io
import re
import subprocess
import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.models import PageViewRestriction

import pikepdf
import pytest
import wagtail_factories

from booklet.models import BookletEdition
from booklet.service import BookletUnavailable, build_edition
from core.models import SiteSettings
from knowledge.factories import DefinitionFactory
from knowledge.models import Definition, GuidePage

pytestmark = pytest.mark.django_db


def pdf_bytes(edition):
    with edition.document.open_file() as f:
        return f.read()


def pdf_text(data, tmp_path):
    """The text as pdftotext (poppler-utils) reads it, hyphenated line ends joined, whitespace collapsed."""
    path = tmp_path / "boekje.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    text = re.sub(r"[-\u2010\u00ad]\n", "", text.decode())
    return " ".join(text.split())


def outline_titles(pdf):
    with pdf.open_outline() as outline:
        found = []

        def walk(items):
            for item in items:
                found.append(" ".join(item.title.split()))
                walk(item.children)

        walk(outline.root)
        return found


def test_the_booklet_is_a_tagged_dutch_pdf_with_every_chapter(chapters, tmp_path):
    SiteSettings.objects.update_or_create(
        site_id=GuidePage.objects.get().get_site().pk, defaults={"organisation_name": "Vereniging Opgave"}
    )
    edition, created = build_edition()
    assert created and edition.page_count > 5
    data = pdf_bytes(edition)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "nl"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle  # readers show the title, not the file name
        assert str(pdf.docinfo.Title) == "Inspiratiegids Opgavegericht Werken"
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == "Inspiratiegids Opgavegericht Werken"
            assert xmp["pdfuaid:part"] == "1"
        bookmarks = outline_titles(pdf)
    for number, chapter in enumerate(chapters, start=1):
        assert f"Hoofdstuk {number} {chapter.title}" in bookmarks
    assert {"Inleiding", "Bijlage: begrippen van A tot Z", "Colofon", "Bouwsteen Intervisie"} <= set(bookmarks)

    text = pdf_text(data, tmp_path)
    for chapter in chapters:
        assert chapter.title in text
        assert f"Waarom {chapter.perspective.slug} ertoe doet voor de organisatie." in text
        assert f"Een alinea over {chapter.perspective.slug} in de praktijk." in text
    assert "Vereniging Opgave" in text  # the cover and the colophon
    assert f"Editie van {date_format(timezone.localdate(edition.built_at), 'j F Y')}" in text
    assert "De gids langs vier invalshoeken." in text  # the guide's introduction
    # The building block lists the live cases that apply it, with their web address.
    assert (
        "Wijkaanpak met bewoners (Gemeente Utrecht) http://localhost/praktijkvoorbeelden/wijkaanpak-met-bewoners/"
        in text
    )
    assert "Programmasturing Sturen op een set inspanningen." in text  # the appendix


def test_the_table_of_contents_gives_each_chapter_its_page(chapters, tmp_path):
    edition, _ = build_edition()
    text = pdf_text(pdf_bytes(edition), tmp_path)
    with pikepdf.open(io.BytesIO(pdf_bytes(edition))) as pdf, pdf.open_outline() as outline:
        pages = {
            " ".join(item.title.split()): pikepdf.Page(item.destination[0]).index + 1
            for item in outline.root
            if item.destination
        }
    for number, chapter in enumerate(chapters, start=1):
        title = f"Hoofdstuk {number} {chapter.title}"
        # The contents line: "1. Opgavegericht besturen ....... 4", the number the page it starts on.
        assert re.search(rf"{number}\. {chapter.title} \.*\s*{pages[title]}\b", text), (title, pages[title])


def test_an_unchanged_site_makes_no_new_edition_unless_forced(chapters):
    first, created = build_edition()
    assert created
    again, created = build_edition()
    assert (again, created) == (first, False)
    forced, created = build_edition(force=True)
    assert created and forced != first
    assert BookletEdition.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_builds_at_once_make_one_edition(chapters):
    """The worker and the admin button at the same moment: the second waits and finds the first's edition."""
    build_edition()  # WeasyPrint and the templates loaded, as in a running worker
    DefinitionFactory(term="Wendbaarheid", definition="<p>Snel kunnen bijsturen.</p>")
    start = threading.Barrier(2)
    results = []

    def build():
        try:
            start.wait()
            results.append(build_edition())
        finally:
            connection.close()

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(created for _, created in results) == [False, True]
    assert results[0][0] == results[1][0]
    assert BookletEdition.objects.count() == 2


def test_a_changed_definition_makes_a_new_edition_and_the_old_one_stays(chapters, tmp_path):
    first, _ = build_edition()
    first.built_at -= timedelta(days=1)
    first.save()
    DefinitionFactory(term="Wendbaarheid", definition="<p>Snel kunnen bijsturen.</p>")
    second, created = build_edition()
    assert created
    assert list(BookletEdition.objects.all()) == [second, first]
    assert "Wendbaarheid Snel kunnen bijsturen." in pdf_text(pdf_bytes(second), tmp_path)
    assert "Wendbaarheid" not in pdf_text(pdf_bytes(first), tmp_path)


def test_an_image_in_a_chapter_keeps_its_alternative_text(chapters):
    image = wagtail_factories.ImageFactory(title="foto-0123.jpg")
    chapter = chapters[2]
    chapter.body = [
        {"type": "image", "value": {"image": image.pk, "alt_text": "Projectleiders aan tafel", "decorative": False}}
    ]
    chapter.save_revision().publish()
    edition, _ = build_edition()
    with pikepdf.open(io.BytesIO(pdf_bytes(edition))) as pdf:
        alts = [str(o.Alt) for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/Alt" in o]
    assert alts == ["Projectleiders aan tafel"]


def test_drafts_and_private_chapters_stay_out(chapters, tmp_path):
    chapters[0].unpublish()
    PageViewRestriction.objects.create(page=chapters[1], restriction_type=PageViewRestriction.LOGIN)
    Definition.objects.all().delete()
    edition, _ = build_edition()
    text = pdf_text(pdf_bytes(edition), tmp_path)
    assert chapters[0].title not in text and chapters[1].title not in text
    assert chapters[2].title in text
    assert "Bijlage" not in text  # no definitions, no appendix


def test_without_a_live_guide_there_is_no_booklet(home):
    with pytest.raises(BookletUnavailable, match="Er is geen gepubliceerde, openbare inspiratiegids"):
        build_edition()

"""The guide page offers the newest edition at a stable address, with its date."""

from django.utils import timezone
from django.utils.formats import date_format

import pytest
from bs4 import BeautifulSoup

from booklet.service import build_edition

pytestmark = pytest.mark.django_db


def test_the_guide_page_links_the_latest_edition_with_its_date(
    chapters, client, on_disk, django_capture_on_commit_callbacks
):
    page = client.get("/inspiratiegids/")
    assert "De gids als boekje" not in page.text  # no edition yet, no download

    with django_capture_on_commit_callbacks(execute=True):  # the commit bumps the content version
        edition, _ = build_edition()
    page = BeautifulSoup(client.get("/inspiratiegids/").text, "html.parser")
    box = page.select_one(".download-box")
    link = box.select_one("a")
    assert link["href"] == "/inspiratiegids.pdf"
    assert f"PDF, {edition.page_count} pagina's" in link.get_text(" ", strip=True)
    day = date_format(timezone.localdate(edition.built_at), "j F Y")
    assert f"Editie van {day}" in box.get_text(" ", strip=True)

    response = client.get("/inspiratiegids.pdf")
    assert response.status_code == 302 and response["Location"] == edition.document.url
    download = client.get(response["Location"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.7")


def test_the_stable_address_leads_to_the_newest_edition(chapters, client):
    first, _ = build_edition()
    newest, _ = build_edition(force=True)
    assert client.get("/inspiratiegids.pdf")["Location"] == newest.document.url != first.document.url


def test_before_the_first_edition_the_address_is_a_dutch_404(home, client):
    response = client.get("/inspiratiegids.pdf")
    assert response.status_code == 404
    assert '<html lang="nl"' in response.text

"""Editors add up the search terms over a period of weeks in the admin, and take the totals to Excel."""

import csv
import datetime
import io

from django.contrib.auth.models import Group
from django.test import Client

import openpyxl
import pytest
from bs4 import BeautifulSoup

from search.models import SearchTermWeek

pytestmark = pytest.mark.django_db

TOTALS = "/admin/zoektermen/totalen/"


@pytest.fixture
def weeks():
    """Three consecutive weeks (Mondays) of counts."""
    first = datetime.date(2026, 11, 2)
    weeks = [first + datetime.timedelta(weeks=n) for n in range(3)]
    for week, searches in zip(weeks, (1, 2, 4), strict=True):
        SearchTermWeek.objects.create(week=week, term="wijkaanpak", searches=searches, without_results=0)
        SearchTermWeek.objects.create(week=week, term="xyzzy", searches=searches * 10, without_results=searches)
    SearchTermWeek.objects.create(week=weeks[0], term="=HYPERLINK(1)", searches=1, without_results=1)
    return weeks


@pytest.fixture
def editor_client(django_user_model):
    user = django_user_model.objects.create_user("redacteur", "redactie@example.org", "wachtwoord-2")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def table(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [[cell.get_text(" ", strip=True) for cell in row.select("td, th")] for row in page.select("table tbody tr")]


def test_totals_over_a_chosen_period(editor_client, weeks):
    # "van" a Wednesday counts that whole week; "tot" the last Monday includes that week.
    response = editor_client.get(TOTALS, {"van": "2026-11-11", "tot": "2026-11-16"})
    assert response.status_code == 200
    assert table(response) == [["xyzzy", "60", "6", "2"], ["wijkaanpak", "6", "0", "2"]]

    everything = table(editor_client.get(TOTALS))
    assert everything[:2] == [["xyzzy", "70", "7", "3"], ["wijkaanpak", "7", "0", "3"]]


def test_the_weekly_listing_filters_a_period_and_links_to_its_totals(editor_client, weeks):
    response = editor_client.get("/admin/zoektermen/", {"van": "2026-11-16"})
    assert response.status_code == 200
    assert sorted(row[0] for row in table(response)) == ["wijkaanpak", "xyzzy"]  # only the last week
    page = BeautifulSoup(response.content, "html.parser")
    links = [a["href"] for a in page.select("a.w-header-button") if "Totalen per zoekterm" in a.get_text()]
    assert links == [f"{TOTALS}?van=2026-11-16"]


def test_totals_export_for_dutch_excel(editor_client, weeks):
    response = editor_client.get(TOTALS, {"van": "2026-11-02", "tot": "2026-11-02", "export": "csv"})
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Zoekterm", "Keer gezocht", "Keer zonder resultaat", "Aantal weken"]
    assert rows[1:] == [["xyzzy", "10", "1", "1"], ["'=HYPERLINK(1)", "1", "1", "1"], ["wijkaanpak", "1", "0", "1"]]

    response = editor_client.get(TOTALS, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]] == ["Zoekterm", "Keer gezocht", "Keer zonder resultaat", "Aantal weken"]
    assert sheet.max_row == 4


def test_a_bad_date_is_a_message_not_an_error(editor_client, weeks):
    response = editor_client.get(TOTALS, {"van": "31-02-2026"})
    assert response.status_code == 200
    assert "Voer een geldige datum in" in response.content.decode()


def test_the_export_buttons_are_visible_excel_first(editor_client, weeks):
    for url in ("/admin/zoektermen/", TOTALS):
        page = BeautifulSoup(editor_client.get(url).content, "html.parser")
        labels = [a.get_text(" ", strip=True) for a in page.select("#w-slim-header-buttons > a.w-header-button")]
        assert labels.index("Download Excel") < labels.index("Download CSV"), url


def test_the_public_cannot_see_the_totals(client, weeks):
    response = client.get(TOTALS)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

"""The editors' overview per week: counts and averages, never one scan, and the same figures in Excel and CSV."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from bs4 import BeautifulSoup

from balansscan.factories import ScanFactory, TeamFactory, perspective_scores
from balansscan.models import Scan

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/balansscan/overzicht/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HEADINGS = [
    "Week",
    "Vanaf",
    "Scans",
    "In een teamscan",
    "Besturen (gem.)",
    "Sturen (gem.)",
    "Presteren (gem.)",
    "Leren (gem.)",
]


def scan_on(day, besturen, sturen, presteren, leren, team=None, at=datetime.time(12)):
    scan = ScanFactory(team=team, scores=perspective_scores(besturen, sturen, presteren, leren))
    # created_at is set on save (auto_now_add); move it to the day the test needs.
    Scan.objects.filter(pk=scan.pk).update(created_at=datetime.datetime.combine(day, at, AMSTERDAM))
    return scan


@pytest.fixture
def weeks():
    """Week 49 of 2026 (from Monday 30 November): four scans, two of a team; week 50: two scans."""
    team = TeamFactory()
    monday = datetime.date(2026, 11, 30)
    scan_on(monday, 80, 40, None, 10, team=team)
    scan_on(monday + datetime.timedelta(days=2), 60, 30, None, 20, team=team)
    scan_on(monday + datetime.timedelta(days=6), 70, 20, 50, 30)  # Sunday: still week 49
    scan_on(monday + datetime.timedelta(days=6), 50, 10, 50, None)
    # Half past midnight on Monday in the Netherlands (still Sunday in UTC): week 50.
    scan_on(monday + datetime.timedelta(days=7), 90, 90, 90, 90, at=datetime.time(0, 30))
    scan_on(monday + datetime.timedelta(days=8), 10, 10, 10, 10)


@pytest.fixture
def editor_client(clients):
    """An editor (tests/members/fixtures.py): in Wagtail's Editors group, nothing more."""
    return clients["editor"]


# Week 49: besturen (80+60+70+50)/4 = 65, sturen (40+30+20+10)/4 = 25, presteren only 2 scores: empty,
# leren (10+20+30)/3 = 20. Week 50: two scans only, so no average at all.
EXPECTED = [
    ["2026-W50", "2026-12-07", "2", "0", "", "", "", ""],
    ["2026-W49", "2026-11-30", "4", "2", "65", "25", "", "20"],
]


def table(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [[cell.get_text(" ", strip=True) for cell in row.select("td, th")] for row in page.select("table tbody tr")]


def test_the_overview_per_week(editor_client, weeks):
    response = editor_client.get(OVERVIEW)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert [th.get_text(" ", strip=True) for th in page.select("table thead th")] == HEADINGS
    shown = table(response)
    assert [row[:4] for row in shown] == [
        ["2026-W50", "7 december 2026", "2", "0"],
        ["2026-W49", "30 november 2026", "4", "2"],
    ]
    assert [row[4:] for row in shown] == [[cell or "" for cell in row[4:]] for row in EXPECTED]


def test_the_export_has_the_same_figures(editor_client, weeks):
    response = editor_client.get(OVERVIEW, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="balansscan-per-week.csv"'
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")  # so Dutch Excel reads it as UTF-8 with columns
    data = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert rows[0] == HEADINGS
    assert rows[1:] == EXPECTED

    response = editor_client.get(OVERVIEW, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADINGS
    assert values[1:] == [
        ["2026-W50", datetime.date(2026, 12, 7), 2, 0, None, None, None, None],
        ["2026-W49", datetime.date(2026, 11, 30), 4, 2, 65, 25, None, 20],
    ]


def test_a_period_of_weeks(editor_client, weeks):
    # "van" a Wednesday counts that whole week.
    response = editor_client.get(OVERVIEW, {"van": "2026-12-09"})
    assert [row[0] for row in table(response)] == ["2026-W50"]
    response = editor_client.get(OVERVIEW, {"tot": "2026-12-06", "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[1:] == EXPECTED[1:]
    response = editor_client.get(OVERVIEW, {"van": "31-02-2026"})
    assert response.status_code == 200
    assert "Voer een geldige datum in" in response.content.decode()


def test_the_overview_holds_no_scan_of_its_own(editor_client, weeks):
    content = editor_client.get(OVERVIEW).content.decode()
    for scan in Scan.objects.all():
        assert scan.public_id not in content
    # Week 50's two scans (90 and 10 on every perspective) are not shown, not even as their average of 50.
    assert table(editor_client.get(OVERVIEW))[0][4:] == ["", "", "", ""]


def test_editors_find_it_under_reports(editor_client, weeks):
    response = editor_client.get("/admin/")
    assert OVERVIEW in response.content.decode()


def test_only_editors_and_moderators_see_it(clients, weeks):
    response = clients["anonymous"].get(OVERVIEW)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert clients["moderator"].get(OVERVIEW).status_code == 200
    assert clients["member_a"].get(OVERVIEW).status_code == 302  # a member has no admin access

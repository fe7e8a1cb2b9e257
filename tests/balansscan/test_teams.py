"""Team scans: starting one, the result by code only from three answers on, closing it, and bad input."""

import re

from django.test import Client
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from balansscan import teams
from balansscan.factories import ScanFactory, TeamFactory, perspective_scores
from balansscan.models import Team

pytestmark = pytest.mark.django_db


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def table(response):
    rows = page(response).select("[data-team-table] tbody tr")
    return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in rows]


def scan_for(team, besturen, sturen, presteren, leren):
    return ScanFactory(team=team, scores=perspective_scores(besturen, sturen, presteren, leren))


@pytest.fixture
def team(home):
    return TeamFactory()


def test_starting_a_team_scan_shows_the_code_and_both_links(client, home, settings):
    response = client.get("/balansscan/team/")
    assert response.status_code == 200
    assert page(response).select_one("form[method=post] button").get_text(strip=True) == "Start een teamscan"

    response = client.post("/balansscan/team/")
    assert response.status_code == 303
    team = Team.objects.get()
    assert response["Location"] == f"/balansscan/team/{team.code}/{team.starter_key}/?nieuw=1"

    response = client.get(response["Location"])
    html = page(response)
    assert html.select_one("[data-team-code]").get_text(strip=True).replace("\u200b", "") == team.code
    assert html.select_one("#team-link")["value"] == f"{settings.WAGTAILADMIN_BASE_URL}/balansscan/?team={team.code}"
    assert (
        html.select_one("#starter-link")["value"]
        == f"{settings.WAGTAILADMIN_BASE_URL}/balansscan/team/{team.code}/{team.starter_key}/"
    )
    assert "Nog 3 antwoorden nodig." in html.get_text(" ", strip=True)


def test_the_start_needs_a_csrf_token(home):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/balansscan/team/").status_code == 403
    assert not Team.objects.exists()


def test_closing_needs_a_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/balansscan/team/{team.code}/{team.starter_key}/sluiten/")
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()
    team.refresh_from_db()
    assert not team.is_closed


def test_two_answers_show_no_result_three_do(client, team):
    scan_for(team, 80, 40, 60, 70)
    scan_for(team, 60, 30, 50, 70)
    response = client.get(f"/balansscan/team/{team.code}/")
    assert response.status_code == 200
    text = page(response).get_text(" ", strip=True)
    assert "2 mensen hebben de scan ingevuld." in text
    assert "Nog 1 antwoord nodig." in text
    assert not page(response).select("[data-team-table], .team-chart, [data-weakest]")
    # Nothing of either scan leaks, not even in the chart's description.
    for score in ("80", "40", "30"):
        assert f">{score}<" not in response.content.decode()

    scan_for(team, 70, 20, 55, 40)
    response = client.get(f"/balansscan/team/{team.code}/")
    assert "Nog" not in page(response).select_one(".team-result").get_text(" ", strip=True)
    assert table(response) == [
        # average (to 5 points), spread as a level (population sd 8.2, 8.2, 4.1, 14.1), answers
        ["Opgavegericht besturen", "70", "klein", "3"],
        ["Opgavegericht sturen", "30", "klein", "3"],
        ["Opgavegericht presteren", "55", "klein", "3"],
        ["Opgavegericht leren", "60", "matig", "3"],
    ]
    # No single score: neither the lowest nor the highest of a perspective is on the page.
    assert not re.search(r">\s*(20|40|80)\s*<", response.content.decode())
    # Sturen is lowest; no other within 5 points of it.
    weakest = page(response).select_one("[data-weakest]")
    assert [strong.get_text() for strong in weakest.select("strong")] == ["opgavegericht sturen"]
    svg = page(response).select_one("svg[role=img]")
    assert svg.select_one("title").get_text(strip=True) == "Scores van het team per invalshoek"
    assert "Opgavegericht sturen: gemiddeld 30, spreiding klein" in svg.select_one("desc").get_text(" ", strip=True)


def test_a_perspective_fewer_than_three_could_score_is_not_shown(client, team):
    scan_for(team, 80, None, 60, 70)
    scan_for(team, 60, None, 50, 70)
    scan_for(team, 70, 20, 55, 40)
    rows = {row[0]: row[1:] for row in table(client.get(f"/balansscan/team/{team.code}/"))}
    assert rows["Opgavegericht sturen"] == ["te weinig antwoorden"]
    assert rows["Opgavegericht besturen"] == ["70", "klein", "3"]
    response = client.get(f"/balansscan/team/{team.code}/")
    assert ">20<" not in response.content.decode()


def test_codes_are_read_in_any_case_and_with_a_dash(client, team):
    lower = f"{team.code[:4].lower()}-{team.code[4:].lower()}"
    response = client.get(f"/balansscan/team/{lower}/")
    assert response.status_code == 301 and response["Location"] == f"/balansscan/team/{team.code}/"
    assert teams.find_team(f" {lower} ") == team
    assert teams.open_team(team.code.lower()) == team

    response = client.get("/balansscan/team/", {"code": lower})
    assert response.status_code == 303 and response["Location"] == f"/balansscan/team/{team.code}/"


def test_a_mistyped_code_in_the_form_is_a_message(client, home):
    response = client.get("/balansscan/team/", {"code": "ABC"})
    assert response.status_code == 400
    assert "Een teamcode heeft 8 letters en cijfers" in page(response).select_one("#foutmeldingen").get_text()
    response = client.get("/balansscan/team/", {"code": ""})
    assert response.status_code == 400
    assert "Vul de teamcode in." in response.content.decode()


@pytest.mark.parametrize("code", ["ZZZZZZZZ", "ABCDEFG0", "<script>", "A" * 200])
def test_an_unknown_or_forged_code_is_a_dutch_404(client, home, code):
    TeamFactory(code="KKKKKKKK")
    response = client.get(f"/balansscan/team/{code}/")
    assert response.status_code == 404
    assert "Deze teamcode kennen we niet" in response.content.decode()
    with pytest.raises(teams.TeamUnknown):
        teams.open_team(code)


def test_guessing_codes_is_rate_limited(client, home, settings):
    settings.BALANSSCAN_TEAM_LOOKUP_RATE_IP = 3
    team = TeamFactory()
    for _ in range(3):
        assert client.get("/balansscan/team/ZZZZZZZZ/").status_code == 404
    response = client.get(f"/balansscan/team/{team.code}/")  # even the right code, from this address
    assert response.status_code == 429
    assert "te vaak geprobeerd" in response.content.decode()
    assert Client(REMOTE_ADDR="192.0.2.7").get(f"/balansscan/team/{team.code}/").status_code == 200


def test_starting_is_rate_limited(client, home, settings):
    settings.BALANSSCAN_TEAM_RATE_IP = 2
    assert [client.post("/balansscan/team/").status_code for _ in range(3)] == [303, 303, 429]
    assert Team.objects.count() == 2


def test_the_starter_closes_the_scan_after_confirming(client, team):
    starter = f"/balansscan/team/{team.code}/{team.starter_key}/"
    close = page(client.get(starter)).find("a", string="Teamscan sluiten")["href"]
    assert close == f"{starter}sluiten/"

    response = client.get(close)  # the confirmation step: nothing closed yet
    assert response.status_code == 200
    assert "Weet je het zeker?" in response.content.decode()
    team.refresh_from_db()
    assert not team.is_closed

    response = client.post(close)
    assert response.status_code == 303 and response["Location"] == f"{starter}?gesloten=1"
    team.refresh_from_db()
    assert team.is_closed
    text = page(client.get(response["Location"])).get_text(" ", strip=True)
    assert "De teamscan is gesloten." in text
    assert "Teamscan sluiten" not in text
    assert page(client.get(f"/balansscan/team/{team.code}/")).select_one("[data-closed]")

    with pytest.raises(teams.TeamClosed) as closed:
        teams.open_team(team.code)
    assert "gesloten" in str(closed.value.message)


def test_a_wrong_key_is_a_404_like_an_unknown_code(client, team):
    wrong = client.get(f"/balansscan/team/{team.code}/{'x' * len(team.starter_key)}/")
    unknown = client.get(f"/balansscan/team/ZZZZZZZZ/{team.starter_key}/")
    assert wrong.status_code == unknown.status_code == 404
    assert page(wrong).select_one("article").get_text() == page(unknown).select_one("article").get_text()
    assert client.post(f"/balansscan/team/{team.code}/fout/sluiten/").status_code == 404
    team.refresh_from_db()
    assert not team.is_closed


def test_the_team_page_does_not_offer_closing_nor_the_key(client, team):
    response = client.get(f"/balansscan/team/{team.code}/")
    assert team.starter_key not in response.content.decode()
    assert "sluiten" not in response.content.decode().lower().replace("sluiten.", "")


def test_open_team_takes_an_open_team(team):
    assert teams.open_team(team.code) == team
    team.closed_at = timezone.now()
    team.save()
    with pytest.raises(teams.TeamClosed):
        teams.open_team(team.code)


@pytest.mark.parametrize(
    "path",
    ["/balansscan/team/", "/balansscan/team/{code}/", "/balansscan/team/{code}/{key}/", "/balansscan/team/ZZZZZZZZ/"],
)
def test_team_pages_are_private_and_not_indexed(client, team, path):
    response = client.get(path.format(code=team.code, key=team.starter_key))
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "strict-origin"
    assert page(response).select_one("meta[name=robots]")["content"] == "noindex"

"""Taking the scan step by step, the bad input it refuses, and the result page."""

from django.core import signing
from django.test import Client

import pytest
from bs4 import BeautifulSoup

from balansscan.forms import STATE_SALT, pack
from balansscan.models import Scan, Team
from core.links import public_url

from .scan_content import ANSWERS, SCORES, build

pytestmark = pytest.mark.django_db
START = "/balansscan/vragen/"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response):
    return soup(response).get_text(" ", strip=True)


@pytest.fixture
def content(guide, case_index):
    return build(guide, case_index)


def state_of(response):
    return soup(response).select_one("input[name=staat]")["value"]


def step_data(response, statements, choices, **extra):
    data = {"staat": state_of(response), "actie": "volgende"}
    data.update({f"stelling_{s.pk}": choice for s, choice in zip(statements, choices, strict=True)})
    data.update(extra)
    return data


def take_scan(client, content, last_step=None, start=START):
    """Answer every step with ANSWERS; `last_step` adds fields to the last one. Returns the last response."""
    response = client.get(start)
    slugs = list(ANSWERS)
    for number, slug in enumerate(slugs, start=1):
        extra = (last_step or {}) if number == len(slugs) else {}
        response = client.post(START, step_data(response, content["statements"][slug], ANSWERS[slug], **extra))
    return response


def test_the_last_step_sent_twice_saves_one_scan(client, content):
    response = client.get(START)
    slugs = list(ANSWERS)
    for slug in slugs[:-1]:
        response = client.post(START, step_data(response, content["statements"][slug], ANSWERS[slug]))
    last = step_data(response, content["statements"][slugs[-1]], ANSWERS[slugs[-1]])
    first, again = client.post(START, last), client.post(START, last)  # a double click, or the back button
    assert first.status_code == again.status_code == 303
    assert first["Location"] == again["Location"]
    assert Scan.objects.count() == 1


def test_the_intro_says_what_the_scan_is(client, content):
    response = client.get("/balansscan/")
    assert response.status_code == 200
    page = text(response)
    assert "vijf minuten" in page and "niet in te loggen" in page and "4 stappen" in page
    assert soup(response).select_one(f'a[href="{START}"]').get_text(strip=True) == "Begin de scan"


def test_each_step_shows_one_perspective_with_its_progress(client, content):
    response = client.get(START)
    page = soup(response)
    assert "Stap 1 van 4" in page.select_one(".scan-progress").get_text()
    assert page.h1.get_text(strip=True) == "Opgavegericht besturen"
    legends = [legend.get_text(" ", strip=True) for legend in page.select("fieldset legend")]
    assert legends == [f"Stelling {n} over besturen." for n in (1, 2, 3)]
    first = page.select("fieldset")[0]
    labels = [label.get_text(strip=True) for label in first.select("label")]
    assert labels == ["Helemaal niet", "Nauwelijks", "Deels", "Grotendeels", "Helemaal wel", "Weet ik niet"]
    assert not page.find("button", attrs={"value": "vorige"})  # nothing to go back to on the first step

    response = client.post(START, step_data(response, content["statements"]["besturen"], ANSWERS["besturen"]))
    assert response.status_code == 200
    assert "Stap 2 van 4" in soup(response).select_one(".scan-progress").get_text()
    assert soup(response).find("button", attrs={"value": "vorige"}).get_text(strip=True) == "Vorige stap"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert not Scan.objects.exists()  # nothing is stored before the end


def test_a_complete_scan_is_stored_and_leads_to_its_result(client, content):
    response = take_scan(client, content, {"organisation_type": "provincie", "in_benchmark": "on"})
    assert response.status_code == 303
    scan = Scan.objects.get()
    assert response["Location"] == f"/balansscan/uitslag/{scan.public_id}/"
    assert scan.scores == SCORES
    assert scan.organisation_type == "provincie" and scan.in_benchmark is True and scan.team is None


def test_the_benchmark_is_off_unless_ticked(client, content):
    take_scan(client, content)
    assert Scan.objects.get().in_benchmark is False


def test_going_back_keeps_the_answers(client, content):
    response = client.get(START)
    response = client.post(START, step_data(response, content["statements"]["besturen"], ["1", "weet-niet", "3"]))
    sturen = content["statements"]["sturen"]
    # Only one of sturen's answered, then back: besturen's answers are still chosen.
    back = {"staat": state_of(response), "actie": "vorige", f"stelling_{sturen[0].pk}": "2"}
    response = client.post(START, back)
    page = soup(response)
    assert "Stap 1 van 4" in page.select_one(".scan-progress").get_text()
    besturen = content["statements"]["besturen"]
    checked = [page.select_one(f'input[name="stelling_{s.pk}"][checked]')["value"] for s in besturen]
    assert checked == ["1", "weet-niet", "3"]
    # And forward again: sturen's one answer is kept too.
    response = client.post(START, step_data(response, besturen, checked))
    assert soup(response).select_one(f'input[name="stelling_{sturen[0].pk}"][checked]')["value"] == "2"


def test_missing_answers_bring_the_step_back_with_a_message_per_statement(client, content):
    response = client.get(START)
    besturen = content["statements"]["besturen"]
    data = step_data(response, besturen[:1], ["4"])
    response = client.post(START, data)
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one("#foutmeldingen")
    links = [(a["href"], a.get_text(" ", strip=True)) for a in summary.select("a")]
    assert links == [
        (f"#id_stelling_{besturen[1].pk}_0", "Stelling 2: Kies een antwoord, of “Weet ik niet” als je het niet weet."),
        (f"#id_stelling_{besturen[2].pk}_0", "Stelling 3: Kies een antwoord, of “Weet ik niet” als je het niet weet."),
    ]
    assert page.title.get_text().startswith("Fout:")
    # What was answered stays chosen.
    assert page.select_one(f'input[name="stelling_{besturen[0].pk}"][checked]')["value"] == "4"
    assert "Stap 1 van 4" in page.select_one(".scan-progress").get_text()


@pytest.mark.parametrize("value", ["6", "0", "-1", "3.5", "<b>"])
def test_a_value_off_the_scale_is_refused(client, content, value):
    response = client.get(START)
    besturen = content["statements"]["besturen"]
    response = client.post(START, step_data(response, besturen, ["5", value, "5"]))
    assert response.status_code == 400
    assert "staat niet op de schaal" in text(response)
    # Also when going back.
    response = client.post(START, step_data(response, besturen, ["5", value, "5"], actie="vorige"))
    assert response.status_code == 400


@pytest.mark.parametrize(
    "state",
    [
        "",
        "niet-ondertekend",
        signing.dumps({"step": 3, "answers": {}, "team": ""}, salt="een-ander-doel"),
        signing.dumps({"step": 3, "answers": {}, "team": ""}, salt=STATE_SALT)[:-2] + "xx",
        signing.dumps({"stap": 3}, salt=STATE_SALT),
    ],
)
def test_tampered_hidden_data_is_refused(client, content, state):
    response = client.post(START, {"staat": state, "actie": "volgende"})
    assert response.status_code == 400
    assert "Begin opnieuw" in text(response)
    assert not Scan.objects.exists()


def test_expired_hidden_data_is_refused(client, content, monkeypatch):
    state = pack(0, {}, "")
    monkeypatch.setattr("balansscan.forms.STATE_MAX_AGE", -1)
    response = client.post(START, {"staat": state, "actie": "volgende"})
    assert response.status_code == 400


def test_a_step_that_does_not_exist_is_refused(client, content):
    response = client.post(START, {"staat": pack(7, {}, ""), "actie": "volgende"})
    assert response.status_code == 400


def test_a_team_code_from_the_link_is_carried_to_the_last_step(client, content):
    team = Team.objects.create()
    intro = client.get(f"/balansscan/?team={team.code}")
    assert team.code in text(intro)
    response = take_scan(client, content, {"team": team.code}, start=f"{START}?team={team.code}")
    assert response.status_code == 303
    assert Scan.objects.get().team == team


@pytest.mark.parametrize("code", ["ONBEKEND", "<script>", "A" * 300])
def test_a_forged_team_code_in_the_link_gives_a_dutch_4xx(client, content, code):
    for url in ["/balansscan/", START]:
        response = client.get(url, {"team": code})
        assert response.status_code == 404
        assert "Deze teamcode kennen we niet" in text(response)


def test_guessing_team_codes_in_the_scan_link_is_limited_with_the_team_pages(client, content, settings):
    settings.BALANSSCAN_TEAM_LOOKUP_RATE_IP = 2
    assert [client.get("/balansscan/", {"team": "ONBEKEND"}).status_code for _ in range(2)] == [404, 404]
    refused = client.get("/balansscan/team/ONBEKEND/")  # the same counter as the team pages
    assert refused.status_code == 429
    response = client.get("/balansscan/", {"team": "ANDERS12"})
    assert response.status_code == 429
    assert "te veel onbekende teamcodes" in text(response)


def test_guessing_team_codes_on_the_last_step_is_limited_too(client, content, settings):
    settings.BALANSSCAN_TEAM_LOOKUP_RATE_IP = 2
    team = Team.objects.create()
    statuses = [
        take_scan(client, content, {"team": f"RADEN{n}AB"}, start=f"{START}?team={team.code}").status_code
        for n in (2, 3)
    ]
    assert statuses == [404, 404]
    # Both guesses were counted: the limit now holds for this address, wherever a code is typed.
    assert client.get(START, {"team": team.code}).status_code == 429
    assert client.get(f"/balansscan/team/{team.code}X/").status_code == 429
    assert not Scan.objects.exists()


def test_a_forged_or_closed_team_code_on_submit_gives_a_dutch_4xx(client, content):
    team = Team.objects.create()
    response = take_scan(client, content, {"team": "VERZONNEN"}, start=f"{START}?team={team.code}")
    assert response.status_code == 404
    assert "Deze teamcode kennen we niet" in text(response)
    assert not Scan.objects.exists()

    team.closed_at = team.created_at
    team.save()
    response = take_scan(client, content, {"team": team.code}, start=f"{START}?team={Team.objects.create().code}")
    assert response.status_code == 410
    assert "gesloten" in text(response)
    assert not Scan.objects.exists()


def test_a_forged_team_code_inside_signed_data_cannot_be_made(client, content):
    # The code travels signed, so only the visible field on the last step can carry a made-up one (above).
    response = client.post(START, {"staat": pack(3, {}, "VERZONNEN")[:-1], "actie": "volgende"})
    assert response.status_code == 400


def test_too_many_scans_from_one_address_are_refused(client, content, settings):
    settings.BALANSSCAN_RATE_IP = 2
    for _ in range(2):
        assert take_scan(client, content).status_code == 303
    response = take_scan(client, content)
    assert response.status_code == 429
    assert "al veel scans ingevuld" in text(response)
    assert Scan.objects.count() == 2
    # Another address may still.
    assert take_scan(Client(REMOTE_ADDR="192.0.2.9"), content).status_code == 303


def test_an_unknown_result_is_a_dutch_404(client, content):
    for public_id in ["bestaat-niet", "x" * 40]:
        response = client.get(f"/balansscan/uitslag/{public_id}/")
        assert response.status_code == 404
        assert "Uitslag niet gevonden" in text(response)


@pytest.fixture
def result(client, content):
    take_scan(client, content)
    scan = Scan.objects.get()
    return scan, Client().get(f"/balansscan/uitslag/{scan.public_id}/")


def test_the_result_is_private_and_not_indexed(result):
    _scan, response = result
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


def test_the_radar_table_holds_the_stored_scores(result):
    scan, response = result
    page = soup(response)
    table = {row["data-perspective"]: int(row.td["data-score"]) for row in page.select("#scores tbody tr")}
    assert table == scan.scores == SCORES
    svg = page.select_one("svg[role=img]")
    assert svg["aria-labelledby"] == "radar-titel radar-uitleg"
    desc = svg.select_one("desc").get_text()
    assert "Opgavegericht sturen: 38" in desc and "Opgavegericht besturen: 100" in desc
    labels = [t.get_text(" ", strip=True) for t in svg.select("text")]
    assert labels == [f"Opgavegericht {slug} {score}" for slug, score in SCORES.items()]


def test_the_result_names_the_weakest_and_what_helps(result, content):
    _scan, response = result
    page = soup(response)
    assert "opgavegericht sturen blijft achter" in page.select_one(".scan-verdict").get_text(" ", strip=True)
    sections = page.select(".scan-advice")
    assert [s.h2.get_text(strip=True) for s in sections] == ["Aan de slag met Opgavegericht sturen"]
    advice = sections[0]
    blocks = [a.get_text(strip=True) for a in advice.select(".scan-blocks a")]
    # rol (answered 1), portefeuille (4), ruimte ("weet ik niet"), then the chapter's other block.
    assert blocks == [
        "De rol van de opgavemanager",
        "Sturen op de portefeuille",
        "Bewegingsruimte afspreken",
        "Een bouwsteen zonder stelling",
    ]
    cases = [a.get_text(strip=True) for a in advice.select(".scan-cases a")]
    assert cases == ["Past bij twee bouwstenen", "Past bij een bouwsteen", "Nieuwste zonder bouwsteen"]
    events = [a.get_text(strip=True) for a in advice.select(".scan-events a")]
    assert events == ["Bijeenkomst over sturen 10", "Bijeenkomst over sturen 20", "Bijeenkomst over sturen 30"]


def test_the_result_shares_its_link_without_personal_data(result):
    scan, response = result
    page = text(response)
    assert public_url(f"/balansscan/uitslag/{scan.public_id}/") in page
    assert "nooit wie de scan heeft ingevuld" in page
    assert "verwijderen we de uitslag" in page


def test_a_balanced_result_says_so(client, content):
    response = client.get(START)
    for slug in ANSWERS:
        response = client.post(START, step_data(response, content["statements"][slug], ["4", "4", "4"]))
    result = client.get(response["Location"])
    assert "in balans" in soup(result).select_one(".scan-verdict").get_text()
    assert not soup(result).select(".scan-advice")


def test_the_scan_is_linked_from_the_home_page_the_guide_and_each_chapter(client, content, guide):
    pages = [guide.get_parent().url, guide.url, *[c.url for c in guide.get_children()]]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert soup(response).select_one('a[href="/balansscan/"]').get_text(strip=True) == (
            "Hoe in balans is jouw organisatie? Doe de Balansscan"
        ), url


def test_a_step_without_the_csrf_token_is_refused_in_dutch(content):
    strict = Client(enforce_csrf_checks=True)
    response = strict.get(START)
    data = step_data(response, content["statements"]["besturen"], ANSWERS["besturen"])
    response = strict.post(START, data)  # the cookie, but no token in the form
    assert response.status_code == 403
    assert "Formulier verlopen" in text(response)

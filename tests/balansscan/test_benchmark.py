"""The benchmark: opted-in scans only, per organisation type, and only for groups of five or more."""

from django.template import Context, Template

import pytest
from bs4 import BeautifulSoup

from balansscan import benchmark as benchmark_module
from balansscan.benchmark import benchmark, benchmark_groups
from balansscan.factories import ScanFactory, perspective_scores
from balansscan.scoring import BENCHMARK_MINIMUM
from core.caching import bump_content_version

pytestmark = pytest.mark.django_db


def opted_in(besturen, sturen=50, presteren=50, leren=None, **kwargs):
    kwargs.setdefault("in_benchmark", True)
    return ScanFactory(scores=perspective_scores(besturen, sturen, presteren, leren), **kwargs)


def test_four_scans_are_too_few_five_give_an_average():
    assert BENCHMARK_MINIMUM == 5
    for score in (10, 20, 30, 40):
        opted_in(score, organisation_type="gemeente")
    assert benchmark() == {"besturen": None, "sturen": None, "presteren": None, "leren": None}

    opted_in(51, organisation_type="gemeente")
    # (10 + 20 + 30 + 40 + 51) / 5 = 30.2
    assert benchmark()["besturen"] is None  # the figures are cached ...
    bump_content_version()  # ... until the content changes
    assert benchmark() == {"besturen": 30, "sturen": 50, "presteren": 50, "leren": None}
    assert benchmark_groups()["besturen"].count == 5


def test_the_cached_figures_are_recomputed_after_a_while(settings, monkeypatch):
    settings.BALANSSCAN_BENCHMARK_SECONDS = 600
    now = 1_800_000_000.0
    monkeypatch.setattr(benchmark_module.time, "time", lambda: now)
    for score in (10, 20, 30, 40):
        opted_in(score)
    assert benchmark()["besturen"] is None
    opted_in(50)
    now += 599 - now % 600  # the same ten minutes: still cached
    assert benchmark()["besturen"] is None
    now += 1  # the next ten minutes
    assert benchmark()["besturen"] == 30


def test_a_perspective_counts_only_the_scans_that_scored_it():
    for score in (60, 70, 80, 90):
        opted_in(score, leren=100)
    opted_in(100, leren=None)  # "weet ik niet" on every statement of leren
    figures = benchmark()
    assert figures["besturen"] == 80
    assert figures["leren"] is None  # 4 scores


def test_scans_that_did_not_opt_in_are_left_out():
    for score in (20, 20, 20, 20, 20):
        opted_in(score)
    for _ in range(10):
        opted_in(100, in_benchmark=False)
    assert benchmark()["besturen"] == 20


def test_per_organisation_type():
    for score in (10, 20, 30, 40, 50):
        opted_in(score, organisation_type="gemeente")
    for score in (80, 90, 100, 80):
        opted_in(score, organisation_type="provincie")
    assert benchmark("gemeente")["besturen"] == 30
    assert benchmark("provincie")["besturen"] is None  # four provinces only
    assert benchmark()["besturen"] == 56  # all nine: 500 / 9 = 55.6
    assert benchmark("geen-soort") == benchmark()  # an unknown type counts as all


def render(scan):
    html = Template("{% load benchmark_tags %}{% scan_benchmark scan %}").render(Context({"scan": scan}))
    return BeautifulSoup(html, "html.parser")


def rows(html):
    return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in html.select("tbody tr")]


def test_the_include_compares_a_scan_with_its_organisation_type():
    for score in (10, 20, 30, 40, 50):
        opted_in(score, organisation_type="gemeente")
    mine = ScanFactory(scores=perspective_scores(65, 40, None, 20), organisation_type="gemeente")
    html = render(mine)
    headings = [th.get_text(" ", strip=True) for th in html.select("thead th")]
    assert headings == ["Invalshoek", "Jouw score", "Gemiddelde (gemeente)", "Aantal scans"]
    assert rows(html) == [
        ["Opgavegericht besturen", "65", "30", "5"],
        ["Opgavegericht sturen", "40", "50", "5"],
        ["Opgavegericht presteren", "geen score", "50", "5"],
        ["Opgavegericht leren", "20", "nog te weinig scans om te vergelijken"],
    ]
    assert not html.select("[data-benchmark-empty]")


def test_the_include_below_the_minimum_says_so():
    opted_in(10)
    html = render(ScanFactory(scores=perspective_scores(65, 40, 30, 20)))
    assert "Gemiddelde (alle organisaties)" in html.get_text()
    assert (
        html.select_one("[data-benchmark-empty]").get_text(strip=True)
        == "Er zijn nog te weinig scans om te vergelijken."
    )
    assert {row[2] for row in rows(html)} == {"nog te weinig scans om te vergelijken"}

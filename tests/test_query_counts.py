"""A listing's SQL query count stays the same whether it lists 10 items or 100.

Each page is rendered in full through the test client (so queries made by the templates
count too), once with 10 cases and once with 100. Run with ``-s`` to see the counts.
"""

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

import pytest
from bs4 import BeautifulSoup

from cop_site.factories import HomePageFactory
from knowledge.factories import (
    BuildingBlockPageFactory,
    CaseIndexPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation, Perspective

# Every test here uses the database (pytest-django only sets up the test database for tests marked so).
pytestmark = pytest.mark.django_db

FEW, MANY = 10, 100
# The home page and a chapter show at most six cards, so 10 and 100 cases both give six cards;
# a measurement with two cases makes a query per card visible there too.
FEWEST = 2

# name -> (how to find the page's URL in the tree, query string, CSS selector of one listed case)
PAGES = {
    "home page": ("home", "", ".case-grid article"),
    "case list": ("case_index", "", ".case-list article"),
    "case list, filtered": (
        "case_index",
        "?invalshoek=besturen&bouwsteen=opgaveteam&provincie=utrecht",
        ".case-list article",
    ),
    "case list, page 1 of several": ("case_index", "?page=1", ".case-list article"),
    "chapter page": ("chapter", "", ".case-grid article"),
    "building block page": ("block", "", ".case-grid article"),
}


def add_cases(tree, count):
    organisations = tree["organisations"]
    perspectives = ["besturen", "sturen", "presteren", "leren"]
    for n in range(count):
        PracticeCasePageFactory(
            parent=tree["case_index"],
            # Every case is "besturen" (the chapter under test) plus one other perspective,
            # has two organisations and applies two building blocks: each card has lists to show.
            perspectives=["besturen", perspectives[1 + n % 3]],
            organisations=[organisations[n % 3], organisations[(n + 1) % 3]],
            building_blocks=[tree["block"], tree["other_block"]],
            year=2020 + n % 5,
        )


def measure(client, url, selector):
    client.get(url)  # warm up per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} gave HTTP {response.status_code}"
    listed = len(BeautifulSoup(response.content.decode(), "html.parser").select(selector))
    return len(queries), listed, [q["sql"] for q in queries.captured_queries]


@pytest.fixture(scope="module")
def measurements(django_db_setup, django_db_blocker):
    """{page name: {FEWEST|FEW|MANY: (queries, cases listed, sql)}}, measured once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root, slug="home-query-counts")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
        )
        Site.clear_site_root_paths_cache()
        guide = GuidePageFactory(parent=home)
        chapters = {p.slug: GuideChapterPageFactory(parent=guide, perspective=p) for p in Perspective.objects.all()}
        tree = {
            "home": home,
            "chapter": chapters["besturen"],
            "block": BuildingBlockPageFactory(parent=chapters["besturen"], title="Opgaveteam", slug="opgaveteam"),
            "other_block": BuildingBlockPageFactory(parent=chapters["sturen"], title="Budget", slug="opgavebudget"),
            "case_index": CaseIndexPageFactory(parent=home),
            "organisations": [
                OrganisationFactory(name="Gemeente Utrecht", type=Organisation.Type.GEMEENTE, province="utrecht"),
                OrganisationFactory(name="Provincie Utrecht", type=Organisation.Type.PROVINCIE, province="utrecht"),
                OrganisationFactory(name="Waterschap Vallei", type=Organisation.Type.WATERSCHAP, province="utrecht"),
            ],
        }
        client = Client()
        results = {name: {} for name in PAGES}
        for total, extra in ((FEWEST, FEWEST), (FEW, FEW - FEWEST), (MANY, MANY - FEW)):
            add_cases(tree, extra)
            for name, (key, query, selector) in PAGES.items():
                results[name][total] = measure(client, tree[key].url + query, selector)

        yield results

        transaction.set_rollback(True)
    with django_db_blocker.unblock():  # the cache is a database table
        Site.clear_site_root_paths_cache()


@pytest.mark.parametrize("name", list(PAGES))
def test_query_count_does_not_grow_with_the_number_of_cases(measurements, name):
    (few, listed_few, sql_few), (many, listed_many, sql_many) = measurements[name][FEW], measurements[name][MANY]
    print(f"\n{name}: {few} queries with {FEW} cases ({listed_few} listed), {many} with {MANY} ({listed_many} listed)")

    assert listed_few > 0, f"the {name} lists no cases, so the measurement says nothing"
    assert listed_many >= listed_few
    extra = [sql for sql in sql_many if sql not in sql_few]
    assert many == few, (
        f"{name}: {few} queries with {FEW} cases but {many} with {MANY}; queries only seen with {MANY}:\n"
        + "\n".join(extra[:5])
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_query_count_does_not_grow_with_the_number_of_cards(measurements, name):
    (fewest, listed_fewest, _), (few, listed_few, _) = measurements[name][FEWEST], measurements[name][FEW]
    print(
        f"\n{name}: {fewest} queries with {FEWEST} cases ({listed_fewest} listed), {few} with {FEW} ({listed_few} listed)"
    )

    assert listed_fewest < listed_few, "the two measurements must list a different number of cards"
    assert fewest == few, f"{name}: {fewest} queries for {listed_fewest} cards but {few} for {listed_few} cards"


def test_the_case_list_shows_one_page_of_cases(measurements):
    assert measurements["case list"][FEW][1] == FEW
    assert measurements["case list"][MANY][1] == 12


def test_home_and_chapter_show_at_most_six_cases(measurements):
    for name in ("home page", "chapter page"):
        assert measurements[name][FEW][1] == 6, name
        assert measurements[name][MANY][1] == 6, name

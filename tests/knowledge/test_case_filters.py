"""The case list at /praktijkvoorbeelden/: filters, facet counts, pagination and bad input.

Every request goes through the Django test client, so the URL routing, the page's serve()
and the template all take part. Results are read from what the visitor sees (the titles of
the case cards and the counts next to the filter options) and cross-checked with
``response.context``.
"""

import re

from django.db import transaction
from django.test import Client

from wagtail.models import Page, PageViewRestriction, Site

import pytest
from bs4 import BeautifulSoup

from cop_site.factories import HomePageFactory
from core.filters import PAGE_SIZE
from knowledge.factories import (
    BuildingBlockPageFactory,
    CaseIndexPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation, Perspective

# The catalogue of cases the filter tests run against. Each facet has cases that share a value
# and cases that do not, and case E spans two organisations of different type and province.
ORGANISATIONS = {
    "utrecht": ("Gemeente Utrecht", "gemeente", "utrecht"),
    "gelderland": ("Provincie Gelderland", "provincie", "gelderland"),
    "rivierenland": ("Waterschap Rivierenland", "waterschap", "gelderland"),
    "bzk": ("Ministerie van BZK", "rijksoverheid", ""),
}
BLOCKS = {  # slug -> (title, chapter)
    "opgaveteam": ("Opgaveteam", "besturen"),
    "opgavebudget": ("Opgavebudget", "sturen"),
}
CASES = [  # title, perspectives, building blocks, organisations, year
    ("Wijkaanpak Utrecht", ["besturen"], ["opgaveteam"], ["utrecht"], 2022),
    ("Gelderse energieopgave", ["sturen", "leren"], ["opgavebudget"], ["gelderland"], 2023),
    ("Dijkversterking samen", ["presteren"], ["opgaveteam", "opgavebudget"], ["rivierenland"], 2023),
    ("Rijksbrede opgave", ["leren"], [], ["bzk"], 2024),
    ("Utrecht en Gelderland leren samen", ["leren", "besturen"], ["opgavebudget"], ["utrecht", "gelderland"], 2024),
]
ALL_TITLES = {case[0] for case in CASES}
HIDDEN_TITLES = {"Conceptvoorbeeld", "Besloten voorbeeld"}
# Every test here uses the database (pytest-django only sets up the test database for tests marked so).
pytestmark = pytest.mark.django_db

FACET_PARAMS = ["invalshoek", "bouwsteen", "organisatietype", "provincie", "jaar"]


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    """The site and the catalogue, built once for this module and rolled back at its end.

    Every test still runs in its own transaction (savepoint) inside this one, so nothing a
    test writes leaks into the next test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root, slug="home-case-filters")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
        )
        guide = GuidePageFactory(parent=home)
        chapters = {p.slug: GuideChapterPageFactory(parent=guide, perspective=p) for p in Perspective.objects.all()}
        blocks = {
            slug: BuildingBlockPageFactory(parent=chapters[chapter], title=title, slug=slug)
            for slug, (title, chapter) in BLOCKS.items()
        }
        organisations = {
            key: OrganisationFactory(name=name, type=type_, province=province)
            for key, (name, type_, province) in ORGANISATIONS.items()
        }
        case_index = CaseIndexPageFactory(parent=home)
        for title, perspectives, block_slugs, organisation_keys, year in CASES:
            PracticeCasePageFactory(
                parent=case_index,
                title=title,
                perspectives=perspectives,
                building_blocks=[blocks[s] for s in block_slugs],
                organisations=[organisations[k] for k in organisation_keys],
                year=year,
            )
        # Neither of these may ever show up or be counted.
        PracticeCasePageFactory(
            parent=case_index, title="Conceptvoorbeeld", live=False, perspectives=["leren"], year=2024
        )
        private = PracticeCasePageFactory(
            parent=case_index, title="Besloten voorbeeld", perspectives=["leren"], year=2024
        )
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

        yield {"home": home, "case_index": case_index}

        transaction.set_rollback(True)
    with django_db_blocker.unblock():  # the cache is a database table
        Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def _fresh_site_root_paths(django_db_blocker):
    # Wagtail caches the site's root paths; a rolled-back test must not leave stale ones behind.
    with django_db_blocker.unblock():
        Site.clear_site_root_paths_cache()


@pytest.fixture
def catalogue(tree, db):
    return tree["case_index"]


@pytest.fixture
def lenient_client():
    """A client that returns a 500 response instead of raising, so a test can assert 'no 500'."""
    return Client(raise_request_exception=False)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def shown_titles(response):
    """The titles of the case cards on the page, as the visitor sees them."""
    return [a.get_text(strip=True) for a in soup(response).select(".case-list article h3 a")]


def context_titles(response):
    return [case.title for case in response.context["page_obj"].object_list]


def result_titles(response):
    """Titles on the page; the HTML and the context must agree."""
    titles = shown_titles(response)
    assert titles == context_titles(response), "the page shows other cases than the view selected"
    return set(titles)


def shown_facets(response):
    """{param: {value: (count, checked)}} from the filter form's checkboxes and their labels."""
    page = soup(response)
    facets = {}
    for box in page.select("form input[type=checkbox]"):
        label = page.find("label", attrs={"for": box["id"]})
        assert label is not None, f"checkbox {box['id']} has no label"
        match = re.search(r"\((\d+)\)\s*$", label.get_text(" ", strip=True))
        assert match, f"label of {box['id']} shows no count: {label.get_text(' ', strip=True)!r}"
        facets.setdefault(box["name"], {})[box["value"]] = (int(match.group(1)), box.has_attr("checked"))
    return facets


def messages(response):
    return " ".join(str(m) for m in response.context["filter"].messages)


def get(client, case_index, query=""):
    return client.get(case_index.url + ("?" + query if query else ""))


# --- The page and its URL --------------------------------------------------------------------


def test_case_index_lives_at_the_dutch_url(catalogue):
    assert catalogue.url == "/praktijkvoorbeelden/"


def test_without_filters_every_public_live_case_is_listed(client, catalogue):
    response = get(client, catalogue)

    assert response.status_code == 200
    assert result_titles(response) == ALL_TITLES
    assert not HIDDEN_TITLES & set(shown_titles(response))
    assert response.context["page_obj"].paginator.count == len(CASES)
    assert f"{len(CASES)} praktijkvoorbeelden gevonden" in soup(response).get_text(" ", strip=True)


# --- Each filter alone -----------------------------------------------------------------------

SINGLE_FILTERS = [
    ("invalshoek=besturen", {"Wijkaanpak Utrecht", "Utrecht en Gelderland leren samen"}),
    ("invalshoek=sturen", {"Gelderse energieopgave"}),
    ("invalshoek=presteren", {"Dijkversterking samen"}),
    ("invalshoek=leren", {"Gelderse energieopgave", "Rijksbrede opgave", "Utrecht en Gelderland leren samen"}),
    ("bouwsteen=opgaveteam", {"Wijkaanpak Utrecht", "Dijkversterking samen"}),
    (
        "bouwsteen=opgavebudget",
        {"Gelderse energieopgave", "Dijkversterking samen", "Utrecht en Gelderland leren samen"},
    ),
    ("organisatietype=gemeente", {"Wijkaanpak Utrecht", "Utrecht en Gelderland leren samen"}),
    ("organisatietype=provincie", {"Gelderse energieopgave", "Utrecht en Gelderland leren samen"}),
    ("organisatietype=waterschap", {"Dijkversterking samen"}),
    ("organisatietype=rijksoverheid", {"Rijksbrede opgave"}),
    ("organisatietype=overig", set()),
    ("provincie=utrecht", {"Wijkaanpak Utrecht", "Utrecht en Gelderland leren samen"}),
    (
        "provincie=gelderland",
        {"Gelderse energieopgave", "Dijkversterking samen", "Utrecht en Gelderland leren samen"},
    ),
    ("provincie=zeeland", set()),
    ("jaar=2022", {"Wijkaanpak Utrecht"}),
    ("jaar=2023", {"Gelderse energieopgave", "Dijkversterking samen"}),
    ("jaar=2024", {"Rijksbrede opgave", "Utrecht en Gelderland leren samen"}),
    ("jaar=1999", set()),
]


@pytest.mark.parametrize(("query", "expected"), SINGLE_FILTERS)
def test_each_filter_alone(client, catalogue, query, expected):
    response = get(client, catalogue, query)

    assert response.status_code == 200
    assert result_titles(response) == expected
    assert response.context["page_obj"].paginator.count == len(expected)


def test_no_match_says_so_in_dutch(client, catalogue):
    response = get(client, catalogue, "provincie=zeeland")

    assert response.status_code == 200
    assert shown_titles(response) == []
    assert "Er zijn geen praktijkvoorbeelden die aan deze filters voldoen" in response.content.decode()


def test_a_selected_filter_stays_ticked(client, catalogue):
    response = get(client, catalogue, "invalshoek=leren&jaar=2024")

    facets = shown_facets(response)
    assert facets["invalshoek"]["leren"][1] is True
    assert facets["jaar"]["2024"][1] is True
    assert not any(checked for value, (_, checked) in facets["invalshoek"].items() if value != "leren")


# --- Combinations ----------------------------------------------------------------------------

COMBINATIONS = [
    ("invalshoek=leren&jaar=2024", {"Rijksbrede opgave", "Utrecht en Gelderland leren samen"}),
    ("invalshoek=leren&bouwsteen=opgavebudget", {"Gelderse energieopgave", "Utrecht en Gelderland leren samen"}),
    ("bouwsteen=opgaveteam&provincie=gelderland", {"Dijkversterking samen"}),
    ("organisatietype=gemeente&jaar=2022", {"Wijkaanpak Utrecht"}),
    ("invalshoek=sturen&jaar=2024", set()),
    ("invalshoek=leren&bouwsteen=opgavebudget&jaar=2023", {"Gelderse energieopgave"}),
    ("invalshoek=besturen&provincie=utrecht&jaar=2024", {"Utrecht en Gelderland leren samen"}),
    ("bouwsteen=opgavebudget&organisatietype=waterschap&jaar=2023", {"Dijkversterking samen"}),
    ("invalshoek=presteren&bouwsteen=opgaveteam&organisatietype=gemeente", set()),
]


@pytest.mark.parametrize(("query", "expected"), COMBINATIONS)
def test_filters_combine_with_and(client, catalogue, query, expected):
    response = get(client, catalogue, query)

    assert response.status_code == 200
    assert result_titles(response) == expected


MULTIPLE_VALUES = [
    ("invalshoek=sturen&invalshoek=presteren", {"Gelderse energieopgave", "Dijkversterking samen"}),
    ("jaar=2022&jaar=2024", {"Wijkaanpak Utrecht", "Rijksbrede opgave", "Utrecht en Gelderland leren samen"}),
    (
        "organisatietype=waterschap&organisatietype=rijksoverheid",
        {"Dijkversterking samen", "Rijksbrede opgave"},
    ),
    ("bouwsteen=opgaveteam&bouwsteen=opgavebudget", {t for t in ALL_TITLES if t != "Rijksbrede opgave"}),
    # OR within a facet, AND across facets
    ("invalshoek=sturen&invalshoek=presteren&jaar=2023", {"Gelderse energieopgave", "Dijkversterking samen"}),
    (
        "invalshoek=besturen&invalshoek=presteren&provincie=gelderland",
        {"Dijkversterking samen", "Utrecht en Gelderland leren samen"},
    ),
]


@pytest.mark.parametrize(("query", "expected"), MULTIPLE_VALUES)
def test_several_values_of_one_filter_combine_with_or(client, catalogue, query, expected):
    response = get(client, catalogue, query)

    assert response.status_code == 200
    assert result_titles(response) == expected


def test_a_case_matching_several_selected_values_is_listed_once(client, catalogue):
    # "Utrecht en Gelderland leren samen" has both perspectives and both organisations.
    response = get(client, catalogue, "invalshoek=leren&invalshoek=besturen&provincie=utrecht&provincie=gelderland")

    titles = shown_titles(response)
    assert len(titles) == len(set(titles)), f"a case is listed twice: {titles}"
    assert response.context["page_obj"].paginator.count == len(set(titles))


# --- Facet counts ----------------------------------------------------------------------------


def test_facet_counts_without_filters(client, catalogue):
    facets = shown_facets(get(client, catalogue))

    assert {v: c for v, (c, _) in facets["invalshoek"].items()} == {
        "besturen": 2,
        "sturen": 1,
        "presteren": 1,
        "leren": 3,
    }
    assert {v: c for v, (c, _) in facets["bouwsteen"].items()} == {"opgaveteam": 2, "opgavebudget": 3}
    assert {v: c for v, (c, _) in facets["organisatietype"].items()} == {
        "gemeente": 2,
        "provincie": 2,
        "waterschap": 1,
        "rijksoverheid": 1,
    }
    assert {v: c for v, (c, _) in facets["provincie"].items()} == {"utrecht": 2, "gelderland": 3}
    assert {v: c for v, (c, _) in facets["jaar"].items()} == {"2022": 1, "2023": 2, "2024": 2}
    assert list(facets["invalshoek"]) == ["besturen", "sturen", "presteren", "leren"], "perspectives in guide order"
    assert list(facets["jaar"]) == ["2024", "2023", "2022"], "years newest first"


def test_facet_counts_honour_the_other_filters(client, catalogue):
    facets = shown_facets(get(client, catalogue, "jaar=2023"))

    # Only the 2023 cases count towards the other facets...
    assert {v: c for v, (c, _) in facets["invalshoek"].items()} == {"sturen": 1, "presteren": 1, "leren": 1}
    assert {v: c for v, (c, _) in facets["bouwsteen"].items()} == {"opgaveteam": 1, "opgavebudget": 2}
    # ...but the year facet keeps counting every year (post-filter: its own selection does not shrink it).
    assert {v: c for v, (c, _) in facets["jaar"].items()} == {"2022": 1, "2023": 2, "2024": 2}


def test_a_facets_own_selection_does_not_shrink_its_counts(client, catalogue):
    facets = shown_facets(get(client, catalogue, "invalshoek=sturen&bouwsteen=opgavebudget"))

    # invalshoek counts apply bouwsteen=opgavebudget only
    assert {v: c for v, (c, _) in facets["invalshoek"].items()} == {
        "besturen": 1,
        "sturen": 1,
        "presteren": 1,
        "leren": 2,
    }
    # bouwsteen counts apply invalshoek=sturen only
    assert {v: c for v, (c, _) in facets["bouwsteen"].items()} == {"opgavebudget": 1}
    # the other facets apply both
    assert {v: c for v, (c, _) in facets["jaar"].items()} == {"2023": 1}
    assert {v: c for v, (c, _) in facets["provincie"].items()} == {"gelderland": 1}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "invalshoek=leren",
        "jaar=2024&bouwsteen=opgavebudget",
        "provincie=utrecht",
        "organisatietype=gemeente",
        "provincie=gelderland&organisatietype=waterschap",
    ],
)
def test_every_count_shown_is_what_ticking_that_option_gives(client, catalogue, query):
    """The promise a count makes: tick this option (alone in its facet) and you get this many cases."""
    base = get(client, catalogue, query)
    params = dict(pair.split("=") for pair in query.split("&")) if query else {}
    facets = shown_facets(base)
    known = {
        "invalshoek": ["besturen", "sturen", "presteren", "leren"],
        "bouwsteen": list(BLOCKS),
        "organisatietype": list(Organisation.Type.values),
        "provincie": ["utrecht", "gelderland", "zeeland"],
        "jaar": ["2021", "2022", "2023", "2024"],
    }
    mismatches = []
    for param in FACET_PARAMS:
        for value in known[param]:
            shown = facets.get(param, {}).get(value)
            target = {**params, param: value}
            response = get(client, catalogue, "&".join(f"{k}={v}" for k, v in target.items()))
            actual = response.context["page_obj"].paginator.count
            expected = shown[0] if shown else 0
            if actual != expected:
                mismatches.append(
                    f"{param}={value}: shows {shown[0] if shown else 'no option'}, ticking gives {actual}"
                )
    assert not mismatches, f"with ?{query}: " + "; ".join(mismatches)


def test_hidden_cases_are_not_counted(client, catalogue):
    # The draft and the private case are both "leren" and 2024.
    facets = shown_facets(get(client, catalogue))
    assert facets["invalshoek"]["leren"][0] == 3
    assert facets["jaar"]["2024"][0] == 2


# --- Pagination ------------------------------------------------------------------------------


def case_index_with(home, count, slug):
    """A separate case index (not the catalogue) holding `count` cases."""
    case_index = CaseIndexPageFactory(parent=home, title="Meer voorbeelden", slug=slug)
    for n in range(count):
        PracticeCasePageFactory(parent=case_index, title=f"Voorbeeld nummer {n:02d}")
    return case_index


@pytest.fixture
def thirteen_cases(tree, db):
    return case_index_with(tree["home"], 13, "dertien-voorbeelden")


def test_twelve_cases_per_page(client, thirteen_cases):
    assert PAGE_SIZE == 12
    first = get(client, thirteen_cases)
    second = get(client, thirteen_cases, "page=2")

    assert first.status_code == 200 and second.status_code == 200
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(shown_titles(first)) == 12
    assert len(shown_titles(second)) == 1
    all_titles = shown_titles(first) + shown_titles(second)
    assert sorted(all_titles) == [f"Voorbeeld nummer {n:02d}" for n in range(13)]
    # Newest first: the last one created opens page 1, the first one created is alone on page 2.
    assert shown_titles(first)[0] == "Voorbeeld nummer 12"
    assert shown_titles(second) == ["Voorbeeld nummer 00"]


def test_page_one_links_to_page_two_and_keeps_the_filters(client, thirteen_cases):
    response = get(client, thirteen_cases, "invalshoek=besturen")
    links = [a["href"] for a in soup(response).select("nav a[href]")]

    assert any("page=2" in href and "invalshoek=besturen" in href for href in links), links


def test_twelve_cases_fit_on_one_page(client, tree, db):
    case_index = case_index_with(tree["home"], 12, "twaalf-voorbeelden")
    response = get(client, case_index)

    assert response.context["page_obj"].paginator.num_pages == 1
    assert len(shown_titles(response)) == 12
    assert get(client, case_index, "page=2").status_code == 404


# --- Bad input -------------------------------------------------------------------------------


def test_unknown_slug_gives_an_empty_result_and_a_dutch_message(client, catalogue):
    response = get(client, catalogue, "invalshoek=onbekend")

    assert response.status_code == 200
    assert shown_titles(response) == []
    assert response.context["page_obj"].paginator.count == 0
    text = soup(response).get_text(" ", strip=True)
    assert "Onbekende waarde voor invalshoek: onbekend" in text
    assert "Er zijn daarom geen voorbeelden gevonden." in text


@pytest.mark.parametrize("param", ["bouwsteen", "organisatietype", "provincie"])
def test_unknown_value_of_other_facets(client, catalogue, param):
    response = get(client, catalogue, f"{param}=bestaat-niet")

    assert response.status_code == 200
    assert shown_titles(response) == []
    assert "bestaat-niet" in messages(response)
    assert "Onbekende waarde" in soup(response).get_text(" ", strip=True)


def test_a_database_id_is_not_a_filter_value(client, catalogue):
    pk = Perspective.objects.get(slug="leren").pk
    response = get(client, catalogue, f"invalshoek={pk}")

    assert response.status_code == 200
    assert shown_titles(response) == []
    assert "Onbekende waarde" in messages(response)


@pytest.mark.parametrize("value", ["abc", "20x4", "202", "20245", "-2024", "2024.0"])
def test_a_year_that_is_not_four_digits_is_a_400_with_a_message(lenient_client, catalogue, value):
    response = get(lenient_client, catalogue, f"jaar={value}")

    assert response.status_code == 400
    assert "Het jaar moet een getal van vier cijfers zijn" in response.content.decode()
    assert shown_titles(response) == []


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "1e3"])
def test_a_page_that_is_not_a_positive_whole_number_is_a_400_with_a_message(lenient_client, catalogue, value):
    response = get(lenient_client, catalogue, f"page={value}")

    assert response.status_code == 400
    assert "Het paginanummer moet een positief geheel getal zijn." in response.content.decode()


def test_a_page_past_the_end_is_a_404_with_a_message(lenient_client, catalogue):
    response = get(lenient_client, catalogue, "page=999")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet. Er is 1 pagina." in soup(response).get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("param", "value"),
    [
        # Characters that str.isdigit() accepts but int() does not.
        ("jaar", "²⁰²⁴"),
        ("page", "²"),
        ("jaar", "٢٠٢٤"),  # Arabic-Indic digits: int() accepts them; either a result or a 400 is fine
        ("page", "１"),  # a full-width digit
    ],
)
def test_unicode_digits_are_no_500(lenient_client, catalogue, param, value):
    response = lenient_client.get(catalogue.url, {param: value})

    assert response.status_code in (200, 400, 404), f"?{param}={value} gave HTTP {response.status_code}"


@pytest.mark.parametrize("param", [*FACET_PARAMS, "page"])
@pytest.mark.parametrize("value", ["x" * 10_000, "1" * 10_000])
def test_a_10000_character_value_is_no_500(lenient_client, catalogue, param, value):
    response = lenient_client.get(catalogue.url, {param: value})

    assert response.status_code < 500, f"?{param}=<{len(value)} x {value[0]!r}> gave HTTP {response.status_code}"
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize("param", [*FACET_PARAMS, "page"])
def test_html_in_a_value_is_escaped(lenient_client, catalogue, param):
    payload = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
    response = lenient_client.get(catalogue.url, {param: payload})

    assert response.status_code < 500
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    if param not in ("jaar", "page"):  # the unknown value is echoed back, escaped
        assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html


def test_a_list_of_many_values_is_no_500(lenient_client, catalogue):
    query = "&".join(f"invalshoek=waarde-{n}" for n in range(500))
    response = get(lenient_client, catalogue, query)

    assert response.status_code < 500

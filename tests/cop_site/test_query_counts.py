"""Every public page type costs at most QUERY_BUDGET SQL queries, whether it lists 10 items or 100.

Each page is rendered in full through the test client (so queries made by the templates count
too), with the full-page cache out of the way: the numbers are what rendering the page costs.
The fragment caches (menu, footer, perspective lists) are warm in the measured request, as on a
running site; the first, cold request is measured too and may cost only a few queries more.
The site is measured three times, as it grows from 2 to 10 to 100 cases, upcoming events, past
events and definitions. Run with ``-s`` to see the counts, and the SQL of a page over budget.
"""

from collections import defaultdict
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.test import Client

from wagtail.models import Page, Site, get_page_models

import pytest

from cop_site.factories import HomePageFactory
from cop_site.models import StandardPage
from core.models import SiteSettings
from events.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory, days_from_now
from knowledge.factories import (
    BuildingBlockPageFactory,
    CaseIndexPageFactory,
    DefinitionFactory,
    GlossaryPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.feeds import FEED_LIMIT
from knowledge.models import Definition, Organisation, Perspective
from tests.query_counts import FEW, MANY, QUERY_BUDGET, count_selector, count_text, measure

# Every test here uses the database (pytest-django only sets up the test database for tests marked so).
pytestmark = pytest.mark.django_db

# A cold request (every cache empty: menu, footer, breadcrumbs, section pages, facets) fills the
# caches; it may cost up to twice the budget (before the caches, pages took 14 to 29 queries).
COLD_FACTOR = 2
# The database search fallback reads each content type's candidates, facet values and documents
# the first time after a change (then from the cache, per item): a ceiling of its own when cold.
# Counting the term adds three statements here (a savepoint inside the test's transaction), and
# the similar titles (pg_trgm) two: one for every page type, one for the terms.
COLD_CEILING = {"search results": 42, "search, filtered": 42}
# The home page and a chapter show at most six cards, so 10 and 100 cases both give six cards;
# a measurement with two cases makes a query per card visible there too.
FEWEST = 2
SIZES = (FEWEST, FEW, MANY)


CASE_CARDS = count_selector(".case-grid article:not(.event-card)")
NOTHING_LISTED = None


# name -> (the page's address from the site tree, how many items it lists, expected HTTP status).
# Pages with NOTHING_LISTED still must not grow with the site.
PAGES = {
    "home page": (lambda t: t["home"].url, CASE_CARDS, 200),
    "guide": (lambda t: t["guide"].url, count_selector(".guide-toc a"), 200),
    "chapter page": (lambda t: t["chapter"].url, CASE_CARDS, 200),
    "building block page": (lambda t: t["block"].url, CASE_CARDS, 200),
    "glossary": (lambda t: t["glossary"].url, count_selector("dl.glossary dt"), 200),
    "case list": (lambda t: t["case_index"].url, count_selector(".case-list article"), 200),
    "case list, filtered": (
        lambda t: t["case_index"].url + "?invalshoek=besturen&bouwsteen=opgaveteam&provincie=utrecht",
        count_selector(".case-list article"),
        200,
    ),
    "case list, page 1 of several": (
        lambda t: t["case_index"].url + "?page=1",
        count_selector(".case-list article"),
        200,
    ),
    "case page": (lambda t: t["case"].url, NOTHING_LISTED, 200),
    "event list": (lambda t: t["event_index"].url, count_selector(".event-card"), 200),
    "event list, filtered": (
        lambda t: t["event_index"].url + "?invalshoek=besturen",
        count_selector(".event-card"),
        200,
    ),
    "past events": (lambda t: t["event_index"].past_url, count_selector(".event-card"), 200),
    "event page": (lambda t: t["event"].url, NOTHING_LISTED, 200),
    "past event page": (lambda t: t["past_event"].url, NOTHING_LISTED, 200),
    "event registration form": (lambda t: t["event"].register_url, count_selector("form input"), 200),
    "search results": (lambda t: "/zoeken/?q=gemeente", count_selector(".search-results > li"), 200),
    "search, filtered": (
        lambda t: "/zoeken/?q=gemeente&invalshoek=besturen&type=praktijkvoorbeeld",
        count_selector(".search-results > li"),
        200,
    ),
    "search suggestions": (lambda t: "/zoeken/suggesties/?q=ge", NOTHING_LISTED, 200),
    "standard page": (lambda t: t["standard"].url, NOTHING_LISTED, 200),
    "page not found": (lambda t: "/bestaat-niet/", NOTHING_LISTED, 404),
    "sitemap.xml": (lambda t: "/sitemap.xml", count_text("<loc>"), 200),
    "RSS feed": (lambda t: "/bijeenkomsten/rss/", count_text("<item>"), 200),
    "case RSS feed": (lambda t: t["case_index"].url + "rss/", count_text("<item>"), 200),
    "case Atom feed, filtered": (
        lambda t: t["case_index"].url + "atom/?invalshoek=besturen",
        count_text("<entry>"),
        200,
    ),
    "iCal feed": (lambda t: "/bijeenkomsten/agenda.ics", count_text("BEGIN:VEVENT"), 200),
    "iCal of one event": (lambda t: t["event"].ics_url, count_text("BEGIN:VEVENT"), 200),
}
# Listings with more than one page list a full page both times; the others list all their items.
GROWING = {
    "glossary",
    "sitemap.xml",
    "RSS feed",
    "case RSS feed",
    "case Atom feed, filtered",
    "iCal feed",
    "event list",
    "past events",
}


def build_site():
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-query-counts")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    Site.clear_site_root_paths_cache()
    guide = GuidePageFactory(parent=home)
    chapters = {p.slug: GuideChapterPageFactory(parent=guide, perspective=p) for p in Perspective.objects.all()}
    standard = home.add_child(instance=StandardPage(title="Over de vereniging", slug="over", show_in_menus=True))
    privacy = standard.add_child(instance=StandardPage(title="Privacyverklaring", slug="privacy"))
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={"contact_email": "info@example.org", "privacy_page": privacy, "accessibility_page": privacy},
    )
    tree = {
        "home": home,
        "guide": guide,
        "chapter": chapters["besturen"],
        "block": BuildingBlockPageFactory(parent=chapters["besturen"], title="Opgaveteam", slug="opgaveteam"),
        "other_block": BuildingBlockPageFactory(parent=chapters["sturen"], title="Budget", slug="opgavebudget"),
        "case_index": CaseIndexPageFactory(parent=home),
        "event_index": EventIndexPageFactory(parent=home),
        "glossary": GlossaryPageFactory(parent=home),
        "standard": standard,
        "speakers": [SpeakerFactory(), SpeakerFactory()],
        "organisations": [
            OrganisationFactory(name="Gemeente Utrecht", type=Organisation.Type.GEMEENTE, province="utrecht"),
            OrganisationFactory(name="Provincie Utrecht", type=Organisation.Type.PROVINCIE, province="utrecht"),
            OrganisationFactory(name="Waterschap Vallei", type=Organisation.Type.WATERSCHAP, province="utrecht"),
        ],
    }
    return tree


def grow_site(tree, count):
    """Add `count` cases, upcoming events, past events and definitions."""
    organisations = tree["organisations"]
    perspectives = ["besturen", "sturen", "presteren", "leren"]
    previous = list(Definition.objects.all())
    for n in range(count):
        other = perspectives[1 + n % 3]
        # Every case is "besturen" (the chapter under test) plus one other perspective,
        # has two organisations and applies two building blocks: each card has lists to show.
        tree["case"] = PracticeCasePageFactory(
            parent=tree["case_index"],
            perspectives=["besturen", other],
            organisations=[organisations[n % 3], organisations[(n + 1) % 3]],
            building_blocks=[tree["block"], tree["other_block"]],
            year=2020 + n % 5,
        )
        tree["event"] = EventPageFactory(
            parent=tree["event_index"],
            perspectives=["besturen", other],
            speakers=tree["speakers"],
            start=days_from_now(1 + n, 15, 30),
            capacity=20,
        )
        start = days_from_now(-1 - n, 10, 0)
        tree["past_event"] = EventPageFactory(
            parent=tree["event_index"],
            perspectives=[other],
            speakers=tree["speakers"],
            start=start,
            end=start + timedelta(hours=2),
        )
        definition = DefinitionFactory(definition="<p>Een gemeente werkt opgavegericht.</p>")
        definition.related_terms.set(previous[-2:])
        previous.append(definition)


@pytest.fixture(scope="module")
def measurements(django_db_setup, django_db_blocker):
    """{page name: {size: (cold, warm, listed, sql)}}, measured once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        tree = build_site()
        client = Client()
        for url in ("/", "/bestaat-niet/"):  # per-process caches: content types, site root paths
            client.get(url)
        results = defaultdict(dict)
        added = 0
        for size in SIZES:
            grow_site(tree, size - added)
            added = size
            for name, (address, count_items, status) in PAGES.items():
                results[name][size] = measure(client, address(tree), status, count_items)

        yield results

        transaction.set_rollback(True)
    cache.clear()


def answered(results):
    for size, (_cold, _warm, listed, _sql) in results.items():
        assert not isinstance(listed, str), f"with {size} items: {listed}"
    return results


def describe(name, results):
    return f"{name}: " + ", ".join(
        f"{size} items: {cold} cold / {warm} warm queries ({listed} listed)"
        for size, (cold, warm, listed, _sql) in results.items()
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_page_stays_within_the_query_budget(measurements, name):
    print("\n" + describe(name, measurements[name]))
    for size, (cold, warm, _listed, sql) in answered(measurements[name]).items():
        assert warm <= QUERY_BUDGET, f"{name} with {size} items: {warm} queries:\n" + "\n".join(sql)
        cold_ceiling = COLD_CEILING.get(name, COLD_FACTOR * QUERY_BUDGET)
        assert cold <= cold_ceiling, f"{name} with {size} items: {cold} queries cold, {warm} warm"


@pytest.mark.parametrize("name", list(PAGES))
def test_query_count_does_not_grow_with_the_number_of_items(measurements, name):
    results = answered(measurements[name])
    (_, few, listed_few, sql_few), (_, many, listed_many, sql_many) = results[FEW], results[MANY]
    if listed_few is not None:
        assert listed_few > 0, f"the {name} lists nothing, so the measurement says nothing"
        assert listed_many >= listed_few
        if name in GROWING:
            assert listed_many > listed_few, f"the {name} should list more items with {MANY} than with {FEW}"
    extra = [sql for sql in sql_many if sql not in sql_few]
    assert many == few, (
        f"{name}: {few} queries with {FEW} items but {many} with {MANY}; queries only seen with {MANY}:\n"
        + "\n".join(extra[:5])
    )


@pytest.mark.parametrize("name", ["home page", "chapter page", "building block page"])
def test_query_count_does_not_grow_with_the_number_of_cards(measurements, name):
    (_, fewest, listed_fewest, _), (_, few, listed_few, _) = measurements[name][FEWEST], measurements[name][FEW]
    assert listed_fewest < listed_few, "the two measurements must list a different number of cards"
    assert fewest == few, f"{name}: {fewest} queries for {listed_fewest} cards but {few} for {listed_few} cards"


def test_the_case_list_shows_one_page_of_cases(measurements):
    assert measurements["case list"][FEW][2] == FEW
    assert measurements["case list"][MANY][2] == 12


def test_home_and_chapter_show_at_most_six_cases(measurements):
    for name in ("home page", "chapter page"):
        assert measurements[name][FEW][2] == 6, name
        assert measurements[name][MANY][2] == 6, name


def test_feeds_and_sitemap_list_every_item(measurements):
    # Upcoming events in the feeds; the sitemap has every page, cases and events included.
    assert measurements["iCal feed"][MANY][2] == MANY
    assert measurements["RSS feed"][MANY][2] == MANY
    assert measurements["sitemap.xml"][MANY][2] > 3 * MANY


def test_no_page_type_has_sitemap_entries_of_its_own():
    # cop_site.sitemaps.PageSitemap reads base pages only, so it must not miss a specific override.
    overriding = [m.__name__ for m in get_page_models() if m.get_sitemap_urls is not Page.get_sitemap_urls]
    assert not overriding


def test_the_case_feeds_hold_a_fixed_number_of_cases(measurements):
    for name in ("case RSS feed", "case Atom feed, filtered"):
        assert measurements[name][FEW][2] == FEW, name
        assert measurements[name][MANY][2] == FEED_LIMIT, name


def test_glossary_lists_every_definition(measurements):
    assert measurements["glossary"][MANY][2] == MANY

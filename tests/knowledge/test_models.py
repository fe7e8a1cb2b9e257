"""Model behaviour of the knowledge app: perspectives, definitions, the guide and the case listing."""

import datetime

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from knowledge.factories import (
    BuildingBlockPageFactory,
    DefinitionFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Definition, GuideChapterPage, Perspective, PracticeCasePage

EXPECTED_PERSPECTIVES = [
    ("besturen", "Opgavegericht besturen"),
    ("sturen", "Opgavegericht sturen"),
    ("presteren", "Opgavegericht presteren"),
    ("leren", "Opgavegericht leren"),
]


# --- Perspectives ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_four_perspectives_come_from_the_data_migration_in_order():
    rows = list(Perspective.objects.values_list("slug", "name", "sort_order"))
    assert [(slug, name) for slug, name, _ in rows] == EXPECTED_PERSPECTIVES
    assert [order for *_, order in rows] == sorted(order for *_, order in rows), "default ordering is sort_order"
    assert len({order for *_, order in rows}) == 4, "each perspective has its own position"


@pytest.mark.django_db
def test_every_perspective_has_a_description_and_a_hex_colour():
    for perspective in Perspective.objects.all():
        assert perspective.short_description.strip(), perspective.slug
        assert perspective.colour.startswith("#") and len(perspective.colour) == 7, perspective.slug
        int(perspective.colour[1:], 16)  # a valid hex code
        assert str(perspective) == perspective.name


# --- Definitions -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_definition_save_fills_the_slug_from_the_term():
    definition = Definition(term="Opgavegericht werken", definition="<p>Werken vanuit de opgave.</p>")
    definition.save()
    definition.refresh_from_db()
    assert definition.slug == "opgavegericht-werken"


@pytest.mark.django_db
def test_definition_slug_from_a_term_with_accents_is_ascii():
    definition = DefinitionFactory(term="Één overheid & co-creatie")
    definition.refresh_from_db()
    assert definition.slug == "een-overheid-co-creatie"


@pytest.mark.django_db
def test_definition_save_keeps_a_slug_that_was_given():
    definition = DefinitionFactory(term="Maatschappelijke opgave", slug="opgave")
    definition.refresh_from_db()
    assert definition.slug == "opgave"
    definition.term = "Maatschappelijke opgave (breed)"
    definition.save()
    definition.refresh_from_db()
    assert definition.slug == "opgave", "renaming a term must not break existing anchors"


@pytest.mark.parametrize(
    ("synonyms", "expected"),
    [
        ("", []),
        ("wijkaanpak", ["wijkaanpak"]),
        ("wijkaanpak, gebiedsgericht werken", ["wijkaanpak", "gebiedsgericht werken"]),
        ("  wijkaanpak ,, gebiedsgericht werken ,  ", ["wijkaanpak", "gebiedsgericht werken"]),
        (" , ,", []),
    ],
)
def test_definition_synonym_list(synonyms, expected):
    assert Definition(term="Begrip", synonyms=synonyms).synonym_list == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("opgave", "O"),
        ("Bestuur", "B"),
        ("ijsselmeer-aanpak", "I"),
        ("3D-model", "#"),
        ("'t Gooi", "#"),
        ("", "#"),
    ],
)
def test_definition_initial(term, expected):
    assert Definition(term=term).initial == expected


def test_definition_initial_of_an_accented_term_files_under_the_plain_letter():
    # The glossary is an A-to-Z list: "Één loket" belongs under E, not under a separate "É" group
    # that sorts after Z.
    initial = Definition(term="Één loket").initial
    assert initial == "E", f"'Één loket' is filed under {initial!r} instead of 'E' in the A-Z glossary"


# --- The guide -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_table_of_contents_groups_blocks_under_their_own_chapter(guide, django_assert_num_queries):
    chapters = {c.perspective.slug: c for c in GuideChapterPage.objects.child_of(guide).select_related("perspective")}
    # Created in an interleaved order, so grouping cannot rely on creation order.
    b1 = BuildingBlockPageFactory(parent=chapters["leren"], title="Leeragenda")
    b2 = BuildingBlockPageFactory(parent=chapters["besturen"], title="Opgaveteam")
    b3 = BuildingBlockPageFactory(parent=chapters["leren"], title="Intervisie")
    b4 = BuildingBlockPageFactory(parent=chapters["sturen"], title="Opgavebudget")
    draft = BuildingBlockPageFactory(parent=chapters["besturen"], title="Nog niet klaar", live=False)

    with django_assert_num_queries(2):
        toc = guide.specific.table_of_contents()
        grouped = {chapter.perspective.slug: [block.title for block in chapter.toc_blocks] for chapter in toc}

    assert [chapter.perspective.slug for chapter in toc] == [slug for slug, _ in EXPECTED_PERSPECTIVES]
    assert grouped == {
        "besturen": [b2.title],
        "sturen": [b4.title],
        "presteren": [],
        "leren": [b1.title, b3.title],
    }
    assert draft.title not in {title for titles in grouped.values() for title in titles}


@pytest.mark.django_db
def test_table_of_contents_leaves_out_an_unpublished_chapter_and_its_blocks(guide):
    chapter = GuideChapterPage.objects.child_of(guide).get(perspective__slug="presteren")
    BuildingBlockPageFactory(parent=chapter, title="Werkplaats")
    chapter.unpublish()

    toc = guide.specific.table_of_contents()

    assert [c.perspective.slug for c in toc] == ["besturen", "sturen", "leren"]
    assert all("Werkplaats" not in [b.title for b in c.toc_blocks] for c in toc)


# --- The case listing ------------------------------------------------------------------------


@pytest.mark.django_db
def test_for_listing_excludes_drafts_and_private_cases_and_orders_newest_first(case_index):
    now = timezone.now()
    old = PracticeCasePageFactory(parent=case_index, title="Oud", first_published_at=now - datetime.timedelta(days=30))
    new = PracticeCasePageFactory(
        parent=case_index, title="Nieuw", first_published_at=now - datetime.timedelta(days=1)
    )
    middle = PracticeCasePageFactory(
        parent=case_index, title="Midden", first_published_at=now - datetime.timedelta(days=10)
    )
    PracticeCasePageFactory(parent=case_index, title="Concept", live=False, first_published_at=None)
    private = PracticeCasePageFactory(parent=case_index, title="Besloten")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    members_only = PracticeCasePageFactory(parent=case_index, title="Alleen voor de groep")
    restriction = PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])

    listed = list(PracticeCasePage.objects.for_listing())

    assert [case.title for case in listed] == [new.title, middle.title, old.title]


@pytest.mark.django_db
def test_for_listing_excludes_cases_below_a_private_index(case_index):
    PracticeCasePageFactory(parent=case_index, title="Onder een besloten overzicht")
    PageViewRestriction.objects.create(
        page=case_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim-wachtwoord"
    )

    assert list(PracticeCasePage.objects.for_listing()) == []


@pytest.mark.django_db
def test_for_listing_prefetches_what_a_card_shows(case_index):
    def render_cards():
        with CaptureQueriesContext(connection) as queries:
            cards = [
                (case.title, [p.slug for p in case.perspectives.all()], [o.name for o in case.organisations.all()])
                for case in PracticeCasePage.objects.for_listing()
            ]
        return cards, len(queries)

    PracticeCasePageFactory(parent=case_index, perspectives=["besturen", "leren"])
    _, queries_for_one = render_cards()
    for _ in range(4):
        PracticeCasePageFactory(parent=case_index, perspectives=["besturen", "leren"])
    cards, queries_for_five = render_cards()

    assert len(cards) == 5
    assert all(perspectives == ["besturen", "leren"] for _, perspectives, _ in cards)
    assert queries_for_five == queries_for_one, (
        "perspectives and organisations must be prefetched, not queried per case"
    )

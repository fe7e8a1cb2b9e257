"""One contract, two implementations: what every search must do."""

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import QueryDict

from wagtail.rich_text import RichText

from events.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory
from knowledge.factories import BuildingBlockPageFactory, DefinitionFactory, PracticeCasePageFactory
from search import index
from search.content import CONTENT_TYPES, build_context, build_document
from search.query import FACETS, DatabaseSearch, ElasticsearchSearch, SearchRequest

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def reindex(search_impl):
    """Elasticsearch sees new content after a rebuild; the database sees it at once."""
    if isinstance(search_impl, ElasticsearchSearch):
        index.rebuild(search_impl.client)


def run(search_impl, query_string):
    return search_impl.search(SearchRequest.from_params(QueryDict(query_string)))


def titles(results):
    return [hit.title for hit in results.hits]


def test_dutch_plural_finds_the_singular(search_impl):
    # "gemeenten" appears nowhere; "gemeente" does.
    assert "Wijkaanpak met bewoners" in titles(run(search_impl, "q=gemeenten"))


def test_a_title_that_is_the_query_comes_first(search_impl, corpus):
    # Near-misses with the same words scattered, more often, in their texts.
    for n in range(4):
        PracticeCasePageFactory(
            parent=corpus["cases"]["wijk"].get_parent(),
            title=f"Projectbureau {n} in beweging",
            summary="De rol van de gemeente en de rol van de opgavemanager veranderen; de opgavemanager leert.",
        )
    block = BuildingBlockPageFactory(
        parent=corpus["block"].get_parent(), title="De rol van de opgavemanager", summary="Wat hij doet."
    )
    reindex(search_impl)
    assert titles(run(search_impl, "q=rol van de opgavemanager"))[0] == block.title


def test_a_definition_synonym_finds_the_term(search_impl):
    found = titles(run(search_impl, "q=programmamanagement"))
    assert "Programmasturing" in found  # the definition itself
    assert "Portefeuille van projecten" in found  # a case that only says "programmasturing"


def test_perspective_alone_lists_everything_for_it(search_impl, corpus):
    results = run(search_impl, "invalshoek=leren")
    assert set(titles(results)) == {"Opgavegericht leren", "Intervisie", "Wijkaanpak met bewoners"}
    assert results.total == 3


def test_facet_counts_with_two_filters(search_impl):
    results = run(search_impl, "invalshoek=sturen&type=praktijkvoorbeeld")
    assert set(titles(results)) == {"Wijkaanpak met bewoners", "Samen opdrachtgever bij de dijkversterking"}
    facets = {facet.param: {o.value: o.count for o in facet.options} for facet in results.facets}
    # A facet's own selection does not narrow its own counts: the other perspectives stay visible.
    assert facets["invalshoek"] == {"besturen": 1, "sturen": 2, "leren": 1}
    # The content-type counts honour the perspective filter: only the chapter and the two cases.
    assert facets["type"] == {"hoofdstuk": 1, "praktijkvoorbeeld": 2}
    assert facets["organisatietype"] == {"gemeente": 1, "provincie": 1}
    assert facets["provincie"] == {"utrecht": 1, "gelderland": 1}
    assert facets["jaar"] == {"2023": 1, "2024": 1}


def test_filters_combine_with_a_query(search_impl):
    results = run(search_impl, "q=opgave&organisatietype=provincie")
    assert titles(results) == ["Samen opdrachtgever bij de dijkversterking"]


def test_unknown_facet_value_gives_an_empty_result(search_impl):
    request = SearchRequest.from_params(QueryDict("invalshoek=onbekend"))
    results = search_impl.search(request)
    assert results.total == 0
    assert any("onbekend" in message for message in request.messages)


def test_drafts_and_private_pages_never_appear(search_impl, corpus, case_index, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        PracticeCasePageFactory(parent=case_index, title="Geheime wijkaanpak concept", live=False)
        private = PracticeCasePageFactory(parent=case_index, title="Besloten wijkaanpak")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    reindex(search_impl)
    found = titles(run(search_impl, "q=wijkaanpak"))
    assert "Wijkaanpak met bewoners" in found
    assert "Geheime wijkaanpak concept" not in found
    assert "Besloten wijkaanpak" not in found


def test_html_in_documents_and_queries_is_escaped_in_highlights(search_impl, case_index):
    PracticeCasePageFactory(
        parent=case_index,
        title="Lastige tekens",
        summary="Let op <script>alert('x')</script> in de tekst.",
        situation="<p>Tekst met &lt;img src=x onerror=alert(1)&gt; erin.</p>",
    )
    reindex(search_impl)
    results = run(search_impl, "q=<script>+lastige+tekens+onerror")
    html = " ".join(str(hit.highlight) for hit in results.hits)
    assert "Lastige tekens" in titles(results)
    assert "<script>" not in html
    assert "<img" not in html


def test_sort_by_date_puts_the_newest_first(search_impl):
    for query_string in ["type=praktijkvoorbeeld&sortering=datum", "q=gemeente&sortering=datum"]:
        results = run(search_impl, query_string)
        dates = [hit.date for hit in results.hits]
        assert len(dates) > 1 and dates == sorted(dates, reverse=True)


def test_suggestions_complete_a_title(search_impl):
    assert "Wijkaanpak met bewoners" in [s["title"] for s in search_impl.suggestions("wijkaan")]


def test_suggestions_offer_a_glossary_term_for_its_synonym(search_impl):
    # "programmamanagement" is a synonym of the term Programmasturing (the corpus).
    suggested = search_impl.suggestions("programmaman")
    assert [s["title"] for s in suggested] == ["Programmasturing"]
    assert suggested[0]["url"].endswith("#programmasturing")


def test_related_cases_share_perspectives_or_words(search_impl, corpus):
    related = [r["title"] for r in search_impl.related(corpus["cases"]["dijk"])]
    assert "Samen opdrachtgever bij de dijkversterking" not in related
    assert "Wijkaanpak met bewoners" in related


def test_the_database_facets_say_what_the_documents_say(corpus, home):
    """The fallback counts facets from ORM lookups instead of documents; both must agree for every type."""
    events = EventIndexPageFactory(parent=home)
    # Half past midnight on New Year's Day in Amsterdam is still the old year in UTC.
    EventPageFactory(parent=events, perspectives=["leren"], start=datetime(2027, 1, 1, 0, 30, tzinfo=AMSTERDAM))
    candidates = DatabaseSearch()._candidates(SearchRequest.from_params(QueryDict("")))
    values = DatabaseSearch._facet_values(candidates)
    context = build_context()
    for ct, pk, _score in candidates:
        document = build_document(ct.queryset().get(pk=pk), context, with_body=False)
        found = values[ct.slug, pk]
        for field_name, _label in FACETS.values():
            expected = document.get(field_name)
            expected = set(expected) if isinstance(expected, list) else {expected} - {None}
            assert found.get(field_name, set()) == expected, (ct.slug, pk, field_name)
        assert {d.isoformat() for d in found.get("date", ())} == {document.get("date")} - {None}, (ct.slug, pk)
    assert {ct.slug for ct, _pk, _score in candidates} == {ct.slug for ct in CONTENT_TYPES}
    assert values["bijeenkomst", events.get_children().get().pk]["year"] == {2027}


# --- snippets -------------------------------------------------------------------------------


def snippet_text(hit):
    """What a reader sees of a hit's snippet, without the <mark> tags."""
    return html.unescape(re.sub(r"</?mark>", "", str(hit.highlight)))


def hit_titled(results, title):
    return next(hit for hit in results.hits if hit.title == title)


def test_a_heading_level_is_not_searchable(search_impl, corpus):
    chapter = corpus["chapters"]["sturen"]
    BuildingBlockPageFactory(
        parent=chapter,
        title="Rolverdeling",
        body=[
            ("heading", {"text": "Wie doet wat", "level": "h2"}),
            ("paragraph", RichText("<p>Spreek af wie opdrachtgever is.</p>")),
        ],
    )
    reindex(search_impl)
    # "Kop 2" is how the editor labels the level; the visitor only sees the heading text.
    assert run(search_impl, "q=kop").total == 0
    assert "Rolverdeling" in titles(run(search_impl, "q=wie+doet+wat"))


def test_a_snippet_from_mid_text_starts_and_ends_at_whole_words(search_impl, case_index):
    words = [f"woord{i}" for i in range(80)]
    words[60] = "zeldzaamheid"
    situation = " ".join(words)
    PracticeCasePageFactory(parent=case_index, title="Lange tekst", situation=f"<p>{situation}</p>")
    reindex(search_impl)
    hit = hit_titled(run(search_impl, "q=zeldzaamheid"), "Lange tekst")
    shown = snippet_text(hit)
    assert "<mark>zeldzaamheid</mark>" in str(hit.highlight)
    assert shown.startswith("…") and shown.endswith("…")
    # Between the ellipses: whole words of the text, in order.
    assert f" {shown[1:-1]} " in f" {situation} "


def test_an_event_snippet_is_its_description(search_impl, home):
    speaker = SpeakerFactory(name="Hans van der Heijden", organisation="Gemeente Rotterdam")
    EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="Wijkbudgetten in de praktijk",
        intro="Hoe verdeel je geld per wijk?",
        body=[("paragraph", RichText("<p>Twee gemeenten vertellen hoe bewoners over wijkbudgetten beslissen.</p>"))],
        speakers=[speaker],
    )
    reindex(search_impl)
    hit = hit_titled(run(search_impl, "q=wijkbudgetten"), "Wijkbudgetten in de praktijk")
    assert snippet_text(hit) == "Twee gemeenten vertellen hoe bewoners over wijkbudgetten beslissen."
    assert (hit.event_type, hit.location, hit.speaker_names) == ("Webinar", "Online", ["Hans van der Heijden"])


def test_a_definition_snippet_is_its_definition(search_impl, corpus):
    for query in ["programmasturing", "programmamanagement"]:  # its term, and its synonym
        hit = hit_titled(run(search_impl, f"q={query}"), "Programmasturing")
        assert snippet_text(hit) == "Sturen op een set inspanningen.", query


def test_html_entities_survive_highlighting(search_impl, case_index):
    PracticeCasePageFactory(
        parent=case_index, title="Regionale samenwerking", situation="<p>Wonen &amp; werken in de AMP-regio.</p>"
    )
    reindex(search_impl)
    hit = hit_titled(run(search_impl, "q=amp"), "Regionale samenwerking")
    assert "&amp; werken" in str(hit.highlight)
    assert "&<mark>" not in str(hit.highlight)
    assert snippet_text(hit).startswith("Wonen & werken in de AMP-regio.")


def test_a_typo_that_holds_a_term_is_still_a_typo(search_impl):
    # "Opgave" (with a synonym) sits inside the typo "opgavegericth": the query does not name it, so
    # nothing matches as typed and the search offers the correction.
    DefinitionFactory(term="Opgave", synonyms="maatschappelijke opgave")
    DefinitionFactory(term="Opgavegericht werken")
    reindex(search_impl)
    assert run(search_impl, "q=opgavegericth").suggestion.startswith("opgavegericht")

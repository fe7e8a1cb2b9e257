"""One contract, two implementations: what every search must do."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import QueryDict

from events.factories import EventIndexPageFactory, EventPageFactory
from knowledge.factories import PracticeCasePageFactory
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
    results = run(search_impl, "type=praktijkvoorbeeld&sortering=datum")
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_suggestions_complete_a_title(search_impl):
    assert "Wijkaanpak met bewoners" in [s["title"] for s in search_impl.suggestions("wijkaan")]


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

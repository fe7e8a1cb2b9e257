"""The search page, the suggestions endpoint, the health check and the search-term counts.

Tests that take `site_search` run twice: once on Elasticsearch (the real server, index
rebuilt after the content is made) and once on the database fallback (no
ELASTICSEARCH_URL, as in the test settings).
"""

import csv
import io
import socket
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.rich_text import RichText

import pytest
from bs4 import BeautifulSoup
from elasticsearch import BadRequestError, ConnectionTimeout

from events.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory
from knowledge.factories import PracticeCasePageFactory
from search import breaker, index, term_counts
from search.content import CONTENT_TYPES, count_searchable
from search.models import SearchTermWeek
from search.query import MAX_QUERY_LENGTH, SearchRequest, run
from tests.query_counts import measure

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"
SUGGEST = "/zoeken/suggesties/"
DEAD_URL = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture(params=["elasticsearch", "database"])
def site_search(request, corpus):
    """The site searches with Elasticsearch, or with the database fallback. Returns its name."""
    if request.param == "elasticsearch":
        index.rebuild(request.getfixturevalue("elasticsearch"))
    return request.param


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def hits(response):
    """[(title, url)] of the results, in order."""
    return [(text(a), a["href"]) for a in soup(response).select(".search-hit__title a")]


def titles(response):
    return [title for title, _url in hits(response)]


def status_text(response):
    return text(soup(response).select_one(".result-count[role=status]"))


def alert_text(response):
    alert = soup(response).select_one(".utrecht-alert")
    return text(alert) if alert else ""


def facet_labels(response, param):
    """{value: label text} of a facet's checkboxes, and which are ticked."""
    page = soup(response)
    labels = {}
    for box in page.select(f"input[type=checkbox][name={param}]"):
        label = page.select_one(f"label[for={box['id']}]")
        labels[box["value"]] = (text(label), box.has_attr("checked"))
    return labels


# ---------- results ----------


def test_a_query_shows_the_hit_with_its_fragment(client, site_search, corpus):
    response = client.get(SEARCH, {"q": "wijkaanpak"})
    assert response.status_code == 200
    case = corpus["cases"]["wijk"]
    assert ("Wijkaanpak met bewoners", case.url) in hits(response)
    hit = next(a for a in soup(response).select(".search-hit") if "Wijkaanpak met bewoners" in text(a))
    assert "Praktijkvoorbeeld" in text(hit.select_one(".search-hit__meta"))
    assert "Gemeente Utrecht" in text(hit.select_one(".search-hit__meta"))
    assert "2023" in text(hit.select_one(".search-hit__meta"))
    assert {text(li) for li in hit.select(".search-hit__perspective")} == {
        "Opgavegericht leren",
        "Opgavegericht sturen",
    }
    assert hit.select_one(".search-hit__fragment")
    assert status_text(response) == "1 resultaat voor ‘wijkaanpak’"
    # The query stays in the box, limited to the maximum length.
    box = soup(response).select_one("input#zoekterm")
    assert box["value"] == "wijkaanpak" and box["maxlength"] == str(MAX_QUERY_LENGTH)
    assert soup(response).select_one("title").get_text().startswith("Zoeken naar ‘wijkaanpak’")


def test_an_event_hit_shows_its_facts_beside_its_description(client, site_search, home):
    speaker = SpeakerFactory(name="Hans van der Heijden", organisation="Gemeente Rotterdam")
    EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="Wijkbudgetten in de praktijk",
        body=[("paragraph", RichText("<p>Twee gemeenten vertellen hoe bewoners over wijkbudgetten beslissen.</p>"))],
        speakers=[speaker],
        start=datetime(2030, 3, 5, 15, 30, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    if site_search == "elasticsearch":
        index.rebuild(index.get_client())
    hit = soup(client.get(SEARCH, {"q": "wijkbudgetten"})).select_one(".search-hit")
    assert (
        text(hit.select_one(".search-hit__meta"))
        == "Soort: Webinar · Waar: Online · Spreker: Hans van der Heijden · Jaar: 2030"
    )
    assert (
        text(hit.select_one(".search-hit__fragment"))
        == "Twee gemeenten vertellen hoe bewoners over wijkbudgetten beslissen."
    )


def test_the_fragment_marks_the_search_word(client, site_search):
    response = client.get(SEARCH, {"q": "leefbaarheid"})
    assert "Wijkaanpak met bewoners" in titles(response)
    fragment = soup(response).select_one(".search-hit__fragment")
    assert [text(mark) for mark in fragment.select("mark")] == ["leefbaarheid"]


def test_a_perspective_alone_lists_everything_for_it(client, site_search):
    response = client.get(SEARCH, {"invalshoek": "leren"})
    assert response.status_code == 200
    assert set(titles(response)) == {"Opgavegericht leren", "Intervisie", "Wijkaanpak met bewoners"}
    assert status_text(response) == "3 resultaten"
    assert facet_labels(response, "invalshoek")["leren"][1] is True
    # The active filter is a chip that removes it.
    chips = soup(response).select(".filter-chip")
    assert [text(chip) for chip in chips] == ["Filter Invalshoek verwijderen: Opgavegericht leren ×"]
    assert chips[0]["href"] == "?q="


def test_facet_counts_are_shown(client, site_search):
    response = client.get(SEARCH, {"type": "praktijkvoorbeeld"})
    assert facet_labels(response, "invalshoek") == {
        "besturen": ("Opgavegericht besturen (1)", False),
        "sturen": ("Opgavegericht sturen (2)", False),
        "leren": ("Opgavegericht leren (1)", False),
    }
    # A facet's own selection does not narrow its counts.
    assert facet_labels(response, "type") == {
        "hoofdstuk": ("Hoofdstuk van de gids (4)", False),
        "bouwsteen": ("Bouwsteen (1)", False),
        "praktijkvoorbeeld": ("Praktijkvoorbeeld (3)", True),
        "begrip": ("Begrip (1)", False),
    }
    assert facet_labels(response, "jaar") == {"2024": ("2024 (2)", False), "2023": ("2023 (1)", False)}
    # Each facet is a fieldset with a legend.
    legends = [text(legend) for legend in soup(response).select(".search-filters legend")]
    assert legends == ["Invalshoek", "Soort inhoud", "Soort organisatie", "Provincie", "Jaar"]


def test_sort_by_date_puts_the_newest_first(client, site_search):
    response = client.get(SEARCH, {"type": "praktijkvoorbeeld", "sortering": "datum"})
    assert titles(response) == [
        "Samen opdrachtgever bij de dijkversterking",
        "Portefeuille van projecten",
        "Wijkaanpak met bewoners",
    ]
    selected = soup(response).select_one("select#sortering option[selected]")
    assert selected["value"] == "datum"
    # The sort menu and the filters belong to the one search form.
    assert soup(response).select_one("select#sortering")["form"] == "zoekformulier"


def test_chips_and_pagination_keep_the_rest_of_the_search(client, corpus, case_index):
    for n in range(11):
        PracticeCasePageFactory(parent=case_index, title=f"Wijkaanpak deel {n}", perspectives=["leren"], year=2022)
    response = client.get(SEARCH, {"q": "wijkaanpak", "invalshoek": "leren", "jaar": "2022", "sortering": "datum"})
    assert status_text(response) == "11 resultaten voor ‘wijkaanpak’ (pagina 1 van 2)"
    chips = {text(c).split(": ")[1].rstrip(" ×"): c["href"] for c in soup(response).select(".filter-chip")}
    assert chips == {
        "Opgavegericht leren": "?q=wijkaanpak&jaar=2022&sortering=datum",
        "2022": "?q=wijkaanpak&invalshoek=leren&sortering=datum",
    }
    next_link = soup(response).select_one("a[rel=next]")["href"]
    page_two = client.get(SEARCH + next_link)
    assert page_two.status_code == 200
    assert len(titles(page_two)) == 1
    assert "(pagina 2 van 2)" in status_text(page_two)


def test_typos_offer_a_correction_beside_the_weak_results_they_still_find(client, site_search):
    # Two typos in words from different fields: the words as typed find nothing, the retry
    # allowing typos finds a guess, and the page offers the corrected words.
    response = client.get(SEARCH, {"q": "wijkaanpk leefbaarhied"})
    assert "Wijkaanpak met bewoners" in titles(response)
    link = soup(response).select_one(".did-you-mean a")
    assert text(link).startswith("wijkaanpak")
    assert link["href"].startswith("?q=wijkaanpak")
    assert "Bedoelde je:" in text(soup(response).select_one(".did-you-mean"))


def test_a_word_with_a_typo_finds_its_title_on_both(client, site_search):
    response = client.get(SEARCH, {"q": "wijkaanpk"})
    assert titles(response)[0] == "Wijkaanpak met bewoners"
    assert text(soup(response).select_one(".did-you-mean a")).startswith("wijkaanpak")


def test_the_fallback_retries_with_the_corrected_words_only_when_the_words_as_typed_find_nothing(client, corpus):
    _cold, as_typed, *_ = measure(client, SEARCH + "?q=wijkaanpak+leefbaarheid", 200, count_items=None)
    _cold, retried, listed, _sql = measure(client, SEARCH + "?q=wijkaanpk+leefbaarhied", 200, count_items=titles)
    assert listed == ["Wijkaanpak met bewoners"]
    # The retry costs its own full-text query per content type, and nothing else.
    assert retried == as_typed + len(CONTENT_TYPES)


def test_words_that_match_nothing_get_the_empty_state(client, site_search):
    response = client.get(SEARCH, {"q": "xqzvwk"})
    assert titles(response) == []
    assert status_text(response) == "Geen resultaten voor ‘xqzvwk’"
    assert "Controleer de spelling" in text(soup(response).select_one(".search-empty"))
    # Nothing to refine: no empty filter panel.
    assert soup(response).select_one(".search-filters") is None


def test_words_found_as_typed_get_no_correction(client, site_search):
    response = client.get(SEARCH, {"q": "wijkaanpak"})
    assert "Wijkaanpak met bewoners" in titles(response)
    assert soup(response).select_one(".did-you-mean") is None


def test_the_empty_search_page_has_an_intro_and_perspective_links(client, site_search):
    response = client.get(SEARCH)
    assert response.status_code == 200
    page = soup(response)
    assert titles(response) == []
    assert page.select_one(".search-intro")
    links = {text(a): a["href"] for a in page.select(".search-intro__perspectives a")}
    assert links == {
        "Opgavegericht besturen": "?invalshoek=besturen",
        "Opgavegericht sturen": "?invalshoek=sturen",
        "Opgavegericht presteren": "?invalshoek=presteren",
        "Opgavegericht leren": "?invalshoek=leren",
    }
    # One search box on this page: the header's is left out.
    assert len(page.select("input[name=q]")) == 1


def test_every_other_page_has_the_header_search_box(client, corpus):
    page = soup(client.get(corpus["cases"]["wijk"].url))
    form = page.select_one("header form[role=search]")
    assert form["action"] == SEARCH and form["method"] == "get"
    box = form.select_one("input[name=q]")
    assert text(page.select_one(f"label[for={box['id']}]")) == "Zoeken in de kennisbank"
    assert box["data-suggest-url"] == SUGGEST
    script = page.select_one("script[src$='js/search-suggest.js']")
    assert script is not None and script.has_attr("defer")


# ---------- bad input ----------


@pytest.mark.parametrize(
    "params, status, message",
    [
        ({"q": "x" * 2000}, 400, "Je zoekvraag is te lang. Gebruik maximaal 200 tekens."),
        ({"page": "-1"}, 400, "Het paginanummer moet een positief geheel getal zijn."),
        ({"page": "abc"}, 400, "Het paginanummer moet een positief geheel getal zijn."),
        ({"page": "²"}, 400, "Het paginanummer moet een positief geheel getal zijn."),
        ({"page": "0"}, 400, "Het paginanummer moet een positief geheel getal zijn."),
        ({"page": "9" * 50}, 400, "Zo ver kun je niet bladeren."),
        ({"sortering": "xyz"}, 400, "Onbekende sortering. Kies relevantie of datum."),
        ({"jaar": "twintig"}, 400, "Het jaar moet een getal van vier cijfers zijn"),
        ({"q": "wijkaanpak", "page": "999"}, 404, "Deze pagina bestaat niet."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_a_4xx(client, corpus, params, status, message):
    response = client.get(SEARCH, params)
    assert response.status_code == status
    assert message in alert_text(response)
    assert "utrecht-alert--error" in str(soup(response).select_one(".utrecht-alert")["class"])
    assert soup(response).select_one("h1").get_text() == "Zoeken"


def test_a_page_past_the_end_links_to_the_first_page(client, corpus):
    response = client.get(SEARCH, {"q": "wijkaanpak", "page": "999"})
    assert response.status_code == 404
    assert soup(response).select_one("#resultaten a.more-link")["href"] == "?q=wijkaanpak"


def test_an_unknown_perspective_gives_an_empty_result_and_a_message(client, site_search):
    response = client.get(SEARCH, {"invalshoek": "onbekend"})
    assert response.status_code == 200
    assert titles(response) == []
    assert status_text(response) == "0 resultaten"
    assert "Onbekende waarde voor invalshoek: onbekend." in alert_text(response)
    # A way out without editing the address.
    assert soup(response).select_one(".filter-form__reset")["href"] == "?q="


def test_html_in_the_query_is_escaped(client, site_search):
    response = client.get(SEARCH, {"q": '<script>alert("x")</script> <b>wijk</b>'})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b>wijk" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_html_in_the_content_is_escaped_in_the_fragment(client, site_search, case_index):
    PracticeCasePageFactory(
        parent=case_index,
        title="Lastige tekens",
        summary="Let op <script>alert('x')</script> in de tekst.",
        situation="<p>Tekst met &lt;img src=x onerror=alert(1)&gt; erin.</p>",
    )
    if site_search == "elasticsearch":
        index.rebuild(index.get_client())
    response = client.get(SEARCH, {"q": "lastige tekens onerror"})
    assert "Lastige tekens" in titles(response)
    fragments = " ".join(str(f) for f in soup(response).select(".search-hit__fragment"))
    assert "<img" not in fragments and "<script" not in fragments
    assert "<mark>onerror</mark>" in fragments


def test_characters_from_rich_text_are_shown_as_written(client, site_search, case_index):
    PracticeCasePageFactory(
        parent=case_index,
        title="Innovatiebudget",
        situation="<p>Onderzoek, R&amp;D en &lt;samenwerking&gt; in de regio.</p>",
    )
    if site_search == "elasticsearch":
        index.rebuild(index.get_client())
    response = client.get(SEARCH, {"q": "innovatiebudget onderzoek"})
    fragment = soup(response).select_one(".search-hit__fragment")
    assert "R&D en <samenwerking>" in text(fragment)


# ---------- Elasticsearch down, and the health check ----------


def test_with_elasticsearch_down_the_database_answers(client, corpus, settings):
    settings.ELASTICSEARCH_URL = DEAD_URL
    response = client.get(SEARCH, {"q": "wijkaanpak"})
    assert response.status_code == 200
    assert "Zoeken werkt nu in beperkte vorm" in text(soup(response).select_one(".search-notice"))
    assert "Wijkaanpak met bewoners" in titles(response)
    # Suggestions and related cases fall back too.
    assert "Wijkaanpak met bewoners" in [s["title"] for s in client.get(SUGGEST, {"q": "wijk"}).json()["suggestions"]]
    case_page = client.get(corpus["cases"]["dijk"].url)
    assert case_page.status_code == 200
    assert "Vergelijkbare praktijkvoorbeelden" in case_page.content.decode()

    health = client.get("/readyz").json()
    assert health["search"] == {"backend": "database", "status": "degraded"}
    assert health["database"] == "ok"


@pytest.fixture
def mapping_drift(elasticsearch, corpus):
    """The alias points at an index whose mapping no longer fits the code (as when a deploy changed
    the mapping but nobody ran rebuild_search_index): Elasticsearch rejects queries and documents."""
    name = f"{index.alias_name()}-19990101000000000000"  # an index an earlier deploy made
    elasticsearch.indices.create(
        index=name, mappings={"properties": {"title": {"type": "integer"}, "perspectives": {"type": "text"}}}
    )
    elasticsearch.indices.put_alias(index=name, name=index.alias_name())
    return elasticsearch


def test_a_query_elasticsearch_rejects_is_an_error_not_an_outage(corpus, mapping_drift, caplog):
    response = Client(raise_request_exception=False).get(SEARCH, {"q": "wijkaanpak"})
    assert response.status_code == 500
    assert text(soup(response).select_one("h1")) == "Er ging iets mis"
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR" and isinstance(record.exc_info[1], BadRequestError)
    assert not [r for r in caplog.records if r.name == "search.query"]  # no fallback


def test_a_query_elasticsearch_rejects_raises_instead_of_falling_back(corpus, mapping_drift):
    with pytest.raises(BadRequestError):
        run("search", SearchRequest.from_params(QueryDict("q=wijkaanpak")))


def test_refused_queries_never_open_the_circuit_breaker(corpus, mapping_drift, settings):
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    breaker.record_outage()  # one outage before: a refusal is an answer, so the count starts again
    for _ in range(3):  # each one asks Elasticsearch, which refuses: no fallback, no open breaker
        with pytest.raises(BadRequestError):
            run("search", SearchRequest.from_params(QueryDict("q=wijkaanpak")))
    assert breaker.failures() == 0


def test_an_unreachable_elasticsearch_falls_back_to_the_database(corpus, settings):
    settings.ELASTICSEARCH_URL = DEAD_URL
    results, search, degraded = run("search", SearchRequest.from_params(QueryDict("q=wijkaanpak")))
    assert (search.name, degraded) == ("database", True)
    assert [hit.title for hit in results.hits] == ["Wijkaanpak met bewoners"]


def test_an_elasticsearch_that_does_not_answer_in_time_falls_back_to_the_database(corpus, settings, caplog):
    with socket.create_server(("127.0.0.1", 0)) as silent:  # takes the connection, never answers
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.ELASTICSEARCH_TIMEOUT = 1
        results, search, degraded = run("search", SearchRequest.from_params(QueryDict("q=wijkaanpak")))
    assert (search.name, degraded) == ("database", True)
    (record,) = [r for r in caplog.records if r.name == "search.query"]
    assert isinstance(record.exc_info[1], ConnectionTimeout)
    assert [hit.title for hit in results.hits] == ["Wijkaanpak met bewoners"]


def test_readyz_reports_an_index_elasticsearch_refuses_as_an_error(client, corpus, elasticsearch, caplog):
    # No index behind the alias yet: Elasticsearch answers 404, which is no outage.
    health = client.get("/readyz")
    assert health.status_code == 200
    assert health.json()["search"] == {"backend": "elasticsearch", "status": "error"}
    assert [r.levelname for r in caplog.records if r.name == "cop_site.views"] == ["ERROR"]


def test_with_elasticsearch_up_there_is_no_notice_and_readyz_counts_documents(client, corpus, elasticsearch):
    index.rebuild(elasticsearch)
    response = client.get(SEARCH, {"q": "wijkaanpak"})
    assert soup(response).select_one(".search-notice") is None
    health = client.get("/readyz").json()
    assert health["search"] == {"backend": "elasticsearch", "status": "ok", "documents": count_searchable()}
    assert health["search"]["documents"] == 9  # four chapters, a block, three cases and a definition


# ---------- suggestions ----------


def test_suggestions_forgive_a_typo_in_a_whole_word(client, site_search, corpus):
    titles = [s["title"] for s in client.get(SUGGEST, {"q": "wijkaanpk"}).json()["suggestions"]]
    assert titles == ["Wijkaanpak met bewoners"]


def test_suggestions_complete_a_title(client, site_search, corpus):
    response = client.get(SUGGEST, {"q": "wijk"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == "wijk"
    assert {"title": "Wijkaanpak met bewoners", "url": corpus["cases"]["wijk"].url, "type": "Praktijkvoorbeeld"} in (
        data["suggestions"]
    )


@pytest.mark.parametrize("q", ["", " ", "w", " w "])
def test_too_short_a_prefix_gives_no_suggestions(client, site_search, q):
    assert client.get(SUGGEST, {"q": q}).json()["suggestions"] == []


def test_a_very_long_prefix_does_not_break_suggestions(client, site_search):
    response = client.get(SUGGEST, {"q": "wijk" * 500})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []
    assert len(response.json()["query"]) == MAX_QUERY_LENGTH


# ---------- search-term counts ----------


def test_a_search_is_counted_once_per_term_and_week(client, corpus):
    client.get(SEARCH, {"q": "  WijkAanpak  "})
    term_counts.flush()
    row = SearchTermWeek.objects.get()
    assert (row.term, row.searches, row.without_results) == ("wijkaanpak", 1, 0)
    assert row.week == SearchTermWeek.current_week() and row.week.weekday() == 0
    client.get(SEARCH, {"q": "wijkaanpak"})
    term_counts.flush()
    row.refresh_from_db()
    assert (row.searches, row.without_results) == (2, 0)


def test_a_search_without_results_is_counted_as_such(client, corpus):
    client.get(SEARCH, {"q": "xyzzy"})
    client.get(SEARCH, {"q": "xyzzy"})
    term_counts.flush()
    row = SearchTermWeek.objects.get(term="xyzzy")
    assert (row.searches, row.without_results) == (2, 2)


def test_counts_wait_in_redis_until_flushed_in_one_write_per_term(client, corpus):
    client.get(SEARCH, {"q": "wijkaanpak"})  # the first count schedules a flush: at once, without a worker
    assert SearchTermWeek.objects.get().searches == 1
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            client.get(SEARCH, {"q": "wijkaanpak"})
            client.get(SEARCH, {"q": "xyzzy"})
    assert not [q["sql"] for q in queries.captured_queries if "searchtermweek" in q["sql"]]
    assert SearchTermWeek.objects.get().searches == 1  # the next flush is not due yet
    with CaptureQueriesContext(connection) as queries:
        assert term_counts.flush() == 2
    assert len([q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]) == 2
    assert dict(SearchTermWeek.objects.values_list("term", "searches")) == {"wijkaanpak": 6, "xyzzy": 5}
    assert term_counts.flush() == 0  # emptied: nothing is counted twice


def test_with_redis_unreachable_a_search_is_written_to_the_database_at_once(client, corpus, settings, redis_cache):
    settings.CACHES = {
        **settings.CACHES,
        "default": {**redis_cache, "LOCATION": "redis://127.0.0.1:9/0"},
    }  # discard port
    assert client.get(SEARCH, {"q": "wijkaanpak"}).status_code == 200
    assert client.get(SEARCH, {"q": "wijkaanpak"}).status_code == 200
    assert SearchTermWeek.objects.get(term="wijkaanpak").searches == 2


def test_paging_filtering_and_bad_input_do_not_count(client, corpus, case_index):
    for n in range(11):
        PracticeCasePageFactory(parent=case_index, title=f"Wijkaanpak deel {n}")
    client.get(SEARCH, {"q": "wijkaanpak"})
    assert client.get(SEARCH, {"q": "wijkaanpak", "page": "2"}).status_code == 200
    term_counts.flush()
    assert SearchTermWeek.objects.get(term="wijkaanpak").searches == 1
    client.get(SEARCH, {"invalshoek": "leren"})  # no query: nothing to count
    client.get(SEARCH, {"q": "wijkaanpak", "sortering": "xyz"})  # 400
    client.get(SEARCH, {"q": "x" * 2000})  # 400
    term_counts.flush()
    assert list(SearchTermWeek.objects.values_list("term", "searches")) == [("wijkaanpak", 1)]


def test_only_the_term_and_counts_are_stored():
    fields = {f.name for f in SearchTermWeek._meta.get_fields()}
    assert fields == {"id", "week", "term", "searches", "without_results"}


@pytest.fixture
def terms():
    week = SearchTermWeek.current_week()
    earlier = week.replace(year=week.year - 1)
    SearchTermWeek.objects.create(week=week, term="wijkaanpak", searches=5, without_results=0)
    SearchTermWeek.objects.create(week=week, term="xyzzy", searches=2, without_results=2)
    SearchTermWeek.objects.create(week=earlier, term="begroting", searches=1, without_results=0)
    return {"week": week, "earlier": earlier}


@pytest.fixture(params=["superuser", "editor"])
def admin_user_client(request, django_user_model):
    if request.param == "superuser":
        user = django_user_model.objects.create_superuser("beheerder", "beheer@example.org", "wachtwoord-1")
    else:
        user = django_user_model.objects.create_user("redacteur", "redactie@example.org", "wachtwoord-2")
        user.groups.add(Group.objects.get(name="Editors"))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def listed_terms(response):
    page = soup(response)
    return {text(cell) for cell in page.select("table tbody tr td:first-child, table tbody tr th:first-child")}


def test_admin_lists_filters_and_exports_the_terms(admin_user_client, terms):
    url = reverse("zoektermen:index")
    assert url == "/admin/zoektermen/"
    response = admin_user_client.get(url)
    assert response.status_code == 200, response.status_code
    assert {"wijkaanpak", "xyzzy", "begroting"} <= listed_terms(response)

    response = admin_user_client.get(url, {"without_results__gte": "1"})
    assert response.status_code == 200
    assert "xyzzy" in listed_terms(response) and "wijkaanpak" not in listed_terms(response)

    response = admin_user_client.get(url, {"week": terms["earlier"].isoformat()})
    assert response.status_code == 200
    assert "begroting" in listed_terms(response) and "wijkaanpak" not in listed_terms(response)

    response = admin_user_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert {row[1] for row in rows[1:]} == {"wijkaanpak", "xyzzy", "begroting"}

    response = admin_user_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_admin_refuses_to_add_change_or_delete_terms(admin_user_client, terms):
    term = SearchTermWeek.objects.get(term="wijkaanpak")
    for url in (reverse("zoektermen:add"), reverse("zoektermen:edit", args=[term.pk])):
        assert admin_user_client.get(url).status_code in (302, 403), url
        assert admin_user_client.post(url, {"term": "ingevoerd"}).status_code in (302, 403), url
    delete = reverse("zoektermen:delete", args=[term.pk])
    assert admin_user_client.get(delete).status_code in (302, 403)
    assert admin_user_client.post(delete).status_code in (302, 403)
    assert SearchTermWeek.objects.filter(term="wijkaanpak", searches=5).exists()
    assert not SearchTermWeek.objects.filter(term="ingevoerd").exists()
    # No "add" button on the listing.
    assert reverse("zoektermen:add") not in admin_user_client.get(reverse("zoektermen:index")).content.decode()


def test_the_public_cannot_see_the_terms(client, terms):
    response = client.get(reverse("zoektermen:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# ---------- related cases on a case page ----------


def test_a_case_page_shows_similar_cases(client, site_search, corpus):
    response = client.get(corpus["cases"]["dijk"].url)
    assert response.status_code == 200
    section = soup(response).select_one("section[aria-labelledby=vergelijkbaar]")
    assert text(section.select_one("h2")) == "Vergelijkbare praktijkvoorbeelden"
    links = {text(a): a["href"] for a in section.select(".case-card a")}
    assert links.get("Wijkaanpak met bewoners") == corpus["cases"]["wijk"].url
    assert "Samen opdrachtgever bij de dijkversterking" not in links


def test_similar_cases_are_found_for_cases_with_many_words_of_their_own(client, corpus, case_index, elasticsearch):
    shared = "Het opgavebudget voor de binnenstad gaf de wethouder en het projectbureau samen meer ruimte."

    def own_words(prefix):
        return " ".join(f"{prefix}{n}x" for n in range(40))

    first = PracticeCasePageFactory(
        parent=case_index, title="Binnenstad Tilburg", situation=f"<p>{shared} {own_words('tilburg')}</p>"
    )
    PracticeCasePageFactory(
        parent=case_index, title="Binnenstad Breda", situation=f"<p>{shared} {own_words('breda')}</p>"
    )
    index.rebuild(elasticsearch)
    section = soup(client.get(first.url)).select_one("section[aria-labelledby=vergelijkbaar]")
    assert section is not None and "Binnenstad Breda" in text(section)


def test_the_similar_cases_section_is_left_out_when_there_are_none(client, corpus):
    # On the database, "Portefeuille van projecten" shares no perspective or block with another case.
    response = client.get(corpus["cases"]["portefeuille"].url)
    assert response.status_code == 200
    assert "Vergelijkbare praktijkvoorbeelden" not in response.content.decode()


# ---------- links into search from the guide, and the capped case list of a block ----------


def test_a_chapter_links_to_search_in_its_perspective(client, corpus):
    chapter = corpus["chapters"]["leren"]
    link = soup(client.get(chapter.url)).select_one("a.search-scope__link")
    assert text(link) == "Zoek in Opgavegericht leren"
    assert link["href"] == "/zoeken/?invalshoek=leren"


def test_a_building_block_shows_at_most_twelve_cases(client, corpus, case_index):
    block = corpus["block"]
    for n in range(13):
        PracticeCasePageFactory(parent=case_index, title=f"Intervisie {n}", building_blocks=[block])
    page = soup(client.get(block.url))
    assert len(page.select(".case-grid .case-card")) == 12
    more = page.select_one("#bouwsteen-voorbeelden ~ p a.more-link")
    assert text(more) == "Alle 14 voorbeelden met deze bouwsteen"
    assert more["href"] == f"{case_index.url}?bouwsteen=intervisie"

"""Elasticsearch that survives trouble: one pooled client, a dead node skipped, the circuit
breaker, and a database fallback that reads a bounded number of rows."""

import re
import socket
import threading
import time

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup
from elasticsearch import ConnectionTimeout

from knowledge.factories import PracticeCasePageFactory
from search import breaker, index
from search.query import DatabaseSearch, SearchRequest, run

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"
DEAD_URL = "http://127.0.0.1:9"  # the discard port: nothing listens there
OUTAGE_NOTICE = "Zoeken werkt nu in beperkte vorm"


def page_text(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def titles(response):
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(a.get_text(" ").split()) for a in page.select(".search-hit__title a")]


# The breaker's open window in these tests: long enough for the searches made while it is open,
# even on a busy machine.
WINDOW = 5


def sleep_until(moment):
    """Wait until time.monotonic() has passed `moment` (and the cache's one-second expiry with it)."""
    time.sleep(max(0, moment - time.monotonic()) + 1.1)


class SilentServer:
    """A port that accepts connections and never answers, counting every connection it accepts:
    how often the site tried Elasticsearch."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.accepted = []
        self.running = True
        self.thread = threading.Thread(target=self.accept_all, daemon=True)

    def accept_all(self):
        while self.running:
            try:
                self.accepted.append(self.listener.accept()[0])
            except TimeoutError:
                continue

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        for conn in self.accepted:
            conn.close()
        self.listener.close()

    @property
    def connections(self):
        time.sleep(0.2)  # let the accepting thread catch up with connections already made
        return len(self.accepted)


# ---------- the client ----------


def test_one_client_per_process_until_the_settings_change(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200, http://127.0.0.1:9201"
    client = index.get_client()
    assert index.get_client() is client
    assert sorted(node.base_url for node in client.transport.node_pool.all()) == [
        "http://127.0.0.1:9200",
        "http://127.0.0.1:9201",
    ]
    settings.ELASTICSEARCH_TIMEOUT = 2
    assert index.get_client() is not client
    settings.ELASTICSEARCH_URL = ""
    assert index.get_client() is None


def test_opening_a_connection_gives_up_sooner_than_waiting_for_an_answer(settings):
    # A listening socket whose queue is full: the kernel drops further connection attempts, as an
    # unreachable host does.
    with socket.create_server(("127.0.0.1", 0), backlog=0) as full:
        address = full.getsockname()
        waiting = [socket.socket() for _ in range(3)]
        for sock in waiting:
            sock.setblocking(False)
            sock.connect_ex(address)
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{address[1]}"
        settings.ELASTICSEARCH_TIMEOUT = 5
        settings.ELASTICSEARCH_CONNECT_TIMEOUT = 0.3
        settings.ELASTICSEARCH_MAX_RETRIES = 0
        with pytest.raises(ConnectionTimeout) as raised:
            index.get_client().info()
        for sock in waiting:
            sock.close()
    causes, error = [], raised.value
    while error is not None:
        causes.append(str(error))
        error = error.__cause__ or error.__context__
    assert any("Connection to 127.0.0.1 timed out. (connect timeout=0.3)" in cause for cause in causes), causes


def test_a_dead_node_is_skipped_and_searches_answer_from_the_live_one(client, corpus, elasticsearch, settings):
    index.rebuild(elasticsearch)
    settings.ELASTICSEARCH_URL = f"{DEAD_URL},{settings.ELASTICSEARCH_URL}"
    for _ in range(4):  # whichever node the pool picks first
        response = client.get(SEARCH, {"q": "wijkaanpak"})
        assert OUTAGE_NOTICE not in page_text(response)
        assert titles(response) == ["Wijkaanpak met bewoners"]
    # The elasticsearch fixture also fails the test if any of these searches fell back to the database.


def test_shards_and_replicas_come_from_the_settings(corpus, elasticsearch, settings):
    settings.ELASTICSEARCH_SHARDS = 2
    settings.ELASTICSEARCH_REPLICAS = 1
    name, _documents = index.rebuild(elasticsearch)
    created = elasticsearch.indices.get_settings(index=name)[name]["settings"]["index"]
    assert (created["number_of_shards"], created["number_of_replicas"]) == ("2", "1")


# ---------- the circuit breaker ----------


def test_after_repeated_outages_searches_skip_elasticsearch_until_one_probe(client, corpus, settings):
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.ELASTICSEARCH_MAX_RETRIES = 1  # two connections per search that times out
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    settings.ELASTICSEARCH_BREAKER_SECONDS = WINDOW
    with SilentServer() as silent:
        settings.ELASTICSEARCH_URL = silent.url
        for tried in (2, 4):  # each search tries, times out, retries and falls back
            response = client.get(SEARCH, {"q": "wijkaanpak"})
            assert OUTAGE_NOTICE in page_text(response)
            assert titles(response) == ["Wijkaanpak met bewoners"]
            assert silent.connections == tried
        opened = time.monotonic()
        # Open: the fallback answers at once, without a connection to Elasticsearch.
        for _ in range(2):
            response = client.get(SEARCH, {"q": "wijkaanpak"})
            assert OUTAGE_NOTICE in page_text(response)
            assert titles(response) == ["Wijkaanpak met bewoners"]
        assert client.get("/readyz").json()["search"] == {
            "backend": "database",
            "status": "degraded",
            "breaker": "open",
        }
        assert silent.connections == 4
        sleep_until(opened + WINDOW)
        # Half-open: one search probes (and times out: open again), the next does not try.
        assert titles(client.get(SEARCH, {"q": "wijkaanpak"})) == ["Wijkaanpak met bewoners"]
        assert silent.connections == 6
        assert titles(client.get(SEARCH, {"q": "wijkaanpak"})) == ["Wijkaanpak met bewoners"]
        assert silent.connections == 6


def test_after_the_window_elasticsearch_answers_again_and_the_breaker_closes(client, corpus, elasticsearch, settings):
    index.rebuild(elasticsearch)
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    settings.ELASTICSEARCH_BREAKER_SECONDS = WINDOW
    breaker.record_outage()
    breaker.record_outage()  # as two searches that found Elasticsearch down
    opened = time.monotonic()
    response = client.get(SEARCH, {"q": "wijkaanpak"})
    assert OUTAGE_NOTICE in page_text(response)
    assert client.get("/readyz").json()["search"]["breaker"] == "open"
    sleep_until(opened + WINDOW)
    response = client.get(SEARCH, {"q": "wijkaanpak"})
    assert OUTAGE_NOTICE not in page_text(response)
    assert titles(response) == ["Wijkaanpak met bewoners"]
    assert breaker.failures() == 0
    assert client.get("/readyz").json()["search"] == {"backend": "elasticsearch", "status": "ok", "documents": 9}


def test_a_success_resets_the_count_of_outages_in_a_row(corpus, elasticsearch, settings):
    index.rebuild(elasticsearch)
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    breaker.record_outage()
    results, search, degraded = run("search", SearchRequest.from_params(QueryDict("q=wijkaanpak")))
    assert (search.name, degraded) == ("elasticsearch", False)
    assert breaker.failures() == 0


# ---------- the bounded fallback ----------


def test_the_fallback_reads_at_most_the_bound_of_candidates(corpus, case_index, settings):
    settings.SEARCH_FALLBACK_MAX_CANDIDATES = 3
    for number in range(6):
        PracticeCasePageFactory(parent=case_index, title=f"Dijkversterking deel {number}")
    request = SearchRequest.from_params(QueryDict("q=dijkversterking"))
    with CaptureQueriesContext(connection) as queries:
        results = DatabaseSearch().search(request)
    assert results.total == 3 and len(results.hits) == 3
    assert all("dijkversterking" in hit.title.lower() for hit in results.hits)
    ranked = [q["sql"] for q in queries if "ts_rank" in q["sql"] or "_score" in q["sql"]]
    assert ranked and all(re.search(r"\bLIMIT 3\b", sql) for sql in ranked), ranked
    # Facet values are read for the kept candidates only.
    in_lists = [re.findall(r"\bIN \(([^)]*)\)", q["sql"]) for q in queries if "knowledge_practicecasepage" in q["sql"]]
    assert max(len(found.split(",")) for sqls in in_lists for found in sqls) <= 3


def test_the_fallback_without_words_lists_at_most_the_bound(corpus, case_index, settings):
    settings.SEARCH_FALLBACK_MAX_CANDIDATES = 4
    results = DatabaseSearch().search(SearchRequest.from_params(QueryDict("")))
    assert results.total == 4

"""A two-node Elasticsearch cluster keeps the search up when a node stops.

The cluster comes from `scripts/elasticsearch.sh start-cluster` (loopback, HTTP 9211 and 9212),
started here for this module and stopped afterwards; one already running is used and left running
(with its second node restarted). Node 1 is the only master-eligible node, node 2 holds data
only, so stopping node 2 leaves a working cluster (see the script).
"""

import logging
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from knowledge.factories import PracticeCasePageFactory
from search import index
from tests.search.helpers import remove_test_indices

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch.sh"
HTTP_PORTS = (9211, 9212)
CLUSTER_URL = ",".join(f"http://127.0.0.1:{port}" for port in HTTP_PORTS)
SCRIPT_ENV = {"ES_CLUSTER_HTTP_PORTS": " ".join(map(str, HTTP_PORTS))}
OUTAGE_NOTICE = "Zoeken werkt nu in beperkte vorm"


def elasticsearch_sh(*args, check=True):
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(Path.home()), **SCRIPT_ENV}
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, check=check, capture_output=True, text=True)


@pytest.fixture(scope="module")
def cluster():
    already_running = elasticsearch_sh("status-cluster", check=False).returncode == 0
    started = elasticsearch_sh("start-cluster", check=False)
    assert started.returncode == 0, f"could not start the two-node cluster:\n{started.stdout}\n{started.stderr}"
    yield CLUSTER_URL
    if already_running:
        elasticsearch_sh("start-node", "2")
    else:
        elasticsearch_sh("stop-cluster")


@pytest.fixture
def cluster_search(cluster, settings):
    """The site searches the cluster, with one replica of every shard."""
    settings.ELASTICSEARCH_URL = cluster
    settings.ELASTICSEARCH_REPLICAS = 1
    client = index.get_client()
    remove_test_indices(client)
    yield client
    remove_test_indices(client)


def page_text(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def titles(response):
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [" ".join(a.get_text(" ").split()) for a in page.select(".search-hit__title a")]


def test_with_a_node_stopped_search_answers_from_elasticsearch_and_updates_continue(
    client, corpus, case_index, cluster_search, django_capture_on_commit_callbacks, caplog
):
    index.rebuild(cluster_search)
    health = cluster_search.cluster.health(index=index.alias_name(), wait_for_status="green", timeout="60s")
    assert health["status"] == "green"
    shard_nodes = {row["node"] for row in cluster_search.cat.shards(index=index.alias_name(), format="json")}
    assert shard_nodes == {"cop-elasticsearch-cluster-1", "cop-elasticsearch-cluster-2"}  # a copy on each

    elasticsearch_sh("stop-node", "2")

    for _ in range(3):  # the client tries both nodes in turn: the stopped one is skipped
        response = client.get("/zoeken/", {"q": "wijkaanpak"})
        assert response.status_code == 200
        assert OUTAGE_NOTICE not in page_text(response)
        assert titles(response) == ["Wijkaanpak met bewoners"]
    search_health = client.get("/readyz").json()["search"]
    assert (search_health["backend"], search_health["status"]) == ("elasticsearch", "ok")

    case = PracticeCasePageFactory(parent=case_index, title="Na de uitval gepubliceerd", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()
    response = client.get("/zoeken/", {"q": "uitval"})
    assert OUTAGE_NOTICE not in page_text(response)
    assert titles(response) == ["Na de uitval gepubliceerd"]

    problems = [
        f"{r.name}: {r.getMessage()}"
        for r in caplog.records
        if r.name in {"search.query", "search.index", "search.breaker"} and r.levelno >= logging.WARNING
    ]
    assert not problems, problems  # no fallback, no failed index write

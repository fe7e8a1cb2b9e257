"""Search on Elasticsearch: within the query budget, and as many queries with 100 cases as with 10.

Apart from tests/cop_site/test_query_counts.py, whose site (built once for that module) stays in the
database until its last test has run.
"""

import pytest

from knowledge.factories import OrganisationFactory, PracticeCasePageFactory
from search import index
from tests.query_counts import FEW, MANY, QUERY_BUDGET, count_selector, measure

pytestmark = pytest.mark.django_db

SEARCH_HITS = count_selector(".search-results > li")


def search_on_elasticsearch(client, request, case_index, count):
    organisation = OrganisationFactory(name="Gemeente Amersfoort")
    for _ in range(count):
        PracticeCasePageFactory(parent=case_index, perspectives=["leren"], organisations=[organisation])
    index.rebuild(request.getfixturevalue("elasticsearch"))
    _cold, warm, listed, sql = measure(client, "/zoeken/?q=gemeente&invalshoek=leren", 200, SEARCH_HITS)
    return warm, listed, sql


def test_search_on_elasticsearch_stays_within_budget_and_flat(client, request, guide, case_index, glossary):
    few, listed_few, _ = search_on_elasticsearch(client, request, case_index, FEW)
    many, listed_many, sql = search_on_elasticsearch(client, request, case_index, MANY - FEW)
    print(f"\nsearch on Elasticsearch: {few} queries with {FEW} cases ({listed_few} listed), {many} with {MANY}")
    assert listed_few == 10 and listed_many == 10  # one page of hits each time
    assert many <= QUERY_BUDGET, "\n".join(sql)
    assert many == few

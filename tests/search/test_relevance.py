"""The judged relevance set (tests/search/relevance): ranking quality of both search implementations.

The floors sit a little below the baseline measured on the date given, so a change that makes ranking
worse fails here; raise them when ranking improves.
"""

from pathlib import Path

import pytest

from search import index
from search.content import document_id
from search.relevance import (
    CATEGORIES,
    evaluate_database,
    evaluate_elasticsearch,
    load_judgements,
    ndcg,
    report,
    summary,
)
from tests.search.relevance.corpus import build_corpus

JUDGEMENTS = Path(__file__).parent / "relevance" / "judgements.json"

# Baseline on 2026-12-06 (81 queries): Elasticsearch nDCG@10 0.876, MRR 0.922; database nDCG@10 0.706,
# MRR 0.733. Each floor is its baseline - 0.02, rounded down.
ELASTICSEARCH_NDCG_FLOOR = 0.85
ELASTICSEARCH_MRR_FLOOR = 0.90
DATABASE_NDCG_FLOOR = 0.68
DATABASE_MRR_FLOOR = 0.71


@pytest.fixture
def judged_corpus(home, elasticsearch):
    documents = build_corpus(home)
    index.rebuild(elasticsearch)
    return {key: document_id(obj) for key, obj in documents.items()}


def test_ranking_meets_the_floors(judged_corpus, elasticsearch):
    judgements = load_judgements(JUDGEMENTS)
    # Sane: enough queries, every category, every judged document in the corpus.
    assert len(judgements) >= 60
    assert {j.category for j in judgements} == set(CATEGORIES)
    assert {key for j in judgements for key in j.ratings} <= set(judged_corpus)

    results = {
        "elasticsearch": evaluate_elasticsearch(elasticsearch, judgements, judged_corpus),
        "database": evaluate_database(judgements, judged_corpus),
    }
    print(report(results))  # shown with -s, and with the failure

    # _rank_eval's nDCG and the Python formula the fallback is scored with agree on the same ranking.
    for outcome in results["elasticsearch"]:
        assert outcome.ndcg == pytest.approx(ndcg(outcome.ranked, outcome.judged.ratings)), outcome.judged.q
    _count, es_ndcg, es_mrr = summary(results["elasticsearch"])["overall"]
    _count, db_ndcg, db_mrr = summary(results["database"])["overall"]
    assert es_ndcg >= ELASTICSEARCH_NDCG_FLOOR
    assert es_mrr >= ELASTICSEARCH_MRR_FLOOR
    assert db_ndcg >= DATABASE_NDCG_FLOOR
    assert db_mrr >= DATABASE_MRR_FLOOR

"""The judged relevance set (tests/search/relevance): ranking quality of both search implementations.

The floors sit a little below the baseline measured on the date given, so a change that makes ranking
worse fails here; raise them when ranking improves.
"""

import pytest

from search.content import document_id
from search.relevance import (
    CATEGORIES,
    evaluate_database,
    evaluate_elasticsearch,
    load_judgements,
    ndcg,
    reciprocal_rank,
    report,
    summary,
)
from tests.search.relevance.corpus import JUDGEMENTS, build_corpus, index_corpus

# Baseline on 2026-12-06 (81 queries, 52 documents): Elasticsearch nDCG@10 0.952, MRR 0.969 (with
# compound parts, phrase-aware ranking and the retry with corrected words; 0.876 and 0.922 before);
# database fallback nDCG@10 0.945, MRR 0.959 (titles that hold the query first, similar titles
# through pg_trgm, the retry with corrected words, synonyms only for whole words; 0.737 and 0.763 before). Each floor is its
# baseline - 0.02, rounded down.
ELASTICSEARCH_NDCG_FLOOR = 0.93
ELASTICSEARCH_MRR_FLOOR = 0.94
DATABASE_NDCG_FLOOR = 0.92
DATABASE_MRR_FLOOR = 0.93


@pytest.fixture
def judged_corpus(home, elasticsearch):
    documents = build_corpus(home)
    index_corpus(elasticsearch)
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

    # _rank_eval's metrics and the Python formulas the fallback is scored with agree on the same ranking.
    for outcome in results["elasticsearch"]:
        ratings = outcome.judged.ratings
        assert outcome.ndcg == pytest.approx(ndcg(outcome.ranked, ratings)), outcome.judged.q
        assert outcome.mrr == pytest.approx(reciprocal_rank(outcome.ranked, ratings)), outcome.judged.q
    _count, es_ndcg, es_mrr = summary(results["elasticsearch"])["overall"]
    _count, db_ndcg, db_mrr = summary(results["database"])["overall"]
    assert es_ndcg >= ELASTICSEARCH_NDCG_FLOOR
    assert es_mrr >= ELASTICSEARCH_MRR_FLOOR
    assert db_ndcg >= DATABASE_NDCG_FLOOR
    assert db_mrr >= DATABASE_MRR_FLOOR

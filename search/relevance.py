"""Measuring ranking against a judged relevance set: nDCG@10 and MRR for both search implementations.

Elasticsearch is measured with its own `_rank_eval` API, on the query the search page ranks with
(ElasticsearchSearch.ranking, for the retry's words where the words as typed find nothing, as
the page does). The database fallback has no such API: the same metrics are computed here, with the formulas
Elasticsearch uses (gain 2^rating - 1, discount log2(rank + 1), normalised by the ideal ordering of the
judged documents, cut as Elasticsearch cuts it; reciprocal rank of the first document rated 1 or more).

It sits beside search.query, which it measures; tests/search/test_relevance.py and bench/relevance.py
bring the corpus and the judgements.
"""

import json
import math
from dataclasses import dataclass

from . import index
from .query import DatabaseSearch, ElasticsearchSearch, SearchRequest, normalise_query

K = 10
RELEVANT = 1  # the lowest rating that counts as a hit for the reciprocal rank
CATEGORIES = (
    "compound",
    "plural",
    "diacritics",
    "typo",
    "abbreviation",
    "organisation",
    "phrase",
    "question",
    "plain",
)


@dataclass(frozen=True)
class Judged:
    q: str
    category: str
    ratings: dict  # document key -> rating (3 = the answer, 1 = also relevant)

    @property
    def answers(self):
        """The keys of the highest-rated documents."""
        top = max(self.ratings.values())
        return [key for key, rating in self.ratings.items() if rating == top]


@dataclass(frozen=True)
class Outcome:
    judged: Judged
    ndcg: float
    mrr: float
    ranked: list  # keys (or document ids, for documents outside the corpus) of the top K

    @property
    def best_rank(self):
        """Where the first of the best answers landed (1-based), or None when none is in the top K."""
        return next((n for n, key in enumerate(self.ranked, start=1) if key in self.judged.answers), None)


def load_judgements(path):
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    return [Judged(item["q"], item["category"], item["ratings"]) for item in data["queries"]]


def dcg(gains):
    return sum((2**rating - 1) / math.log2(rank + 1) for rank, rating in enumerate(gains[:K], start=1))


def ndcg(ranked, ratings):
    """nDCG@K as Elasticsearch's `dcg` metric with `normalize: true` computes it: like Elasticsearch, the
    ideal ordering is cut to as many documents as the search returned (at most K), so a search that
    returns fewer documents than were judged relevant is compared with that many of them only."""
    ideal = dcg(sorted(ratings.values(), reverse=True)[: len(ranked[:K])])
    return dcg([ratings.get(key, 0) for key in ranked]) / ideal if ideal else 0.0


def reciprocal_rank(ranked, ratings):
    """Elasticsearch's `mean_reciprocal_rank` for one query: 1 / rank of the first relevant document."""
    rank = next((n for n, key in enumerate(ranked[:K], start=1) if ratings.get(key, 0) >= RELEVANT), None)
    return 1 / rank if rank else 0.0


def evaluate_elasticsearch(client, judgements, ids):
    """One Outcome per judged query, scored by `_rank_eval`. `ids` maps document keys to index ids."""
    search = ElasticsearchSearch(client)
    [concrete] = index.indexed_names(client)  # ratings name the index the hits come from, not the alias
    keys = {doc_id: key for key, doc_id in ids.items()}
    requests = []
    for n, judged in enumerate(judgements):
        words, fuzzy = judged.q, False
        if not client.count(index=index.alias_name(), query=search.ranking_query(words).to_dict())["count"]:
            words, fuzzy, _suggestion = search.retry(judged.q)  # the page's retry when nothing matches
        ratings = [{"_index": concrete, "_id": ids[key], "rating": r} for key, r in judged.ratings.items()]
        requests.append({"id": str(n), "request": search.ranking(words, fuzzy), "ratings": ratings})
    scores = {}
    for name, metric in {
        "ndcg": {"dcg": {"k": K, "normalize": True}},
        "mrr": {"mean_reciprocal_rank": {"k": K, "relevant_rating_threshold": RELEVANT}},
    }.items():
        response = client.rank_eval(index=index.alias_name(), requests=requests, metric=metric)
        if response["failures"]:
            request_id, failure = next(iter(response["failures"].items()))
            raise RuntimeError(
                f"_rank_eval failed for {len(response['failures'])} queries, query {request_id}: {failure}"
            )
        scores[name] = response["details"]
    return [
        Outcome(
            judged,
            scores["ndcg"][str(n)]["metric_score"],
            scores["mrr"][str(n)]["metric_score"],
            [keys.get(hit["hit"]["_id"], hit["hit"]["_id"]) for hit in scores["ndcg"][str(n)]["hits"]],
        )
        for n, judged in enumerate(judgements)
    ]


def evaluate_database(judgements, ids):
    """One Outcome per judged query on the database fallback, scored here."""
    search = DatabaseSearch()
    keys = {doc_id: key for key, doc_id in ids.items()}
    outcomes = []
    for judged in judgements:
        hits = search.search(SearchRequest(q=normalise_query(judged.q))).hits
        ranked = [keys.get(hit.id, hit.id) for hit in hits[:K]]
        outcomes.append(Outcome(judged, ndcg(ranked, judged.ratings), reciprocal_rank(ranked, judged.ratings), ranked))
    return outcomes


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summary(outcomes):
    """{category or "overall": (queries, mean nDCG@K, mean MRR)}, in CATEGORIES order."""
    groups = {category: [o for o in outcomes if o.judged.category == category] for category in CATEGORIES}
    groups["overall"] = outcomes
    return {
        name: (len(group), mean(o.ndcg for o in group), mean(o.mrr for o in group))
        for name, group in groups.items()
        if group
    }


def report(results, worst=8):
    """A printable report. `results` maps an implementation's name to its outcomes, same queries in each."""
    names = list(results)
    summaries = {name: summary(outcomes) for name, outcomes in results.items()}
    header = f"{'category':<14}{'queries':>8}" + "".join(f"{name + ' nDCG@10':>26}{'MRR':>8}" for name in names)
    lines = [header, "-" * len(header)]
    for category, (count, *_scores) in summaries[names[0]].items():
        row = "".join(f"{summaries[n][category][1]:>26.3f}{summaries[n][category][2]:>8.3f}" for n in names)
        lines.append(f"{category:<14}{count:>8}{row}")
    for name in names:
        lines += ["", f"Worst {worst} queries on {name} (nDCG@10, MRR, where the best answer landed):"]
        for outcome in sorted(results[name], key=lambda o: (o.ndcg, o.mrr))[:worst]:
            judged = outcome.judged
            landed = f"at {outcome.best_rank}" if outcome.best_rank else f"not in the top {K}"
            first = outcome.ranked[0] if outcome.ranked else "nothing found"
            lines.append(
                f"  {outcome.ndcg:.3f} {outcome.mrr:.3f}  {judged.q!r} ({judged.category}):"
                f" {' or '.join(judged.answers)} {landed}; first: {first}"
            )
    return "\n".join(lines)

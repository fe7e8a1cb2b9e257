"""The public search: one query interface, two implementations.

`ElasticsearchSearch` is the real thing. `DatabaseSearch` answers the same
request with Wagtail's database search (PostgreSQL full-text search, Dutch) when
no Elasticsearch is configured or it cannot be reached. The view only talks to
`run_search`, and one contract test suite runs against both.
"""

import difflib
import html
import logging
import re
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType as DjangoContentType
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from elasticsearch_dsl import Q, Search

from core.caching import remember, remember_many
from core.filters import Facet, FacetOption, is_year, parse_page_number
from core.restrictions import RestrictedPageQuerySet
from knowledge.models import Definition, Organisation, Perspective

from . import breaker, index
from .content import CONTENT_TYPE_LABELS, CONTENT_TYPES, build_context, build_document, document_id

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
SNIPPET_SIZE = 180
# The fields a snippet may come from, in order of preference.
SNIPPET_FIELDS = ("body", "summary")
# Elasticsearch pages no deeper than 10,000 results.
MAX_PAGE = 10_000 // PAGE_SIZE
SORTS = {"relevantie": gettext_lazy("Relevantie"), "datum": gettext_lazy("Datum (nieuwste eerst)")}

# query-string parameter -> (document field, label)
FACETS = {
    "invalshoek": ("perspectives", gettext_lazy("Invalshoek")),
    "type": ("content_type", gettext_lazy("Soort inhoud")),
    "organisatietype": ("organisation_types", gettext_lazy("Soort organisatie")),
    "provincie": ("provinces", gettext_lazy("Provincie")),
    "jaar": ("year", gettext_lazy("Jaar")),
}


def facet_labels(param):
    """Known values of a facet as {value: label}; None for years."""
    if param == "invalshoek":
        return remember("perspective-labels", lambda: dict(Perspective.objects.values_list("slug", "name")))
    if param == "type":
        return {slug: str(label) for slug, label in CONTENT_TYPE_LABELS.items()}
    if param == "organisatietype":
        return dict(Organisation.Type.choices)
    if param == "provincie":
        return dict(Organisation.Province.choices)
    return None


def normalise_query(text):
    """The words as typed, with runs of white space made one space."""
    return " ".join(text.split())


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevantie"
    page: int = 1
    messages: list = field(default_factory=list)
    status_code: int = 200

    @classmethod
    def from_params(cls, params):
        """Read and check the query string; problems become Dutch messages and a status."""
        request = cls(q=normalise_query(params.get("q", "")))
        if len(request.q) > MAX_QUERY_LENGTH:
            request.fail(_("Je zoekvraag is te lang. Gebruik maximaal %(max)s tekens.") % {"max": MAX_QUERY_LENGTH})
            request.q = ""
        for param in FACETS:
            values = [v.strip() for v in params.getlist(param) if v.strip()]
            if param == "jaar" and not all(is_year(v) for v in values):
                request.fail(_("Het jaar moet een getal van vier cijfers zijn, bijvoorbeeld 2024."))
                continue
            labels = facet_labels(param)
            unknown = [v for v in values if labels is not None and v not in labels]
            if unknown:
                request.messages.append(
                    _("Onbekende waarde voor %(facet)s: %(values)s.")
                    % {"facet": str(FACETS[param][1]).lower(), "values": ", ".join(unknown)}
                )
            if values:
                request.filters[param] = [int(v) for v in values] if param == "jaar" else values
        sort = params.get("sortering", "relevantie")
        if sort not in SORTS:
            request.fail(_("Onbekende sortering. Kies relevantie of datum."))
        else:
            request.sort = sort
        page = parse_page_number(params.get("page", "1"))
        if page is None:
            request.fail(_("Het paginanummer moet een positief geheel getal zijn."))
        elif page > MAX_PAGE:
            request.fail(_("Zo ver kun je niet bladeren. Maak je zoekvraag specifieker."))
        else:
            request.page = page
        return request

    def fail(self, message):
        self.messages.append(message)
        self.status_code = 400

    @property
    def is_valid(self):
        return self.status_code == 200

    @property
    def offset(self):
        return (self.page - 1) * PAGE_SIZE


@dataclass
class SearchHit:
    id: str
    title: str
    url: str
    content_type: str
    summary: str
    highlight: str
    perspective_names: list
    organisation_names: list
    year: int | None
    date: str | None
    event_type: str = ""
    location: str = ""
    speaker_names: list = field(default_factory=list)

    @property
    def content_type_label(self):
        return CONTENT_TYPE_LABELS.get(self.content_type, "")


@dataclass
class SearchResults:
    hits: list
    total: int
    facets: list
    backend: str
    suggestion: str = ""
    degraded: bool = False


# How many of the best results the phrase boosts reorder (per shard): the first ten pages. An
# exact title is among them, as the title weighs most in the query that picks them.
RESCORE_WINDOW = 100


def facet_groups(request):
    """{the selected facet whose filter a facet leaves out (None: none): [facets]}: a facet counts
    under the filters of the other facets, so all facets not selected share the same filters."""
    groups = {}
    for param in FACETS:
        groups.setdefault(param if param in request.filters else None, []).append(param)
    return groups


def build_facets(request, counts):
    """Facet options with counts, selected ones first kept even at zero."""
    facets = []
    for param, (_field, label) in FACETS.items():
        labels = facet_labels(param)
        param_counts = counts.get(param, {})
        if labels is None:  # years: those found, and a selected one even when nothing has it
            years = set(param_counts) | set(request.filters.get(param, []))
            labels = {str(v): str(v) for v in sorted(years, reverse=True)}
        selected = {str(v) for v in request.filters.get(param, [])}
        facet = Facet(param=param, label=label)
        for value, option_label in labels.items():
            count = param_counts.get(int(value) if param == "jaar" else value, 0)
            if count or value in selected:
                facet.options.append(FacetOption(value, option_label, count, value in selected))
        facets.append(facet)
    return facets


def hit_from_document(doc_id, source, highlight):
    return SearchHit(
        id=doc_id,
        title=source.get("title", ""),
        url=source.get("url", ""),
        content_type=source.get("content_type", ""),
        summary=source.get("summary", ""),
        highlight=highlight,
        perspective_names=source.get("perspective_names") or [],
        organisation_names=source.get("organisation_names") or [],
        year=source.get("year"),
        date=source.get("date"),
        event_type=source.get("event_type", ""),
        location=source.get("location", ""),
        speaker_names=source.get("speaker_names") or [],
    )


class ElasticsearchSearch:
    name = "elasticsearch"

    def __init__(self, client):
        self.client = client

    def _filter_clauses(self, request, skip=None):
        return [Q("terms", **{FACETS[param][0]: values}) for param, values in request.filters.items() if param != skip]

    def ranking_query(self, q, fuzzy=False):
        """The query that finds and first ranks the results for the words `q` (see `ranking`)."""
        if not q:
            return Q("match_all")
        fields = [
            "title^4",
            "summary^2",
            "body",
            # The parts of compounds, below the whole words (see documents.with_parts).
            "title.parts^2",
            "summary.parts",
            "body.parts^0.5",
            "perspective_names",
            "organisation_names",
            "event_type",
            "location",
            "speaker_names",
        ]
        if fuzzy:
            # The retry when the words as typed find nothing: each word may be one or two letters
            # off (within one field), and one word of a question may find nothing at all. Whole
            # words only: expanding every typo over the compound parts too doubled its cost.
            words = Q(
                "multi_match",
                query=q,
                fields=[name for name in fields if ".parts" not in name],
                fuzziness="AUTO",
                prefix_length=1,
                minimum_should_match="1<-1 3<75%",
            )
        else:
            # Most of the words, anywhere in the document.
            words = Q("multi_match", query=q, type="cross_fields", fields=fields, minimum_should_match="2<75%")
        title_words = {"query": q, "operator": "and", **({"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {})}
        # A glossary term (or one of its synonyms, through the synonyms set) first for its own words.
        boosts = [Q("bool", filter=[Q("term", content_type="begrip")], must=[Q("match", title=title_words)], boost=10)]
        return Q(
            "function_score",
            query=Q("bool", must=[words], should=boosts),
            # Recency only breaks near-ties: the newest documents score at most 5 % more.
            functions=[
                {"weight": 1},
                {"gauss": {"date": {"origin": "now", "scale": "730d", "decay": 0.5}}, "weight": 0.05},
            ],
            score_mode="sum",
            boost_mode="multiply",
        )

    def phrase_rescore(self, q, fuzzy=False):
        """The words as a phrase count far more than the same words scattered, in the title most:
        added to the score of the best RESCORE_WINDOW results of ranking_query only, as a phrase
        costs reading the word positions of every document that has the words. None when there
        is no phrase to look for (a phrase with a typo in it is found nowhere)."""
        if not q or fuzzy:
            return None
        phrases = Q(
            "bool",
            should=[
                Q("match_phrase", title={"query": q, "boost": 8}),
                Q("match_phrase", summary={"query": q, "slop": 2, "boost": 3}),
                Q("match_phrase", body={"query": q, "slop": 2, "boost": 2}),
            ],
        )
        return {"window_size": RESCORE_WINDOW, "query": {"rescore_query": phrases.to_dict()}}

    def ranking(self, q, fuzzy=False):
        """The ranking as a request body: the one source for the search page and for the relevance
        evaluation (search.relevance), so the judged figures measure what visitors get."""
        rescore = self.phrase_rescore(q, fuzzy)
        return {"query": self.ranking_query(q, fuzzy).to_dict(), **({"rescore": rescore} if rescore else {})}

    def _search(self, request, q, fuzzy=False):
        """The search for the words `q` (the request's, or the retry's) with the request's filters."""
        search = Search(using=self.client, index=index.alias_name()).query(self.ranking_query(q, fuzzy))
        if request.filters:
            search = search.post_filter(Q("bool", filter=self._filter_clauses(request)))
        # Each facet counts under the other facets' filters. Facets whose filters are the same (all
        # those not selected) share one filter aggregation, so each filter runs once per document.
        for n, (skip, params) in enumerate(facet_groups(request).items()):
            group = search.aggs.bucket(
                f"facets{n}", "filter", filter=Q("bool", filter=self._filter_clauses(request, skip))
            )
            for param in params:
                group.bucket(param, "terms", field=FACETS[param][0], size=100)
        # What the words find before the filters: decides whether a retry makes sense.
        search.aggs.bucket("matched", "filter", filter=Q("match_all"))
        highlight = {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fragment_size": SNIPPET_SIZE,
        }
        if q:
            # Highlighting the fuzzy expansions is several times slower; mark the words as typed.
            highlight["highlight_query"] = Q("multi_match", query=q, fields=["summary", "body"]).to_dict()
        search = search.highlight_options(number_of_fragments=1, **highlight).highlight(
            *SNIPPET_FIELDS, no_match_size=SNIPPET_SIZE
        )
        if request.sort == "datum":
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        elif rescore := self.phrase_rescore(q, fuzzy):  # Elasticsearch rescores only a ranking by score
            search = search.extra(rescore=rescore)
        return search[request.offset : request.offset + PAGE_SIZE]

    def retry(self, q):
        """What to search for when the words `q` as typed find nothing: (words, fuzzy, suggestion).
        The corrected words when the spelling suggester has them (a search as cheap as the first),
        else the words as typed allowing typos (fuzzy matching costs several times as much)."""
        suggestion = self.suggest_correction(q)
        return (suggestion, False, suggestion) if suggestion else (q, True, "")

    def search(self, request):
        response = self._search(request, request.q).execute()
        suggestion = ""
        if request.q and not response.aggregations.matched.doc_count:
            # Nothing for the words as typed, whatever the filters: search again for the corrected
            # words, offered beside the results as "Bedoelde je".
            words, fuzzy, suggestion = self.retry(request.q)
            response = self._search(request, words, fuzzy).execute()
        hits = []
        for hit in response.hits:
            source = hit.to_dict()
            fragments = hit.meta.highlight.to_dict() if hasattr(hit.meta, "highlight") else {}
            hits.append(hit_from_document(hit.meta.id, source, highlight_from_fragments(fragments, source)))
        counts = {
            param: {bucket.key: bucket.doc_count for bucket in response.aggregations[f"facets{n}"][param].buckets}
            for n, params in enumerate(facet_groups(request).values())
            for param in params
        }
        total = response.hits.total.value
        return SearchResults(hits, total, build_facets(request, counts), self.name, suggestion)

    def suggest_correction(self, q):
        search = Search(using=self.client, index=index.alias_name()).extra(size=0)
        search = search.suggest(
            "correction",
            q,
            phrase={
                "field": "spelling",
                "size": 1,
                "max_errors": 2,
                "confidence": 0.0,
                "direct_generator": [{"field": "spelling", "suggest_mode": "always", "min_word_length": 3}],
                "collate": {
                    "query": {"source": {"match": {"spelling": {"query": "{{suggestion}}", "operator": "and"}}}}
                },
            },
        )
        options = search.execute().suggest.correction[0].options
        valid = [o for o in options if getattr(o, "collate_match", True)]
        return valid[0].text if valid and valid[0].text != q.lower() else ""

    def suggestions(self, prefix, limit=8):
        as_typed = Q(
            "multi_match",
            query=prefix,
            type="bool_prefix",
            fields=["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
            boost=2,
        )
        # Whole words with a typo: a prefix query is never fuzzy, so a word a letter or two off
        # ("opgavegericth") is matched as a word.
        with_typos = Q(
            "match", title_suggest={"query": prefix, "fuzziness": "AUTO", "prefix_length": 1, "operator": "and"}
        )
        search = Search(using=self.client, index=index.alias_name()).query(Q("bool", should=[as_typed, with_typos]))
        search = search.source(["title", "url", "content_type"])[:limit]
        return [
            {"title": h.title, "url": h.url, "type": str(CONTENT_TYPE_LABELS.get(h.content_type, ""))}
            for h in search.execute()
        ]

    def related(self, page, limit=3):
        search = Search(using=self.client, index=index.alias_name()).query(
            "more_like_this",
            fields=["title", "summary", "body", "perspective_names"],
            like=[{"_index": index.alias_name(), "_id": document_id(page)}],
            min_term_freq=1,
            # Words that no other document has cannot make another case similar.
            min_doc_freq=2,
            minimum_should_match="10%",
        )
        search = search.filter("term", content_type="praktijkvoorbeeld").source(["title", "url", "summary"])[:limit]
        return [{"title": h.title, "url": h.url, "summary": h.summary} for h in search.execute()]


class DatabaseSearch:
    """Wagtail's database search, with facets and highlights done in Python."""

    name = "database"

    def _query(self, q):
        """The query, widened with the synonyms of any definition it names."""
        alternatives = []
        lowered = q.lower()

        def names(word):  # as a whole word: a typo such as "opgavegericth" does not name "Opgave"
            return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", lowered)

        for words in remember("synonym-groups", synonym_groups):
            if any(names(w) for w in words):
                alternatives.extend(w for w in words if not names(w))
        return Or([PlainText(q, operator="or"), *(PlainText(a, operator="and") for a in alternatives)])

    def _candidates(self, request):
        """(content type, pk, score) of what the query finds, best first; without a query, the newest.

        At most SEARCH_FALLBACK_MAX_CANDIDATES per content type are read, and as many kept in all:
        the fallback runs during an outage, when every search lands on PostgreSQL, and reading and
        ranking every match of a common word would let that load grow with the content.
        """
        limit = settings.SEARCH_FALLBACK_MAX_CANDIDATES
        if not request.q:
            newest = [
                (ct, pk, 0)
                for ct in CONTENT_TYPES
                for pk in ct.live_objects().order_by("-pk").values_list("pk", flat=True)[:limit]
            ]
            return newest[:limit]
        candidates = self._full_text(request.q, limit)
        if connection.vendor == "postgresql":
            # After every full-text match (below zero): titles with a word like one of the query's,
            # a typo or a part of a compound ("portefeuille" in Portefeuillesturing).
            matched = {(ct.slug, pk) for ct, pk, _score in candidates}
            by_slug = {ct.slug: ct for ct in CONTENT_TYPES}
            for (slug, pk), similarity in similar_titles(request.q, limit).items():
                if (slug, pk) not in matched:
                    candidates.append((by_slug[slug], pk, similarity - 1))
        return sorted(candidates, key=lambda candidate: candidate[2], reverse=True)[:limit]

    def _full_text(self, q, limit):
        """(content type, pk, score) of the full-text matches of `q`, at most `limit` of each type."""
        query = self._query(q)
        # Scores made higher-is-better and 0 or more on every engine: SQLite's FTS5 (bm25) is
        # lower-is-better and negative, and without FTS5 Wagtail gives no score at all.
        sign = -1 if connection.vendor == "sqlite" else 1
        candidates = []
        for ct in CONTENT_TYPES:
            results = get_search_backend().search(query, ct.live_objects().only("pk")).annotate_score("_score")
            candidates.extend((ct, obj.pk, sign * (obj._score or 0)) for obj in results[:limit])
        return candidates

    @staticmethod
    def _facet_values(candidates):
        """{(content type slug, pk): {field: set of values}}. Each item's values are read once per
        content version, with one query per content type and field for those not cached yet."""
        values = {}
        for ct in CONTENT_TYPES:
            pks = [pk for candidate_ct, pk, _score in candidates if candidate_ct is ct]
            if not pks:
                continue
            found = remember_many(f"search-facets:{ct.slug}", pks, partial(read_facet_values, ct))
            values.update({(ct.slug, pk): item for pk, item in found.items()})
        return values

    @staticmethod
    def _matches(values, request, skip=None):
        return all(
            set(wanted) & values.get(FACETS[param][0], set())
            for param, wanted in request.filters.items()
            if param != skip
        )

    def search(self, request):
        candidates = self._candidates(request)
        # "Bedoelde je" when the words as typed matched nothing in full text (only similar titles,
        # scores below 0), and the results are for the corrected words from then on.
        as_typed = any(score >= 0 for _ct, _pk, score in candidates)
        suggestion = self.suggest_correction(request.q) if request.q and not as_typed else ""
        q = request.q
        if suggestion:
            # Once more with the corrected words, as Elasticsearch retries allowing typos: a typo in
            # a word that is only in a text. Only then does it cost queries.
            q = suggestion
            candidates = with_retry(self._full_text(suggestion, settings.SEARCH_FALLBACK_MAX_CANDIDATES), candidates)
        values = self._facet_values(candidates)
        if q:
            # The engine ranks scattered words; a title that is, or holds, the query goes first.
            # A stable sort: within a tier the engine's order stays.
            candidates.sort(key=lambda c: title_match(values[c[0].slug, c[1]].get("title", ""), q), reverse=True)
        counts = {}
        for param, (field_name, _label) in FACETS.items():
            param_counts = counts.setdefault(param, {})
            for candidate_values in values.values():
                if self._matches(candidate_values, request, skip=param):
                    for value in candidate_values.get(field_name, ()):
                        param_counts[value] = param_counts.get(value, 0) + 1
        selected = [(ct, pk) for ct, pk, _score in candidates if self._matches(values[ct.slug, pk], request)]
        if request.sort == "datum":
            selected.sort(key=lambda item: newest_first(values[item[0].slug, item[1]]), reverse=True)
        shown = selected[request.offset : request.offset + PAGE_SIZE]
        documents = {}
        for ct in CONTENT_TYPES:
            pks = [pk for shown_ct, pk in shown if shown_ct is ct]
            if pks:
                found = remember_many(f"search-documents:{ct.slug}", pks, partial(read_documents, ct))
                documents.update({(ct.slug, pk): document for pk, document in found.items()})
        hits = []
        for ct, pk in shown:
            document = documents.get((ct.slug, pk))
            if document is None:  # unpublished or deleted since the query
                continue
            hits.append(hit_from_document(document["id"], document, highlight_text(document, q)))
        return SearchResults(hits, len(selected), build_facets(request, counts), self.name, suggestion)

    def suggest_correction(self, q):
        vocabulary = remember("search-vocabulary", title_words)
        words = q.lower().split()
        corrected = [(difflib.get_close_matches(w, vocabulary, n=1, cutoff=0.75) or [w])[0] for w in words]
        return " ".join(corrected) if corrected != words else ""

    def suggestions(self, prefix, limit=8):
        results = self._titles_holding(prefix, limit)
        if not results:
            # Nothing holds the letters as typed: a whole word with a typo, so the corrected words.
            correction = self.suggest_correction(prefix)
            results = self._titles_holding(correction, limit) if correction else []
        return sorted(results, key=lambda r: not r["title"].lower().startswith(prefix.lower()))[:limit]

    @staticmethod
    def _titles_holding(text, limit):
        """Suggestions for what has `text` in its title (a term: or in its synonyms), `limit` of each type."""
        context = build_context()
        results = []
        for ct in CONTENT_TYPES:
            if ct.model is Definition:  # the term, also for its synonyms and abbreviations
                found = ct.queryset().filter(term__icontains=text) | ct.queryset().filter(synonyms__icontains=text)
            else:
                found = ct.queryset().filter(title__icontains=text)
            for obj in found[:limit]:
                results.append(
                    {
                        "title": str(obj),
                        "url": build_document(obj, context, with_body=False)["url"],
                        "type": str(ct.label),
                    }
                )
        return results

    def related(self, page, limit=3):
        from django.db.models import Count, Q

        from knowledge.models import PracticeCasePage

        return [
            {"title": case.title, "url": case.url, "summary": case.summary}
            for case in PracticeCasePage.objects.live()
            .public()
            .exclude(pk=page.pk)
            .annotate(
                overlap=Count("perspectives", filter=Q(perspectives__in=page.perspectives.all()), distinct=True)
                + Count("building_blocks", filter=Q(building_blocks__in=page.building_blocks.all()), distinct=True)
            )
            .filter(overlap__gt=0)
            .order_by("-overlap", "-first_published_at")[:limit]
        ]


def synonym_groups():
    """Each definition's term with its synonyms, for definitions that have synonyms."""
    return [[d.term, *d.synonym_list] for d in Definition.objects.exclude(synonyms="")]


def similar_titles(q, limit):
    """{(content type slug, pk): similarity} of what has a title (or term) holding a word like the query,
    at most `limit` of each kind, most alike first: PostgreSQL's pg_trgm word similarity, with the
    GIN indexes of migration search 0003. Two queries: every page type at once, and the terms."""
    by_type_id = {
        DjangoContentType.objects.get_for_model(ct.model).pk: ct.slug
        for ct in CONTENT_TYPES
        if issubclass(ct.model, Page)
    }
    pages = (
        RestrictedPageQuerySet(Page)
        .live()
        .public()
        .filter(content_type_id__in=by_type_id, title__trigram_word_similar=q)
        .annotate(_similarity=TrigramWordSimilarity(q, "title"))
        .order_by("-_similarity")
        .values_list("pk", "content_type_id", "_similarity")[:limit]
    )
    found = {(by_type_id[type_id], pk): similarity for pk, type_id, similarity in pages}
    terms = next(ct.slug for ct in CONTENT_TYPES if ct.model is Definition)
    definitions = (
        Definition.objects.filter(term__trigram_word_similar=q)
        .annotate(_similarity=TrigramWordSimilarity(q, "term"))
        .order_by("-_similarity")
        .values_list("pk", "_similarity")[:limit]
    )
    found.update({(terms, pk): similarity for pk, similarity in definitions})
    return found


def title_match(title, q):
    """How well a title matches the query: 3 it is the query, 2 it holds it as a phrase, 1 it holds
    every word of it, 0 otherwise (case and spacing aside)."""
    title, q = " ".join(title.casefold().split()), " ".join(q.casefold().split())
    if title == q:
        return 3
    if q in title:
        return 2
    return int(all(word in title for word in q.split()))


def read_facet_values(ct, pks):
    """{pk: {field: set of values}, and "title": its title} for these items of one content type."""
    values = {pk: {"content_type": {ct.slug}} for pk in pks}
    title_field = "term" if ct.model is Definition else "title"
    for pk, title in ct.model.objects.filter(pk__in=pks).values_list("pk", title_field):
        values[pk]["title"] = title
    for field_name, lookup in ct.lookups.items():
        expression = F(lookup) if isinstance(lookup, str) else lookup
        rows = ct.model.objects.filter(pk__in=pks).annotate(_value=expression).values_list("pk", "_value")
        for pk, value in rows:
            if value is not None:
                values[pk].setdefault(field_name, set()).add(value)
    return values


def read_documents(ct, pks):
    """{pk: document (with its "id")} for the live items among these of one content type."""
    context = build_context()
    documents = {}
    for pk, obj in ct.queryset().in_bulk(pks).items():
        documents[pk] = {**build_document(obj, context), "id": document_id(obj)}
    return documents


def title_words():
    """The words of three letters or more in every live title and term: the fallback's vocabulary."""
    return {
        word.lower()
        for ct in CONTENT_TYPES
        for title in ct.live_objects().values_list("title" if ct.model is not Definition else "term", flat=True)
        for word in re.findall(r"\w{3,}", title)
    }


def highlight_from_fragments(fragments, source):
    """Elasticsearch's snippet: the first field with a match, else the first with text."""
    found = [(fragments[name][0], source.get(name) or "") for name in SNIPPET_FIELDS if fragments.get(name)]
    fragment, text = next((f for f in found if "<mark>" in f[0]), found[0] if found else ("", ""))
    return snippet_from_fragment(fragment, text) if fragment else ""


def newest_first(values):
    """A sort key (with reverse=True) for the newest first, undated last."""
    dates = values.get("date")
    return (bool(dates), max(dates) if dates else None)


def snippet(text, start, end, marks=()):
    """text[start:end], escaped, with the (start, end) spans in `marks` in <mark>.

    Cut at whole words: a snippet that does not start at the beginning of the text
    begins with "…", one that stops before its end ends with "…".
    """
    if start > 0:
        if text[start - 1].isalnum():  # inside a word: skip its tail
            while start < end and text[start].isalnum():
                start += 1
        while start < end and not text[start].isalnum():
            start += 1
    if end < len(text):
        if text[end].isalnum():  # the last word is cut off: drop it
            while end > start and text[end - 1].isalnum():
                end -= 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
    parts, at = [], start
    for mark_start, mark_end in sorted(marks):
        mark_start, mark_end = max(mark_start, at), min(mark_end, end)
        if mark_start < mark_end:
            parts += [escape(text[at:mark_start]), "<mark>", escape(text[mark_start:mark_end]), "</mark>"]
            at = mark_end
    parts.append(escape(text[at:end]))
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return mark_safe(lead + "".join(parts) + tail)  # noqa: S308 - every piece of text is escaped


def snippet_from_fragment(fragment, text):
    """The snippet for an Elasticsearch highlight fragment (HTML-escaped, words in <mark>) of `text`."""
    plain, marks = "", []
    for part in re.split(r"(</?mark>)", fragment):
        if part == "<mark>":
            mark_start = len(plain)
        elif part == "</mark>":
            marks.append((mark_start, len(plain)))
        else:
            plain += html.unescape(part)
    at = text.find(plain)
    if at < 0:  # not a piece of the stored text after all: show it as it is
        text, at = plain, 0
    return snippet(text, at, at + len(plain), [(s + at, e + at) for s, e in marks])


def highlight_text(document, q, size=SNIPPET_SIZE):
    """The database's snippet: the first field where a query word occurs, around that word."""
    words = [re.escape(w) for w in q.split() if len(w) > 2]
    pattern = re.compile("|".join(words), re.IGNORECASE) if words else None
    texts = [document[name] for name in SNIPPET_FIELDS if document.get(name)]
    for text in texts:
        match = pattern and pattern.search(text)
        if match:
            start = max(0, match.start() - size // 3)
            marks = [m.span() for m in pattern.finditer(text, start, start + size)]
            return snippet(text, start, start + size, marks)
    return snippet(texts[0], 0, size) if texts else ""


def get_search():
    """Elasticsearch when configured and reachable; otherwise the database fallback."""
    client = index.get_client()
    return ElasticsearchSearch(client) if client is not None else DatabaseSearch()


def run(method, *args):
    """Call `method` on the active search; fall back to the database when Elasticsearch is down.

    Only an outage falls back; while the circuit breaker is open after repeated outages,
    Elasticsearch is not asked at all (see search.breaker). Any other error (Elasticsearch
    refusing a query, say) is a bug and raises, so the visitor gets the error page and the error
    is logged, instead of results from the fallback that hide it.
    Returns (result, search used, degraded).
    """
    search = get_search()
    if not isinstance(search, ElasticsearchSearch):
        return getattr(search, method)(*args), search, False
    try:
        return breaker.call(getattr(search, method), *args), search, False
    except breaker.BreakerOpen:
        logger.debug(
            "Search circuit breaker open; answering from the database"
        )  # one a request: not logged by default
    except index.OUTAGE_ERRORS:
        logger.warning("Elasticsearch unavailable; answering from the database", exc_info=True)
    fallback = DatabaseSearch()
    return getattr(fallback, method)(*args), fallback, True


def related_cases(page):
    """Up to three cases like `page`. The same for every visitor, so kept until the content changes
    (an index write bumps the content version too); asking Elasticsearch for them on every view
    cost a round trip per case page."""
    return remember(f"related-cases:{page.pk}", lambda: run("related", page)[0])


def with_retry(retried, candidates):
    """The retry's full-text matches (scores 0 and up) first, then the similar titles found before
    them (below 0) that the retry did not find, at most SEARCH_FALLBACK_MAX_CANDIDATES in all."""
    found = {(ct.slug, pk) for ct, pk, _score in retried}
    rest = [c for c in candidates if (c[0].slug, c[1]) not in found]
    merged = sorted(retried, key=lambda candidate: candidate[2], reverse=True) + rest
    return merged[: settings.SEARCH_FALLBACK_MAX_CANDIDATES]

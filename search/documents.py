"""The Elasticsearch index: one document per searchable page or definition.

The alias (settings.SEARCH_INDEX_ALIAS) points at a versioned index, so a rebuild
fills a new index and swaps the alias in one step.
"""

from pathlib import Path

from django.conf import settings

from elasticsearch_dsl import Date, Document, Integer, Keyword, SearchAsYouType, Text, analyzer, token_filter


def synonym_set_name():
    return f"{settings.SEARCH_INDEX_ALIAS}-synonyms"


# Parts of Dutch compounds (scripts/make_compound_parts.py), "#" lines are its header.
COMPOUND_PARTS_FILE = Path(__file__).resolve().parent / "data" / "compound_parts.txt"
COMPOUND_PARTS = [
    line for line in COMPOUND_PARTS_FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
]
# Parts shorter than this are mostly noise inside other words ("ring" in "sturing"); the
# script that makes the list keeps no shorter ones either.
COMPOUND_MIN_PART = 4

DUTCH_STOP = token_filter("dutch_stop", "stop", stopwords="_dutch_")
DUTCH_STEMMER = token_filter("dutch_stemmer", "stemmer", language="dutch")


def dutch_compound(extra_words=()):
    """Dutch analysis that also indexes the parts of compounds: "portefeuillesturing" gives
    "portefeuille" and "sturing" too, each stemmed like a query word.

    The word list is inline in the index settings, so it needs no file on the nodes (a hosted
    cluster allows none) and travels with the index. `extra_words` are the glossary's terms,
    added when an index is created. Every listed part is kept, not only the longest at each
    letter: a listed compound ("adviesbureau", or the glossary's "opgavemanager") would otherwise
    be its own longest part and hide the one it starts with. Only words of two parts' length are
    split. The longest part sets the longest sub-word, so no listed part is ever missed.
    """
    words = sorted({*COMPOUND_PARTS, *extra_words})
    parts = token_filter(
        "compound_parts",
        "dictionary_decompounder",
        word_list=words,
        only_longest_match=False,
        min_word_size=2 * COMPOUND_MIN_PART,
        min_subword_size=COMPOUND_MIN_PART,
        max_subword_size=max(len(w) for w in words),
    )
    return analyzer(
        "dutch_compound", tokenizer="standard", filter=["lowercase", "asciifolding", parts, DUTCH_STOP, DUTCH_STEMMER]
    )


def build_analyzers():
    """Dutch analysis: folding, stop words and stemming; synonyms only at search time.

    The synonyms live in an Elasticsearch synonyms set, so editing a definition
    updates them without reindexing.
    """
    synonyms = token_filter("definition_synonyms", "synonym_graph", synonyms_set=synonym_set_name(), updateable=True)
    dutch = analyzer("dutch", tokenizer="standard", filter=["lowercase", "asciifolding", DUTCH_STOP, DUTCH_STEMMER])
    dutch_search = analyzer(
        "dutch_search",
        tokenizer="standard",
        filter=["lowercase", "asciifolding", synonyms, DUTCH_STOP, DUTCH_STEMMER],
    )
    # For "bedoelde je": whole words, only folded, so suggestions are real words.
    plain = analyzer("plain", tokenizer="standard", filter=["lowercase", "asciifolding"])
    return dutch, dutch_search, plain


DUTCH, DUTCH_SEARCH, PLAIN = build_analyzers()
# The mapping's copy, with the listed words only; an index gets the glossary's words on top (index.new_index).
DUTCH_COMPOUND = dutch_compound()


def dutch_text(**kwargs):
    return Text(analyzer=DUTCH, search_analyzer=DUTCH_SEARCH, **kwargs)


def with_parts(**kwargs):
    """Dutch text with a `.parts` sub-field holding the parts of its compounds. Queries are not
    split (the search analyzer is the plain Dutch one), and query the sub-field with a lower
    boost, so the exact word scores higher than the same word inside a compound."""
    parts = Text(analyzer=DUTCH_COMPOUND, search_analyzer=DUTCH_SEARCH)
    return dutch_text(fields={"parts": parts}, **kwargs)


class ContentDocument(Document):
    title = with_parts(copy_to="spelling")
    title_suggest = SearchAsYouType(analyzer=PLAIN)
    # Offsets in the postings let the highlighter skip re-analysing the text.
    summary = with_parts(copy_to="spelling", index_options="offsets")
    body = with_parts(copy_to="spelling", index_options="offsets")
    spelling = Text(analyzer=PLAIN)
    content_type = Keyword()
    perspectives = Keyword()
    perspective_names = dutch_text()
    building_blocks = Keyword()
    organisation_names = dutch_text(fields={"raw": Keyword()})
    # An event's facts, searchable and shown beside its snippet.
    event_type = dutch_text()
    location = dutch_text()
    speaker_names = dutch_text()
    organisation_types = Keyword()
    provinces = Keyword()
    year = Integer()
    date = Date()
    url = Keyword(index=False)

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

"""The Elasticsearch index: one document per searchable page or definition.

The alias (settings.SEARCH_INDEX_ALIAS) points at a versioned index, so a rebuild
fills a new index and swaps the alias in one step.
"""

from django.conf import settings

from elasticsearch_dsl import Date, Document, Integer, Keyword, SearchAsYouType, Text, analyzer, token_filter


def synonym_set_name():
    return f"{settings.SEARCH_INDEX_ALIAS}-synonyms"


def build_analyzers():
    """Dutch analysis: folding, stop words and stemming; synonyms only at search time.

    The synonyms live in an Elasticsearch synonyms set, so editing a definition
    updates them without reindexing.
    """
    dutch_stop = token_filter("dutch_stop", "stop", stopwords="_dutch_")
    dutch_stemmer = token_filter("dutch_stemmer", "stemmer", language="dutch")
    synonyms = token_filter("definition_synonyms", "synonym_graph", synonyms_set=synonym_set_name(), updateable=True)
    dutch = analyzer("dutch", tokenizer="standard", filter=["lowercase", "asciifolding", dutch_stop, dutch_stemmer])
    dutch_search = analyzer(
        "dutch_search",
        tokenizer="standard",
        filter=["lowercase", "asciifolding", synonyms, dutch_stop, dutch_stemmer],
    )
    # For "bedoelde je": whole words, only folded, so suggestions are real words.
    plain = analyzer("plain", tokenizer="standard", filter=["lowercase", "asciifolding"])
    return dutch, dutch_search, plain


DUTCH, DUTCH_SEARCH, PLAIN = build_analyzers()


def dutch_text(**kwargs):
    return Text(analyzer=DUTCH, search_analyzer=DUTCH_SEARCH, **kwargs)


class ContentDocument(Document):
    title = dutch_text(copy_to="spelling")
    title_suggest = SearchAsYouType(analyzer=PLAIN)
    # Offsets in the postings let the highlighter skip re-analysing the text.
    summary = dutch_text(copy_to="spelling", index_options="offsets")
    body = dutch_text(copy_to="spelling", index_options="offsets")
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

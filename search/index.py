"""Keeping the Elasticsearch index in step with the database.

Every write is best effort: the caller's save is already committed and still succeeds.
When Elasticsearch is unreachable that is logged as a warning and `search_index_status --fix`
repairs the index later; when it answers but refuses the write, that is a bug and is logged
as an error.
"""

import functools
import logging
import re
from contextlib import contextmanager
from datetime import UTC, datetime

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

import urllib3
from elastic_transport import Urllib3HttpNode
from elastic_transport.client_utils import DEFAULT  # "not given", as elastic_transport marks it
from elasticsearch import ApiError, ConnectionTimeout, Elasticsearch, NotFoundError
from elasticsearch import ConnectionError as ElasticsearchConnectionError  # not Python's built-in one
from elasticsearch.helpers import BulkIndexError, bulk, scan
from elasticsearch_dsl import Index

from core.caching import purge
from knowledge.models import Definition

from .content import (
    build_context,
    build_document,
    count_searchable,
    document_id,
    is_searchable,
    iter_searchable,
    searchable_ids,
)
from .documents import COMPOUND_MIN_PART, ContentDocument, dutch_compound, synonym_set_name

logger = logging.getLogger(__name__)

# An outage: Elasticsearch cannot be reached or does not answer in time (TLS errors are
# ConnectionErrors). Searches then fall back to the database. Anything else it raises, such as an
# ApiError for a request it rejects, is a bug and is never taken for an outage.
OUTAGE_ERRORS = (ElasticsearchConnectionError, ConnectionTimeout)
# Elasticsearch answered, but refused the request or some documents in a bulk write.
REFUSED_ERRORS = (ApiError, BulkIndexError)


class QuickConnectNode(Urllib3HttpNode):
    """elastic_transport's urllib3 node, giving up on opening a connection sooner than on waiting
    for an answer: a node that is stopped or unreachable is marked dead and the request retried on
    the next one within ELASTICSEARCH_CONNECT_TIMEOUT, while a slow query still gets the full time."""

    def __init__(self, config):
        super().__init__(config)
        self.connect_timeout = settings.ELASTICSEARCH_CONNECT_TIMEOUT

    def perform_request(self, method, target, body=None, headers=None, request_timeout=DEFAULT):
        if request_timeout is not DEFAULT and request_timeout is not None:
            request_timeout = urllib3.Timeout(connect=min(self.connect_timeout, request_timeout), read=request_timeout)
        return super().perform_request(method, target, body=body, headers=headers, request_timeout=request_timeout)


@functools.cache
def cached_client(urls, request_timeout, connect_timeout, max_retries, connections_per_node):
    """One client per process and configuration: its node pool keeps connections open, and
    remembers which nodes are dead so that requests skip them until they are retried."""
    return Elasticsearch(
        list(urls),
        node_class=QuickConnectNode,
        request_timeout=request_timeout,
        connections_per_node=connections_per_node,
        max_retries=max_retries,
        retry_on_timeout=True,
    )


def get_client():
    """The process's client, or None when no ELASTICSEARCH_URL is configured."""
    urls = tuple(url.strip() for url in settings.ELASTICSEARCH_URL.split(",") if url.strip())
    if not urls:
        return None
    return cached_client(
        urls,
        settings.ELASTICSEARCH_TIMEOUT,
        settings.ELASTICSEARCH_CONNECT_TIMEOUT,
        settings.ELASTICSEARCH_MAX_RETRIES,
        settings.ELASTICSEARCH_CONNECTIONS_PER_NODE,
    )


@receiver(setting_changed)
def forget_clients(setting, **kwargs):
    """Tests change the settings: make the next client with the new ones, and drop the old."""
    if setting.startswith("ELASTICSEARCH_"):
        cached_client.cache_clear()


def alias_name():
    return settings.SEARCH_INDEX_ALIAS


def new_index():
    name = f"{alias_name()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    index = Index(name)
    index.document(ContentDocument)
    # The glossary's words split compounds too; a definition added later counts from the next rebuild.
    index.analyzer(dutch_compound(glossary_words()))
    index.settings(number_of_shards=settings.ELASTICSEARCH_SHARDS, number_of_replicas=settings.ELASTICSEARCH_REPLICAS)
    return index


def glossary_words():
    """The definitions' terms and synonyms that are single words, long enough to be a part, in
    lowercase ASCII letters as the compound list is (a word with accents would not match the
    folded text, so it is left out)."""
    words = set()
    for definition in Definition.objects.all():
        for word in [definition.term, *definition.synonym_list]:
            if len(word) >= COMPOUND_MIN_PART and re.fullmatch(r"[a-z]+", word.lower()):
                words.add(word.lower())
    return words


def sync_synonyms(client):
    """Push the definitions' synonyms to the synonyms set the search analyzer reads."""
    rules = []
    for definition in Definition.objects.all():
        words = [definition.term, *definition.synonym_list]
        if len(words) > 1:
            rules.append({"id": f"definition-{definition.pk}", "synonyms": ", ".join(w.lower() for w in words)})
    client.synonyms.put_synonym(id=synonym_set_name(), synonyms_set=rules)


def indexed_names(client):
    """The concrete indices the alias points at."""
    try:
        return list(client.indices.get_alias(name=alias_name()).keys())
    except NotFoundError:
        return []


def bulk_actions(index_names, objects, context, op_type="index"):
    for obj in objects:
        document = build_document(obj, context)
        for name in index_names:
            yield {"_op_type": op_type, "_index": name, "_id": document_id(obj), "_source": document}


def delete_actions(index_names, ids):
    for doc_id in ids:
        for name in index_names:
            yield {"_op_type": "delete", "_index": name, "_id": doc_id}


def rebuild(client, progress=None):
    """Fill a new index, then swap the alias to it in one atomic step and drop the old ones.

    Searches keep hitting the old index until the swap, so there is no gap. Live
    updates meanwhile go to both indices (see `all_indices`), and the rebuild only
    creates documents, so an edit made during the rebuild is never overwritten by
    the older copy the rebuild read, and a page removed meanwhile is removed again
    before the swap. Returns (index name, number of documents).
    """
    sync_synonyms(client)
    index = new_index()
    index.create(using=client)
    context = build_context()
    objects = iter_searchable()
    if progress:
        objects = progress(objects, total=count_searchable())
    bulk(
        client,
        bulk_actions([index._name], objects, context, op_type="create"),
        chunk_size=500,
        refresh=False,
        ignore_status=409,  # already there: written by a live update during the rebuild
    )
    client.indices.refresh(index=index._name)
    # A page unpublished or deleted after the rebuild read it would come back with the swap.
    indexed = {
        hit["_id"] for hit in scan(client, index=index._name, query={"query": {"match_all": {}}}, _source=False)
    }
    gone = indexed - searchable_ids()
    if gone:
        bulk(client, delete_actions([index._name], gone), refresh=True, ignore_status=404)  # 404: removed live
    old = indexed_names(client)
    actions = [{"remove": {"index": name, "alias": alias_name()}} for name in old]
    actions.append({"add": {"index": index._name, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    for name in stale_indices(client, keep=index._name):
        client.indices.delete(index=name)
    return index._name, len(indexed - gone)


def all_indices(client):
    """The alias's indices: the live one and any that a rebuild is filling. Only names made by
    new_index() (the alias, a dash, 20 digits): another alias that starts with ours (`cop` and
    `cop-staging` on one cluster) keeps its indices."""
    ours = re.compile(rf"{re.escape(alias_name())}-\d{{20}}")
    return [
        name for name in client.indices.get(index=f"{alias_name()}-*", ignore_unavailable=True) if ours.fullmatch(name)
    ]


def stale_indices(client, keep):
    return [name for name in all_indices(client) if name != keep]


def ensure_index(client):
    """Create the first index when the alias does not exist yet."""
    if not indexed_names(client):
        sync_synonyms(client)
        index = new_index()
        index.create(using=client)
        client.indices.put_alias(index=index._name, name=alias_name())


@contextmanager
def best_effort(what):
    """Log a failed index write instead of failing the save it follows: a warning for an outage,
    an error (with the traceback) for a write Elasticsearch refused, which is a bug."""
    try:
        yield
    except OUTAGE_ERRORS:
        logger.warning("%s failed: Elasticsearch unreachable; run search_index_status --fix", what, exc_info=True)
    except REFUSED_ERRORS as error:
        logger.exception(
            "%s refused by Elasticsearch (a bug): %s; run search_index_status --fix once fixed",
            what,
            refusal_reasons(error),
        )


def refusal_reasons(error):
    """What Elasticsearch objected to. A bulk error's message is only a count (and its items carry
    whole documents), so for those: the first few documents' id, status and reason."""
    if not isinstance(error, BulkIndexError):
        return error
    return [
        (info.get("_id"), info.get("status"), info.get("error")) for item in error.errors[:5] for info in item.values()
    ]


def write(client, actions):
    """Bulk write. 404s are expected (a document already gone, an index a rebuild just removed);
    any other refused document raises BulkIndexError."""
    bulk(client, actions, refresh=settings.SEARCH_REFRESH_ON_WRITE, ignore_status=404)


def update_objects(objects):
    """Index the searchable ones among `objects` and remove the rest. Never raises for Elasticsearch."""
    client = get_client()
    if client is None:
        return
    objects = list(objects)
    with best_effort(f"Search index update for {len(objects)} objects"):
        ensure_index(client)
        searchable, gone = [], []
        for obj in objects:
            (searchable if is_searchable(obj) else gone).append(obj)
        names = all_indices(client)
        write(
            client,
            [
                *bulk_actions(names, searchable, build_context()),
                *delete_actions(names, (document_id(obj) for obj in gone)),
            ],
        )
    purge()  # pages cached while the index still had the old documents


def remove_ids(ids):
    """Remove documents by id. Never raises for Elasticsearch."""
    client = get_client()
    if client is None:
        return
    with best_effort(f"Search index removal of {ids}"):
        write(client, list(delete_actions(all_indices(client), ids)))
    purge()


def update_synonyms():
    client = get_client()
    if client is None:
        return
    with best_effort("Updating search synonyms"):
        ensure_index(client)
        sync_synonyms(client)


def compare(client):
    """Documents the database expects against those in the index.

    Returns (expected {id: object}, missing ids, extra ids, stale ids) where stale
    documents exist but differ from what the database would write now.
    """
    context = build_context()
    expected = {document_id(obj): obj for obj in iter_searchable()}
    indexed = {}
    if indexed_names(client):
        for hit in scan(client, index=alias_name(), query={"query": {"match_all": {}}}):
            indexed[hit["_id"]] = hit["_source"]
    missing = sorted(set(expected) - set(indexed))
    extra = sorted(set(indexed) - set(expected))
    stale = sorted(
        doc_id
        for doc_id in set(expected) & set(indexed)
        if build_document(expected[doc_id], context) != indexed[doc_id]
    )
    return expected, missing, extra, stale

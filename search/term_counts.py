"""How often each term is searched: counted in Redis, added to the database in batches.

Every search counts, also one the page cache answers. A database write for each would halve how
many cached searches a server can answer, so with Redis as the shared cache a search costs one
round trip: a counter in one hash. The first count after a quiet spell also schedules
`flush_counts` on the task worker, SEARCH_TERMS_FLUSH_SECONDS later, which empties the hash into SearchTermWeek
(the admin's report, which flushes too before it reads). Only terms fit to keep reach the hash
(SearchTermWeek.clean_term: no e-mail addresses or phone numbers). Without Redis (the database
cache), or while it is unreachable, each search is written to the database at once.
"""

import datetime
import logging
import uuid
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

from django_tasks import default_task_backend, task
from redis.exceptions import RedisError, ResponseError

from .models import SearchTermWeek

logger = logging.getLogger(__name__)

# A hash field is "<week>|<searches or empty>|<term>"; the week is the Monday, as an ISO date.
FIELD_SEPARATOR = "|"


def _redis():
    """Redis's own client behind Django's RedisCache (its connection pool and key prefix), or None."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True)


def _keys():
    cache = caches["default"]
    return cache.make_key("search-term-counts"), cache.make_key("search-term-counts:flush-due")


def count(term, found):
    """Count one search for `term`, and one without results unless `found`."""
    term = SearchTermWeek.clean_term(term)
    if term is None:
        return
    week = SearchTermWeek.current_week()
    client = _redis()
    if client is not None:
        try:
            counts_key, flush_key = _keys()
            pipeline = client.pipeline(transaction=False)
            pipeline.hincrby(counts_key, FIELD_SEPARATOR.join([week.isoformat(), "searches", term]), 1)
            if not found:
                pipeline.hincrby(counts_key, FIELD_SEPARATOR.join([week.isoformat(), "empty", term]), 1)
            pipeline.set(flush_key, 1, nx=True, ex=settings.SEARCH_TERMS_FLUSH_SECONDS)
            if pipeline.execute()[-1]:
                schedule_flush()
            return
        except RedisError:
            logger.warning("Redis unreachable: this search is counted in the database directly", exc_info=True)
    SearchTermWeek.add(week, term, searches=1, without_results=0 if found else 1)


def schedule_flush():
    if default_task_backend.supports_defer:
        flush_counts.using(
            run_after=timezone.now() + datetime.timedelta(seconds=settings.SEARCH_TERMS_FLUSH_SECONDS)
        ).enqueue()
    else:  # the immediate backend (tests, and dev without a worker): at once
        flush_counts.enqueue()


def flush():
    """Add the counts collected in Redis to SearchTermWeek; returns how many terms were written."""
    client = _redis()
    if client is None:
        return 0
    counts_key, _flush_key = _keys()
    # Renamed first, so that counts arriving during the flush go into a new hash, not lost.
    taken = f"{counts_key}:flushing:{uuid.uuid4().hex}"
    try:
        client.rename(counts_key, taken)
    except ResponseError:  # no such key: nothing counted since the last flush
        return 0
    fields = client.hgetall(taken)
    client.delete(taken)
    totals = {}
    for field, value in fields.items():
        week, kind, term = field.decode().split(FIELD_SEPARATOR, 2)
        totals.setdefault((datetime.date.fromisoformat(week), term), Counter())[kind] += int(value)
    for (week, term), counted in totals.items():
        SearchTermWeek.add(week, term, searches=counted["searches"], without_results=counted["empty"])
    return len(totals)


@task()
def flush_counts():
    flush()

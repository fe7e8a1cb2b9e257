"""A circuit breaker in front of Elasticsearch's searches.

After ELASTICSEARCH_BREAKER_FAILURES outages in a row (see `index.OUTAGE_ERRORS`) the breaker
opens: for ELASTICSEARCH_BREAKER_SECONDS searches go straight to the database fallback instead of
each waiting for timeouts and retries. Then it is half-open: one search (in all processes) tries
Elasticsearch again; if that answers, the breaker closes, if not it opens for another window.
A refusal (an ApiError) is an answer, so it never opens the breaker: that is a bug, not an outage.

The state lives in the shared Django cache (Redis in production), not in each process: every
worker then stops calling an Elasticsearch that is down after the same few failures, instead of
each of them paying those timeouts first, and after the window only one probe goes out.
Reading it costs one cache round trip per search.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from .index import OUTAGE_ERRORS, REFUSED_ERRORS

logger = logging.getLogger(__name__)

FAILURES_KEY = "search-breaker:failures"
OPEN_KEY = "search-breaker:open"
PROBE_KEY = "search-breaker:probe"


class BreakerOpen(Exception):
    """Elasticsearch was not asked: the breaker is open, or another process is probing it."""


def probe_seconds():
    """How long one probe may take (every try timing out) before another process may probe."""
    return int(settings.ELASTICSEARCH_TIMEOUT * (settings.ELASTICSEARCH_MAX_RETRIES + 1)) + 1


def failures():
    return cache.get(FAILURES_KEY, 0)


def call(function, *args):
    """`function(*args)`, unless the breaker is open; an outage it raises counts toward opening it."""
    state = cache.get_many([FAILURES_KEY, OPEN_KEY])
    failed = state.get(FAILURES_KEY, 0)
    if failed >= settings.ELASTICSEARCH_BREAKER_FAILURES:
        if OPEN_KEY in state or not cache.add(PROBE_KEY, True, timeout=probe_seconds()):
            raise BreakerOpen
        logger.info("Search circuit breaker half-open: trying Elasticsearch again")
    try:
        result = function(*args)
    except OUTAGE_ERRORS:
        record_outage()
        raise
    except REFUSED_ERRORS:
        if failed:
            close()
        raise
    if failed:
        close()
    return result


def record_outage():
    try:
        count = 1 if cache.add(FAILURES_KEY, 1, timeout=None) else cache.incr(FAILURES_KEY)
    except ValueError:  # closed by another process between the two
        count = 1 if cache.add(FAILURES_KEY, 1, timeout=None) else failures()
    if count >= settings.ELASTICSEARCH_BREAKER_FAILURES:
        cache.set(OPEN_KEY, True, timeout=settings.ELASTICSEARCH_BREAKER_SECONDS)
        cache.delete(PROBE_KEY)
        logger.warning(
            "Search circuit breaker open after %s outages in a row: searches use the database for %s s",
            count,
            settings.ELASTICSEARCH_BREAKER_SECONDS,
        )


def close():
    cache.delete_many([FAILURES_KEY, OPEN_KEY, PROBE_KEY])
    logger.info("Search circuit breaker closed: Elasticsearch answers again")

"""Django's own RedisCache, answering as an empty cache while Redis cannot be reached.

Wagtail keeps its site root paths in the default cache and reads them for every page URL, so
with the plain backend a Redis outage would turn every page into a 500. With this one the site
goes on without the cache: reads miss, writes are dropped (a warning is logged), and after a
failure Redis is left alone for RETRY_SECONDS, so an outage does not add a time-out to every
request. incr() still raises: a counter that cannot count has no answer to give.

What must not fail open uses the "locks" cache (plain RedisCache, base.py): the log-in lock.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10

# {server location: monotonic time until which it is not tried}; per process, shared by its threads.
_unreachable_until = {}


class FailOpenRedisCache(RedisCache):
    def _call(self, name, fallback, *args):
        location = tuple(self._servers)
        if time.monotonic() < _unreachable_until.get(location, 0):
            return fallback
        try:
            return getattr(super(), name)(*args)
        except RedisError:
            _unreachable_until[location] = time.monotonic() + RETRY_SECONDS
            logger.warning("Redis unreachable: the site goes without its cache for %s s", RETRY_SECONDS, exc_info=True)
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", [], data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True: callers use add() as a guard against doing something twice; without Redis they go ahead.
        return self._call("add", True, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def clear(self):
        self._call("clear", None)

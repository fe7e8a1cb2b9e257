"""Django's own RedisCache, answering as an empty cache while Redis cannot be reached.

Wagtail keeps its site root paths in the default cache and reads them for every page URL, so
with the plain backend a Redis outage would turn every page into a 500. With this one the site
goes on without the cache: reads miss, writes are dropped (a warning is logged), and after a
failure Redis is left alone for RETRY_SECONDS, so an outage does not add a time-out to every
request. incr() still raises: a counter that cannot count has no answer to give.

What must not fail open uses the "locks" cache (plain RedisCache, base.py): the log-in lock.
"""

import logging
import threading
import time
from collections import OrderedDict

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10

# {server location: monotonic time until which it is not tried}; per process, shared by its threads.
_unreachable_until = {}
_MISSING = object()


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, but one redis.Redis per server instead of a new one per call: building one
    costs more than a cache hit's round trip. A redis.Redis is safe to share between threads."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

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


class LocalFirstCache(BaseCache):
    """The fragments' cache: each process keeps what it has read in memory, before the shared cache.

    Everything stored here has the content version in its key (core.caching), so an entry never
    changes once written: a process may keep its copy until it is pushed out, least recently used
    first, by MAX_ENTRIES newer ones. A page's fragments (menu, footer, facets, section pages) then
    cost no round trip to Redis and no unpickling. The values are shared by a process's threads:
    callers treat them as read-only. The shared cache is the "default" alias, which prefixes the keys.
    """

    def __init__(self, location, params):
        super().__init__(params)
        self._local = OrderedDict()
        self._lock = threading.Lock()

    @property
    def _shared(self):
        return caches["default"]

    def _keep(self, key, value):
        with self._lock:
            self._local[key] = value
            self._local.move_to_end(key)
            while len(self._local) > self._max_entries:
                self._local.popitem(last=False)

    def _local_get(self, key):
        with self._lock:
            value = self._local.get(key, _MISSING)
            if value is not _MISSING:
                self._local.move_to_end(key)
            return value

    def get(self, key, default=None, version=None):
        value = self.get_many([key]).get(key, _MISSING)
        return default if value is _MISSING else value

    def get_many(self, keys, version=None):
        found = {key: self._local_get(key) for key in keys}
        missing = [key for key, value in found.items() if value is _MISSING]
        if missing:
            shared = self._shared.get_many(missing)
            for key, value in shared.items():
                self._keep(key, value)
            found.update(shared)
        return {key: value for key, value in found.items() if value is not _MISSING}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.set_many({key: value}, timeout)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._shared.set_many(data, timeout)
        for key, value in data.items():
            self._keep(key, value)
        return []

    def delete(self, key, version=None):
        with self._lock:
            self._local.pop(key, None)
        return self._shared.delete(key)

    def clear(self):
        """Forget this process's copies; the shared cache is cleared through its own alias."""
        with self._lock:
            self._local.clear()

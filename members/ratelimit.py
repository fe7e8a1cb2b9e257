"""A small sliding-window counter in Django's cache."""

import time

from django.core.cache import cache

WINDOW = 3600


def _key(kind, ident):
    return f"members:rate:{kind}:{ident}"


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def is_limited(request, user_limit, ip_limit):
    now = time.time()
    checks = [("user", request.user.pk, user_limit), ("ip", client_ip(request), ip_limit)]
    for kind, ident, limit in checks:
        stamps = [t for t in cache.get(_key(kind, ident), []) if t > now - WINDOW]
        if len(stamps) >= limit:
            return True
    return False


def record(request):
    now = time.time()
    for kind, ident in [("user", request.user.pk), ("ip", client_ip(request))]:
        key = _key(kind, ident)
        stamps = [t for t in cache.get(key, []) if t > now - WINDOW]
        stamps.append(now)
        cache.set(key, stamps, WINDOW)

"""A small sliding-window counter in the shared cache, per member and per client address."""

import ipaddress
import time

from django.conf import settings
from django.core.cache import caches

WINDOW = 3600


def _key(kind, ident):
    return f"members:rate:{kind}:{ident}"


def client_ip(request):
    """The client's address. Behind NUM_PROXIES proxies, the one the outermost of them saw.

    Each proxy appends the address it received from, so the entries before those are
    whatever the client chose to send and cannot be trusted.
    """
    if settings.NUM_PROXIES:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        # Fewer entries than proxies: the request did not come through them all.
        if len(forwarded) >= settings.NUM_PROXIES:
            candidate = forwarded[-settings.NUM_PROXIES]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")


def is_limited(request, user_limit, ip_limit):
    now = time.time()
    checks = [("user", request.user.pk, user_limit), ("ip", client_ip(request), ip_limit)]
    for kind, ident, limit in checks:
        stamps = [t for t in caches["shared"].get(_key(kind, ident), []) if t > now - WINDOW]
        if len(stamps) >= limit:
            return True
    return False


def record(request):
    now = time.time()
    for kind, ident in [("user", request.user.pk), ("ip", client_ip(request))]:
        key = _key(kind, ident)
        stamps = [t for t in caches["shared"].get(key, []) if t > now - WINDOW]
        stamps.append(now)
        caches["shared"].set(key, stamps, WINDOW)

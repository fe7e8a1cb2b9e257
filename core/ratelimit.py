"""Who is asking, and a small sliding-window counter in the shared cache.

The counter limits case submissions and edits (per member and per client address) and event
registrations (per client address, per event and overall). Log-in failures are
counted by django-axes, with `client_ip` and `login_name` below.

While Redis cannot be reached, these counters fail open (cop_site.cache): nothing is counted
and nobody is refused (a warning is logged). They only curb how much one address sends; refusing
every registration and submission during an outage would hurt everyone instead, and what
keeps the data right (the event's row lock, the honeypot, one registration per address)
does not depend on the cache. So do allauth's sign-up and reset limits. The log-in lock
(django-axes, on the "locks" cache) fails closed with a Dutch 503 (cop_site.middleware).
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


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


def login_name(request, credentials=None):
    """The account a log-in attempt is for, in lower case, so "Anna@X.nl" and "anna@x.nl" share one count.

    The admin's form sends `username`, allauth's sends `login` and authenticates with `email`.
    """
    credentials = credentials or {}
    typed = credentials.get("email") or credentials.get("username")
    if typed is None:
        typed = request.POST.get("login") or request.POST.get("username")
    return typed.strip().lower() if typed else None


def _recent(key, now):
    return [t for t in cache.get(key, []) if t > now - WINDOW]


def over_limit(limits):
    """Whether any of the (counter, limit) pairs has reached its limit in the past hour."""
    now = time.time()
    return any(len(_recent(f"rate:{counter}", now)) >= limit for counter, limit in limits)


def count(counters):
    """Count one use on each counter."""
    now = time.time()
    for counter in counters:
        key = f"rate:{counter}"
        cache.set(key, [*_recent(key, now), now], WINDOW)


def _member_counters(request, action):
    return [f"members:{action}:user:{request.user.pk}", f"members:{action}:ip:{client_ip(request)}"]


def is_limited(request, user_limit, ip_limit, action="submit"):
    """Whether this member, or this client address, has done `action` (submit, edit) too often in the past hour."""
    return over_limit(zip(_member_counters(request, action), [user_limit, ip_limit], strict=True))


def record(request, action="submit"):
    count(_member_counters(request, action))

"""The content version: one number in the shared cache that every cached page and fragment carries.

Whatever changes what visitors see (a publish, unpublish, move or delete, a snippet or a site
setting saved) bumps it, and every cached page and fragment made under the old number is
passed over from then on, on every process and machine at once. Old entries simply expire.
"""

from django.core.cache import cache

CONTENT_VERSION_KEY = "content-version"


def content_version():
    """The current content version (an int), the same on every process that shares the cache."""
    return cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)


def bump_content_version():
    """Make every page and fragment cached so far stale."""
    try:
        return cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(CONTENT_VERSION_KEY, 1, timeout=None)
        return cache.incr(CONTENT_VERSION_KEY)

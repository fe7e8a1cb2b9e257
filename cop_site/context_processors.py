"""Template context for the fragments that templates cache with Django's {% cache %} tag."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from core.caching import content_version


def fragment_cache(request):
    """`fragment_key`: the content version and the request's site, for every cached fragment's key.

    A bump of the content version (any publish, move, snippet or settings change) makes every
    fragment stale at once. Looked up lazily: once per request, and only when a template uses it.
    """

    def key():
        site = Site.find_for_request(request)
        return f"{content_version()}-{site.pk if site else 0}"

    return {"fragment_key": SimpleLazyObject(key), "fragment_timeout": settings.FRAGMENT_CACHE_TIMEOUT}

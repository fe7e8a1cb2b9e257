"""The site's one-of-a-kind section pages (the guide, the case list, the event list), cached.

Many pages link to them ("all cases", "all events"); looking them up cost a query or two each time.
"""

from django.conf import settings
from django.core.cache import cache

from .caching import content_version


def section_page(model, public=False):
    """The first live `model` page (public only, if asked), or None; cached until the content changes."""
    key = f"section:{model._meta.label_lower}:{'public' if public else 'live'}:{content_version()}"
    found = cache.get(key)
    if found is None:
        pages = model.objects.live()
        found = (pages.public() if public else pages).first() or False  # False: "there is none", cached too
        cache.set(key, found, settings.FRAGMENT_CACHE_TIMEOUT)
    return found or None

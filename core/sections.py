"""The site's one-of-a-kind section pages (the guide, the case list, the event list), cached.

Many pages link to them ("all cases", "all events"); looking them up cost a query or two each time.
"""

from .caching import remember


def section_page(model, public=False):
    """The first live `model` page (public only, if asked), or None; cached until the content changes."""

    def first():
        pages = model.objects.live()
        return (pages.public() if public else pages).first()

    return remember(f"section:{model._meta.label_lower}:{'public' if public else 'live'}", first)

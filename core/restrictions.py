"""Page view restrictions (private sections), looked up once per request instead of once per use.

Wagtail reads every restriction for each `.public()` queryset, and reads the served page's
ancestors and restrictions again before serving it: three to five queries per page for a list
that is nearly always empty. `ViewRestrictionsMiddleware` keeps the list for the length of one
request; outside a request every call reads the database, as Wagtail does.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from asgiref.local import Local

from .caching import bump_content_version, remember

_request = Local()


def view_restrictions():
    """Every page view restriction, with its page; read once per request, and once per content
    version outside a transaction (a change bumps the version as soon as it is saved)."""
    restrictions = getattr(_request, "restrictions", None)
    if restrictions is None:
        if connection.in_atomic_block:
            # Inside a transaction the rows may be uncommitted: a rollback must not leave them cached.
            restrictions = read_view_restrictions()
        else:
            restrictions = remember("view-restrictions", read_view_restrictions)
        if getattr(_request, "active", False):
            _request.restrictions = restrictions
    return restrictions


def read_view_restrictions():
    return list(PageViewRestriction.objects.select_related("page"))


class ViewRestrictionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.restrictions = True, None
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.restrictions = False, None


class RestrictedPageQuerySet(PageQuerySet):
    def private_q(self):
        # Wagtail's own, with the request's list of restrictions instead of a query of its own.
        q = Q()
        for restriction in view_restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        return q if q else Q(pk__in=[])


RestrictedPageManager = PageManager.from_queryset(RestrictedPageQuerySet)


class ViewRestrictionsMixin:
    """For page models: no look-up of the page's ancestors when the site has no private section."""

    def get_view_restrictions(self):
        if not view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


@receiver([post_save, post_delete], sender=PageViewRestriction)
def restrictions_changed(**kwargs):
    _request.restrictions = None  # read again if this request asks after the change
    # A section made private or public again changes what visitors see, like a publish does.
    bump_content_version()

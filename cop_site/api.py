"""Wagtail's read API (v2): every page, and the practice cases, events and definitions on their own.

/api/v2/pages/ is Wagtail's. /api/v2/praktijkvoorbeelden/, /api/v2/bijeenkomsten/ and
/api/v2/begrippen/ list one kind each, filterable by perspective (`?invalshoek=<slug>`, repeatable:
items of any of them). Only what a visitor may see: live pages outside private sections, and per
model the fields in its `api_fields` (never an event's meeting link or registrations, never a
case's contact person). Input the API cannot use is a 400 with a Dutch message, never a 500.
Anonymous answers are kept by the page cache (core.page_cache) like any page.
"""

import re

from django.core.exceptions import ValidationError

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.search.query import PlainText

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer

from core.sections import section_page
from events.models import EventPage
from knowledge.models import Definition, GlossaryPage, Perspective, PracticeCasePage

# Far past any listing of this site's pages, and far below PostgreSQL's bigint, where a larger
# OFFSET would fail in the database.
MAX_OFFSET = 1_000_000
PERSPECTIVE_PARAM = "invalshoek"

# Wagtail answers bad input in English; these say the same in Dutch. Anything else gets the
# Dutch opening with Wagtail's own words after it.
DUTCH_MESSAGES = [
    (r"query parameter is not an operation or a recognised field: (.*)", "Onbekende parameter: {0}."),
    (r"unknown fields: (.*)", "Onbekend veld: {0}."),
    (
        r"(offset|limit|child_of|ancestor_of|descendant_of|translation_of) must be a positive integer",
        "{0} moet een positief geheel getal zijn.",
    ),
    (r"limit cannot be higher than (\d+)", "limit mag niet groter zijn dan {0}."),
    (r"field filter error\. '(.*)' is not a valid value for (\w+) \(.*\)", "Ongeldige waarde voor {1}: '{0}'."),
    (r"field filter error\. null characters are not allowed for (\w+)", "{0} mag geen nul-tekens bevatten."),
    (r"type doesn't exist", "Dit paginatype bestaat niet."),
    (r"cannot order by '(.*?)'.*", "Sorteren op '{0}' kan niet."),
    (r"'(.*)' does not support nested fields", "Het veld '{0}' heeft geen onderliggende velden."),
    (r"(?:parent|descendant|ancestor|translation_of) page doesn't exist", "Die pagina bestaat niet."),
]


class DutchBadRequest(BadRequestError):
    """A 400 whose message is Dutch already."""


def in_dutch(message):
    for pattern, dutch in DUTCH_MESSAGES:
        match = re.fullmatch(pattern, message)
        if match:
            return dutch.format(*match.groups())
    return f"Deze aanvraag kan niet worden uitgevoerd: {message}"


class PerspectiveFilter(BaseFilterBackend):
    """`?invalshoek=<slug>`: items of any of the perspectives named; an unknown slug is a 400."""

    def filter_queryset(self, request, queryset, view):
        slugs = [v.strip() for v in request.GET.getlist(PERSPECTIVE_PARAM) if v.strip()]
        if not slugs:
            return queryset
        known = list(Perspective.names())
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise DutchBadRequest(f"Onbekende invalshoek: {', '.join(unknown)}. Kies uit: {', '.join(known)}.")
        return view.of_perspectives(queryset, slugs)


class DutchAPIMixin:
    """JSON only, Dutch 400s, and a perspective filter for the endpoints that have one."""

    # JSON only, also for a browser: the API is for programs, and Django REST framework's browsable
    # HTML page needs inline styles that the Content-Security-Policy does not allow.
    renderer_classes = [JSONRenderer]

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        if params.get("search_operator", PlainText.DEFAULT_OPERATOR).lower() not in PlainText.OPERATORS:
            raise DutchBadRequest("search_operator moet 'and' of 'or' zijn.")
        offset = params.get("offset", "0")
        # isascii: "²".isdigit() is true, but int("²") fails.
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise DutchBadRequest(f"offset mag niet groter zijn dan {MAX_OFFSET}.")
        # A list field (perspectives, building_blocks, related_terms...) is shown by slug but would be
        # filtered or ordered by id: refused, with the filter that does work.
        lists = {field.name for field in queryset.model._meta.get_fields() if field.many_to_many}
        used = (lists & set(params)) | (lists & {params.get("order", "").lstrip("-")})
        if used:
            raise DutchBadRequest(
                f"Filteren of sorteren op {', '.join(sorted(used))} kan niet; gebruik ?{PERSPECTIVE_PARAM}=<slug>."
            )

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:  # a field filter with a value of the wrong kind, such as ?start=morgen
            raise DutchBadRequest(f"Ongeldige filterwaarde: {' '.join(error.messages)}") from error
        except ValueError as error:  # a value the database field cannot take at all
            raise DutchBadRequest("Ongeldige filterwaarde.") from error

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError) and not isinstance(exc, DutchBadRequest):
            exc = DutchBadRequest(in_dutch(str(exc)))
        return super().handle_exception(exc)


def with_related(queryset):
    """The pages with what `?fields=*` shows beside each one, read once per listing instead of once
    per page: the locale, and the many-to-many fields of the model's api_fields."""
    return queryset.select_related("locale").prefetch_related(*LISTED_RELATIONS.get(queryset.model, []))


LISTED_RELATIONS = {
    PracticeCasePage: ["perspectives", "organisations", "building_blocks"],
    EventPage: ["perspectives"],
}


class PublicPagesAPIViewSet(DutchAPIMixin, PagesAPIViewSet):
    """Wagtail's read API for pages, with a 400 for input Wagtail itself would answer with a 500."""

    def get_queryset(self):
        return with_related(super().get_queryset())


class KindOfPageAPIViewSet(PublicPagesAPIViewSet):
    """The live, public pages of one model (`model`), filterable by perspective; no `type` parameter."""

    known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"type"}) | {PERSPECTIVE_PARAM}
    # Before the search, whose results cannot be filtered further.
    filter_backends = [*PagesAPIViewSet.filter_backends[:-1], PerspectiveFilter, SearchFilter]
    ordering = ["pk"]

    def get_queryset(self):
        public = self.get_base_queryset().values_list("pk", flat=True)
        return with_related(self.model.objects.filter(pk__in=public)).order_by(*self.ordering)

    def of_perspectives(self, queryset, slugs):
        # A subquery, so an item with two of the perspectives is listed once.
        return queryset.filter(pk__in=self.model.objects.filter(perspectives__slug__in=slugs).values("pk"))


class CasesAPIViewSet(KindOfPageAPIViewSet):
    model = PracticeCasePage
    name = "praktijkvoorbeelden"
    ordering = ["-first_published_at", "-pk"]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["summary", "year", "perspectives"]


class EventsAPIViewSet(KindOfPageAPIViewSet):
    model = EventPage
    name = "bijeenkomsten"
    ordering = ["start", "pk"]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "event_type",
        "start",
        "end",
        "attendance",
        "perspectives",
    ]


class GlossaryLink(serializers.Field):
    """A definition's address on the site: its anchor on the glossary page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, definition):
        request = self.context["request"]
        glossary = section_page(GlossaryPage, public=True)
        if glossary is None:
            return None
        # Like a page's html_url: from the site's own address, not the request's.
        return f"{glossary.get_full_url(request)}#{definition.slug}"


class DefinitionsAPIViewSet(DutchAPIMixin, BaseAPIViewSet):
    """The glossary's definitions, A–Z; `?invalshoek=` keeps those the perspective's chapter or
    building blocks link to."""

    model = Definition
    name = "begrippen"
    # No search here: the site's search (/zoeken/) finds definitions.
    known_query_parameters = (BaseAPIViewSet.known_query_parameters - {"search", "search_operator"}) | {
        PERSPECTIVE_PARAM
    }
    filter_backends = [FieldsFilter, OrderingFilter, PerspectiveFilter]
    meta_fields = BaseAPIViewSet.meta_fields + [APIField("html_url", serializer=GlossaryLink())]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["term", "slug", "html_url"]

    def get_queryset(self):
        return Definition.objects.prefetch_related("related_terms").order_by("term")

    def of_perspectives(self, queryset, slugs):
        return queryset.filter(pk__in=Definition.used_in_perspectives(slugs).values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
# `pages` first: a page's detail_url stays /api/v2/pages/<id>/, whichever endpoint lists it.
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("praktijkvoorbeelden", CasesAPIViewSet)
api_router.register_endpoint("bijeenkomsten", EventsAPIViewSet)
api_router.register_endpoint("begrippen", DefinitionsAPIViewSet)

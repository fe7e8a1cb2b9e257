"""Filtering a page listing by query-string slugs, with a count per option.

Each facet's counts are computed with every *other* active filter applied, so a
visitor sees how many items each option would give. The number of queries is
fixed: one per facet, plus the page of results and its count.
"""

import hashlib
from dataclasses import dataclass, field
from functools import partial

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .caching import remember

PAGE_SIZE = 12


def is_year(value):
    # isdigit() alone accepts superscripts such as "²⁰²⁴", which int() refuses.
    return value.isascii() and value.isdigit() and len(value) == 4


def parse_page_number(raw):
    """A page number from the query string, or None when it is not a positive whole number."""
    digits = raw.lstrip("0")
    if not (raw.isascii() and raw.isdigit()) or not digits:
        return None
    # Past a billion there are no pages; cap before int() meets a huge string.
    return int(digits) if len(digits) <= 9 else 10**9


def page_missing_message(num_pages):
    return ngettext(
        "Deze pagina bestaat niet. Er is %(count)s pagina.",
        "Deze pagina bestaat niet. Er zijn %(count)s pagina's.",
        num_pages,
    ) % {"count": num_pages}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list = field(default_factory=list)


class FacetFilter:
    """The shared part of a filtered listing; subclasses say which facets exist and which values are valid.

    The listing page owns the vocabulary, `vocabulary(name) -> {slug: label}` (None for a facet
    without a fixed list, such as years), so a filter never reads the models it filters.
    """

    # query-string parameter -> (label, lookup on the queryset)
    FACETS = {}
    # Whether the counts depend on the content alone (not on the clock), so they can be cached.
    CACHE_FACETS = False

    def __init__(self, params, queryset, vocabulary):
        self.params = params
        self.vocabulary = vocabulary
        self.base_queryset = queryset
        self.messages = []
        self.status_code = 200
        self._known_values = {}
        self.selected = {name: self.clean(name) for name in self.FACETS}
        self.queryset = self.apply(queryset)
        self.page = self._paginate()

    @property
    def is_active(self):
        return any(self.selected.values())

    def known_values(self, name):
        """Known values of a facet, as {slug: label}; None for a facet without a fixed list (years).

        Cached until the content changes: they are the same for every visitor.
        """
        if name not in self._known_values:
            values = remember(f"facet-values:{type(self).__name__}:{name}", partial(self.vocabulary, name))
            self._known_values[name] = values
        return self._known_values[name]

    def clean(self, name):
        """The selected values of a facet; adds a message (and maybe a 4xx status) for bad ones."""
        raise NotImplementedError

    def apply(self, queryset, skip=None):
        for name, values in self.selected.items():
            if values and name != skip:
                lookup = self.FACETS[name][1]
                # A subquery, so a many-to-many filter cannot repeat an item.
                matching = self.base_queryset.model.objects.filter(**{f"{lookup}__in": values}).values("pk")
                queryset = queryset.filter(pk__in=matching)
        return queryset

    def _paginate(self):
        paginator = Paginator(self.queryset, PAGE_SIZE)
        number = parse_page_number(self.params.get("page", "1"))
        if number is None:
            self.status_code = 400
            self.messages.append(_("Het paginanummer moet een positief geheel getal zijn."))
            return paginator.page(1)
        try:
            return paginator.page(number)
        except EmptyPage:
            self.status_code = 404
            self.messages.append(page_missing_message(paginator.num_pages))
            return paginator.page(paginator.num_pages)

    def facets(self):
        """The facets with their counts; cached per selection until the content changes, for a
        listing whose counts depend on the content alone (CACHE_FACETS)."""
        if not self.CACHE_FACETS:
            return self.count_facets()
        selection = sorted((name, sorted(values)) for name, values in self.selected.items())
        # The listing's own SQL tells one listing (and its private sections) from another.
        scope = hashlib.sha256(f"{self.base_queryset.query}|{selection}|{self.status_code}".encode()).hexdigest()
        return remember(f"facets:{type(self).__name__}:{scope}", self.count_facets)

    def count_facets(self):
        facets = []
        for name, (label, lookup) in self.FACETS.items():
            matching = self.apply(self.base_queryset, skip=name).order_by().values("pk")
            # Count over a subquery: reusing the filter's join would count only the matching relation rows.
            items = self.base_queryset.model.objects.filter(pk__in=matching).order_by()
            counts = dict(items.values_list(lookup).annotate(n=Count("pk", distinct=True)).values_list(lookup, "n"))
            labels = self.known_values(name)
            if labels is None:  # years: those found, newest first
                labels = {str(y): str(y) for y in sorted((y for y in counts if y), reverse=True)}
                counts = {str(y): n for y, n in counts.items()}
            facet = Facet(param=name, label=label)
            for value, option_label in labels.items():
                count = counts.get(value, 0)
                selected = value in self.selected[name]
                if count or selected:
                    facet.options.append(FacetOption(value, option_label, count, selected))
            facets.append(facet)
        return facets

    def query_string_without(self, name, value):
        params = self.params.copy()
        params.setlist(name, [v for v in params.getlist(name) if v != value])
        params.pop("page", None)
        return params.urlencode()

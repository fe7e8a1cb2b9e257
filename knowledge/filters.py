"""Filtering of the practice case list by query-string slugs, with facet counts.

Each facet's counts are computed with every *other* active filter applied, so a
visitor sees how many cases each option would give. The number of queries is
fixed: one per facet, plus the page of results and its count.
"""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import BuildingBlockPage, Organisation, Perspective

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


class CaseFilter:
    # query-string parameter -> (label, lookup on the case queryset)
    FACETS = {
        "invalshoek": (gettext_lazy("Invalshoek"), "perspectives__slug"),
        "bouwsteen": (gettext_lazy("Bouwsteen"), "building_blocks__slug"),
        "organisatietype": (gettext_lazy("Soort organisatie"), "organisations__type"),
        "provincie": (gettext_lazy("Provincie"), "organisations__province"),
        "jaar": (gettext_lazy("Jaar"), "year"),
    }

    def __init__(self, params, queryset):
        self.params = params
        self.base_queryset = queryset
        self.messages = []
        self.status_code = 200
        self._known_values = {}
        self.selected = {name: self._clean(name) for name in self.FACETS}
        self.queryset = self._apply(queryset)
        self.page = self._paginate()

    @property
    def is_active(self):
        return any(self.selected.values())

    def known_values(self, name):
        """Known values of a facet, as {slug: label}; None for years, which have no fixed list."""
        if name not in self._known_values:
            self._known_values[name] = self._load_known_values(name)
        return self._known_values[name]

    def _load_known_values(self, name):
        if name == "invalshoek":
            return dict(Perspective.objects.values_list("slug", "name"))
        if name == "bouwsteen":
            return dict(BuildingBlockPage.objects.live().values_list("slug", "title"))
        if name == "organisatietype":
            return dict(Organisation.Type.choices)
        if name == "provincie":
            return dict(Organisation.Province.choices)
        return None

    def _clean(self, name):
        values = [v.strip() for v in self.params.getlist(name) if v.strip()]
        if name == "jaar":
            if not all(is_year(v) for v in values):
                self.status_code = 400
                self.messages.append(_("Het jaar moet een getal van vier cijfers zijn, bijvoorbeeld 2024."))
                return []
            return values
        if not values:
            return []
        unknown = [v for v in values if v not in self.known_values(name)]
        if unknown:
            self.messages.append(
                _("Onbekende waarde voor %(facet)s: %(values)s. Er zijn daarom geen voorbeelden gevonden.")
                % {"facet": self.FACETS[name][0].lower(), "values": ", ".join(unknown)}
            )
        return values

    def _apply(self, queryset, skip=None):
        if self.status_code == 400:
            return queryset.none()
        for name, values in self.selected.items():
            if values and name != skip:
                lookup = self.FACETS[name][1]
                queryset = queryset.filter(**{f"{lookup}__in": values})
        # Filtering across many-to-many relations can repeat a case.
        return queryset.distinct() if self.is_active else queryset

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
            self.messages.append(
                _("Deze pagina bestaat niet. Er zijn %(count)s pagina's.") % {"count": paginator.num_pages}
            )
            return paginator.page(paginator.num_pages)

    def facets(self):
        facets = []
        for name, (label, lookup) in self.FACETS.items():
            matching = self._apply(self.base_queryset, skip=name).order_by().values("pk")
            # Count over a subquery: reusing the filter's join would count only the matching relation rows.
            cases = self.base_queryset.model.objects.filter(pk__in=matching).order_by()
            counts = dict(cases.values_list(lookup).annotate(n=Count("pk", distinct=True)).values_list(lookup, "n"))
            labels = self.known_values(name)
            if labels is None:  # years: newest first
                labels = {str(y): str(y) for y in sorted((y for y in counts if y), reverse=True)}
            facet = Facet(param=name, label=label)
            for value, option_label in labels.items():
                count = counts.get(value if name != "jaar" else int(value), 0)
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

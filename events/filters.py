"""Filtering the event lists by perspective and type, with counts per option.

Filter values are slugs (`?invalshoek=leren&type=webinar`). A malformed or
unknown value gives a clear Dutch message and HTTP 400, never a 500. The number
of queries is fixed: one per facet, the page of events and its count, and the
perspectives of the events on the page. An unknown value is left out (the other
filters still apply) and the answer is HTTP 400 with a message saying so.
"""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.filters import Facet, FacetOption, parse_page_number
from knowledge.models import Perspective

from .models import EventPage

PAGE_SIZE = 12


class EventFilter:
    # query-string parameter -> (label, lookup on the event queryset)
    FACETS = {
        "invalshoek": (gettext_lazy("Invalshoek"), "perspectives__slug"),
        "type": (gettext_lazy("Soort bijeenkomst"), "event_type"),
    }

    def __init__(self, params, queryset):
        self.params = params
        self.base_queryset = queryset
        self.messages = []
        self.status_code = 200
        self._known = {}
        self.selected = {name: self._clean(name) for name in self.FACETS}
        self.queryset = self._apply(queryset)
        self.page = self._paginate()

    @property
    def is_active(self):
        return any(self.selected.values())

    def known_values(self, name):
        if name not in self._known:
            if name == "invalshoek":
                self._known[name] = dict(Perspective.objects.values_list("slug", "name"))
            else:
                self._known[name] = dict(EventPage.Type.choices)
        return self._known[name]

    def _clean(self, name):
        values = list(dict.fromkeys(v.strip() for v in self.params.getlist(name) if v.strip()))
        known = self.known_values(name) if values else {}
        unknown = [v for v in values if v not in known]
        if unknown:
            self.status_code = 400
            self.messages.append(
                _("Onbekende waarde voor %(facet)s: %(values)s. Kies een van: %(options)s.")
                % {
                    "facet": self.FACETS[name][0].lower(),
                    "values": ", ".join(v[:50] for v in unknown[:5]),
                    "options": ", ".join(known),
                }
            )
            return [v for v in values if v in known]
        return values

    def _apply(self, queryset, skip=None):
        for name, values in self.selected.items():
            if values and name != skip:
                lookup = self.FACETS[name][1]
                # A subquery, so a many-to-many filter cannot repeat an event.
                matching = EventPage.objects.filter(**{f"{lookup}__in": values}).values("pk")
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
            self.messages.append(
                _("Deze pagina bestaat niet. Er zijn %(count)s pagina's.") % {"count": paginator.num_pages}
            )
            return paginator.page(paginator.num_pages)

    def facets(self):
        facets = []
        for name, (label, lookup) in self.FACETS.items():
            matching = self._apply(self.base_queryset, skip=name).order_by().values("pk")
            events = EventPage.objects.filter(pk__in=matching).order_by()
            counts = dict(events.values_list(lookup).annotate(n=Count("pk", distinct=True)).values_list(lookup, "n"))
            facet = Facet(param=name, label=label)
            for value, option_label in self.known_values(name).items():
                selected = value in self.selected[name]
                count = counts.get(value, 0)
                if count or selected:
                    facet.options.append(FacetOption(value, option_label, count, selected))
            facets.append(facet)
        return facets

    def query_string_without(self, name, value):
        params = self.params.copy()
        params.setlist(name, [v for v in params.getlist(name) if v != value])
        params.pop("page", None)
        return params.urlencode()

"""Filtering the practice case list by perspective, building block, organisation and year.

An unknown slug is not an error: the visitor gets a message and an empty list.
A malformed year is: HTTP 400 with a Dutch message.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import FacetFilter, is_year


class CaseFilter(FacetFilter):
    FACETS = {
        "invalshoek": (gettext_lazy("Invalshoek"), "perspectives__slug"),
        "bouwsteen": (gettext_lazy("Bouwsteen"), "building_blocks__slug"),
        "organisatietype": (gettext_lazy("Soort organisatie"), "organisations__type"),
        "provincie": (gettext_lazy("Provincie"), "organisations__province"),
        "jaar": (gettext_lazy("Jaar"), "year"),
    }
    CACHE_FACETS = True

    def clean(self, name):
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

    def apply(self, queryset, skip=None):
        if self.status_code == 400:
            return queryset.none()
        return super().apply(queryset, skip)

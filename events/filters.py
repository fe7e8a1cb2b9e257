"""Filtering the event lists by perspective and type.

Filter values are slugs (`?invalshoek=leren&type=webinar`). An unknown value is
left out (the other filters still apply) and the answer is HTTP 400 with a Dutch
message saying which values exist.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import FacetFilter


class EventFilter(FacetFilter):
    FACETS = {
        "invalshoek": (gettext_lazy("Invalshoek"), "perspectives__slug"),
        "type": (gettext_lazy("Soort bijeenkomst"), "event_type"),
    }

    def clean(self, name):
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

"""Helpers for listings: perspective accent colours, filter chips and pagination links."""

import re

from django import template

register = template.Library()

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FALLBACK_COLOUR = "#1b3f6b"


def _luminance(hex_colour):
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_colour):
    return 1.05 / (_luminance(hex_colour) + 0.05)


@register.filter
def accent_colour(value):
    """A perspective colour that is safe to use as an accent border.

    Only a #rrggbb value goes into the style attribute, and only when it has at least
    3:1 contrast with the white page (WCAG 1.4.11, non-text contrast). Otherwise the
    site's own colour is used, so an editor's too-light choice cannot make the accent vanish.
    """
    value = (value or "").strip()
    if HEX_COLOUR.match(value) and contrast_with_white(value) >= 3:
        return value
    return FALLBACK_COLOUR


@register.simple_tag
def active_filter_chips(case_filter, facets):
    """One chip per selected filter value: its facet, its label and the query string without it.

    Built from `case_filter.selected`, so a value that is not known (a mistyped slug in the
    address) also gets a chip and can be removed.
    """
    labels = {(facet.param, option.value): option.label for facet in facets for option in facet.options}
    chips = []
    for param, values in case_filter.selected.items():
        facet_label = case_filter.FACETS[param][0]
        for value in values:
            chips.append(
                {
                    "facet": facet_label,
                    "label": labels.get((param, value), value),
                    "query": case_filter.query_string_without(param, value),
                }
            )
    return chips


@register.simple_tag
def page_query(params, number):
    """The query string for page `number`, keeping every other parameter (the filters)."""
    query = params.copy()
    query["page"] = str(number)
    return query.urlencode()


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page_obj):
    request = context["request"]
    paginator = page_obj.paginator
    pages = []
    if paginator.num_pages > 1:
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1):
            if number == paginator.ELLIPSIS:
                pages.append({"ellipsis": True})
            else:
                pages.append(
                    {
                        "number": number,
                        "query": page_query(request.GET, number),
                        "current": number == page_obj.number,
                    }
                )
    return {
        "page_obj": page_obj,
        "pages": pages,
        "previous_query": page_query(request.GET, page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_query": page_query(request.GET, page_obj.next_page_number()) if page_obj.has_next() else "",
    }

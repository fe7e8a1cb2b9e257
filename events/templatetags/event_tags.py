"""Template helpers for events: Dutch dates, and the list of upcoming events for any page."""

from django import template

from core.sections import section_page

from ..formatting import event_day, event_moment, event_when

register = template.Library()


@register.filter
def when(event):
    """An event's period in Dutch: "maandag 7 december 2026, 15.30–16.30 uur"."""
    return event_when(event.start, event.end)


@register.filter
def day(value):
    return event_day(value)


@register.filter
def moment(value):
    """A date and time in Dutch: "dinsdag 8 december 2026, 13.30 uur"."""
    return event_moment(value)


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, perspective=None, limit=3, two_columns=False):
    """The next `limit` events (for one perspective, when given), with a link to all of them.

    A fixed number of queries, however many events there are. Usage:
    ``{% load event_tags %}{% upcoming_events %}`` on the home page, and
    ``{% upcoming_events perspective=page.perspective two_columns=True %}`` on a guide chapter
    (whose main column is narrower). The cards have h3 headings: put the tag under an h2.
    """
    from ..models import EventIndexPage, EventPage

    events = EventPage.objects.upcoming().for_listing()
    if perspective is not None:
        events = events.for_perspective(perspective)
    return {
        "request": context.get("request"),
        "events": list(events[:limit]),
        "event_index": section_page(EventIndexPage, public=True),
        "perspective": perspective,
        "two_columns": two_columns,
    }

"""iCalendar files: one event, the feed of upcoming events, and the personal copy in an e-mail.

Times are written with TZID=Europe/Amsterdam (the project's TIME_ZONE) and a
VTIMEZONE, so calendar apps show the right local time on both sides of a
daylight-saving change. Only the personal copy (sent to a confirmed participant)
may carry the meeting link.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

import icalendar

PRODID = "-//Kennisbank Opgavegericht Werken//Bijeenkomsten//NL"


def uid_for(event):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"bijeenkomst-{event.pk}@{host}"


def full_url(event, request=None):
    return event.get_full_url(request) or ""


def _description(event, url, meeting_url=""):
    lines = [event.intro.strip()]
    if meeting_url:
        lines += ["", f"Deelnemen: {meeting_url}"]
    if url:
        lines += ["", f"Meer informatie: {url}"]
    return "\n".join(lines)


def vevent(event, request=None, meeting_url=""):
    tz = timezone.get_default_timezone()
    url = full_url(event, request)
    component = icalendar.Event()
    component.add("uid", uid_for(event))
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.start.astimezone(tz))
    component.add("dtend", event.end.astimezone(tz))
    component.add("summary", event.title)
    component.add("description", _description(event, url, meeting_url))
    component.add("location", meeting_url if meeting_url else event.location_label)
    component.add("categories", [event.get_event_type_display()])
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    if url:
        component.add("url", url)
    return component


def calendar(events, request=None, name=None, meeting_url=""):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    for event in events:
        cal.add_component(vevent(event, request, meeting_url=meeting_url))
    if events:
        # Only the daylight-saving rules around these events, not every year since 1970.
        first = min(e.start for e in events).date() - timedelta(days=366)
        last = max(e.end for e in events).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def public_event_ics(event, request=None):
    return calendar([event], request)


def personal_event_ics(event, request=None):
    """The copy for a confirmed participant: with the meeting link of an online event."""
    return calendar([event], request, meeting_url=event.meeting_url if event.is_online else "")

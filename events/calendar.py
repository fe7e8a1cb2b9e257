"""iCalendar files: one event, the feed of upcoming events, and the personal copy in an e-mail.

Times are written with TZID=Europe/Amsterdam (the project's TIME_ZONE) and a
VTIMEZONE, so calendar apps show the right local time on both sides of a
daylight-saving change. Only the personal copy (sent to a confirmed participant)
may carry the meeting link. Links and UIDs come from the site's public address
(WAGTAILADMIN_BASE_URL), the same in the feeds as in the e-mails.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

import icalendar

from core.links import page_url

PRODID = "-//Kennisbank Opgavegericht Werken//Bijeenkomsten//NL"


def uid_for(event):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
    return f"bijeenkomst-{event.pk}@{host}"


def _description(event, url, meeting_url=""):
    lines = [event.intro.strip()]
    if meeting_url:
        lines += ["", f"Deelnemen: {meeting_url}"]
    if url:
        lines += ["", f"Meer informatie: {url}"]
    return "\n".join(lines)


def vevent(event, meeting_url="", sequence=0, cancelled=False):
    tz = timezone.get_default_timezone()
    url = page_url(event)
    component = icalendar.Event()
    component.add("uid", uid_for(event))
    component.add("sequence", sequence)
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
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


def calendar(events, name=None, meeting_url="", sequence=0, cancelled=False):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    for event in events:
        cal.add_component(vevent(event, meeting_url=meeting_url, sequence=sequence, cancelled=cancelled))
    if events:
        # Only the daylight-saving rules around these events, not every year since 1970.
        first = min(e.start for e in events).date() - timedelta(days=366)
        last = max(e.end for e in events).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def public_event_ics(event):
    return calendar([event])


def personal_event_ics(event, sequence=0):
    """The copy for a confirmed participant: with the meeting link of an online event.

    `sequence` numbers this person's copies, so a newer one replaces an older one.
    """
    return calendar([event], meeting_url=event.meeting_url if event.is_online else "", sequence=sequence)


def cancelled_event_ics(event, sequence):
    """Takes the appointment out of the calendar of someone who cancelled (same UID, higher SEQUENCE)."""
    return calendar([event], sequence=sequence, cancelled=True)

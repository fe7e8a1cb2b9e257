"""Dutch date and time notation for events: "maandag 7 december 2026, 15.30–16.30 uur"."""

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import override


def _day(value):
    return date_format(value, "l j F Y")


def _time(value):
    return date_format(value, "G.i")


def event_when(start, end):
    """The period in Dutch, in the project's time zone (Europe/Amsterdam)."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    with override("nl"):
        if start.date() == end.date():
            return _("%(day)s, %(start)s–%(end)s uur") % {
                "day": _day(start),
                "start": _time(start),
                "end": _time(end),
            }
        return _("%(start_day)s %(start)s uur tot %(end_day)s %(end)s uur") % {
            "start_day": _day(start),
            "start": _time(start),
            "end_day": _day(end),
            "end": _time(end),
        }


def event_day(value):
    with override("nl"):
        return _day(timezone.localtime(value))


def event_moment(value):
    value = timezone.localtime(value)
    with override("nl"):
        return _("%(day)s, %(time)s uur") % {"day": _day(value), "time": _time(value)}

"""Demo content for the events section, for `manage.py load_demo_content`; the texts are in events/demo/*.toml.

    from events.demo import load_event_demo
    load_event_demo(self.home, progress)   # progress: optional callable taking a step label

Safe to run again: speakers are matched by name, pages by slug under their parent,
registrations by e-mail address per event; a page gets a new revision only when
something changed. Dates are relative to today, so the upcoming events stay upcoming.
Demo registrations are added directly, without sending e-mail.
"""

from collections import Counter
from datetime import datetime, timedelta

from django.utils import timezone

from core.demo.loader import get_all, pdf_document, publish_page, read, rich_text, stream, upsert
from knowledge.models import Perspective

from .models import EventDocument, EventIndexPage, EventPage, EventSpeaker, Registration, Speaker


def booklet_presented(today):
    """The day the booklet was presented to the VGS: Thursday of the week three weeks before the demo was loaded.

    Every date of the story is relative to it or to today, so the demo reads right on any
    day; the texts name no dates of their own.
    """
    return today - timedelta(days=today.weekday() + 21) + timedelta(days=3)


def next_weekday(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def anchor_days(today):
    """The days an event's date in events.toml can count from."""
    return {
        "today": today,
        # The two past events are a week before and after it, so on a Thursday too.
        "booklet_presented": booklet_presented(today),
        "next_tuesday": next_weekday(today + timedelta(days=7), 1),
    }


def moment(when, anchors):
    """{from = day, days = n, time = hh:mm:ss} from events.toml as an aware datetime."""
    if when["from"] not in anchors:
        raise when.error(f"from: onbekende dag '{when['from']}', kies uit {', '.join(anchors)}")
    day = anchors[when["from"]] + timedelta(days=when.get("days", 0))
    return timezone.make_aware(datetime.combine(day, when["time"]))


class EventDemo:
    def __init__(self, home, progress=None):
        self.home = home
        self.progress = progress or (lambda label: None)
        self.pages = Counter()

    def run(self):
        self.progress("sprekers")
        for item in read("events", "speakers.toml")["speakers"]:
            upsert(Speaker, {"name": item["name"]}, {k: v for k, v in item.items() if k != "name"})
        self.progress("bijeenkomsten")
        data = read("events", "events.toml")
        index = data["index"]
        self.index = self.page(
            self.home,
            EventIndexPage,
            {
                "slug": index["slug"],
                "title": index["title"],
                "intro": rich_text(index["intro"]),
                "show_in_menus": True,
            },
        )
        anchors = anchor_days(timezone.localdate())
        for event in data["events"]:
            self.progress(event["slug"])
            self.event(event, anchors)
        return self.pages

    def page(self, parent, model, fields, children=None):
        return publish_page(self.pages, parent, model, {"slug": fields["slug"]}, fields, children)

    def event(self, data, anchors):
        fields = {
            "slug": data["slug"],
            "title": data["title"],
            "event_type": data["event_type"],
            "intro": data["intro"],
            "start": moment(data["start"], anchors),
            "end": moment(data["end"], anchors),
            "attendance": data["attendance"],
            "location_name": data.get("location_name", ""),
            "address": data.get("address", ""),
            "meeting_url": data.get("meeting_url", ""),
            "capacity": data.get("capacity"),
            "registration_opens": moment(data["registration_opens"], anchors)
            if "registration_opens" in data
            else None,
            "recording_url": data.get("recording_url", ""),
            "report": rich_text(data["report"]) if "report" in data else "",
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "perspectives": get_all(Perspective.objects, "slug", data, "perspectives"),
            "body": stream(data.get("body", [])),
        }
        speakers = get_all(Speaker.objects, "name", data, "speakers")
        children = {"speaker_links": [(EventSpeaker, {"speaker": speaker}) for speaker in speakers]}
        if "slides" in data:
            children["slides"] = [(EventDocument, {"document": pdf_document(data["slides"]), "title": ""})]
        page = self.page(self.index, EventPage, fields, children=children)
        self.registrations(page, data.get("registrations", []))

    def registrations(self, event, people):
        """People registered in this order, first come first served: the rest of a full event waits."""
        start = timezone.now().replace(microsecond=0) - timedelta(days=10)
        for position, person in enumerate(people):
            email = person["name"].lower().replace(" ", ".") + "@example.org"
            confirmed = event.capacity is None or position < event.capacity
            queued = start + timedelta(hours=position)
            Registration.objects.get_or_create(
                event=event,
                email=email,
                defaults={
                    "name": person["name"],
                    "organisation": person["organisation"],
                    "role": person["role"],
                    "status": Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
                    "queued_at": queued,
                    "confirmed_at": queued if confirmed else None,
                },
            )


def load_event_demo(home, progress=None):
    """Build the events section under `home`; returns a Counter of pages: nieuw, bijgewerkt, ongewijzigd."""
    return EventDemo(home, progress).run()

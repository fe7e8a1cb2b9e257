"""The public search document of an event (see search/content.py).

Only public facts go in: never the meeting link, never registrations.
"""

from django.utils import timezone

from core.text import plain_text


def event_fields(page, context=None):
    perspectives = list(page.perspectives.all())
    return {
        "summary": page.intro,
        "date": page.start,
        "year": timezone.localtime(page.start).year,  # as the site shows it, in Dutch time
        "perspectives": [p.slug for p in perspectives],
        "perspective_names": [p.name for p in perspectives],
        # Facts of their own, shown beside the snippet rather than glued into it.
        "event_type": page.get_event_type_display(),
        "location": page.location_label,
        "speaker_names": [link.speaker.name for link in page.speaker_links.all()],
    }


def event_body(page):
    """The description: what the snippet of an event is made from."""
    return plain_text(page.body, page.report)

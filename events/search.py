"""The public search document of an event (see search/content.py).

Only public facts go in: never the meeting link, never registrations.
"""

from django.utils import timezone

from cop_site.text import plain_text


def event_fields(page, context=None):
    perspectives = list(page.perspectives.all())
    return {
        "summary": page.intro,
        "date": page.start,
        "year": timezone.localtime(page.start).year,  # as the site shows it, in Dutch time
        "perspectives": [p.slug for p in perspectives],
        "perspective_names": [p.name for p in perspectives],
    }


def event_body(page):
    speakers = [link.speaker for link in page.speaker_links.all()]
    return " ".join(
        part
        for part in [
            page.get_event_type_display(),
            page.location_label,
            *(f"{s.name} {s.organisation}".strip() for s in speakers),
            plain_text(page.body, page.report),
        ]
        if part
    )

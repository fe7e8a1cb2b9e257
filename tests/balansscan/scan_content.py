"""Content for the scan's tests: three statements per perspective, and for "sturen" building blocks,
cases and events whose order on the result page is known.

The answers of ANSWERS score besturen 100, sturen 38, presteren 75 and leren 92 (by hand: sturen
has 1, 4 and "weet ik niet": mean 2.5, (2.5 - 1) / 4 * 100 = 37.5, rounded to even: 38), so
sturen is the one weak perspective.
"""

from datetime import timedelta

from django.utils import timezone

from balansscan.models import Statement
from events.factories import EventIndexPageFactory, EventPageFactory
from knowledge.factories import BuildingBlockPageFactory, PracticeCasePageFactory
from knowledge.models import Perspective

# Per perspective, the answers to its three statements in order ("weet-niet" for "weet ik niet").
ANSWERS = {
    "besturen": ["5", "5", "5"],
    "sturen": ["4", "1", "weet-niet"],
    "presteren": ["4", "4", "4"],
    "leren": ["5", "4", "5"],
}
SCORES = {"besturen": 100, "sturen": 38, "presteren": 75, "leren": 92}


def build(guide, case_index):
    chapters = {c.specific.perspective.slug: c.specific for c in guide.get_children()}
    sturen = chapters["sturen"]
    blocks = {
        name: BuildingBlockPageFactory(parent=sturen, title=title, slug=name, summary=f"Over {title.lower()}.")
        for name, title in [
            ("portefeuille", "Sturen op de portefeuille"),
            ("rol", "De rol van de opgavemanager"),
            ("ruimte", "Bewegingsruimte afspreken"),
            ("extra", "Een bouwsteen zonder stelling"),
        ]
    }
    # sturen's statements point at portefeuille (answered 4), rol (1) and ruimte ("weet ik niet"):
    # the result lists rol, portefeuille, ruimte, then the chapter's other block.
    linked = {"sturen": [blocks["portefeuille"], blocks["rol"], blocks["ruimte"]]}
    statements = {}
    for perspective in Perspective.objects.all():
        statements[perspective.slug] = [
            Statement.objects.create(
                perspective=perspective,
                text=f"Stelling {number} over {perspective.slug}.",
                building_block=linked.get(perspective.slug, [None] * 3)[number - 1],
                sort_order=number,
            )
            for number in (1, 2, 3)
        ]
    now = timezone.now()
    cases = {
        "nieuwst": PracticeCasePageFactory(
            parent=case_index, title="Nieuwste zonder bouwsteen", perspectives=["sturen"], first_published_at=now
        ),
        "twee": PracticeCasePageFactory(
            parent=case_index,
            title="Past bij twee bouwstenen",
            perspectives=["sturen"],
            building_blocks=[blocks["rol"], blocks["portefeuille"]],
            first_published_at=now - timedelta(days=300),
        ),
        "een": PracticeCasePageFactory(
            parent=case_index,
            title="Past bij een bouwsteen",
            perspectives=["sturen", "leren"],
            building_blocks=[blocks["ruimte"]],
            first_published_at=now - timedelta(days=200),
        ),
        "oud": PracticeCasePageFactory(
            parent=case_index,
            title="Oud zonder bouwsteen",
            perspectives=["sturen"],
            first_published_at=now - timedelta(days=400),
        ),
        "concept": PracticeCasePageFactory(
            parent=case_index,
            title="Concept dat overal bij past",
            perspectives=["sturen"],
            building_blocks=list(blocks.values()),
        ),
        "besturen": PracticeCasePageFactory(parent=case_index, title="Over besturen", perspectives=["besturen"]),
    }
    cases["concept"].unpublish()
    event_index = EventIndexPageFactory(parent=guide.get_parent())
    events = [
        EventPageFactory(
            parent=event_index,
            title=f"Bijeenkomst over sturen {days}",
            start=now + timedelta(days=days),
            end=now + timedelta(days=days, hours=2),
            perspectives=["sturen"],
        )
        for days in (40, 10, 30, 20)
    ]
    past = EventPageFactory(
        parent=event_index,
        title="Voorbij over sturen",
        start=now - timedelta(days=5),
        end=now - timedelta(days=5) + timedelta(hours=2),
        perspectives=["sturen"],
    )
    EventPageFactory(parent=event_index, title="Over leren", perspectives=["leren"])
    return {"blocks": blocks, "statements": statements, "cases": cases, "events": events, "past_event": past}


def answers_for(statements):
    """{statement pk: 1..5 or None} for ANSWERS."""
    return {
        statement.pk: None if choice == "weet-niet" else int(choice)
        for slug, group in statements.items()
        for statement, choice in zip(group, ANSWERS[slug], strict=True)
    }

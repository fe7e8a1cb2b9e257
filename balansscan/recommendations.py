"""What the result page recommends for a weak perspective: building blocks, practice cases and events.

Building blocks: first those linked to the perspective's statements, the lowest-scoring statement
first ("weet ik niet" after every scored answer), then the chapter's other blocks in the guide's
order. Cases: live and public ones of the perspective, those applying the most recommended blocks
first, then the newest; at most CASES_SHOWN. Events: the next upcoming ones of the perspective.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from events.models import EventPage
from knowledge.models import BuildingBlockPage, GuideChapterPage, PracticeCasePage

CASES_SHOWN = 3
EVENTS_SHOWN = 3


@dataclass
class Recommendation:
    perspective: object
    score: int | None
    building_blocks: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    events: list = field(default_factory=list)


def block_order(statements, answers):
    """The pks of the blocks linked to `statements`, lowest answer first, unanswered last, each once."""

    def key(statement):
        value = answers.get(str(statement.pk))
        return (value is None, value or 0, statement.sort_order or 0, statement.pk)

    ordered = sorted((s for s in statements if s.building_block_id), key=key)
    return list(dict.fromkeys(s.building_block_id for s in ordered))


def building_blocks(perspective, statements, answers):
    linked = block_order(statements, answers)
    chapter = GuideChapterPage.objects.live().public().filter(perspective=perspective).first()
    others = BuildingBlockPage.objects.none()
    if chapter is not None:
        others = BuildingBlockPage.objects.child_of(chapter)
    candidates = BuildingBlockPage.objects.live().public().filter(Q(pk__in=linked) | Q(pk__in=others.values("pk")))
    by_pk = {block.pk: block for block in candidates.order_by("path")}
    first = [by_pk.pop(pk) for pk in linked if pk in by_pk]
    return first + list(by_pk.values())


def cases(perspective, blocks):
    return list(
        PracticeCasePage.objects.live()
        .public()
        .filter(perspectives=perspective)
        .annotate(
            matches=Count("building_blocks", filter=Q(building_blocks__in=[b.pk for b in blocks]), distinct=True)
        )
        .order_by("-matches", "-first_published_at", "-pk")[:CASES_SHOWN]
    )


def events(perspective):
    return list(EventPage.objects.upcoming().for_perspective(perspective)[:EVENTS_SHOWN])


def recommend(scan, statements, weak_perspectives):
    """A Recommendation per weak perspective, in the perspectives' order."""
    result = []
    for perspective in weak_perspectives:
        own = [s for s in statements if s.perspective_id == perspective.pk]
        blocks = building_blocks(perspective, own, scan.answers)
        result.append(
            Recommendation(
                perspective=perspective,
                score=scan.scores.get(perspective.slug),
                building_blocks=blocks,
                cases=cases(perspective, blocks),
                events=events(perspective),
            )
        )
    return result

"""The scan's arithmetic, without the database: answers to scores, the weakest perspectives, a team's summary.

An answer is 1 ("helemaal niet") to 5 ("helemaal wel"), or None for "weet ik niet", which does
not count. A perspective's score is the mean of its counted answers on a 0-100 scale:
(mean - 1) / 4 * 100, rounded; with no counted answer it has no score (None).
"""

from dataclasses import dataclass
from statistics import mean, pstdev

from django.utils.translation import gettext_lazy as _

SCALE = [
    (1, _("Helemaal niet")),
    (2, _("Nauwelijks")),
    (3, _("Deels")),
    (4, _("Grotendeels")),
    (5, _("Helemaal wel")),
]
DONT_KNOW = "weet-niet"
ANSWER_VALUES = {value for value, _label in SCALE}
# A perspective within this many points of the lowest score is named as weak too.
WEAK_MARGIN = 5
# A team's result is shown only from this many answers on, so no single answer can be read from it.
TEAM_MINIMUM = 3
# A benchmark group is shown only from this many scans on.
BENCHMARK_MINIMUM = 5


def to_score(values):
    """The 0-100 score of a perspective's answers (None = "weet ik niet", left out); None if none count."""
    counted = [value for value in values if value is not None]
    if not counted:
        return None
    return round((mean(counted) - 1) / 4 * 100)


def scores(answers, statements):
    """{perspective slug: score} for `answers` ({statement id: 1..5 or None}) to `statements`
    (objects with `pk` and `perspective.slug`), in the order the perspectives first appear."""
    grouped = {}
    for statement in statements:
        grouped.setdefault(statement.perspective.slug, []).append(answers.get(statement.pk))
    return {slug: to_score(values) for slug, values in grouped.items()}


def weakest(perspective_scores):
    """The slugs of the weakest perspectives: the lowest score and any within WEAK_MARGIN of it.

    Empty when fewer than two perspectives have a score, or when all are within the margin
    (then the organisation is in balance).
    """
    scored = {slug: score for slug, score in perspective_scores.items() if score is not None}
    if len(scored) < 2:
        return []
    lowest, highest = min(scored.values()), max(scored.values())
    if highest - lowest <= WEAK_MARGIN:
        return []
    return [slug for slug, score in scored.items() if score - lowest <= WEAK_MARGIN]


@dataclass
class TeamFigure:
    """A team's result for one perspective: the mean of its members' scores and their spread."""

    average: int | None
    lowest: int | None
    highest: int | None
    spread: float | None  # population standard deviation, in points
    answered: int


def team_summary(member_scores):
    """{slug: TeamFigure} over the members' score dicts, or None below TEAM_MINIMUM members.

    A perspective that fewer than TEAM_MINIMUM members could score (the rest answered "weet ik
    niet") gets no figures either, or one member's score could be read from it.
    """
    if len(member_scores) < TEAM_MINIMUM:
        return None
    slugs = list(dict.fromkeys(slug for scores_ in member_scores for slug in scores_))
    summary = {}
    for slug in slugs:
        values = [s[slug] for s in member_scores if s.get(slug) is not None]
        if len(values) < TEAM_MINIMUM:
            summary[slug] = TeamFigure(None, None, None, None, len(values))
            continue
        summary[slug] = TeamFigure(
            average=round(mean(values)),
            lowest=min(values),
            highest=max(values),
            spread=round(pstdev(values), 1),
            answered=len(values),
        )
    return summary

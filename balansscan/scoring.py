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
# A team's average is shown rounded to this many points, and its spread only as a level: with a
# handful of colleagues, exact figures (or the lowest and highest score) would give away answers.
TEAM_AVERAGE_STEP = 5
SPREAD_LEVELS = [(10, _("klein")), (20, _("matig"))]  # standard deviation under 10 points, under 20
SPREAD_WIDE = _("groot")


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
    """A team's result for one perspective: its members' mean score (rounded to TEAM_AVERAGE_STEP)
    and how far their scores lie apart (a level: klein, matig or groot)."""

    average: int | None
    spread: str | None
    answered: int


def spread_level(deviation):
    """The level of a spread given as a standard deviation in points."""
    return next((str(label) for limit, label in SPREAD_LEVELS if deviation < limit), str(SPREAD_WIDE))


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
            summary[slug] = TeamFigure(None, None, len(values))
            continue
        summary[slug] = TeamFigure(
            average=round(mean(values) / TEAM_AVERAGE_STEP) * TEAM_AVERAGE_STEP,
            spread=spread_level(pstdev(values)),
            answered=len(values),
        )
    return summary

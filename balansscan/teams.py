"""Team scans: starting one, finding it by its code, closing it, and the team's result.

A team's result never shows one person's scan: it holds only counts and, from TEAM_MINIMUM
answers on (per perspective too), the figures of scoring.team_summary. Codes are read aloud and
typed, so they are normalised (case, spaces, dashes) before they are looked up. The starter's key
is compared in constant time, and a wrong key looks the same as an unknown code.
"""

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.models import Perspective

from . import scoring
from .models import TEAM_CODE_ALPHABET, TEAM_CODE_LENGTH, Team


class TeamUnknown(Exception):
    message = _("Deze teamcode kennen we niet. Controleer de code die je van je collega kreeg.")
    status_code = 404


class TeamClosed(Exception):
    message = _("Deze teamscan is gesloten. Je kunt er geen antwoorden meer aan toevoegen.")
    status_code = 410


def normalize_code(code):
    """The code as stored: upper case, without the spaces and dashes people type; "" when it cannot be one."""
    cleaned = "".join(str(code or "").split()).replace("-", "").upper()
    if len(cleaned) != TEAM_CODE_LENGTH or any(char not in TEAM_CODE_ALPHABET for char in cleaned):
        return ""
    return cleaned


def start_team():
    """A new, open team scan with a code no other team has."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Team.objects.create()
        except IntegrityError:  # the code was taken: one in 31^8, so try again
            continue
    raise RuntimeError("No free team code after five attempts")


def find_team(code):
    """The team with this code (any case or spacing), or TeamUnknown."""
    normalized = normalize_code(code)
    team = Team.objects.filter(code=normalized).first() if normalized else None
    if team is None:
        raise TeamUnknown
    return team


def open_team(code):
    """The team a new scan with this code belongs to; TeamUnknown or TeamClosed when it cannot take one."""
    team = find_team(code)
    if team.is_closed:
        raise TeamClosed
    return team


def team_for_starter(code, key):
    """The team when `key` is its starter's key; TeamUnknown otherwise, whether or not the code exists."""
    team = find_team(code)
    if not secrets.compare_digest(str(key).encode(), team.starter_key.encode()):
        raise TeamUnknown
    return team


def close_team(team):
    """Close the team scan (once): from now on open_team refuses its code."""
    if team.closed_at is None:
        team.closed_at = timezone.now()
        team.save(update_fields=["closed_at"])
    return team


@dataclass
class TeamRow:
    """One perspective in a team's result: its figure (None when too few could score it)."""

    perspective: Perspective
    figure: scoring.TeamFigure | None

    @property
    def shown(self):
        return self.figure is not None and self.figure.average is not None


@dataclass
class TeamResult:
    answered: int
    rows: list  # of TeamRow, in the perspectives' order; empty below the minimum
    weakest: list  # of Perspective

    @property
    def needed(self):
        return max(scoring.TEAM_MINIMUM - self.answered, 0)

    @property
    def complete(self):
        return self.needed == 0


def team_result(team):
    """The team's result: how many answered and, from TEAM_MINIMUM on, the figures per perspective."""
    member_scores = list(team.scans.values_list("scores", flat=True))
    summary = scoring.team_summary(member_scores)
    if summary is None:
        return TeamResult(answered=len(member_scores), rows=[], weakest=[])
    perspectives = list(Perspective.objects.all())
    rows = [TeamRow(perspective, summary.get(perspective.slug)) for perspective in perspectives]
    averages = {row.perspective.slug: row.figure.average for row in rows if row.shown}
    weak = set(scoring.weakest(averages))
    return TeamResult(answered=len(member_scores), rows=rows, weakest=[p for p in perspectives if p.slug in weak])

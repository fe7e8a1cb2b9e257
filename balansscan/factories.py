"""Factories for tests and demos: statements, team scans and completed scans.

A ScanFactory's scores are computed from its answers with scoring.scores over the statements in
the database, unless the test gives the scores themselves.
"""

import factory
from factory.django import DjangoModelFactory

from knowledge.models import Perspective

from . import scoring
from .models import Scan, Statement, Team


class StatementFactory(DjangoModelFactory):
    perspective = factory.LazyFunction(lambda: Perspective.objects.order_by("sort_order").first())
    text = factory.Sequence(lambda n: f"Stelling {n}: we weten waar we samen aan werken.")

    class Meta:
        model = Statement


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team


class ScanFactory(DjangoModelFactory):
    answers = factory.LazyFunction(dict)
    scores = factory.LazyAttribute(
        lambda scan: scoring.scores(scan.answers, Statement.objects.select_related("perspective"))
    )

    class Meta:
        model = Scan


def perspective_scores(besturen, sturen, presteren, leren):
    """A scan's scores dict in the perspectives' order, for tests that give the scores themselves."""
    return {"besturen": besturen, "sturen": sturen, "presteren": presteren, "leren": leren}

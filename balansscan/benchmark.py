"""The benchmark: the average score per perspective over the scans whose makers opted in.

Only scans with in_benchmark=True count, optionally only those of one organisation type. A
perspective gets an average only when at least BENCHMARK_MINIMUM of those scans have a score for
it, so no small group can be traced back; otherwise it is None. The figures are kept in the
fragments' cache until the content changes or BALANSSCAN_BENCHMARK_SECONDS pass, whichever is first.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, FloatField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from core.caching import remember
from knowledge.models import Organisation, Perspective

from .models import Scan
from .scoring import BENCHMARK_MINIMUM


@dataclass(frozen=True)
class Group:
    """One perspective's benchmark: the average (None below the minimum) and how many scans it is over."""

    average: int | None
    count: int


def _score(slug):
    return Cast(KeyTextTransform(slug, "scores"), FloatField())


def compute(organisation_type=None):
    """{perspective slug: Group}, straight from the database (one query)."""
    scans = Scan.objects.filter(in_benchmark=True)
    if organisation_type:
        scans = scans.filter(organisation_type=organisation_type)
    slugs = list(Perspective.objects.values_list("slug", flat=True))
    aggregates = {}
    for index, slug in enumerate(slugs):
        # Count and Avg skip the scans without a score for this perspective (a JSON null).
        aggregates[f"n{index}"] = Count(_score(slug))
        aggregates[f"a{index}"] = Avg(_score(slug))
    figures = scans.aggregate(**aggregates) if slugs else {}
    groups = {}
    for index, slug in enumerate(slugs):
        count, average = figures[f"n{index}"], figures[f"a{index}"]
        shown = count >= BENCHMARK_MINIMUM and average is not None
        groups[slug] = Group(average=round(average) if shown else None, count=count)
    return groups


def benchmark_groups(organisation_type=None):
    """{perspective slug: Group} for all opted-in scans, or those of one organisation type; cached."""
    if organisation_type and organisation_type not in Organisation.Type.values:
        organisation_type = None
    period = int(time.time() // max(settings.BALANSSCAN_BENCHMARK_SECONDS, 1))
    return remember(f"balansscan-benchmark:{organisation_type or 'alle'}:{period}", lambda: compute(organisation_type))


def benchmark(organisation_type=None):
    """{perspective slug: average score}, None where fewer than BENCHMARK_MINIMUM scans have a score."""
    return {slug: group.average for slug, group in benchmark_groups(organisation_type).items()}

"""`{% scan_benchmark scan %}`: a scan's scores beside the benchmark of its organisation type (or of all)."""

from django import template

from knowledge.models import Organisation, Perspective

from ..benchmark import benchmark_groups
from ..scoring import BENCHMARK_MINIMUM

register = template.Library()


@register.inclusion_tag("balansscan/includes/benchmark.html")
def scan_benchmark(scan):
    organisation_type = scan.organisation_type or None
    groups = benchmark_groups(organisation_type)
    rows = [
        {"perspective": perspective, "own": scan.scores.get(perspective.slug), "group": groups.get(perspective.slug)}
        for perspective in Perspective.objects.all()
    ]
    return {
        "rows": rows,
        "group_label": Organisation.Type(organisation_type).label if organisation_type else None,
        "minimum": BENCHMARK_MINIMUM,
        "comparable": any(row["group"] and row["group"].average is not None for row in rows),
    }

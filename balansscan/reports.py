"""The editors' overview of the Balansscan: per ISO week how many scans were completed, how many of
them in a team scan, and the average score per perspective; on screen and as Excel or CSV, with
the same figures.

It adds up; it never lists a scan, let alone its answers. A week's average for a perspective is
left empty when fewer than TEAM_MINIMUM scans of that week have a score for it, so one person's
score cannot be read from a quiet week either.
"""

from django.db.models import Avg, Count, DateField, FloatField, IntegerField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Round, TruncWeek
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import ModelPermissionPolicy

from core.spreadsheets import SpreadsheetExportButtonsMixin
from knowledge.models import Perspective
from search.wagtail_hooks import PeriodFilterSet

from .models import Scan
from .scoring import TEAM_MINIMUM


def _score(slug):
    return Cast(KeyTextTransform(slug, "scores"), FloatField())


class ScanPeriodFilterSet(PeriodFilterSet):
    """The search terms' period of whole weeks ("van", "tot en met"), on the scans' weeks."""

    class Meta:
        model = Scan
        fields = []


class ScanOverviewView(SpreadsheetExportButtonsMixin, ReportView):
    page_title = _("Balansscan: overzicht per week")
    header_icon = "table"
    index_url_name = "balansscan_overview"
    index_results_url_name = "balansscan_overview_results"
    permission_policy = ModelPermissionPolicy(Scan)
    permission_required = "view"
    filterset_class = ScanPeriodFilterSet
    export_filename = "balansscan-per-week"
    paginate_by = 52

    @cached_property
    def perspectives(self):
        return list(Perspective.objects.all())

    @cached_property
    def export_headings(self):
        headings = {
            "week_label": _("Week"),
            "monday": _("Vanaf"),
            "scans": _("Scans"),
            "in_teams": _("In een teamscan"),
        }
        for index, perspective in enumerate(self.perspectives):
            # The slug is the perspective's short name (besturen, sturen, ...): the columns stay narrow.
            headings[f"average_{index}"] = _("%(perspective)s (gem.)") % {"perspective": perspective.slug.capitalize()}
        return headings

    @cached_property
    def list_export(self):
        return list(self.export_headings)

    @cached_property
    def columns(self):
        return [Column(field, label=label) for field, label in self.export_headings.items()]

    def get_queryset(self):
        aggregates = {}
        for index, perspective in enumerate(self.perspectives):
            aggregates[f"scored_{index}"] = Count(_score(perspective.slug))
            aggregates[f"average_{index}"] = Cast(Round(Avg(_score(perspective.slug))), IntegerField())
        return (
            Scan.objects.annotate(week=TruncWeek("created_at", output_field=DateField()))  # Monday, local time
            .order_by()
            .values("week")
            .annotate(scans=Count("pk"), in_teams=Count("team"), **aggregates)
            .order_by("-week")
        )

    def get_filtered_queryset(self):
        # Rows (dicts), worked out once, so the screen and both exports show the same figures.
        rows = []
        for row in self.filter_queryset(self.get_queryset()):
            year, week, _day = row["week"].isocalendar()
            row = {**row, "week_label": f"{year}-W{week:02d}", "monday": row["week"]}
            for index in range(len(self.perspectives)):
                if row[f"scored_{index}"] < TEAM_MINIMUM:
                    row[f"average_{index}"] = None
            rows.append(row)
        return rows

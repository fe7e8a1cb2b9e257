import datetime

from django.db.models import Count, Sum
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, HeaderButton
from wagtail.permissions import policy_registry, register_permission_policy

import django_filters

from core.spreadsheets import SpreadsheetExportButtonsMixin
from knowledge.permissions import RestrictedPermissionPolicy

from . import term_counts
from .models import SearchTermWeek

# Counts are written by the search page only; editors read them.
register_permission_policy(
    SearchTermWeek, RestrictedPermissionPolicy(SearchTermWeek, forbidden={"add", "change", "delete"})
)


class PeriodFilterSet(WagtailFilterSet):
    """A period of whole weeks: "van" counts the week the chosen day falls in, "tot en met" up to that day."""

    van = django_filters.DateFilter(label=_("Van week"), method="from_week", widget=AdminDateInput)
    tot = django_filters.DateFilter(
        label=_("Tot en met week"), field_name="week", lookup_expr="lte", widget=AdminDateInput
    )

    def from_week(self, queryset, name, value):
        return queryset.filter(week__gte=value - datetime.timedelta(days=value.weekday()))

    class Meta:
        model = SearchTermWeek
        fields = []


class SearchTermWeekFilterSet(PeriodFilterSet):
    class Meta:
        model = SearchTermWeek
        fields = {"week": ["exact"], "without_results": ["gte"]}


def totals_url(request):
    """The totals for the period chosen on the weekly listing."""
    period = {key: request.GET[key] for key in ("van", "tot") if request.GET.get(key)}
    return reverse("zoektermen:totals") + (f"?{urlencode(period)}" if period else "")


class FreshCountsMixin:
    """The counts still collected in Redis are written first, so the report is up to the minute."""

    def get(self, request, *args, **kwargs):
        term_counts.flush()
        return super().get(request, *args, **kwargs)


class SearchTermWeekIndexView(FreshCountsMixin, SpreadsheetExportButtonsMixin, IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Totalen per zoekterm"), url=totals_url(self.request), icon_name="table", priority=70),
        ]


class SearchTermTotalsView(FreshCountsMixin, SpreadsheetExportButtonsMixin, ReportView):
    """Per term, how often it was searched (and found nothing) over the chosen weeks; exportable."""

    page_title = _("Zoektermen: totalen over een periode")
    verbose_name_plural = _("zoektermen")
    header_icon = "search"
    index_url_name = "zoektermen:totals"
    index_results_url_name = "zoektermen:totals_results"
    filterset_class = PeriodFilterSet
    permission_required = "view"
    export_filename = "zoektermen-totalen"
    list_export = ["term", "searches", "without_results", "weeks"]
    export_headings = {
        "term": _("Zoekterm"),
        "searches": _("Keer gezocht"),
        "without_results": _("Keer zonder resultaat"),
        "weeks": _("Aantal weken"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(SearchTermWeek)

    @cached_property
    def columns(self):
        return [Column(field, label=label) for field, label in self.export_headings.items()]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("zoektermen:index"), "label": _("Zoektermen per week")},
            {"url": "", "label": _("Totalen")},
        ]

    def get_queryset(self):
        return SearchTermWeek.objects.all()

    def get_filtered_queryset(self):
        # Choose the weeks first, then add them up per term.
        return (
            self.filter_queryset(self.get_queryset())
            .order_by()
            .values("term")
            .annotate(searches=Sum("searches"), without_results=Sum("without_results"), weeks=Count("week"))
            .order_by("-searches", "term")
        )


class SearchTermWeekViewSet(ModelViewSet):
    model = SearchTermWeek
    icon = "search"
    menu_label = _("Zoektermen")
    add_to_admin_menu = True
    menu_order = 900
    index_view_class = SearchTermWeekIndexView
    list_display = ["term", "week", "searches", "without_results"]
    filterset_class = SearchTermWeekFilterSet
    list_export = ["week", "term", "searches", "without_results"]
    search_fields = ["term"]
    ordering = ["-week", "-searches", "term"]
    form_fields = ["term"]  # required by ModelViewSet; the policy forbids add and edit
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("totalen/", SearchTermTotalsView.as_view(), name="totals"),
            path("totalen/results/", SearchTermTotalsView.as_view(results_only=True), name="totals_results"),
        ]


@hooks.register("register_admin_viewset")
def register_search_term_viewset():
    return SearchTermWeekViewSet("zoektermen")

"""The Balansscan in Wagtail's admin: editors manage the statements, listed per perspective, and
see the overview per week under Reports (balansscan.reports).

A perspective takes at most STATEMENTS_MAXIMUM statements (Statement.clean); the listing warns
about a perspective with fewer than STATEMENTS_MINIMUM, whose score would rest on too little.
"""

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from knowledge.models import Perspective

from .models import STATEMENTS_MAXIMUM, STATEMENTS_MINIMUM, Statement
from .reports import ScanOverviewView


def statement_counts():
    """[(perspective, number of statements)] in the perspectives' order."""
    return [(p, p.statement_count) for p in Perspective.objects.annotate(statement_count=Count("statements"))]


class StatementIndexView(IndexView):
    def get(self, request, *args, **kwargs):
        if not request.headers.get("x-requested-with"):  # not again for each search-as-you-type refresh
            for perspective, count in statement_counts():
                if count < STATEMENTS_MINIMUM:
                    messages.warning(
                        request,
                        _(
                            "%(perspective)s heeft %(count)s stelling(en). De scan heeft er per invalshoek minstens "
                            "%(minimum)s nodig (en hoogstens %(maximum)s) voor een betrouwbare score."
                        )
                        % {
                            "perspective": perspective.name,
                            "count": count,
                            "minimum": STATEMENTS_MINIMUM,
                            "maximum": STATEMENTS_MAXIMUM,
                        },
                    )
        return super().get(request, *args, **kwargs)


class PerspectiveCountColumn(Column):
    """How many statements the row's perspective has, out of the maximum."""

    def get_value(self, instance):
        return f"{instance.perspective_total} / {STATEMENTS_MAXIMUM}"


class StatementViewSet(SnippetViewSet):
    model = Statement
    index_view_class = StatementIndexView
    icon = "list-ul"
    menu_label = gettext_lazy("Balansscan")
    menu_name = "balansscan"
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "text",
        "perspective",
        "building_block",
        PerspectiveCountColumn("perspective_total", label=gettext_lazy("Stellingen bij deze invalshoek")),
    ]
    list_filter = ["perspective"]
    search_fields = ["text"]
    ordering = ["perspective__sort_order", "sort_order", "pk"]

    def get_queryset(self, request):
        # Counted over all statements of the perspective, whatever the listing is filtered on.
        totals = (
            Statement.objects.filter(perspective=OuterRef("perspective"))
            .order_by()
            .values("perspective")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return Statement.objects.select_related("perspective", "building_block").annotate(
            perspective_total=Subquery(totals, output_field=IntegerField())
        )


register_snippet(StatementViewSet)


# --- the editors' overview per week (balansscan.reports) ------------------------------------


class ScanOverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return ScanOverviewView.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_scan_overview_urls():
    return [
        path("balansscan/overzicht/", ScanOverviewView.as_view(), name="balansscan_overview"),
        path(
            "balansscan/overzicht/results/",
            ScanOverviewView.as_view(results_only=True),
            name="balansscan_overview_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_scan_overview_menu_item():
    return ScanOverviewMenuItem(
        gettext_lazy("Balansscan per week"),
        reverse("balansscan_overview"),
        name="balansscan-overview",
        icon_name="table",
    )

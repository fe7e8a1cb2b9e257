"""The Balansscan in the admin: the editors' overview per week under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import ScanOverviewView

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
        _("Balansscan per week"), reverse("balansscan_overview"), name="balansscan-overview", icon_name="table"
    )

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from knowledge.permissions import RestrictedPermissionPolicy

from .models import SearchTermWeek

# Counts are written by the search page only; editors read them.
register_permission_policy(
    SearchTermWeek, RestrictedPermissionPolicy(SearchTermWeek, forbidden={"add", "change", "delete"})
)


class SearchTermWeekViewSet(ModelViewSet):
    model = SearchTermWeek
    icon = "search"
    menu_label = _("Zoektermen")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["term", "week", "searches", "without_results"]
    list_filter = {"week": ["exact"], "without_results": ["gte"]}
    list_export = ["week", "term", "searches", "without_results"]
    search_fields = ["term"]
    ordering = ["-week", "-searches", "term"]
    form_fields = ["term"]  # required by ModelViewSet; the policy forbids add and edit
    inspect_view_enabled = False
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_search_term_viewset():
    return SearchTermWeekViewSet("zoektermen")

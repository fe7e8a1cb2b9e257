"""The booklet in the admin: the editions page, in the menu for whoever may rebuild it."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import EditionsView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("boekje/", EditionsView.as_view(), name="booklet_editions")]


class EditionsMenuItem(MenuItem):
    def is_shown(self, request):
        return EditionsView.permission_policy.user_has_permission(request.user, "rebuild")


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return EditionsMenuItem(_("Boekje"), reverse("booklet_editions"), icon_name="doc-full", order=260)

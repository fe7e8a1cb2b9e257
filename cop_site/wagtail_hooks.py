"""Admin-wide adjustments that belong to no single app."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("construct_help_menu")
def dutch_help_menu(request, menu_items):
    # Wagtail's Dutch translation leaves "Editor Guide" in English; the admin must not mix languages.
    for item in menu_items:
        if item.name == "editor-guide":
            item.label = _("Handleiding voor redacteuren")

"""Site-wide adjustments that belong to no single app."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from core.csrf import csrf_refusal


@hooks.register("construct_help_menu")
def dutch_help_menu(request, menu_items):
    # Wagtail's Dutch translation leaves "Editor Guide" in English; the admin must not mix languages.
    for item in menu_items:
        if item.name == "editor-guide":
            item.label = _("Handleiding voor redacteuren")


@hooks.register("before_serve_page")
def check_csrf(page, request, args, kwargs):
    """The CSRF check for pages, which cop_site/urls.py serves exempt from the middleware: made here,
    once Wagtail has found the view, so that a routable page's sub-route marked csrf_exempt (the
    event registration form) can answer a failed check itself and keep what the visitor typed."""
    route = getattr(request, "routable_resolver_match", None)
    if route is not None and getattr(route.func, "csrf_exempt", False):
        return None
    return csrf_refusal(request)

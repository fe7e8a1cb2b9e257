"""Site navigation: the main menu and the breadcrumb trail.

Both work from the request's Wagtail site, so they also render on pages that are
not Wagtail pages (such as the 404 page), where there is no `page` in the context.
"""

from functools import partial

from django import template
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from core.caching import remember

register = template.Library()

# The site's fixed sections come first in the main menu, in this order, whether or not an
# editor ticked "show in menus". Other pages follow when they are marked for the menu.
SECTION_MODELS = (
    "knowledge.guidepage",
    "knowledge.caseindexpage",
    "events.eventindexpage",
    "knowledge.glossarypage",
)


def _site_root(request):
    if request is None:
        return None
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _is_page(value):
    return isinstance(value, Page)


@register.simple_tag(takes_context=True)
def site_name(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return (site.site_name if site and site.site_name else None) or settings.WAGTAIL_SITE_NAME


def _menu_pages(request, root):
    """The menu's pages as plain dicts, built once per content version and site and then cached.

    Only what every visitor sees goes into the cache; which item is current is worked out per request.
    """
    return remember(f"main-menu:{root.pk}", partial(_build_menu_pages, request, root))


def _build_menu_pages(request, root):
    children = (
        root.get_children()
        .live()
        .public()
        .select_related("content_type")
        .filter(Q(show_in_menus=True) | Q(content_type__model__in=[m.split(".")[1] for m in SECTION_MODELS]))
        .order_by("path")
    )

    def section_rank(page):
        label = f"{page.content_type.app_label}.{page.content_type.model}"
        return SECTION_MODELS.index(label) if label in SECTION_MODELS else len(SECTION_MODELS)

    # A stable sort keeps the tree order within each rank.
    return [
        {
            "pk": page.pk,
            "path": page.path,
            "title": page.title,
            "url": page.get_url(request),
            "section": section_rank(page) < len(SECTION_MODELS),
        }
        for page in sorted(children, key=section_rank)
    ]


@register.simple_tag(takes_context=True)
def main_menu_items(context):
    """The main menu as a list of dicts: title, url, aria_current ("page", "true" or "") and section.

    `section` is true for home and the site's fixed sections; the other pages (about the association,
    contact) are the service menu, which wide screens show apart so the main menu keeps to one row.
    """
    request = context.get("request")
    root = _site_root(request)
    if root is None:
        return []
    current = context.get("page")
    current = current if _is_page(current) else None

    def aria_current(pk, path, exact_only=False):
        if current is None:
            return ""
        if current.pk == pk:
            return "page"
        if not exact_only and current.path.startswith(path):
            return "true"
        return ""

    home = {"title": _("Home"), "url": root.get_url(request), "section": True}
    items = [{**home, "aria_current": aria_current(root.pk, root.path, exact_only=True)}]
    for page in _menu_pages(request, root):
        items.append(
            {
                "title": page["title"],
                "url": page["url"],
                "aria_current": aria_current(page["pk"], page["path"]),
                "section": page["section"],
            }
        )
    return items


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the site's home page down to the current page; empty on the home page itself."""
    request = context.get("request")
    page = context.get("page")
    root = _site_root(request)
    if root is None or not _is_page(page) or page.pk == root.pk or not page.path.startswith(root.path):
        return {"crumbs": []}
    ancestors = page.get_ancestors().filter(depth__gte=root.depth).order_by("depth")
    crumbs = [
        {"title": _("Home") if a.pk == root.pk else a.title, "url": a.get_url(request), "current": False}
        for a in ancestors
    ]
    crumbs.append({"title": page.title, "url": page.get_url(request), "current": True})
    return {"crumbs": crumbs}

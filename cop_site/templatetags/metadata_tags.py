"""The head of every page: its meta description, OpenGraph and Twitter-card tags and schema.org data.

A page's description is its search description, else its summary or introduction; a view that is no
page (search, accounts) names its own, and anything else gets the association's description. A page
type with a `structured_data(request)` method gets its JSON-LD too. Published pages keep their head
until the content changes (a registration changes it too, so an event's availability stays current);
a preview is never cached.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from core.caching import remember
from core.links import public_url, site_name
from core.structured_data import description, json_ld, site_organisation

register = template.Library()

# A page's own short text, in the order tried after its search description.
SUMMARY_FIELDS = ("summary", "intro", "guide_teaser")


@register.simple_tag(takes_context=True)
def page_metadata(context, title="", text=""):
    """The head's metadata for the page in `context`, or for a view with `title` and `text`."""
    request = context.get("request")
    page = context.get("page")
    if request is None:  # the bare server error page, rendered without a request
        return ""
    if not isinstance(page, Page):
        return _render(request, None, title, text)
    if getattr(request, "is_preview", False):
        return _render(request, page, title, text)
    html = remember(f"page-metadata:{page.pk}:{request.path}:{title}", lambda: _render(request, page, title, text))
    return mark_safe(html)  # noqa: S308 -- rendered by components/metadata.html, which escapes


def _render(request, page, title, text):
    site = Site.find_for_request(request)
    name = site_name(site)
    data = page.structured_data(request) if hasattr(page, "structured_data") else None
    texts = [text]
    if page is not None:
        title = title or page.seo_title or page.title
        texts += [page.search_description, *(getattr(page, field, "") for field in SUMMARY_FIELDS)]
    # Then the association's own description, and a sentence of ours: no page goes without one.
    texts += [
        site_organisation(request).get("description"),
        _("Kennis, praktijkvoorbeelden en bijeenkomsten over opgavegericht werken bij gemeenten en provincies."),
    ]
    graph = data.get("@graph", [data]) if data else []
    return render_to_string(
        "components/metadata.html",
        {
            "title": title or name,
            "description": description(*texts),
            "url": public_url(request.path),
            "site_name": name,
            "og_type": "article" if any(item.get("@type") == "Article" for item in graph) else "website",
            "image": next((item["image"] for item in graph if item.get("image")), None),
            "json_ld": json_ld(data) if data else None,
        },
    )

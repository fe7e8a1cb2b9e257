"""What a page tells search engines and link previews: its description and its schema.org data.

Every page type builds its schema.org data (a dict, or None) with these helpers; the shell's
`{% page_metadata %}` tag (cop_site.templatetags.metadata_tags) writes it into the page's head.
`json_ld` is the only way out to HTML: it escapes `<`, `>` and `&`, so no title or text can close
the <script> element it sits in. Addresses are always absolute on the public address
(core.links), never taken from the request's Host header.
"""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

from wagtail.models import Site
from wagtail.rich_text import get_text_for_indexing

from .caching import remember
from .links import public_url, rebased

CONTEXT = "https://schema.org"
# Search engines cut a description at about this many characters.
DESCRIPTION_LENGTH = 160
LANGUAGE = "nl"

# What json.dumps leaves as is and HTML would read: escaped as JSON's own \u escapes.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def description(*texts, limit=DESCRIPTION_LENGTH):
    """The first of `texts` (plain or rich text) that has words, as plain text of at most `limit`
    characters, cut at a word boundary with an ellipsis when it was longer."""
    for text in texts:
        # Tags out, entities (&amp;, &nbsp;) as characters: the template escapes once, on output.
        words = " ".join(get_text_for_indexing(str(text or "")).split())
        if words:
            break
    else:
        return ""
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–")
    return cut + "…"


def json_ld(data):
    """`data` as the text of a <script type="application/ld+json">, safe to put in the page."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))  # noqa: S308 -- escaped above


def absolute_url(page, request=None):
    """A page's address on the public address ("" when it has none)."""
    url = page.get_full_url(request)
    return rebased(url) if url else ""


def organisation(site_settings):
    """The association (core.models.SiteSettings) as a schema.org Organization."""
    data = {"@type": "Organization", "name": site_settings.organisation_name, "url": public_url("/")}
    if site_settings.about:
        data["description"] = description(site_settings.about, limit=500)
    if site_settings.contact_email:
        data["email"] = site_settings.contact_email
    return data


def site_organisation(request):
    """The association of the request's site, read once per content version (the same for every
    page); from the request's own settings, which the footer reads too."""
    from .models import SiteSettings

    site = Site.find_for_request(request)
    return remember(
        f"schema-organisation:{site.pk if site else 0}", lambda: organisation(SiteSettings.for_request(request))
    )


def date(value):
    """A date and time as ISO 8601 in Dutch time, with its offset; None stays None."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def article(page, request, *, about=(), image=None, text=""):
    """A schema.org Article for a text page: the guide's chapters and building blocks, the cases.

    `about` are the perspectives the text is about; `image` an absolute image address.
    """
    publisher = site_organisation(request)
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": page.seo_title or page.title,
        "description": description(page.search_description, text),
        "url": absolute_url(page, request),
        "inLanguage": LANGUAGE,
        "datePublished": date(page.first_published_at),
        "dateModified": date(page.last_published_at or page.latest_revision_created_at),
        "author": publisher,
        "publisher": publisher,
        "about": [{"@type": "Thing", "name": perspective.name} for perspective in about],
        "image": image,
    }
    return compact(data)


def compact(data):
    """`data` without its empty values: schema.org wants a property left out rather than empty."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}

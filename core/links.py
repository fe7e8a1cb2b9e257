"""Absolute links and the site's name for e-mails.

Mails are often sent outside a request (by a background task), and a request's Host
header is not to be trusted in a link anyway, so every mailed link starts with the
one configured public address, WAGTAILADMIN_BASE_URL.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from wagtail.models import Site


def public_url(path):
    """`path` ("/a/b/?q") on the site's public address."""
    return settings.WAGTAILADMIN_BASE_URL + path


def rebased(url):
    """The same link, with its scheme and host replaced by the public address."""
    parts = urlsplit(url)
    return public_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


def page_url(page):
    """A page's public address, or "" when it is not routable."""
    parts = page.get_url_parts()
    return public_url(parts[2]) if parts else ""


def site_name(site=None):
    """The name editors gave the Wagtail site (the default one unless `site` is given)."""
    site = site or Site.objects.filter(is_default_site=True).first()
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME

"""The Wagtail Site record follows the site's public address (WAGTAILADMIN_BASE_URL).

Wagtail builds full URLs (the sitemap, the API's html_url and detail_url, Wagtail's own
notification mails) from the default Site's hostname and port, so those must be the real ones.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site


def public_host_and_port():
    """(hostname, port) of WAGTAILADMIN_BASE_URL: the explicit port, else 443 for https and 80 for http."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(site=None):
    """Give the default Site (or `site`) the public hostname and port. Safe to run again.

    Returns the site, or None when there is no default site.
    """
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    site.hostname, site.port = public_host_and_port()
    site.save()
    return site

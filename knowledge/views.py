from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import conditional_page, require_safe

from core.caching import content_version
from core.links import public_url

from .models import Perspective

YEAR = 365 * 24 * 60 * 60


@require_safe
@conditional_page
def perspective_stylesheet(request):
    """The perspectives' accent colours as CSS: `.accent-<slug> { --accent: <colour> }`, and the
    site's public address as `--site-address`, which the print stylesheet writes before a link.

    A stylesheet rather than style attributes, so the Content-Security-Policy can keep style-src
    to 'self'. Editors can change a colour, so it is built from the perspectives. Pages link it
    with the content version (?v=, cop_site.templatetags.stylesheet_tags), which every edit bumps:
    at the current version browsers keep it for a year without asking again. Any other URL (no
    version, or an old one) is asked for again each time (no-cache), with the ETag.
    """
    perspectives = Perspective.objects.only("slug", "colour")
    response = render(
        request,
        "knowledge/perspective_accents.css",
        {"perspectives": perspectives, "site_address": public_url("")},
        content_type="text/css; charset=utf-8",
    )
    if request.GET.get("v") == str(content_version()):
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response

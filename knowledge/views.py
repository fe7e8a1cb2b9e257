from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_safe

from .models import Perspective


@require_safe
@cache_control(no_cache=True)
@conditional_page
def perspective_stylesheet(request):
    """The perspectives' accent colours as CSS: `.accent-<slug> { --accent: <colour> }`.

    A stylesheet rather than style attributes, so the Content-Security-Policy can keep style-src
    to 'self'. Editors can change a colour, so it is built from the perspectives. Browsers ask
    again on every page (no-cache) with the ETag: unchanged, the answer is a 304 without a body;
    a new colour shows at once, in the admin preview too.
    """
    perspectives = Perspective.objects.only("slug", "colour")
    return render(
        request,
        "knowledge/perspective_accents.css",
        {"perspectives": perspectives},
        content_type="text/css; charset=utf-8",
    )

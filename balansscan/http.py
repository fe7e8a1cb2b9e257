"""What every page of the Balansscan shares: its answers are private to whoever holds the link.

Responses are kept by no cache and indexed by no search engine, and send a Referer of the origin
only (a result or starter address is the secret itself). Not no-referrer: Chromium then sends
"Origin: null" with the forms' POSTs, which Django's CSRF check refuses.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from core import ratelimit


def private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "strict-origin"
    return response


def private_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return wrapper


def lookup_limit(request):
    """The counter of unknown team codes from this client address (guessing), wherever a code is typed."""
    return [(f"balansscan:lookup:ip:{ratelimit.client_ip(request)}", settings.BALANSSCAN_TEAM_LOOKUP_RATE_IP)]

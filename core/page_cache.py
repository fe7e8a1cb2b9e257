"""The page cache: whole responses for visitors without a session, in the shared cache.

A small middleware of our own rather than Django's per-site cache or Wagtail's frontend cache:
Django's cache middleware keys on the URL and Vary and cannot tell a page with a CSRF token from
one without, and Wagtail's frontend cache purges a proxy per URL, while a page here shows other
pages' content (menus, event cards, search). So each cached page carries the content version
(core.caching) it was made under, which every change that visitors see bumps: everything
cached before is passed over at once, on every process.

It sits before the session, authentication and CSRF middleware, so a hit costs one round trip to
the cache (the content version and the page together) and no SQL; the security headers (outer middleware) are added to hits as to any response.
A response is stored only when it is the same for every anonymous visitor: a 200 to a GET, no
cookie set, no CSRF token in it, no Cache-Control of the view's own, outside the member, admin
and account pages. Reverse proxies get the same answer through Cache-Control.

When Redis cannot be reached, pages are served uncached (cop_site.cache.FailOpenRedisCache).
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from .caching import CONTENT_VERSION_KEY, content_version, pinned_content_version

# Pages that are personal, carry forms, or must always be fresh (the health check, suggestions).
EXCLUDED_PREFIXES = (
    "/admin/",
    "/mijn/",
    "/account/",
    "/zoeken/suggesties/",
    "/documenten/",
    "/healthz",
    "/readyz",
    "/praktijkvoorbeelden/delen/",
    "/bijeenkomsten/afmelden/",
)
# Sent with (request, response) when a page is answered from the cache, for what a view would have
# done on every visit besides rendering (the search counts its terms).
served_from_cache = Signal()
# Browsers keep a page this long without asking; they cannot be purged, so it stays short.
BROWSER_SECONDS = 30


def may_serve(request):
    """Whether this request may get (and make) a cached page: anonymous, cookie-free as far as
    sessions and messages go, a GET or HEAD, and not for an excluded path."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not getattr(request, "is_dummy", False)  # Wagtail's preview of a draft
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def is_shared(request, response):
    """Whether the response is the same for every anonymous visitor."""
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not response.has_header("Cache-Control")
        and not (user is not None and user.is_authenticated)
    )


def cache_key(request):
    # Scheme, host, path and query: the same path on two hosts (or http and https) is two pages.
    url = request.build_absolute_uri()
    return f"page:{hashlib.sha256(url.encode()).hexdigest()}"


def lookup(request):
    """(content version, the cached response or None), in one round trip to the cache. A page
    stored under an older content version is passed over, and replaced when it is made again."""
    key = cache_key(request)
    found = cache.get_many([CONTENT_VERSION_KEY, key])
    version = found.get(CONTENT_VERSION_KEY)
    entry = found.get(key)
    if version is None or entry is None or entry[0] != version:
        return version, None
    _version, content, headers = entry
    response = HttpResponse(content, headers=headers)
    response["X-Cache"] = "hit"
    return version, response


def store(request, response):
    if request.method == "GET":  # a HEAD response may lack its body
        entry = (content_version(), response.content, list(response.items()))
        cache.set(cache_key(request), entry, settings.PAGE_CACHE_SECONDS)


def share(response):
    patch_cache_control(response, public=True, max_age=BROWSER_SECONDS, s_maxage=settings.PAGE_CACHE_SECONDS)
    # A proxy must not give this page to a visitor with a session (logged in), nor the reverse.
    patch_vary_headers(response, ["Cookie"])


def keep_private(response):
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_store=True)
    response["X-Cache"] = "bypass"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS:
            with pinned_content_version():
                return self.get_response(request)
        if not may_serve(request):
            with pinned_content_version():
                response = self.get_response(request)
            keep_private(response)
            return response
        version, cached = lookup(request)
        if cached is not None:
            served_from_cache.send(sender=self.__class__, request=request, response=cached)
            return cached
        with pinned_content_version(version):
            response = self.get_response(request)
            if not is_shared(request, response):
                keep_private(response)
                return response
            share(response)
            store(request, response)
        response["X-Cache"] = "miss"
        return response

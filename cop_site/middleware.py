import logging
import re

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Site

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from redis.exceptions import RedisError

from core.caching import remember

logger = logging.getLogger(__name__)

# C0 control characters except tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL in
# text, and none of them belongs in a search term, a filter or a form field.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RequestDataMiddleware:
    """Checks the query string and the form fields before any view reads them.

    A control character in a key or value gives a 400; a form over DATA_UPLOAD_MAX_MEMORY_SIZE a 413,
    here because this is where the form is first read. Uploaded files are not looked at.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                fields.append(request.POST)
            except RequestDataTooBig:
                message = _("Je invoer is te groot. Maak de teksten korter en probeer het opnieuw.")
                return refuse(request, _("Te veel tekst"), message, 413)
        if any(CONTROL_CHARACTERS.search(text) for data in fields for text in texts(data)):
            message = _(
                "Het adres of het formulier bevatte tekens die de site niet kan verwerken, "
                "zoals onzichtbare stuurtekens. Typ je zoekvraag of gegevens opnieuw in en probeer het nog eens."
            )
            return refuse(request, _("Ongeldige tekens"), message, 400)
        return self.get_response(request)


def refuse(request, title, message, status):
    return render(request, "cop_site/bad_request.html", {"title": title, "message": message}, status=status)


def texts(data):
    for key, values in data.lists():
        yield key
        yield from values


class SiteMiddleware:
    """The request's Wagtail site, found once per address and content version instead of with a
    query on every request (Site.find_for_request then takes it from the request). A host outside
    ALLOWED_HOSTS is left to Wagtail and Django, which refuse it. The health checks are left alone:
    they report on the database and the cache themselves, and must answer while those are down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in ("/healthz", "/readyz"):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        request._wagtail_site = remember(f"site:{host}:{request.get_port()}", lambda: Site._find_for_request(request))
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY for every URL of the Wagtail admin.

    A page preview is the public page, rendered by Wagtail through this middleware with a request
    of its own (is_dummy) and shown in the admin's preview panel: it keeps the public policy, except
    that the admin may frame it. A view that sets a policy with django-csp's decorators keeps it.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class SharedCacheOutageMiddleware:
    """A Dutch 503 instead of a 500 when a view needs the shared cache (Redis) and cannot reach it.

    Public pages do without it (the page cache is bypassed, core.ratelimit fails open); what
    cannot do without it fails closed: a log-in (django-axes' lock), a sign-up or password reset
    (allauth's limits) and a member's case submission (the double-submit guard).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RedisError):
            return None
        logger.warning("Shared cache unreachable during %s %s", request.method, request.path, exc_info=exception)
        message = _(
            "Dit deel van de site werkt op dit moment even niet. Er is niets opgeslagen of verstuurd. "
            "Probeer het over een paar minuten opnieuw."
        )
        response = refuse(request, _("Even niet beschikbaar"), message, 503)
        response["Retry-After"] = "120"
        return response

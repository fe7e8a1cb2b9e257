import logging
import posixpath

from django.conf import settings
from django.db import connection
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import static

from wagtail.documents.views.serve import serve

from search import breaker
from search.index import OUTAGE_ERRORS, REFUSED_ERRORS, alias_name, get_client

from .middleware import refuse

logger = logging.getLogger(__name__)


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "down" to the monitor
        return "unavailable"
    return "ok"


def search_status():
    """'elasticsearch' when it answers, 'database' when not configured, 'degraded' when it is down.

    While the circuit breaker is open it says so and does not ask Elasticsearch; like a search, the
    check counts as an outage or as the probe that closes the breaker.

    'error' when Elasticsearch answers but refuses (no index yet, say): searches then fail instead
    of falling back. The response stays 200 all the same: every worker shares the one index, so a
    load balancer taking workers out of rotation would only take the rest of the site down too.
    """
    client = get_client()
    if client is None:
        return {"backend": "database", "status": "ok"}
    try:
        documents = breaker.call(lambda: client.count(index=alias_name())["count"])
    except breaker.BreakerOpen:
        return {"backend": "database", "status": "degraded", "breaker": "open"}
    except OUTAGE_ERRORS:
        return {"backend": "database", "status": "degraded"}
    except REFUSED_ERRORS:
        logger.exception("Elasticsearch refused the health check's count")
        return {"backend": "elasticsearch", "status": "error"}
    return {"backend": "elasticsearch", "status": "ok", "documents": documents}


def healthz(request):
    """Status for monitoring. Search falling back to the database is degraded, not down."""
    database = database_status()
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "search": search_status()}, status=status)


def serve_document(request, document_id, document_filename):
    """Wagtail's document download, without the 'Content-Encoding: None' header it sends.

    Wagtail's copy of django-sendfile sets Content-Encoding to mimetypes' guess, which is None for
    every extension we allow (WAGTAILDOCS_EXTENSIONS), and Django writes that as the text "None".
    """
    response = serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    return response


def serve_media(request, path):
    """Uploads for the local demo server, except documents: those only ever go through
    /documenten/, which keeps members' unpublished uploads private."""
    if posixpath.normpath(path).lstrip("/").split("/", 1)[0] == "documents":
        raise Http404
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)


def too_many_requests(request, original_response=None, credentials=None):
    """The Dutch 429 page for a locked log-in (django-axes) and for allauth's sign-up and reset limits.

    A locked log-in stays locked until LOGIN_LOCKOUT_MINUTES have passed without another
    attempt, and allauth's windows are as long, so that is how long to wait.
    """
    context = {"minutes": settings.LOGIN_LOCKOUT_MINUTES}
    return TemplateResponse(request, "429.html", context, status=429).render()


def csrf_failure(request, reason=""):
    """A form refused by Django's CSRF check (CSRF_FAILURE_VIEW): the site's own Dutch page, not Django's bare one."""
    message = _(
        "Je formulier is niet verstuurd: de beveiligingscode ontbrak of was verlopen, bijvoorbeeld omdat de pagina "
        "lang openstond of omdat cookies uit staan. Ga terug, laad de pagina opnieuw en verstuur het formulier nog eens."
    )
    return refuse(request, _("Formulier verlopen"), message, 403)

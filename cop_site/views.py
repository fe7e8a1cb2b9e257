import logging
import posixpath
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, Min, When
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import static
from django.views.decorators.cache import never_cache

from wagtail.documents.views.serve import serve

from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from search import breaker
from search.index import OUTAGE_ERRORS, REFUSED_ERRORS, alias_name, get_client

from .middleware import refuse

logger = logging.getLogger(__name__)


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "down" to the monitor
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return "unavailable"
    return "ok"


def cache_status():
    """A write and a read of the shared cache (Redis in production), which the log-in locks and limits need."""
    probe = secrets.token_hex(8)
    try:
        cache.set("readyz-probe", probe, timeout=10)
        answered = cache.get("readyz-probe")
    except Exception:  # any failure means "down" to the monitor
        logger.warning("Readiness: the shared cache does not answer", exc_info=True)
        return "unavailable"
    # Another worker may have written its own probe in between: any probe read back will do.
    return "ok" if answered else "unavailable"


def task_queue_status():
    """How long the oldest task that is due has waited in the queue, in whole seconds.

    Beyond TASK_QUEUE_MAX_AGE_SECONDS no worker is keeping up (or none runs): 'degraded'.
    Only the database backend has a queue to look at; the immediate one runs each task at once.
    """
    if not isinstance(task_backends["default"], DatabaseBackend):
        return {"backend": "immediate", "status": "ok"}
    # A deferred task is due from its run_after; any other from when it was enqueued.
    due = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(due))["oldest"]
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    status = "ok" if age <= settings.TASK_QUEUE_MAX_AGE_SECONDS else "degraded"
    if status == "degraded":
        logger.warning("Readiness: the oldest task has waited %s seconds", age)
    return {"backend": "database", "status": status, "oldest_ready_age_seconds": age}


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


@never_cache
def healthz(request):
    """Liveness: the process answers. It looks at nothing else, so a slow database never gets a
    healthy app server restarted; readiness (/readyz) covers the services."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness for the load balancer and monitoring: 503 when this app server cannot serve.

    Without the database no page renders, and without the shared cache neither the log-in locks
    nor the rate limits hold, so either gives 503. Elasticsearch being down is 'degraded' and
    still 200: search falls back to the database, and every app server shares the one cluster,
    so taking them all out of rotation would only take the rest of the site down too. Likewise a
    task queue older than TASK_QUEUE_MAX_AGE_SECONDS: the fault is with the task workers, which
    the load balancer cannot fix; the monitor should alert on 'degraded' instead.
    """
    database = database_status()
    shared_cache = cache_status()
    search = search_status()
    tasks = task_queue_status() if database == "ok" else {"status": "unavailable"}
    if "unavailable" in (database, shared_cache):
        status, code = "unavailable", 503
    elif search["status"] != "ok" or tasks["status"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    body = {"status": status, "database": database, "cache": shared_cache, "search": search, "tasks": tasks}
    return JsonResponse(body, status=code)


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


def csrf_refusal(request):
    """None when the request passes Django's CSRF check, else the refusal (csrf_failure's page).

    For views the middleware leaves alone: the Wagtail pages (see cop_site.wagtail_hooks), and the
    sub-routes that answer a failed check themselves.
    """
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


def csrf_failure(request, reason=""):
    """A form refused by Django's CSRF check (CSRF_FAILURE_VIEW): the site's own Dutch page, not Django's bare one."""
    message = _(
        "Je formulier is niet verstuurd: de beveiligingscode ontbrak of was verlopen, bijvoorbeeld omdat de pagina "
        "lang openstond of omdat cookies uit staan. Ga terug, laad de pagina opnieuw en verstuur het formulier nog eens."
    )
    return refuse(request, _("Formulier verlopen"), message, 403)

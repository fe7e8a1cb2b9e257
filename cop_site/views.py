from django.db import connection
from django.http import JsonResponse
from django.utils.translation import gettext as _

from wagtail.documents.views.serve import serve

from search.index import SEARCH_ERRORS, alias_name, get_client

from .middleware import refuse


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "down" to the monitor
        return "unavailable"
    return "ok"


def search_status():
    """'elasticsearch' when it answers, 'database' when not configured, 'degraded' when it is down."""
    client = get_client()
    if client is None:
        return {"backend": "database", "status": "ok"}
    try:
        documents = client.count(index=alias_name())["count"]
    except SEARCH_ERRORS:
        return {"backend": "database", "status": "degraded"}
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


def csrf_failure(request, reason=""):
    """A form refused by Django's CSRF check (CSRF_FAILURE_VIEW): the site's own Dutch page, not Django's bare one."""
    message = _(
        "Je formulier is niet verstuurd: de beveiligingscode ontbrak of was verlopen, bijvoorbeeld omdat de pagina "
        "lang openstond of omdat cookies uit staan. Ga terug, laad de pagina opnieuw en verstuur het formulier nog eens."
    )
    return refuse(request, _("Formulier verlopen"), message, 403)

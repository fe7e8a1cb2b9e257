from django.db import connection
from django.http import JsonResponse


def healthz(request):
    """Liveness for monitoring: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # any failure means "down" to the monitor
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database}, status=status)

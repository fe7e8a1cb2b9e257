"""Liveness (/healthz) and readiness (/readyz) against the real services; outages by dead ports."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from events.tasks import send_email

DEAD_PORT = 9  # the discard port: nothing listens there
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_answers_without_asking_any_service(client, redis_cache, settings):
    # No database access is allowed in this test (pytest-django raises), and Redis and Elasticsearch are down.
    settings.CACHES = {"default": {**redis_cache, "LOCATION": f"redis://127.0.0.1:{DEAD_PORT}/0"}}
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{DEAD_PORT}"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_with_every_service_up(client, db, redis_cache):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "search": {"backend": "database", "status": "ok"},
        "tasks": {"backend": "immediate", "status": "ok"},
    }


def test_readyz_with_redis_down_is_not_ready(client, db, redis_cache, settings):
    settings.CACHES = {"default": {**redis_cache, "LOCATION": f"redis://127.0.0.1:{DEAD_PORT}/0"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_readyz_with_the_database_down_is_not_ready(client, redis_cache, django_db_blocker, monkeypatch):
    with django_db_blocker.unblock():
        connection.close()
        monkeypatch.setitem(connection.settings_dict, "PORT", str(DEAD_PORT))
        try:
            response = client.get("/readyz")
        finally:
            connection.close()
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("unavailable", "unavailable", "ok")
    assert body["tasks"] == {"status": "unavailable"}


def test_readyz_with_elasticsearch_down_is_degraded_but_ready(client, db, redis_cache, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{DEAD_PORT}"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"] == {"backend": "database", "status": "degraded"}


def test_readyz_reports_the_age_of_the_oldest_due_task(client, db, redis_cache, settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_QUEUE_MAX_AGE_SECONDS = 300
    send_email.enqueue(1)  # no worker runs here: the task stays READY
    body = client.get("/readyz").json()
    assert body["tasks"]["backend"] == "database"
    assert body["tasks"]["status"] == "ok"
    assert body["tasks"]["oldest_ready_age_seconds"] < 60

    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=400))
    response = client.get("/readyz")
    assert response.status_code == 200  # the workers are behind, not this app server
    assert response.json()["status"] == "degraded"
    assert response.json()["tasks"]["status"] == "degraded"
    assert 400 <= response.json()["tasks"]["oldest_ready_age_seconds"] < 460


def test_readyz_counts_a_deferred_task_from_when_it_is_due(client, db, redis_cache, settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_QUEUE_MAX_AGE_SECONDS = 300
    send_email.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(days=1))
    tasks = client.get("/readyz").json()["tasks"]
    assert (tasks["status"], tasks["oldest_ready_age_seconds"]) == ("ok", 0)  # not due yet

    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=30))
    tasks = client.get("/readyz").json()["tasks"]
    assert tasks["status"] == "ok" and 30 <= tasks["oldest_ready_age_seconds"] < 90


def test_readyz_says_nothing_about_the_tasks_themselves(client, db, redis_cache, settings):
    settings.TASKS = DATABASE_TASKS
    send_email.enqueue(4242)
    body = client.get("/readyz").content.decode()
    assert "send_email" not in body and "4242" not in body

from .base import *  # noqa: F403
from .base import (
    ELASTICSEARCH_URL,
    SECRET_KEY,
    TEST_PAGE_CACHE_SECONDS,
    TEST_SEARCH_INDEX_ALIAS,
    TEST_WORKER_PROCESS,
)

DEBUG = False
SECRET_KEY = SECRET_KEY or "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_EDITOR_PASSWORD = "test-editor-password"  # noqa: S105 (the test settings only)
# Serve static files straight from the finders, so the live server used by the
# browser tests has the real CSS without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Search: tests run on the database fallback unless a test enables Elasticsearch
# (tests/search/conftest.py) with the server from ELASTICSEARCH_URL.
TEST_ELASTICSEARCH_URL = ELASTICSEARCH_URL
ELASTICSEARCH_URL = ELASTICSEARCH_URL if TEST_WORKER_PROCESS else ""
# Its own alias, so two test runs can share one Elasticsearch server.
SEARCH_INDEX_ALIAS = TEST_SEARCH_INDEX_ALIAS
SEARCH_REFRESH_ON_WRITE = "wait_for"

if TEST_WORKER_PROCESS:
    # A real worker started by a test (tests/worker.py): the database backend as in production,
    # mail into files the test reads.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    # Ordinary tests run each task in the process right after the commit, so they see its effect
    # (mail.outbox, the index) without a worker; the tests/*/test_worker.py cover the real worker.
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# No booklet at each publish of a transactional test; tests/booklet switch it on.
BOOKLET_REBUILD_ON_PUBLISH = False
# The page cache is off for the suite: its tests change content straight in the database, inside
# a transaction that never commits (so never purges). tests/core/test_page_cache.py and the browser
# journeys switch it on (the page_cache fixture), as production has it; so do the servers that
# tests/core/test_cache_processes.py starts (TEST_PAGE_CACHE_SECONDS).
PAGE_CACHE_SECONDS = TEST_PAGE_CACHE_SECONDS

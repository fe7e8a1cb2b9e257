"""Two separate gunicorn servers of the site share one cache: a limit reached through one holds in
the other, and a page cached by one is served by the other until a publish purges it. On Redis,
and on the database cache that stands in without REDIS_URL."""

import os
import re
import socket
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration

# Committed data: the servers cannot see inside this test's transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LIMIT = 2
HOST = "kennisbank.test"
REFUSAL = "Vanaf jouw internetadres zijn het afgelopen uur al veel aanmeldingen verstuurd"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test looks at the 303 itself


class Browser:
    """One visitor's cookies against one server. Both servers are asked for the same host name, as
    workers behind one address are: the page cache's key is the whole URL, host included."""

    def __init__(self, base):
        self.base = base
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirects)

    def open(self, path, data=None):
        request = Request(self.base + path, data=urlencode(data).encode() if data else None, headers={"Host": HOST})
        try:
            response = self.opener.open(request, timeout=30)
        except HTTPError as error:
            response = error
        return response.status, dict(response.headers), response.read().decode()

    def register(self, event, email):
        _status, _headers, form = self.open(event.url + "aanmelden/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = {"name": "Anna de Vries", "email": email, "organisation": "Gemeente Zwolle", "privacy": "on"}
        return self.open(event.url + "aanmelden/", {**data, "csrfmiddlewaretoken": token})


@pytest.fixture(params=["redis", "database"])
def shared_cache(request, settings):
    """Which cache the servers (and this test, which publishes) share."""
    if request.param == "database":
        table = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cop_shared_cache"}
        settings.CACHES = {"default": table, "locks": table}
        call_command("createcachetable")  # the test database was made for Redis
    else:
        assert os.environ.get("REDIS_URL"), "Set REDIS_URL to a Redis server (scripts/test.sh starts one)."
    yield request.param
    caches["default"].clear()  # the table is no model's: the database flush after the test leaves it


@pytest.fixture
def servers(shared_cache, tmp_path):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cop_site.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": os.environ["REDIS_URL"] if shared_cache == "redis" else "",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "EVENT_REGISTRATION_RATE_EVENT": str(LIMIT),
        "TEST_PAGE_CACHE_SECONDS": "120",
    }
    started = []
    for name in ("a", "b"):
        port = free_port()
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed with the server)
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cop_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log, f"http://127.0.0.1:{port}", tmp_path / f"{name}.log"))
    try:
        for process, _log, base, log_path in started:
            wait_until_up(process, base, log_path)
        yield [base for _process, _log, base, _path in started]
    finally:
        for process, log, _base, _path in started:
            process.terminate()
            process.wait(timeout=30)
            log.close()


def wait_until_up(process, base, log_path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The server stopped: {log_path.read_text()}")
        try:
            if Browser(base).open("/healthz")[0] == 200:
                return
        except URLError:
            pass
        time.sleep(0.2)
    pytest.fail(f"The server did not start: {log_path.read_text()}")


@pytest.fixture
def event(home):
    return EventPageFactory(parent=EventIndexPageFactory(parent=home), title="Samen sturen op opgaven")


def test_a_registration_limit_reached_through_one_server_holds_in_the_other(servers, event):
    first, second = Browser(servers[0]), Browser(servers[1])
    for n in range(LIMIT):
        status, headers, _body = first.register(event, f"deelnemer{n}@example.org")
        assert status == 303, _body[:2000]
    status, _headers, body = second.register(event, "nog-een@example.org")
    assert status == 429
    assert REFUSAL in body
    assert Registration.objects.filter(event=event).count() == LIMIT


def test_a_page_cached_by_one_server_is_served_by_the_other_until_a_publish(servers, event):
    first, second = Browser(servers[0]), Browser(servers[1])
    assert first.open(event.url)[1]["X-Cache"] == "miss"
    status, headers, body = second.open(event.url)
    assert (status, headers["X-Cache"]) == (200, "hit")
    assert "Samen sturen op opgaven" in body

    event.title = "Samen sturen, nu met de provincie"
    event.save_revision().publish()  # committed at once: this test runs outside a transaction
    status, headers, body = second.open(event.url)
    assert headers["X-Cache"] == "miss"
    assert "Samen sturen, nu met de provincie" in body
    assert first.open(event.url)[1]["X-Cache"] == "hit"

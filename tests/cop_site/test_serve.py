"""scripts/release.sh and scripts/serve.sh for real: gunicorn with the production settings, on the test
database and Redis, serving a page, /healthz and /readyz, with JSON logs that carry the request id."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(tmp_path, port):
    """What a deploy sets, pointed at this test run's database and Redis, without TLS in front."""
    test_database = urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + settings.DATABASES["default"]["NAME"])
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST", "LOG_"))}
    env.update(
        DATABASE_URL=test_database.geturl(),
        REDIS_URL=settings.CACHES["default"]["LOCATION"],
        ELASTICSEARCH_URL="",
        DJANGO_SECRET_KEY="serve-test-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL="https://kennisbank.example.nl",
        DJANGO_SECURE_SSL_REDIRECT="false",  # no TLS proxy in front here
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
    )
    return env


def fetch(url, headers=None, timeout=10):
    """Status, headers and body; an HTTP error status is an answer too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def json_lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")]


@pytest.fixture
def served(home, tmp_path, redis_cache):
    """release.sh, then serve.sh in the background; yields its address and its stdout and stderr files."""
    connection.close()  # the server's workers and this test share the database; nothing is held open here
    port = free_port()
    env = production_env(tmp_path, port)
    release = subprocess.run(
        ["bash", "scripts/release.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert release.returncode == 0, release.stderr
    stdout, stderr = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with stdout.open("w") as out, stderr.open("w") as err:
        server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=out, stderr=err)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, stderr.read_text()
            time.sleep(0.5)
        yield {"base": base, "stdout": stdout, "stderr": stderr, "server": server, "release": release.stdout}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def test_release_and_serve_with_the_production_settings(served, home):
    """One test for both, as the release (collectstatic) and the start take a while."""
    assert "==> migrate" in served["release"] and "==> sync_site" in served["release"]

    status, headers, body = fetch(served["base"] + "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})

    status, headers, body = fetch(served["base"] + "/readyz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    assert (json.loads(body)["database"], json.loads(body)["cache"]) == ("ok", "ok")

    status, headers, body = fetch(served["base"] + "/")
    assert status == 200
    assert f"<title>{home.title}" in body
    # Collected by release.sh with the production (manifest) storage, served by WhiteNoise.
    stylesheet = served["base"] + body.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert fetch(stylesheet)[0] == 200

    # Two worker processes, as WEB_CONCURRENCY says, with threads (gthread).
    boots = [line for line in json_lines(served["stderr"]) if line["message"].startswith("Booting worker")]
    assert len(boots) == 2
    assert any("gthread" in line["message"] for line in json_lines(served["stderr"]))

    # The logs are JSON lines; the site's and gunicorn's access lines carry the request id.
    status, headers, _body = fetch(served["base"] + "/bestaat-niet/", {"X-Request-ID": "serve-test-0001"})
    assert status == 404
    assert headers["X-Request-ID"] == "serve-test-0001"
    status, headers, _body = fetch(served["base"] + "/bestaat-ook-niet/", {"X-Request-ID": "kapot id\tmet tab"})
    generated = headers["X-Request-ID"]
    assert status == 404 and len(generated) == 32

    for _ in range(20):  # gunicorn writes the access line (stdout) after the response
        access = [
            line
            for line in json_lines(served["stdout"])
            if line["logger"] == "gunicorn.access" and line["status"] == 404
        ]
        if len(access) == 2:
            break
        time.sleep(0.25)
    not_found = [line for line in json_lines(served["stderr"]) if line["logger"] == "django.request"]
    assert [line["request_id"] for line in not_found] == ["serve-test-0001", generated]
    assert [line["message"] for line in not_found] == ["Not Found: /bestaat-niet/", "Not Found: /bestaat-ook-niet/"]
    assert [(line["request_id"], line["path"], line["method"]) for line in access] == [
        ("serve-test-0001", "/bestaat-niet/", "GET"),
        (generated, "/bestaat-ook-niet/", "GET"),
    ]
    assert "kapot id" not in served["stdout"].read_text() + served["stderr"].read_text()

    # A graceful restart (what `systemctl reload` sends) replaces the workers; the site keeps answering.
    served["server"].send_signal(signal.SIGHUP)
    for _ in range(120):
        boots = [line for line in json_lines(served["stderr"]) if line["message"].startswith("Booting worker")]
        if len(boots) == 4:
            break
        time.sleep(0.5)
    assert len(boots) == 4
    # The request waits in the queue while the new workers load the site (slow on a busy machine).
    assert fetch(served["base"] + "/healthz", timeout=60)[0] == 200

"""The log-in lock holds across processes: two workers of the site share one count (the database cache)."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.db import connection

import pytest

from members.factories import PASSWORD, MemberFactory

# Committed data: the other processes cannot see inside this test's transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def worker():
    """Start a separate Python process that posts log-in forms to the site, on this test's (committed) database."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cop_site.settings.test",
        "DJANGO_ALLOWED_HOSTS": "testserver",  # the test client's host name
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    started = []

    def start():
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.members.login_worker"],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)

        def post(url, data):
            process.stdin.write(json.dumps([url, data]) + "\n")
            process.stdin.flush()
            return int(process.stdout.readline())

        return post

    yield start
    for process in started:
        process.stdin.close()
        process.wait(timeout=30)


@pytest.mark.parametrize(
    "url, field, name",
    [("/admin/login/", "username", "lid-proces"), ("/account/login/", "login", "lid-proces@example.org")],
)
def test_failures_counted_in_one_process_lock_the_other(worker, url, field, name):
    MemberFactory(username="lid-proces", email="lid-proces@example.org", is_staff=True)
    first, second = worker(), worker()
    statuses = [(first if n % 2 else second)(url, {field: name, "password": f"fout-{n}"}) for n in range(10)]
    # Five failures in each process: only together do they reach the limit of ten.
    assert statuses == [200] * 9 + [429]
    assert first(url, {field: name, "password": PASSWORD}) == 429
    assert second(url, {field: name, "password": PASSWORD}) == 429

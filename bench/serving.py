"""What the HTTP benchmarks share: scratch PostgreSQL databases, the environment of our
production settings, and gunicorn processes that are always stopped, also on Ctrl-C.

Not a benchmark itself; bench/pages.py and bench/registrations.py import it.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# The same names scripts/serve.sh reads, so a run follows the deployment's sizing when set.
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "2"))
THREADS = int(os.environ.get("GUNICORN_THREADS", "4"))


def _on_server(statement):
    connection = psycopg2.connect(f"{POSTGRES_SERVER}/postgres")
    connection.autocommit = True  # CREATE and DROP DATABASE cannot run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchone() if cursor.description else None
    finally:
        connection.close()


def database_exists(name):
    return _on_server(f"SELECT count(*) FROM pg_database WHERE datname = '{name}'")[0] == 1


def create_database(name):
    _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _on_server(f'CREATE DATABASE "{name}"')


def drop_database(name):
    _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_name, work_dir, **overrides):
    """Our production settings as deployed, apart from where things live and plain HTTP on loopback."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cop_site.settings.production",
        DATABASE_URL=f"{POSTGRES_SERVER}/{database_name}",
        DJANGO_SECRET_KEY=f"bench-{secrets.token_hex(32)}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(Path(work_dir) / "static"),
        DJANGO_MEDIA_ROOT=str(Path(work_dir) / "media"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DJANGO_LOG_LEVEL="WARNING",
        # Its own keys in a shared Redis: Wagtail caches page paths there, which another database
        # (another benchmark, or an earlier run of this one) would have left stale.
        CACHE_KEY_PREFIX=f"bench-{database_name}",
    )
    env.update(overrides)
    return env


def manage(*args, env, python=None, cwd=ROOT, quiet=True):
    """Run a manage.py command of the site in `cwd`; its output is shown only when it fails."""
    command = [python or sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=quiet, text=True)
    if result.returncode:
        sys.exit(f"`manage.py {' '.join(args)}` failed:\n{result.stdout or ''}{result.stderr or ''}")
    return result.stdout


def clear_cache(env):
    """Empty the site's cache, so nothing from a dropped database of the same name is served."""
    manage("shell", "-v", "0", "-c", "from django.core.cache import cache; cache.clear()", env=env)


class Gunicorn:
    """One gunicorn master with gthread workers on 127.0.0.1 and a free port."""

    def __init__(self, name, app, env, *, cwd=ROOT, gunicorn=None, workers=WORKERS, threads=THREADS, log=None):
        self.name = name
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.command = [
            str(gunicorn or Path(sys.executable).with_name("gunicorn")),
            app,
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={threads}",
            "--timeout=120",
            "--backlog=2048",
            "--no-control-socket",
        ]
        self.env, self.cwd, self.log = env, cwd, log
        self.process = None

    def start(self):
        log = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 (kept for the process)
        # Its own process group, so stopping it also stops its workers.
        self.process = subprocess.Popen(
            self.command, cwd=self.cwd, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        return self

    def wait_until_answers(self, path="/", seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name}: gunicorn stopped (exit code {self.process.returncode}); see {self.log}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=10) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        sys.exit(f"{self.name}: no answer on {self.base_url}{path} within {seconds} s; see {self.log}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def exit_cleanly_on_sigterm():
    """A `kill` or an outer timeout runs the `finally` clauses too, as Ctrl-C does."""
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))

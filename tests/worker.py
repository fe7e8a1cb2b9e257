"""A real task worker (`manage.py db_worker`) in its own process, for the tests that need one.

Ordinary tests run each task in-process right after the commit (the test settings' ImmediateBackend).
The tests that use these fixtures switch this process to the database backend, as in production, and
run the real worker on the test's committed database, sending mail into files they read back.
"""

import email
import os
import signal
import socket
import subprocess
import sys
import time
from email import policy

from django.conf import settings
from django.db import connection

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what Django's file-based backend writes after each message


@pytest.fixture
def database_tasks(settings):
    """Tasks become rows in this test's database, waiting for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def dead_mail_server(settings):
    """SMTP pointed at a closed port: any mail sent in this process fails at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port


def pending_tasks():
    return DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])


class Worker:
    def __init__(self, tmp_path):
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        self.log = tmp_path / "worker.log"
        self.process = None

    def start(self):
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cop_site.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "TEST_WORKER_PROCESS": "true",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "ELASTICSEARCH_URL": settings.TEST_ELASTICSEARCH_URL,
        }
        command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log)

    def wait_until_idle(self, timeout=60):
        """Wait until the worker has run every task waiting in the database."""
        deadline = time.monotonic() + timeout
        while pending_tasks().exists():
            assert self.process.poll() is None, f"the worker stopped:\n{self.log.read_text()}"
            assert time.monotonic() < deadline, f"tasks still waiting after {timeout}s:\n{self.log.read_text()}"
            time.sleep(0.2)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # db_worker finishes its task, then exits
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def mails(self):
        """Every message the worker sent, parsed."""
        messages = []
        for path in sorted(self.mail_dir.iterdir()):
            for raw in path.read_bytes().split(MAIL_SEPARATOR):
                if raw.strip():
                    messages.append(email.message_from_bytes(raw, policy=policy.default))
        return messages


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def task_worker(tmp_path, database_tasks):
    """A `manage.py db_worker` process, started by the test with `.start()` and stopped afterwards."""
    worker = Worker(tmp_path)
    yield worker
    worker.stop()

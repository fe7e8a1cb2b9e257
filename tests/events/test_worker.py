"""Event e-mails leave through the task worker: a registration never waits for the mail server."""

import threading
import time
from datetime import timedelta

from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events import services
from events.emails import deliver
from events.models import EmailDelivery
from tests.worker import text_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VALID = {"name": "Anna de Vries", "email": "anna@example.org", "organisation": "Gemeente Zwolle", "privacy": "on"}


def test_registration_answers_with_the_worker_stopped_and_the_mail_goes_out_once_it_runs(
    webinar, client, task_worker, dead_mail_server
):
    response = client.post(webinar.url + "aanmelden/", VALID)

    # The request did not touch the (dead) mail server: it succeeded, the mail waits in the outbox.
    assert response.status_code == 303
    assert response["Location"] == webinar.url + "aanmelden/bevestigd/"
    delivery = EmailDelivery.objects.get()
    assert (delivery.kind, delivery.status, delivery.attempts) == ("confirmation", "pending", 0)
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.status) == ("events.tasks.send_email", TaskResultStatus.READY)
    assert task.args_kwargs == {"args": [delivery.pk], "kwargs": {}}  # an id, no personal data

    task_worker.start()
    task_worker.wait_until_idle()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    [message] = task_worker.mails()
    assert message["To"] == "Anna de Vries <anna@example.org>"
    assert message["Subject"] == f"Je bent aangemeld: {webinar.title}"
    assert "Anna" in text_of(message)


class SlowRecordingBackend(BaseEmailBackend):
    """Takes its time per message and notes what it sent and what it saw while sending."""

    sent = []
    lock = threading.Lock()

    def send_messages(self, messages):
        for message in messages:
            in_transaction = connection.in_atomic_block
            time.sleep(0.5)
            with self.lock:
                self.sent.append((message.to, in_transaction, row_is_free(message)))
        return len(messages)


def row_is_free(message):
    """Whether another connection could lock this message's outbox row right now (no lock held on it)."""
    result = []

    def probe():
        try:
            with transaction.atomic():
                delivery = EmailDelivery.objects.select_for_update(nowait=True).get(
                    registration__email=message.to[0].split("<")[-1].rstrip(">")
                )
                result.append(delivery is not None)
        except Exception:
            result.append(False)
        finally:
            connections.close_all()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join()
    return result[0]


@pytest.fixture
def slow_backend(settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowRecordingBackend"
    SlowRecordingBackend.sent.clear()
    return SlowRecordingBackend


@pytest.fixture
def queued_delivery(webinar, database_tasks, slow_backend):
    """A registration whose confirmation is in the outbox, its task not run."""
    services.register(webinar, name="Bram Bos", email="bram@example.org")
    return EmailDelivery.objects.get()


def test_no_transaction_or_row_lock_is_held_while_the_mail_server_is_talked_to(queued_delivery, slow_backend):
    assert deliver(queued_delivery.pk) == "sent"
    assert slow_backend.sent == [(["Bram Bos <bram@example.org>"], False, True)]


def test_two_workers_and_the_cron_command_racing_send_an_e_mail_once(queued_delivery, slow_backend):
    EmailDelivery.objects.filter(pk=queued_delivery.pk).update(status=EmailDelivery.Status.FAILED)  # cron's too
    results = []

    def sender():
        results.append(deliver(queued_delivery.pk))
        connections.close_all()

    threads = [threading.Thread(target=sender) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results, key=str) == [None, None, "sent"]
    assert len(slow_backend.sent) == 1
    queued_delivery.refresh_from_db()
    assert (queued_delivery.status, queued_delivery.attempts) == ("sent", 1)
    assert deliver(queued_delivery.pk) is None  # and never again afterwards
    assert len(slow_backend.sent) == 1


def test_a_send_whose_worker_died_is_taken_up_again_by_the_cron_command(queued_delivery, slow_backend):
    EmailDelivery.objects.filter(pk=queued_delivery.pk).update(
        status=EmailDelivery.Status.SENDING, attempts=1, last_attempt_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("send_pending_emails", verbosity=0)
    assert slow_backend.sent == []  # still being sent, as far as anyone knows

    EmailDelivery.objects.filter(pk=queued_delivery.pk).update(
        last_attempt_at=timezone.now() - EmailDelivery.SENDING_STALE_AFTER - timedelta(minutes=1)
    )
    call_command("send_pending_emails", verbosity=0)
    queued_delivery.refresh_from_db()
    assert (queued_delivery.status, queued_delivery.attempts, len(slow_backend.sent)) == ("sent", 2, 1)

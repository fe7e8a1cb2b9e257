"""allauth's e-mails leave through the task worker: sign-up answers while the mail server is away."""

import json
import re

from django.contrib.auth import get_user_model

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from members.models import AccountEmail
from tests.worker import text_of

from .helpers import case_data

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Opgave-Gericht-2024!"
SIGNUP = {
    "email": "nieuw@example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "full_name": "Nina Nieuw",
    "role": "Opgavemanager",
}


def test_signup_answers_with_the_worker_stopped_and_the_verification_mail_goes_out_once_it_runs(
    site, client, task_worker, dead_mail_server
):
    response = client.post("/account/signup/", SIGNUP, follow=True)

    assert response.status_code == 200
    assert "Bevestig je e-mailadres" in response.content.decode()
    queued = AccountEmail.objects.get()
    assert queued.to == "nieuw@example.org" and queued.attempts == 0
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.status) == ("members.tasks.send_account_email", TaskResultStatus.READY)
    assert task.args_kwargs == {"args": [queued.pk], "kwargs": {}}  # the message itself stays in the outbox row

    task_worker.start()
    task_worker.wait_until_idle()

    assert not AccountEmail.objects.exists()  # the one-time key left the database with the sent row
    [message] = task_worker.mails()
    assert message["To"] == "nieuw@example.org"
    link = re.search(r"https?://[^/\s]+(/account/[^\s]+)", text_of(message)).group(1)
    client.post(link)
    user = get_user_model().objects.get(email="nieuw@example.org")
    assert user.emailaddress_set.get().verified


def test_deleting_the_account_leaves_no_personal_data_in_the_outbox_or_the_task_rows(site, client, task_worker):
    client.post("/account/signup/", SIGNUP, follow=True)
    assert AccountEmail.objects.count() == 1

    response = client.post("/mijn/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not AccountEmail.objects.exists()

    task_worker.start()
    task_worker.wait_until_idle()
    assert task_worker.mails() == []  # nothing left to send
    rows = json.dumps(list(DBTaskResult.objects.values("args_kwargs", "return_value", "exception_class_path")))
    assert "nieuw@example.org" not in rows and "Nina" not in rows
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}


def test_a_submitted_case_tells_member_and_moderators_through_the_worker(site, users, clients, task_worker):
    member = users["member_a"]
    response = clients["member_a"].post("/praktijkvoorbeelden/delen/", case_data(site, title="Wijkteams in Zwolle"))
    assert response.status_code == 302

    tasks = dict(DBTaskResult.objects.values_list("task_path", "status"))
    assert tasks["members.tasks.send_case_email"] == TaskResultStatus.READY
    assert tasks["members.tasks.send_wagtail_notification"] == TaskResultStatus.READY

    task_worker.start()
    task_worker.wait_until_idle()

    by_recipient = {message["To"]: message for message in task_worker.mails()}
    assert set(by_recipient) == {member.email, "moderator@example.org"}
    assert "Wijkteams in Zwolle" in text_of(by_recipient[member.email])
    assert "Wijkteams in Zwolle" in text_of(by_recipient["moderator@example.org"])  # Wagtail's own notification

"""Background tasks (django-tasks) for member accounts and cases. They carry ids only."""

from django_tasks import task

from .mail import deliver_account_email


@task()
def send_account_email(mail_id):
    return deliver_account_email(mail_id)

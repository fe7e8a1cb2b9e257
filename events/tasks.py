"""Background tasks (django-tasks). A task only carries an outbox id; the outbox row is the truth."""

from django_tasks import task

from .emails import deliver


@task()
def send_email(delivery_id):
    """Send one e-mail from the outbox. A failure is recorded on the row and retried by `send_pending_emails`."""
    return deliver(delivery_id)

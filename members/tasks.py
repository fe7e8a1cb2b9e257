"""Background tasks (django-tasks) for member accounts and cases. They carry ids only and re-read
what they need when they run."""

from django.apps import apps
from django.contrib.auth import get_user_model

from django_tasks import task

from . import mail

# Wagtail's moderation notifications, by the name of the signal that triggers them.
WAGTAIL_NOTIFIERS = {
    "task_submitted": "task_submission_email_notifier",
    "workflow_submitted": "workflow_submission_email_notifier",
    "workflow_rejected": "workflow_rejection_email_notifier",
    "workflow_approved": "workflow_approval_email_notifier",
}


@task()
def send_account_email(mail_id):
    return mail.deliver_account_email(mail_id)


@task()
def send_case_email(page_id, kind, task_state_id=None):
    """Tell a member about their case ("submitted", "approved" or "changes_requested")."""
    mail.send_case_email(page_id, kind, task_state_id)


@task()
def send_wagtail_notification(signal_name, model_label, pk, user_id=None):
    """Run Wagtail's own e-mail notifier for a workflow or task state, as its signal handler would."""
    from wagtail.admin import signal_handlers

    notifier = getattr(signal_handlers, WAGTAIL_NOTIFIERS[signal_name])
    instance = apps.get_model(model_label).objects.filter(pk=pk).first()
    if instance is None:  # deleted with its page in the meantime
        return False
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return notifier(instance=instance, user=user)

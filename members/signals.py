"""Members join the "Leden" group once their e-mail is verified; they hear about their cases by e-mail."""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from wagtail.signals import page_published, task_rejected, workflow_approved

from allauth.account.signals import email_confirmed

from knowledge.models import PracticeCasePage

from . import media
from .mail import member_case

logger = logging.getLogger(__name__)


@receiver(email_confirmed)
def join_members_group(sender, request=None, email_address=None, **kwargs):
    from .workflow import make_member

    user = email_address.user
    if user.is_staff or user.is_superuser:
        return
    make_member(user)


def queue_case_email(page, kind, task_state=None):
    # Enqueued in the reviewer's transaction: the worker sees it once that commits, or never.
    from .tasks import send_case_email as send_case_email_task

    send_case_email_task.enqueue(page.pk, kind, task_state.pk if task_state else None)


@receiver(workflow_approved)
def notify_approved(sender, instance, user=None, **kwargs):
    page = member_case(instance.content_object)
    if page is not None:
        queue_case_email(page, "approved")


@receiver(task_rejected)
def notify_changes_requested(sender, instance, user=None, **kwargs):
    page = member_case(instance.workflow_state.content_object)
    if page is not None:
        queue_case_email(page, "changes_requested", instance)


def confirm_submission(page):
    """Tells the member their case has come in, once the submit is committed (Wagtail's own workflow_submitted signal comes only
    on the first submit, not on a resubmit after changes)."""
    page = member_case(page)
    if page is not None:
        transaction.on_commit(partial(queue_case_email, page, "submitted"))


def defer_wagtail_notification(signal_name):
    def handler(sender, instance, user=None, **kwargs):
        from .tasks import send_wagtail_notification

        send_wagtail_notification.enqueue(signal_name, instance._meta.label_lower, instance.pk, user and user.pk)

    return handler


def defer_wagtail_notifications():
    """Wagtail's moderation e-mails are sent by the worker: its own handlers are replaced by ones that
    enqueue a task. Replacing them under Wagtail's dispatch_uid also holds when wagtail.admin connects
    them after this app (it then finds the uid taken)."""
    from wagtail import signals as wagtail_signals
    from wagtail.models import TaskState, WorkflowState

    from .tasks import WAGTAIL_NOTIFIERS

    uids = {
        "task_submitted": (TaskState, "group_approval_task_submitted_email_notification"),
        "workflow_submitted": (WorkflowState, "workflow_state_submitted_email_notification"),
        "workflow_rejected": (WorkflowState, "workflow_state_rejected_email_notification"),
        "workflow_approved": (WorkflowState, "workflow_state_approved_email_notification"),
    }
    for signal_name in WAGTAIL_NOTIFIERS:
        signal = getattr(wagtail_signals, signal_name)
        sender, uid = uids[signal_name]
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(defer_wagtail_notification(signal_name), sender=sender, dispatch_uid=uid, weak=False)


@receiver(page_published, sender=PracticeCasePage)
def make_uploads_public(sender, instance, **kwargs):
    media.publish_uploads(instance)


@receiver(pre_delete, sender=PracticeCasePage)
def note_private_uploads(sender, instance, **kwargs):
    # Read while the case's attachments and revisions still exist; deleted after the case itself.
    documents, images = media.case_media(instance)
    instance._private_uploads = [obj for obj in [*documents, *images] if media.is_private(obj)]


@receiver(post_delete, sender=PracticeCasePage)
def delete_private_uploads(sender, instance, **kwargs):
    """A case that was never published takes the files only it used along (wherever it is deleted)."""
    media.delete_unused(getattr(instance, "_private_uploads", []), ignore_page=instance)

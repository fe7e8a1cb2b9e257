"""Members join the "Leden" group once their e-mail is verified; they hear about their cases by e-mail."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.signals import page_published, task_rejected, workflow_approved

from allauth.account.signals import email_confirmed

from core.links import page_url, public_url, site_name
from knowledge.models import PracticeCasePage

from . import media

logger = logging.getLogger(__name__)


@receiver(email_confirmed)
def join_members_group(sender, request=None, email_address=None, **kwargs):
    from .workflow import make_member

    user = email_address.user
    if user.is_staff or user.is_superuser:
        return
    make_member(user)


def _member_case(obj):
    from knowledge.models import PracticeCasePage

    page = getattr(obj, "specific_deferred", obj)
    if not isinstance(page, PracticeCasePage) or page.owner is None or not page.owner.email:
        return None
    if not hasattr(page.owner, "member_profile"):
        return None
    return page


CASE_EMAIL_TEMPLATES = {
    "submitted": "members/emails/case_submitted.txt",
    "approved": "members/emails/case_approved.txt",
    "changes_requested": "members/emails/case_changes_requested.txt",
}


def send_case_email(page_id, kind, task_state_id=None):
    """Render and send one case e-mail to its member (run by the task worker, members.tasks)."""
    from wagtail.models import TaskState

    from .models import member_display_name

    page = _member_case(PracticeCasePage.objects.filter(pk=page_id).select_related("owner").first())
    if page is None:  # deleted, or its owner's account, in the meantime
        return
    task_state = TaskState.objects.filter(pk=task_state_id).first() if task_state_id else None
    page = page.get_latest_revision_as_object()  # a draft's title lives in its latest revision
    context = {
        "page": page,
        "owner": page.owner,
        "name": member_display_name(page.owner),
        "page_url": page_url(page),
        "dashboard_url": public_url(reverse("members:dashboard")),
        "site_name": site_name(page.get_site()),
        "comment": task_state.comment if task_state else "",
    }
    body = render_to_string(CASE_EMAIL_TEMPLATES[kind], context)
    subject, _sep, text = body.partition("\n")
    try:
        send_mail(subject.strip(), text.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [page.owner.email])
    except Exception:  # logged, not raised: a task row would keep the error, which may name the address
        logger.exception("Could not e-mail member about case %s", page.pk)


def queue_case_email(page, kind, task_state=None):
    # Enqueued in the reviewer's transaction: the worker sees it once that commits, or never.
    from .tasks import send_case_email as send_case_email_task

    send_case_email_task.enqueue(page.pk, kind, task_state.pk if task_state else None)


@receiver(workflow_approved)
def notify_approved(sender, instance, user=None, **kwargs):
    page = _member_case(instance.content_object)
    if page is not None:
        queue_case_email(page, "approved")


@receiver(task_rejected)
def notify_changes_requested(sender, instance, user=None, **kwargs):
    page = _member_case(instance.workflow_state.content_object)
    if page is not None:
        queue_case_email(page, "changes_requested", instance)


def confirm_submission(page):
    """Tells the member their case has come in, once the submit is committed (Wagtail's own workflow_submitted signal comes only
    on the first submit, not on a resubmit after changes)."""
    page = _member_case(page)
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

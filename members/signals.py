"""Members join the "Leden" group once their e-mail is verified; they hear about their cases by e-mail."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.signals import page_published, task_rejected, workflow_approved

from allauth.account.signals import email_confirmed

from cop_site.links import page_url, public_url, site_name
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


def _send(page, template, context):
    from .models import member_display_name

    context = {
        "page": page,
        "owner": page.owner,
        "name": member_display_name(page.owner),
        "page_url": page_url(page),
        "dashboard_url": public_url(reverse("members:dashboard")),
        "site_name": site_name(page.get_site()),
        **context,
    }
    body = render_to_string(template, context)
    subject, _sep, text = body.partition("\n")
    try:
        send_mail(subject.strip(), text.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [page.owner.email])
    except Exception:  # a failing mail server must not undo the reviewer's action
        logger.exception("Could not e-mail member about case %s", page.pk)


@receiver(workflow_approved)
def notify_approved(sender, instance, user=None, **kwargs):
    page = _member_case(instance.content_object)
    if page is not None:
        _send(page, "members/emails/case_approved.txt", {})


@receiver(task_rejected)
def notify_changes_requested(sender, instance, user=None, **kwargs):
    page = _member_case(instance.workflow_state.content_object)
    if page is not None:
        _send(page, "members/emails/case_changes_requested.txt", {"comment": instance.comment})


def confirm_submission(page):
    """Tells the member their case has come in, once the submit is committed (Wagtail's own
    workflow_submitted signal comes only on the first submit, not on a resubmit after changes)."""
    page = _member_case(page)
    if page is not None:
        transaction.on_commit(lambda: _send(page, "members/emails/case_submitted.txt", {}))


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

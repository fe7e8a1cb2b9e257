"""Sending the members' e-mails from the task worker: the account e-mails that allauth left in the
outbox (AccountEmail), and the e-mails about a member's case (send_case_email).

Like the event e-mails: the row is claimed in a short transaction, the mail server is talked to with
no transaction or lock held, and then the row is deleted (sent) or released for a retry (failed).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.links import page_url, public_url, site_name
from knowledge.models import PracticeCasePage

from .models import AccountEmail

logger = logging.getLogger(__name__)

SENDING_STALE_AFTER = timedelta(minutes=15)


def claimable(now=None):
    now = now or timezone.now()
    return AccountEmail.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - SENDING_STALE_AFTER),
        attempts__lt=AccountEmail.MAX_ATTEMPTS,
    )


def retryable(now=None, grace=timedelta(minutes=2)):
    """Rows whose task may have been lost or failed: older than `grace`, attempts left."""
    now = now or timezone.now()
    return claimable(now).filter(created_at__lte=now - grace)


def claim(mail_id):
    with transaction.atomic():
        mail = claimable().select_for_update(skip_locked=True).filter(pk=mail_id).first()
        if mail is not None:
            mail.claimed_at = timezone.now()
            mail.attempts += 1
            mail.save(update_fields=["claimed_at", "attempts"])
        return mail


def deliver_account_email(mail_id):
    """Send one account e-mail; True when sent, False when it failed, None when it is not ours to send."""
    mail = claim(mail_id)
    if mail is None:
        return None
    message = EmailMultiAlternatives(mail.subject, mail.text or mail.html, mail.from_email, [mail.to])
    if not mail.text:
        message.content_subtype = "html"
    elif mail.html:
        message.attach_alternative(mail.html, "text/html")
    try:
        message.send(fail_silently=False)
    except Exception as error:  # keep it for a retry by `send_pending_emails`, while attempts are left
        logger.warning("Account e-mail %s could not be sent (attempt %s): %s", mail.pk, mail.attempts, error)
        if mail.attempts >= AccountEmail.MAX_ATTEMPTS:  # given up: its one-time key and address go
            AccountEmail.objects.filter(pk=mail.pk).delete()
        else:
            AccountEmail.objects.filter(pk=mail.pk).update(
                claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:2000]
            )
        return False
    AccountEmail.objects.filter(pk=mail.pk).delete()  # the one-time key leaves the database with it
    return True


def member_case(obj):
    """The member's practice case behind `obj` (a page, revision or workflow object), or None when
    it is not a case of a member with an e-mail address."""
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

    page = member_case(PracticeCasePage.objects.filter(pk=page_id).select_related("owner").first())
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

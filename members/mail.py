"""Sending the account e-mails that allauth left in the outbox (AccountEmail), from the task worker.

Like the event e-mails: the row is claimed in a short transaction, the mail server is talked to with
no transaction or lock held, and then the row is deleted (sent) or released for a retry (failed).
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

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

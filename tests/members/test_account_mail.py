"""The account e-mail outbox: a sent message leaves the database; a failing one is retried, then dropped."""

from django.core import mail
from django.core.management import call_command

import pytest

from members.factories import MemberFactory
from members.mail import deliver_account_email
from members.models import AccountEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued():
    return AccountEmail.objects.create(
        user=MemberFactory(email="lid@example.org"),
        to="lid@example.org",
        from_email="noreply@example.org",
        subject="[Kennisbank] Bevestig je e-mailadres",
        text="Open deze link: https://example.org/account/confirm-email/geheim/",
    )


def test_a_sent_account_mail_is_deleted_with_its_one_time_link(queued, mailoutbox):
    assert deliver_account_email(queued.pk) is True
    [message] = mailoutbox
    assert message.to == ["lid@example.org"] and "confirm-email/geheim" in message.body
    assert not AccountEmail.objects.exists()
    assert deliver_account_email(queued.pk) is None  # nothing to send twice


def test_a_failing_account_mail_is_retried_by_the_cron_command_and_dropped_after_the_last_attempt(
    queued, dead_mail_server
):
    assert deliver_account_email(queued.pk) is False
    queued.refresh_from_db()
    assert (queued.attempts, queued.claimed_at) == (1, None) and "refused" in queued.last_error.lower()

    AccountEmail.objects.filter(pk=queued.pk).update(created_at=queued.created_at.replace(year=2020))
    for _attempt in range(AccountEmail.MAX_ATTEMPTS - 1):
        call_command("send_pending_emails", verbosity=0)
    assert not AccountEmail.objects.exists()  # given up: the address and the link are gone
    assert mail.outbox == []

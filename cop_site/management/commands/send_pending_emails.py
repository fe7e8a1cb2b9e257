"""Send what is left in the outboxes: event e-mails and account e-mails (members.AccountEmail) whose
send failed with attempts left, or whose task was lost.

Safe to run at any time and as often as you like (e.g. every 10 minutes from cron):
an e-mail that was sent is never sent again, and two runs never send the same one.
"""

from django.core.management.base import BaseCommand

from tqdm import tqdm

from events.emails import deliver
from events.models import EmailDelivery
from members.mail import deliver_account_email, retryable


class Command(BaseCommand):
    help = "Verstuurt e-mails over bijeenkomsten die nog niet (goed) verstuurd zijn. Veilig om vaker te draaien."

    def handle(self, *args, verbosity=1, **options):
        ids = list(EmailDelivery.retryable().order_by("created_at", "pk").values_list("pk", flat=True))
        results = {}
        for delivery_id in tqdm(ids, desc="E-mails", unit="mail", file=self.stderr._out, disable=verbosity < 1):
            status = deliver(delivery_id) or "bezig"
            results[status] = results.get(status, 0) + 1
        account_ids = list(retryable().values_list("pk", flat=True))
        for mail_id in tqdm(
            account_ids, desc="Account-e-mails", unit="mail", file=self.stderr._out, disable=verbosity < 1
        ):
            status = {True: "sent", False: "failed", None: "bezig"}[deliver_account_email(mail_id)]
            results[status] = results.get(status, 0) + 1
        given_up = EmailDelivery.objects.filter(
            status=EmailDelivery.Status.FAILED, attempts__gte=EmailDelivery.MAX_ATTEMPTS
        ).count()
        summary = ", ".join(f"{count} {status}" for status, count in sorted(results.items())) or "niets te doen"
        self.stdout.write(f"E-mails: {summary}.")
        if given_up:
            self.stdout.write(
                self.style.WARNING(
                    f"{given_up} e-mail(s) zijn {EmailDelivery.MAX_ATTEMPTS} keer mislukt en worden niet meer geprobeerd."
                )
            )

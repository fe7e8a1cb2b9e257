"""allauth's e-mails with links on the site's public address, signed with the site's name,
sent by the task worker rather than in the visitor's request."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model

from allauth.account.adapter import DefaultAccountAdapter

from core.links import rebased, site_name

from .models import AccountEmail
from .tasks import send_account_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth builds activate_url, password_reset_url and signup_url from the request's
        # host (some outside the adapter); a mailed link must use the configured address.
        context = {key: rebased(value) if key.endswith("_url") and value else value for key, value in context.items()}
        # Without django.contrib.sites, allauth's current_site is the request's host:port.
        context["current_site"] = SimpleNamespace(
            name=site_name(), domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
        )
        message = self.render_mail(template_prefix, email, context)
        if message.content_subtype == "html":
            text, html = "", message.body
        else:
            text = message.body
            html = next(
                (body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
            )
        user = context.get("user")
        queued = AccountEmail.objects.create(
            user=user if isinstance(user, get_user_model()) and user.pk else None,
            to=email,
            from_email=message.from_email,
            subject=message.subject,
            text=text,
            html=html,
        )
        # In the same transaction as the row: the worker sees both once the request commits, or neither.
        send_account_email.enqueue(queued.pk)

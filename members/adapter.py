"""allauth's e-mails with links on the site's public address, signed with the site's name."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings

from allauth.account.adapter import DefaultAccountAdapter

from cop_site.links import rebased, site_name


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth builds activate_url, password_reset_url and signup_url from the request's
        # host (some outside the adapter); a mailed link must use the configured address.
        context = {key: rebased(value) if key.endswith("_url") and value else value for key, value in context.items()}
        # Without django.contrib.sites, allauth's current_site is the request's host:port.
        context["current_site"] = SimpleNamespace(
            name=site_name(), domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc
        )
        super().send_mail(template_prefix, email, context)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CopSiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cop_site"
    verbose_name = _("Website")

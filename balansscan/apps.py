from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BalansscanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balansscan"
    verbose_name = _("Balansscan")

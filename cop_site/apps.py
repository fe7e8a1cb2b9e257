from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class CopSiteConfig(AppConfig):
    default = True  # apps.py holds two configs; this one is the app's
    default_auto_field = "django.db.models.BigAutoField"
    name = "cop_site"
    verbose_name = _("Website")


class CopStaticFilesConfig(StaticFilesConfig):
    # @utrecht/design-tokens ships background-image-icon.css pointing at SVGs it does not include.
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "background-image-icon.css"]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app builds on: blocks, the abstract document base, listing and facet
    helpers, caching by content version, view restrictions, text and link utilities, rate limits.
    It imports no app of ours (pyproject.toml, [tool.importlinter])."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Kern")

    def ready(self):
        from . import caching

        caching.connect()

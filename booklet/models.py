"""Editions of the booklet: each one a Wagtail document, kept so that earlier editions stay available."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BookletEditionQuerySet(models.QuerySet):
    def latest_edition(self):
        return self.select_related("document").first()


class BookletEdition(models.Model):
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    built_at = models.DateTimeField(_("gemaakt op"), db_index=True)
    # The SHA-256 of the booklet's HTML without its date: equal content, equal digest.
    digest = models.CharField(_("inhoudscontrole"), max_length=64)
    page_count = models.PositiveIntegerField(_("aantal pagina's"))

    objects = BookletEditionQuerySet.as_manager()

    class Meta:
        ordering = ["-built_at", "-pk"]
        verbose_name = _("editie van het boekje")
        verbose_name_plural = _("edities van het boekje")
        permissions = [("rebuild_bookletedition", _("Kan het boekje opnieuw maken"))]

    def __str__(self):
        return f"{self.document.title} ({self.built_at:%d-%m-%Y %H:%M})"

"""The models every app may use: the site's own settings and the abstract document link."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


class LabelledDocument(Orderable):
    """A document attached to a page, shown under its own title or the document's."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("titel"), max_length=200, blank=True, help_text=_("Laat leeg om de documenttitel te gebruiken.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def label(self):
        return self.title or self.document.title


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(_("naam vereniging"), max_length=200, default="Vereniging van projectbureaus")
    about = models.TextField(
        _("over de vereniging"),
        blank=True,
        help_text=_("Een korte beschrijving voor de voettekst."),
    )
    contact_email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    practical_contact_name = models.CharField(_("contactpersoon praktische vragen"), max_length=200, blank=True)
    practical_contact_email = models.EmailField(_("e-mail praktische vragen"), blank=True)
    theme_contact_name = models.CharField(_("contactpersoon themasuggesties"), max_length=200, blank=True)
    theme_contact_email = models.EmailField(_("e-mail themasuggesties"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Wordt gelinkt in de voettekst en bij elk formulier dat persoonsgegevens vraagt."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Wordt gelinkt in de voettekst."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("about"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [FieldPanel("practical_contact_name"), FieldPanel("practical_contact_email")],
            heading=_("Praktische vragen over bijeenkomsten"),
        ),
        MultiFieldPanel(
            [FieldPanel("theme_contact_name"), FieldPanel("theme_contact_email")],
            heading=_("Suggesties voor thema's"),
        ),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("accessibility_page")], heading=_("Verklaringen")),
    ]

    class Meta:
        verbose_name = _("website-instellingen")

"""The Balansscan: statements per perspective (editors), and the scans people complete.

A scan holds no name, e-mail address or account: only the answers, the scores made from them,
an optional organisation type (for the opt-in benchmark) and the team it belongs to, if any.
Its `public_id` is the unguessable key of the result link; scans are deleted after
BALANSSCAN_RETENTION_DAYS.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from knowledge.models import Organisation

# Statements per perspective: fewer than the minimum makes a shaky score, more than the maximum a long scan.
STATEMENTS_MINIMUM = 3
STATEMENTS_MAXIMUM = 6

# Team codes are read aloud and typed: no 0/O, 1/I/L.
TEAM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TEAM_CODE_LENGTH = 8


def new_public_id():
    return secrets.token_urlsafe(16)


def new_team_code():
    return "".join(secrets.choice(TEAM_CODE_ALPHABET) for _ in range(TEAM_CODE_LENGTH))


class Statement(Orderable):
    """One statement of the scan, about one perspective, optionally pointing at the building block that helps."""

    perspective = models.ForeignKey(
        "knowledge.Perspective", verbose_name=_("invalshoek"), on_delete=models.CASCADE, related_name="statements"
    )
    text = models.CharField(_("stelling"), max_length=300)
    building_block = models.ForeignKey(
        "knowledge.BuildingBlockPage",
        verbose_name=_("bouwsteen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De bouwsteen die helpt als een organisatie hier laag op scoort."),
    )

    panels = [FieldPanel("perspective"), FieldPanel("text"), FieldPanel("building_block")]

    class Meta(Orderable.Meta):
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.perspective_id is None:
            return
        others = Statement.objects.filter(perspective_id=self.perspective_id).exclude(pk=self.pk).count()
        if others >= STATEMENTS_MAXIMUM:
            raise ValidationError(
                {
                    "perspective": _(
                        "Deze invalshoek heeft al %(maximum)s stellingen, het maximum. Verwijder of verplaats er eerst één."
                    )
                    % {"maximum": STATEMENTS_MAXIMUM}
                }
            )


class Team(models.Model):
    """A team scan: colleagues answer with the code; the result shows once enough have answered."""

    code = models.CharField(_("code"), max_length=TEAM_CODE_LENGTH, unique=True, default=new_team_code)
    # Who started the team scan may close it: a secret kept in their result link, never shown to others.
    starter_key = models.CharField(max_length=32, default=new_public_id, editable=False)
    created_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("teamscan")
        verbose_name_plural = _("teamscans")

    def __str__(self):
        return self.code

    @property
    def is_closed(self):
        return self.closed_at is not None


class Scan(models.Model):
    """One completed scan: the answers per statement and the score per perspective (0-100)."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    # The random key of one filling-in (forms.pack): the last step sent twice saves one scan.
    submission_key = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("ingevuld op"), auto_now_add=True, db_index=True)
    # {statement id: 1..5, or None for "weet ik niet"}
    answers = models.JSONField(_("antwoorden"), default=dict)
    # {perspective slug: 0..100, or None when no statement of it was answered}
    scores = models.JSONField(_("scores"), default=dict)
    team = models.ForeignKey(
        Team, verbose_name=_("teamscan"), null=True, blank=True, on_delete=models.CASCADE, related_name="scans"
    )
    organisation_type = models.CharField(
        _("soort organisatie"), max_length=20, choices=Organisation.Type.choices, blank=True
    )
    in_benchmark = models.BooleanField(_("telt mee in de vergelijking"), default=False)

    class Meta:
        verbose_name = _("ingevulde scan")
        verbose_name_plural = _("ingevulde scans")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What a member tells about themselves; the account itself is Django's user."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile")
    full_name = models.CharField(_("volledige naam"), max_length=200)
    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    other_organisation = models.CharField(
        _("andere organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Alleen invullen als je organisatie niet in de lijst staat."),
    )
    role = models.CharField(_("functie"), max_length=200)
    bio = models.TextField(_("korte bio (openbaar)"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self):
        return self.full_name or self.user.email

    @property
    def organisation_name(self):
        return self.organisation.name if self.organisation else self.other_organisation


def member_display_name(user):
    """How the site names a member (also allauth's ACCOUNT_USER_DISPLAY): name or e-mail, never the username."""
    profile = getattr(user, "member_profile", None)
    return (profile.full_name if profile else "") or user.get_full_name() or user.email


class AccountEmail(models.Model):
    """allauth's e-mails (verification, password reset, ...) waiting for the task worker.

    allauth renders them with a one-time key, so the message itself is stored here: the row is
    deleted as soon as it is sent, and with the account it belongs to.
    """

    MAX_ATTEMPTS = 5

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    to = models.EmailField(db_index=True)
    from_email = models.CharField(max_length=300)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Set while a worker sends it; a claim older than SENDING_STALE_AFTER died with its worker.
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("account-e-mail")
        verbose_name_plural = _("account-e-mails")

    def __str__(self):
        return self.subject

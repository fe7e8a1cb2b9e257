from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

NO_MARKUP = _("Gebruik geen < of > in dit veld.")


def no_markup(value):
    if "<" in value or ">" in value:
        raise ValidationError(NO_MARKUP, code="markup")


def too_long(limit):
    return _("Gebruik maximaal %(limit)s tekens.") % {"limit": limit}


def known_about(user):
    """What a logged-in visitor's account already says, to fill in the registration form."""
    profile = getattr(user, "member_profile", None)  # editors have no member profile
    known = {
        "name": (profile.full_name if profile else "") or user.get_full_name(),
        "email": user.email,
        "organisation": profile.organisation_name if profile else "",
        "role": profile.role if profile else "",
    }
    return {field: value for field, value in known.items() if value}


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        validators=[no_markup],
        error_messages={"required": _("Vul je naam in."), "max_length": too_long(200)},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hier sturen we de bevestiging naartoe."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
            "max_length": too_long(254),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        validators=[no_markup],
        help_text=_("Bijvoorbeeld: Gemeente Zwolle."),
        error_messages={"required": _("Vul je organisatie in."), "max_length": too_long(200)},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Functie"),
        max_length=200,
        required=False,
        validators=[no_markup],
        error_messages={"max_length": too_long(200)},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    privacy = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring: mijn gegevens worden alleen voor deze bijeenkomst gebruikt."),
        error_messages={
            "required": _("Geef toestemming voor het gebruik van je gegevens, anders kunnen we je niet aanmelden.")
        },
    )

    # A honeypot: hidden from people, screen readers and the keyboard (register.html), so only a
    # robot fills it in. Such a submission is answered as a success but stores and sends nothing.
    HONEYPOT = "website"
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        if user is not None and user.is_authenticated and not kwargs.get("data") and not args:
            kwargs["initial"] = {**known_about(user), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        # Short names for the error summary at the top of the form.
        for name, label in self.SHORT_LABELS.items():
            self.fields[name].short_label = label

    SHORT_LABELS = {
        "name": _("Naam"),
        "email": _("E-mailadres"),
        "organisation": _("Organisatie"),
        "role": _("Functie"),
        "privacy": _("Toestemming"),
    }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Vul je naam in."), code="required")
        return name


class RegistrationAdminForm(WagtailAdminModelForm):
    """The editor's form: one registration per e-mail address per event, checked before saving."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        registration = self.instance
        clash = (
            type(registration)
            .objects.filter(event_id=registration.event_id, email__iexact=email)
            .exclude(pk=registration.pk)
        )
        if clash.exists():
            raise ValidationError(_("Dit e-mailadres is al aangemeld voor deze bijeenkomst."))
        return email

import datetime
import functools
import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from knowledge.models import CASE_TEXT_FEATURES, BuildingBlockPage, Organisation, Perspective, PracticeCasePage

from .models import Profile
from .uploads import clean_image, validate_attachment

MAX_TEXT = 20_000
MAX_ATTACHMENTS = 3
TITLE_MAX = 120


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    full_name = forms.CharField(label=_("Volledige naam"), max_length=200)
    role = forms.CharField(label=_("Functie"), max_length=200)

    def signup(self, request, user):
        user.first_name = self.cleaned_data["full_name"][:150]
        user.save(update_fields=["first_name"])
        Profile.objects.update_or_create(
            user=user, defaults={"full_name": self.cleaned_data["full_name"], "role": self.cleaned_data["role"]}
        )


def reviewed_organisations():
    """The organisations members may choose: not those another member added that editors have not checked yet."""
    return Organisation.objects.filter(reviewed=True).order_by("name")


class ProfileForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        reviewed_organisations(),
        label=_("Organisatie"),
        required=False,
        empty_label=_("Anders, namelijk (vul hieronder in)"),
    )

    class Meta:
        model = Profile
        fields = ["full_name", "organisation", "other_organisation", "role", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organisation") and not cleaned.get("other_organisation"):
            self.add_error("other_organisation", _("Kies je organisatie of vul de naam in."))
        return cleaned


LIST_ITEM = re.compile(r"^(?:(?P<bullet>[-*•])|(?P<number>\d{1,2})[.)])\s+(?P<text>.+)$")
LIST_TYPES = {"unordered-list-item", "ordered-list-item"}


@functools.cache
def case_text_converter():
    """Draftail's own converter for the case texts' features: what it writes, the admin editor can open."""
    return ContentstateConverter(CASE_TEXT_FEATURES)


def text_to_html(text):
    """Plain text from a textarea to the HTML that Draftail itself stores.

    A blank line starts a new paragraph, a single line break stays a line break, and lines that start
    with "- ", "* " or "1. " become list items. The converter escapes the text.
    """
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = []
        for line in paragraph.strip().split("\n"):
            item = LIST_ITEM.match(line.strip())
            if item is None:
                lines.append(line.strip())
                continue
            if lines:
                blocks.append(("unstyled", "\n".join(lines)))
                lines = []
            blocks.append(("ordered-list-item" if item["number"] else "unordered-list-item", item["text"].strip()))
        if any(lines):
            blocks.append(("unstyled", "\n".join(lines)))
    if not blocks:
        return ""
    state = {
        "blocks": [
            {"key": f"b{n}", "type": kind, "depth": 0, "text": text, "inlineStyleRanges": [], "entityRanges": []}
            for n, (kind, text) in enumerate(blocks)
        ],
        "entityMap": {},
    }
    return case_text_converter().to_database_format(json.dumps(state))


def html_to_text(html):
    """The reverse of text_to_html, to prefill the form when a member edits a case.

    It also reads the older <p>…<br>…</p> form, whose unclosed <br> the converter's parser cannot match.
    """
    if not html:
        return ""
    state = json.loads(case_text_converter().from_database_format(re.sub(r"<br\s*/?>", "<br/>", html)))
    text, previous, number = "", None, 0
    for block in state["blocks"]:
        kind = block["type"]
        number = number + 1 if kind == previous == "ordered-list-item" else 1
        line = {"unordered-list-item": "- ", "ordered-list-item": f"{number}. "}.get(kind, "") + block["text"]
        # A list follows its item or introduction on the next line; anything else is a new paragraph.
        joined_by_line = kind in LIST_TYPES and previous in {kind, "unstyled"}
        text += ("\n" if joined_by_line else "\n\n") + line if previous else line
        previous = kind
    return text


def story_field(label, help_text):
    """One of the four parts of a case's story: plain text, paragraphs by blank lines."""
    return forms.CharField(
        label=label, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6}), help_text=help_text
    )


class CaseSubmissionForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        error_messages={
            "max_length": _(
                "Maak de titel korter: hij mag %(limit_value)d tekens hebben en heeft er nu %(show_value)d."
            )
        },
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Twee tot vier zinnen: wat is er gedaan en wat leverde het op?"),
    )
    organisation = forms.ModelChoiceField(
        reviewed_organisations(),
        label=_("Organisatie"),
        required=False,
        empty_label=_("Anders, namelijk (vul hieronder in)"),
    )
    other_organisation = forms.CharField(
        label=_("Andere organisatie"),
        max_length=200,
        required=False,
        help_text=_("Staat je organisatie niet in de lijst? Vul dan hier de naam in. De redactie controleert hem."),
    )
    perspectives = forms.ModelMultipleChoiceField(
        Perspective.objects.order_by("sort_order"),
        label=_("Invalshoeken"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één invalshoek.")},
    )
    building_blocks = forms.ModelMultipleChoiceField(
        BuildingBlockPage.objects.none(),
        label=_("Bouwstenen"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Alleen bouwstenen van de gekozen invalshoeken."),
    )
    phase = forms.ChoiceField(label=_("Fase"), choices=PracticeCasePage.Phase.choices)
    year = forms.IntegerField(label=_("Jaar"), min_value=1990)
    situation = story_field(_("Situatie"), _("Wat was de opgave en de aanleiding?"))
    approach = story_field(_("Aanpak"), _("Wat is er gedaan, met wie?"))
    results = story_field(_("Resultaten"), _("Wat heeft het opgeleverd?"))
    lessons = story_field(_("Lessen"), _("Wat kunnen anderen hiervan leren?"))
    attachment_1 = forms.FileField(
        label=_("Bijlage 1"), required=False, help_text=_("PDF, DOCX, ODT, XLSX of PPTX, maximaal 10 MB.")
    )
    attachment_2 = forms.FileField(label=_("Bijlage 2"), required=False)
    attachment_3 = forms.FileField(label=_("Bijlage 3"), required=False)
    image = forms.FileField(label=_("Afbeelding"), required=False, help_text=_("JPEG, PNG of WebP, maximaal 5 MB."))
    contact_name = forms.CharField(label=_("Naam contactpersoon"), max_length=200)
    contact_role = forms.CharField(label=_("Functie contactpersoon"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail contactpersoon"))
    publish_contact_email = forms.BooleanField(
        label=_("Het e-mailadres van de contactpersoon mag op de openbare pagina staan."),
        required=False,
        help_text=_("Zonder vinkje staan alleen de naam en functie op de site."),
    )
    consent = forms.BooleanField(
        label=_("Ik heb toestemming van mijn organisatie om dit voorbeeld te publiceren."),
        error_messages={"required": _("Zonder toestemming kunnen we het voorbeeld niet publiceren.")},
    )
    # Honeypot: hidden from people, filled by bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)

    text_fields = ["situation", "approach", "results", "lessons"]
    attachment_fields = ["attachment_1", "attachment_2", "attachment_3"]

    def __init__(self, *args, existing_attachments=0, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's maxlength would cut a pasted title off mid-word without a word; the server says why.
        self.fields["title"].widget.attrs.pop("maxlength")
        self.draft = draft
        if draft:
            # A concept may be half done: only the title is needed; the rest is checked when it is submitted.
            for name, field in self.fields.items():
                field.required = name == "title"
        max_year = datetime.date.today().year + 1
        self.fields["year"].max_value = max_year
        self.fields["year"].validators.append(MaxValueValidator(max_year))
        self.fields["year"].widget.attrs["max"] = max_year
        self.fields["building_blocks"].queryset = BuildingBlockPage.objects.live().order_by("path")
        self.existing_attachments = existing_attachments
        self.cleaned_image = None

    def block_perspectives(self):
        """Building block id -> perspective slug, for the filtering script."""
        from knowledge.models import GuideChapterPage

        chapters = {c.path: c.perspective.slug for c in GuideChapterPage.objects.select_related("perspective")}
        return {
            block.pk: chapters.get(block.path[: -BuildingBlockPage.steplen], "")
            for block in self.fields["building_blocks"].queryset
        }

    def block_perspective_ids(self):
        """Building block id -> perspective id (as strings), for the filtering script."""
        from knowledge.models import GuideChapterPage

        chapters = {c.path: str(c.perspective_id) for c in GuideChapterPage.objects.all()}
        return {
            str(block.pk): chapters.get(block.path[: -BuildingBlockPage.steplen], "")
            for block in self.fields["building_blocks"].queryset
        }

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Dit formulier kon niet worden verwerkt."))
        return ""

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            self.cleaned_image = clean_image(upload)
        return upload

    def _clean_attachment(self, name):
        upload = self.cleaned_data.get(name)
        if upload:
            validate_attachment(upload)
        return upload

    def clean_attachment_1(self):
        return self._clean_attachment("attachment_1")

    def clean_attachment_2(self):
        return self._clean_attachment("attachment_2")

    def clean_attachment_3(self):
        return self._clean_attachment("attachment_3")

    def clean(self):
        cleaned = super().clean()
        perspectives = cleaned.get("perspectives")
        blocks = cleaned.get("building_blocks") or []
        if perspectives is not None and blocks:
            allowed = {p.slug for p in perspectives}
            mapping = self.block_perspectives()
            wrong = [b for b in blocks if mapping.get(b.pk) not in allowed]
            if wrong:
                self.add_error(
                    "building_blocks",
                    _("Kies alleen bouwstenen van de gekozen invalshoeken: %(names)s hoort daar niet bij.")
                    % {"names": ", ".join(b.title for b in wrong)},
                )
        if not self.draft and not cleaned.get("organisation") and not cleaned.get("other_organisation"):
            self.add_error("organisation", _("Kies je organisatie of vul hieronder de naam in."))
        uploads = [cleaned.get(name) for name in self.attachment_fields if cleaned.get(name)]
        if uploads and self.existing_attachments + len(uploads) > MAX_ATTACHMENTS:
            self.add_error(None, _("Je kunt maximaal drie bijlagen toevoegen."))
        return cleaned

    def attachments(self):
        return [self.cleaned_data[name] for name in self.attachment_fields if self.cleaned_data.get(name)]

    def html(self, name):
        return text_to_html(self.cleaned_data[name])

"""The scan's forms: one step (the statements of one perspective), and the answers carried between steps.

The answers so far travel in a signed, salted hidden field with a maximum age (`pack`, `unpack`), so
nothing is stored before the scan is complete and a visitor cannot alter what earlier steps said.
"""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from knowledge.models import Organisation

from .scoring import DONT_KNOW, SCALE

STATE_SALT = "balansscan.scan-state"
# Long enough to fill in the scan with a coffee break; after that the visitor starts again.
STATE_MAX_AGE = 6 * 3600
ANSWER_CHOICES = [(str(value), label) for value, label in SCALE] + [(DONT_KNOW, _("Weet ik niet"))]


class StateInvalid(Exception):
    """The hidden field was altered, is missing or has expired."""


def pack(step, answers, team_code="", key=""):
    """The hidden field's value: the step shown, {statement pk: 1..5 or None} so far, the team code,
    and the key of this filling-in (made on the first step), so sending the last step twice saves once."""
    return signing.dumps(
        {
            "step": step,
            "answers": {str(pk): value for pk, value in answers.items()},
            "team": team_code,
            "key": key,
        },
        salt=STATE_SALT,
        compress=True,
    )


def unpack(value):
    """(step, answers, team code, key) from the hidden field; StateInvalid when it was tampered with or too old."""
    try:
        state = signing.loads(value or "", salt=STATE_SALT, max_age=STATE_MAX_AGE)
        answers = {int(pk): v for pk, v in state["answers"].items()}
        return int(state["step"]), answers, str(state["team"]), str(state["key"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError) as error:
        raise StateInvalid from error


def field_name(statement):
    return f"stelling_{statement.pk}"


def to_answer(choice):
    return None if choice == DONT_KNOW else int(choice)


class StepForm(forms.Form):
    """The statements of one perspective as radio groups; on the last step also the optional questions."""

    def __init__(self, statements, *args, last=False, team_code="", answers=None, **kwargs):
        answers = answers or {}
        super().__init__(*args, **kwargs)
        self.statements = statements
        for number, statement in enumerate(statements, start=1):
            field = forms.ChoiceField(
                label=statement.text,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies een antwoord, of “Weet ik niet” als je het niet weet."),
                    "invalid_choice": _("Dit antwoord staat niet op de schaal. Kies een van de antwoorden."),
                },
            )
            field.short_label = _("Stelling %(number)s") % {"number": number}
            if statement.pk in answers:
                value = answers[statement.pk]
                field.initial = DONT_KNOW if value is None else str(value)
            self.fields[field_name(statement)] = field
        if last:
            self.fields["organisation_type"] = forms.ChoiceField(
                label=_("Soort organisatie"),
                choices=[("", _("Zeg ik liever niet")), *Organisation.Type.choices],
                required=False,
                help_text=_("Alleen nodig als je je scores wilt laten meetellen in de vergelijking."),
                error_messages={"invalid_choice": _("Kies een soort organisatie uit de lijst.")},
            )
            self.fields["in_benchmark"] = forms.BooleanField(
                label=_("Tel mijn scores anoniem mee in de vergelijking"),
                required=False,
                help_text=_(
                    "Dan tellen je scores mee in het gemiddelde van alle scans van jouw soort organisatie. "
                    "Niemand ziet jouw antwoorden."
                ),
            )
            if team_code:
                self.fields["team"] = forms.CharField(
                    label=_("Teamcode"),
                    initial=team_code,
                    required=False,
                    max_length=20,
                    help_text=_(
                        "Je antwoorden tellen mee in de uitslag van dit team. Maak het veld leeg om alleen voor jezelf in te vullen."
                    ),
                )

    def answers(self):
        """{statement pk: 1..5 or None} of a valid form."""
        return {s.pk: to_answer(self.cleaned_data[field_name(s)]) for s in self.statements}

    def partial_answers(self):
        """The answers given on this step, also when some are missing ("Vorige stap"); None when a value is off the scale."""
        known = {choice for choice, _label in ANSWER_CHOICES}
        given = {}
        for statement in self.statements:
            choice = self.data.get(field_name(statement))
            if choice is None or choice == "":
                continue
            if choice not in known:
                return None
            given[statement.pk] = to_answer(choice)
        return given

"""The only writer of scans: it checks a completed scan's answers, scores them and saves them; and it deletes
scans (and empty team scans) once they are older than BALANSSCAN_RETENTION_DAYS.

Nothing is stored before a scan is complete: the views carry the answers so far in a signed form
field, and hand them here only at the end.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.models import Organisation

from . import scoring, teams
from .models import Scan, Statement, Team


class ScanInvalid(Exception):
    """A scan that cannot be saved; `message` is Dutch and meant for the visitor, `status` the HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def current_statements():
    """The statements in the perspectives' order, then their own order, with perspective and building block."""
    return Statement.objects.select_related("perspective", "building_block").order_by(
        "perspective__sort_order", "sort_order", "pk"
    )


def open_team(code):
    """The open team scan with this code (teams.open_team); ScanInvalid when unknown or closed."""
    try:
        return teams.open_team(code)
    except (teams.TeamUnknown, teams.TeamClosed) as refusal:
        raise ScanInvalid(str(refusal.message), refusal.status_code) from None


def clean_answers(answers, statements):
    """{statement pk: 1..5 or None} for every statement; ScanInvalid for a missing, unknown or odd answer."""
    known = {statement.pk for statement in statements}
    cleaned = {}
    for key, value in answers.items():
        try:
            pk = int(key)
        except (TypeError, ValueError):
            pk = None
        if pk not in known:
            raise ScanInvalid(_("Er is een antwoord op een stelling die niet in de scan staat. Begin opnieuw."))
        if value is not None and (isinstance(value, bool) or value not in scoring.ANSWER_VALUES):
            raise ScanInvalid(_("Een antwoord valt buiten de schaal van 1 tot en met 5."))
        cleaned[pk] = value
    if not statements:
        raise ScanInvalid(_("De scan heeft nog geen stellingen. Probeer het later nog eens."), 409)
    if missing := known - cleaned.keys():
        raise ScanInvalid(
            _("Nog niet elke stelling is beantwoord (%(count)s open). Kies bij twijfel “Weet ik niet”.")
            % {"count": len(missing)}
        )
    return cleaned


def complete_scan(answers, *, team=None, organisation_type="", in_benchmark=False, submission_key=None):
    """Check, score and save one completed scan; ScanInvalid (a Dutch message) when it cannot be saved.

    With a `submission_key` (one per filling-in), sending the same scan again, or twice at once,
    returns the scan saved the first time.
    """
    if submission_key:
        saved = Scan.objects.filter(submission_key=submission_key).first()
        if saved is not None:
            return saved
    statements = list(current_statements())
    cleaned = clean_answers(answers, statements)
    if organisation_type not in {"", *Organisation.Type.values}:
        raise ScanInvalid(_("Kies een soort organisatie uit de lijst, of laat het veld leeg."))
    with transaction.atomic():
        if team is not None:
            # Locked, so a team closed at this moment takes no more answers.
            team = Team.objects.select_for_update().filter(pk=team.pk).first()
            if team is None or team.is_closed:
                raise ScanInvalid(str(teams.TeamClosed.message), teams.TeamClosed.status_code)
        try:
            with transaction.atomic():
                return Scan.objects.create(
                    answers={str(pk): value for pk, value in cleaned.items()},
                    scores=scoring.scores(cleaned, statements),
                    team=team,
                    organisation_type=organisation_type,
                    in_benchmark=bool(in_benchmark),
                    submission_key=submission_key or None,
                )
        except IntegrityError:  # the same filling-in, saved a moment ago by a second request
            saved = Scan.objects.filter(submission_key=submission_key).first() if submission_key else None
            if saved is None:
                raise
            return saved


def find_scan(public_id):
    """The scan behind a result link, or None (also for a link that was altered or has expired)."""
    if not isinstance(public_id, str) or not public_id or len(public_id) > 32:
        return None
    return Scan.objects.select_related("team").filter(public_id=public_id).first()


def retention():
    return timedelta(days=settings.BALANSSCAN_RETENTION_DAYS)


def expires_on(scan):
    """The day a scan is deleted."""
    return scan.created_at + retention()


def purge_expired(now=None):
    """Delete the scans older than the retention, and the team scans older than it with no scans left.

    Returns how many scans were deleted. Safe to run twice.
    """
    cutoff = (now or timezone.now()) - retention()
    deleted, _per_model = Scan.objects.filter(created_at__lt=cutoff).delete()
    Team.objects.filter(created_at__lt=cutoff, scans__isnull=True).delete()
    return deleted

"""The booklet's stable address: it always leads to the latest edition's document."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .service import latest_edition


def latest(request):
    """Redirect to the newest edition (a temporary redirect: the next edition gets another file)."""
    edition = latest_edition()
    if edition is None:
        raise Http404(_("Er is nog geen boekje."))
    return redirect(edition.document.url)

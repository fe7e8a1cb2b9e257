"""Taking the Balansscan and showing its result.

/balansscan/ introduces the scan; /balansscan/vragen/ asks one perspective per step, a form per step
that works without JavaScript, the answers so far in a signed hidden field (forms.pack), so nothing
is stored until the last step is sent; then the service saves the scan and the visitor goes to the
result at /balansscan/uitslag/<public_id>/, a private link: never cached, never indexed.
"""

import secrets

from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.links import public_url
from knowledge.models import Perspective

from . import service
from .forms import StateInvalid, StepForm, pack, unpack
from .http import lookup_limit, private
from .radar import radar
from .recommendations import recommend
from .scoring import weakest


def steps():
    """[(perspective, [statements])] for the perspectives that have statements, in the guide's order."""
    grouped = {}
    for statement in service.current_statements():
        grouped.setdefault(statement.perspective, []).append(statement)
    return list(grouped.items())


def team_or_message(request, code):
    """(team, None) for an open team scan, (None, None) without a code, or (None, ScanInvalid) for a
    code we cannot take.

    Unknown codes count towards the same guessing limit as the team pages (http.lookup_limit).
    """
    if not code:
        return None, None
    limits = lookup_limit(request)
    if ratelimit.over_limit(limits):
        message = _("Vanaf jouw internetadres zijn het afgelopen uur te veel onbekende teamcodes geprobeerd.")
        return None, service.ScanInvalid(message + " " + _("Probeer het over een uur opnieuw."), 429)
    try:
        return service.open_team(code), None
    except service.ScanInvalid as error:
        if error.status == 404:
            ratelimit.count(counter for counter, _limit in limits)
        return None, error


def render_intro(request, message=None, status=200, team_code=""):
    context = {
        "step_count": len(steps()),
        "team_code": team_code,
        "message": message,
        "retention_days": settings.BALANSSCAN_RETENTION_DAYS,
    }
    return private(TemplateResponse(request, "balansscan/scan_intro.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD"])
def intro(request):
    team, problem = team_or_message(request, request.GET.get("team", "")[:40])
    if problem:
        return render_intro(request, problem.message, problem.status)
    return render_intro(request, team_code=team.code if team else "")


def render_step(request, all_steps, index, answers, team_code, key, form=None, status=200, message=None):
    perspective, statements = all_steps[index]
    last = index == len(all_steps) - 1
    if form is None:
        form = StepForm(statements, last=last, team_code=team_code, answers=answers)
    context = {
        "perspective": perspective,
        "form": form,
        "step_number": index + 1,
        "step_count": len(all_steps),
        "is_last": last,
        "state": pack(index, answers, team_code, key),
        "message": message,
        "team_code": team_code,
    }
    return private(TemplateResponse(request, "balansscan/scan_step.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step(request):
    all_steps = steps()
    if not all_steps:
        return render_intro(request, _("De scan heeft nog geen stellingen. Probeer het later nog eens."), 404)
    if request.method != "POST":
        team, problem = team_or_message(request, request.GET.get("team", "")[:40])
        if problem:
            return render_intro(request, problem.message, problem.status)
        return render_step(request, all_steps, 0, {}, team.code if team else "", secrets.token_urlsafe(16))

    try:
        index, answers, team_code, key = unpack(request.POST.get("staat"))
    except StateInvalid:
        return render_intro(
            request,
            _(
                "We konden je antwoorden tot nu toe niet lezen: de scan is verlopen of de gegevens zijn veranderd. Begin opnieuw."
            ),
            400,
        )
    if not 0 <= index < len(all_steps):
        return render_intro(request, _("Deze stap bestaat niet (meer). Begin opnieuw."), 400)

    perspective, statements = all_steps[index]
    last = index == len(all_steps) - 1
    form = StepForm(statements, request.POST, last=last, team_code=team_code, answers=answers)

    if request.POST.get("actie") == "vorige":
        given = form.partial_answers()
        if given is None:
            return render_step(request, all_steps, index, answers, team_code, key, form=form, status=400)
        return render_step(request, all_steps, max(index - 1, 0), {**answers, **given}, team_code, key)

    if not form.is_valid():
        return render_step(request, all_steps, index, answers, team_code, key, form=form, status=400)
    answers = {**answers, **form.answers()}
    if not last:
        return render_step(request, all_steps, index + 1, answers, team_code, key)
    return finish(request, all_steps, index, answers, form, key)


def finish(request, all_steps, index, answers, form, key):
    """Save the completed scan and go to its result; the last step again when it cannot be saved."""
    ip_counter = [(f"balansscan:ip:{ratelimit.client_ip(request)}", settings.BALANSSCAN_RATE_IP)]
    team_code = form.cleaned_data.get("team", "")

    def again(message, status):
        return render_step(
            request, all_steps, index, answers, team_code, key, form=form, status=status, message=message
        )

    if ratelimit.over_limit(ip_counter):
        return again(
            _(
                "Vanaf jouw internetadres zijn het afgelopen uur al veel scans ingevuld. Probeer het over een uur opnieuw."
            ),
            429,
        )
    # The team field can be edited on this step: a code is checked here as on the team pages, and an
    # unknown one counts towards the same guessing limit.
    team, problem = team_or_message(request, team_code)
    if problem:
        if "team" in form.fields:
            form.add_error("team", problem.message)
        return again(problem.message, problem.status)
    try:
        scan = service.complete_scan(
            answers,
            team=team,
            organisation_type=form.cleaned_data["organisation_type"],
            in_benchmark=form.cleaned_data["in_benchmark"],
            submission_key=key,
        )
    except service.ScanInvalid as error:
        if "team" in form.fields and team_code:
            form.add_error("team", error.message)
        return again(error.message, error.status)
    ratelimit.count(name for name, _limit in ip_counter)
    return HttpResponseRedirect(reverse("balansscan:result", args=[scan.public_id]), status=303)


@require_http_methods(["GET", "HEAD"])
def result(request, public_id):
    scan = service.find_scan(public_id)
    if scan is None:
        return private(TemplateResponse(request, "balansscan/result_missing.html", {}, status=404))
    perspectives = list(Perspective.objects.all())
    rows = [(p, scan.scores.get(p.slug)) for p in perspectives if p.slug in scan.scores]
    weak_slugs = weakest(scan.scores)
    weak = [p for p in perspectives if p.slug in weak_slugs]
    context = {
        "scan": scan,
        "rows": rows,
        "radar": radar(rows),
        "weak": weak,
        "recommendations": recommend(scan, list(service.current_statements()), weak),
        # On the site's public address, whatever Host the request came with.
        "share_url": public_url(request.path),
        "expires_on": service.expires_on(scan),
    }
    return private(TemplateResponse(request, "balansscan/result.html", context))

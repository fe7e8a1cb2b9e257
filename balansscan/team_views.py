"""The team scan's pages: start one, the team's result by code, and the starter's page that closes it.

Every answer is private to the team (Cache-Control: private, no-store; noindex). An unknown code
and a wrong starter key get the same Dutch 404, and addresses that try many unknown codes are
refused with a 429 (BALANSSCAN_TEAM_LOOKUP_RATE_IP), so codes cannot be guessed.
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.links import public_url

from . import scoring, teams
from .http import lookup_limit, private_view


class TeamCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Teamcode"),
        max_length=20,
        help_text=gettext_lazy(
            "De 8 tekens die je van je collega kreeg, bijvoorbeeld K7M4-QX9P. Hoofdletters maken niet uit."
        ),
        error_messages={"required": gettext_lazy("Vul de teamcode in.")},
    )

    def clean_code(self):
        code = teams.normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Een teamcode heeft 8 letters en cijfers. Controleer wat je hebt ingevuld."))
        return code


def crumbs(*items):
    trail = [(_("Home"), "/"), (_("Teamscan"), reverse("balansscan:team_start")), *items]
    return [{"title": t, "url": u, "current": i == len(trail) - 1} for i, (t, u) in enumerate(trail)]


def message(request, title, text, status):
    context = {"title": title, "message": text, "crumbs": crumbs((title, request.path))}
    return TemplateResponse(request, "balansscan/team_message.html", context, status=status)


def too_many(request):
    return message(
        request,
        _("Even geduld"),
        _("Vanaf jouw internetadres is dit het afgelopen uur te vaak geprobeerd. Probeer het over een uur opnieuw."),
        429,
    )


def not_found(request):
    return message(request, _("Teamscan niet gevonden"), teams.TeamUnknown.message, 404)


def with_team(view):
    """Hand the view the team of the URL's code (and starter key); a 404 for an unknown one, which is counted."""

    @wraps(view)
    def wrapper(request, code, key=None, **kwargs):
        limits = lookup_limit(request)
        if ratelimit.over_limit(limits):
            return too_many(request)
        try:
            team = teams.find_team(code) if key is None else teams.team_for_starter(code, key)
        except teams.TeamUnknown:
            ratelimit.count(counter for counter, _limit in limits)
            return not_found(request)
        if team.code != code:  # typed in lower case or with a dash: to the one address
            target = reverse(
                request.resolver_match.view_name, kwargs={"code": team.code, **({"key": key} if key else {})}
            )
            return HttpResponseRedirect(target, status=301 if request.method == "GET" else 307)
        return view(request, team, **kwargs)

    return wrapper


# The range chart's geometry (SVG units): per perspective a row with its name above a 0-100 track.
CHART_LEFT, CHART_TRACK, CHART_ROW = 10, 580, 64


def chart(result):
    """Per row of the result, where its dot (the average) goes."""

    def at(score):
        return round(CHART_LEFT + score * CHART_TRACK / 100, 1)

    bars = []
    for index, row in enumerate(result.rows):
        bar = {"row": row, "y": index * CHART_ROW}
        if row.shown:
            bar["cx"] = at(row.figure.average)
        bars.append(bar)
    axis = len(bars) * CHART_ROW
    return {
        "chart": bars,
        "chart_track": {"left": CHART_LEFT, "width": CHART_TRACK, "middle": at(50), "right": at(100)},
        "chart_axis_y": axis,
        "chart_height": axis + 30,
    }


def result_context(team):
    result = teams.team_result(team)
    return {"team": team, "result": result, "minimum": scoring.TEAM_MINIMUM, **chart(result)}


def links(team):
    """The addresses to copy: the one the starter hands out (the scan with the code) and the one they
    keep (their own page), on the site's public address rather than whatever Host the request named."""
    return {
        "scan_url": public_url(f"/balansscan/?team={team.code}"),
        "starter_url": public_url(
            reverse("balansscan:team_starter", kwargs={"code": team.code, "key": team.starter_key})
        ),
    }


@private_view
@require_http_methods(["GET", "HEAD", "POST"])
def team_start(request):
    if request.method != "POST":
        # The second form on the page: "Bekijk de uitslag van je team" with a code.
        form = TeamCodeForm(request.GET) if "code" in request.GET else TeamCodeForm()
        if form.is_bound and form.is_valid():
            return HttpResponseRedirect(
                reverse("balansscan:team", kwargs={"code": form.cleaned_data["code"]}), status=303
            )
        context = {"crumbs": crumbs(), "minimum": scoring.TEAM_MINIMUM, "form": form}
        return TemplateResponse(request, "balansscan/team_start.html", context, status=400 if form.is_bound else 200)
    limits = [(f"balansscan:team:ip:{ratelimit.client_ip(request)}", settings.BALANSSCAN_TEAM_RATE_IP)]
    if ratelimit.over_limit(limits):
        return too_many(request)
    ratelimit.count(counter for counter, _limit in limits)
    team = teams.start_team()
    starter = reverse("balansscan:team_starter", kwargs={"code": team.code, "key": team.starter_key})
    return HttpResponseRedirect(f"{starter}?nieuw=1", status=303)


@private_view
@require_http_methods(["GET", "HEAD"])
@with_team
def team(request, team):
    context = {
        **result_context(team),
        "crumbs": crumbs((_("Uitslag van team %(code)s") % {"code": team.code}, request.path)),
    }
    return TemplateResponse(request, "balansscan/team.html", context)


@private_view
@require_http_methods(["GET", "HEAD"])
@with_team
def team_starter(request, team):
    context = {
        **result_context(team),
        "new": request.GET.get("nieuw") == "1",
        "closed_now": request.GET.get("gesloten") == "1",
        "crumbs": crumbs((_("Jouw teamscan %(code)s") % {"code": team.code}, request.path)),
        **links(team),
    }
    return TemplateResponse(request, "balansscan/team_starter.html", context)


@private_view
@require_http_methods(["GET", "HEAD", "POST"])
@with_team
def team_close(request, team):
    """Closing asks first (a page of its own, so it works without JavaScript), then closes on the POST."""
    starter = reverse("balansscan:team_starter", kwargs={"code": team.code, "key": team.starter_key})
    if request.method == "POST":
        teams.close_team(team)
        return HttpResponseRedirect(f"{starter}?gesloten=1", status=303)
    context = {
        "team": team,
        "starter_url": starter,
        "crumbs": crumbs((_("Jouw teamscan %(code)s") % {"code": team.code}, starter), (_("Sluiten"), request.path)),
    }
    return TemplateResponse(request, "balansscan/team_close.html", context)

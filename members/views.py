import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import WorkflowState

from allauth.account.decorators import verified_email_required
from allauth.account.internal.constants import LoginStageKey
from allauth.account.models import EmailAddress
from allauth.account.stages import LoginStageController

from core import ratelimit
from events import services as event_services
from events.emails import cancel_subpath
from events.formatting import event_when
from events.models import Registration
from knowledge.models import PracticeCasePage

from . import cases, erasure
from .forms import CaseSubmissionForm, ProfileForm, html_to_text
from .models import Profile


def verified_emails(user):
    return list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


def member_registrations(user):
    """The registrations made with one of the member's verified addresses.

    Not those made while logged in for someone else's address: they belong to that person.
    """
    emails = [email.lower() for email in verified_emails(user)]
    return list(
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("event")
        .order_by("-event__start", "-pk")
    )


def cancel_path(request, registration):
    """The same cancel page as the e-mail's link, on this site's address."""
    index, subpath = cancel_subpath(registration)
    return index.get_url(request) + subpath


@verified_email_required
def dashboard(request):
    profile = Profile.objects.filter(user=request.user).select_related("organisation").first()
    rows = []
    own_cases = list(cases.member_cases(request.user))
    statuses = cases.case_statuses(own_cases)
    for page in own_cases:
        key, label, comment = statuses[page.pk]
        rows.append(
            {
                "page": page,
                "status": key,
                "label": label,
                "comment": comment,
                "editable": key in {"concept", "needs_changes"},
            }
        )
    registrations = [
        {
            "registration": registration,
            "when": event_when(registration.event.start, registration.event.end),
            # A way out for a seat or waiting-list place at a coming event: the same page as the e-mail's link.
            "cancel_path": cancel_path(request, registration)
            if registration.status != Registration.Status.CANCELLED and not registration.event.is_past()
            else "",
        }
        for registration in member_registrations(request.user)
    ]
    return render(
        request, "members/dashboard.html", {"profile": profile, "cases": rows, "registrations": registrations}
    )


@verified_email_required
def profile(request):
    instance = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je profiel is opgeslagen."))
        return redirect("members:dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "members/profile.html", {"form": form}, status=status)


@verified_email_required
def data_export(request):
    user = request.user
    profile = Profile.objects.filter(user=user).select_related("organisation").first()
    data = {
        "account": {"email": user.email, "date_joined": user.date_joined, "last_login": user.last_login},
        "email_addresses": list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary")),
        "profile": None
        if profile is None
        else {
            "full_name": profile.full_name,
            "organisation": profile.organisation_name,
            "role": profile.role,
            "bio": profile.bio,
        },
        "cases": [],
        "registrations": [],
    }
    own_cases = list(cases.member_cases(user))
    statuses = cases.case_statuses(own_cases)
    for page in own_cases:
        draft = page.get_latest_revision_as_object()
        _key, label, comment = statuses[page.pk]
        data["cases"].append(
            {
                "title": draft.title,
                "status": str(label),
                "reviewer_comment": comment,
                "url": page.full_url if page.live else None,
                "summary": draft.summary,
                "situation": draft.situation,
                "approach": draft.approach,
                "results": draft.results,
                "lessons": draft.lessons,
                "contact_name": draft.contact_name,
                "contact_email": draft.contact_email,
            }
        )
    for registration in member_registrations(user):
        data["registrations"].append(
            {
                "event": registration.event.title,
                "start": registration.event.start,
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation,
                "role": registration.role,
                "status": registration.get_status_display(),
            }
        )
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


def account_to_delete(request):
    """The account this request may delete: the logged-in user's, verified or not, or that of
    someone who signed up or logged in but is held at allauth's e-mail verification step
    (with mandatory verification they are not logged in until they confirm)."""
    if request.user.is_authenticated:
        return request.user
    stage = LoginStageController.enter(request, LoginStageKey.VERIFY_EMAIL.value)
    return stage.login.user if stage else None


@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = account_to_delete(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    error = None
    if request.method == "POST":
        if user.check_password(request.POST.get("password", "")):
            anonymise_and_delete(user)
            logout(request)  # also ends a pending login
            messages.success(request, _("Je account is verwijderd."))
            return redirect("/")
        error = _("Het wachtwoord klopt niet.")
    return render(request, "members/delete.html", {"error": error}, status=400 if error else 200)


@transaction.atomic
def anonymise_and_delete(user):
    """Published cases stay, credited to their organisation and scrubbed of the member; drafts go;
    seats at coming events are given up."""
    own_cases = list(cases.member_cases(user))
    for page in own_cases:
        for state in WorkflowState.objects.active().for_instance(page):
            state.cancel(user=None)
    erasure.erase_cases(user, own_cases)
    # Free their seats at coming events, so the waiting list moves up; the rest goes with the retention purge.
    for registration in member_registrations(user):
        if registration.status != Registration.Status.CANCELLED and not registration.event.is_past():
            event_services.cancel(registration, notify=False)
    erasure.drop_account_mail(user)
    user.delete()


def too_many(request):
    return TemplateResponse(request, "members/rate_limited.html", status=429)


def _submits(request):
    """Whether the member sends the case for review; otherwise it is saved as a concept."""
    return "indienen" in request.POST


def _case_form(request, existing_attachments=0, initial=None):
    try:
        data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
        draft = data is not None and not _submits(request)
    except RequestDataTooBig:
        return None
    return CaseSubmissionForm(data, files, initial=initial, existing_attachments=existing_attachments, draft=draft)


def _too_big(request, template_context):
    form = CaseSubmissionForm(initial=template_context.get("initial"))
    form.is_bound = False
    return render(
        request,
        "members/case_form.html",
        {
            **template_context,
            "form": form,
            "too_big": _("Je invoer is te groot. Maak de teksten korter en probeer het opnieuw."),
        },
        status=413,
    )


@verified_email_required
@require_http_methods(["GET", "POST"])
def submit(request):
    if cases.case_index() is None:
        raise Http404
    profile = Profile.objects.filter(user=request.user).first()
    initial = {
        "organisation": profile.organisation_id if profile else None,
        "contact_name": profile.full_name if profile else "",
        "contact_role": profile.role if profile else "",
        "contact_email": request.user.email,
        "submission_token": uuid.uuid4().hex,
    }
    context = {"initial": initial, "editing": None}
    form = _case_form(request, initial=initial)
    if form is None:
        return _too_big(request, context)
    if request.method == "POST":
        token = request.POST.get("submission_token", "")[:64]
        token_key = f"members:token:{request.user.pk}:{token}"
        if token and cache.get(token_key):
            messages.info(request, _("Dit formulier was al verstuurd."))
            return redirect("members:dashboard")
        if ratelimit.is_limited(request, settings.MEMBERS_SUBMISSION_RATE_USER, settings.MEMBERS_SUBMISSION_RATE_IP):
            return too_many(request)
        if form.is_valid():
            # add() is atomic in the shared cache: of two simultaneous submits, one gets through.
            if token and not cache.add(token_key, "busy", 3600):
                return redirect("members:dashboard")
            submit_now = _submits(request)
            cases.create_case(form, request.user, submit=submit_now)
            ratelimit.record(request)
            messages.success(
                request,
                _("Je praktijkvoorbeeld is ingediend. Een redacteur bekijkt het.")
                if submit_now
                else _("Je praktijkvoorbeeld is als concept opgeslagen."),
            )
            return redirect("members:dashboard")
        return render(request, "members/case_form.html", {**context, "form": form}, status=400)
    return render(request, "members/case_form.html", {**context, "form": form})


def _own_case(request, pk):
    page = get_object_or_404(PracticeCasePage, pk=pk, owner=request.user)
    return page


@verified_email_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    page = _own_case(request, pk)
    if not cases.can_member_edit(page, request.user):
        return render(request, "members/not_editable.html", {"page": page}, status=403)
    draft = page.get_latest_revision_as_object()
    organisation = next(iter(draft.organisations.all()), None)
    unchecked = organisation is not None and not organisation.reviewed
    initial = {
        "title": draft.title,
        "summary": draft.summary,
        # One the member added under "anders, namelijk" is not in the list until editors have checked it.
        "organisation": None if unchecked else organisation,
        "other_organisation": organisation.name if unchecked else "",
        "perspectives": list(draft.perspectives.all()),
        "building_blocks": list(draft.building_blocks.all()),
        "phase": draft.phase,
        "year": draft.year,
        "contact_name": draft.contact_name,
        "contact_role": draft.contact_role,
        "contact_email": draft.contact_email,
        "publish_contact_email": draft.publish_contact_email,
        # Consent was given with an earlier submit; a concept never had it.
        "consent": cases.case_status(page)[0] == "needs_changes",
        **{name: html_to_text(getattr(draft, name)) for name in CaseSubmissionForm.text_fields},
    }
    existing = len(draft.attachments.all())
    context = {"initial": initial, "editing": page, "draft": draft}
    form = _case_form(request, existing_attachments=existing, initial=initial)
    if form is None:
        return _too_big(request, context)
    if request.method == "POST":
        # An edit stores a revision and perhaps files: limited like submissions, with an allowance of
        # its own, so a member saving a concept a few times does not use up their submissions.
        if ratelimit.is_limited(request, settings.MEMBERS_EDIT_RATE_USER, settings.MEMBERS_EDIT_RATE_IP, "edit"):
            return too_many(request)
        if form.is_valid():
            submit_now = _submits(request)
            cases.update_case(page, form, request.user, submit=submit_now)
            ratelimit.record(request, "edit")
            messages.success(
                request,
                _("Je praktijkvoorbeeld is opnieuw ingediend.")
                if submit_now
                else _("Je wijzigingen zijn opgeslagen."),
            )
            return redirect("members:dashboard")
        return render(request, "members/case_form.html", {**context, "form": form}, status=400)
    return render(request, "members/case_form.html", {**context, "form": form})


@verified_email_required
def preview(request, pk):
    page = _own_case(request, pk)
    draft = page.get_latest_revision_as_object()
    response = draft.make_preview_request(request, draft.default_preview_mode)
    response["X-Robots-Tag"] = "noindex"
    return response

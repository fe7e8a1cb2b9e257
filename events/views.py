"""The views behind the event pages' sub-routes: registering, cancelling, iCal and RSS.

Wagtail routes to them (EventPage and EventIndexPage in events.models are routable pages), so
the page they get is live, on this request's site, and past any view restriction.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Site

from core import ratelimit
from core.csrf import csrf_refusal

from . import services
from .calendar import calendar, public_event_ics
from .emails import unsign_cancel_token
from .formatting import event_when
from .forms import RegistrationForm
from .models import EventPage, Registration


def retention_days():
    return getattr(settings, "EVENT_REGISTRATION_RETENTION_DAYS", 90)


# {event pk: registration token}, for the confirmation page. Instead of a token, the name and
# e-mail address typed, when the answer only looks like a new registration (see `pretend`).
SESSION_KEY = "events_registrations"
FEED_LIMIT = 200


def crumbs_for(request, event, *extra):
    """Breadcrumbs: home, the event index, the event, then `extra` (title, url) pairs; the last is current."""
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    ancestors = event.get_ancestors().filter(depth__gte=root.depth if root else 2).order_by("depth")
    items = [(_("Home") if root and a.pk == root.pk else a.title, a.get_url(request)) for a in ancestors]
    items.append((event.title, event.get_url(request)))
    items.extend(extra)
    return [{"title": title, "url": url, "current": i == len(items) - 1} for i, (title, url) in enumerate(items)]


def csrf_failed(request):
    """Whether the POST fails Django's CSRF check (the route is exempt so it can keep what was typed)."""
    return csrf_refusal(request) is not None


def remembered(request):
    return request.session.get(SESSION_KEY, {})


def remember(request, event, entry):
    entries = dict(remembered(request))
    entries[str(event.pk)] = entry
    request.session[SESSION_KEY] = entries


def to_confirmation(event):
    return HttpResponseRedirect(event.confirmation_url, status=303)


def pretend(request, event, data):
    """Answer as for a new registration, without one: for an address that was registered already,
    so the form does not tell whether it was, and for a robot that filled in the honeypot."""
    remember(request, event, {"name": data["name"], "email": data["email"]})
    return to_confirmation(event)


def registration_limits(request, event):
    """The rate counters for a registration from this client address: for this event, and for all events."""
    ip = ratelimit.client_ip(request)
    return [
        (f"events:event:{event.pk}:ip:{ip}", settings.EVENT_REGISTRATION_RATE_EVENT),
        (f"events:ip:{ip}", settings.EVENT_REGISTRATION_RATE_IP),
    ]


# --- registering -------------------------------------------------------------------


def render_register(request, event, form, status=200, message=None, message_level="error"):
    context = {
        "page": event,
        "event": event,
        "form": form,
        "state": event.registration_state(),
        "seats_left": event.seats_left(),
        "is_full": event.is_full(),
        "message": message,
        "message_level": message_level,
        "retention_days": retention_days(),
        "when": event_when(event.start, event.end),
        "crumbs": crumbs_for(request, event, (_("Aanmelden"), request.path)),
    }
    return TemplateResponse(request, "events/register.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, event):
    state = event.registration_state()
    if state != "open":
        closed = services.RegistrationClosed(state)
        return render_register(request, event, None, status=closed.status_code, message=closed.message)

    if request.method != "POST":
        return render_register(request, event, RegistrationForm(user=request.user))

    if csrf_failed(request):
        kept = {name: request.POST.get(name, "")[:500] for name in RegistrationForm.base_fields}
        return render_register(
            request,
            event,
            RegistrationForm(initial=kept),
            status=403,
            message=_(
                "Je aanmelding is nog niet verstuurd: de beveiligingscode van het formulier ontbrak of was verlopen. "
                "Je gegevens staan er nog. Controleer ze en verstuur het formulier opnieuw."
            ),
        )

    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return render_register(
            request, event, form, status=400, message=_("Niet alles is goed ingevuld. Verbeter deze punten:")
        )

    limits = registration_limits(request, event)
    if ratelimit.over_limit(limits):
        return render_register(
            request,
            event,
            form,
            status=429,
            message=_(
                "Vanaf jouw internetadres zijn het afgelopen uur al veel aanmeldingen verstuurd. Probeer het over "
                "een uur opnieuw. Je gegevens staan er nog."
            ),
        )
    # Every accepted form counts, also for an address registered already: its owner gets a mail each time.
    ratelimit.count(counter for counter, _limit in limits)

    data = form.cleaned_data
    if data[RegistrationForm.HONEYPOT]:
        return pretend(request, event, data)
    try:
        outcome = services.register(
            event,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            role=data["role"],
            user=request.user,
        )
    except services.RegistrationClosed as closed:
        return render_register(request, event, None, status=closed.status_code, message=closed.message)

    if outcome.result == "already":
        if remembered(request).get(str(event.pk)) == outcome.registration.token:
            # The same visitor pressed the button twice: the confirmation again, no second mail.
            return to_confirmation(event)
        services.tell_already_registered(outcome.registration)
        return pretend(request, event, data)
    remember(request, event, outcome.registration.token)
    return to_confirmation(event)


def as_new_registration(event, name, email):
    """An unsaved registration, and its waiting position, as a new one for `name` and `email` would be now."""
    if event.is_full():
        waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING).count()
        return Registration(event=event, name=name, email=email, status=Registration.Status.WAITING), waiting + 1
    return Registration(event=event, name=name, email=email, status=Registration.Status.CONFIRMED), None


def confirmation(request, event):
    entry = remembered(request).get(str(event.pk))
    if isinstance(entry, dict):
        registration, waiting_position = as_new_registration(event, **entry)
    else:
        registration = Registration.objects.filter(event=event, token=entry).first() if entry else None
        waiting_position = registration.waiting_position() if registration else None
    context = {
        "page": event,
        "event": event,
        "registration": registration,
        "waiting_position": waiting_position,
        "when": event_when(event.start, event.end),
        "crumbs": crumbs_for(request, event, (_("Aanmelden"), event.register_url), (_("Bevestiging"), request.path)),
    }
    return TemplateResponse(request, "events/confirmation.html", context)


# --- cancelling ---------------------------------------------------------------------


def render_message(request, title, message, status, event=None):
    context = {"title": title, "message": message, "event": event, "page": event}
    if event is not None:
        context["crumbs"] = crumbs_for(request, event, (title, request.path))
    return TemplateResponse(request, "events/message.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    title = _("Afmelden")
    try:
        raw = unsign_cancel_token(token)
    except signing.BadSignature:
        return render_message(
            request,
            title,
            _("Deze afmeldlink klopt niet. Gebruik de link uit je bevestigingsmail, of neem contact met ons op."),
            status=400,
        )
    registration = Registration.objects.select_related("event").filter(token=raw).first()
    if registration is None:
        return render_message(
            request, title, _("Deze afmeldlink is niet meer geldig. Neem contact met ons op als je vragen hebt."), 404
        )
    event = registration.event.specific
    if registration.status == Registration.Status.CANCELLED:
        return render_message(
            request, title, _("Je bent al afgemeld voor deze bijeenkomst. Deze link werkt maar één keer."), 410, event
        )
    if event.is_past():
        return render_message(request, title, _("Deze bijeenkomst is al geweest. Afmelden is niet meer nodig."), 410)

    context = {
        "page": event,
        "event": event,
        "registration": registration,
        "when": event_when(event.start, event.end),
        "crumbs": crumbs_for(request, event, (title, request.path)),
    }
    if request.method != "POST":
        return TemplateResponse(request, "events/cancel.html", context)
    if csrf_failed(request):
        context["message"] = _("Je bent nog niet afgemeld: de pagina was verlopen. Probeer het nog een keer.")
        return TemplateResponse(request, "events/cancel.html", context, status=403)
    services.cancel(registration)
    return render_message(
        request,
        _("Je bent afgemeld"),
        _(
            "Je bent afgemeld voor %(event)s. Jammer dat je er niet bij kunt zijn! Je krijgt nog een bevestiging per e-mail."
        )
        % {"event": event.title},
        200,
        event,
    )


# --- calendars and feeds --------------------------------------------------------------


def ics_response(content, filename, attachment):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    # Slugs may be Unicode: content_disposition_header encodes the name as RFC 6266 requires.
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


def event_ics(request, event):
    return ics_response(public_event_ics(event), f"{event.slug}.ics", attachment=True)


def calendar_feed(request, index):
    events = EventPage.objects.child_of(index).upcoming()[:FEED_LIMIT]
    site = Site.find_for_request(request)
    name = f"{index.title} – {site.site_name}" if site and site.site_name else index.title
    return ics_response(calendar(events, name=name), "bijeenkomsten.ics", attachment=False)


class UpcomingEventsFeed(Feed):
    """RSS of upcoming events. Only public facts: never the meeting link."""

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return _("Webinars, bijeenkomsten, masterclasses en mastermindgroepen die eraan komen.")

    def items(self, index):
        return EventPage.objects.child_of(index).upcoming()[:FEED_LIMIT]

    def item_title(self, event):
        return f"{event.title} ({event_when(event.start, event.end)})"

    def item_description(self, event):
        return f"{event.intro}\n\n{event.get_event_type_display()}, {event.location_label}."

    def item_link(self, event):
        return event.get_url(self.request)

    def item_pubdate(self, event):
        return event.first_published_at

    def item_categories(self, event):
        return [event.get_event_type_display()]

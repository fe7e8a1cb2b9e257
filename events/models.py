"""Events: the event index, event pages, speakers, registrations and the e-mail outbox.

A registration never goes through the page form: `events.services` creates and
changes them while holding a row lock on the event, so the seats can never be
overbooked. The private meeting link is only read by `events.emails`.
"""

import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers

from core.blocks import INTRO_FEATURES, BodyBlock
from core.links import rebased
from core.models import LabelledDocument, SiteSettings
from core.restrictions import RestrictedPageManager, RestrictedPageQuerySet, ViewRestrictionsMixin
from core.sections import section_page
from core.structured_data import CONTEXT, LANGUAGE, absolute_url, compact, date, description, site_organisation
from knowledge.models import Perspective

from .filters import EventFilter
from .forms import RegistrationAdminForm
from .panels import RegistrationSummaryPanel

# Sub-URLs of the event index; an event may not use one of these as its slug.
RESERVED_SLUGS = {"afgelopen", "afmelden", "rss", "agenda"}


def new_token():
    return secrets.token_urlsafe(32)


class Speaker(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("functie"), max_length=200, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een portretfoto, liefst vierkant. Wordt klein naast de naam getoond."),
    )
    bio = models.TextField(
        _("korte bio"),
        max_length=600,
        blank=True,
        help_text=_("Twee of drie zinnen: wie is dit en waarom is deze spreker de moeite waard?"),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("spreker")
        verbose_name_plural = _("sprekers")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


# A sub-route gets its path with a slash added (RoutablePageMixin.route); a file's address has none.
FILE_ROUTE = r"^agenda\.ics/?$"


class EventIndexPage(RoutablePageMixin, ViewRestrictionsMixin, Page):
    """/bijeenkomsten/: upcoming events; /bijeenkomsten/afgelopen/: past ones. Both filterable.

    Also the feeds of upcoming events (agenda.ics, rss/) and the cancel link from the e-mails
    (afmelden/<signed token>/). The views are in events.views, which imports these models.
    """

    intro = RichTextField(
        _("introductie"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("Korte tekst boven de lijst: wat voor bijeenkomsten organiseert de vereniging?"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cop_site.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    objects = RestrictedPageManager()

    class Meta:
        verbose_name = _("overzicht bijeenkomsten")

    @path("")
    def upcoming_view(self, request):
        return self.listing(request, past=False)

    @path("afgelopen/")
    def past_view(self, request):
        return self.listing(request, past=True)

    @staticmethod
    def facet_vocabulary(name):
        """The known values of a facet of the event lists, {slug: label}."""
        if name == "invalshoek":
            return dict(Perspective.objects.values_list("slug", "name"))
        return dict(EventPage.Type.choices)

    def listing(self, request, past):
        events = EventPage.objects.child_of(self)
        events = events.past() if past else events.upcoming()
        event_filter = EventFilter(request.GET, events.for_listing(), self.facet_vocabulary)
        context = {"filter": event_filter, "page_obj": event_filter.page, "past": past}
        if past:
            home = self.get_parent()
            context["crumbs"] = [
                {"title": _("Home"), "url": home.get_url(request), "current": False},
                {"title": self.title, "url": self.get_url(request), "current": False},
                {"title": _("Afgelopen bijeenkomsten"), "url": self.past_url, "current": True},
            ]
        response = self.render(request, context_overrides=context)
        response.status_code = event_filter.status_code
        return response

    @re_path(FILE_ROUTE)
    def calendar_view(self, request):
        from . import views

        return views.calendar_feed(request, self)

    @path("rss/")
    def rss_view(self, request):
        from . import views

        return views.UpcomingEventsFeed()(request, self)

    @path("afmelden/<str:token>/")
    @csrf_exempt  # checked in the view, with a Dutch message instead of the general 403 page
    def cancel_view(self, request, token):
        from . import views

        return views.cancel(request, token)

    @property
    def past_url(self):
        return self.url + self.reverse_subpage("past_view")

    @property
    def calendar_url(self):
        return self.url + self.reverse_subpage("calendar_view")

    @property
    def rss_url(self):
        return self.url + self.reverse_subpage("rss_view")


class EventPageQuerySet(RestrictedPageQuerySet):
    def upcoming(self, now=None):
        """Live, public events that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.live().public().filter(end__gte=now).order_by("start", "pk")

    def past(self, now=None):
        """Live, public events that have ended, most recent first."""
        now = now or timezone.now()
        return self.live().public().filter(end__lt=now).order_by("-start", "-pk")

    def for_perspective(self, perspective):
        # One perspective: at most one join row per event, so no duplicates.
        return self.filter(perspectives=perspective)

    def with_counts(self):
        """Annotate confirmed_count and waiting_count, one subquery each (no joins that could repeat rows)."""

        def count(status):
            rows = (
                Registration.objects.filter(event=OuterRef("pk"), status=status)
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows, output_field=models.IntegerField()), Value(0))

        return self.annotate(
            confirmed_count=count(Registration.Status.CONFIRMED),
            waiting_count=count(Registration.Status.WAITING),
        )

    def for_listing(self):
        """What an event card shows, in a fixed number of queries."""
        return self.with_counts().prefetch_related("perspectives")


class EventPageManager(RestrictedPageManager.from_queryset(EventPageQuerySet)):
    pass


class EventPage(RoutablePageMixin, ViewRestrictionsMixin, Page):
    """An event; its sub-routes register (aanmelden/, then aanmelden/bevestigd/) and give its
    calendar file (agenda.ics). The views are in events.views, which imports these models."""

    class Type(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        BIJEENKOMST = "bijeenkomst", _("Bijeenkomst")
        MASTERCLASS = "masterclass", _("Masterclass")
        MASTERMIND = "mastermind", _("Mastermindgroep")

    class Attendance(models.TextChoices):
        ONLINE = "online", _("Online")
        LOCATION = "locatie", _("Op locatie")

    event_type = models.CharField(
        _("soort"),
        max_length=20,
        choices=Type.choices,
        default=Type.BIJEENKOMST,
        help_text=_("Een mastermindgroep is klein (meestal 8 mensen) en begint met een intakegesprek."),
    )
    intro = models.TextField(
        _("introductie"),
        help_text=_("Twee of drie zinnen: wat ga je doen en voor wie is het? Staat ook in de lijst en de agenda."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    perspectives = ParentalManyToManyField(
        "knowledge.Perspective",
        verbose_name=_("invalshoeken"),
        related_name="events",
        blank=True,
        help_text=_("De bijeenkomst verschijnt ook bij het hoofdstuk van elke gekozen invalshoek."),
    )

    start = models.DateTimeField(_("begin"), help_text=_("Datum en tijd in Nederlandse tijd."))
    end = models.DateTimeField(_("einde"), help_text=_("Moet na het begin liggen."))
    attendance = models.CharField(
        _("vorm"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.ONLINE,
        help_text=_("Online of op een locatie. Op locatie vraagt om een adres."),
    )
    location_name = models.CharField(
        _("naam locatie"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Stadhuis Zwolle, zaal De Vecht."),
    )
    address = models.TextField(
        _("adres"),
        max_length=500,
        blank=True,
        help_text=_("Straat en huisnummer, postcode en plaats. Verplicht voor een bijeenkomst op locatie."),
    )
    meeting_url = models.URLField(
        _("link naar de online vergadering"),
        max_length=500,
        blank=True,
        help_text=_(
            "Privé: alleen bevestigde deelnemers krijgen deze link, in de bevestiging en de herinnering. "
            "Hij staat nooit op de website, in de agenda-feeds of in de zoekresultaten."
        ),
    )
    contact_name = models.CharField(
        _("contactpersoon praktische vragen"),
        max_length=200,
        blank=True,
        help_text=_("Laat leeg om de contactpersoon uit de website-instellingen te gebruiken."),
    )
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)

    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Leeg betekent: onbeperkt. Is het vol, dan komen nieuwe aanmeldingen op de wachtlijst. "
            "Komt er een plaats vrij, dan schuift de eerste op de wachtlijst automatisch door."
        ),
    )
    registration_opens = models.DateTimeField(
        _("aanmelden kan vanaf"),
        null=True,
        blank=True,
        help_text=_("Leeg betekent: meteen na publicatie."),
    )
    registration_closes = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg betekent: tot het begin van de bijeenkomst."),
    )

    recording_url = models.URLField(
        _("opname"),
        max_length=500,
        blank=True,
        help_text=_("Na afloop: de link naar de opname, bijvoorbeeld op YouTube of Vimeo."),
    )
    report = RichTextField(
        _("verslag"),
        features=["bold", "italic", "ol", "ul", "link", "document-link"],
        blank=True,
        help_text=_("Na afloop: een kort verslag. Wat kwam er aan bod, wat namen de deelnemers mee?"),
    )

    objects = EventPageManager()

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("report"),
        index.FilterField("event_type"),
        index.FilterField("start"),
    ]
    # The meeting link is deliberately not here, nor in search_fields.
    api_fields = [
        APIField("event_type"),
        APIField("intro"),
        APIField("start"),
        APIField("end"),
        APIField("attendance"),
        APIField("location_name"),
        APIField("address"),
        APIField("capacity"),
        APIField("registration_opens"),
        APIField("registration_closes"),
        APIField("recording_url"),
        APIField(
            "perspectives", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
        ),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("event_type"),
        FieldPanel("intro"),
        FieldPanel("perspectives", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "speaker_links",
            heading=_("Sprekers"),
            label=_("Spreker"),
            help_text=_("Kies sprekers uit de lijst, of voeg eerst een nieuwe spreker toe onder Bijeenkomsten."),
        ),
        FieldPanel("body"),
    ]
    practical_panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Wanneer")),
        MultiFieldPanel(
            [FieldPanel("attendance"), FieldPanel("location_name"), FieldPanel("address"), FieldPanel("meeting_url")],
            heading=_("Waar"),
        ),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Praktische vragen")),
    ]
    registration_panels = [
        RegistrationSummaryPanel(heading=_("Aanmeldingen")),
        FieldPanel("capacity"),
        FieldRowPanel(
            [FieldPanel("registration_opens"), FieldPanel("registration_closes")], heading=_("Aanmeldperiode")
        ),
    ]
    after_panels = [
        FieldPanel("recording_url"),
        InlinePanel("slides", heading=_("Presentaties en documenten"), label=_("Document")),
        FieldPanel("report"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(practical_panels, heading=_("Praktisch")),
            ObjectList(registration_panels, heading=_("Aanmelden")),
            ObjectList(after_panels, heading=_("Na afloop")),
            ObjectList(Page.promote_panels, heading=_("Promoten")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        if self.attendance == self.Attendance.LOCATION and not self.address.strip():
            errors["address"] = _("Vul het adres in: deze bijeenkomst is op locatie.")
        closes = self.registration_closes or self.start
        if self.registration_opens and closes and self.registration_opens >= closes:
            errors["registration_opens"] = _("Aanmelden moet openen vóórdat het sluit.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _("Aanmelden kan niet langer open blijven dan tot het einde.")
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Deze slug is gereserveerd voor het overzicht. Kies een andere.")
        if errors:
            raise ValidationError(errors)

    # --- dates and state ------------------------------------------------------

    @property
    def closes_at(self):
        return self.registration_closes or self.start

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def has_started(self, now=None):
        return self.start <= (now or timezone.now())

    def registration_state(self, now=None):
        """'open', 'not_yet_open', 'closed' or 'past'."""
        now = now or timezone.now()
        if self.is_past(now):
            return "past"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet_open"
        if now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_online(self):
        return self.attendance == self.Attendance.ONLINE

    @property
    def is_multi_day(self):
        return timezone.localdate(self.start) != timezone.localdate(self.end)

    def confirmed_total(self):
        """Confirmed registrations: the listing annotation when there is one, else counted once per instance."""
        if not hasattr(self, "confirmed_count"):
            self.confirmed_count = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
        return self.confirmed_count

    def seats_left(self):
        """Free seats, or None for an event without a limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_total(), 0)

    def is_full(self):
        return self.capacity is not None and self.seats_left() == 0

    @property
    def location_label(self):
        """Where, as one line for lists and calendars; never the meeting link."""
        if self.is_online:
            return str(_("Online"))
        lines = [line.strip() for line in self.address.splitlines() if line.strip()]
        return ", ".join(part for part in [self.location_name, *lines] if part)

    @cached_property
    def speakers(self):
        return [link.speaker for link in self.speaker_links.select_related("speaker", "speaker__photo")]

    def practical_contact(self, request=None):
        """(name, e-mail) for practical questions: the event's own, else the site's."""
        if self.contact_name or self.contact_email:
            return self.contact_name, self.contact_email
        site = self.get_site()
        if site is None:
            return "", ""
        site_settings = SiteSettings.for_site(site)
        return site_settings.practical_contact_name, site_settings.practical_contact_email

    # --- sub-routes --------------------------------------------------------------

    @path("aanmelden/")
    @csrf_exempt  # checked in the view, so a failed check can keep what the visitor typed
    def register_view(self, request):
        from . import views

        return views.register(request, self)

    @path("aanmelden/bevestigd/")
    def confirmation_view(self, request):
        from . import views

        return views.confirmation(request, self)

    @re_path(FILE_ROUTE)
    def ics_view(self, request):
        from . import views

        return views.event_ics(request, self)

    def subpage_url(self, name):
        return self.url + self.reverse_subpage(name) if self.url else ""

    @property
    def register_url(self):
        return self.subpage_url("register_view")

    @property
    def confirmation_url(self):
        return self.subpage_url("confirmation_view")

    @property
    def ics_url(self):
        return self.subpage_url("ics_view")

    def index_page(self):
        """The event list: the one there is (cached), else this event's parent."""
        return section_page(EventIndexPage) or self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event_index"] = self.index_page()
        context["state"] = self.registration_state()
        context["contact_name"], context["contact_email"] = self.practical_contact()
        return context

    def structured_data(self, request):
        """A schema.org Event. Online, its location is this page's address: never the meeting link."""
        url = absolute_url(self, request)
        if self.is_online:
            mode, location = "Online", {"@type": "VirtualLocation", "url": url}
        else:
            address = ", ".join(line.strip() for line in self.address.splitlines() if line.strip())
            mode, location = "Offline", compact({"@type": "Place", "name": self.location_name, "address": address})
        # Waiting-list places are not seats: a full event is sold out.
        availability = "LimitedAvailability" if self.capacity is not None else "InStock"
        availability = "SoldOut" if self.is_full() else availability
        organizer = site_organisation(request)
        offer = {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "EUR",
            "availability": f"{CONTEXT}/{availability}",
            "url": rebased(self.register_url) if self.register_url else url,
            "validFrom": date(self.registration_opens or self.first_published_at),
            "validThrough": date(self.closes_at),
        }
        data = {
            "@context": CONTEXT,
            "@type": "Event",
            "name": self.seo_title or self.title,
            "description": description(self.search_description, self.intro),
            "url": url,
            "inLanguage": LANGUAGE,
            "startDate": date(self.start),
            "endDate": date(self.end),
            "eventStatus": f"{CONTEXT}/EventScheduled",
            "eventAttendanceMode": f"{CONTEXT}/{mode}EventAttendanceMode",
            "location": location,
            "offers": compact(offer),
            "organizer": organizer,
            "performer": [
                {
                    "@type": "Person",
                    "name": speaker.name,
                    **({"jobTitle": speaker.role} if speaker.role else {}),
                    **(
                        {"affiliation": {"@type": "Organization", "name": speaker.organisation}}
                        if speaker.organisation
                        else {}
                    ),
                }
                for speaker in self.speakers
            ],
        }
        return compact(data)


class EventSpeaker(Orderable):
    page = ParentalKey(EventPage, related_name="speaker_links", on_delete=models.CASCADE)
    speaker = models.ForeignKey(Speaker, verbose_name=_("spreker"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("speaker")]


class EventDocument(LabelledDocument):
    page = ParentalKey(EventPage, related_name="slides", on_delete=models.CASCADE)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Bevestigd")
        WAITING = "waiting", _("Wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")

    event = models.ForeignKey(
        EventPage, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("functie"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    token = models.CharField(_("afmeldcode"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # The waiting list is first in, first out: ordered by this moment.
    queued_at = models.DateTimeField(_("in de rij sinds"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    base_form_class = RegistrationAdminForm

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(F("event"), Lower("email"), name="events_registration_one_per_email"),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.name} – {self.event.title}" if self.event_id else self.name

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING

    def waiting_position(self):
        """1 for the first person on the waiting list; None when not waiting."""
        if not self.is_waiting:
            return None
        ahead = Registration.objects.filter(event_id=self.event_id, status=self.Status.WAITING).filter(
            Q(queued_at__lt=self.queued_at) | Q(queued_at=self.queued_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class EmailDelivery(models.Model):
    """The outbox: one row per e-mail to send. A failed send stays here and is retried."""

    MAX_ATTEMPTS = 5

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Bevestiging")
        WAITING = "waiting", _("Wachtlijst")
        PROMOTION = "promotion", _("Plaats vrijgekomen")
        REMINDER = "reminder", _("Herinnering")
        CANCELLATION = "cancellation", _("Afmelding")
        ALREADY = "already", _("Was al aangemeld")

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op verzending")
        SENDING = "sending", _("Wordt verstuurd")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt")
        SKIPPED = "skipped", _("Niet meer nodig")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.registration_id} ({self.get_status_display()})"

    # A send that has not reported back after this long died with its worker: it may be claimed again.
    SENDING_STALE_AFTER = timedelta(minutes=15)

    @classmethod
    def claimable(cls, now=None):
        """Rows a sender may take: pending, failed, or stuck in "sending" by a worker that died."""
        now = now or timezone.now()
        return cls.objects.filter(
            Q(status__in=[cls.Status.PENDING, cls.Status.FAILED])
            | Q(status=cls.Status.SENDING, last_attempt_at__lte=now - cls.SENDING_STALE_AFTER)
        )

    @classmethod
    def retryable(cls, now=None, grace=timedelta(minutes=2)):
        """Pending ones older than `grace` (their task may have been lost), failed ones with attempts left,
        and stale sends."""
        now = now or timezone.now()
        return cls.objects.filter(
            Q(status=cls.Status.PENDING, created_at__lte=now - grace)
            | Q(status=cls.Status.FAILED, attempts__lt=cls.MAX_ATTEMPTS)
            | Q(status=cls.Status.SENDING, last_attempt_at__lte=now - cls.SENDING_STALE_AFTER)
        )

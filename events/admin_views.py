"""Wagtail admin views for registrations: the listing with export, cancel and promote by hand,
and an overview of all events with how full they are."""

import datetime

from django.contrib import messages
from django.db.models import Case, Count, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button
from wagtail.permissions import policy_registry

from core.spreadsheets import SpreadsheetExportButtonsMixin

from . import services
from .formatting import event_when
from .models import EventPage, Registration


def local_naive(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


LOCAL_TIMES = {
    datetime.datetime: {"xlsx": local_naive, "csv": lambda v: local_naive(v).strftime("%Y-%m-%d %H:%M")},
}


class RegistrationIndexView(SpreadsheetExportButtonsMixin, IndexView):
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "get_status_display",
        "created_at",
        "confirmed_at",
    ]
    export_headings = {"event": _("Bijeenkomst"), "get_status_display": _("Status")}
    custom_value_preprocess = {**IndexView.custom_value_preprocess, **LOCAL_TIMES}

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")

    def get_filename(self):
        event_id = self.request.GET.get("event", "")
        suffix = f"-{event_id}" if event_id.isdigit() else ""
        return f"aanmeldingen{suffix}-{timezone.localdate():%Y-%m-%d}"

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.user_has_permission("change"):
            return buttons
        next_query = f"?next={self.request.get_full_path()}"
        if instance.status != Registration.Status.CANCELLED:
            url = reverse("events_registrations:cancel", args=[instance.pk]) + next_query
            buttons.append(Button(_("Afmelden"), url=url, icon_name="cross", priority=40))
        if instance.status == Registration.Status.WAITING:
            url = reverse("events_registrations:promote", args=[instance.pk]) + next_query
            buttons.append(Button(_("Plaats geven"), url=url, icon_name="tick", priority=35))
        return buttons


class RegistrationDeleteView(DeleteView):
    def delete_action(self):
        event = self.object.event
        super().delete_action()
        # A deleted confirmed registration frees a seat, just like a cancellation.
        services.fill_free_seats(event)


class RegistrationActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and perform (POST) one action on one registration."""

    template_name = "events/admin/registration_action.html"
    permission_required = "change"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Registration)

    header_icon = "user"
    action = None  # "cancel" or "promote"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Registration.objects.select_related("event"), pk=kwargs["pk"])

    def get_page_title(self):
        return _("Afmelden") if self.action == "cancel" else _("Plaats geven")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("events_registrations:index"), "label": _("Aanmeldingen")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    @cached_property
    def next_url(self):
        return get_valid_next_url_from_request(self.request) or (
            reverse("events_registrations:index") + f"?event={self.object.event_id}"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(registration=self.object, action=self.action, next_url=self.next_url)
        return context

    def post(self, request, *args, **kwargs):
        registration = self.object
        if self.action == "cancel":
            cancelled, promoted = services.cancel(registration)
            if not cancelled:
                messages.warning(request, _("%(name)s was al afgemeld.") % {"name": registration.name})
            else:
                messages.success(
                    request, _("%(name)s is afgemeld en krijgt een e-mail.") % {"name": registration.name}
                )
                for person in promoted:
                    messages.success(
                        request,
                        _("%(name)s schuift door van de wachtlijst en krijgt een e-mail.") % {"name": person.name},
                    )
        else:
            try:
                services.promote(registration)
            except services.PromotionRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request, _("%(name)s heeft een plaats en krijgt een e-mail.") % {"name": registration.name}
                )
        return HttpResponseRedirect(self.next_url)


class FillRateColumn(Column):
    def get_value(self, instance):
        if not instance.capacity:
            return _("geen maximum")
        return f"{round(100 * instance.confirmed_count / instance.capacity)}%"


class EventOverviewView(SpreadsheetExportButtonsMixin, ReportView):
    """All events, newest first, with their capacity, counts and fill rate; exportable."""

    page_title = _("Bijeenkomsten en aanmeldingen")
    header_icon = "date"
    index_url_name = "events_overview:index"
    index_results_url_name = "events_overview:index_results"
    permission_required = "change"
    export_filename = "bijeenkomsten"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Registration)

    list_export = ["title", "start", "capacity", "confirmed_count", "waiting_count", "cancelled_count", "fill_rate"]
    export_headings = {
        "title": _("Bijeenkomst"),
        "start": _("Begin"),
        "capacity": _("Plaatsen"),
        "confirmed_count": _("Bevestigd"),
        "waiting_count": _("Wachtlijst"),
        "cancelled_count": _("Afgemeld"),
        "fill_rate": _("Bezetting (%)"),
    }
    custom_value_preprocess = {**ReportView.custom_value_preprocess, **LOCAL_TIMES}

    @cached_property
    def columns(self):
        def registrations_url(event):
            return reverse("events_registrations:index") + f"?event={event.pk}"

        return [
            TitleColumn("title", label=_("Bijeenkomst"), get_url=registrations_url),
            Column("start", label=_("Begin"), accessor=lambda event: event_when(event.start, event.end)),
            Column("capacity", label=_("Plaatsen")),
            Column("confirmed_count", label=_("Bevestigd")),
            Column("waiting_count", label=_("Wachtlijst")),
            Column("cancelled_count", label=_("Afgemeld")),
            FillRateColumn("fill_rate", label=_("Bezetting")),
            Column(
                "edit",
                label=_("Pagina"),
                accessor=lambda event: format_html(
                    '<a href="{}">{}</a>', reverse("wagtailadmin_pages:edit", args=[event.pk]), _("Bewerken")
                ),
            ),
        ]

    def get_queryset(self):
        cancelled = (
            Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CANCELLED)
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            EventPage.objects.with_counts()
            .annotate(cancelled_count=Coalesce(Subquery(cancelled), Value(0)))
            .annotate(
                fill_rate=Case(
                    When(Q(capacity__gt=0), then=100.0 * F("confirmed_count") / F("capacity")),
                    default=None,
                    output_field=FloatField(),
                )
            )
            .order_by("-start")
        )

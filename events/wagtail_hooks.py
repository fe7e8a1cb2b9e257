"""The admin: speakers (a snippet), registrations (listing, export, cancel/promote) and an events overview."""

from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from knowledge.permissions import RestrictedPermissionPolicy

from .admin_views import EventOverviewView, RegistrationActionView, RegistrationDeleteView, RegistrationIndexView
from .models import EventPage, Registration, Speaker

# Registrations come from the public form (or an editor's cancel/promote), never from an admin "add" form:
# only events.services keeps the seats and the waiting list right.
register_permission_policy(Registration, RestrictedPermissionPolicy(Registration, forbidden={"add"}))


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Sprekers")
    list_display = ["name", "role", "organisation"]
    search_fields = ["name", "organisation", "role"]


class RegistrationViewSet(ModelViewSet):
    model = Registration
    name = "aanmeldingen"
    url_namespace = "events_registrations"
    icon = "list-ul"
    menu_label = _("Aanmeldingen")
    index_view_class = RegistrationIndexView
    delete_view_class = RegistrationDeleteView
    list_display = ["name", "email", "organisation", "event", "status", "created_at"]
    list_filter = ["event", "status"]
    search_fields = ["name", "email", "organisation"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    # Registrations link to nothing an editor needs in "usage"; indexing them would only slow the sign-up.
    add_to_reference_index = False
    inspect_view_fields = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "status",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "reminder_sent_at",
        "anonymised_at",
    ]
    export_filename = "aanmeldingen"
    panels = [
        FieldPanel("name"),
        FieldPanel("email", help_text=_("Let op: de bevestiging is al naar het oude adres gestuurd.")),
        FieldPanel("organisation"),
        FieldPanel("role"),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("cancel/<int:pk>/", RegistrationActionView.as_view(action="cancel"), name="cancel"),
            path("promote/<int:pk>/", RegistrationActionView.as_view(action="promote"), name="promote"),
        ]


class EventOverviewViewSet(ViewSet):
    name = "bijeenkomsten-overzicht"
    url_namespace = "events_overview"
    icon = "date"
    menu_label = _("Bezetting")

    def get_urlpatterns(self):
        return [
            path("", EventOverviewView.as_view(), name="index"),
            path("results/", EventOverviewView.as_view(results_only=True), name="index_results"),
        ]


class EventsViewSetGroup(ViewSetGroup):
    items = (EventOverviewViewSet, RegistrationViewSet, SpeakerViewSet)
    menu_icon = "date"
    menu_label = _("Bijeenkomsten")
    menu_name = "bijeenkomsten"


register_snippet(EventsViewSetGroup)


@hooks.register("after_publish_page")
def warn_online_event_without_link(request, page):
    """An online event may go live before its meeting link is known, but the editor should know."""
    page = page.specific_deferred
    if isinstance(page, EventPage) and page.is_online and not page.meeting_url:
        messages.warning(
            request,
            _now(
                "Let op: de online bijeenkomst '%(title)s' staat live zonder link naar de online vergadering. "
                "Vul de link in onder Praktisch; wie zich nu aanmeldt krijgt anders geen link in de bevestiging."
            )
            % {"title": page.title},
        )

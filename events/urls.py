"""Mounted at /bijeenkomsten/ in cop_site/urls.py, before Wagtail's catch-all:

    path("bijeenkomsten/", include("events.urls")),

Everything else under /bijeenkomsten/ (the list, /afgelopen/, the event pages) is served by Wagtail.
"""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("agenda.ics", views.calendar_feed, name="calendar_feed"),
    path("rss/", views.UpcomingEventsFeed(), name="rss_feed"),
    path("afmelden/<str:token>/", views.cancel, name="cancel"),
    path("<slug:slug>/agenda.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/aanmelden/", views.register, name="register"),
    path("<slug:slug>/aanmelden/bevestigd/", views.confirmation, name="confirmation"),
]

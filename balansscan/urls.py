from django.urls import path

from . import team_views, views

app_name = "balansscan"

urlpatterns = [
    path("", views.intro, name="intro"),
    path("vragen/", views.step, name="step"),
    # The public id is secrets.token_urlsafe(16): letters, digits, - and _.
    path("uitslag/<str:public_id>/", views.result, name="result"),
    # Team scans (team_views): start, the team's result by code, the starter's own page and closing.
    path("team/", team_views.team_start, name="team_start"),
    path("team/<str:code>/", team_views.team, name="team"),
    path("team/<str:code>/<str:key>/", team_views.team_starter, name="team_starter"),
    path("team/<str:code>/<str:key>/sluiten/", team_views.team_close, name="team_close"),
]

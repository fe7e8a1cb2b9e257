from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profiel/", views.profile, name="profile"),
    path("gegevens.json", views.data_export, name="export"),
    path("verwijderen/", views.delete_account, name="delete"),
]

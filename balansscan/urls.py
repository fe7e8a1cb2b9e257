from django.urls import path

from . import views

app_name = "balansscan"

urlpatterns = [
    path("", views.intro, name="intro"),
    path("vragen/", views.step, name="step"),
    # The public id is secrets.token_urlsafe(16): letters, digits, - and _.
    path("uitslag/<str:public_id>/", views.result, name="result"),
]

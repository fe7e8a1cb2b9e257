from django.urls import path

from . import views

app_name = "member_cases"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/voorbeeld/", views.preview, name="preview"),
]

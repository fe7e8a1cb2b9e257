import re

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.utils.translation import gettext as _

# C0 control characters except tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL in
# text, and none of them belongs in a search term, a filter or a form field.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RequestDataMiddleware:
    """Checks the query string and the form fields before any view reads them.

    A control character in a key or value gives a 400; a form over DATA_UPLOAD_MAX_MEMORY_SIZE a 413,
    here because this is where the form is first read. Uploaded files are not looked at.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                fields.append(request.POST)
            except RequestDataTooBig:
                message = _("Je invoer is te groot. Maak de teksten korter en probeer het opnieuw.")
                return refuse(request, _("Te veel tekst"), message, 413)
        if any(CONTROL_CHARACTERS.search(text) for data in fields for text in texts(data)):
            message = _(
                "Het adres of het formulier bevatte tekens die de site niet kan verwerken, "
                "zoals onzichtbare stuurtekens. Typ je zoekvraag of gegevens opnieuw in en probeer het nog eens."
            )
            return refuse(request, _("Ongeldige tekens"), message, 400)
        return self.get_response(request)


def refuse(request, title, message, status):
    return render(request, "cop_site/bad_request.html", {"title": title, "message": message}, status=status)


def texts(data):
    for key, values in data.lists():
        yield key
        yield from values

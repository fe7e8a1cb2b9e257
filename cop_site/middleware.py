import re

from django.shortcuts import render

# C0 control characters except tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL in
# text, and none of them belongs in a search term, a filter or a form field.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectControlCharactersMiddleware:
    """Answers 400 when a query-string key or value, or a form value, holds a control character.

    Uploaded files are not looked at: only the other form fields.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            fields.append(request.POST)
        if any(CONTROL_CHARACTERS.search(text) for data in fields for text in texts(data)):
            return render(request, "cop_site/control_characters.html", status=400)
        return self.get_response(request)


def texts(data):
    for key, values in data.lists():
        yield key
        yield from values

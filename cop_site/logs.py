"""Log lines as JSON, and the request id that ties a request's lines together.

django-guid keeps the request id in a context variable and its log filter puts it on every record
(settings.logging_config); this module only decides which incoming ids to trust and how a record
becomes JSON. cop_site/gunicorn_config.py uses the same formatter, so the access log carries the id too.
Imported by gunicorn's master before Django is set up: no Django imports at module level.
"""

import re

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# What a proxy's request id looks like (a UUID, nginx's $request_id, a trace id): letters, digits and
# a few separators, at most 64 characters. Anything else is not written to the logs or echoed back.
REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
REQUEST_ID_META_KEY = "HTTP_X_REQUEST_ID"


class RequestIdHeaderMiddleware:
    """Drops an incoming X-Request-ID that is not a sane token, so django-guid generates a fresh id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get(REQUEST_ID_META_KEY)
        if incoming is not None and not REQUEST_ID.fullmatch(incoming):
            del request.META[REQUEST_ID_META_KEY]
        return self.get_response(request)


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per record: time, level, logger, message, request_id, and any `extra` fields.

    gunicorn's access log passes its values (the "atoms") as the record's arguments; they become
    fields of their own, with the request id that the site sent back in its response header.
    The query string is left out, here and in the request object Django attaches to its own records:
    search terms and filters are the visitor's input.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")  # ISO 8601 in UTC, whatever the server's time zone
        super().__init__("%(levelname)s %(name)s %(message)s %(request_id)s", *args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            log_data.update(
                method=atoms["m"],
                path=atoms["U"],
                status=int(atoms["s"]),
                bytes=atoms["B"],
                duration_ms=atoms["M"],
                remote_addr=atoms["h"],
                request_id=atoms["{x-request-id}o"],
            )

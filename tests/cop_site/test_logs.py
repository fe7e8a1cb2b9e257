"""JSON log lines carry the request id that the response sends back in X-Request-ID."""

import io
import json
import logging.config

from django.conf import settings

import pytest

from cop_site.settings.base import logging_config


def configure_logging(log_format):
    """The production logging with this format, into a buffer instead of stderr."""
    config = logging_config(log_format)
    stream = config["handlers"]["console"]["stream"] = io.StringIO()
    logging.config.dictConfig(config)
    return stream


@pytest.fixture
def json_log():
    """Logging as with LOG_FORMAT=json for this test; returns the lines written so far, parsed."""
    stream = configure_logging("json")
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.config.dictConfig(settings.LOGGING)


def not_found_lines(lines):
    return [line for line in lines if line["logger"] == "django.request"]


def test_a_request_gets_an_id_that_its_log_lines_carry(client, db, json_log):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and int(request_id, 16)  # a fresh UUID, as hex
    (line,) = not_found_lines(json_log())
    assert line["request_id"] == request_id
    assert (line["level"], line["message"]) == ("WARNING", "Not Found: /bestaat-niet/")
    assert line["time"]


def test_json_lines_leave_out_the_query_string(client, db, json_log):
    client.get("/bestaat-niet/", {"q": "geheimzoekwoord"})
    lines = json_log()
    assert not_found_lines(lines)[0]["status_code"] == 404
    assert "geheimzoekwoord" not in json.dumps(lines)


def test_each_request_gets_its_own_id(client, db):
    first, second = client.get("/bestaat-niet/"), client.get("/bestaat-niet/")
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize("incoming", ["0f6c3f0e-8a7b-4c2d-9e1f-3a5b7c9d1e2f", "req.42:edge-01", "a" * 64])
def test_the_proxys_request_id_is_kept_when_it_is_a_sane_token(client, db, json_log, incoming):
    response = client.get("/bestaat-niet/", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] == incoming
    (line,) = not_found_lines(json_log())
    assert line["request_id"] == incoming


@pytest.mark.parametrize(
    "incoming",
    [
        "a" * 65,
        "abc def",
        "x\r\nX-Forged: 1",
        '{"request_id": "forged"}',
        "<script>alert(1)</script>",
        "-leading-dash",
    ],
)
def test_any_other_incoming_id_is_replaced(client, db, json_log, incoming):
    response = client.get("/bestaat-niet/", HTTP_X_REQUEST_ID=incoming)
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and int(request_id, 16)
    lines = json_log()
    (line,) = not_found_lines(lines)
    assert line["request_id"] == request_id
    assert not [line for line in lines if incoming in json.dumps(line)]


def test_text_logs_carry_the_request_id_too(client, db):
    stream = configure_logging("text")
    try:
        response = client.get("/bestaat-niet/")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    assert f"WARNING django.request [{response['X-Request-ID']}] Not Found: /bestaat-niet/" in stream.getvalue()


def test_an_unknown_log_format_is_refused():
    with pytest.raises(Exception, match="LOG_FORMAT must be json or text"):
        logging_config("xml")

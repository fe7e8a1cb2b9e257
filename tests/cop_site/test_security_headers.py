"""The Content-Security-Policy and Permissions-Policy headers, exactly, and the perspectives' stylesheet.

django-csp writes the directives in no fixed order, so a policy is compared as {directive: sources}.
"""

from django.test import Client

import pytest

from events.factories import EventIndexPageFactory
from knowledge.models import Perspective
from members.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
ADMIN = {
    **PUBLIC,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "frame-ancestors": "'self'",
}
PERMISSIONS = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), encrypted-media=(), "
    "gamepad=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), interest-cohort=(), local-fonts=(), "
    "magnetometer=(), microphone=(), midi=(), otp-credentials=(), payment=(), picture-in-picture=(), "
    "publickey-credentials-create=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
    "window-management=(), xr-spatial-tracking=()"
)

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def policy(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.status_code} {response.get('Content-Type')}"
    return {name: sources for name, _, sources in (part.partition(" ") for part in header.split("; "))}


@pytest.mark.parametrize(
    "path, status",
    [
        ("/", 200),
        ("/account/login/", 200),
        ("/bestaat-niet/", 404),
        ("/zoeken/?q=%00", 400),
        ("/static/css/theme.css", 200),
        ("/invalshoeken.css", 200),
        ("/api/v2/pages/", 200),
        ("/sitemap.xml", 200),
        ("/robots.txt", 200),
        ("/bijeenkomsten/rss/", 200),
        ("/bijeenkomsten/agenda.ics", 200),
    ],
)
def test_public_responses_send_the_strict_policies(home, path, status):
    EventIndexPageFactory(parent=home)
    response = Client().get(path, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == status
    assert policy(response) == PUBLIC
    assert response["Permissions-Policy"] == PERMISSIONS


def test_the_read_api_answers_a_browser_with_json(home):
    # Django REST framework's browsable HTML page would need inline styles.
    response = Client().get("/api/v2/pages/", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "items" in response.json()


def test_the_admin_sends_its_own_policy(home):
    client = Client()
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert policy(response) == ADMIN
    assert response["Permissions-Policy"] == PERMISSIONS

    client.force_login(UserFactory(username="beheerder", is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Dashboard" in response.content.decode()
    assert policy(response) == ADMIN
    assert response["Permissions-Policy"] == PERMISSIONS


def test_a_page_preview_keeps_the_public_policy_but_the_admin_may_frame_it(home):
    # Wagtail renders a preview through the middleware with a request of its own.
    response = home.make_preview_request()
    assert response.status_code == 200
    assert policy(response) == {**PUBLIC, "frame-ancestors": "'self'"}


def test_the_perspective_stylesheet_follows_the_editors_colours(home):
    client = Client()
    response = client.get("/invalshoeken.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    css = response.content.decode()
    for slug, colour in [("besturen", "#1d4f91"), ("sturen", "#8a3b12"), ("presteren", "#1e6b3a")]:
        assert f".accent-{slug} {{ --accent: {colour}; }}" in css
    # Unchanged: a 304 without a body.
    unchanged = client.get("/invalshoeken.css", headers={"If-None-Match": response["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""

    # An editor picks a new colour: it shows at once. One too light for an accent gets the site's own.
    Perspective.objects.filter(slug="leren").update(colour="#2a6f4d")
    Perspective.objects.filter(slug="sturen").update(colour="#fafafa")
    changed = client.get("/invalshoeken.css", headers={"If-None-Match": response["ETag"]})
    assert changed.status_code == 200
    css = changed.content.decode()
    assert ".accent-leren { --accent: #2a6f4d; }" in css
    assert ".accent-sturen { --accent: #1b3f6b; }" in css

"""Sign-up with mandatory e-mail verification, login by e-mail, password reset: all in Dutch."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from members.models import Profile
from members.workflow import MEMBERS

pytestmark = pytest.mark.django_db

PASSWORD = "Opgave-Gericht-2024!"


def link_from(message):
    return re.search(r"https?://[^/\s]+(/account/[^\s]+)", message.body).group(1)


def test_signup_verify_and_login(site, client):
    page = client.get("/account/signup/")
    assert page.status_code == 200
    assert "Account aanmaken" in page.content.decode()
    mail.outbox.clear()
    response = client.post(
        "/account/signup/",
        {
            "email": "nieuw@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Nina Nieuw",
            "role": "Opgavemanager",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nieuw@example.org")
    assert Profile.objects.get(user=user).full_name == "Nina Nieuw"
    assert not user.groups.filter(name=MEMBERS).exists()
    # Not verified yet: no member pages.
    assert client.get("/mijn/").status_code in {200, 302}
    assert "Opgavemanager" not in client.get("/mijn/").content.decode()

    (message,) = [m for m in mail.outbox if "nieuw@example.org" in m.to]
    confirm = link_from(message)
    assert client.get(confirm).status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    assert user.groups.filter(name=MEMBERS).exists()
    assert not user.has_perm("wagtailadmin.access_admin")
    client.logout()

    response = client.post("/account/login/", {"login": "nieuw@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    dashboard = client.get("/mijn/")
    assert dashboard.status_code == 200
    assert "Mijn pagina" in dashboard.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        "/account/confirm-email/",
        "/account/password/reset/done/",
    ],
)
def test_account_pages_render_in_site_layout(url, site, client):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="site-header"' in body
    assert 'lang="nl"' in body


def test_wrong_password_is_dutch(site, client, users):
    response = client.post("/account/login/", {"login": users["member_a"].email, "password": "fout"})
    assert response.status_code == 200
    assert "onjuist" in response.content.decode().lower() or "niet correct" in response.content.decode().lower()


def test_logged_in_pages(site, clients):
    for url in ["/account/email/", "/account/password/change/", "/account/logout/"]:
        response = clients["member_a"].get(url)
        assert response.status_code == 200, url
        assert 'class="site-header"' in response.content.decode()

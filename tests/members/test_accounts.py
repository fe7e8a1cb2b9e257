"""Sign-up with mandatory e-mail verification, login by e-mail, password reset: all in Dutch."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup

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
    assert client.get("/mijn/")["Location"].startswith("/account/login/")

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


def test_the_account_e_mails_and_pages_address_you_as_je(site, client, users):
    """Our own Dutch wording, not allauth's formal 'u', from sign-up to a new password."""
    mail.outbox.clear()
    client.post(
        "/account/signup/",
        {
            "email": "je@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Jet de Jong",
            "role": "Opgavemanager",
        },
    )
    assert "Bevestig je e-mailadres" in client.get("/account/confirm-email/").content.decode()
    (confirmation,) = mail.outbox
    assert confirmation.subject == "[Kennisbank] Bevestig je e-mailadres"
    assert "Was jij dat?" in confirmation.body
    confirm_page = client.get(link_from(confirmation)).content.decode()
    assert "Is je@example.org jouw e-mailadres?" in confirm_page
    assert "Deze bevestigingslink is verlopen" in client.get("/account/confirm-email/ongeldig/").content.decode()

    mail.outbox.clear()
    response = client.post("/account/password/reset/", {"email": users["member_a"].email})
    assert response.status_code == 302
    (reset,) = mail.outbox
    assert reset.subject == "[Kennisbank] Een nieuw wachtwoord kiezen"
    assert "Kies er een via deze link" in reset.body
    link = client.get(link_from(reset), follow=True)
    assert "Nieuw wachtwoord kiezen" in link.content.decode()
    new_password = "Nieuw-Wachtwoord-2025!"
    done = client.post(link.redirect_chain[-1][0], {"password1": new_password, "password2": new_password}, follow=True)
    assert "Je wachtwoord is gewijzigd" in done.content.decode()
    assert client.login(username=users["member_a"].username, password=new_password)
    # The link works once.
    assert "Deze link werkt niet meer" in client.get(link_from(reset), follow=True).content.decode()

    changed = client.post(
        "/account/password/change/",
        {"oldpassword": new_password, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert changed.status_code == 200
    assert client.login(username=users["member_a"].username, password=PASSWORD)
    for page in [
        client.get("/account/logout/"),
        client.get("/account/password/change/"),
        client.get("/account/password/reset/"),
    ]:
        text = page.content.decode()
        assert " u " not in text and " uw " not in text


def test_changing_the_e_mail_address_waits_for_the_new_address_to_be_confirmed(site, clients, users):
    member, client = users["member_a"], clients["member_a"]
    page = client.get("/account/email/").content.decode()
    assert "Je e-mailadres" in page and member.email in page
    mail.outbox.clear()
    response = client.post("/account/email/", {"email": "nieuw-adres@example.org", "action_add": ""}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Je nieuwe adres nieuw-adres@example.org is nog niet bevestigd." in text
    assert " u " not in text and " uw " not in text
    (confirmation,) = mail.outbox
    assert confirmation.to == ["nieuw-adres@example.org"]
    member.refresh_from_db()
    assert member.email != "nieuw-adres@example.org"  # the old address holds until the link is opened
    client.post(link_from(confirmation))
    member.refresh_from_db()
    assert member.email == "nieuw-adres@example.org"


def signup(client, email="twijfel@example.org"):
    return client.post(
        "/account/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "full_name": "Tim Twijfel", "role": "Adviseur"},
        follow=True,
    )


def delete_link(page):
    return BeautifulSoup(page.content, "html.parser").find("a", string="Verwijder je account")["href"]


def test_someone_who_signed_up_can_delete_the_account_without_confirming_it(site, client):
    page = signup(client)
    assert "Bevestig je e-mailadres" in page.content.decode()
    user = get_user_model().objects.get(email="twijfel@example.org")
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()

    delete_page = client.get(delete_link(page))
    assert delete_page.status_code == 200
    assert "Account verwijderen" in delete_page.content.decode()
    wrong = client.post("/mijn/verwijderen/", {"password": "fout"})
    assert wrong.status_code == 400 and "Het wachtwoord klopt niet." in wrong.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()

    response = client.post("/mijn/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email="twijfel@example.org").exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()


def test_an_unconfirmed_account_can_be_deleted_after_logging_in_again(site, client):
    signup(client)
    client.logout()
    assert client.get("/mijn/verwijderen/")["Location"].startswith("/account/login/")
    page = client.post("/account/login/", {"login": "twijfel@example.org", "password": PASSWORD}, follow=True)
    assert "Bevestig je e-mailadres" in page.content.decode()
    client.post(delete_link(page), {"password": PASSWORD})
    assert not get_user_model().objects.filter(email="twijfel@example.org").exists()

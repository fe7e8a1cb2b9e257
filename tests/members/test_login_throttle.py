"""Guessing passwords: the admin's and the members' login lock an account and an address (django-axes)."""

import time
from datetime import timedelta

from django.test import Client

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

WAIT = "Probeer het over 15 minuten opnieuw."
LOGINS = {
    # name: (login URL, the form's name field, the user in the `users` fixture, where a good log-in goes)
    "admin": ("/admin/login/", "username", "editor", "/admin/"),
    "member": ("/account/login/", "login", "member_a", "/mijn/"),
}


def page_text(response):
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def log_in(login, name, password, address="10.1.1.1"):
    url, field, _user, _next = LOGINS[login]
    return Client(REMOTE_ADDR=address).post(url, {field: name, "password": password})


def request_reset(email, address):
    return Client(REMOTE_ADDR=address).post("/account/password/reset/", {"email": email})


def name_of(login, user):
    return user.username if login == "admin" else user.email


@pytest.fixture
def short_lock(settings):
    """A lock of two seconds instead of fifteen minutes, so the test can wait for it to end."""
    settings.AXES_COOLOFF_TIME = timedelta(seconds=2)
    return 2


@pytest.mark.parametrize("login", LOGINS)
def test_25_wrong_passwords_lock_the_account_until_the_lock_expires(login, site, users, password, short_lock):
    _url, _field, who, home = LOGINS[login]
    name = name_of(login, users[who])
    statuses = [log_in(login, name, f"fout-{n}").status_code for n in range(25)]
    # The first nine get the form back with "wrong password"; from the tenth on, the lock.
    assert statuses == [200] * 9 + [429] * 16

    locked = log_in(login, name, password)
    assert locked.status_code == 429
    assert WAIT in page_text(locked)
    assert "Tot die tijd werkt ook het goede wachtwoord niet." in page_text(locked)

    time.sleep(short_lock + 0.5)
    welcome = log_in(login, name, password)
    assert welcome.status_code == 302
    assert welcome["Location"].startswith(home)


@pytest.mark.parametrize("login", LOGINS)
def test_the_lock_holds_for_the_account_from_every_address_and_whatever_its_case(login, site, users, password):
    _url, _field, who, _home = LOGINS[login]
    name = name_of(login, users[who])
    for n in range(10):
        log_in(login, name.upper() if n % 2 else name, "fout", address=f"10.2.0.{n}")
    assert log_in(login, name, password, address="10.2.1.1").status_code == 429


@pytest.mark.parametrize("login", LOGINS)
def test_the_lock_holds_for_every_account_from_one_address(login, site, users, password):
    _url, _field, who, _home = LOGINS[login]
    for n in range(10):
        log_in(login, f"iemand-{n}@example.org", "fout", address="10.3.0.1")
    blocked = log_in(login, name_of(login, users[who]), password, address="10.3.0.1")
    assert blocked.status_code == 429
    assert WAIT in page_text(blocked)
    # Someone elsewhere logs in as usual.
    assert log_in(login, name_of(login, users[who]), password, address="10.3.0.2").status_code == 302


def test_password_reset_requests_are_limited_per_account_with_the_dutch_wait(site, users, mailoutbox):
    email = users["member_a"].email
    statuses = [request_reset(email, f"10.4.0.{n}").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(mailoutbox) == 5
    assert WAIT in page_text(request_reset(email.upper(), "10.4.1.1"))


def test_sign_ups_are_limited_per_address_with_the_dutch_wait(site, mailoutbox):
    client = Client(REMOTE_ADDR="10.5.0.1")
    form = {"password1": "Opgave-Gericht-2024!", "password2": "Opgave-Gericht-2024!", "full_name": "N", "role": "R"}
    statuses = [client.post("/account/signup/", {**form, "email": f"n{n}@example.org"}).status_code for n in range(21)]
    assert statuses == [302] * 20 + [429]
    assert WAIT in page_text(client.post("/account/signup/", {**form, "email": "laat@example.org"}))
    assert len(mailoutbox) == 20

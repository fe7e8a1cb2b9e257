"""Sign-up does not tell whether an address has an account: same answer, same work, a mail to the owner."""

from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PASSWORD = "Opgave-Gericht-2024!"


class CountingHasher(MD5PasswordHasher):
    """The test settings' fast hasher, counting the passwords it hashes."""

    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


def sign_up(email):
    """Sign up in a fresh browser; returns (status, redirect, the page it leads to, passwords hashed)."""
    client = Client()
    before = CountingHasher.hashed
    response = client.post(
        "/account/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "full_name": "Nina", "role": "Adviseur"},
    )
    hashed = CountingHasher.hashed - before
    page = BeautifulSoup(client.get(response["Location"]).content.decode(), "html.parser").select_one("main")
    return response.status_code, response["Location"], " ".join(page.get_text(" ").split()), hashed


def test_an_existing_and_a_new_address_get_the_same_answer_for_the_same_work(site, users, settings, mailoutbox):
    settings.PASSWORD_HASHERS = ["tests.members.test_signup_enumeration.CountingHasher"]
    existing = users["member_a"].email
    known = sign_up(existing)
    new = sign_up("nieuw-lid@example.org")
    # The page names the address typed; apart from that, the answers are identical.
    assert known == (new[0], new[1], new[2].replace("nieuw-lid@example.org", existing), new[3])
    assert known[0] == 302 and known[3] == 1

    owner_mail, new_mail = mailoutbox
    assert owner_mail.to == [existing]
    assert "Je hebt al een account" in owner_mail.subject
    assert "bij dat adres hoort al een account" in owner_mail.body
    assert new_mail.to == ["nieuw-lid@example.org"]
    assert "Bevestig je e-mailadres" in new_mail.subject

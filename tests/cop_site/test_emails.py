"""Every e-mail the site sends: each link starts with the configured public address and works.

The links are followed with Django's test client: each answers 200, or redirects to a
page that does. Every mail is signed with the Wagtail site's name, never a host:port.
"""

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.models import Site, WorkflowState

import icalendar
import pytest

from events import services
from events.factories import EventIndexPageFactory, EventPageFactory
from knowledge.models import PracticeCasePage
from members.factories import PASSWORD
from tests.members.helpers import case_data, client_for

pytestmark = pytest.mark.django_db

BASE = "http://kennisbank.test:8123"
SITE_NAME = "Kennisbank Proeftuin"
MEETING = "https://vergaderen.example.org/geheim-mail-test"


@pytest.fixture(autouse=True)
def configured(settings, home):
    settings.WAGTAILADMIN_BASE_URL = BASE
    Site.objects.filter(is_default_site=True).update(site_name=SITE_NAME)
    for cache in caches.all():  # allauth's rate limits
        cache.clear()


def links_in(message):
    bodies = [message.body] + [html.unescape(content) for content, _type in getattr(message, "alternatives", [])]
    return set(re.findall(r"https?://[^\s\"'<>]+", "\n".join(bodies)))


def check(message, client=None, external=()):
    """Follow every link in `message`; returns the links. Signed with the site's name, no host in the text."""
    assert SITE_NAME in message.body
    assert "127.0.0.1" not in message.body and "testserver" not in message.body and "localhost" not in message.body
    links = links_in(message) - set(external)
    assert links, message.body
    client = client or Client()
    for link in links:
        assert link.startswith(BASE + "/"), link
        response = client.get(link.removeprefix(BASE), follow=True)
        assert response.status_code == 200, (link, response.redirect_chain)
    return links


def only_mail_to(address):
    (message,) = [m for m in mail.outbox if any(address in to for to in m.to)]
    return message


# --- accounts (allauth) -----------------------------------------------------------------


def sign_up(client, email):
    return client.post(
        "/account/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "full_name": "Nina Nieuw", "role": "Adviseur"},
    )


def test_sign_up_verification_mail(client):
    mail.outbox.clear()
    assert sign_up(client, "nina@example.org").status_code == 302
    message = only_mail_to("nina@example.org")
    (link,) = check(message)
    assert "/account/confirm-email/" in link
    assert f"de redactie van {SITE_NAME}" in message.body


def test_signing_up_again_with_a_known_address(client, users):
    mail.outbox.clear()
    sign_up(client, users["member_a"].email)
    message = only_mail_to(users["member_a"].email)
    (link,) = check(message)
    assert link == BASE + "/account/password/reset/"


def test_password_reset_mail(client, users):
    mail.outbox.clear()
    assert client.post("/account/password/reset/", {"email": users["member_a"].email}).status_code == 302
    message = only_mail_to(users["member_a"].email)
    (link,) = check(message, Client())
    # The key link stores the key in the session and redirects to the page where you choose the password.
    response = Client().get(link.removeprefix(BASE))
    assert response.status_code == 302 and response["Location"].endswith("-set-password/")


def test_password_reset_for_an_unknown_address(client):
    mail.outbox.clear()
    client.post("/account/password/reset/", {"email": "onbekend@example.org"})
    (link,) = check(only_mail_to("onbekend@example.org"))
    assert link == BASE + "/account/signup/"


def test_e_mail_change_confirmation(clients):
    mail.outbox.clear()
    clients["member_a"].post("/account/email/", {"email": "nieuw-adres@example.org", "action_add": ""})
    (link,) = check(only_mail_to("nieuw-adres@example.org"), clients["member_a"])
    assert "/account/confirm-email/" in link


@pytest.fixture
def clients(users):
    return {name: client_for(user) for name, user in users.items()}


# --- events -----------------------------------------------------------------------------


def test_every_event_mail(home, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(hours=20)  # within a day: the reminder goes out too
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=index, capacity=1, meeting_url=MEETING, start=start, end=start + timedelta(hours=1)
    )

    def run(action, *args, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    anna = run(services.register, event, name="Anna", email="anna@example.org", organisation="Gemeente Zwolle")
    confirmation = only_mail_to("anna@example.org")
    assert "Bevestiging" in confirmation.subject or "aangemeld" in confirmation.subject
    assert check(confirmation, external=[MEETING]) == {BASE + event.url, cancel_link(confirmation)}

    run(services.register, event, name="Bert", email="bert@example.org", organisation="Provincie Utrecht")
    waiting = only_mail_to("bert@example.org")
    assert check(waiting) == {BASE + event.url, cancel_link(waiting)}

    run(services.cancel, anna.registration)
    assert check(only_mail_to("anna@example.org")) == {BASE + event.url}  # cancelled: no cancel link any more
    promotion = only_mail_to("bert@example.org")
    assert check(promotion, external=[MEETING]) == {BASE + event.url, cancel_link(promotion)}

    run(call_command, "send_event_reminders", stdout=None)
    reminder = only_mail_to("bert@example.org")
    assert reminder.subject.startswith("Herinnering:")
    assert check(reminder, external=[MEETING]) == {BASE + event.url, cancel_link(reminder)}

    # The calendar file names the event by the public address's host and links to it there.
    (vevent,) = icalendar.Calendar.from_ical(reminder.attachments[0][1]).walk("VEVENT")
    assert str(vevent["UID"]) == f"bijeenkomst-{event.pk}@kennisbank.test"
    assert str(vevent["URL"]) == BASE + event.url


def cancel_link(message):
    (link,) = [url for url in links_in(message) if "/afmelden/" in urlsplit(url).path]
    return link


# --- practice cases: Wagtail's moderation mail, then ours --------------------------------


def test_case_review_mails(site, users, clients):
    mail.outbox.clear()
    clients["member_a"].post("/praktijkvoorbeelden/delen/", case_data(site))
    page = PracticeCasePage.objects.get()
    # Wagtail's own notification to the moderators links into the admin.
    submitted = only_mail_to(users["moderator"].email)
    links = links_in(submitted)
    assert links and all(link.startswith(BASE + "/admin/") for link in links)
    for link in links:
        assert clients["moderator"].get(link.removeprefix(BASE), follow=True).status_code == 200, link

    task_state = WorkflowState.objects.active().for_instance(page).get().current_task_state
    mail.outbox.clear()
    task_state.specific.task.specific.on_action(task_state, users["moderator"], "reject", comment="Iets korter.")
    (link,) = check(only_mail_to(users["member_a"].email), clients["member_a"])
    assert link == BASE + "/mijn/"

    clients["member_a"].post(f"/praktijkvoorbeelden/delen/{page.pk}/bewerken/", case_data(site))
    task_state = WorkflowState.objects.active().for_instance(page).get().current_task_state
    mail.outbox.clear()
    task_state.specific.task.specific.on_action(task_state, users["moderator"], "approve")
    page.refresh_from_db()
    (link,) = check(only_mail_to(users["member_a"].email))
    assert link == BASE + page.url

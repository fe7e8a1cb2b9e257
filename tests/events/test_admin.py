"""The editors' side: registrations per event with counts, cancel/promote by hand, exports, fill rates."""

import csv
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import openpyxl
import pytest
from bs4 import BeautifulSoup

from events.models import Registration

from .conftest import counts, fill

pytestmark = pytest.mark.django_db


def csv_rows(response):
    """The rows of a CSV download as Dutch Excel reads it: UTF-8 with a byte order mark, semicolons."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark: Excel would read the file as Windows-1252"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def header_buttons(response):
    """The labels of the buttons shown in the page header itself (not in its "…" menu)."""
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(" ", strip=True) for a in page.select("#w-slim-header-buttons > a.w-header-button")]


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def full_event(make_event):
    event = make_event(title="Mastermind", capacity=2)
    people = fill(event, confirmed=2, waiting=2)
    Registration.objects.filter(pk=people[0].pk).update(name='=HYPERLINK("http://evil")')
    return event


def test_event_edit_page_shows_the_counts(full_event, client, admin_user):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{full_event.pk}/edit/")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "2 bevestigd, 2 op de wachtlijst, 0 afgemeld" in text
    assert f"/admin/aanmeldingen/?event={full_event.pk}" in response.content.decode()


def test_registrations_listing_filtered_by_event(full_event, make_event, client, editor):
    other = make_event(title="Andere bijeenkomst")
    fill(other, confirmed=1)
    response = client.get(f"/admin/aanmeldingen/?event={full_event.pk}")
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    assert len(rows) == 4
    assert client.get(f"/admin/aanmeldingen/?event={full_event.pk}&status=waiting").status_code == 200


def test_export_csv_and_xlsx(full_event, client, editor):
    listing = client.get(f"/admin/aanmeldingen/?event={full_event.pk}")
    assert header_buttons(listing)[-2:] == ["Download Excel", "Download CSV"]
    response = client.get(f"/admin/aanmeldingen/?event={full_event.pk}&export=csv")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0][:3] == ["Bijeenkomst", "Naam", "E-mailadres"]
    assert len(rows) == 5
    assert sorted(row[5] for row in rows[1:]) == ["Bevestigd", "Bevestigd", "Wachtlijst", "Wachtlijst"]
    # A spreadsheet formula typed into the public form is defused.
    assert any(row[1].startswith("'=HYPERLINK") for row in rows[1:])

    response = client.get(f"/admin/aanmeldingen/?event={full_event.pk}&export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 5


def test_cancel_by_hand_promotes_the_next(full_event, client, editor, django_capture_on_commit_callbacks, mailoutbox):
    confirmed = Registration.objects.filter(event=full_event, status="confirmed").order_by("pk").first()
    url = f"/admin/aanmeldingen/cancel/{confirmed.pk}/"
    assert "Wil je" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert counts(full_event) == {"confirmed": 2, "waiting": 1, "cancelled": 1}
    assert len(mailoutbox) == 2


def test_promote_by_hand_refuses_when_full(full_event, client, editor):
    waiting = Registration.objects.filter(event=full_event, status="waiting").order_by("-pk").first()
    response = client.post(f"/admin/aanmeldingen/promote/{waiting.pk}/", follow=True)
    assert "Alle plaatsen zijn bezet" in response.content.decode()
    assert counts(full_event) == {"confirmed": 2, "waiting": 2, "cancelled": 0}


def test_delete_frees_the_seat_for_the_waiting_list(full_event, client, admin_user):
    client.force_login(admin_user)
    confirmed = Registration.objects.filter(event=full_event, status="confirmed").first()
    response = client.post(f"/admin/aanmeldingen/delete/{confirmed.pk}/")
    assert response.status_code == 302
    assert counts(full_event) == {"confirmed": 2, "waiting": 1, "cancelled": 0}


def test_editors_cannot_add_registrations_in_the_admin(full_event, client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/aanmeldingen/new/").status_code in (302, 403)


def test_editing_to_a_duplicate_email_is_a_form_error(full_event, client, editor):
    first, second = Registration.objects.filter(event=full_event).order_by("pk")[:2]
    response = client.post(
        f"/admin/aanmeldingen/edit/{second.pk}/",
        {"name": second.name, "email": first.email.upper(), "organisation": "X", "role": ""},
    )
    assert response.status_code == 200
    assert "al aangemeld voor deze bijeenkomst" in response.content.decode()


def test_overview_shows_fill_rates(full_event, make_event, client, editor):
    make_event(title="Zonder maximum")
    response = client.get("/admin/bijeenkomsten-overzicht/")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Mastermind" in text and "100%" in text and "geen maximum" in text
    assert header_buttons(response)[-2:] == ["Download Excel", "Download CSV"]
    rows = csv_rows(client.get("/admin/bijeenkomsten-overzicht/?export=csv"))
    assert rows[0] == ["Bijeenkomst", "Begin", "Plaatsen", "Bevestigd", "Wachtlijst", "Afgemeld", "Bezetting (%)"]


def test_speakers_are_a_snippet(client, editor):
    assert client.get("/admin/snippets/events/speaker/").status_code == 200
    assert client.get("/admin/snippets/events/speaker/add/").status_code == 200


def event_form(event, **changes):
    """The event's edit form as the admin posts it."""
    values = {
        "title": event.title,
        "slug": event.slug,
        "event_type": event.event_type,
        "intro": rich_text(event.intro),
        "perspectives": [],
        "speaker_links": inline_formset([]),
        "body": streamfield([]),
        "start": timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%d %H:%M"),
        "attendance": event.attendance,
        "location_name": "",
        "address": "",
        "meeting_url": event.meeting_url,
        "contact_name": "",
        "contact_email": "",
        "capacity": "",
        "registration_opens": "",
        "registration_closes": "",
        "recording_url": "",
        "slides": inline_formset([]),
        "report": rich_text(""),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    values.update(changes)
    return nested_form_data(values)


def warnings_shown(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in page.select(".messages li.warning")]


@pytest.mark.parametrize(
    ("meeting_url", "action", "warned"),
    [
        ("", "action-publish", True),
        ("https://vergaderen.example.org/nieuw", "action-publish", False),
        ("", None, False),  # a draft may wait for its link
    ],
)
def test_publishing_an_online_event_without_link_warns(make_event, client, admin_user, meeting_url, action, warned):
    client.force_login(admin_user)
    event = make_event(title="Webinar zonder link")
    data = event_form(event, meeting_url=meeting_url)
    if action:
        data[action] = "1"
    response = client.post(f"/admin/pages/{event.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.get_latest_revision_as_object().meeting_url == meeting_url, "the edit was saved"
    expected = [
        "Let op: de online bijeenkomst 'Webinar zonder link' staat live zonder link naar de online vergadering."
    ]
    assert [w[: len(expected[0])] for w in warnings_shown(response)] == (expected if warned else [])

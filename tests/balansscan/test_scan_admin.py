"""Editors manage the scan's statements in Wagtail: listed per perspective, at most six per perspective,
a warning for a perspective with fewer than three. Run as an editor whose rights come from the
"Editors" group only (the data migration grants them)."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from balansscan.models import Statement
from knowledge.models import Perspective

pytestmark = pytest.mark.django_db


def url(action, *args):
    return reverse(f"wagtailsnippets_balansscan_statement:{action}", args=args)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redacteur", "redactie@example.org", "wachtwoord-2")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def add(perspective, count):
    return [
        Statement.objects.create(perspective=perspective, text=f"Stelling {n}", sort_order=n) for n in range(count)
    ]


def test_the_editors_group_may_manage_statements():
    granted = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"view_statement", "add_statement", "change_statement", "delete_statement"} <= granted
    # view_scan opens only the overview per week (balansscan.reports); no admin view shows one scan.
    assert not {"add_scan", "change_scan", "delete_scan"} & granted


def test_the_listing_counts_per_perspective_and_warns_below_three(editor):
    besturen, sturen = Perspective.objects.get(slug="besturen"), Perspective.objects.get(slug="sturen")
    add(besturen, 3)
    add(sturen, 2)
    response = editor.get(url("list"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    warnings = " ".join(m.get_text(" ", strip=True) for m in page.select(".messages li"))
    assert f"{sturen.name} heeft 2 stelling(en)" in warnings
    assert f"{besturen.name} heeft" not in warnings
    assert f"{Perspective.objects.get(slug='leren').name} heeft 0 stelling(en)" in warnings
    assert page.get_text().count("3 / 6") == 3 and page.get_text().count("2 / 6") == 2


def test_a_seventh_statement_is_refused_in_dutch(editor):
    leren = Perspective.objects.get(slug="leren")
    add(leren, 6)
    response = editor.post(url("add"), {"perspective": leren.pk, "text": "Nog een stelling", "building_block": ""})
    assert response.status_code == 200  # the form again, with the message
    assert "al 6 stellingen, het maximum" in response.content.decode()
    assert leren.statements.count() == 6
    # Editing one of the six is fine.
    first = leren.statements.first()
    response = editor.post(
        url("edit", first.pk), {"perspective": leren.pk, "text": "Anders gezegd", "building_block": ""}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text == "Anders gezegd"

"""A member's event registrations on /mijn/, in the data export, and when the account is deleted."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from events import services
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.models import Registration
from knowledge.factories import PracticeCasePageFactory
from members.workflow import ensure_case_workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home):
    index = EventIndexPageFactory(parent=home)
    past_start = timezone.now() - timedelta(days=30)
    return {
        "coming": EventPageFactory(parent=index, title="Masterclass sturen", capacity=1),
        "past": EventPageFactory(
            parent=index, title="Terugblik leren", start=past_start, end=past_start + timedelta(hours=2)
        ),
    }


@pytest.fixture
def registered(agenda, users):
    """Member A holds the only seat of the coming event (registered by address, without logging in),
    someone else waits for it, A attended the past event, and while logged in A put a colleague
    on the waiting list with the colleague's own address."""
    member = users["member_a"]
    mine = services.register(agenda["coming"], name="Lid A", email=member.email.upper()).registration
    waiting = services.register(agenda["coming"], name="Iemand anders", email="anders@example.org").registration
    colleague = services.register(
        agenda["coming"], name="Collega Claes", email="collega@example.org", user=member
    ).registration
    past = RegistrationFactory(
        event=agenda["past"], user=member, email=member.email, status=Registration.Status.CONFIRMED
    )
    return {"mine": mine, "waiting": waiting, "colleague": colleague, "past": past}


def test_my_page_lists_my_registrations_with_a_way_to_cancel_the_coming_one(site, clients, registered):
    assert registered["mine"].status == Registration.Status.CONFIRMED
    assert registered["waiting"].status == Registration.Status.WAITING
    page = BeautifulSoup(clients["member_a"].get("/mijn/").content, "html.parser")
    section = page.find(id="mijn-aanmeldingen").find_parent("section")
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in section.find_all("li")]
    assert len(items) == 2
    assert items[0].startswith("Masterclass sturen")
    assert "Bevestigd" in items[0] and "Afmelden voor Masterclass sturen" in items[0]
    assert items[1].startswith("Terugblik leren") and "Afmelden" not in items[1]
    # Someone else's registration is not on the member's page, not even the colleague's that A made;
    # A's are not on B's.
    assert registered["colleague"].user == registered["past"].user
    assert "Iemand anders" not in str(section) and len(section.find_all("li")) == 2
    assert "Masterclass sturen" not in clients["member_b"].get("/mijn/").content.decode()

    cancel = section.find("a", string="Afmelden voor Masterclass sturen")["href"]
    assert clients["member_a"].get(cancel).status_code == 200


def test_the_export_holds_my_registrations(site, clients, registered):
    data = clients["member_a"].get("/mijn/gegevens.json").json()
    assert {(r["event"], r["status"]) for r in data["registrations"]} == {
        ("Masterclass sturen", "Bevestigd"),
        ("Terugblik leren", "Bevestigd"),
    }


def test_deleting_the_account_gives_the_seat_to_the_waiting_list(site, clients, registered, password):
    response = clients["member_a"].post("/mijn/verwijderen/", {"password": password})
    assert response.status_code == 302
    for registration in registered.values():
        registration.refresh_from_db()
    assert registered["mine"].status == Registration.Status.CANCELLED
    assert registered["waiting"].status == Registration.Status.CONFIRMED
    # The past event's attendance stays until the retention purge; only the account link goes.
    assert registered["past"].status == Registration.Status.CONFIRMED
    assert registered["past"].user is None
    # The colleague's place is theirs: still on the waiting list, now first in line.
    assert registered["colleague"].status == Registration.Status.WAITING
    assert registered["colleague"].user is None


def test_my_page_makes_the_same_number_of_queries_for_two_or_eight_cases(site, users, clients, registered):
    member = users["member_a"]
    workflow = ensure_case_workflow()

    def add_cases(count):
        for n in range(count):
            page = PracticeCasePageFactory(
                parent=site["case_index"], title=f"Eigen voorbeeld {n}", owner=member, live=n % 3 == 0
            )
            if n % 3 == 1:
                page.save_revision(user=member)
                workflow.start(page, member)  # in review

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert clients["member_a"].get("/mijn/").status_code == 200
        return len(captured)

    add_cases(2)
    queries()  # the first request fills caches (site root paths, content types)
    few = queries()
    add_cases(6)
    assert queries() == few

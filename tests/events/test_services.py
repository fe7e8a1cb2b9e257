"""Registering, the waiting list, cancelling and promoting, through events.services."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from events import services
from events.models import EmailDelivery, Registration

from .conftest import counts, fill

pytestmark = pytest.mark.django_db


def register(event, email, **kwargs):
    return services.register(event, name=kwargs.pop("name", "Iemand"), email=email, organisation="Gemeente", **kwargs)


def test_confirmed_while_there_is_room_then_waiting(make_event):
    event = make_event(capacity=2)
    assert register(event, "a@example.org").result == "confirmed"
    assert register(event, "b@example.org").result == "confirmed"
    third = register(event, "c@example.org")
    assert third.result == "waiting"
    assert third.registration.waiting_position() == 1
    assert register(event, "d@example.org").registration.waiting_position() == 2
    assert counts(event) == {"confirmed": 2, "waiting": 2, "cancelled": 0}


def test_no_capacity_means_no_limit(make_event):
    event = make_event(capacity=None)
    results = {register(event, f"p{n}@example.org").result for n in range(25)}
    assert results == {"confirmed"}


def test_same_email_in_other_case_is_already_registered(make_event):
    event = make_event(capacity=5)
    first = register(event, "Anna@Example.org")
    again = register(event, "  anna@EXAMPLE.ORG ")
    assert again.result == "already"
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(event=event).count() == 1


def test_database_refuses_a_duplicate_email_per_event(make_event):
    event = make_event()
    Registration.objects.create(event=event, name="A", email="dubbel@example.org", status="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="B", email="DUBBEL@example.org", status="confirmed")


def test_same_email_for_another_event_is_fine(make_event):
    one, two = make_event(), make_event()
    assert register(one, "x@example.org").result == "confirmed"
    assert register(two, "x@example.org").result == "confirmed"


@pytest.mark.parametrize(
    ("changes", "state", "status"),
    [
        ({"registration_opens": timezone.now() + timedelta(days=1)}, "not_yet_open", 403),
        ({"registration_closes": timezone.now() - timedelta(minutes=1)}, "closed", 403),
        (
            {"start": timezone.now() - timedelta(hours=3), "end": timezone.now() - timedelta(hours=1)},
            "past",
            410,
        ),
        ({"start": timezone.now() - timedelta(minutes=10), "end": timezone.now() + timedelta(hours=1)}, "closed", 403),
    ],
)
def test_outside_the_registration_window_is_refused(make_event, changes, state, status):
    event = make_event(**changes)
    with pytest.raises(services.RegistrationClosed) as refused:
        register(event, "laat@example.org")
    assert refused.value.state == state
    assert refused.value.status_code == status
    assert not Registration.objects.exists()


def test_cancelling_promotes_the_first_waiting_person(make_event):
    event = make_event(capacity=2)
    first, second, waiting_1, waiting_2 = fill(event, confirmed=2, waiting=2)
    cancelled, promoted = services.cancel(first)
    assert cancelled is True
    first.refresh_from_db()
    assert first.status == "cancelled"
    assert [p.pk for p in promoted] == [waiting_1.pk]
    waiting_1.refresh_from_db()
    assert waiting_1.status == "confirmed"
    waiting_2.refresh_from_db()
    assert waiting_2.waiting_position() == 1
    assert counts(event) == {"confirmed": 2, "waiting": 1, "cancelled": 1}
    kinds = list(EmailDelivery.objects.values_list("registration_id", "kind"))
    assert (first.pk, "cancellation") in kinds and (waiting_1.pk, "promotion") in kinds


def test_cancelling_twice_does_nothing_the_second_time(make_event):
    event = make_event(capacity=1)
    confirmed, waiting = fill(event, confirmed=1, waiting=1)
    assert services.cancel(confirmed)[0] is True
    assert services.cancel(confirmed) == (False, [])
    assert counts(event) == {"confirmed": 1, "waiting": 0, "cancelled": 1}


def test_cancelling_a_waiting_person_promotes_nobody(make_event):
    event = make_event(capacity=1)
    _confirmed, waiting_1, waiting_2 = fill(event, confirmed=1, waiting=2)
    assert services.cancel(waiting_1) == (True, [])
    assert counts(event) == {"confirmed": 1, "waiting": 1, "cancelled": 1}


def test_nobody_is_promoted_once_the_event_has_started(make_event):
    event = make_event(
        capacity=1, start=timezone.now() - timedelta(minutes=5), end=timezone.now() + timedelta(hours=1)
    )
    confirmed, _waiting = fill(event, confirmed=1, waiting=1)
    assert services.cancel(confirmed) == (True, [])
    assert counts(event)["confirmed"] == 0


def test_register_again_after_cancelling(make_event):
    event = make_event(capacity=1)
    first = register(event, "terug@example.org").registration
    old_token = first.token
    services.cancel(first)
    again = register(event, "Terug@example.org")
    assert again.result == "confirmed"
    assert again.registration.pk == first.pk
    assert again.registration.token != old_token


def test_editor_promotes_out_of_turn_only_when_there_is_room(make_event):
    event = make_event(capacity=2)
    confirmed, _other, waiting_1, waiting_2 = fill(event, confirmed=2, waiting=2)
    with pytest.raises(services.PromotionRefused):
        services.promote(waiting_2)
    services.cancel(confirmed, notify=False)  # promotes waiting_1 automatically
    with pytest.raises(services.PromotionRefused):
        services.promote(waiting_2)
    event.capacity = 3
    event.save()
    services.promote(waiting_2)
    assert counts(event) == {"confirmed": 3, "waiting": 0, "cancelled": 1}
    with pytest.raises(services.PromotionRefused):
        services.promote(waiting_2)  # not waiting any more


def test_publishing_more_seats_moves_the_waiting_list_up(make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    fill(event, confirmed=1, waiting=3)
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert counts(event) == {"confirmed": 3, "waiting": 1, "cancelled": 0}


def test_each_change_puts_an_email_in_the_outbox(make_event):
    event = make_event(capacity=1)
    register(event, "een@example.org")
    register(event, "twee@example.org")
    assert list(EmailDelivery.objects.order_by("pk").values_list("kind", flat=True)) == ["confirmation", "waiting"]

"""No overbooking, ever: parallel registrations and cancellations, each in its own thread and connection."""

import threading
from collections import Counter

from django.db import connection

import pytest

from events import services
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration

from .conftest import counts, fill

# serialized_rollback: the flush after each test would otherwise remove the migrated root page, locale and perspectives.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_parallel(count, work):
    """Run work(i) in `count` threads that start together; return (results, errors)."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def worker(i):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as error:  # collected and asserted on below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.fixture
def event(home):
    index = EventIndexPageFactory(parent=home)
    return EventPageFactory(parent=index, capacity=10)


def test_forty_parallel_registrations_for_ten_seats(event, mailoutbox):
    def register(i):
        outcome = services.register(event, name=f"Deelnemer {i}", email=f"p{i}@example.org", organisation="Gemeente")
        return outcome.result

    results, errors = run_parallel(40, register)
    assert errors == []
    assert Counter(results) == {"confirmed": 10, "waiting": 30}
    assert counts(event) == {"confirmed": 10, "waiting": 30, "cancelled": 0}
    # Every person got exactly one e-mail: 10 confirmations, 30 waiting-list notices.
    subjects = Counter(message.subject.split(":")[0] for message in mailoutbox)
    assert subjects == {"Je bent aangemeld": 10, "Je staat op de wachtlijst": 30}
    # The waiting list is in the order the lock was taken: the confirmed were all queued first.
    confirmed = Registration.objects.filter(event=event, status="confirmed")
    waiting = Registration.objects.filter(event=event, status="waiting")
    assert max(r.queued_at for r in confirmed) <= min(r.queued_at for r in waiting)

    # A cancellation promotes exactly one person: the first on the waiting list.
    first_waiting = waiting.order_by("queued_at", "pk").first()
    cancelled, promoted = services.cancel(confirmed.first())
    assert cancelled and [p.pk for p in promoted] == [first_waiting.pk]
    assert counts(event) == {"confirmed": 10, "waiting": 29, "cancelled": 1}


def test_parallel_double_submit_gives_one_registration(event):
    results, errors = run_parallel(
        8, lambda i: services.register(event, name="Dubbel", email="DUBBEL@example.org", organisation="X").result
    )
    assert errors == []
    assert Counter(results) == {"confirmed": 1, "already": 7}
    assert Registration.objects.filter(event=event).count() == 1


def test_parallel_cancellations_never_promote_more_than_the_free_seats(event):
    people = fill(event, confirmed=10, waiting=30)
    confirmed, waiting = people[:10], people[10:]
    # Five confirmed people and five waiting people cancel at the same moment.
    leaving = confirmed[:5] + waiting[:5]
    results, errors = run_parallel(len(leaving), lambda i: services.cancel(leaving[i]))
    assert errors == []
    assert all(cancelled for cancelled, _promoted in results)
    # Exactly the five freed seats are filled, never more: a waiting person who was promoted
    # a moment before their own cancellation went through frees that seat again.
    assert counts(event) == {"confirmed": 10, "waiting": 20, "cancelled": 10}
    still_confirmed = set(Registration.objects.filter(event=event, status="confirmed").values_list("pk", flat=True))
    # The seats went to the first five of those still waiting, first come first served.
    assert still_confirmed == {p.pk for p in confirmed[5:] + waiting[5:10]}


def test_the_same_cancellation_sent_in_parallel_counts_once(event):
    people = fill(event, confirmed=10, waiting=3)
    results, errors = run_parallel(6, lambda i: services.cancel(people[0]))
    assert errors == []
    assert sum(1 for cancelled, _ in results if cancelled) == 1
    assert sum(len(batch) for _, batch in results) == 1
    assert counts(event) == {"confirmed": 10, "waiting": 2, "cancelled": 1}

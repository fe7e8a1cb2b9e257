"""The service: what it refuses, what it stores, and what the retention deletes."""

import threading
from datetime import timedelta

from django.db import connection
from django.utils import timezone

import pytest

from balansscan import service
from balansscan.models import Scan, Team

from .scan_content import SCORES, answers_for, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(guide, case_index):
    return build(guide, case_index)


def test_statements_come_in_the_perspectives_order(content):
    slugs = [s.perspective.slug for s in service.current_statements()]
    assert slugs == ["besturen"] * 3 + ["sturen"] * 3 + ["presteren"] * 3 + ["leren"] * 3
    texts = [s.text for s in service.current_statements()][:3]
    assert texts == [f"Stelling {n} over besturen." for n in (1, 2, 3)]


def test_a_complete_scan_is_stored_with_its_scores(content):
    scan = service.complete_scan(answers_for(content["statements"]), organisation_type="gemeente", in_benchmark=True)
    stored = Scan.objects.get(pk=scan.pk)
    assert stored.scores == SCORES
    assert stored.answers[str(content["statements"]["sturen"][2].pk)] is None
    assert stored.organisation_type == "gemeente" and stored.in_benchmark is True
    assert len(stored.public_id) >= 20
    assert service.find_scan(stored.public_id) == stored


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_filling_in_sent_twice_at_once_saves_one_scan(content):
    answers = answers_for(content["statements"])
    start = threading.Barrier(2)
    saved = []

    def send():
        try:
            start.wait()
            saved.append(service.complete_scan(answers, submission_key="een-invulling"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(saved) == 2 and saved[0].pk == saved[1].pk
    assert Scan.objects.count() == 1
    # Sent again later: the same scan, not a second one.
    assert service.complete_scan(answers, submission_key="een-invulling").pk == saved[0].pk
    assert service.complete_scan(answers, submission_key="een-andere").pk != saved[0].pk


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda a: a.pop(next(iter(a))), "Nog niet elke stelling"),
        (lambda a: a.update({next(iter(a)): 6}), "buiten de schaal"),
        (lambda a: a.update({next(iter(a)): 0}), "buiten de schaal"),
        (lambda a: a.update({next(iter(a)): "3"}), "buiten de schaal"),
        (lambda a: a.update({next(iter(a)): True}), "buiten de schaal"),
        (lambda a: a.update({999999: 3}), "niet in de scan"),
        (lambda a: a.update({"een": 3}), "niet in de scan"),
    ],
)
def test_bad_answers_are_refused_in_dutch_and_nothing_is_stored(content, change, words):
    answers = answers_for(content["statements"])
    change(answers)
    with pytest.raises(service.ScanInvalid) as refused:
        service.complete_scan(answers)
    assert words in refused.value.message
    assert refused.value.status == 400
    assert not Scan.objects.exists()


def test_an_unknown_organisation_type_is_refused(content):
    with pytest.raises(service.ScanInvalid):
        service.complete_scan(answers_for(content["statements"]), organisation_type="bedrijf")


def test_a_closed_team_takes_no_more_answers(content):
    team = Team.objects.create()
    service.complete_scan(answers_for(content["statements"]), team=team)
    team.closed_at = timezone.now()
    team.save()
    with pytest.raises(service.ScanInvalid) as refused:
        service.complete_scan(answers_for(content["statements"]), team=team)
    assert refused.value.status == 410 and "gesloten" in refused.value.message
    assert team.scans.count() == 1
    with pytest.raises(service.ScanInvalid):
        service.open_team(team.code)


def test_team_codes_are_read_forgivingly_and_unknown_ones_refused(content):
    team = Team.objects.create()
    assert service.open_team(f" {team.code[:4].lower()} {team.code[4:]} ") == team
    for forged in ["", "AAAA", "0000000O", "X" * 200]:
        with pytest.raises(service.ScanInvalid) as refused:
            service.open_team(forged)
        assert refused.value.status == 404


def test_find_scan_gives_none_for_an_unknown_or_odd_id(content):
    assert service.find_scan("bestaat-niet") is None
    assert service.find_scan("x" * 500) is None
    assert service.find_scan("") is None


def test_purge_deletes_what_is_older_than_the_retention(content, settings):
    settings.BALANSSCAN_RETENTION_DAYS = 30
    answers = answers_for(content["statements"])
    old_team, young_team = Team.objects.create(), Team.objects.create()
    old = service.complete_scan(answers, team=old_team)
    young = service.complete_scan(answers, team=young_team)
    alone = service.complete_scan(answers)
    long_ago = timezone.now() - timedelta(days=31)
    Scan.objects.filter(pk__in=[old.pk, alone.pk]).update(created_at=long_ago)
    Team.objects.filter(pk__in=[old_team.pk, young_team.pk]).update(created_at=long_ago)

    assert service.purge_expired() == 2
    assert list(Scan.objects.all()) == [young]
    # The old team is empty now and goes; the other, as old, still has a young scan and stays.
    assert list(Team.objects.all()) == [young_team]
    assert service.purge_expired() == 0

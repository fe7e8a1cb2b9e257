"""Search-term counts hold no personal data, are capped per week and purged after the retention period."""

import datetime
import io

from django.core.management import call_command

import pytest

from search import term_counts
from search.models import SearchTermWeek

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"


@pytest.mark.parametrize(
    "q",
    [
        "06-12345678",
        "0612345678",
        "+31 6 1234 5678",
        "+31 (0)6 12345678",
        "0031 6 12 34 56 78",
        "020-1234567",
        "0201234567",
        "020 123 45 67",
        "jan.jansen@gemeente.nl",
        "brief van jan@gemeente.nl over de wijk",
        "bel 06 12 34 56 78 terug",
    ],
)
def test_terms_with_an_email_address_or_phone_number_are_not_stored(client, corpus, q):
    assert client.get(SEARCH, {"q": q}).status_code == 200
    waiting = term_counts._redis().hgetall(term_counts._keys()[0])  # not even for a minute in Redis
    assert not any(q.lower() in field.decode() for field in waiting)
    term_counts.flush()
    assert not SearchTermWeek.objects.exists()


@pytest.mark.parametrize("q", ["wijkaanpak", "begroting 2024", "2024-2025", "artikel 12345", "programma's"])
def test_ordinary_terms_with_numbers_are_still_stored(client, corpus, q):
    client.get(SEARCH, {"q": q})
    term_counts.flush()
    assert list(SearchTermWeek.objects.values_list("term", flat=True)) == [q]


def test_beyond_the_weekly_cap_new_terms_are_dropped_but_known_ones_still_count(client, corpus, settings):
    settings.SEARCH_TERMS_MAX_PER_WEEK = 2
    week = SearchTermWeek.current_week()
    SearchTermWeek.objects.create(week=week - datetime.timedelta(weeks=1), term="vorige week", searches=1)
    for q in ["wijkaanpak", "begroting", "nieuw", "wijkaanpak"]:
        client.get(SEARCH, {"q": q})
    term_counts.flush()
    stored = dict(SearchTermWeek.objects.filter(week=week).values_list("term", "searches"))
    assert stored == {"wijkaanpak": 2, "begroting": 1}


def purge(**options):
    out = io.StringIO()
    call_command("purge_search_terms", stdout=out, **options)
    return out.getvalue()


def test_purge_removes_the_weeks_older_than_the_retention_period_and_is_safe_twice(settings):
    settings.SEARCH_TERMS_RETENTION_WEEKS = 4
    week = SearchTermWeek.current_week()
    for age in range(6):  # this week and the five before it
        SearchTermWeek.objects.create(week=week - datetime.timedelta(weeks=age), term=f"term {age}", searches=1)
    assert "2 zoekterm(en) verwijderd" in purge()
    assert sorted(SearchTermWeek.objects.values_list("term", flat=True)) == ["term 0", "term 1", "term 2", "term 3"]
    assert "0 zoekterm(en) verwijderd" in purge()
    assert SearchTermWeek.objects.count() == 4


def test_purge_takes_the_retention_period_from_the_command_line():
    week = SearchTermWeek.current_week()
    SearchTermWeek.objects.create(week=week, term="nu", searches=1)
    SearchTermWeek.objects.create(week=week - datetime.timedelta(weeks=1), term="vorige week", searches=1)
    purge(weeks=1)
    assert list(SearchTermWeek.objects.values_list("term", flat=True)) == ["nu"]


def test_purge_removes_terms_with_an_email_address_or_phone_number_stored_before_the_filter():
    week = SearchTermWeek.current_week()
    for term in ["jan@gemeente.nl", "bel 06-12345678", "020 123 45 67", "begroting 2024", "artikel 12345", "wijk"]:
        SearchTermWeek.objects.create(week=week, term=term, searches=1)
    assert "3 zoekterm(en) met een e-mailadres of telefoonnummer verwijderd" in purge()
    assert sorted(SearchTermWeek.objects.values_list("term", flat=True)) == ["artikel 12345", "begroting 2024", "wijk"]
    assert "0 zoekterm(en) met een e-mailadres of telefoonnummer verwijderd" in purge()
    assert SearchTermWeek.objects.count() == 3

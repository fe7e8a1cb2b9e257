"""The team pages cost the same few queries for a team of three as for a team of thirty."""

import pytest

from balansscan.factories import ScanFactory, TeamFactory, perspective_scores
from tests.query_counts import QUERY_BUDGET, count_selector, measure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/balansscan/team/{code}/", "/balansscan/team/{code}/{key}/"])
def test_team_pages_stay_within_the_budget_and_flat(client, home, path):
    warm = {}
    for size in (3, 30):
        team = TeamFactory()
        for n in range(size):
            ScanFactory(team=team, scores=perspective_scores(n, 50, 100 - n, None if n % 2 else 40))
        url = path.format(code=team.code, key=team.starter_key)
        _cold, warm[size], rows, sql = measure(client, url, 200, count_selector("[data-team-table] tbody tr"))
        assert rows == 4, rows
        assert warm[size] <= QUERY_BUDGET, "\n".join(sql)
    assert warm[3] == warm[30]
    print(f"{path}: {warm[3]} queries warm")

"""Wagtail's read API at /api/v2/pages/: input it cannot use is a 400 with a Dutch message, never a 500.

Found while scanning (scripts/scan.sh): an offset past PostgreSQL's bigint, an unknown search
operator and a date filter that is no date each gave a 500.
"""

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "params, message",
    [
        ({"offset": "99999999999999999999"}, "offset mag niet groter zijn dan"),
        ({"search": "wijk", "search_operator": "misschien"}, "search_operator moet"),
        ({"first_published_at": "gisteren"}, "Ongeldige filterwaarde: Waarde van ‘gisteren’"),
        ({"type": "events.EventPage", "start": "morgen"}, "Ongeldige filterwaarde: Waarde van ‘morgen’"),
    ],
)
def test_unusable_input_is_a_dutch_400(client, home, params, message):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_valid_filters_still_work(client, home):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home), title="Intervisie")
    params = {"type": "events.EventPage", "start": event.start.isoformat(), "search_operator": "AND", "offset": "0"}
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Intervisie"]

"""The scan's pages cost a fixed number of SQL queries, however many cases and events there are."""

from django.test import Client

import pytest

from balansscan import service
from knowledge.factories import PracticeCasePageFactory
from tests.query_counts import QUERY_BUDGET, count_selector, measure

from .scan_content import answers_for, build

pytestmark = pytest.mark.django_db

# Three weak perspectives: four queries each (its chapter, blocks, cases and events) on top of
# what any page costs.
RESULT_BUDGET = QUERY_BUDGET + 3 * 4


@pytest.fixture
def content(guide, case_index):
    return build(guide, case_index)


def weak_three(content):
    """Answers that leave besturen, sturen and presteren at 0 and leren at 100."""
    answers = dict.fromkeys(answers_for(content["statements"]), 1)
    answers.update({s.pk: 5 for s in content["statements"]["leren"]})
    return service.complete_scan(answers)


def test_the_pages_of_the_scan_stay_flat(content, case_index):
    client = Client()
    scan = weak_three(content)
    url = f"/balansscan/uitslag/{scan.public_id}/"
    sections = count_selector(".scan-advice")
    counts = {}
    for size in ("few", "many"):
        if size == "many":
            for number in range(40):
                PracticeCasePageFactory(
                    parent=case_index, title=f"Voorbeeld {number}", perspectives=["sturen", "besturen", "presteren"]
                )
        cold, warm, listed, sql = measure(client, url, 200, sections)
        assert listed == 3
        counts[size] = warm
        print(f"result page, {size}: {cold} cold, {warm} warm")
        assert warm <= RESULT_BUDGET, "\n".join(sql)
    assert counts["few"] == counts["many"]
    for url in ["/balansscan/", "/balansscan/vragen/"]:
        _cold, warm, _listed, sql = measure(client, url, 200, None)
        print(f"{url}: {warm} warm")
        assert warm <= QUERY_BUDGET, "\n".join(sql)

"""Counting the SQL queries a page costs, for the query-count tests of every app."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bs4 import BeautifulSoup

# What a public page may cost, warm, whether it lists FEW items or MANY.
QUERY_BUDGET = 12
FEW, MANY = 10, 100


def count_selector(selector):
    return lambda response: len(BeautifulSoup(response.content.decode(), "html.parser").select(selector))


def count_text(needle):
    return lambda response: response.content.decode().count(needle)


def measure(client, url, status, count_items):
    """(queries cold, queries warm, items listed, SQL of the warm request); items listed is
    an error message when the page answered with an unexpected status."""
    cache.clear()  # nothing cached: no fragment, no content version
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    if response.status_code != status:
        return len(cold), len(warm), f"{url} gave HTTP {response.status_code}", []
    listed = count_items(response) if count_items else None
    return len(cold), len(warm), listed, [q["sql"] for q in warm.captured_queries]

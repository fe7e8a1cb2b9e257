"""Fixtures for the search tests: both search implementations, over the `corpus` of tests/conftest.py."""

import pytest

from search import index
from search.query import DatabaseSearch, ElasticsearchSearch


@pytest.fixture(params=["elasticsearch", "database"])
def search_impl(request, corpus):
    """Each contract test runs once against Elasticsearch and once against the database."""
    if request.param == "elasticsearch":
        client = request.getfixturevalue("elasticsearch")
        index.rebuild(client)
        return ElasticsearchSearch(client)
    return DatabaseSearch()

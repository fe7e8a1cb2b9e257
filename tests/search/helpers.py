"""Helpers for the tests that use a real Elasticsearch."""

from search import index


def remove_test_indices(client):
    """Every index under the test alias, deleted: each test starts without one."""
    for name in index.all_indices(client):
        client.indices.delete(index=name)

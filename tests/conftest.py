import os

from django.conf import settings

from wagtail.models import Page, Site

import pytest

from cop_site.factories import HomePageFactory
from knowledge.factories import CaseIndexPageFactory, GlossaryPageFactory, GuideChapterPageFactory, GuidePageFactory
from knowledge.models import Perspective
from search import index


@pytest.fixture(autouse=True)
def _require_postgres():
    # The suite runs on PostgreSQL only: the site's search and listings depend on it.
    assert settings.USES_POSTGRES, "Set DATABASE_URL to a PostgreSQL database (scripts/test.sh does this)."


@pytest.fixture
def home(db):
    """A fresh home page as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"}
    )
    return home


@pytest.fixture
def guide(home):
    """The guide with one chapter per perspective, in the perspectives' order."""
    guide = GuidePageFactory(parent=home)
    for perspective in Perspective.objects.all():
        GuideChapterPageFactory(parent=guide, perspective=perspective)
    return guide


@pytest.fixture
def case_index(home):
    return CaseIndexPageFactory(parent=home)


@pytest.fixture
def glossary(home):
    return GlossaryPageFactory(parent=home)


def elasticsearch_url():
    url = settings.TEST_ELASTICSEARCH_URL
    if not url:
        message = "ELASTICSEARCH_URL is not set: start a server with 'bash scripts/elasticsearch.sh start'."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def elasticsearch(settings):
    """Turns Elasticsearch on for this test, with an empty index under the test alias.

    It needs a real server (scripts/elasticsearch.sh start, and ELASTICSEARCH_URL).
    Outside CI the test is skipped when none is configured; in CI that is a failure.
    """
    settings.ELASTICSEARCH_URL = elasticsearch_url()
    client = index.get_client()
    for name in client.indices.get(index=f"{index.alias_name()}-*", ignore_unavailable=True):
        client.indices.delete(index=name)
    yield client
    for name in client.indices.get(index=f"{index.alias_name()}-*", ignore_unavailable=True):
        client.indices.delete(index=name)

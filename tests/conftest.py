import logging
import os

from django.conf import settings
from django.core.cache import cache, caches

from wagtail.models import Page, Site

import pytest
from pytest_django.fixtures import validate_django_db

from cop_site.factories import HomePageFactory
from knowledge.factories import (
    BuildingBlockPageFactory,
    CaseIndexPageFactory,
    DefinitionFactory,
    GlossaryPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation, Perspective
from search import index
from tests.search.helpers import remove_test_indices

# Fixtures that tests in more than one folder use, each kept in its own module.
pytest_plugins = ["tests.worker", "tests.members.fixtures"]


@pytest.fixture(autouse=True)
def _require_postgres():
    # The suite runs on PostgreSQL only: the site's search and listings depend on it.
    assert settings.USES_POSTGRES, "Set DATABASE_URL to a PostgreSQL database (scripts/test.sh does this)."


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    """No counter (log-in locks, rate limits), cached page or content version carries over between tests.

    Redis keeps everything across tests, so it is emptied before each one. The database cache
    table is rolled back with each test's transaction, but not after a test with committed data.
    """
    uses_redis = settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    if uses_redis:
        cache.clear()
    caches["template_fragments"].clear()  # this process's copies of fragments
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = marker is not None and validate_django_db(marker)[0]  # (transaction, reset_sequences, ...)
    if uses_redis or committed or "transactional_db" in request.fixturenames:
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def on_disk(settings, tmp_path):
    """Uploads on the file system, as in production: the path through Wagtail's sendfile code
    (the test settings' in-memory storage cannot serve a document)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


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


@pytest.fixture
def corpus(guide, case_index, glossary):
    """A small body of content with known words, perspectives and organisations."""
    chapters = {c.specific.perspective.slug: c.specific for c in guide.get_children()}
    block = BuildingBlockPageFactory(
        parent=chapters["leren"], title="Intervisie", slug="intervisie", summary="Samen leren van ervaringen."
    )
    utrecht = OrganisationFactory(name="Gemeente Utrecht", type=Organisation.Type.GEMEENTE, province="utrecht")
    zwolle = OrganisationFactory(name="Gemeente Zwolle", type=Organisation.Type.GEMEENTE, province="overijssel")
    gelderland = OrganisationFactory(
        name="Provincie Gelderland", type=Organisation.Type.PROVINCIE, province="gelderland"
    )
    DefinitionFactory(
        term="Programmasturing", synonyms="programmamanagement", definition="<p>Sturen op een set inspanningen.</p>"
    )
    cases = {
        "wijk": PracticeCasePageFactory(
            parent=case_index,
            title="Wijkaanpak met bewoners",
            slug="wijkaanpak-met-bewoners",
            summary="Een gemeente werkt met bewoners aan de wijk.",
            situation="<p>De gemeente wilde de leefbaarheid in de wijk verbeteren, samen met bewoners.</p>",
            perspectives=["leren", "sturen"],
            organisations=[utrecht],
            building_blocks=[block],
            year=2023,
        ),
        "portefeuille": PracticeCasePageFactory(
            parent=case_index,
            title="Portefeuille van projecten",
            summary="Overzicht over alle projecten in samenhang.",
            situation="<p>Programmasturing bracht rust in het bestuur.</p>",
            perspectives=["besturen"],
            organisations=[zwolle],
            year=2024,
        ),
        "dijk": PracticeCasePageFactory(
            parent=case_index,
            title="Samen opdrachtgever bij de dijkversterking",
            slug="dijkversterking",
            summary="Provincie en waterschap trekken samen op.",
            situation="<p>Een grote opgave langs de rivier, met de gemeente aan tafel.</p>",
            perspectives=["sturen"],
            organisations=[gelderland],
            year=2024,
        ),
    }
    return {"chapters": chapters, "block": block, "cases": cases}


def elasticsearch_url():
    url = settings.TEST_ELASTICSEARCH_URL
    if not url:
        message = "ELASTICSEARCH_URL is not set: start a server with 'bash scripts/elasticsearch.sh start'."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def elasticsearch(settings, caplog):
    """Turns Elasticsearch on for this test, with an empty index under the test alias.

    It needs a real server (scripts/elasticsearch.sh start, and ELASTICSEARCH_URL).
    Outside CI the test is skipped when none is configured; in CI that is a failure.
    The test fails when any search in it fell back to the database (search.query logs each
    fallback, in any thread): a test on Elasticsearch must not pass on the fallback.
    """
    settings.ELASTICSEARCH_URL = elasticsearch_url()
    client = index.get_client()
    remove_test_indices(client)
    yield client
    remove_test_indices(client)
    fallbacks = [
        r.getMessage() for r in caplog.get_records("call") if r.name == "search.query" and r.levelno >= logging.WARNING
    ]
    assert not fallbacks, f"searched on the database fallback instead of Elasticsearch: {fallbacks}"


@pytest.fixture
def redis_cache(settings):
    """The shared cache on Redis, as in production (REDIS_URL): its CACHES entry."""
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), "Set REDIS_URL to a Redis database."
    return settings.CACHES["default"]


@pytest.fixture
def page_cache(settings):
    """The page cache switched on (the test settings have it off), on a real Redis."""
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), (
        "Set REDIS_URL to a Redis server (scripts/test.sh starts one)."
    )
    settings.PAGE_CACHE_SECONDS = 120

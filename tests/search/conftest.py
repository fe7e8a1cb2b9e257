"""Fixtures for the search tests: content to find, and both search implementations."""

import pytest

from knowledge.factories import (
    BuildingBlockPageFactory,
    DefinitionFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation
from search import index
from search.query import DatabaseSearch, ElasticsearchSearch


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
            summary="Een gemeente werkt met bewoners aan de wijk.",
            situation="<p>De gemeente wilde de leefbaarheid verbeteren.</p>",
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
            summary="Provincie en waterschap trekken samen op.",
            situation="<p>Een grote opgave langs de rivier.</p>",
            perspectives=["sturen"],
            organisations=[gelderland],
            year=2024,
        ),
    }
    return {"chapters": chapters, "block": block, "cases": cases}


@pytest.fixture(params=["elasticsearch", "database"])
def search_impl(request, corpus):
    """Each contract test runs once against Elasticsearch and once against the database."""
    if request.param == "elasticsearch":
        client = request.getfixturevalue("elasticsearch")
        index.rebuild(client)
        return ElasticsearchSearch(client)
    return DatabaseSearch()

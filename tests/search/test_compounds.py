"""Dutch compounds in the Elasticsearch index: a part finds the whole word, below the exact word."""

from django.http import QueryDict

import pytest

from knowledge.factories import DefinitionFactory, PracticeCasePageFactory
from search import index
from search.documents import COMPOUND_PARTS
from search.query import ElasticsearchSearch, SearchRequest

pytestmark = pytest.mark.django_db


def search(client, q):
    return ElasticsearchSearch(client).search(SearchRequest.from_params(QueryDict(f"q={q}")))


def titles(client, q):
    return [hit.title for hit in search(client, q).hits]


def test_a_part_finds_the_compound(elasticsearch, case_index):
    for title, summary in [
        ("Portefeuillesturing in het ruimtelijk domein", "Drie gemeenten sturen samen."),
        ("Een eigen potje", "Het opgavebudget gaf het team ruimte."),
        ("Eén loket voor de bouw", "Het projectbureau bundelt de kennis."),
        ("Buurtkracht", "Bewoners trekken de kar."),
    ]:
        PracticeCasePageFactory(parent=case_index, title=title, summary=summary)
    index.rebuild(elasticsearch)

    assert titles(elasticsearch, "sturing") == ["Portefeuillesturing in het ruimtelijk domein"]
    assert titles(elasticsearch, "portefeuille") == ["Portefeuillesturing in het ruimtelijk domein"]
    assert titles(elasticsearch, "opgave") == ["Een eigen potje"]
    assert titles(elasticsearch, "project") == ["Eén loket voor de bouw"]


def test_the_exact_word_ranks_above_the_compound(elasticsearch, case_index):
    PracticeCasePageFactory(
        parent=case_index, title="Portefeuillesturing in de regio", summary="Over de portefeuillesturing in een regio."
    )
    PracticeCasePageFactory(parent=case_index, title="Sturing op resultaat", summary="Over de sturing van een wijk.")
    index.rebuild(elasticsearch)

    results = search(elasticsearch, "sturing")
    assert [hit.title for hit in results.hits] == ["Sturing op resultaat", "Portefeuillesturing in de regio"]
    # The exact word is marked in its snippet; a compound is not, but its snippet is still shown.
    exact, compound = results.hits
    assert "<mark>sturing</mark>" in exact.highlight
    assert compound.highlight and "<mark>" not in compound.highlight


def test_glossary_terms_split_compounds(elasticsearch, case_index):
    assert "scrumteam" not in COMPOUND_PARTS  # not in the OpenTaal list: only the glossary has it
    DefinitionFactory(term="Scrumteam", definition="<p>Een klein team dat in korte rondes werkt.</p>")
    PracticeCasePageFactory(parent=case_index, title="Scrumteamoverleg in de gemeente", summary="Elke week samen.")
    index.rebuild(elasticsearch)

    assert "Scrumteamoverleg in de gemeente" in titles(elasticsearch, "scrumteam")


def test_a_compound_that_is_itself_listed_still_gives_its_first_part(elasticsearch, case_index):
    # "adviesbureau" is in the list (a part of bigger compounds), and so is the glossary's
    # "wijkregisseur": the whole word must not hide the part it starts with.
    assert "adviesbureau" in COMPOUND_PARTS and {"advies", "wijk"} <= set(COMPOUND_PARTS)
    DefinitionFactory(term="Wijkregisseur", definition="<p>Wie de aanpak in een buurt samenbrengt.</p>")
    PracticeCasePageFactory(parent=case_index, title="Een extern adviesbureau", summary="Het keek mee.")
    PracticeCasePageFactory(parent=case_index, title="Eén gezicht in de buurt", summary="De wijkregisseur schakelt.")
    index.rebuild(elasticsearch)

    assert titles(elasticsearch, "advies") == ["Een extern adviesbureau"]
    assert "Eén gezicht in de buurt" in titles(elasticsearch, "wijk")

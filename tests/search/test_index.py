"""The Elasticsearch index: live updates, rebuilds without a gap, and repair after an outage."""

import threading

from django.core.management import call_command
from django.http import QueryDict

from wagtail.models import PageViewRestriction

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory
from knowledge.factories import PracticeCasePageFactory
from knowledge.models import Definition, Organisation, Perspective
from search import index
from search.content import build_context, document_id
from search.query import ElasticsearchSearch, SearchRequest

DEAD_URL = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture
def es(elasticsearch, corpus):
    index.rebuild(elasticsearch)
    return ElasticsearchSearch(elasticsearch)


@pytest.fixture
def live(django_capture_on_commit_callbacks):
    """Run the index updates that wait for the transaction to commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def titles(es, query_string):
    return [hit.title for hit in es.search(SearchRequest.from_params(QueryDict(query_string))).hits]


def in_index(client, obj):
    return client.exists(index=index.alias_name(), id=document_id(obj))


def test_a_typo_still_finds_the_page(es):
    assert "Wijkaanpak met bewoners" in titles(es, "q=wijkanpak")


def test_publish_adds_and_unpublish_removes(es, case_index, live):
    with live():
        case = PracticeCasePageFactory(parent=case_index, title="Nieuw dorpshuis", live=False)
    assert not in_index(es.client, case)
    with live():
        case.save_revision().publish()
    assert "Nieuw dorpshuis" in titles(es, "q=dorpshuis")
    case.refresh_from_db()  # publishing worked on a copy from the revision
    with live():
        case.unpublish()
    assert titles(es, "q=dorpshuis") == []


def test_delete_removes_the_document(es, corpus, live):
    case = corpus["cases"]["dijk"]
    assert in_index(es.client, case)
    with live():
        case.delete()
    assert not in_index(es.client, case)


def test_a_view_restriction_removes_the_page_and_lifting_it_restores(es, corpus, live):
    case = corpus["cases"]["wijk"]
    with live():
        restriction = PageViewRestriction.objects.create(page=case, restriction_type="password", password="geheim")
    assert not in_index(es.client, case)
    with live():
        restriction.delete()
    assert in_index(es.client, case)


def test_a_draft_edit_does_not_change_the_indexed_text(es, corpus, live):
    case = corpus["cases"]["wijk"]
    case.title = "Conceptversie met geheim plan"
    with live():
        case.save_revision()  # saved as a draft, not published
    assert titles(es, "q=geheim+plan") == []
    assert "Wijkaanpak met bewoners" in titles(es, "q=wijkaanpak")


def test_moving_a_page_updates_its_url(es, corpus, guide, live):
    block = corpus["block"]
    with live():
        block.move(corpus["chapters"]["besturen"], pos="last-child")
    source = es.client.get(index=index.alias_name(), id=document_id(block))["_source"]
    assert source["url"].startswith("/inspiratiegids/besturen/")
    assert source["perspectives"] == ["besturen"]


def test_renaming_an_organisation_reindexes_its_cases(es, live):
    organisation = Organisation.objects.get(name="Gemeente Zwolle")
    organisation.name = "Gemeente Zwolle aan de IJssel"
    with live():
        organisation.save()
    assert "Portefeuille van projecten" in titles(es, "q=ijssel")


def test_a_new_synonym_works_without_reindexing(es, live):
    assert titles(es, "q=regie") == []
    definition = Definition.objects.get(term="Programmasturing")
    definition.synonyms = "programmamanagement, regie"
    with live():
        definition.save()
    assert "Portefeuille van projecten" in titles(es, "q=regie")


def test_a_save_succeeds_while_elasticsearch_is_down_and_fix_repairs(es, case_index, settings, live, capsys, caplog):
    case = PracticeCasePageFactory(parent=case_index, title="Tijdens de storing gepubliceerd", live=False)
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = DEAD_URL
    with live(), caplog.at_level("WARNING", logger="search.index"):
        case.save_revision().publish()  # as an editor publishes: the index update runs and fails
    settings.ELASTICSEARCH_URL = url
    case.refresh_from_db()
    assert case.live and case.live_revision_id  # the editor's publish went through
    (record,) = [r for r in caplog.records if r.name == "search.index"]
    assert record.levelname == "WARNING" and "run search_index_status --fix" in record.getMessage()
    assert not in_index(es.client, case)

    call_command("search_index_status")
    assert "Ontbreekt in de index: 1" in capsys.readouterr().out
    call_command("search_index_status", "--fix")
    assert "weer gelijk" in capsys.readouterr().out
    assert "Tijdens de storing gepubliceerd" in titles(es, "q=storing")


def test_a_write_elasticsearch_refuses_is_logged_as_an_error_and_the_save_stands(es, case_index, live, caplog):
    # The mapping no longer fits the documents (a deploy changed it without rebuild_search_index).
    drifted = f"{index.alias_name()}-19990101000000000000"  # an index an earlier deploy made
    es.client.indices.create(index=drifted, mappings={"properties": {"title": {"type": "integer"}}})
    es.client.indices.update_aliases(
        actions=[
            {"remove": {"index": "*", "alias": index.alias_name()}},
            {"add": {"index": drifted, "alias": index.alias_name()}},
        ]
    )
    case = PracticeCasePageFactory(parent=case_index, title="Na de wijziging gepubliceerd", live=False)
    with live(), caplog.at_level("WARNING", logger="search.index"):
        case.save_revision().publish()
    case.refresh_from_db()
    assert case.live and case.live_revision_id  # the editor's publish went through
    (record,) = [r for r in caplog.records if r.name == "search.index"]
    assert record.levelname == "ERROR" and "refused by Elasticsearch (a bug)" in record.getMessage()
    assert "document_parsing_exception" in record.getMessage()  # the reason, not only a count


def test_status_finds_stale_and_extra_documents(es, corpus, capsys):
    es.client.index(index=index.alias_name(), id="page-999999", document={"title": "Spook"}, refresh=True)
    es.client.update(
        index=index.alias_name(), id=document_id(corpus["cases"]["wijk"]), doc={"title": "Oud"}, refresh=True
    )
    call_command("search_index_status")
    output = capsys.readouterr().out
    assert "Overbodig in de index: 1" in output
    assert "Verouderd in de index: 1" in output
    call_command("search_index_status", "--fix")
    assert not es.client.exists(index=index.alias_name(), id="page-999999")


def test_rebuild_twice_swaps_the_alias_and_removes_old_indices(es, capsys):
    first = index.indexed_names(es.client)
    call_command("rebuild_search_index")
    call_command("rebuild_search_index")
    second = index.indexed_names(es.client)
    assert len(second) == 1 and second != first
    assert index.all_indices(es.client) == second
    assert "Wijkaanpak met bewoners" in titles(es, "q=wijkaanpak")


def test_a_rebuild_leaves_the_indices_of_another_alias_that_starts_with_ours(es):
    neighbour = f"{index.alias_name()}-staging-20260101000000000000"  # cop-test-staging-... beside cop-test
    es.client.indices.create(index=neighbour)
    try:
        call_command("rebuild_search_index")
        assert es.client.indices.exists(index=neighbour)
        assert neighbour not in index.all_indices(es.client)
    finally:
        es.client.indices.delete(index=neighbour)


def test_queries_keep_answering_during_a_rebuild(es):
    """A reader running throughout two rebuilds never sees an error or an empty result."""
    answers, errors, done = [], [], threading.Event()

    def reader():
        while not done.is_set():
            try:
                response = es.client.count(index=index.alias_name(), query={"match": {"title": "wijkaanpak"}})
                answers.append(response["count"])
            except Exception as error:
                errors.append(error)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(2):
            index.rebuild(es.client)
    finally:
        done.set()
        thread.join()
    assert errors == []
    assert len(answers) > 5
    assert set(answers) == {1}


def test_an_edit_during_a_rebuild_survives_the_swap(es, corpus, live):
    """An edit published after the rebuild read the page must not be undone by the rebuild's older copy."""
    case = corpus["cases"]["dijk"]

    def edit_once_the_rebuild_has_read_it(objects, total):
        for obj in objects:
            yield obj
            if obj.pk == case.pk:
                case.title = "Dijkversterking, bijgewerkt tijdens de herbouw"
                with live():
                    case.save_revision().publish()

    index.rebuild(es.client, progress=edit_once_the_rebuild_has_read_it)
    source = es.client.get(index=index.alias_name(), id=document_id(case))["_source"]
    assert source["title"] == "Dijkversterking, bijgewerkt tijdens de herbouw"
    assert index.all_indices(es.client) == index.indexed_names(es.client)


def test_editing_a_speaker_or_perspective_reindexes_their_events(es, home, live):
    speaker = SpeakerFactory(name="Anouk Verhoeven")
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home), perspectives=["leren"], speakers=[speaker])
    with live():
        event.save_revision().publish()
    assert [event.title] == titles(es, "q=verhoeven")

    speaker.name = "Anouk de Graaf"
    with live():
        speaker.save()
    assert titles(es, "q=verhoeven") == []
    assert [event.title] == titles(es, "q=graaf")

    perspective = Perspective.objects.get(slug="leren")
    perspective.name = "Lerend vermogen"
    with live():
        perspective.save()
    source = es.client.get(index=index.alias_name(), id=document_id(event))["_source"]
    assert source["perspective_names"] == ["Lerend vermogen"]


def test_a_page_deleted_during_a_rebuild_does_not_come_back(es, corpus, live):
    case = corpus["cases"]["dijk"]
    doc_id = document_id(case)

    def delete_once_the_rebuild_has_read_it(objects, total):
        for obj in objects:
            yield obj
            if obj.pk == case.pk:
                with live():
                    case.delete()

    name, count = index.rebuild(es.client, progress=delete_once_the_rebuild_has_read_it)
    assert not es.client.exists(index=index.alias_name(), id=doc_id)
    assert count == es.client.count(index=name)["count"]


def test_no_typo_retry_when_the_words_match_but_the_filters_exclude_them(es, case_index, live):
    # One letter from "wijkaanpak", under a perspective the real "Wijkaanpak met bewoners" does not have.
    with live():
        near = PracticeCasePageFactory(parent=case_index, title="Wijkaanpal", perspectives=["besturen"], live=False)
        near.save_revision().publish()
    assert "Wijkaanpak met bewoners" in titles(es, "q=wijkaanpk")  # a real typo: the retry finds it
    assert titles(es, "q=wijkaanpak&invalshoek=besturen") == []  # spelled right, filtered out: no guessing


def test_the_retry_searches_the_corrected_words_or_else_allows_typos(es):
    def search(q):
        return es.search(SearchRequest.from_params(QueryDict(f"q={q}")))

    corrected = search("wijkaanpk")
    assert (corrected.suggestion, [hit.title for hit in corrected.hits]) == ("wijkaanpak", ["Wijkaanpak met bewoners"])
    # No page has both words, so the spelling suggester has no correction: fuzzy matching finds
    # each word's page, and one word of two may find nothing.
    fuzzy = search("wijkaanpk portefeuile")
    assert fuzzy.suggestion == ""
    assert {"Wijkaanpak met bewoners", "Portefeuille van projecten"} <= {hit.title for hit in fuzzy.hits}


def test_a_late_write_to_an_index_a_rebuild_removed_does_not_bring_it_back(es, corpus):
    """A live update that listed the indices just before a rebuild deleted the old one."""
    listed_before = index.all_indices(es.client)
    index.rebuild(es.client)
    actions = list(index.bulk_actions(listed_before, [corpus["cases"]["wijk"]], build_context()))
    index.write(es.client, actions)  # the 404 for the removed index is expected: no error
    # The server refuses to create it (scripts/elasticsearch.sh sets action.auto_create_index).
    assert index.all_indices(es.client) == index.indexed_names(es.client)

"""Index updates are tasks: a published page becomes findable once the worker has run them."""

from django.http import QueryDict

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from knowledge.factories import PracticeCasePageFactory
from search import index, tasks
from search.content import document_id
from search.models import SearchTermWeek
from search.query import ElasticsearchSearch, SearchRequest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def titles(client, query_string):
    search = ElasticsearchSearch(client)
    return [hit.title for hit in search.search(SearchRequest.from_params(QueryDict(query_string))).hits]


def test_a_published_page_is_findable_only_after_the_worker_ran(elasticsearch, case_index, task_worker):
    index.rebuild(elasticsearch)
    case = PracticeCasePageFactory(parent=case_index, title="Nieuw dorpshuis", live=False)
    case.save_revision().publish()

    task = DBTaskResult.objects.get(task_path="search.tasks.update_documents")
    assert task.status == TaskResultStatus.READY
    assert task.args_kwargs["args"] == [[["knowledge.practicecasepage", case.pk]]]
    assert titles(elasticsearch, "q=dorpshuis") == []

    task_worker.start()
    task_worker.wait_until_idle()

    assert titles(elasticsearch, "q=dorpshuis") == ["Nieuw dorpshuis"]
    # Wagtail's own tasks (its reference index and its database search index) ran there too.
    statuses = dict(DBTaskResult.objects.values_list("task_path", "status"))
    assert {"wagtail.tasks.update_reference_index_task", "modelsearch.tasks.insert_or_update_object_task"} <= set(
        statuses
    )
    assert set(statuses.values()) == {TaskResultStatus.SUCCESSFUL}


def test_a_task_for_a_page_deleted_since_removes_its_document(elasticsearch, corpus):
    index.rebuild(elasticsearch)
    case = corpus["cases"]["dijk"]
    refs = tasks.references([case])
    assert elasticsearch.exists(index=index.alias_name(), id=document_id(case))

    case.delete()  # the test settings' immediate backend already ran the delete's own task
    # A stale document, as if the delete's task had been lost.
    elasticsearch.index(index=index.alias_name(), id=document_id(case), document={"title": case.title}, refresh=True)
    assert elasticsearch.exists(index=index.alias_name(), id=document_id(case))

    tasks.update_documents.call(refs)
    assert not elasticsearch.exists(index=index.alias_name(), id=document_id(case))


def test_search_counts_reach_the_database_through_the_worker_after_the_flush_delay(
    client, corpus, task_worker, settings
):
    settings.SEARCH_TERMS_FLUSH_SECONDS = 1
    for q in ["wijkaanpak", "wijkaanpak", "xyzzy"]:
        assert client.get("/zoeken/", {"q": q}).status_code == 200
    flush = DBTaskResult.objects.get(task_path="search.term_counts.flush_counts")  # one, for all three
    assert flush.run_after is not None
    assert not SearchTermWeek.objects.exists()  # counted in Redis only, so far

    task_worker.start()
    task_worker.wait_until_idle()

    assert DBTaskResult.objects.get(pk=flush.pk).status == TaskResultStatus.SUCCESSFUL
    stored = {
        term: (searches, empty)
        for term, searches, empty in SearchTermWeek.objects.values_list("term", "searches", "without_results")
    }
    assert stored == {"wijkaanpak": (2, 0), "xyzzy": (1, 1)}

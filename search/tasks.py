"""Search-index updates, run by the task worker rather than in the editor's request.

A task carries only (model label, pk) pairs and re-reads the objects when it runs, so it indexes
what the database holds then: an object deleted in the meantime is removed from the index.
"""

from collections import defaultdict
from functools import partial

from django.apps import apps
from django.db import transaction

from django_tasks import task

from . import index
from .content import id_prefix


def references(objects):
    """The task arguments for `objects`: JSON-friendly (model label, pk) pairs."""
    return [[obj._meta.label_lower, obj.pk] for obj in objects]


@task()
def update_documents(refs):
    """Index the objects that still exist and are searchable; remove the documents of the rest."""
    pks_by_model = defaultdict(set)
    for label, pk in refs:
        pks_by_model[apps.get_model(label)].add(pk)
    found, missing = [], []
    for model, pks in pks_by_model.items():
        objects = list(model.objects.filter(pk__in=pks))
        found.extend(objects)
        missing.extend(f"{id_prefix(model)}-{pk}" for pk in pks - {obj.pk for obj in objects})
    if found:
        index.update_objects(found)
    if missing:
        index.remove_ids(missing)


@task()
def update_synonyms():
    index.update_synonyms()


def reindex_after_commit(objects):
    """Enqueue an update of `objects` once the transaction commits (never for a rolled-back state)."""
    refs = references(objects)
    if refs:
        transaction.on_commit(partial(update_documents.enqueue, refs), robust=True)

"""The booklet's rebuild on the task queue: after a publish, the worker makes the new edition.

A transaction full of changes (an editor's publish, the demo loader) queues one rebuild, after
the commit, so the worker never builds from a state that was rolled back.
"""

from django.db import connection, transaction

from django_tasks import task

from .service import BookletUnavailable, build_edition


@task()
def rebuild_booklet():
    """Build a new edition if the content changed; the result says which edition is current."""
    try:
        edition, created = build_edition()
    except BookletUnavailable:
        return {"edition": None, "created": False}
    return {"edition": edition.pk, "created": created}


def enqueue_rebuild():
    rebuild_booklet.enqueue()


def rebuild_after_commit():
    """Queue one rebuild for when the transaction commits, however many changes it holds."""
    if any(callback is enqueue_rebuild for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(enqueue_rebuild, robust=True)

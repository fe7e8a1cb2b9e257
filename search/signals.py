"""Live index updates: publish, unpublish, delete, move, privacy and snippet edits.

Each change enqueues a task (search.tasks) once the transaction commits: never a rolled-back
state, and the editor's request does not wait for Elasticsearch.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.page_cache import served_from_cache
from events.models import EventPage, Speaker
from knowledge.models import (
    BuildingBlockPage,
    Definition,
    GuideChapterPage,
    Organisation,
    Perspective,
    PracticeCasePage,
)

from . import tasks
from .content import content_type_for
from .views import count_cached_search


def update_synonyms():
    transaction.on_commit(tasks.update_synonyms.enqueue, robust=True)


def subtree(page):
    return [p.specific for p in Page.objects.descendant_of(page, inclusive=True).specific()]


def page_changed(sender, instance, **kwargs):
    page = instance.specific
    if content_type_for(page) is None:
        return
    objects = [page]
    if isinstance(page, GuideChapterPage):  # its building blocks carry its perspective
        objects.extend(BuildingBlockPage.objects.child_of(page).specific())
    tasks.reindex_after_commit(objects)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is not Page:
        tasks.reindex_after_commit([instance])


def page_moved(sender, instance, **kwargs):
    # URLs and chapter membership change for the whole subtree.
    tasks.reindex_after_commit([p for p in subtree(instance) if content_type_for(p)])


def restriction_changed(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:  # the page itself is being deleted
        return
    tasks.reindex_after_commit([p for p in subtree(page) if content_type_for(p)])


def perspective_changed(sender, instance, **kwargs):
    chapters = GuideChapterPage.objects.filter(perspective=instance)
    objects = [
        *chapters,
        *PracticeCasePage.objects.filter(perspectives=instance),
        *EventPage.objects.filter(perspectives=instance),
    ]
    for chapter in chapters:
        objects.extend(BuildingBlockPage.objects.child_of(chapter))
    tasks.reindex_after_commit(objects)


def organisation_changed(sender, instance, **kwargs):
    tasks.reindex_after_commit(list(PracticeCasePage.objects.filter(organisations=instance)))


def speaker_changed(sender, instance, **kwargs):
    # Speakers' names and organisations are in their events' text. (A speaker with events cannot be deleted.)
    tasks.reindex_after_commit(list(EventPage.objects.filter(speaker_links__speaker=instance).distinct()))


def definition_changed(sender, instance, **kwargs):
    update_synonyms()
    tasks.reindex_after_commit([instance])


def definition_deleted(sender, instance, **kwargs):
    update_synonyms()
    tasks.reindex_after_commit([instance])


def connect():
    served_from_cache.connect(count_cached_search, dispatch_uid="search_count_cached")
    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_delete.connect(page_deleted, dispatch_uid="search_page_deleted")
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    post_save.connect(perspective_changed, sender=Perspective, dispatch_uid="search_perspective_saved")
    post_save.connect(organisation_changed, sender=Organisation, dispatch_uid="search_organisation_saved")
    post_save.connect(speaker_changed, sender=Speaker, dispatch_uid="search_speaker_saved")
    post_save.connect(definition_changed, sender=Definition, dispatch_uid="search_definition_saved")
    post_delete.connect(definition_deleted, sender=Definition, dispatch_uid="search_definition_deleted")

"""Publishing what the booklet shows queues a rebuild: a chapter, building block or case published,
unpublished, moved or deleted, a definition saved or deleted, a perspective renamed or recoloured.

Off when BOOKLET_REBUILD_ON_PUBLISH is false (the test settings: a transactional test would
otherwise build a PDF at each publish; tests/booklet switch it on).
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from knowledge.models import BuildingBlockPage, Definition, GuideChapterPage, GuidePage, Perspective, PracticeCasePage

from .tasks import rebuild_after_commit

PAGE_TYPES = (GuidePage, GuideChapterPage, BuildingBlockPage, PracticeCasePage)


def content_changed(sender, instance, **kwargs):
    if not settings.BOOKLET_REBUILD_ON_PUBLISH:
        return
    if isinstance(instance, (Definition, Perspective)) or isinstance(instance.specific_deferred, PAGE_TYPES):
        rebuild_after_commit()


def connect():
    page_published.connect(content_changed, dispatch_uid="booklet_page_published")
    page_unpublished.connect(content_changed, dispatch_uid="booklet_page_unpublished")
    post_page_move.connect(content_changed, dispatch_uid="booklet_page_moved")
    for model in PAGE_TYPES:
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"booklet_{model.__name__}_deleted")
    for model in (Definition, Perspective):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"booklet_{model.__name__}_saved")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"booklet_{model.__name__}_deleted")

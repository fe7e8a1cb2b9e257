"""Files members upload with a case: private until the case is published, gone with a deleted draft.

Documents and images a member uploads go into one private collection. Its view restriction lets
only the Moderators and Editors groups (and superusers) download the documents at
/documenten/<id>/<name>: not "every logged-in user", because anyone can sign up as a member.
Wagtail has no view restrictions for images; a member's image gets a random file name instead,
so its original and renditions cannot be found before a page shows them.
"""

import uuid

from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, ReferenceIndex, Revision

from events.models import EventDocument
from knowledge.models import CaseAttachment, PracticeCasePage

from .workflow import MODERATORS

PRIVATE_COLLECTION = "Inzendingen van leden (niet openbaar)"
EDITORS = "Editors"


@transaction.atomic
def private_collection():
    """The collection for uploads of unpublished cases, created with its restriction on first use."""
    root = Collection.objects.select_for_update().get(pk=Collection.get_first_root_node().pk)
    collection = root.get_children().filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PRIVATE_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=[MODERATORS, EDITORS]))
    return collection


def random_name(name):
    """An unguessable file name with the upload's extension."""
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    return f"{uuid.uuid4().hex}.{extension}" if extension else uuid.uuid4().hex


def case_media(page):
    """(documents, images) a case refers to: in its page row and in every revision."""
    document_ids = set(page.attachments.values_list("document_id", flat=True))
    image_ids = {page.image_id} if page.image_id else set()
    for content in Revision.objects.for_instance(page).values_list("content", flat=True):
        document_ids.update(item["document"] for item in content.get("attachments", []) if item.get("document"))
        if content.get("image"):
            image_ids.add(content["image"])
    return (
        list(get_document_model().objects.filter(pk__in=document_ids)),
        list(get_image_model().objects.filter(pk__in=image_ids)),
    )


def in_use(obj, ignore_page=None):
    """Whether a page (live row or any revision) or anything else refers to a document or image,
    leaving out what `ignore_page` itself refers to."""
    if isinstance(obj, get_document_model()):
        rows = [CaseAttachment.objects.filter(document=obj), EventDocument.objects.filter(document=obj)]
        revisions = Revision.objects.filter(content__attachments__contains=[{"document": obj.pk}])
    else:
        rows = [PracticeCasePage.objects.filter(image=obj)]
        revisions = Revision.objects.filter(content__image=obj.pk)
    references = ReferenceIndex.get_references_to(obj)
    if ignore_page is not None:
        rows = [
            queryset.exclude(**{"pk" if queryset.model is PracticeCasePage else "page": ignore_page.pk})
            for queryset in rows
        ]
        revisions = revisions.exclude(pk__in=Revision.objects.for_instance(ignore_page))
        references = references.exclude(
            base_content_type=ignore_page.get_base_content_type(), object_id=str(ignore_page.pk)
        )
    return any(queryset.exists() for queryset in [*rows, revisions, references])


def delete_unused(objects, ignore_page=None):
    """Delete the documents and images nothing else uses; Wagtail removes their files after the commit."""
    for obj in objects:
        if not in_use(obj, ignore_page):
            obj.delete()


def is_private(obj):
    return obj.collection.name == PRIVATE_COLLECTION


def publish_uploads(page):
    """Move the files of a case as published from the private collection to the public root collection."""
    root = Collection.get_first_root_node()
    objects = [attachment.document for attachment in page.attachments.select_related("document__collection")]
    if page.image is not None:
        objects.append(page.image)
    for obj in objects:
        if is_private(obj):
            obj.collection = root
            obj.save(update_fields=["collection"])

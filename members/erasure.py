"""Deleting a member's account: their published cases stay, with no trace of them anywhere.

Wagtail keeps more than the live page: every revision (which the editor opens, so the next
publish would bring the data back), workflow comments, log entries and comments, the files'
titles and names, and the search indexes built from the page. All of those are scrubbed here.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Comment, CommentReply, ModelLogEntry, Page, PageLogEntry, Revision, TaskState
from wagtail.search.index import insert_or_update_object

from allauth.account.models import EmailAddress

from core.caching import bump_after_commit
from knowledge.models import CaseAttachment, PracticeCasePage
from search import tasks as search_tasks

from . import media
from .models import AccountEmail

REMOVED = "[verwijderd]"
CONTACT_CLEARED = {"contact_name": "", "contact_role": "", "contact_email": "", "publish_contact_email": False}
# The page's own text fields; the slug stays, as links to a published case must last.
TEXT_FIELDS = ["title", "draft_title", "seo_title", "search_description", "summary", "situation", "approach"]
TEXT_FIELDS += ["results", "lessons"]
SHORTEST_TRACE = 3  # shorter strings would wipe ordinary words
SHORTEST_COMPACT_TRACE = 6  # the same inside words, as in file names
NEUTRAL_TITLES = {"document": "Bijlage", "image": "Afbeelding"}


def member_traces(user, pages):
    """The member's names and e-mail addresses, and the contacts on their cases, longest first."""
    profile = getattr(user, "member_profile", None)
    values = {user.email, user.get_full_name(), profile.full_name if profile else ""}
    values.update(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    for page in pages:
        values.update([page.contact_name, page.contact_email])
        for content in Revision.objects.for_instance(page).values_list("content", flat=True):
            values.update([content.get("contact_name", ""), content.get("contact_email", "")])
    return sorted((v.strip() for v in values if len(v.strip()) >= SHORTEST_TRACE), key=len, reverse=True)


def trace_pattern(traces):
    """Matches any trace as a whole word, in any case; None when there is nothing to look for."""
    if not traces:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in traces) + r")(?!\w)", re.IGNORECASE)


def scrub(value, pattern):
    """`value` (a string or JSON data) with every trace replaced."""
    if isinstance(value, str):
        return pattern.sub(REMOVED, value) if pattern else value
    if isinstance(value, list):
        return [scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item, pattern) for key, item in value.items()}
    return value


def compact(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def names_member(text, traces):
    """Whether a file name or title spells a trace, however it was written (jan-jansen, Jan_Jansen.pdf)."""
    text = compact(text)
    return any(len(compact(t)) >= SHORTEST_COMPACT_TRACE and compact(t) in text for t in traces)


def scrub_revisions(page, user, pattern):
    for revision in Revision.objects.for_instance(page):
        content = scrub(revision.content, pattern) | CONTACT_CLEARED | {"owner": None}
        if content.get("locked_by") == user.pk:
            content["locked_by"] = None
        revision.content = content
        revision.object_str = scrub(revision.object_str, pattern)
        revision.save(update_fields=["content", "object_str"])


def scrub_live_page(page, user, pattern):
    values = {name: scrub(getattr(page, name), pattern) for name in TEXT_FIELDS}
    locked = {"locked_by": None} if page.locked_by_id == user.pk else {}
    PracticeCasePage.objects.filter(pk=page.pk).update(**values, **CONTACT_CLEARED, owner=None, **locked)
    for attachment in CaseAttachment.objects.filter(page=page):
        attachment.title = scrub(attachment.title, pattern)
        attachment.save(update_fields=["title"])


def scrub_log(entries, pattern):
    for entry in entries:
        # update(): a log entry's save() validates its page, which for a deleted draft is gone.
        type(entry).objects.filter(pk=entry.pk).update(
            label=scrub(entry.label, pattern), data=scrub(entry.data, pattern)
        )


def scrub_history(page_pk, pattern):
    """Workflow comments, admin comments and the log of a page (also of a deleted one: its log stays)."""
    states = TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(page_pk),
    )
    for task_state in states.exclude(comment=""):
        task_state.comment = scrub(task_state.comment, pattern)
        task_state.save(update_fields=["comment"])
    for comment in [*Comment.objects.filter(page_id=page_pk), *CommentReply.objects.filter(comment__page_id=page_pk)]:
        comment.text = scrub(comment.text, pattern)
        comment.save(update_fields=["text"])
    scrub_log(PageLogEntry.objects.filter(page_id=page_pk), pattern)


def rename_file(obj):
    """Give a stored file a random name, keeping its bytes; the old file goes after the commit."""
    old = obj.file.name
    obj.file.open("rb")
    data = obj.file.read()
    obj.file.close()
    if hasattr(obj, "renditions"):
        obj.renditions.all().delete()  # their names derive from the old one
    obj.file.save(media.random_name(old), ContentFile(data), save=False)
    storage = obj.file.storage
    transaction.on_commit(lambda: storage.delete(old))


def scrub_uploads(user, traces, pattern):
    """Files the member uploaded: unused ones go; those published cases show stay, unnamed."""
    for model in (get_document_model(), get_image_model()):
        for obj in model.objects.filter(uploaded_by_user=user):
            if not media.in_use(obj):
                obj.delete()
                continue
            if names_member(obj.title, traces):
                obj.title = NEUTRAL_TITLES[model._meta.model_name]
            if names_member(obj.file.name, traces):
                rename_file(obj)
            obj.uploaded_by_user = None
            obj.save()
            content_type = ContentType.objects.get_for_model(model)
            scrub_log(ModelLogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)), pattern)


def reindex(page_pks):
    pages = list(PracticeCasePage.objects.filter(pk__in=page_pks))
    for page in pages:
        insert_or_update_object(page)  # the database search: the admin's and the public fallback
    search_tasks.reindex_after_commit(pages)  # the worker takes the member's name out of Elasticsearch
    bump_after_commit()  # the live pages were changed with update(), which sends no signal


@transaction.atomic
def erase_cases(user, pages):
    """Delete the member's unpublished cases and scrub the published ones, their history and their files."""
    pages = list(pages)
    traces = member_traces(user, pages)
    pattern = trace_pattern(traces)
    published = []
    for page in pages:
        pk = page.pk
        if page.live:
            scrub_revisions(page, user, pattern)
            scrub_live_page(page, user, pattern)
            published.append(pk)
        else:
            page.delete()  # its private files go with it (members.signals)
        scrub_history(pk, pattern)
    scrub_uploads(user, traces, pattern)
    for model in (PageLogEntry, ModelLogEntry):
        model.objects.filter(user_id=user.pk).update(user=None)  # no database link to an id that is gone
    reindex(published)


def drop_account_mail(user):
    """Account e-mails still waiting for the worker to any of the member's addresses (the rows that
    name the account go with it anyway)."""
    addresses = {user.email, *user.emailaddress_set.values_list("email", flat=True)} - {""}
    AccountEmail.objects.filter(Q(user=user) | Q(to__in=addresses)).delete()

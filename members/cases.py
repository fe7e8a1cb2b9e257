"""Creating, editing and submitting member cases, and reading their moderation status."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import TaskState, WorkflowState

from knowledge.models import CaseAttachment, CaseIndexPage, Organisation, PracticeCasePage

from . import media
from .signals import confirm_submission
from .workflow import ensure_case_workflow

STATUS_LABELS = {
    "concept": _("Concept"),
    "in_review": _("In beoordeling"),
    "published": _("Gepubliceerd"),
    "needs_changes": _("Teruggestuurd"),
}


SLUG_MAX = 60


def case_index():
    return CaseIndexPage.objects.first()


def unique_slug(parent, title, page=None):
    """A free slug under parent from the title, cut at a word boundary; page's own slug counts as free."""
    base = slugify(title)
    if len(base) > SLUG_MAX:
        base = base[: SLUG_MAX + 1].rsplit("-", 1)[0]
    base = base or "praktijkvoorbeeld"
    slug, n = base, 1
    siblings = set(parent.get_children().exclude(pk=getattr(page, "pk", None)).values_list("slug", flat=True))
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    return slug


def member_cases(user):
    return PracticeCasePage.objects.filter(owner=user).order_by("-latest_revision_created_at", "-pk")


def active_workflow_state(page):
    return WorkflowState.objects.active().for_instance(page).select_related("current_task_state").first()


def case_statuses(pages):
    """{page pk: (key, label, reviewer comment)} for a member's cases, in three queries for any number."""
    pages = list(pages)
    states = {}
    if pages:
        active = WorkflowState.objects.active().filter(
            base_content_type=pages[0].get_base_content_type(), object_id__in=[str(page.pk) for page in pages]
        )
        states = {int(state.object_id): state for state in active}
    sent_back = [state for state in states.values() if state.status == WorkflowState.STATUS_NEEDS_CHANGES]
    comments = {}
    rejections = TaskState.objects.filter(workflow_state__in=sent_back, status=TaskState.STATUS_REJECTED)
    for task_state in rejections.order_by("finished_at", "pk"):
        comments[task_state.workflow_state_id] = task_state.comment  # the latest one wins
    statuses = {}
    for page in pages:
        state = states.get(page.pk)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            key, comment = "needs_changes", comments.get(state.pk, "")
        elif state is not None:
            key, comment = "in_review", ""
        else:
            key, comment = ("published" if page.live else "concept"), ""
        statuses[page.pk] = (key, STATUS_LABELS[key], comment)
    return statuses


def case_status(page):
    """(key, label, reviewer comment) for a member's case."""
    return case_statuses([page])[page.pk]


def can_member_edit(page, user):
    """A member edits their own case only while it is a concept or sent back, never once published."""
    if page.owner_id is None or page.owner_id != user.pk:
        return False
    return case_status(page)[0] in {"concept", "needs_changes"}


def _store_uploads(form, page, user):
    """Save the form's files in the private collection; returns the image they replace, if any."""
    collection = media.private_collection()
    for upload in form.attachments():
        upload.seek(0)
        document = get_document_model().objects.create(
            title=upload.name.rsplit(".", 1)[0][:200] or "bijlage",
            file=ContentFile(upload.read(), name=upload.name),
            collection=collection,
            uploaded_by_user=user,
        )
        page.attachments.add(CaseAttachment(document=document))
    replaced = None
    if form.cleaned_image:
        name, data = form.cleaned_image
        replaced = page.image
        page.image = get_image_model().objects.create(
            title=page.title[:255],
            file=ContentFile(data, name=media.random_name(name)),
            collection=collection,
            uploaded_by_user=user,
        )
    return replaced


def _organisation(data):
    """The chosen organisation, or the one typed under "anders, namelijk", added for the editors to check."""
    name = data.get("other_organisation", "").strip()
    if data.get("organisation") or not name:
        return data.get("organisation")
    existing = Organisation.objects.filter(name__iexact=name).first()
    return existing or Organisation.objects.create(name=name, type=Organisation.Type.OVERIG, reviewed=False)


def _apply(form, page):
    data = form.cleaned_data
    page.title = data["title"]
    page.draft_title = data["title"]
    page.summary = data["summary"]
    page.phase = data["phase"] or page.phase
    page.year = data["year"]
    for name in form.text_fields:
        setattr(page, name, form.html(name))
    page.contact_name = data["contact_name"]
    page.contact_role = data["contact_role"]
    page.contact_email = data["contact_email"]
    page.publish_contact_email = data["publish_contact_email"]
    page.perspectives = list(data["perspectives"])
    page.building_blocks = list(data["building_blocks"])
    organisation = _organisation(data)
    page.organisations = [organisation] if organisation else []


@transaction.atomic
def create_case(form, user, submit):
    # Lock the case index: two cases added at the same moment would pick the same slug and tree path.
    parent = CaseIndexPage.objects.select_for_update().get(pk=case_index().pk)
    page = PracticeCasePage(owner=user, live=False, slug=unique_slug(parent, form.cleaned_data["title"]))
    _apply(form, page)
    _store_uploads(form, page, user)
    parent.add_child(instance=page)
    # A concept may lack what publishing needs; a submitted case was checked in full by the form.
    revision = page.save_revision(user=user, clean=submit)
    if submit:
        submit_case(page, user)
    return page, revision


@transaction.atomic
def update_case(page, form, user, submit):
    draft = page.get_latest_revision_as_object()
    _apply(form, draft)
    if page.first_published_at is None:
        # Until the case is first published its address follows the title; after that, links to it must last.
        draft.slug = unique_slug(page.get_parent(), draft.title, page=page)
        if draft.slug != page.slug:
            page.slug = draft.slug
            page.set_url_path(page.get_parent())
            page.save(update_fields=["slug", "url_path"], clean=False)
    replaced = _store_uploads(form, draft, user)
    draft.save_revision(user=user, clean=submit)
    # The image the member replaced goes, unless the live case or another page still shows it.
    if replaced is not None and not (page.live and page.image_id == replaced.pk):
        media.delete_unused([replaced], ignore_page=page)
    if submit:
        submit_case(draft, user)
    return draft


def submit_case(page, user):
    state = active_workflow_state(page)
    if state is not None and state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return state
    if state is not None:
        state.resume(user)
    else:
        state = (page.get_workflow() or ensure_case_workflow()).start(page, user)
    confirm_submission(page)
    return state

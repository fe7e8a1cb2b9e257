"""The moderation workflow for member submissions, and the groups it needs.

``ensure_case_workflow()`` is idempotent. The data migration calls it with the
historical ``apps``; ``load_demo_content`` calls it without arguments once the
case index exists.
"""

from django.apps import apps as global_apps
from django.utils.translation import gettext as _

WORKFLOW_NAME = "Praktijkvoorbeeld beoordelen"
TASK_NAME = "Beoordeling door moderatoren"
# Wagtail's own migration names its default workflow and task after the group ("Moderators approval"),
# so the admin offered "Stuur door naar Moderators approval"; members/migrations/0003 renames them.
WAGTAIL_DEFAULT_NAME = "Moderators approval"
DEFAULT_WORKFLOW_NAME = "Redactionele beoordeling"
DEFAULT_TASK_NAME = "Goedkeuring door moderatoren"
MODERATORS = "Moderators"
MEMBERS = "Leden"


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def ensure_member_group(apps=global_apps):
    """The "Leden" group: no admin access, only "add" on the case index (set by ensure_case_workflow)."""
    Group = apps.get_model("auth", "Group")
    return Group.objects.get_or_create(name=MEMBERS)[0]


def make_member(user):
    """Put a verified user in the "Leden" group; they get Dutch e-mails from members.signals
    instead of Wagtail's admin notifications (which link into an admin they cannot open)."""
    from wagtail.users.models import UserProfile

    user.groups.add(ensure_member_group())
    profile = UserProfile.get_for_user(user)
    profile.approved_notifications = False
    profile.rejected_notifications = False
    profile.updated_comments_notifications = False
    profile.save()


def ensure_case_workflow(apps=global_apps):
    """Create the workflow, its task, the groups and attach it to the case index when there is one.

    Returns the workflow (a historical model instance when ``apps`` is a migration's).
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    CaseIndexPage = apps.get_model("knowledge", "CaseIndexPage")

    moderators = Group.objects.get_or_create(name=MODERATORS)[0]
    members = ensure_member_group(apps)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, active=True, content_type=_content_type(apps, "wagtailcore", "groupapprovaltask")
        )
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    add_page = Permission.objects.filter(content_type__app_label="wagtailcore", codename="add_page").first()
    for case_index in CaseIndexPage.objects.all():
        page = Page.objects.get(pk=case_index.pk)
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        if add_page is not None:
            GroupPagePermission.objects.get_or_create(group=members, page=page, permission=add_page)
    return workflow


def rename_default_workflow(apps=global_apps):
    """Give Wagtail's default workflow and its task Dutch names (they show in the admin's buttons)."""
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WAGTAIL_DEFAULT_NAME).update(
        name=DEFAULT_WORKFLOW_NAME
    )
    apps.get_model("wagtailcore", "Task").objects.filter(name=WAGTAIL_DEFAULT_NAME).update(name=DEFAULT_TASK_NAME)


def _person(user):
    """'Jan Jansen (jan@example.org)': the name a member gave, else the account's."""
    if user is None:
        return _("onbekend")
    profile = getattr(user, "member_profile", None)
    name = (profile and profile.full_name) or user.get_full_name() or user.get_username()
    return f"{name} ({user.email})" if user.email else name


def review_outcome(task_state):
    """What a moderator's decision on a case did, and to whom; None while the task is undecided."""
    from wagtail.models import TaskState

    task_state.refresh_from_db()
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    values = {"title": page.get_admin_display_title(), "person": _person(workflow_state.requested_by or page.owner)}
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("Praktijkvoorbeeld '%(title)s' is teruggestuurd naar %(person)s.") % values
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    workflow_state.refresh_from_db()
    if workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        values["task"] = workflow_state.current_task_state.task.name
        return _("Praktijkvoorbeeld '%(title)s' van %(person)s is goedgekeurd en gaat door naar '%(task)s'.") % values
    return _("Praktijkvoorbeeld '%(title)s' van %(person)s is goedgekeurd en gepubliceerd.") % values

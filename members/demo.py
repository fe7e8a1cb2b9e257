"""Demo members and moderation states, for `manage.py load_demo_content` (development only); the
logins and cases are in members/demo/members.toml.

    from members.demo import load_member_demo
    logins = load_member_demo(case_index, self.stdout)   # [(role, e-mail, password), ...]

Runs only when `demo_password()` is non-empty (never under production settings) and
returns the logins to print. Safe to run again: users are matched by username, the
demo cases by slug under the case index, and a case already in a workflow state is
left as it is.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import WorkflowState

from allauth.account.models import EmailAddress

from core.demo.loader import read, rich_text
from knowledge.models import Organisation, Perspective, PracticeCasePage

from .cases import submit_case
from .models import Profile
from .workflow import MODERATORS, ensure_case_workflow, make_member

CASE_TEXTS = ("situation", "approach", "results", "lessons")


def _user(person, password):
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=person["username"], defaults={"email": person["email"]})
    user.email = person["email"]
    user.first_name = person["full_name"][:150]
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=person["email"], defaults={"verified": True, "primary": True}
    )
    return user


def demo_password():
    """The password of every dev-only demo login; "" (no logins) under production settings."""
    return "" if settings.IS_PRODUCTION else settings.DEMO_EDITOR_PASSWORD


def load_member_demo(case_index, stdout=None):
    password = demo_password()
    if not password or case_index is None:
        return []
    data = read("members", "members.toml")
    ensure_case_workflow()
    person = data["member"]
    member = _user(person, password)
    make_member(member)
    organisation = Organisation.objects.order_by("name").filter(type=Organisation.Type.GEMEENTE).first()
    Profile.objects.update_or_create(
        user=member,
        defaults={"full_name": person["full_name"], "role": person["role"], "organisation": organisation},
    )
    moderator = _user(data["moderator"], password)
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])

    for case in data["cases"]:
        page = PracticeCasePage.objects.child_of(case_index).filter(slug=case["slug"]).first()
        if page is None:
            page = PracticeCasePage(
                title=case["title"],
                slug=case["slug"],
                owner=member,
                live=False,
                summary=case["summary"],
                year=case["year"],
                **{field: rich_text(case[field]) for field in CASE_TEXTS},
                contact_name=person["full_name"],
                contact_role=person["role"],
                contact_email=person["email"],
            )
            page.perspectives = [Perspective.objects.get(slug=case["perspective"])]
            if organisation:
                page.organisations = [organisation]
            case_index.add_child(instance=page)
            page.save_revision(user=member)
        if not WorkflowState.objects.for_instance(page).exists():
            state = submit_case(page, member)
            if case.get("comment"):
                task_state = state.current_task_state
                task_state.task.specific.on_action(task_state, moderator, "reject", comment=case["comment"])
    logins = [("lid", person["email"], password), ("moderator", data["moderator"]["username"], password)]
    if stdout is not None:
        for role, login, secret in logins:
            stdout.write(f"Demo-{role}: {login} / {secret}")
    return logins

"""Demo members and moderation states, for `manage.py load_demo_content` (development only).

    from members.demo import load_member_demo
    logins = load_member_demo(case_index, self.stdout)   # [(role, e-mail, password), ...]

Runs only when `demo_password()` is non-empty (never under production settings) and
returns the logins to print. Safe to run again: users are matched by username, the
demo cases by slug under the case index, and a case already in a workflow state is
left as it is.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import WorkflowState

from allauth.account.models import EmailAddress

from knowledge.models import Organisation, Perspective, PracticeCasePage

from .cases import submit_case
from .models import Profile
from .workflow import MODERATORS, ensure_case_workflow, make_member

MEMBER = {"username": "demo-lid", "email": "lid@example.org", "full_name": "Mila de Jong", "role": "Opgavemanager"}
MODERATOR = {"username": "demo-moderator", "email": "moderator@example.org", "full_name": "Mo Derator"}

CASES = [
    {
        "slug": "demo-lid-wijkgericht-werken",
        "title": "Wijkgericht werken met één opgaveteam",
        "summary": "Een gemeente bracht wijkaanpak, welzijn en openbare ruimte samen in één team per wijk.",
        "perspective": "sturen",
        "comment": "",
    },
    {
        "slug": "demo-lid-leren-na-elk-project",
        "title": "Leren na elk project",
        "summary": "Na elk project een korte terugblik met bewoners, ambtenaren en bestuur.",
        "perspective": "leren",
        "comment": "Mooi voorbeeld. Kun je bij de resultaten aangeven wat er concreet is veranderd?",
    },
]


def _user(spec, password):
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=spec["username"], defaults={"email": spec["email"]})
    user.email = spec["email"]
    user.first_name = spec["full_name"][:150]
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=spec["email"], defaults={"verified": True, "primary": True})
    return user


def demo_password():
    """The password of every dev-only demo login; "" (no logins) under production settings."""
    return "" if settings.IS_PRODUCTION else settings.DEMO_EDITOR_PASSWORD


def load_member_demo(case_index, stdout=None):
    password = demo_password()
    if not password or case_index is None:
        return []
    ensure_case_workflow()
    from django.contrib.auth.models import Group

    member = _user(MEMBER, password)
    make_member(member)
    organisation = Organisation.objects.order_by("name").filter(type=Organisation.Type.GEMEENTE).first()
    Profile.objects.update_or_create(
        user=member,
        defaults={"full_name": MEMBER["full_name"], "role": MEMBER["role"], "organisation": organisation},
    )
    moderator = _user(MODERATOR, password)
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])

    for spec in CASES:
        page = PracticeCasePage.objects.child_of(case_index).filter(slug=spec["slug"]).first()
        if page is None:
            page = PracticeCasePage(
                title=spec["title"],
                slug=spec["slug"],
                owner=member,
                live=False,
                summary=spec["summary"],
                year=2025,
                situation="<p>De gemeente had veel losse projecten in dezelfde wijken.</p>",
                approach="<p>Eén team per wijk, met een opgavemanager als aanspreekpunt.</p>",
                results="<p>Minder overleg en snellere besluiten.</p>",
                lessons="<p>Begin klein en betrek het bestuur vanaf het begin.</p>",
                contact_name=MEMBER["full_name"],
                contact_role=MEMBER["role"],
                contact_email=MEMBER["email"],
            )
            page.perspectives = [Perspective.objects.get(slug=spec["perspective"])]
            if organisation:
                page.organisations = [organisation]
            case_index.add_child(instance=page)
            page.save_revision(user=member)
        if not WorkflowState.objects.for_instance(page).exists():
            state = submit_case(page, member)
            if spec["comment"]:
                task_state = state.current_task_state
                task_state.task.specific.on_action(task_state, moderator, "reject", comment=spec["comment"])
    logins = [("lid", MEMBER["email"], password), ("moderator", MODERATOR["username"], password)]
    if stdout is not None:
        for role, login, secret in logins:
            stdout.write(f"Demo-{role}: {login} / {secret}")
    return logins

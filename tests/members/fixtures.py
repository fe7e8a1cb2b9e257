"""The members' world for tests in any folder: a guide with building blocks, the case workflow,
members, a moderator and an editor (registered for the whole suite in tests/conftest.py)."""

from django.contrib.auth.models import Group

import pytest

from knowledge.factories import BuildingBlockPageFactory, OrganisationFactory
from members.factories import PASSWORD, MemberFactory, ModeratorFactory, UserFactory
from members.workflow import ensure_case_workflow

from .helpers import client_for


@pytest.fixture
def site(guide, case_index):
    """The guide with two building blocks per perspective, the case index with its workflow."""
    blocks = {}
    for chapter in guide.get_children().specific():
        blocks[chapter.slug] = [
            BuildingBlockPageFactory(
                parent=chapter, title=f"{chapter.title} blok {i}", slug=f"{chapter.slug}-blok-{i}"
            )
            for i in (1, 2)
        ]
    ensure_case_workflow()
    return {
        "guide": guide,
        "case_index": case_index,
        "blocks": blocks,
        "organisation": OrganisationFactory(name="Gemeente Zwolle"),
    }


@pytest.fixture
def users(db):
    editor = UserFactory(username="redacteur", email="redactie@example.org")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "anonymous": None,
        "member_a": MemberFactory(username="lid-a"),
        "member_b": MemberFactory(username="lid-b"),
        "moderator": ModeratorFactory(username="moderator", email="moderator@example.org"),
        "editor": editor,
    }


@pytest.fixture
def clients(users):
    return {name: client_for(user) for name, user in users.items()}


@pytest.fixture
def password():
    return PASSWORD

"""Always current: a publish queues one rebuild after the commit, which the real worker runs;
the command and the admin build by hand."""

from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from wagtail.admin.menu import admin_menu

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from booklet.models import BookletEdition
from knowledge.factories import BuildingBlockPageFactory, DefinitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rebuild_on_publish(settings):
    settings.BOOKLET_REBUILD_ON_PUBLISH = True


def test_publishing_a_building_block_builds_a_new_edition_after_the_commit(
    chapters, rebuild_on_publish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        block = BuildingBlockPageFactory(parent=chapters[0], title="Opgaven wegen", live=False)
        block.save_revision().publish()
        DefinitionFactory(term="Afweging")
        assert not BookletEdition.objects.exists()  # nothing before the commit
    rebuilds = [c for c in callbacks if getattr(c, "__name__", "") == "enqueue_rebuild"]
    assert len(rebuilds) == 1  # one rebuild for the whole transaction
    assert BookletEdition.objects.count() == 1


def test_without_the_setting_a_publish_queues_nothing(chapters, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        DefinitionFactory(term="Afweging")
    assert not BookletEdition.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_builds_the_edition_a_publish_queued(chapters, rebuild_on_publish, task_worker):
    chapters[1].title = "Sturen op opgaven"
    chapters[1].save_revision().publish()
    task = DBTaskResult.objects.get(task_path="booklet.tasks.rebuild_booklet")
    assert task.status == TaskResultStatus.READY
    assert not BookletEdition.objects.exists()

    task_worker.start()
    task_worker.wait_until_idle()

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL, task_worker.log.read_text()
    edition = BookletEdition.objects.get()
    assert task.return_value == {"edition": edition.pk, "created": True}
    assert edition.page_count > 5


def test_the_command_is_safe_to_run_twice(chapters, capsys):
    call_command("build_booklet")
    out = capsys.readouterr()
    assert "Nieuwe editie van" in out.out and "pagina's" in out.out
    assert "Boekje" in out.err  # the progress bar
    call_command("build_booklet")
    assert "Niets veranderd" in capsys.readouterr().out
    assert BookletEdition.objects.count() == 1
    call_command("build_booklet", "--force")
    assert BookletEdition.objects.count() == 2


def test_the_command_without_a_guide_says_so(home):
    with pytest.raises(CommandError, match="geen gepubliceerde, openbare inspiratiegids"):
        call_command("build_booklet")


def menu_urls(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.url for item in admin_menu.menu_items_for_request(request)]


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_an_editor_rebuilds_by_hand_and_sees_the_editions(chapters, users, clients, role):
    client = clients[role]
    page = client.get("/admin/boekje/")
    assert page.status_code == 200
    assert "Er is nog geen editie gemaakt." in page.text
    assert "/admin/boekje/" in menu_urls(users[role])

    response = client.post("/admin/boekje/", follow=True)
    assert "Er is een nieuwe editie gemaakt" in response.text
    edition = BookletEdition.objects.get()
    assert edition.document.url in response.text
    response = client.post("/admin/boekje/", follow=True)
    assert "Er is niets veranderd sinds de editie van" in response.text
    assert BookletEdition.objects.count() == 1


def test_without_the_permission_there_is_no_rebuild(chapters, users, clients):
    editor = users["editor"]
    editor.groups.clear()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert "/admin/boekje/" not in menu_urls(editor)
    assert clients["editor"].get("/admin/boekje/").status_code in (302, 403)
    clients["editor"].post("/admin/boekje/")
    clients["member_a"].post("/admin/boekje/")
    assert not BookletEdition.objects.exists()

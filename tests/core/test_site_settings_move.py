"""SiteSettings moved from cop_site to core: its row, content type and permissions move with it."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Site

import pytest

from core.models import SiteSettings


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_keeps_the_settings_and_who_may_change_them(home):
    SiteSettings.objects.update_or_create(site=Site.objects.get(), defaults={"organisation_name": "Vereniging X"})
    editors = Group.objects.create(name="Instellingenbeheer")
    editors.permissions.add(Permission.objects.get(content_type__app_label="core", codename="change_sitesettings"))
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate([("core", None)])  # back to before the move
        old = MigrationExecutor(connection).loader.project_state(("cop_site", "0003_site_statements")).apps
        assert old.get_model("cop_site", "SiteSettings").objects.get().organisation_name == "Vereniging X"
        assert ContentType.objects.filter(model="sitesettings").get().app_label == "cop_site"
    finally:
        # Always leave the database fully migrated for the tests that follow.
        MigrationExecutor(connection).migrate(latest)
    assert SiteSettings.objects.get().organisation_name == "Vereniging X"
    assert ContentType.objects.filter(model="sitesettings").get().app_label == "core"
    assert editors.permissions.get().codename == "change_sitesettings"
    assert editors.permissions.get().content_type.app_label == "core"

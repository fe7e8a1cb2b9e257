from django.db import migrations

from cop_site.permissions import grant_to_editor_groups

# Editors and moderators curate the knowledge snippets; the perspectives are a
# fixed set, so they may view and change those, never add or delete them.
GRANTS = {
    "perspective": ["view", "change"],
    "definition": ["view", "add", "change", "delete"],
    "organisation": ["view", "add", "change", "delete"],
}


def grant(apps, schema_editor):
    codenames = [f"{action}_{model}" for model, actions in GRANTS.items() for action in actions]
    grant_to_editor_groups(apps, "knowledge", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_rich_text_definition_links"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

from django.db import migrations

from cop_site.permissions import grant_to_editor_groups

# Editors and moderators run the events: they manage speakers and handle registrations.
# Registrations are never added in the admin (only through the public form), so no "add".
GRANTS = {
    "speaker": ["view", "add", "change", "delete"],
    "registration": ["view", "change", "delete"],
}


def grant(apps, schema_editor):
    codenames = [f"{action}_{model}" for model, actions in GRANTS.items() for action in actions]
    grant_to_editor_groups(apps, "events", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

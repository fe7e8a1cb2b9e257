from django.db import migrations

from core.permissions import grant_to_editor_groups


def grant(apps, schema_editor):
    # Editors and moderators write the scan's statements; the scans themselves are not theirs to see.
    codenames = [f"{action}_statement" for action in ("view", "add", "change", "delete")]
    grant_to_editor_groups(apps, "balansscan", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("balansscan", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

from django.db import migrations

from core.permissions import grant_to_editor_groups


def grant(apps, schema_editor):
    # Editors and moderators see the overview per week (balansscan.reports); no one edits a scan.
    grant_to_editor_groups(apps, "balansscan", ["view_scan"])


class Migration(migrations.Migration):
    dependencies = [
        ("balansscan", "0002_statement_editor_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

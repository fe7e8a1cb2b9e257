from django.db import migrations

from core.permissions import grant_to_editor_groups


def grant(apps, schema_editor):
    # Editors and moderators see the editions and may rebuild the booklet by hand.
    grant_to_editor_groups(apps, "booklet", ["view_bookletedition", "rebuild_bookletedition"])


class Migration(migrations.Migration):
    dependencies = [
        ("booklet", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

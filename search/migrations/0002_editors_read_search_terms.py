from django.db import migrations

from cop_site.permissions import grant_to_editor_groups


def grant(apps, schema_editor):
    """Editors and moderators may read the search-term counts."""
    grant_to_editor_groups(apps, "search", ["view_searchtermweek"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_terms"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

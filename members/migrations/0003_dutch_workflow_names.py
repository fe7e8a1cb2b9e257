from django.db import migrations


def forwards(apps, schema_editor):
    from members.workflow import rename_default_workflow

    rename_default_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_case_workflow"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

from django.db import migrations


def forwards(apps, schema_editor):
    from members.workflow import ensure_case_workflow

    ensure_case_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("knowledge", "0005_perspective_colour_validator"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Member texts stored as <p>…<br>…</p> made the admin editor fail; rebuild them as Draftail writes them."""

from django.db import migrations

from members.forms import case_text_converter, html_to_text, text_to_html

TEXT_FIELDS = ["situation", "approach", "results", "lessons"]


def repair_case_text(html):
    """Text that Draftail cannot open rebuilt through the form's converter; text it can open stays as it is."""
    try:
        case_text_converter().from_database_format(html or "")
    except AssertionError:
        return text_to_html(html_to_text(html))
    return html


def repair_fields(values):
    """Repairs the text fields of a page row or revision content in place; True when something changed."""
    changed = False
    for name in TEXT_FIELDS:
        if isinstance(values.get(name), str):
            repaired = repair_case_text(values[name])
            changed = changed or repaired != values[name]
            values[name] = repaired
    return changed


def forwards(apps, schema_editor):
    PracticeCasePage = apps.get_model("knowledge", "PracticeCasePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for page in PracticeCasePage.objects.only(*TEXT_FIELDS).iterator():
        values = {name: getattr(page, name) for name in TEXT_FIELDS}
        if repair_fields(values):
            PracticeCasePage.objects.filter(pk=page.pk).update(**values)
    content_type = ContentType.objects.filter(app_label="knowledge", model="practicecasepage").first()
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        if repair_fields(revision.content):
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_case_workflow"),
        ("knowledge", "0005_perspective_colour_validator"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""The guide's four perspectives. Editors may reword them; the set itself is fixed."""

from django.db import migrations

PERSPECTIVES = [
    (
        "besturen",
        "Opgavegericht besturen",
        "Het besturingsmodel dat een organisatie inricht om haar maatschappelijke opgaven aan te pakken.",
        "#1d4f91",
    ),
    (
        "sturen",
        "Opgavegericht sturen",
        "Welke rollen er zijn en hoe het samenspel van inspanningen rond een opgave wordt gestuurd.",
        "#8a3b12",
    ),
    (
        "presteren",
        "Opgavegericht presteren",
        "De manier van werken: hoe het werk aan een opgave in de praktijk gedaan wordt.",
        "#1e6b3a",
    ),
    (
        "leren",
        "Opgavegericht leren",
        "De organisatie zo inrichten dat leren een stevige basis en de juiste voorwaarden krijgt.",
        "#6b2c7a",
    ),
]


def create_perspectives(apps, schema_editor):
    Perspective = apps.get_model("knowledge", "Perspective")
    for order, (slug, name, description, colour) in enumerate(PERSPECTIVES):
        Perspective.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "short_description": description, "colour": colour, "sort_order": order},
        )


def remove_perspectives(apps, schema_editor):
    apps.get_model("knowledge", "Perspective").objects.filter(slug__in=[slug for slug, *_ in PERSPECTIVES]).delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_perspectives, remove_perspectives)]

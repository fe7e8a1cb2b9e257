"""SiteSettings moves here from cop_site (issue 13), with its data, content type and permissions.

The table is kept and renamed, and the content type is renamed too, so the permissions given
on it (and the admin's history of it) stay with the model.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="sitesettings").exists():
        ContentType.objects.filter(app_label=old, model="sitesettings").update(app_label=new)


def move_content_type(apps, schema_editor):
    rename_content_type(apps, "cop_site", "core")


def move_content_type_back(apps, schema_editor):
    rename_content_type(apps, "core", "cop_site")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cop_site', '0003_site_statements'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # The model's state arrives here; its table is the one cop_site made.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SiteSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('organisation_name', models.CharField(default='Vereniging van projectbureaus', max_length=200, verbose_name='naam vereniging')),
                        ('about', models.TextField(blank=True, help_text='Een korte beschrijving voor de voettekst.', verbose_name='over de vereniging')),
                        ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='algemeen e-mailadres')),
                        ('practical_contact_name', models.CharField(blank=True, max_length=200, verbose_name='contactpersoon praktische vragen')),
                        ('practical_contact_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail praktische vragen')),
                        ('theme_contact_name', models.CharField(blank=True, max_length=200, verbose_name='contactpersoon themasuggesties')),
                        ('theme_contact_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail themasuggesties')),
                        ('accessibility_page', models.ForeignKey(blank=True, help_text='Wordt gelinkt in de voettekst.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='toegankelijkheidsverklaring')),
                        ('privacy_page', models.ForeignKey(blank=True, help_text='Wordt gelinkt in de voettekst en bij elk formulier dat persoonsgegevens vraagt.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='privacyverklaring')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'website-instellingen',
                        'db_table': 'cop_site_sitesettings',
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='sitesettings', table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]

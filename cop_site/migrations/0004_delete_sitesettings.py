"""SiteSettings moved to core (core 0001 renames its table); only the state leaves here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cop_site', '0003_site_statements'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name='SiteSettings')]),
    ]

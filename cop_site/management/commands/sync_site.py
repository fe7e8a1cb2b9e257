from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from cop_site.sites import public_host_and_port, sync_default_site


class Command(BaseCommand):
    help = "Zet hostnaam en poort van de standaardsite in Wagtail op het adres uit WAGTAILADMIN_BASE_URL."

    def handle(self, *args, **options):
        hostname, port = public_host_and_port()
        taken = Site.objects.filter(hostname=hostname, port=port, is_default_site=False).first()
        if taken is not None:
            raise CommandError(
                f"Een andere site ({taken.site_name or taken.pk}) gebruikt {hostname}:{port} al; "
                "pas die eerst aan in de beheeromgeving onder Instellingen > Sites."
            )
        site = sync_default_site()
        if site is None:
            raise CommandError("Er is geen standaardsite. Draai eerst manage.py migrate.")
        self.stdout.write(f"Standaardsite: {site.hostname}:{site.port}")

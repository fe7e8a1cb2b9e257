from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from search import index


class Command(BaseCommand):
    help = "Bouwt een nieuwe zoekindex en zet de alias er in één stap naartoe; oude indexen worden verwijderd."

    def handle(self, *args, **options):
        client = index.get_client()
        if client is None:
            raise CommandError("ELASTICSEARCH_URL is niet ingesteld; de site zoekt dan in de database.")
        try:
            name, count = index.rebuild(client, progress=lambda items, total: tqdm(items, total=total, unit="doc"))
        except index.OUTAGE_ERRORS as error:
            raise CommandError(f"Elasticsearch is niet bereikbaar: {error}") from error
        except index.REFUSED_ERRORS as error:
            raise CommandError(f"Elasticsearch weigerde een verzoek: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"{count} documenten in {name}; alias {index.alias_name()} wijst ernaar.")
        )

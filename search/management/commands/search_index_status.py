from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from search import index


class Command(BaseCommand):
    help = "Vergelijkt de zoekindex met de database. Met --fix worden de verschillen hersteld."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Ontbrekende, verouderde en overbodige documenten herstellen."
        )

    def handle(self, *args, fix=False, **options):
        client = index.get_client()
        if client is None:
            raise CommandError("ELASTICSEARCH_URL is niet ingesteld; de site zoekt dan in de database.")
        try:
            expected, missing, extra, stale = index.compare(client)
        except index.OUTAGE_ERRORS as error:
            raise CommandError(f"Elasticsearch is niet bereikbaar: {error}") from error
        except index.REFUSED_ERRORS as error:
            raise CommandError(f"Elasticsearch weigerde een verzoek: {error}") from error
        self.stdout.write(f"In de database: {len(expected)} documenten")
        self.stdout.write(f"Ontbreekt in de index: {len(missing)}")
        self.stdout.write(f"Overbodig in de index: {len(extra)}")
        self.stdout.write(f"Verouderd in de index: {len(stale)}")
        for label, ids in (("ontbreekt", missing), ("overbodig", extra), ("verouderd", stale)):
            for doc_id in ids[:20]:
                self.stdout.write(f"  {label}: {doc_id}")
        if not fix:
            if missing or extra or stale:
                self.stdout.write("Draai met --fix om te herstellen.")
            return
        index.update_synonyms()
        to_update = [expected[doc_id] for doc_id in missing + stale]
        for start in tqdm(range(0, len(to_update), 500), unit="batch", disable=not to_update):
            index.update_objects(to_update[start : start + 500])
        index.remove_ids(extra)
        client.indices.refresh(index=index.alias_name())
        _expected, missing, extra, stale = index.compare(client)
        if missing or extra or stale:
            raise CommandError(
                f"Nog niet gelijk: {len(missing)} ontbreken, {len(extra)} overbodig, {len(stale)} verouderd."
            )
        self.stdout.write(self.style.SUCCESS("De index is weer gelijk aan de database."))

"""Build the booklet from the live guide, with progress. Safe to run twice: an unchanged site
makes no new edition, unless --force."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format
from django.utils.timezone import localtime

from tqdm import tqdm

from booklet.service import STEPS, BookletUnavailable, build_edition


class Command(BaseCommand):
    help = "Maakt het boekje (de inspiratiegids als PDF) uit de site. Veilig om vaker te draaien."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Ook een nieuwe editie maken als er niets veranderd is."
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        bar = tqdm(total=len(STEPS), desc="Boekje", unit="stap", file=self.stderr._out, disable=verbosity < 1)

        def step(label):
            bar.set_postfix_str(label)
            bar.update(1)

        try:
            edition, created = build_edition(force=force, step=step)
        except BookletUnavailable as error:
            raise CommandError(str(error)) from None
        else:
            bar.update(bar.total - bar.n)  # an unchanged site skips the later steps
        finally:
            bar.close()
        when = date_format(localtime(edition.built_at), "j F Y H:i")
        if created:
            self.stdout.write(
                f"Nieuwe editie van {when}: {edition.page_count} pagina's, {edition.document.file_size} bytes, "
                f"{edition.document.url}"
            )
        else:
            self.stdout.write(f"Niets veranderd: de editie van {when} blijft de nieuwste.")

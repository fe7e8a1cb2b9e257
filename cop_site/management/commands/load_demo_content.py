"""Build the Dutch demo site: guide, chapters, building blocks, glossary, cases and about pages.

Safe to run again: pages are found by their natural key under their parent and
updated in place (a new revision is published only when something changed);
snippets are updated by term or name. Nothing else is deleted, except Wagtail's
"Welcome to your new Wagtail site!" page on a fresh install.
"""

import logging
import re
import time
from collections import Counter
from datetime import datetime
from functools import partial
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, Site

from tqdm import tqdm

from balansscan.demo import load_statement_demo
from balansscan.models import Statement
from booklet.service import build_edition
from cop_site.models import HomePage, StandardPage
from cop_site.sites import sync_default_site
from core.demo.loader import get_all, publish_page, read, rich_text, stream, upsert
from core.models import SiteSettings
from events.demo import load_event_demo
from knowledge.models import (
    BuildingBlockPage,
    CaseIndexPage,
    Definition,
    GlossaryPage,
    GuideChapterPage,
    GuidePage,
    Organisation,
    Perspective,
    PracticeCasePage,
)
from members.demo import demo_password, load_member_demo
from members.workflow import ensure_case_workflow

DEFINITION_LINK = re.compile(r'<a linktype="definition" term="([^"]+)">')
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def related_both_ways(definitions, term):
    """The terms related to `term`: those it lists and those that list it (the relation is symmetric)."""
    listed = next(item["related"] for item in definitions if item["term"] == term)
    return set(listed) | {item["term"] for item in definitions if term in item["related"]}


def published_at(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


class Command(BaseCommand):
    help = "Vult de site met Nederlandstalige demo-inhoud. Veilig om vaker te draaien."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ook-in-productie",
            action="store_true",
            help="Ook draaien met de productie-instellingen (maakt dan nooit demo-logins aan).",
        )

    def handle(self, *args, verbosity=1, ook_in_productie=False, **options):
        if settings.IS_PRODUCTION and not ook_in_productie:
            raise CommandError(
                "Dit zijn de productie-instellingen: demo-inhoud hoort niet op de echte site. "
                "Weet je het zeker, draai dan opnieuw met --ook-in-productie (er komen dan geen demo-logins)."
            )
        started = time.monotonic()
        self.pages = Counter()
        self.member_logins = []
        # Wagtail and the task runner log every page save at INFO; the bar says enough.
        logging.disable(logging.INFO)
        try:
            self.build(verbosity)
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(self.summary(time.monotonic() - started))
        if self.editor_password:
            self.stdout.write(
                f"Inloggen op /admin/ als: {settings.DEMO_EDITOR_USERNAME} / {self.editor_password} "
                "(alleen voor ontwikkeling)"
            )
        for role, login, password in self.member_logins:
            self.stdout.write(f"Demo-{role}: {login} / {password} (alleen voor ontwikkeling)")

    def build(self, verbosity):
        with transaction.atomic():
            steps = self.plan()
            bar = tqdm(steps, desc="Demo-inhoud", unit="stap", file=self.stderr._out, disable=verbosity < 1)
            for label, step in bar:
                bar.set_postfix_str(label)
                step()
        # Saving already updates the search indexes; a full rebuild keeps them exactly in step.
        call_command("update_index", verbosity=0, stdout=StringIO(), stderr=StringIO())
        if settings.ELASTICSEARCH_URL:
            call_command("rebuild_search_index", stdout=StringIO(), stderr=StringIO())

    def plan(self):
        """The steps, in order; later steps use what earlier ones built (self.home, self.guide, ...)."""
        chapters = read("knowledge", "chapters.toml")["chapters"]
        cases = read("knowledge", "cases.toml")
        pages = read("cop_site", "about.toml")["pages"]
        return [
            ("startpagina", self.build_home),
            ("inspiratiegids", self.build_guide),
            ("begrippen", self.build_glossary),
            *[(chapter["perspective"], partial(self.build_chapter, chapter)) for chapter in chapters],
            ("balansscan", load_statement_demo),
            ("organisaties", self.build_organisations),
            ("praktijkvoorbeelden", partial(self.build_case_index, cases["index"])),
            *[(case["slug"], partial(self.build_case, case)) for case in cases["cases"]],
            *[(page["slug"], partial(self.build_standard_page, page)) for page in pages],
            ("bijeenkomsten", self.build_events),
            ("instellingen", self.build_settings),
            ("redacteur", self.build_editor),
            ("leden", self.build_members),
            ("boekje", self.build_booklet),
        ]

    # --- helpers -------------------------------------------------------------

    def page(self, parent, model, lookup, **fields):
        return publish_page(self.pages, parent, model, lookup, fields)

    def remove_welcome_page(self, root):
        """Delete Wagtail's placeholder home page from a fresh install, and nothing else."""
        welcome = Page.objects.child_of(root).exact_type(Page).filter(title=WAGTAIL_WELCOME_TITLE, numchild=0)
        for page in welcome:
            Site.objects.filter(root_page=page).update(root_page=root)
            page.delete()

    # --- steps ---------------------------------------------------------------

    def build_home(self):
        root = Page.get_first_root_node()
        self.remove_welcome_page(root)
        data = read("cop_site", "home.toml")["home"]
        self.home = self.page(
            root,
            HomePage,
            {},
            slug=data["slug"],
            title=data["title"],
            intro=rich_text(data["intro"]),
            guide_teaser=data["guide_teaser"],
        )
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.root_page, site.site_name = self.home, data["title"]
        self.site = sync_default_site(site)

    def build_guide(self):
        data = read("knowledge", "guide.toml")
        self.guide = self.page(
            self.home,
            GuidePage,
            {},
            slug=data["guide"]["slug"],
            title=data["guide"]["title"],
            intro=rich_text(data["guide"]["intro"]),
            show_in_menus=True,
        )

    def build_chapter(self, data):
        perspective = Perspective.objects.filter(slug=data["perspective"]).first()
        if perspective is None:
            raise data.error(f"onbekende invalshoek '{data['perspective']}'")
        chapter = self.page(
            self.guide,
            GuideChapterPage,
            {"perspective": perspective},
            slug=perspective.slug,
            title=perspective.name,
            perspective=perspective,
            intro=data["intro"],
            body=stream(data["body"], partial(self.definition_links, data)),
        )
        for block in data["building_blocks"]:
            self.page(
                chapter,
                BuildingBlockPage,
                {"slug": block["slug"]},
                slug=block["slug"],
                title=block["title"],
                summary=block["summary"],
                body=stream(block["body"], partial(self.definition_links, block)),
            )

    def definition_links(self, item, html):
        """A term link in a demo text (<a linktype="definition" term="…">) as Wagtail stores it, by the term's id."""

        def by_id(match):
            definition = self.definitions.get(match[1])
            if definition is None:
                raise item.error(f"onbekend begrip in een link: '{match[1]}'")
            return f'<a linktype="definition" id="{definition.pk}">'

        return DEFINITION_LINK.sub(by_id, html)

    def build_booklet(self):
        """The guide as a PDF, made from what the steps before loaded; a new edition only when it changed."""
        self.booklet, self.booklet_created = build_edition()

    def build_glossary(self):
        glossary = read("knowledge", "glossary.toml")
        data = glossary["page"]
        self.page(
            self.home,
            GlossaryPage,
            {},
            slug=data["slug"],
            title=data["title"],
            intro=rich_text(data["intro"]),
            show_in_menus=True,
        )
        self.definitions = definitions = {
            item["term"]: upsert(
                Definition,
                {"term": item["term"]},
                {
                    "slug": slugify(item["term"]),
                    "definition": rich_text(item["definition"]),
                    "synonyms": item["synonyms"],
                },
            )
            for item in glossary["definitions"]
        }
        # Related terms point at each other, so they are linked once all terms exist. The relation is
        # symmetric: a term also gets every term that lists it, or setting that term would undo the link.
        for item in glossary["definitions"]:
            unknown = set(item["related"]) - set(definitions)
            if unknown:
                raise item.error(f"related: onbekende begrippen: {', '.join(sorted(unknown))}")
            related = [definitions[term] for term in related_both_ways(glossary["definitions"], item["term"])]
            upsert(Definition, {"term": item["term"]}, {"related_terms": related})

    def build_organisations(self):
        for item in read("knowledge", "organisations.toml")["organisations"]:
            upsert(Organisation, {"name": item["name"]}, {"type": item["type"], "province": item["province"]})

    def build_case_index(self, data):
        self.case_index = self.page(
            self.home,
            CaseIndexPage,
            {},
            slug=data["slug"],
            title=data["title"],
            intro=rich_text(data["intro"]),
            show_in_menus=True,
        )

    def build_case(self, case):
        self.page(
            self.case_index,
            PracticeCasePage,
            {"slug": case["slug"]},
            slug=case["slug"],
            title=case["title"],
            first_published_at=published_at(case["published"]),
            summary=case["summary"],
            organisations=get_all(Organisation.objects, "name", case, "organisations"),
            perspectives=get_all(Perspective.objects, "slug", case, "perspectives"),
            building_blocks=get_all(BuildingBlockPage.objects, "slug", case, "building_blocks"),
            phase=case["phase"],
            year=case["year"],
            situation=rich_text(case["situation"]),
            approach=rich_text(case["approach"]),
            results=rich_text(case["results"]),
            lessons=rich_text(case["lessons"]),
            contact_name=case["contact_name"],
            contact_role=case["contact_role"],
            contact_email=case["contact_email"],
            tags=case["tags"],
        )

    def build_standard_page(self, data):
        self.page(
            self.home,
            StandardPage,
            {"slug": data["slug"]},
            slug=data["slug"],
            title=data["title"],
            intro=data["intro"],
            body=stream(data["body"]),
            show_in_menus=data.get("in_menu", True),
        )

    def build_settings(self):
        data = read("cop_site", "settings.toml")
        statements = {
            name: StandardPage.objects.child_of(self.home).get(slug=slug)
            for name, slug in data["statement_pages"].items()
        }
        upsert(SiteSettings, {"site": self.site}, {**data["settings"], **statements})

    def build_editor(self):
        """A superuser for local development only; never under production settings."""
        self.editor_password = demo_password()
        if not self.editor_password:
            return
        User = get_user_model()
        user, _ = User.objects.get_or_create(**{User.USERNAME_FIELD: settings.DEMO_EDITOR_USERNAME})
        user.is_active = user.is_staff = user.is_superuser = True
        if not user.check_password(self.editor_password):
            user.set_password(self.editor_password)
        user.save()

    def build_events(self):
        self.pages.update(load_event_demo(self.home))

    def build_members(self):
        """The moderation workflow, and (dev only) a member with cases in review and a moderator."""
        ensure_case_workflow()
        self.member_logins = load_member_demo(self.case_index)

    def summary(self, seconds):
        counts = {
            "hoofdstukken": GuideChapterPage.objects.count(),
            "bouwstenen": BuildingBlockPage.objects.count(),
            "praktijkvoorbeelden": PracticeCasePage.objects.count(),
            "begrippen": Definition.objects.count(),
            "organisaties": Organisation.objects.count(),
            "stellingen voor de Balansscan": Statement.objects.count(),
        }
        totals = ", ".join(f"{number} {label}" for label, number in counts.items())
        pages = ", ".join(f"{self.pages[key]} {key}" for key in ("nieuw", "bijgewerkt", "ongewijzigd"))
        booklet = "nieuwe editie" if self.booklet_created else "ongewijzigd"
        return (
            f"Demo-inhoud geladen in {seconds:.1f} s: {totals}. Pagina's: {pages}. "
            f"Boekje: {booklet}, {self.booklet.page_count} pagina's."
        )

"""`manage.py load_demo_content` and the perspectives data migration."""

import io
import re
import shutil
import subprocess
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, Site

import pikepdf
import pytest
from bs4 import BeautifulSoup

from booklet.models import BookletEdition
from cop_site.management.commands.load_demo_content import related_both_ways
from cop_site.models import HomePage, StandardPage
from core.demo import loader
from core.demo.loader import read
from core.models import SiteSettings
from events.models import EventPage
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

PERSPECTIVES = ["besturen", "sturen", "presteren", "leren"]
CASES = read("knowledge", "cases.toml")["cases"]
DEFINITIONS = read("knowledge", "glossary.toml")["definitions"]
BOARD = next(
    block["people"]["people"]
    for page in read("cop_site", "about.toml")["pages"]
    for block in page["body"]
    if "people" in block
)
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
DAY_AND_MONTH = re.compile(rf"\b\d{{1,2}} ({'|'.join(MONTHS)})\b", re.IGNORECASE)

# Every definition the domain notes name, and the synonyms search relies on.
REQUIRED_TERMS = {
    "Opgave": "",
    "Opgavegericht werken": "",
    "Adaptieve gemeente": "",
    "Project": "",
    "Programma": "",
    "Bestuursproces": "",
    "Opgavemanager": "",
    "Opgavesturing": "opgavegericht sturen",
    "Programmasturing": "programmamanagement",
    "Leefwereld": "",
    "Systeemwereld": "",
    "5R-model": "",
    "Opgave-spelers-inspanningen": "",
    "DT": "directieteam",
    "MT": "managementteam",
}


def load_demo(*args):
    out, err = StringIO(), StringIO()
    call_command("load_demo_content", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def demo(db):
    return load_demo()


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "definitions": Definition.objects.count(),
        "organisations": Organisation.objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


# --- what the command builds (one load, checked in subtests) -------------------------------


def test_demo_site_is_complete(demo, client, settings, subtests):
    out, err = demo

    with subtests.test("the home page replaces Wagtail's welcome page as the default site's root"):
        site = Site.objects.get(is_default_site=True)
        # The host and port of WAGTAILADMIN_BASE_URL (the test settings' local default).
        assert (site.hostname, site.port) == ("127.0.0.1", 8000)
        assert isinstance(site.root_page.specific, HomePage)
        assert site.root_page.slug == "home"
        assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
        assert Page.objects.filter(depth=2).count() == 1

    with subtests.test("the guide has a chapter per perspective, in order, each with building blocks"):
        guide = GuidePage.objects.get()
        assert guide.url == "/inspiratiegids/"
        chapters = list(guide.chapters())
        assert [chapter.slug for chapter in chapters] == PERSPECTIVES
        for chapter in chapters:
            assert chapter.perspective.slug == chapter.slug
            assert chapter.url == f"/inspiratiegids/{chapter.slug}/"
            assert chapter.intro and len(chapter.body) >= 3
            blocks = chapter.building_blocks()
            assert blocks.count() >= 2
            assert all(block.summary and len(block.body) >= 2 for block in blocks)
        slugs = list(BuildingBlockPage.objects.values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs))

    for slug in PERSPECTIVES:
        with subtests.test("the chapter page renders", slug=slug):
            response = client.get(f"/inspiratiegids/{slug}/")
            assert response.status_code == 200
            assert GuideChapterPage.objects.get(slug=slug).title in response.content.decode()

    with subtests.test("every demo page renders"):
        statuses = {page.url: client.get(page.url).status_code for page in Page.objects.live().filter(depth__gt=1)}
        assert {url: status for url, status in statuses.items() if status != 200} == {}

    with subtests.test("the cases cover every perspective and apply their chapters' building blocks"):
        assert CaseIndexPage.objects.get().url == "/praktijkvoorbeelden/"
        cases = list(PracticeCasePage.objects.for_listing().prefetch_related("building_blocks", "tags"))
        assert len(cases) >= 12
        assert {p.slug for case in cases for p in case.perspectives.all()} == set(PERSPECTIVES)
        assert sum(len(case.perspectives.all()) == 2 for case in cases) >= 3
        assert {case.year for case in cases} == set(range(2021, 2027))
        for case in cases:
            assert case.organisations.all() and case.building_blocks.all()
            assert all([case.summary, case.situation, case.approach, case.results, case.lessons, case.contact_name])
            chapter_slugs = {block.chapter.perspective.slug for block in case.building_blocks.all()}
            assert chapter_slugs <= {p.slug for p in case.perspectives.all()}

    with subtests.test("a case page shows the case's own tags and no demo marker"):
        case = PracticeCasePage.objects.get(slug=CASES[0]["slug"])
        page = client.get(case.url).content.decode()
        tags = [item.get_text() for item in BeautifulSoup(page, "html.parser").select(".tag-list__item")]
        assert sorted(tags) == sorted(CASES[0]["tags"])
        assert "demovoorbeeld" not in page

    with subtests.test("the texts of guide, events and cases name no dates, which would go stale"):
        texts = [GuidePage.objects.get().intro]
        texts += [str(value) for event in EventPage.objects.all() for value in (event.intro, event.body, event.report)]
        texts += [
            str(getattr(case, name)) for case in cases for name in ("summary", "situation", "approach", "results")
        ]
        dated = [text for text in texts if DAY_AND_MONTH.search(text)]
        assert dated == []

    with subtests.test("the cases were published on distinct past dates, listed newest first"):
        dates = [case.first_published_at for case in PracticeCasePage.objects.for_listing()]
        assert dates == sorted(dates, reverse=True)
        assert len(set(dates)) == len(dates)
        assert max(dates) <= timezone.now()
        assert all(case.live_revision_id for case in PracticeCasePage.objects.live())

    with subtests.test("the organisations spread over types and provinces"):
        gemeenten = Organisation.objects.filter(type=Organisation.Type.GEMEENTE)
        assert gemeenten.count() >= 10
        assert gemeenten.values("province").distinct().count() >= 8
        assert 2 <= Organisation.objects.filter(type=Organisation.Type.PROVINCIE).count() <= 3
        assert Organisation.objects.filter(type=Organisation.Type.WATERSCHAP).exists()

    with subtests.test("the glossary holds every definition, with synonyms and related terms"):
        assert GlossaryPage.objects.get().url == "/begrippen/"
        definitions = {d.term: d for d in Definition.objects.prefetch_related("related_terms")}
        assert set(REQUIRED_TERMS) <= set(definitions)
        assert len(definitions) == len(DEFINITIONS)
        for term, synonym in REQUIRED_TERMS.items():
            assert not synonym or synonym in definitions[term].synonym_list
        for item in DEFINITIONS:
            definition = definitions[item["term"]]
            assert definition.definition.startswith("<p>")
            # Related both ways: the terms it lists and the terms that list it.
            assert {t.term for t in definition.related_terms.all()} == related_both_ways(DEFINITIONS, item["term"])
        assert definitions["5R-model"].slug == "5r-model"

    with subtests.test("the booklet is made from the guide, every chapter bookmarked"):
        edition = BookletEdition.objects.get()
        with edition.document.open_file() as f:
            data = f.read()
        assert edition.document.file_size == len(data) and edition.document.file_hash
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert str(pdf.docinfo.Title) == "Inspiratiegids Opgavegericht Werken"
            assert len(pdf.pages) == edition.page_count > 10
            with pdf.open_outline() as outline:
                bookmarks = [" ".join(item.title.split()) for item in outline.root]
        chapters = GuidePage.objects.get().chapters()
        assert [f"Hoofdstuk {n} {c.title}" for n, c in enumerate(chapters, start=1)] == bookmarks[3:7]
        assert f"Boekje: nieuwe editie, {edition.page_count} pagina's." in out

    with subtests.test("the about, board and contact pages, the menu and the site settings"):
        pages = {page.slug: page for page in StandardPage.objects.all()}
        assert {"over-de-vereniging", "bestuur", "contact"} <= set(pages)
        people = [block for block in pages["bestuur"].body if block.block_type == "people"]
        assert [p["name"] for p in people[0].value["people"]] == [m["name"] for m in BOARD]
        contact = str(pages["contact"].body)
        assert "mailto:t.routers@vpng.nl" in contact and "mailto:e.kraijo@vpng.nl" in contact
        menu = Page.objects.filter(depth=3, show_in_menus=True).values_list("slug", flat=True)
        statements = {"privacy", "toegankelijkheid"}
        assert (
            set(menu) == {"inspiratiegids", "begrippen", "praktijkvoorbeelden", "bijeenkomsten", *pages} - statements
        )
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        assert (site_settings.privacy_page.url, site_settings.accessibility_page.url) == (
            "/privacy/",
            "/toegankelijkheid/",
        )
        assert site_settings.organisation_name == "VPNG"
        assert site_settings.practical_contact_email == "t.routers@vpng.nl"
        assert site_settings.theme_contact_name == "Enrico Kraijo"

    with subtests.test("the footer and every form that asks for personal data link the privacy statement"):
        footer = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
        assert footer.find("a", string="Privacyverklaring")["href"] == "/privacy/"
        assert footer.find("a", string="Toegankelijkheidsverklaring")["href"] == "/toegankelijkheid/"
        event = EventPage.objects.live().filter(start__gt=timezone.now(), capacity__isnull=True).first()
        for url in [f"{event.url}aanmelden/", "/account/signup/"]:
            link = BeautifulSoup(client.get(url).content, "html.parser").find("a", string="privacyverklaring")
            assert link is not None and link["href"] == "/privacy/", url

    with subtests.test("a progress bar, a summary, and the dev-only logins as the last lines"):
        assert "Demo-inhoud" in err and "100%" in err
        # The demo member's cases are drafts in moderation, not published pages.
        built = Page.objects.filter(depth__gt=1, live=True).count()
        assert f"Pagina's: {built} nieuw, 0 bijgewerkt, 0 ongewijzigd." in out
        user = get_user_model().objects.get(username=settings.DEMO_EDITOR_USERNAME)
        assert user.is_superuser and user.is_staff and user.is_active
        assert user.check_password(settings.DEMO_EDITOR_PASSWORD)
        lines = out.strip().splitlines()
        assert lines[-3] == (
            f"Inloggen op /admin/ als: {settings.DEMO_EDITOR_USERNAME} / {settings.DEMO_EDITOR_PASSWORD} "
            "(alleen voor ontwikkeling)"
        )
        assert lines[-2].startswith("Demo-lid: ") and lines[-1].startswith("Demo-moderator: ")


def test_a_demo_document_is_a_small_tagged_pdf_made_once(db):
    data = {"title": "Gids (concept) \\ één", "filename": "gids.pdf", "pdf_lines": ["Fryslân"]}
    document = loader.pdf_document(data)
    with document.open_file() as f:
        content = f.read()
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert str(pdf.docinfo.Title) == "Gids (concept) \\ één"
        assert str(pdf.Root.Lang) == "nl" and "/StructTreeRoot" in pdf.Root
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    assert "Gids (concept) \\ één" in text and "Fryslân" in text
    again = loader.pdf_document(data)
    assert (again.pk, again.file.name) == (document.pk, document.file.name)  # the same bytes: no new file


# --- idempotency ---------------------------------------------------------------------------


def test_chapters_link_their_terms_to_the_glossary(demo, client):
    """The demo's term links become Wagtail's definition links: on the page, and by perspective in the API."""
    block = BuildingBlockPage.objects.get(slug="rol-van-de-opgavemanager")
    page = BeautifulSoup(client.get(block.url).content, "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("a.definition-link")}
    assert links["opgavemanager"] == "/begrippen/#opgavemanager"
    assert links["ambtelijk opdrachtgever"] == "/begrippen/#ambtelijk-opdrachtgever"
    terms = [item["term"] for item in client.get("/api/v2/begrippen/?invalshoek=sturen").json()["items"]]
    assert terms == ["5R-model", "Ambtelijk opdrachtgever", "Opgavemanager"]


def test_running_again_changes_nothing_and_puts_edited_demo_pages_back(demo):
    before = counts()
    urls = sorted(Page.objects.values_list("url_path", flat=True))
    out, _ = load_demo()
    assert counts() == before
    assert sorted(Page.objects.values_list("url_path", flat=True)) == urls
    assert "0 nieuw, 0 bijgewerkt" in out
    assert "Boekje: ongewijzigd" in out and BookletEdition.objects.count() == 1

    case = PracticeCasePage.objects.get(slug=CASES[0]["slug"])
    case.title = "Door een redacteur aangepast"
    case.save_revision().publish()
    own = HomePage.objects.get().add_child(instance=StandardPage(title="Eigen pagina", slug="eigen-pagina"))
    out, _ = load_demo()
    case.refresh_from_db()
    assert case.title == CASES[0]["title"]
    assert "0 nieuw, 1 bijgewerkt" in out
    assert Page.objects.filter(pk=own.pk).exists()
    assert Page.objects.count() == before["pages"] + 1


# --- mistakes in the demo files ---------------------------------------------------------------


@pytest.mark.parametrize(
    "package, name, wrong, right, message",
    [
        (
            "knowledge",
            "chapters.toml",
            'title = "Opgaven kiezen en prioriteren"\n',
            "",
            "knowledge/demo/chapters.toml > chapters 'besturen' > building_blocks 'opgaven-kiezen': "
            "de sleutel 'title' ontbreekt.",
        ),
        (
            "knowledge",
            "chapters.toml",
            'perspective = "leren"',
            'perspective = "lerem"',
            "knowledge/demo/chapters.toml > chapters 'lerem': onbekende invalshoek 'lerem'.",
        ),
        (
            "knowledge",
            "chapters.toml",
            'term="Opgavemanager"',
            'term="Opgavemanagr"',
            "knowledge/demo/chapters.toml > chapters 'sturen' > building_blocks 'rol-van-de-opgavemanager': "
            "onbekend begrip in een link: 'Opgavemanagr'.",
        ),
        (
            "knowledge",
            "cases.toml",
            'perspectives = ["besturen"]',
            'perspectives = ["bestuur"]',
            "knowledge/demo/cases.toml > cases 'zwolle-directieteam-kiest-vijf-stadsopgaven': "
            "perspectives: niet gevonden in invalshoeken: bestuur.",
        ),
        ("events", "events.toml", "[index]", "[index", "events/demo/events.toml: geen geldige TOML"),
    ],
)
def test_a_mistake_in_a_demo_file_names_the_file_and_the_item(
    db, tmp_path, monkeypatch, package, name, wrong, right, message
):
    folder = tmp_path / package
    shutil.copytree(loader.demo_folder(package), folder)
    text = (folder / name).read_text()
    assert wrong in text
    (folder / name).write_text(text.replace(wrong, right, 1))
    real_folder = loader.demo_folder
    monkeypatch.setattr(loader, "demo_folder", lambda p: folder if p == package else real_folder(p))
    before = counts()
    with pytest.raises(CommandError) as mistake:
        load_demo()
    assert str(mistake.value).startswith(f"Demo-inhoud {message}")
    assert counts() == before


# --- the dev-only editor login ----------------------------------------------------------------


def test_no_login_without_a_demo_password(db, settings):
    settings.DEMO_EDITOR_PASSWORD = ""
    out, _ = load_demo()
    assert not get_user_model().objects.filter(username=settings.DEMO_EDITOR_USERNAME).exists()
    assert "Inloggen" not in out


def test_refused_under_production_settings(db, settings):
    settings.IS_PRODUCTION = True
    before = counts()
    with pytest.raises(CommandError, match="Dit zijn de productie-instellingen") as refusal:
        load_demo()
    assert "--ook-in-productie" in str(refusal.value)
    assert counts() == before


def test_under_production_settings_on_request_but_never_with_demo_logins(db, settings):
    settings.IS_PRODUCTION = True
    out, _ = load_demo("--ook-in-productie")
    assert PracticeCasePage.objects.live().count() == len(CASES)
    assert not get_user_model().objects.exists()
    assert "alleen voor ontwikkeling" not in out  # no login lines


# --- the perspectives data migration --------------------------------------------------------


def test_migration_creates_the_four_perspectives_in_order(db):
    assert list(Perspective.objects.values_list("slug", flat=True)) == PERSPECTIVES
    assert all(p.name and p.short_description and p.colour.startswith("#") for p in Perspective.objects.all())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_perspectives_migration_reverses_and_reapplies():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = ("knowledge", "0001_initial")
    try:
        executor.migrate([before])
        state = MigrationExecutor(connection).loader.project_state(before)
        assert state.apps.get_model("knowledge", "Perspective").objects.count() == 0
    finally:
        # Always leave the database fully migrated for the tests that follow.
        MigrationExecutor(connection).migrate(latest)
    assert list(Perspective.objects.values_list("slug", flat=True)) == PERSPECTIVES

"""Every page type renders with its key content, in Dutch, with the site's accessible frame."""

import re
from datetime import UTC, datetime

from django.core.files.base import ContentFile
from django.template.loader import get_template

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest
import wagtail_factories

from booklet.models import BookletEdition
from cop_site.factories import StandardPageFactory
from core.models import SiteSettings
from knowledge.factories import (
    BuildingBlockPageFactory,
    DefinitionFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation, Perspective

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


def text_of(response):
    """The visible text of a page, with tags stripped and white space collapsed."""
    html = html_of(response)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def assert_frame(response, *, breadcrumbs=True):
    """The parts every page shares: language, skip link, landmarks, one h1, menu and footer."""
    html = html_of(response)
    assert '<html lang="nl"' in html
    assert 'class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main-content"' in html
    assert 'id="main-content"' in html
    assert "<header" in html and "<main" in html and "<footer" in html
    assert 'aria-label="Hoofdmenu"' in html
    assert html.count("<h1") == 1
    assert "nlds/component-library-css/dist/index.css" in html
    assert "css/theme.css" in html
    assert ('aria-label="Kruimelpad"' in html) is breadcrumbs
    # Nothing the Content-Security-Policy would block: no style attribute, no inline script (JSON data
    # is not run), and the perspectives' colours from their stylesheet.
    assert not re.search(r"<[^>]+\sstyle=", html)
    for script in re.findall(r"<script\b[^>]*>", html):
        assert " src=" in script or re.search(r'type="application/(ld\+)?json"', script), script
    assert re.search(r'<link rel="stylesheet" href="/invalshoeken.css\?v=\d+">', html)


@pytest.fixture
def collection():
    return Collection.get_first_root_node()


@pytest.fixture
def site_settings(home):
    settings = SiteSettings.for_site(home.get_site())
    settings.organisation_name = "Vereniging Testbureaus"
    settings.about = "Wij verbinden projectbureaus."
    settings.contact_email = "info@example.org"
    settings.practical_contact_name = "Piet Praktisch"
    settings.practical_contact_email = "praktisch@example.org"
    settings.theme_contact_name = "Tineke Thema"
    settings.theme_contact_email = "thema@example.org"
    settings.save()
    return settings


@pytest.fixture
def block(guide):
    chapter = guide.get_children().specific().get(slug="besturen")
    return BuildingBlockPageFactory(parent=chapter, title="Opgaveportfolio", slug="opgaveportfolio")


@pytest.fixture
def case(case_index, block, collection):
    image = wagtail_factories.ImageFactory(collection=collection, title="Foto van de bijeenkomst")
    rotterdam = OrganisationFactory(
        name="Gemeente Rotterdam", type=Organisation.Type.GEMEENTE, province=Organisation.Province.ZUID_HOLLAND
    )
    case = PracticeCasePageFactory(
        parent=case_index,
        title="Wijkaanpak Zuid",
        slug="wijkaanpak-zuid",
        summary="Rotterdam stuurt de wijkaanpak als één opgave.",
        perspectives=["besturen", "leren"],
        organisations=[rotterdam],
        building_blocks=[block],
        year=2023,
        image=image,
        situation="<p>De wijk had veel losse projecten.</p>",
        approach="<p>Eén opgaveteam met een opgavemanager.</p>",
        results="<p>Minder overleg, meer resultaat.</p>",
        lessons="<p>Begin klein.</p>",
        contact_name="Fatima Bakker",
        contact_role="Opgavemanager",
        contact_email="f.bakker@example.org",
        publish_contact_email=True,
    )
    document = get_document_model().objects.create(
        title="Evaluatierapport", file=ContentFile(b"%PDF-1.4 test", name="evaluatie.pdf"), collection=collection
    )
    case.attachments.create(document=document)
    case.tags.add("wijkaanpak", "samenwerking")
    case.save()
    return case


def test_home_page(client, home, guide, case_index, case, site_settings):
    home.guide_teaser = "Lees hoe je opgavegericht werkt."
    home.save()
    response = client.get(home.url)
    assert response.status_code == 200
    assert_frame(response, breadcrumbs=False)
    text = text_of(response)
    assert "Lees hoe je opgavegericht werkt." in text
    assert "Vier invalshoeken" in text
    assert "Nieuwste praktijkvoorbeelden" in text
    assert "Bijeenkomsten" in text
    html = html_of(response)
    # Each perspective links to its chapter, and its colour is an accent next to its name.
    for perspective in Perspective.objects.all():
        assert f'href="{perspective.chapter.url}"' in html
        assert perspective.name in text
        assert f'class="perspective-card accent-{perspective.slug}"' in html
    assert f'href="{case.url}"' in html
    assert f'href="{case_index.url}"' in html
    # The main menu: home first, then the sections.
    menu = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", menu) == ["Home", guide.title, case_index.title, "Inloggen"]
    assert 'aria-current="page">Home' in menu
    # The footer shows the site settings.
    for value in ("Vereniging Testbureaus", "Wij verbinden projectbureaus.", "Piet Praktisch", "Tineke Thema"):
        assert value in text
    for email in ("info@example.org", "praktisch@example.org", "thema@example.org"):
        assert f'href="mailto:{email}"' in html


def test_home_page_without_guide_or_chapters(client, home):
    """Perspectives without a chapter show their name without a link."""
    response = client.get(home.url)
    assert response.status_code == 200
    text = text_of(response)
    assert "Opgavegericht besturen" in text
    assert "Er zijn nog geen praktijkvoorbeelden gepubliceerd." in text


def test_main_menu_lists_standard_pages_in_menus(client, home, guide, case_index, glossary):
    StandardPageFactory(parent=home, title="Over de vereniging", slug="over", show_in_menus=True)
    StandardPageFactory(parent=home, title="Verborgen pagina", slug="verborgen", show_in_menus=False)
    response = client.get(glossary.url)
    menu = html_of(response).split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", menu) == [
        "Home",
        "Inspiratiegids Opgavegericht Werken",
        "Praktijkvoorbeelden",
        "Begrippen",
        "Over de vereniging",
        "Inloggen",  # on narrow screens the account link is in the menu
    ]
    assert f'href="{glossary.url}" aria-current="page"' in menu


def test_standard_page_renders_every_block(client, home, collection):
    image = wagtail_factories.ImageFactory(collection=collection, title="Groepsfoto")
    page = StandardPageFactory(
        parent=home,
        title="Over ons",
        slug="over-ons",
        intro="Wie we zijn.",
        body=[
            ("heading", {"text": "Onze missie", "level": "h2"}),
            ("paragraph", "<p>Wij delen <b>kennis</b>.</p>"),
            ("quote", {"text": "Samen leren werkt.", "attribution": "Een lid"}),
            (
                "people",
                {
                    "heading": "Het bestuur",
                    "people": [{"name": "Anna de Vries", "role": "Voorzitter", "organisation": "Gemeente Utrecht"}],
                },
            ),
            ("image", {"image": image, "alt_text": "Leden in gesprek", "decorative": False}),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert_frame(response)
    text = text_of(response)
    for expected in (
        "Wie we zijn.",
        "Onze missie",
        "kennis",
        "Samen leren werkt.",
        "Een lid",
        "Het bestuur",
        "Anna de Vries",
        "Voorzitter, Gemeente Utrecht",
    ):
        assert expected in text
    html = html_of(response)
    assert '<h2 class="utrecht-heading-2 body-heading">Onze missie</h2>' in html
    assert 'alt="Leden in gesprek"' in html
    assert "<blockquote" in html


def test_guide_page(client, guide, block, collection):
    document = get_document_model().objects.create(
        title="Inspiratiegids, editie", file=ContentFile(b"x" * 2048, name="gids.pdf"), collection=collection
    )
    BookletEdition.objects.create(
        document=document, built_at=datetime(2026, 3, 5, 12, tzinfo=UTC), digest="0" * 64, page_count=24
    )
    response = client.get(guide.url)
    assert response.status_code == 200
    assert_frame(response)
    text = text_of(response)
    assert "Download Inspiratiegids Opgavegericht Werken (PDF, 24 pagina's, 2,0 KB)" in text
    assert "Editie van 5 maart 2026" in text
    html = html_of(response)
    assert 'href="/inspiratiegids.pdf"' in html
    for chapter in guide.get_children().specific():
        assert f'href="{chapter.url}"' in html
    assert f'href="{block.url}"' in html
    assert "Hoofdstuk 1:" in text and "Hoofdstuk 4:" in text


def test_chapter_page(client, guide, case_index, case, block):
    chapter = guide.get_children().specific().get(slug="besturen")
    response = client.get(chapter.url)
    assert response.status_code == 200
    assert_frame(response)
    html = html_of(response)
    text = text_of(response)
    assert "Opgavegericht besturen" in text
    # The link to the case list, filtered on this perspective.
    assert f'href="{case_index.url}?invalshoek=besturen"' in html
    assert "Alle praktijkvoorbeelden over Opgavegericht besturen" in text
    assert f'href="{block.url}"' in html
    assert f'href="{case.url}"' in html
    # The table of contents marks this chapter; the pager goes to the next one only.
    assert f'href="{chapter.url}" aria-current="page"' in html
    assert "Volgend hoofdstuk" in text and "Vorig hoofdstuk" not in text
    # Breadcrumbs: Home > guide > chapter.
    trail = html.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", trail) == ["Home", guide.title, chapter.title]


def test_last_chapter_links_back(client, guide, case_index):
    chapter = guide.get_children().specific().get(slug="leren")
    text = text_of(client.get(chapter.url))
    assert "Vorig hoofdstuk" in text and "Volgend hoofdstuk" not in text
    assert "Er zijn nog geen praktijkvoorbeelden bij deze invalshoek." in text


def test_building_block_page(client, block, case, case_index):
    response = client.get(block.url)
    assert response.status_code == 200
    assert_frame(response)
    html = html_of(response)
    text = text_of(response)
    assert "Opgaveportfolio" in text
    assert "Praktijkvoorbeelden met deze bouwsteen" in text
    assert f'href="{case.url}"' in html
    assert f'href="{case_index.url}?bouwsteen=opgaveportfolio"' in html
    assert f'href="{block.chapter.url}"' in html
    assert f'href="{block.url}" aria-current="page"' in html


def test_glossary_page(client, glossary):
    opgave = DefinitionFactory(term="Opgave", definition="<p>Een maatschappelijke vraag.</p>", synonyms="vraagstuk")
    sturing = DefinitionFactory(term="Opgavesturing", definition="<p>Sturen op samenhang.</p>")
    DefinitionFactory(term="Adaptieve gemeente", definition="<p>Iedereen werkt opgavegericht.</p>")
    sturing.related_terms.set([opgave])
    sturing.save()
    response = client.get(glossary.url)
    assert response.status_code == 200
    assert_frame(response)
    html = html_of(response)
    text = text_of(response)
    assert '<dt class="glossary__term" id="opgave">Opgave</dt>' in html
    assert "Een maatschappelijke vraag." in text
    assert "Ook wel: vraagstuk" in text
    assert '<a class="utrecht-link" href="#opgave">Opgave</a>' in html
    # The A-Z jump list has the letters present, in order.
    jump = html.split('aria-label="Begrippen op beginletter"')[1].split("</nav>")[0]
    assert re.findall(r'href="#letter-(\w+)"', jump) == ["a", "o"]
    assert 'id="letter-a"' in html and 'id="letter-o"' in html
    assert text.index("Adaptieve gemeente") < text.index("Opgave")


def test_case_index_page(client, case_index, case):
    other = PracticeCasePageFactory(parent=case_index, title="Leren in Zwolle", perspectives=["leren"], year=2021)
    response = client.get(case_index.url)
    assert response.status_code == 200
    assert_frame(response)
    html = html_of(response)
    text = text_of(response)
    assert '<form class="filter-form" method="get"' in html
    assert "2 praktijkvoorbeelden gevonden" in text
    assert 'role="status" aria-live="polite"' in html
    assert "Filter toepassen" in text and "Alle filters wissen" in text
    # A labelled checkbox per option, with its count.
    assert 'id="filter-invalshoek-besturen" name="invalshoek" value="besturen"' in html
    assert re.search(r'for="filter-invalshoek-leren">Opgavegericht leren <span[^>]*>\(2\)</span>', html)
    assert "<legend" in html and "Soort organisatie" in text
    assert f'href="{case.url}"' in html and f'href="{other.url}"' in html
    assert "Actieve filters" not in text


def test_case_index_filtered(client, case_index, case):
    PracticeCasePageFactory(parent=case_index, title="Leren in Zwolle", perspectives=["leren"], year=2021)
    response = client.get(case_index.url, {"invalshoek": "besturen"})
    assert response.status_code == 200
    html = html_of(response)
    text = text_of(response)
    assert "1 praktijkvoorbeeld gevonden" in text
    assert "Wijkaanpak Zuid" in text and "Leren in Zwolle" not in text
    assert 'value="besturen" checked' in html
    # The chip removes this filter.
    assert "Actieve filters" in text
    assert "Filter Invalshoek verwijderen:" in text
    assert f'class="filter-chip" href="{case_index.url}"' in html


def test_case_index_bad_input(client, case_index, case):
    response = client.get(case_index.url, {"jaar": "twintig"})
    assert response.status_code == 400
    html = html_of(response)
    assert 'class="utrecht-alert utrecht-alert--error site-alert" role="status"' in html
    assert "Het jaar moet een getal van vier cijfers zijn" in text_of(response)


def test_case_index_pagination_keeps_filters(client, case_index):
    for n in range(13):
        PracticeCasePageFactory(parent=case_index, title=f"Voorbeeld {n}", perspectives=["sturen"])
    response = client.get(case_index.url, {"invalshoek": "sturen"})
    html = html_of(response)
    assert "13 praktijkvoorbeelden gevonden" in text_of(response)
    assert 'aria-label="Paginering"' in html
    assert 'href="?invalshoek=sturen&amp;page=2"' in html
    response = client.get(case_index.url, {"invalshoek": "sturen", "page": "2"})
    assert response.status_code == 200
    html = html_of(response)
    assert 'href="?invalshoek=sturen&amp;page=1" rel="prev"' in html
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2</a>' in html


def test_practice_case_page(client, case, case_index, block):
    response = client.get(case.url)
    assert response.status_code == 200
    assert_frame(response)
    html = html_of(response)
    text = text_of(response)
    for expected in (
        "Rotterdam stuurt de wijkaanpak als één opgave.",
        "Gemeente Rotterdam (Gemeente, Zuid-Holland)",
        "Uitvoering",
        "2023",
        "Situatie",
        "De wijk had veel losse projecten.",
        "Aanpak",
        "Resultaten",
        "Geleerde lessen",
        "Begin klein.",
        "Fatima Bakker",
        "Opgavemanager",
        "wijkaanpak",
        "samenwerking",
    ):
        assert expected in text
    assert f'href="{case_index.url}?invalshoek=besturen"' in html
    assert f'href="{case_index.url}?invalshoek=leren"' in html
    assert f'href="{block.url}"' in html
    assert 'href="mailto:f.bakker@example.org"' in html
    assert "Evaluatierapport (PDF" in text
    assert f'href="{case.attachments.first().document.url}"' in html
    assert 'alt="Foto van de bijeenkomst"' in html
    assert text.index("Situatie") < text.index("Aanpak") < text.index("Resultaten") < text.index("Geleerde lessen")
    trail = html.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", trail) == ["Home", case_index.title, case.title]


def test_not_found_page(client, home):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert_frame(response, breadcrumbs=False)
    assert "Pagina niet gevonden" in text_of(response)
    # It offers the main sections as a way on.
    main = html_of(response).split('id="main-content"')[1].split("</main>")[0]
    assert f'href="{home.url}">Home</a>' in main


def test_server_error_page_needs_no_request():
    html = get_template("500.html").render()
    assert '<html lang="nl"' in html
    assert "Er ging iets mis" in html
    assert 'href="#main-content"' in html


@pytest.mark.parametrize(
    "value, expected",
    [
        ("#1d4f91", "#1d4f91"),  # a dark perspective colour is used as it is
        ("#ffff00", "#1b3f6b"),  # too light for a 3:1 accent on white: the site colour instead
        ("red;}", "#1b3f6b"),  # never anything but a hex colour in a style attribute
        ("", "#1b3f6b"),
    ],
)
def test_accent_colour_is_safe(value, expected):
    from cop_site.templatetags.listing_tags import accent_colour

    assert accent_colour(value) == expected

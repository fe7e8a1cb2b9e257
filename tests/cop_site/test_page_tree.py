"""Where each page type may live in the tree, that each renders, and creating pages through the admin."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from cop_site.factories import HomePageFactory, StandardPageFactory
from cop_site.models import HomePage, StandardPage
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventIndexPage, EventPage
from knowledge.factories import (
    BuildingBlockPageFactory,
    CaseIndexPageFactory,
    GlossaryPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import (
    BuildingBlockPage,
    CaseIndexPage,
    GlossaryPage,
    GuideChapterPage,
    GuidePage,
    Perspective,
    PracticeCasePage,
)

ALL_PAGE_TYPES = [
    HomePage,
    StandardPage,
    GuidePage,
    GuideChapterPage,
    BuildingBlockPage,
    GlossaryPage,
    CaseIndexPage,
    PracticeCasePage,
    EventIndexPage,
    EventPage,
]

# parent -> the exact set of page types an editor may add below it
ALLOWED_SUBPAGES = {
    HomePage: {GuidePage, GlossaryPage, CaseIndexPage, StandardPage, EventIndexPage},
    StandardPage: {StandardPage},
    GuidePage: {GuideChapterPage},
    GuideChapterPage: {BuildingBlockPage},
    BuildingBlockPage: set(),
    GlossaryPage: set(),
    CaseIndexPage: {PracticeCasePage},
    PracticeCasePage: set(),
    EventIndexPage: {EventPage},
    EventPage: set(),
}

# child -> the exact set of page types it may be added below
ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage},
    GuidePage: {HomePage},
    GuideChapterPage: {GuidePage},
    BuildingBlockPage: {GuideChapterPage},
    GlossaryPage: {HomePage},
    CaseIndexPage: {HomePage},
    PracticeCasePage: {CaseIndexPage},
    EventIndexPage: {HomePage},
    EventPage: {EventIndexPage},
}


def build_site():
    """The whole tree, one page of every type, with home as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-tree")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"}
    )
    guide = GuidePageFactory(parent=home)
    chapters = {p.slug: GuideChapterPageFactory(parent=guide, perspective=p) for p in Perspective.objects.all()}
    block = BuildingBlockPageFactory(parent=chapters["besturen"], title="Opgaveteam", slug="opgaveteam")
    glossary = GlossaryPageFactory(parent=home)
    case_index = CaseIndexPageFactory(parent=home)
    organisation = OrganisationFactory(name="Gemeente Utrecht")
    case = PracticeCasePageFactory(
        parent=case_index,
        title="Wijkaanpak in Utrecht",
        perspectives=["besturen", "leren"],
        organisations=[organisation],
        building_blocks=[block],
    )
    standard = StandardPageFactory(parent=home, slug="over-ons")
    nested_standard = StandardPageFactory(parent=standard, title="Bestuur", slug="bestuur")
    event_index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=event_index, perspectives=["leren"])
    return {
        "event_index": event_index,
        "event": event,
        "root": root,
        "home": home,
        "guide": guide,
        "chapters": chapters,
        "block": block,
        "glossary": glossary,
        "case_index": case_index,
        "organisation": organisation,
        "case": case,
        "standard": standard,
        "nested_standard": nested_standard,
    }


class PageTreeRulesTests(WagtailPageTestCase):
    def test_every_page_type_is_covered(self):
        self.assertEqual(set(ALLOWED_SUBPAGES), set(ALL_PAGE_TYPES))
        self.assertEqual(set(ALLOWED_PARENTS), set(ALL_PAGE_TYPES))

    def test_allowed_subpage_types(self):
        for parent, children in ALLOWED_SUBPAGES.items():
            with self.subTest(parent=parent.__name__):
                self.assertAllowedSubpageTypes(parent, children)

    def test_allowed_parent_page_types(self):
        for child, parents in ALLOWED_PARENTS.items():
            with self.subTest(child=child.__name__):
                self.assertAllowedParentPageTypes(child, parents)

    def test_can_create_at_each_allowed_place(self):
        for parent, children in ALLOWED_SUBPAGES.items():
            for child in children:
                with self.subTest(parent=parent.__name__, child=child.__name__):
                    self.assertCanCreateAt(parent, child)

    def test_can_not_create_anywhere_else(self):
        for parent in [Page, *ALL_PAGE_TYPES]:
            for child in ALL_PAGE_TYPES:
                if parent is Page and child is HomePage or child in ALLOWED_SUBPAGES.get(parent, set()):
                    continue
                with self.subTest(parent=parent.__name__, child=child.__name__):
                    self.assertCanNotCreateAt(parent, child)

    def test_the_site_root_accepts_only_a_home_page(self):
        self.assertCanCreateAt(Page, HomePage)
        for child in ALL_PAGE_TYPES:
            if child is not HomePage:
                with self.subTest(child=child.__name__):
                    self.assertCanNotCreateAt(Page, child)


class SingletonPagesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def test_there_is_one_guide_one_glossary_and_one_case_index(self):
        home = self.tree["home"]
        for model in (GuidePage, GlossaryPage, CaseIndexPage):
            with self.subTest(model=model.__name__):
                self.assertFalse(model.can_create_at(home), f"a second {model.__name__} can be added")

    def test_a_second_home_page_can_not_be_added(self):
        self.assertFalse(HomePage.can_create_at(self.tree["root"]))

    def test_more_than_one_chapter_case_block_and_standard_page_can_be_added(self):
        self.assertTrue(GuideChapterPage.can_create_at(self.tree["guide"]))
        self.assertTrue(BuildingBlockPage.can_create_at(self.tree["chapters"]["besturen"]))
        self.assertTrue(PracticeCasePage.can_create_at(self.tree["case_index"]))
        self.assertTrue(StandardPage.can_create_at(self.tree["home"]))


class PagesRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def test_every_page_type_renders(self):
        tree = self.tree
        pages = [
            tree["home"],
            tree["standard"],
            tree["nested_standard"],
            tree["guide"],
            *tree["chapters"].values(),
            tree["block"],
            tree["glossary"],
            tree["case_index"],
            tree["case"],
            tree["event_index"],
            tree["event"],
        ]
        self.assertEqual({type(p.specific) for p in pages}, set(ALL_PAGE_TYPES))
        for page in pages:
            with self.subTest(page=page.url):
                self.assertPageIsRenderable(page)

    def test_pages_show_their_title(self):
        for key in ("home", "guide", "block", "glossary", "case_index", "case", "standard"):
            page = self.tree[key]
            with self.subTest(page=key):
                response = self.client.get(page.url)
                self.assertContains(response, page.title)

    def test_the_dutch_urls_of_the_url_map(self):
        tree = self.tree
        self.assertEqual(tree["home"].url, "/")
        self.assertEqual(tree["guide"].url, "/inspiratiegids/")
        self.assertEqual(tree["chapters"]["besturen"].url, "/inspiratiegids/besturen/")
        self.assertEqual(tree["block"].url, "/inspiratiegids/besturen/opgaveteam/")
        self.assertEqual(tree["glossary"].url, "/begrippen/")
        self.assertEqual(tree["case_index"].url, "/praktijkvoorbeelden/")
        self.assertEqual(tree["case"].url, f"/praktijkvoorbeelden/{tree['case'].slug}/")


class PagesEditableTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def test_every_page_type_can_be_edited_in_the_admin(self):
        superuser = self.create_superuser("redactiebeheer")
        tree = self.tree
        for page in [
            tree["home"],
            tree["standard"],
            tree["guide"],
            tree["chapters"]["leren"],
            tree["block"],
            tree["glossary"],
            tree["case_index"],
            tree["case"],
        ]:
            page = page.specific
            with self.subTest(page=type(page).__name__):
                post_data = None
                if hasattr(page, "body"):
                    # The scraper cannot read a StreamField (it is built by JavaScript): post it ourselves.
                    self.client.force_login(superuser)
                    html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
                    post_data = querydict_from_html(html, form_id="page-edit-form")
                    post_data.update(nested_form_data({"body": streamfield([])}))
                    post_data["action-publish"] = ""
                self.assertPageIsEditable(page, post_data=post_data, user=superuser)


def case_form_data(perspectives, organisations=(), building_blocks=(), **overrides):
    data = {
        "title": "Samen aan de slag in de wijk",
        "slug": "samen-aan-de-slag-in-de-wijk",
        "summary": "Een gemeente en een woningcorporatie werkten opgavegericht in één wijk.",
        "phase": PracticeCasePage.Phase.UITVOERING,
        "year": "2023",
        "tags": "wijkaanpak, samenwerking",
        "image": "",
        "situation": rich_text("<p>De wijk had veel losse projecten.</p>"),
        "approach": rich_text("<p>Eén opgaveteam met één budget.</p>"),
        "results": rich_text("<p>Minder overleg, meer resultaat.</p>"),
        "lessons": rich_text("<p>Begin klein en leer onderweg.</p>"),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
        "contact_name": "Anna de Vries",
        "contact_role": "Opgavemanager",
        "contact_email": "anna@example.org",
    }
    data.update(overrides)
    data = nested_form_data(data)
    # Multiple-choice fields post a list under one name; nested_form_data would number them.
    data["organisations"] = [str(o.pk) for o in organisations]
    data["perspectives"] = [str(p.pk) for p in perspectives]
    data["building_blocks"] = [str(b.pk) for b in building_blocks]
    return data


class CreatePagesInTheAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def setUp(self):
        self.superuser = self.create_superuser("beheerder")
        self.client.force_login(self.superuser)

    def add_url(self, model, parent):
        return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])

    def test_superuser_creates_a_case_under_the_case_index(self):
        perspectives = list(Perspective.objects.filter(slug__in=["sturen", "leren"]))
        data = case_form_data(
            perspectives, organisations=[self.tree["organisation"]], building_blocks=[self.tree["block"]]
        )

        self.assertCanCreate(self.tree["case_index"], PracticeCasePage, data)

        case = PracticeCasePage.objects.get(slug="samen-aan-de-slag-in-de-wijk")
        self.assertTrue(case.live)
        self.assertEqual(case.get_parent().pk, self.tree["case_index"].pk)
        self.assertEqual(sorted(p.slug for p in case.perspectives.all()), ["leren", "sturen"])
        self.assertEqual([o.name for o in case.organisations.all()], ["Gemeente Utrecht"])
        self.assertEqual([b.slug for b in case.building_blocks.all()], ["opgaveteam"])
        self.assertEqual(case.year, 2023)
        self.assertEqual(sorted(case.tags.names()), ["samenwerking", "wijkaanpak"])
        self.assertIn("Eén opgaveteam met één budget.", case.approach)
        self.assertEqual(case.contact_email, "anna@example.org")
        # And the public page shows it.
        self.assertContains(self.client.get(case.url), "Samen aan de slag in de wijk")

    def test_a_case_without_perspectives_is_refused_with_a_dutch_message(self):
        data = case_form_data([])
        data["action-publish"] = "action-publish"

        response = self.client.post(self.add_url(PracticeCasePage, self.tree["case_index"]), data)

        self.assertEqual(response.status_code, 200, "the form is shown again, not a redirect")
        self.assertIn("perspectives", response.context["form"].errors)
        self.assertContains(response, "Kies minstens één invalshoek.")
        self.assertFalse(PracticeCasePage.objects.filter(slug="samen-aan-de-slag-in-de-wijk").exists())

    def test_a_case_can_not_be_created_outside_the_case_index(self):
        data = case_form_data(list(Perspective.objects.filter(slug="besturen")))
        data["action-publish"] = "action-publish"

        response = self.client.post(self.add_url(PracticeCasePage, self.tree["home"]), data)

        self.assertIn(response.status_code, (302, 403))
        self.assertFalse(PracticeCasePage.objects.filter(slug="samen-aan-de-slag-in-de-wijk").exists())

    def test_superuser_creates_a_building_block_with_a_body(self):
        chapter = self.tree["chapters"]["sturen"]
        data = nested_form_data(
            {
                "title": "Opgavebudget",
                "slug": "opgavebudget",
                "summary": "Eén budget voor de hele opgave.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Waarom", "level": "h2"}),
                        ("paragraph", rich_text("<p>Losse budgetten remmen samenwerking.</p>")),
                    ]
                ),
                "comments": inline_formset([]),
            }
        )

        self.assertCanCreate(chapter, BuildingBlockPage, data)

        block = BuildingBlockPage.objects.get(slug="opgavebudget")
        self.assertEqual(block.get_parent().pk, chapter.pk)
        self.assertEqual([b.block_type for b in block.body], ["heading", "paragraph"])
        self.assertContains(self.client.get(block.url), "Losse budgetten remmen samenwerking.")

    def test_admin_refuses_a_building_block_slug_that_another_chapter_uses(self):
        chapter = self.tree["chapters"]["leren"]  # the existing "opgaveteam" block is under "besturen"
        data = nested_form_data(
            {
                "title": "Opgaveteam",
                "slug": "opgaveteam",
                "summary": "Dezelfde slug in een ander hoofdstuk.",
                "body": streamfield([]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )

        response = self.client.post(self.add_url(BuildingBlockPage, chapter), data)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er is al een bouwsteen met deze slug in een ander hoofdstuk.")
        self.assertEqual(BuildingBlockPage.objects.filter(slug="opgaveteam").count(), 1)


class PreviewWhileCreatingTests(WagtailPageTestCase):
    """An editor previews a page before it is saved for the first time."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()
        cls.tree["chapters"].pop("leren").delete()  # so a chapter for "leren" can be created

    def setUp(self):
        self.client.raise_request_exception = False  # a crash shows as a 500, asserted below
        self.client.force_login(self.create_superuser("voorvertoning"))

    def preview(self, model, parent, data):
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
        )
        check = self.client.post(preview_url, data)
        self.assertEqual(check.json(), {"is_valid": True, "is_available": True})
        return self.client.get(preview_url)

    def test_preview_of_a_new_chapter(self):
        data = nested_form_data(
            {
                "title": "Opgavegericht leren",
                "slug": "leren",
                "perspective": str(Perspective.objects.get(slug="leren").pk),
                "intro": "Hoe een organisatie leert.",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )

        response = self.preview(GuideChapterPage, self.tree["guide"], data)

        self.assertEqual(response.status_code, 200, "previewing a chapter that is not saved yet crashes")
        self.assertContains(response, "Hoe een organisatie leert.")

    def test_preview_of_a_new_building_block(self):
        data = nested_form_data(
            {
                "title": "Opgavebudget",
                "slug": "opgavebudget",
                "summary": "Eén budget voor de opgave.",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )

        response = self.preview(BuildingBlockPage, self.tree["chapters"]["sturen"], data)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Eén budget voor de opgave.")

    def test_preview_of_a_new_case(self):
        data = case_form_data(list(Perspective.objects.filter(slug="besturen")))

        response = self.preview(PracticeCasePage, self.tree["case_index"], data)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Samen aan de slag in de wijk")


class BuildingBlockSlugTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site()

    def test_clean_refuses_a_slug_used_by_a_block_in_another_chapter(self):
        other = BuildingBlockPageFactory(parent=self.tree["chapters"]["sturen"], title="Iets anders", slug="anders")
        other.slug = "opgaveteam"

        with self.assertRaises(ValidationError) as raised:
            other.full_clean()

        self.assertIn("slug", raised.exception.message_dict)
        self.assertIn(
            "Er is al een bouwsteen met deze slug in een ander hoofdstuk.", raised.exception.message_dict["slug"]
        )
        other.refresh_from_db()
        self.assertEqual(other.slug, "anders")

    def test_saving_a_new_block_with_a_taken_slug_fails(self):
        with self.assertRaises(ValidationError):
            BuildingBlockPageFactory(parent=self.tree["chapters"]["presteren"], title="Opgaveteam", slug="opgaveteam")
        self.assertEqual(BuildingBlockPage.objects.filter(slug="opgaveteam").count(), 1)

    def test_a_block_keeps_its_own_slug_when_saved_again(self):
        block = self.tree["block"]
        block.summary = "Nieuwe samenvatting."
        block.full_clean()  # no clash with itself
        block.save()
        block.refresh_from_db()
        self.assertEqual(block.summary, "Nieuwe samenvatting.")

    def test_unique_slugs_in_different_chapters_are_fine(self):
        BuildingBlockPageFactory(parent=self.tree["chapters"]["leren"], title="Leeragenda", slug="leeragenda")
        self.assertEqual(BuildingBlockPage.objects.filter(slug="leeragenda").count(), 1)

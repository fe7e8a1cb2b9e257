"""Where the event pages may live, and that editors can create and edit them in the admin."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from cop_site.factories import HomePageFactory
from cop_site.models import HomePage, StandardPage
from events.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory
from events.models import EventIndexPage, EventPage
from knowledge.models import CaseIndexPage, GuidePage, Perspective


class EventPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-events")
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": cls.home}
        )
        cls.index = EventIndexPageFactory(parent=cls.home)
        cls.speaker = SpeakerFactory(name="Hans van der Heijden")

    def test_where_event_pages_may_live(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        for parent in [Page, StandardPage, GuidePage, CaseIndexPage, EventPage]:
            self.assertCanNotCreateAt(parent, EventIndexPage)
        for parent in [HomePage, StandardPage, EventPage]:
            self.assertCanNotCreateAt(parent, EventPage)

    def test_only_one_event_index(self):
        self.assertFalse(EventIndexPage.can_create_at(self.home))

    def test_editor_creates_an_event(self):
        start = timezone.localtime() + timedelta(days=20)
        data = nested_form_data(
            {
                "title": "Masterclass 5R-model",
                "slug": "masterclass-5r-model",
                "event_type": "masterclass",
                "intro": "Een dag over bewegingsruimte.",
                "speaker_links": inline_formset([{"speaker": str(self.speaker.pk)}]),
                "body": streamfield([]),
                "start": start.strftime("%Y-%m-%d %H:%M"),
                "end": (start + timedelta(hours=6)).strftime("%Y-%m-%d %H:%M"),
                "attendance": "locatie",
                "location_name": "Provinciehuis",
                "address": "Voorbeeldlaan 1\n6811 AA Arnhem",
                "meeting_url": "",
                "contact_name": "",
                "contact_email": "",
                "capacity": "20",
                "registration_opens": "",
                "registration_closes": "",
                "recording_url": "",
                "slides": inline_formset([]),
                "report": rich_text(""),
                "comments": inline_formset([]),
            }
        )
        data["perspectives"] = [str(Perspective.objects.get(slug="sturen").pk)]
        self.login()
        self.assertCanCreate(self.index, EventPage, data)
        event = EventPage.objects.get(slug="masterclass-5r-model")
        self.assertEqual([s.name for s in event.speakers], ["Hans van der Heijden"])
        self.assertEqual(event.capacity, 20)

    def test_invalid_event_gets_dutch_errors(self):
        superuser = self.create_superuser("beheer")
        self.client.force_login(superuser)
        start = timezone.localtime() + timedelta(days=5)
        data = nested_form_data(
            {
                "title": "Kapotte bijeenkomst",
                "slug": "afgelopen",
                "event_type": "bijeenkomst",
                "intro": "x",
                "speaker_links": inline_formset([]),
                "body": streamfield([]),
                "start": start.strftime("%Y-%m-%d %H:%M"),
                "end": (start - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
                "attendance": "locatie",
                "address": "",
                "capacity": "",
                "slides": inline_formset([]),
                "report": rich_text(""),
                "comments": inline_formset([]),
            }
        )
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["events", "eventpage", self.index.pk]), data
        )
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("Het einde moet na het begin liggen.", content)
        self.assertIn("Vul het adres in: deze bijeenkomst is op locatie.", content)
        self.assertIn("Deze slug is gereserveerd", content)
        self.assertFalse(EventPage.objects.filter(title="Kapotte bijeenkomst").exists())

    def test_event_pages_are_editable(self):
        superuser = self.create_superuser("redactie")
        event = EventPageFactory(parent=self.index, speakers=[self.speaker], perspectives=["leren"])
        for page in [self.index, event]:
            with self.subTest(page=type(page).__name__):
                post_data = None
                if isinstance(page, EventPage):
                    self.client.force_login(superuser)
                    html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
                    post_data = querydict_from_html(html, form_id="page-edit-form")
                    post_data.update(nested_form_data({"body": streamfield([])}))
                    post_data["action-publish"] = ""
                self.assertPageIsEditable(page, post_data=post_data, user=superuser)

    def test_event_pages_render_and_preview(self):
        event = EventPageFactory(parent=self.index)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.index, route_path="/afgelopen/")
        self.assertPageIsRenderable(event)
        self.assertPageIsPreviewable(self.index)
        superuser = self.create_superuser("voorvertoning")
        self.client.force_login(superuser)
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
        post_data = querydict_from_html(html, form_id="page-edit-form")
        post_data.update(nested_form_data({"body": streamfield([])}))
        self.assertPageIsPreviewable(event, post_data=post_data, user=superuser)

"""Demo content for the events section, for `manage.py load_demo_content`.

    from events.demo import load_event_demo
    load_event_demo(self.home, progress)   # progress: optional callable taking a step label

Safe to run again: speakers are matched by name, pages by slug under their parent,
registrations by e-mail address per event; a page gets a new revision only when
something changed. Dates are relative to today, so the upcoming events stay upcoming.
The texts are our own words, based on the association's webinar announcement.
Demo registrations are added directly, without sending e-mail.
"""

from collections import Counter
from datetime import datetime, time, timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import format_html

from wagtail.documents import get_document_model
from wagtail.rich_text import RichText
from wagtail.utils.file import hash_filelike

from cop_site.demo.content import PRACTICAL_CONTACT, THEME_CONTACT, mail_link
from cop_site.demo.pages import publish_page
from cop_site.demo.pdf import one_page_pdf
from knowledge.models import Perspective

from .models import EventDocument, EventIndexPage, EventPage, EventSpeaker, Registration, Speaker

INDEX = {
    "slug": "bijeenkomsten",
    "title": "Bijeenkomsten",
    "intro": (
        "<p>Elk jaar organiseert de vereniging zo'n zestig webinars, bijeenkomsten, masterclasses en "
        "mastermindgroepen. Je leert er van collega's bij andere gemeenten en provincies, en je oefent met de "
        "bouwstenen uit de Inspiratiegids. Aanmelden is gratis en kan zonder account.</p>"
    ),
}

SPEAKERS = [
    {
        "name": "Hans van der Heijden",
        "role": "Schrijver van de Inspiratiegids Opgavegericht Werken",
        "organisation": "Gemeente Rotterdam",
        "bio": (
            "Hans zocht samen met Enrico uit wat opgavegericht werken eigenlijk is. Zijn uitgangspunt: de opgave "
            "staat voorop, in de houding en het gedrag van iedereen die eraan werkt, welke organisatiestructuur er "
            "ook is. Hij wil vooral inspireren en het gesprek op gang brengen, niet alles dichttimmeren."
        ),
    },
    {
        "name": "Enrico Kraijo",
        "role": "Schrijver van de Inspiratiegids Opgavegericht Werken",
        "organisation": "VPNG",
        "bio": (
            "Enrico merkte tijdens het schrijven hoeveel het onderwerp mensen raakt: het gaat over de kern van "
            "ambtenaar zijn. Hij ziet de bouwstenen uit de gids als vertrekpunt voor directie- en managementteams "
            "die opgavegericht werken in hun eigen organisatie vorm willen geven."
        ),
    },
    {
        "name": "Sanne de Vries",
        "role": "Strategisch adviseur opgavesturing",
        "organisation": "Provincie Gelderland",
        "bio": "Sanne begeleidt teams die met het 5R-model hun bewegingsruimte bespreekbaar maken.",
    },
    {
        "name": "Youssef El Amrani",
        "role": "Procesbegeleider en intervisor",
        "organisation": "Gemeente Utrecht",
        "bio": "Youssef begeleidt intervisiegroepen van project- en opgavemanagers, al meer dan tien jaar.",
    },
]

MASTERMIND_PEOPLE = [
    ("Anouk Visser", "Gemeente Amersfoort", "Opgavemanager"),
    ("Bram Hoekstra", "Gemeente Leeuwarden", "Programmamanager"),
    ("Carla Mulder", "Provincie Overijssel", "Teamleider programma's"),
    ("Dennis de Graaf", "Gemeente Tilburg", "Projectleider"),
    ("Esther Bakker", "Gemeente Zaanstad", "Opgavemanager"),
    ("Frank Smit", "Gemeente Delft", "Hoofd projectbureau"),
    ("Gerda Postma", "Gemeente Groningen", "Procesmanager"),
    ("Hamza Yilmaz", "Gemeente Almere", "Programmamanager"),
    # on the waiting list, in this order
    ("Ilse Verbeek", "Gemeente Zwolle", "Opgavemanager"),
    ("Jeroen Kok", "Gemeente Nijmegen", "Projectleider"),
    ("Kim van Dijk", "Provincie Noord-Brabant", "Adviseur"),
]
MASTERMIND_CAPACITY = 8


def paragraph(*parts):
    return ("paragraph", RichText("".join(f"<p>{p}</p>" for p in parts)))


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def booklet_presented(today):
    """The day the booklet was presented to the VGS: Thursday of the week three weeks before the demo was loaded.

    Every date of the story is relative to it or to today, so the demo reads right on any
    day; the texts name no dates of their own.
    """
    return today - timedelta(days=today.weekday() + 21) + timedelta(days=3)


def next_weekday(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def events_data(today):
    presented = booklet_presented(today)
    # Both a week away from the presentation, so on a Thursday too.
    preview, first_meeting = presented - timedelta(days=7), presented + timedelta(days=7)
    tuesday = next_weekday(today + timedelta(days=7), 1)
    practical_name, practical_email = PRACTICAL_CONTACT
    theme_name, theme_email = THEME_CONTACT
    return [
        {
            "slug": "webinar-voorproefje-inspiratiegids",
            "title": "Webinar: een voorproefje van de Inspiratiegids Opgavegericht Werken",
            "event_type": EventPage.Type.WEBINAR,
            "intro": (
                "Een informeel webinar waarin de twee schrijvers vertelden hoe de Inspiratiegids Opgavegericht "
                "Werken is ontstaan, een week voordat het boekje werd aangeboden. Je kijkt de opname hier terug."
            ),
            "perspectives": ["besturen", "sturen", "presteren", "leren"],
            "speakers": ["Hans van der Heijden", "Enrico Kraijo"],
            "start": at(preview, 15, 30),
            "end": at(preview, 16, 30),
            "attendance": EventPage.Attendance.ONLINE,
            "meeting_url": "https://vergaderen.example.org/vpng/voorproefje-inspiratiegids-7Qm2x",
            "capacity": 250,
            "recording_url": "https://video.example.org/vpng/voorproefje-inspiratiegids",
            "contact": (practical_name, practical_email),
            "body": [
                paragraph(
                    "Zoek je woorden om in je gemeente of provincie het goede gesprek over opgavegericht werken te "
                    "voeren? Wil je weten welke vier invalshoeken helpen om meer balans te brengen, en wil je werken "
                    "met begrippen waar iedereen hetzelfde onder verstaat? Dan is deze opname iets voor jou."
                ),
                heading("Wat komt er aan bod?"),
                paragraph(
                    "Hans van der Heijden (gemeente Rotterdam) en Enrico Kraijo (VPNG) vertellen hoe ze de inbreng van "
                    "ruim 180 gemeenten en provincies hebben geordend in vier invalshoeken: besturen, sturen, presteren "
                    "en leren. Ze laten zien welke bouwstenen daaruit voortkwamen, en welke keuzes ze onderweg maakten. "
                    "Het laatste kwartier gaat over de vragen van de deelnemers.",
                ),
                heading("Waarom vooraf?"),
                paragraph(
                    "Een week na dit webinar kreeg de voorzitter van de Vereniging van Gemeentesecretarissen (VGS) de "
                    "gids aangeboden, en daarna ging hij naar alle leden van de VGS. Wie het webinar zag, was klaar "
                    "voor de vragen van de eigen gemeentesecretaris. Die vragen komen nog steeds: de opname helpt je "
                    "ze te beantwoorden."
                ),
                heading("Een thema voorstellen"),
                paragraph(
                    format_html(
                        "Wil je een bepaald thema terugzien in een van onze activiteiten? Mail {} via {}.",
                        theme_name,
                        mail_link(theme_email),
                    )
                ),
            ],
        },
        {
            "slug": "opgaveportfolio-op-de-agenda-van-het-dt",
            "title": "Het opgaveportfolio op de agenda van het directieteam",
            "event_type": EventPage.Type.BIJEENKOMST,
            "intro": (
                "Een middag over besturen: hoe krijg je alle opgaven van je organisatie in één overzicht, en hoe "
                "maakt het directieteam daar keuzes mee?"
            ),
            "perspectives": ["besturen"],
            "speakers": ["Enrico Kraijo"],
            "start": at(tuesday, 13, 30),
            "end": at(tuesday, 16, 30),
            "attendance": EventPage.Attendance.LOCATION,
            "location_name": "Stadskantoor, zaal De IJssel",
            "address": "Voorbeeldstraat 12\n8011 AA Zwolle",
            "capacity": 40,
            "body": [
                paragraph(
                    "Drie gemeenten laten zien hoe hun directieteam met een opgaveportfolio werkt: wat staat erin, "
                    "wie is eigenaar, en hoe vaak komt het op tafel? Daarna ga je in kleine groepen aan de slag met je "
                    "eigen situatie."
                ),
            ],
        },
        {
            "slug": "lunchwebinar-opgaveteams-die-samenwerken",
            "title": "Lunchwebinar: opgaveteams die echt samenwerken",
            "event_type": EventPage.Type.WEBINAR,
            "intro": "In een uur over presteren: hoe werkt een opgaveteam samen met partners buiten het gemeentehuis?",
            "perspectives": ["presteren"],
            "speakers": ["Youssef El Amrani"],
            "start": at(tuesday + timedelta(days=8), 12, 0),
            "end": at(tuesday + timedelta(days=8), 13, 0),
            "attendance": EventPage.Attendance.ONLINE,
            "meeting_url": "https://vergaderen.example.org/vpng/lunchwebinar-opgaveteams-P4d8s",
            "capacity": None,
            "body": [
                paragraph(
                    "Neem je lunch mee en hoor hoe twee opgaveteams hun werk organiseren vanuit de leefwereld van "
                    "inwoners, en wat dat vraagt van de rest van de organisatie."
                ),
            ],
        },
        {
            "slug": "mastermind-opgavemanagers",
            "title": "Mastermindgroep voor opgavemanagers",
            "event_type": EventPage.Type.MASTERMIND,
            "intro": (
                "Vier ochtenden met acht opgavemanagers, waarin je elkaar helpt met een vraag uit je eigen praktijk. "
                "Je begint met een kort intakegesprek."
            ),
            "perspectives": ["sturen", "leren"],
            "speakers": ["Youssef El Amrani"],
            "start": at(tuesday + timedelta(days=14), 9, 30),
            "end": at(tuesday + timedelta(days=14), 12, 30),
            "attendance": EventPage.Attendance.LOCATION,
            "location_name": "Vergadercentrum Het Spoor",
            "address": "Voorbeeldplein 3\n3811 AB Amersfoort",
            "capacity": MASTERMIND_CAPACITY,
            "body": [
                paragraph(
                    "Een mastermindgroep is klein, zodat er voor ieders vraag echt tijd is. Na je aanmelding plannen "
                    "we een intakegesprek van een half uur, om je vraag scherp te krijgen. De groep komt vier keer "
                    "bij elkaar; dit is de eerste ochtend."
                ),
            ],
        },
        {
            "slug": "masterclass-sturen-met-het-5r-model",
            "title": "Masterclass: sturen met het 5R-model",
            "event_type": EventPage.Type.MASTERCLASS,
            "intro": (
                "Een dag over sturen: richting, ruimte, resultaten, rekenschap en relatie. Hoeveel bewegingsruimte "
                "heeft jouw team, en hoe maak je daar afspraken over?"
            ),
            "perspectives": ["sturen"],
            "speakers": ["Sanne de Vries"],
            "start": at(tuesday + timedelta(days=28), 9, 30),
            "end": at(tuesday + timedelta(days=28), 16, 0),
            "attendance": EventPage.Attendance.LOCATION,
            "location_name": "Provinciehuis, zaal 2",
            "address": "Voorbeeldlaan 40\n6811 AA Arnhem",
            "capacity": 20,
            "registration_opens": at(today + timedelta(days=5), 9, 0),
            "body": [paragraph("Je werkt met een casus uit je eigen organisatie. Aanmelden kan vanaf volgende week.")],
        },
        {
            "slug": "intervisie-leren-van-elkaars-opgaven",
            "title": "Intervisie: leren van elkaars opgaven",
            "event_type": EventPage.Type.BIJEENKOMST,
            "intro": "Een middag over leren: met de intervisiemethode bespreek je in kleine groepen een echte casus.",
            "perspectives": ["leren"],
            "speakers": ["Youssef El Amrani"],
            "start": at(tuesday + timedelta(days=42), 14, 0),
            "end": at(tuesday + timedelta(days=42), 17, 0),
            "attendance": EventPage.Attendance.LOCATION,
            "location_name": "Gemeentehuis, raadszaal",
            "address": "Voorbeeldkade 7\n3011 AA Rotterdam",
            "capacity": 30,
            "body": [paragraph("Geen ervaring met intervisie nodig: we leggen de methode aan het begin uit.")],
        },
        {
            "slug": "startbijeenkomst-vier-invalshoeken",
            "title": "Startbijeenkomst: de vier invalshoeken",
            "event_type": EventPage.Type.BIJEENKOMST,
            "intro": (
                "De eerste bijeenkomst na het verschijnen van de gids, over zijn vier invalshoeken. Kijk de opname "
                "terug en lees het verslag."
            ),
            "perspectives": ["besturen", "sturen"],
            "speakers": ["Hans van der Heijden", "Enrico Kraijo"],
            "start": at(first_meeting, 13, 0),
            "end": at(first_meeting, 17, 0),
            "attendance": EventPage.Attendance.LOCATION,
            "location_name": "Stadskantoor",
            "address": "Voorbeeldplein 1\n3521 AA Utrecht",
            "capacity": 60,
            "recording_url": "https://video.example.org/vpng/startbijeenkomst-vier-invalshoeken",
            "report": (
                "<p>Ruim vijftig deelnemers uit gemeenten en provincies, de meesten met de gids al gelezen, bespraken "
                "de vier invalshoeken. De grootste "
                "herkenning zat bij sturen: veel organisaties worstelen met de rol van de opgavemanager naast de lijn.</p>"
                "<p>Een rode draad: zorg voor balans. Wie alleen investeert in het besturingsmodel, maar niet in leren, "
                "loopt vast.</p>"
            ),
            "slides": "Presentatie startbijeenkomst vier invalshoeken",
            "body": [],
        },
    ]


class EventDemo:
    def __init__(self, home, progress=None):
        self.home = home
        self.progress = progress or (lambda label: None)
        self.pages = Counter()

    def run(self):
        self.progress("sprekers")
        self.speakers = {item["name"]: self.speaker(item) for item in SPEAKERS}
        self.progress("bijeenkomsten")
        self.index = self.page(
            self.home,
            EventIndexPage,
            INDEX["slug"],
            {"title": INDEX["title"], "intro": INDEX["intro"], "show_in_menus": True},
        )
        for data in events_data(timezone.localdate()):
            self.progress(data["slug"])
            self.event(data)
        return self.pages

    # --- helpers --------------------------------------------------------------

    def speaker(self, item):
        speaker = Speaker.objects.filter(name=item["name"]).first() or Speaker(name=item["name"])
        values = {k: v for k, v in item.items() if k != "name"}
        if any(getattr(speaker, k) != v for k, v in values.items()) or not speaker.pk:
            for k, v in values.items():
                setattr(speaker, k, v)
            speaker.save()
        return speaker

    def page(self, parent, model, slug, fields, children=None):
        return publish_page(self.pages, parent, model, {"slug": slug}, {"slug": slug, **fields}, children)

    def slides_document(self, title):
        pdf = one_page_pdf(title, ["Demoversie: dit bestand hoort bij de demo-inhoud van de kennisbank."])
        digest = hash_filelike(BytesIO(pdf))
        Document = get_document_model()
        document = Document.objects.filter(title=title).first() or Document(title=title)
        if document.pk and document.file_hash == digest:
            return document
        document.file.save("presentatie-startbijeenkomst.pdf", ContentFile(pdf), save=False)
        document.file_size, document.file_hash = len(pdf), digest
        document.save()
        return document

    def event(self, data):
        contact_name, contact_email = data.get("contact", ("", ""))
        fields = {
            "title": data["title"],
            "event_type": data["event_type"],
            "intro": data["intro"],
            "start": data["start"],
            "end": data["end"],
            "attendance": data["attendance"],
            "location_name": data.get("location_name", ""),
            "address": data.get("address", ""),
            "meeting_url": data.get("meeting_url", ""),
            "capacity": data["capacity"],
            "registration_opens": data.get("registration_opens"),
            "recording_url": data.get("recording_url", ""),
            "report": data.get("report", ""),
            "contact_name": contact_name,
            "contact_email": contact_email,
        }
        children = {"speaker_links": [(EventSpeaker, {"speaker": self.speakers[n]}) for n in data["speakers"]]}
        if data.get("slides"):
            children["slides"] = [(EventDocument, {"document": self.slides_document(data["slides"]), "title": ""})]
        fields["perspectives"] = list(Perspective.objects.filter(slug__in=data["perspectives"]))
        fields["body"] = data["body"]
        page = self.page(self.index, EventPage, data["slug"], fields, children=children)
        if data["slug"] == "mastermind-opgavemanagers":
            self.mastermind_registrations(page)

    def mastermind_registrations(self, event):
        """A full group of eight with three people on the waiting list, first come first served."""
        start = timezone.now().replace(microsecond=0) - timedelta(days=10)
        for position, (name, organisation, role) in enumerate(MASTERMIND_PEOPLE):
            email = name.lower().replace(" ", ".") + "@example.org"
            confirmed = position < MASTERMIND_CAPACITY
            queued = start + timedelta(hours=position)
            Registration.objects.get_or_create(
                event=event,
                email=email,
                defaults={
                    "name": name,
                    "organisation": organisation,
                    "role": role,
                    "status": Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
                    "queued_at": queued,
                    "confirmed_at": queued if confirmed else None,
                },
            )


def load_event_demo(home, progress=None):
    """Build the events section under `home`; returns a Counter of pages: nieuw, bijgewerkt, ongewijzigd."""
    return EventDemo(home, progress).run()

"""A fixed body of content written for the judged relevance set (judgements.json), not the demo content.

Every document has a stable key that the judgements refer to. Several documents share words with a query
without being its best answer (near-misses), so the order of the results matters, not only what is found.
Change a text here and the baseline in README and tests/search/test_relevance.py may change with it.
"""

from pathlib import Path

from django.core.management import call_command

from wagtail.rich_text import RichText

from events.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory
from events.models import EventPage
from knowledge.factories import (
    BuildingBlockPageFactory,
    CaseIndexPageFactory,
    DefinitionFactory,
    GlossaryPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    OrganisationFactory,
    PracticeCasePageFactory,
)
from knowledge.models import Organisation, Perspective
from search import index

JUDGEMENTS = Path(__file__).with_name("judgements.json")

# perspective slug -> (key, intro, body)
CHAPTERS = {
    "besturen": (
        "ch-besturen",
        "Hoe college, raad en ambtelijke organisatie samen keuzes maken over maatschappelijke opgaven.",
        "Besturen vraagt om keuzes: welke opgaven krijgen voorrang, met welk geld en welk mandaat. Inwoners willen "
        "één overheid zien, niet een verzameling afdelingen. Het college legt de samenhang vast en de raad stelt de "
        "kaders.",
    ),
    "sturen": (
        "ch-sturen",
        "Sturen op een opgave: afspraken over resultaten, geld en bevoegdheden, over de lijnen heen.",
        "Wie op een opgave stuurt, maakt afspraken met de lijn over capaciteit en middelen. De ambtelijk "
        "opdrachtgever bewaakt de koers, de opgavemanager brengt de mensen bij elkaar.",
    ),
    "presteren": (
        "ch-presteren",
        "Wat een opgave oplevert voor inwoners, en hoe je dat zichtbaar maakt.",
        "Presteren gaat over effecten in de samenleving, niet alleen over geleverde producten. Meet wat ertoe doet "
        "en leg verantwoording af op een manier die bestuurders en inwoners begrijpen.",
    ),
    "leren": (
        "ch-leren",
        "Hoe teams en organisaties beter worden in opgavegericht werken.",
        "Leren doe je samen: met collega's, met partners en met inwoners. Plan momenten van reflectie, deel wat "
        "mislukte en durf de aanpak bij te stellen.",
    ),
}

# (key, chapter perspective, title, summary, body)
BUILDING_BLOCKS = [
    (
        "bb-rol-opgavemanager",
        "sturen",
        "De rol van de opgavemanager",
        "Wat een opgavemanager doet, welke bevoegdheden erbij horen en hoe de rol zich verhoudt tot de lijn.",
        "De opgavemanager verbindt afdelingen, partners en bestuur rond één opgave. Een helder mandaat voorkomt "
        "dat elke beslissing terug moet naar de lijn.",
    ),
    (
        "bb-opgavemanager-lijn",
        "sturen",
        "Opgavemanager en lijnmanager: samen verantwoordelijk",
        "Afspraken tussen de lijnmanager, die over mensen gaat, en de manager van de opgave.",
        "De lijnmanager levert capaciteit, de opgavemanager vraagt erom. Leg vast wie beslist bij een conflict.",
    ),
    (
        "bb-opdrachtgeverschap",
        "sturen",
        "Ambtelijk opdrachtgeverschap",
        "De rol van de ambtelijk opdrachtgever: koers bewaken, ruimte geven en knopen doorhakken.",
        "Een goede opdrachtgever is beschikbaar, kent de bestuurlijke gevoeligheden en spreekt de opgavemanager "
        "aan op resultaten.",
    ),
    (
        "bb-opgavebudget",
        "sturen",
        "Werken met een opgavebudget",
        "Geld per opgave in plaats van per afdeling, en wat daarvoor in de begroting moet veranderen.",
        "Met een opgavebudget kan het team zelf schuiven tussen posten. Spreek vooraf af hoe over de besteding "
        "wordt gerapporteerd.",
    ),
    (
        "bb-projectbureau",
        "sturen",
        "Een projectbureau inrichten",
        "Hoe je een projectbureau opzet dat planning, risico's en rapportages voor meerdere opgaven verzorgt.",
        "Een projectbureau ondersteunt de opgaveteams met planning, risicobeheer en voortgangsrapportages. Begin "
        "klein en voeg taken toe als de teams erom vragen.",
    ),
    (
        "bb-coordinatie",
        "sturen",
        "Coördinatie tussen opgaven",
        "Opgaven raken elkaar; zo voorkom je dat ze elkaar in de weg zitten.",
        "Een vast overleg van opgavemanagers maakt overlap zichtbaar. Coördinatie vraagt om één overzicht van "
        "mensen, geld en planning.",
    ),
    (
        "bb-bestuurlijk-overleg",
        "besturen",
        "Bestuurlijk overleg tussen college en opgave",
        "Hoe je het overleg met wethouders voorbereidt zodat er besluiten uitkomen.",
        "Bereid het bestuurlijk overleg voor met een korte notitie: wat is er besloten, wat ligt er nu voor en "
        "welke keuzes zijn er.",
    ),
    (
        "bb-raad",
        "besturen",
        "De raad meenemen in opgaven",
        "Hoe je de gemeenteraad betrokken houdt bij een opgave die jaren duurt.",
        "Stuur de raad geen dikke rapporten maar nodig raadsleden uit op locatie. Een raadsinformatiebrief per "
        "kwartaal houdt iedereen bij.",
    ),
    (
        "bb-samenwerking-partners",
        "besturen",
        "Samenwerken met maatschappelijke partners",
        "Woningcorporaties, zorgaanbieders en ondernemers als volwaardige partner in een opgave.",
        "Maak samen een gedeeld beeld van het probleem voordat je over oplossingen praat. Een partner die "
        "meebeslist, investeert ook mee.",
    ),
    (
        "bb-monitoring",
        "presteren",
        "Monitoren van maatschappelijke effecten",
        "Hoe je meet of een opgave het verschil maakt voor inwoners.",
        "Kies een paar indicatoren die het maatschappelijk effect laten zien en meet ze elk jaar op dezelfde "
        "manier. Combineer cijfers met verhalen van inwoners.",
    ),
    (
        "bb-verantwoording",
        "presteren",
        "Verantwoorden in de planning-en-controlcyclus",
        "Resultaten van opgaven een plek geven in begroting, voorjaarsnota en jaarrekening.",
        "Neem per opgave een paragraaf op in de begroting en de jaarrekening, met doelen, middelen en de stand van "
        "zaken.",
    ),
    (
        "bb-financiele-sturing",
        "presteren",
        "Financiële sturing op opgaven",
        "Inzicht in kosten en baten per opgave voor bestuur en management.",
        "Financiële sturing begint bij een kostenoverzicht per opgave. De controller denkt mee vanaf het begin.",
    ),
    (
        "bb-intervisie",
        "leren",
        "Intervisie voor opgaveteams",
        "Met collega's een lastige situatie uit het werk bespreken, volgens een vaste methode.",
        "Intervisie werkt het best in een vaste groep van zes tot acht mensen die elkaar vertrouwen.",
    ),
    (
        "bb-evaluatie",
        "leren",
        "Evalueren en bijsturen",
        "Een evaluatie halverwege de opgave, zodat er nog tijd is om bij te sturen.",
        "Evalueer niet pas aan het eind. Een tussentijdse evaluatie met partners laat zien wat werkt.",
    ),
]

# key -> (name, type, province)
ORGANISATIONS = {
    "utrecht": ("Gemeente Utrecht", Organisation.Type.GEMEENTE, "utrecht"),
    "zwolle": ("Gemeente Zwolle", Organisation.Type.GEMEENTE, "overijssel"),
    "sudwest": ("Gemeente Súdwest-Fryslân", Organisation.Type.GEMEENTE, "friesland"),
    "fryslan": ("Provincie Fryslân", Organisation.Type.PROVINCIE, "friesland"),
    "gelderland": ("Provincie Gelderland", Organisation.Type.PROVINCIE, "gelderland"),
    "rivierenland": ("Waterschap Rivierenland", Organisation.Type.WATERSCHAP, "gelderland"),
    "den-bosch": ("Gemeente 's-Hertogenbosch", Organisation.Type.GEMEENTE, "noord-brabant"),
    "den-haag": ("Gemeente Den Haag", Organisation.Type.GEMEENTE, "zuid-holland"),
    "brabant": ("Provincie Noord-Brabant", Organisation.Type.PROVINCIE, "noord-brabant"),
    "oss": ("Gemeente Oss", Organisation.Type.GEMEENTE, "noord-brabant"),
    "vught": ("Gemeente Vught", Organisation.Type.GEMEENTE, "noord-brabant"),
}

# (key, title, summary, situation, approach, perspectives, organisations, building blocks, year)
CASES = [
    (
        "case-portefeuillesturing",
        "Portefeuillesturing in het ruimtelijk domein",
        "Alle ruimtelijke opgaven in één overzicht, zodat het college kan kiezen.",
        "Het college had zicht op losse projecten, maar niet op het geheel van de ruimtelijke opgaven.",
        "De gemeente voerde portefeuillesturing in: elk kwartaal weegt een portefeuilleraad de opgaven tegen "
        "elkaar af op geld, mensen en maatschappelijk effect.",
        ["besturen", "sturen"],
        ["utrecht"],
        ["bb-bestuurlijk-overleg"],
        2024,
    ),
    (
        "case-portefeuilles-provincie",
        "Drie portefeuilles, één provinciale agenda",
        "Een provincie bundelt haar opgaven in drie portefeuilles met elk een eigen gedeputeerde.",
        "De provincie had tientallen programma's die elkaar overlapten.",
        "Ze bracht de programma's onder in drie portefeuilles: landelijk gebied, energie en bereikbaarheid.",
        ["besturen"],
        ["brabant"],
        [],
        2023,
    ),
    (
        "case-projectbureau",
        "Een projectbureau voor de binnenstad",
        "Eén team ondersteunt alle projecten in de binnenstad met planning en risicobeheer.",
        "Tien projecten in de binnenstad liepen door elkaar, met aparte planningen.",
        "De gemeente zette een projectbureau op dat de planningen samenvoegt en de risico's bijhoudt.",
        ["sturen"],
        ["zwolle"],
        ["bb-projectbureau"],
        2022,
    ),
    (
        "case-wijkaanpak",
        "Wijkaanpak met bewoners in Kanaleneiland",
        "De gemeente werkt met bewoners aan een veilige en levendige wijk.",
        "In Kanaleneiland voelden bewoners zich niet gehoord door de gemeente.",
        "Een wijkteam haalde ideeën van bewoners op aan de keukentafel en gaf ze een eigen wijkbudget.",
        ["leren", "sturen"],
        ["utrecht"],
        ["bb-samenwerking-partners"],
        2023,
    ),
    (
        "case-dijk",
        "Samen opdrachtgever bij de dijkversterking",
        "Provincie en waterschap trekken samen op bij een grote dijkversterking langs de Waal.",
        "De dijk moest hoger en breder, en de provincie wilde tegelijk natuur en recreatie ontwikkelen.",
        "Provincie en waterschap werden samen opdrachtgever met één projectorganisatie en één budget.",
        ["sturen"],
        ["gelderland", "rivierenland"],
        ["bb-opdrachtgeverschap"],
        2024,
    ),
    (
        "case-energie",
        "Regionale energiestrategie in Fryslân",
        "Provincie en gemeenten maken samen afspraken over wind- en zonne-energie.",
        "Elke gemeente had eigen plannen voor zonneparken, zonder afstemming in de regio.",
        "In de regionale energiestrategie legden provincie, gemeenten en netbeheerder vast waar ruimte is voor opwek.",
        ["besturen"],
        ["fryslan", "sudwest"],
        [],
        2022,
    ),
    (
        "case-opgavebudget",
        "Eén budget voor de opgave Jeugd",
        "De gemeente bundelde de potjes voor jeugd in één opgavebudget.",
        "Het geld voor jongeren zat verspreid over vijf afdelingen.",
        "Het opgaveteam kreeg één budget en mag zelf schuiven tussen preventie en zorg.",
        ["presteren"],
        ["den-bosch"],
        ["bb-opgavebudget"],
        2024,
    ),
    (
        "case-gemeenten-samen",
        "Vijf gemeenten, één arbeidsmarktregio",
        "Gemeenten in de regio werken samen aan werk voor iedereen.",
        "Werkzoekenden en werkgevers hielden zich niet aan gemeentegrenzen, de aanpak wel.",
        "De gemeenten richtten één werkgeversservicepunt in en verdelen de kosten naar inwonertal.",
        ["besturen"],
        ["den-bosch", "oss", "vught"],
        [],
        2021,
    ),
    (
        "case-woningbouw",
        "Versnellen van de woningbouw",
        "Hoe een grote stad de woningbouwopgave sneller van plan naar oplevering bracht.",
        "Bouwplannen bleven jaren hangen tussen afdelingen en vergunningen.",
        "Een opgaveteam met stedenbouw, vergunningen en financiën beoordeelt plannen nu in één keer.",
        ["presteren"],
        ["den-haag"],
        [],
        2024,
    ),
    (
        "case-leren-netwerk",
        "Een lerend netwerk van opgavemanagers",
        "Opgavemanagers van provincie en gemeenten leren van elkaars praktijk.",
        "Opgavemanagers werkten ieder voor zich en vonden steeds zelf het wiel uit.",
        "De provincie startte een netwerk dat elke maand bij een andere organisatie samenkomt.",
        ["leren"],
        ["brabant"],
        ["bb-intervisie"],
        2023,
    ),
    (
        "case-mobiliteit",
        "Mobiliteit in de regio Zwolle",
        "Samen met buurgemeenten werken aan bereikbaarheid van de stad.",
        "Files op de invalswegen en volle treinen vroegen om een gezamenlijke aanpak.",
        "Gemeente, provincie en vervoerders maakten één mobiliteitsagenda met gedeelde doelen.",
        ["sturen"],
        ["zwolle"],
        [],
        2023,
    ),
    (
        "case-evaluatie",
        "Het programma Veilige Wijken geëvalueerd",
        "Wat vier jaar werken aan veiligheid in de wijken opleverde, en wat niet.",
        "Na vier jaar wilde de raad weten of het programma het verschil had gemaakt.",
        "Onderzoekers spraken met bewoners, wijkagenten en jongerenwerkers en vergeleken de cijfers.",
        ["leren"],
        ["den-haag"],
        ["bb-evaluatie"],
        2022,
    ),
    (
        "case-dashboard",
        "Een dashboard met KPI's voor klimaatadaptatie",
        "Het opgaveteam laat elk kwartaal zien hoe de stad zich aanpast aan hitte en wateroverlast.",
        "Het bestuur kreeg lange rapporten maar geen overzicht van de voortgang.",
        "Het team koos zes KPI's en toont ze in een openbaar dashboard.",
        ["presteren"],
        ["utrecht"],
        ["bb-monitoring"],
        2025,
    ),
    (
        "case-reorganisatie",
        "Van afdelingen naar opgaven: de reorganisatie in Súdwest-Fryslân",
        "Een plattelandsgemeente kiest voor opgavegericht werken in de hele organisatie.",
        "De organisatie was ingericht op taken en afdelingen, terwijl inwoners met vragen over de grenzen heen kwamen.",
        "De gemeente organiseerde zich rond vijf maatschappelijke opgaven met elk een vast team.",
        ["besturen"],
        ["sudwest"],
        [],
        2021,
    ),
    (
        "case-gr",
        "Een gemeenschappelijke regeling voor de jeugdzorg",
        "Drie gemeenten kopen de jeugdzorg samen in.",
        "Elke gemeente sloot eigen contracten met dezelfde zorgaanbieders.",
        "De gemeenten richtten een gemeenschappelijke regeling op die namens hen inkoopt en contracten beheert.",
        ["besturen"],
        ["den-bosch", "oss", "vught"],
        [],
        2022,
    ),
    (
        "case-raad",
        "De gemeenteraad aan het stuur bij de omgevingsvisie",
        "Raadsleden schreven zelf mee aan de omgevingsvisie van hun stad.",
        "Eerdere visies werden door de raad pas aan het eind besproken en daarna vergeten.",
        "De raad hield werksessies in de wijken en stelde zelf de hoofdkeuzes vast.",
        ["besturen"],
        ["zwolle"],
        ["bb-raad"],
        2025,
    ),
]

# (key, term, synonyms, definition)
DEFINITIONS = [
    (
        "def-opgavesturing",
        "Opgavesturing",
        "",
        "Sturen op een maatschappelijke opgave over de grenzen van afdelingen heen.",
    ),
    (
        "def-opgavegericht",
        "Opgavegericht werken",
        "OGW",
        "Werken vanuit een maatschappelijke opgave in plaats van vanuit de eigen afdeling.",
    ),
    (
        "def-opgavemanager",
        "Opgavemanager",
        "opgaveregisseur",
        "Degene die een opgave trekt en mensen en middelen uit de lijn verbindt.",
    ),
    (
        "def-portefeuillehouder",
        "Portefeuillehouder",
        "",
        "De wethouder of gedeputeerde die bestuurlijk verantwoordelijk is voor een beleidsterrein.",
    ),
    (
        "def-opdrachtgever",
        "Ambtelijk opdrachtgever",
        "",
        "De directeur of manager die namens de organisatie een opdracht geeft en het resultaat accepteert.",
    ),
    (
        "def-dt",
        "Directieteam",
        "DT, MT, managementteam",
        "Het team van directeuren dat de ambtelijke organisatie leidt.",
    ),
    (
        "def-pc",
        "Planning-en-controlcyclus",
        "P&C-cyclus",
        "De jaarlijkse reeks van begroting, voorjaarsnota, najaarsnota en jaarrekening.",
    ),
    (
        "def-kpi",
        "Kritieke prestatie-indicator",
        "KPI",
        "Een meetbare grootheid die laat zien of een doel dichterbij komt.",
    ),
    (
        "def-res",
        "Regionale energiestrategie",
        "RES",
        "Afspraken in een regio over de opwek van duurzame elektriciteit en warmte.",
    ),
    (
        "def-gr",
        "Gemeenschappelijke regeling",
        "GR",
        "Een samenwerkingsverband van overheden met een wettelijke basis.",
    ),
    ("def-bo", "Bestuurlijk overleg", "BO", "Vast overleg tussen bestuurders over de voortgang van een opgave."),
    ("def-mandaat", "Mandaat", "bevoegdheid", "Het recht om namens een ander besluiten te nemen."),
    (
        "def-intervisie",
        "Intervisie",
        "collegiale consultatie",
        "Gestructureerd gesprek tussen collega's over een vraag uit hun werk.",
    ),
]

# (key, title, type, intro, body, perspectives, (speaker, organisation), (place, address) or None for online)
EVENTS = [
    (
        "ev-masterclass",
        "Masterclass voor opgavemanagers",
        EventPage.Type.MASTERCLASS,
        "Twee dagdelen over regie, mandaat en invloed zonder hiërarchie.",
        "Ervaren opgavemanagers delen hun aanpak en oefenen met lastige gesprekken.",
        ["sturen"],
        ("Marieke de Wit", "Gemeente Utrecht"),
        None,
    ),
    (
        "ev-portefeuillesturing",
        "Webinar portefeuillesturing voor bestuurders",
        EventPage.Type.WEBINAR,
        "Hoe houd je als bestuur overzicht over alle opgaven tegelijk?",
        "Een wethouder en een concerncontroller vertellen hoe zij keuzes maken tussen opgaven.",
        ["besturen"],
        ("Joost Verbeek", "Gemeente Zwolle"),
        None,
    ),
    (
        "ev-leertafel",
        "Leertafel: samen leren van evaluaties",
        EventPage.Type.BIJEENKOMST,
        "Een middag over wat evaluaties ons leren, met voorbeelden uit drie gemeenten.",
        "Deelnemers brengen een eigen evaluatie mee en bespreken die in kleine groepen.",
        ["leren"],
        ("Fatima El Amrani", "Gemeente Den Haag"),
        ("Stadskantoor Utrecht", "Stadsplateau 1\n3521 AZ Utrecht"),
    ),
    (
        "ev-mastermind",
        "Mastermindgroep financiële sturing",
        EventPage.Type.MASTERMIND,
        "Zes bijeenkomsten voor controllers en opgavemanagers over geld en opgaven.",
        "Elke bijeenkomst staat een vraag van een deelnemer centraal.",
        ["presteren"],
        ("Pieter Bakker", "Provincie Gelderland"),
        None,
    ),
    (
        "ev-energie",
        "Bijeenkomst over de regionale energiestrategie",
        EventPage.Type.BIJEENKOMST,
        "Hoe houd je draagvlak voor wind en zon in de regio?",
        "Bestuurders uit Fryslân vertellen hoe zij inwoners betrokken bij de keuzes.",
        ["besturen"],
        ("Sietske Hoekstra", "Provincie Fryslân"),
        ("Provinsjehûs", "Tweebaksmarkt 52\n8911 KZ Leeuwarden"),
    ),
]


def paragraph(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def build_corpus(home):
    """Create the corpus under `home`; returns {key: page or definition}."""
    documents = {}
    guide = GuidePageFactory(parent=home)
    chapters = {}
    for perspective in Perspective.objects.all():
        key, intro, body = CHAPTERS[perspective.slug]
        chapters[perspective.slug] = documents[key] = GuideChapterPageFactory(
            parent=guide, perspective=perspective, intro=intro, body=paragraph(body)
        )
    for key, chapter, title, summary, body in BUILDING_BLOCKS:
        documents[key] = BuildingBlockPageFactory(
            parent=chapters[chapter], title=title, summary=summary, body=paragraph(body)
        )
    organisations = {
        key: OrganisationFactory(name=name, type=type_, province=province)
        for key, (name, type_, province) in ORGANISATIONS.items()
    }
    case_index = CaseIndexPageFactory(parent=home)
    for key, title, summary, situation, approach, perspectives, orgs, blocks, year in CASES:
        documents[key] = PracticeCasePageFactory(
            parent=case_index,
            title=title,
            summary=summary,
            situation=f"<p>{situation}</p>",
            approach=f"<p>{approach}</p>",
            perspectives=perspectives,
            organisations=[organisations[o] for o in orgs],
            building_blocks=[documents[b] for b in blocks],
            year=year,
        )
    GlossaryPageFactory(parent=home)
    for key, term, synonyms, definition in DEFINITIONS:
        documents[key] = DefinitionFactory(term=term, synonyms=synonyms, definition=f"<p>{definition}</p>")
    event_index = EventIndexPageFactory(parent=home)
    for key, title, type_, intro, body, perspectives, (speaker, organisation), location in EVENTS:
        place = {}
        if location:
            place = {"attendance": EventPage.Attendance.LOCATION, "location_name": location[0], "address": location[1]}
        documents[key] = EventPageFactory(
            parent=event_index,
            title=title,
            event_type=type_,
            intro=intro,
            body=paragraph(body),
            perspectives=perspectives,
            speakers=[SpeakerFactory(name=speaker, organisation=organisation)],
            **place,
        )
    return documents


def index_corpus(client, progress=None):
    """Both search indexes, each rebuilt whole, as a deploy leaves them: Elasticsearch's and the fallback's.

    The fallback's is not left to the updates that saves queue, so both implementations are measured
    on the same complete index wherever this runs (the test, or bench/relevance.py with no task worker).
    """
    call_command("update_index", verbosity=0)
    index.rebuild(client, progress=progress)

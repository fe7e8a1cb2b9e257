"""The demo site's texts, as data for `manage.py load_demo_content`.

The facts come from the project's domain notes and the association's webinar
announcement; the wording is our own. The practice cases are invented examples at
real organisations, marked as demo content in the case list's introduction.

Conventions:
- a rich-text value is one paragraph (a string) or a list of paragraphs; a plain
  string is escaped, a `format_html` string keeps its markup (used for e-mail links);
- a body is a list of `(block type, value)` pairs for `core.blocks.BodyBlock`:
  `("heading", "text")`, `("paragraph", "text")` or `("people", {...})`;
- a standard page is in the footer's "Snel naar" menu unless it says `"in_menu": False`.
"""

from datetime import date

from django.utils.html import format_html

PRACTICAL_CONTACT = ("Toin Routers", "t.routers@vpng.nl")
THEME_CONTACT = ("Enrico Kraijo", "e.kraijo@vpng.nl")


def mail_link(address):
    return format_html('<a href="mailto:{0}">{0}</a>', address)


# --- Home, guide, glossary and case index ---------------------------------------

HOME = {
    "slug": "home",
    "title": "Kennisbank Opgavegericht Werken",
    "intro": (
        "Een plek waar gemeenten, provincies en waterschappen hun kennis over opgavegericht werken delen. "
        "Voor project-, programma- en procesmanagers, voor leden van een MT of DT, en voor iedereen die "
        "wil dat de eigen organisatie meebeweegt met wat er in de samenleving speelt."
    ),
    "guide_teaser": (
        "De Inspiratiegids Opgavegericht Werken geeft een gedeelde taal met heldere begrippen, en ordent de "
        "praktijk in vier invalshoeken: besturen, sturen, presteren en leren."
    ),
}

GUIDE = {
    "slug": "inspiratiegids",
    "title": "Inspiratiegids Opgavegericht Werken",
    "intro": [
        "Deze gids is bedoeld voor managers bij gemeenten en provincies die opgavegericht werken in hun "
        "organisatie verder willen brengen. Hij bundelt wat ruim 180 gemeenten en provincies in zo'n "
        "anderhalf jaar aan ervaringen, vragen en voorbeelden hebben ingebracht.",
        "Het doel is een gemeenschappelijke taal, met heldere definities, zodat het gesprek over opgavegericht "
        "werken ergens over gaat. Alle inbreng is geordend in vier invalshoeken. Bij elke invalshoek horen "
        "bouwstenen: onderdelen waarmee je het werken vanuit de opgave verder kunt professionaliseren.",
        "De gids schrijft niets voor. Hij wil aan het denken zetten en het gesprek op gang brengen, "
        "bijvoorbeeld in het MT of DT. De schrijvers zijn Hans van der Heijden (gemeente Rotterdam) en "
        "Enrico Kraijo (VPNG). De gids is aangeboden aan de voorzitter van de Vereniging van "
        "Gemeentesecretarissen (VGS) en daarna aan alle leden van de VGS verstuurd.",
    ],
}

BOOKLET = {
    "title": "Inspiratiegids Opgavegericht Werken",
    "filename": "inspiratiegids-opgavegericht-werken.pdf",
    "pdf_title": "Inspiratiegids Opgavegericht Werken",
    "pdf_lines": [
        "Langs vier invalshoeken op weg naar een adaptieve gemeente",
        "Besturen - Sturen - Presteren - Leren",
        "Demoversie: dit bestand hoort bij de demo-inhoud van de kennisbank.",
    ],
}

GLOSSARY = {
    "slug": "begrippen",
    "title": "Begrippen",
    "intro": (
        "Een gemeenschappelijke taal begint bij heldere begrippen. Hier staan de woorden die in de "
        "Inspiratiegids Opgavegericht Werken steeds terugkomen, van A tot Z."
    ),
}

CASE_INDEX = {
    "slug": "praktijkvoorbeelden",
    "title": "Praktijkvoorbeelden",
    "intro": [
        "Hoe pakken gemeenten, provincies en waterschappen opgavegericht werken in de praktijk aan? Zoek "
        "voorbeelden op invalshoek, bouwsteen, soort organisatie, provincie of jaar.",
        "Let op: dit is een demonstratieversie van de kennisbank. De voorbeelden zijn verzonnen en horen "
        "niet echt bij de genoemde organisaties.",
    ],
}

# --- The four chapters and their building blocks, keyed by perspective slug -----

CHAPTERS = {
    "besturen": {
        "intro": (
            "Hoe richt een organisatie haar besturing zo in dat de maatschappelijke opgaven centraal staan? Dit "
            "hoofdstuk gaat over het besturingsmodel: wie waarover beslist, hoe opgaven worden gekozen en hoe "
            "bestuur en ambtelijke organisatie elkaar daarin vinden."
        ),
        "body": [
            ("heading", "Waarom het besturingsmodel ertoe doet"),
            (
                "paragraph",
                "De meeste gemeenten zijn ingedeeld in afdelingen en vakgebieden. Dat werkt goed voor taken die "
                "je kunt afbakenen, maar maatschappelijke opgaven trekken zich van die grenzen niets aan. Wie "
                "opgavegericht wil werken, kiest daarom bewust hoe opgaven naast en samen met de lijn worden "
                "bestuurd.",
            ),
            (
                "paragraph",
                "Daar is geen nieuw organogram voor nodig. Het gaat om heldere afspraken: welke opgaven gaan "
                "voor, wie is opdrachtgever, hoeveel ruimte krijgen teams en hoe leggen ze verantwoording af.",
            ),
            ("heading", "Vragen voor het gesprek in het MT of DT"),
            (
                "paragraph",
                "Weten we welke opgaven voor onze organisatie het belangrijkst zijn, en weten onze medewerkers "
                "dat ook? Is per opgave duidelijk of we haar aanpakken als project, als programma, via een "
                "bestuursproces of in het gewone werk? En past onze planning- en controlcyclus bij de manier "
                "waarop we opgaven willen besturen?",
            ),
        ],
        "building_blocks": [
            {
                "slug": "opgaven-kiezen",
                "title": "Opgaven kiezen en prioriteren",
                "summary": (
                    "Een organisatie kan niet alles tegelijk. Door samen met het bestuur een klein aantal "
                    "opgaven te kiezen, ontstaan focus en een gedeeld verhaal."
                ),
                "body": [
                    ("heading", "Wat het is"),
                    (
                        "paragraph",
                        "Niet elke vraag uit de samenleving hoeft als opgave georganiseerd te worden. Door te "
                        "kiezen welke opgaven het college en de ambtelijke top echt centraal zetten, wordt "
                        "zichtbaar waar tijd, geld en aandacht naartoe gaan.",
                    ),
                    ("heading", "Zo pak je het aan"),
                    (
                        "paragraph",
                        "Begin met een gezamenlijke verkenning van wat er in de gemeente of de regio speelt. "
                        "Schrijf daarna per opgave in een paar zinnen de bedoeling op: wat is er over een aantal "
                        "jaren anders voor inwoners? Kijk elk jaar opnieuw naar de keuze, bijvoorbeeld bij de "
                        "voorjaarsnota.",
                    ),
                ],
            },
            {
                "slug": "passende-aanpak-kiezen",
                "title": "Per opgave de passende aanpak kiezen",
                "summary": (
                    "Niet elke opgave vraagt om een programma. Kies bewust tussen een project, een programma, "
                    "een bestuursproces of het gewone werk van de lijn."
                ),
                "body": [
                    ("heading", "Vier vormen naast elkaar"),
                    (
                        "paragraph",
                        "Een project levert een afgebakend resultaat op binnen afgesproken tijd, geld en "
                        "kwaliteit. Een programma werkt met meerdere partijen en samenhangende inspanningen aan "
                        "een maatschappelijk effect. Een bestuursproces werkt een idee uit tot een programma, een "
                        "project of een vaste aanpak. En soms past een opgave het best in de lijn.",
                    ),
                    ("heading", "Een eenvoudige keuzehulp"),
                    (
                        "paragraph",
                        "Stel drie vragen: kun je het resultaat vooraf scherp omschrijven, hoeveel partijen zijn "
                        "er nodig en hoe onzeker is de weg ernaartoe? Hoe vager het resultaat en hoe meer "
                        "partijen, hoe eerder een programma of een bestuursproces past.",
                    ),
                ],
            },
            {
                "slug": "opdrachtgeverschap-beleggen",
                "title": "Opdrachtgeverschap helder beleggen",
                "summary": (
                    "Duidelijk bestuurlijk en ambtelijk opdrachtgeverschap geeft een opgave een stevige basis "
                    "en voorkomt dat besluiten tussen afdelingen blijven hangen."
                ),
                "body": [
                    ("heading", "Wie is eigenaar?"),
                    (
                        "paragraph",
                        "Bij elke opgave hoort een bestuurlijk opdrachtgever uit het college en een ambtelijk "
                        "opdrachtgever in de organisatie. De ambtelijk opdrachtgever vertaalt de wens van het "
                        "bestuur naar een opdracht, bewaakt de samenhang met andere opgaven en maakt ruimte vrij "
                        "in de lijn.",
                    ),
                    ("heading", "Afspraken die helpen"),
                    (
                        "paragraph",
                        "Leg vast wat de opdracht is, welke middelen er zijn en wanneer er wordt teruggekoppeld. "
                        "Spreek ook af hoe vaak beide opdrachtgevers samen de voortgang bespreken, zodat "
                        "knelpunten snel op tafel komen.",
                    ),
                ],
            },
        ],
    },
    "sturen": {
        "intro": (
            "Wie doet wat bij een opgave, en hoe zorg je dat alle inspanningen elkaar versterken? Dit hoofdstuk "
            "gaat over rollen, en over sturen op het samenspel van projecten, programma's, processen en de lijn."
        ),
        "body": [
            ("heading", "Van losse projecten naar samenhang"),
            (
                "paragraph",
                "Opgavesturing maakt het opdrachtgevende niveau sterker. De sturing gaat dan niet meer alleen over "
                "het afzonderlijke project, maar over de samenhang tussen alle projecten, processen en programma's "
                "die aan dezelfde opgave bijdragen.",
            ),
            (
                "paragraph",
                "Dat vraagt om duidelijke rollen. Wie geeft opdrachten, wie houdt het overzicht over de "
                "portefeuille, wie onderhoudt de contacten buiten het gemeentehuis? In de praktijk komen die "
                "rollen vaak samen bij de opgavemanager.",
            ),
            ("heading", "Opgave, spelers en inspanningen in balans"),
            (
                "paragraph",
                "Goede sturing houdt drie dingen in evenwicht: de opgave zelf, de spelers die nodig zijn en de "
                "inspanningen die zij leveren. Verdwijnt er één uit beeld, dan raakt het geheel scheef: veel "
                "activiteit zonder richting, of een mooi doel zonder partners.",
            ),
        ],
        "building_blocks": [
            {
                "slug": "rol-van-de-opgavemanager",
                "title": "De rol van de opgavemanager",
                "summary": (
                    "De opgavemanager verenigt drie rollen: ambtelijk opdrachtgever, portfoliomanager en "
                    "regisseur in het contact met partners."
                ),
                "body": [
                    ("heading", "Drie rollen in één persoon"),
                    (
                        "paragraph",
                        "Als ambtelijk opdrachtgever geeft de opgavemanager opdrachten aan projecten en "
                        "programma's. Als portfoliomanager houdt hij of zij zicht op alle inspanningen binnen de "
                        "opgave en stuurt bij waar dat nodig is. Als regisseur onderhoudt de opgavemanager de "
                        "relaties met partijen buiten de eigen organisatie.",
                    ),
                    ("heading", "Wat de rol vraagt"),
                    (
                        "paragraph",
                        "De rol werkt alleen met mandaat en met vertrouwen vanuit de lijn. Maak duidelijk welke "
                        "besluiten de opgavemanager zelf neemt en waarover afstemming met afdelingshoofden nodig "
                        "is. Zonder die afspraken wordt de opgavemanager een coördinator zonder invloed.",
                    ),
                ],
            },
            {
                "slug": "sturen-op-de-portefeuille",
                "title": "Sturen op de portefeuille",
                "summary": (
                    "Een overzicht van alle projecten, programma's en processen laat zien waar inspanningen "
                    "elkaar versterken en waar ze elkaar in de weg zitten."
                ),
                "body": [
                    ("heading", "Overzicht als begin"),
                    (
                        "paragraph",
                        "Veel organisaties weten niet precies hoeveel projecten er lopen en aan welke opgave ze "
                        "bijdragen. Een eenvoudig overzicht, met per inspanning de opgave, de opdrachtgever, de "
                        "fase en de benodigde mensen, is vaak al een grote stap.",
                    ),
                    ("heading", "Keuzes maken"),
                    (
                        "paragraph",
                        "Bespreek de portefeuille een paar keer per jaar in het MT. Welke inspanningen dragen het "
                        "meest bij? Waar is te weinig capaciteit? Durf ook te stoppen met projecten die niet meer "
                        "bij de opgave passen.",
                    ),
                ],
            },
            {
                "slug": "bewegingsruimte-met-het-5r-model",
                "title": "Bewegingsruimte afspreken met het 5R-model",
                "summary": (
                    "Met de vijf R's (richting, ruimte, resultaten, rekenschap en relatie) maak je samen "
                    "zichtbaar hoeveel bewegingsruimte een team heeft."
                ),
                "body": [
                    ("heading", "De vijf R's"),
                    (
                        "paragraph",
                        "Richting gaat over het doel en de bedoeling. Ruimte over de kaders waarbinnen het team "
                        "zelf kiest. Resultaten over wat er wordt opgeleverd. Rekenschap over hoe en wanneer het "
                        "team verantwoording aflegt. Relatie over het contact en het vertrouwen tussen "
                        "opdrachtgever en team.",
                    ),
                    ("heading", "Gebruik in de praktijk"),
                    (
                        "paragraph",
                        "Loop de vijf R's aan het begin van een opdracht samen met de opdrachtgever door en leg de "
                        "afspraken kort vast. Kom erop terug als de situatie verandert: meer onzekerheid vraagt "
                        "meestal om meer ruimte en om vaker contact.",
                    ),
                ],
            },
        ],
    },
    "presteren": {
        "intro": (
            "Hoe gebeurt het werk aan een opgave in de praktijk? Dit hoofdstuk gaat over de manier van werken: "
            "vanuit de leefwereld van inwoners, samen met partners, en met plannen en budgetten die kunnen "
            "meebewegen."
        ),
        "body": [
            ("heading", "Werken vanuit de bedoeling"),
            (
                "paragraph",
                "Opgavegericht presteren betekent dat de bedoeling van de opgave de doorslag geeft, ook als regels "
                "en procedures iets anders lijken te vragen. Medewerkers zoeken naar wat wél kan en nemen de "
                "ruimte die nodig is om iets te bereiken voor inwoners.",
            ),
            (
                "paragraph",
                "Dat is geen vrijbrief om regels te negeren. Het gaat erom dat de systeemwereld van de organisatie "
                "de leefwereld van inwoners en ondernemers dient, en niet andersom.",
            ),
            ("heading", "Vakmanschap en methoden"),
            (
                "paragraph",
                "Projectmatig werken, programmatisch werken en procesmanagement blijven belangrijke vakgebieden. "
                "Opgavegericht werken vraagt dat professionals die methoden soepel inzetten en combineren waar de "
                "opgave daarom vraagt.",
            ),
        ],
        "building_blocks": [
            {
                "slug": "werken-vanuit-de-leefwereld",
                "title": "Werken vanuit de leefwereld",
                "summary": (
                    "Begin bij de ervaring van inwoners en ondernemers, en pas de eigen werkwijze daarop aan in "
                    "plaats van andersom."
                ),
                "body": [
                    ("heading", "Twee werelden"),
                    (
                        "paragraph",
                        "De leefwereld is die van inwoners en hun dagelijks leven. De systeemwereld is die van "
                        "regels, systemen en organisaties, zoals gemeenten, provincies en waterschappen. Beide "
                        "zijn nodig, maar bij opgavegericht werken is de leefwereld het vertrekpunt.",
                    ),
                    ("heading", "Praktische stappen"),
                    (
                        "paragraph",
                        "Praat met inwoners voordat er een plan op papier staat. Laat medewerkers een dag "
                        "meelopen met een wijkteam of een ondernemer. En toets elk voorstel aan de vraag: wat "
                        "merkt een inwoner hier straks van?",
                    ),
                ],
            },
            {
                "slug": "samen-optrekken-met-partners",
                "title": "Samen optrekken met partners",
                "summary": (
                    "Maatschappelijke opgaven los je niet alleen op. Betrek partners vroeg en spreek samen af "
                    "wie welke inspanning levert."
                ),
                "body": [
                    ("heading", "De spelers in beeld"),
                    (
                        "paragraph",
                        "Breng aan het begin in kaart welke partijen bij de opgave horen: woningcorporaties, "
                        "zorgaanbieders, ondernemers, buurgemeenten, het waterschap of de provincie. Wat is hun "
                        "belang, en wat kunnen ze bijdragen?",
                    ),
                    ("heading", "Een gezamenlijke agenda"),
                    (
                        "paragraph",
                        "Maak met de belangrijkste partners een korte gezamenlijke agenda: de bedoeling, de eerste "
                        "stappen en de afspraken over overleg. Houd die agenda levend door regelmatig samen terug "
                        "te kijken en bij te sturen.",
                    ),
                ],
            },
            {
                "slug": "wendbaar-plannen-en-begroten",
                "title": "Wendbaar plannen en begroten",
                "summary": (
                    "Opgaven veranderen onderweg. Plannen en budgetten die kunnen meebewegen, voorkomen dat de "
                    "begrotingscyclus het werk gaat bepalen."
                ),
                "body": [
                    ("heading", "Het spanningsveld"),
                    (
                        "paragraph",
                        "De begroting vraagt om vaste bedragen per product, terwijl de weg naar een maatschappelijk "
                        "effect vooraf vaak onzeker is. Daardoor ontstaat de neiging vooral te sturen op wat goed "
                        "te meten is.",
                    ),
                    ("heading", "Mogelijke oplossingen"),
                    (
                        "paragraph",
                        "Sommige gemeenten werken met een budget per opgave in plaats van per afdeling, of met een "
                        "flexibele reserve waaruit tussentijds kan worden geschoven. Andere plannen in korte "
                        "rondes van een kwartaal, met vaste momenten waarop het bestuur kan bijsturen.",
                    ),
                ],
            },
        ],
    },
    "leren": {
        "intro": (
            "Hoe zorg je dat de organisatie leert van het werk aan opgaven? Dit hoofdstuk gaat over de voorwaarden "
            "daarvoor: tijd en ruimte om te reflecteren, evalueren tijdens de rit en kennis delen met anderen."
        ),
        "body": [
            ("heading", "Leren als voorwaarde"),
            (
                "paragraph",
                "Opgaven zijn ingewikkeld en de aanpak ligt vooraf zelden vast. Een organisatie die opgavegericht "
                "wil werken, moet daarom goed kunnen leren: van wat werkt, van wat niet werkt en van andere "
                "organisaties.",
            ),
            (
                "paragraph",
                "Op weg naar een adaptieve gemeente, waarin alle medewerkers opgavegericht denken en doen, is "
                "leren geen losse cursus maar een vast onderdeel van het werk.",
            ),
            ("heading", "Wat het vraagt van leidinggevenden"),
            (
                "paragraph",
                "Leidinggevenden maken leren mogelijk door er tijd voor vrij te maken, door zelf het goede "
                "voorbeeld te geven en door fouten bespreekbaar te maken. Een veilige sfeer is daarbij "
                "belangrijker dan een dik opleidingsplan.",
            ),
        ],
        "building_blocks": [
            {
                "slug": "reflectie-en-intervisie",
                "title": "Reflectie en intervisie organiseren",
                "summary": (
                    "Vaste momenten om met collega's op het eigen handelen terug te kijken, helpen professionals "
                    "om bewuster opgavegericht te werken."
                ),
                "body": [
                    ("heading", "De vorm"),
                    (
                        "paragraph",
                        "Intervisie werkt het best in kleine, vaste groepen die een paar keer per jaar bij elkaar "
                        "komen. Eén deelnemer brengt een situatie uit de praktijk in, de anderen stellen vragen en "
                        "denken mee. Het doel is niet het probleem op te lossen, maar van elkaar te leren.",
                    ),
                    ("heading", "Tips"),
                    (
                        "paragraph",
                        "Meng rollen en afdelingen in een groep, zodat verschillende blikken op dezelfde opgave "
                        "samenkomen. Laat een ervaren begeleider de eerste bijeenkomsten leiden.",
                    ),
                ],
            },
            {
                "slug": "lerend-evalueren",
                "title": "Lerend evalueren tijdens de rit",
                "summary": (
                    "Evalueer niet pas aan het eind, maar kijk onderweg regelmatig terug om de aanpak bij te stellen."
                ),
                "body": [
                    ("heading", "Waarom tussentijds"),
                    (
                        "paragraph",
                        "Een evaluatie achteraf komt vaak te laat om er nog iets mee te doen. Wie op vaste "
                        "momenten kort terugkijkt, houdt de aanpak in lijn met de opgave en past lessen meteen "
                        "toe.",
                    ),
                    ("heading", "Een eenvoudige opzet"),
                    (
                        "paragraph",
                        "Stel na elke fase drie vragen: wat wilden we bereiken, wat is er gebeurd en wat doen we "
                        "voortaan anders? Betrek ook partners en inwoners bij die terugblik; zij zien dingen die "
                        "van binnenuit onzichtbaar blijven.",
                    ),
                ],
            },
            {
                "slug": "kennis-delen-buiten-de-organisatie",
                "title": "Kennis delen buiten de eigen organisatie",
                "summary": (
                    "Veel gemeenten worstelen met dezelfde vragen. Wie ervaringen deelt, leert sneller en "
                    "hoeft het wiel niet steeds opnieuw uit te vinden."
                ),
                "body": [
                    ("heading", "Netwerken en communities"),
                    (
                        "paragraph",
                        "Een community of practice brengt professionals van verschillende gemeenten en provincies "
                        "samen rond een thema. In bijeenkomsten, webinars en kleine mastermindgroepen wisselen ze "
                        "ervaringen uit en vertalen ze die naar de eigen praktijk.",
                    ),
                    ("heading", "Zelf bijdragen"),
                    (
                        "paragraph",
                        "Deel een praktijkvoorbeeld uit je eigen organisatie in deze kennisbank, ook als het nog "
                        "niet af is. Juist de lessen uit een aanpak die anders liep dan gepland zijn voor anderen "
                        "waardevol.",
                    ),
                ],
            },
        ],
    },
}


# --- Glossary -------------------------------------------------------------------

DEFINITIONS = [
    {
        "term": "Opgave",
        "definition": (
            "Een vraag uit de samenleving die om een antwoord vraagt. Dat kan een idee zijn, een kans of een "
            "probleem. Er zijn veel partijen bij betrokken, met uiteenlopende meningen, en de media hebben er "
            "vaak aandacht voor."
        ),
        "synonyms": "maatschappelijke opgave, maatschappelijk vraagstuk",
        "related": ["Opgavegericht werken", "Opgave-spelers-inspanningen"],
    },
    {
        "term": "Opgavegericht werken",
        "definition": (
            "Een leidend principe voor de houding en het gedrag van iedereen die bij een maatschappelijk "
            "vraagstuk betrokken is. De opgave en haar bedoeling staan voorop, hoe de organisatie ook is "
            "ingericht. Je handelt vanuit mogelijkheden in plaats van regels, en denkt in kansen in plaats van "
            "problemen."
        ),
        "synonyms": "opgavegestuurd werken, werken vanuit de bedoeling",
        "related": ["Opgave", "Adaptieve gemeente", "Opgavesturing"],
    },
    {
        "term": "Adaptieve gemeente",
        "definition": (
            "Een gemeente waarin alle medewerkers opgavegericht denken en handelen. De inspiratiegids beschrijft "
            "de weg daarnaartoe."
        ),
        "synonyms": "adaptieve organisatie, wendbare gemeente",
        "related": ["Opgavegericht werken"],
    },
    {
        "term": "Project",
        "definition": (
            "Een tijdelijke werkorganisatie die een uniek en scherp omschreven resultaat oplevert, binnen "
            "afgesproken tijd, geld en kwaliteit."
        ),
        "synonyms": "projectorganisatie",
        "related": ["Programma", "Bestuursproces"],
    },
    {
        "term": "Programma",
        "definition": (
            "Een manier van organiseren waarmee meerdere partijen, met een samenhangend geheel van "
            "inspanningen, werken aan een beoogd maatschappelijk effect."
        ),
        "synonyms": "programmatische aanpak",
        "related": ["Project", "Programmasturing", "Bestuursproces"],
    },
    {
        "term": "Bestuursproces",
        "definition": (
            "Het proces waarin een idee wordt uitgewerkt tot een programma, een project of een vaste, "
            "reguliere aanpak."
        ),
        "synonyms": "bestuurlijk proces",
        "related": ["Project", "Programma"],
    },
    {
        "term": "Opgavemanager",
        "definition": (
            "Iemand die drie rollen in zich verenigt: ambtelijk opdrachtgever, portfoliomanager en regisseur "
            "in het contact met partijen buiten de organisatie."
        ),
        "synonyms": "opgaveregisseur",
        "related": ["Ambtelijk opdrachtgever", "Opgavesturing"],
    },
    {
        "term": "Opgavesturing",
        "definition": (
            "Sturing die het opdrachtgevende niveau versterkt. De aandacht gaat dan naar de samenhang tussen de "
            "projecten, processen en programma's die samen aan een opgave werken."
        ),
        "synonyms": "opgavegericht sturen",
        "related": ["Opgavemanager", "Programmasturing", "Opgavegericht werken"],
    },
    {
        "term": "Programmasturing",
        "definition": (
            "Sturen met een programma: een tijdelijk, samenhangend en veranderlijk geheel van doelen, "
            "inspanningen en middelen."
        ),
        "synonyms": "programmamanagement",
        "related": ["Programma", "Opgavesturing"],
    },
    {
        "term": "Leefwereld",
        "definition": "De wereld van inwoners en hun dagelijks leven, met hun eigen vragen, zorgen en verbanden.",
        "synonyms": "",
        "related": ["Systeemwereld"],
    },
    {
        "term": "Systeemwereld",
        "definition": (
            "De wereld van regels, systemen en organisaties. Gemeenten, provincies en waterschappen horen "
            "erbij; de inspiratiegids richt zich op deze wereld."
        ),
        "synonyms": "",
        "related": ["Leefwereld"],
    },
    {
        "term": "5R-model",
        "definition": (
            "Een model met vijf aandachtspunten (richting, ruimte, resultaten, rekenschap en relatie) om te "
            "bespreken hoeveel bewegingsruimte een team heeft."
        ),
        "synonyms": "vijf R's, 5R",
        "related": ["Bewegingsruimte", "Opgavesturing"],
    },
    {
        "term": "Opgave-spelers-inspanningen",
        "definition": (
            "De drie factoren die bij het werken aan een opgave met elkaar in evenwicht moeten zijn: de opgave "
            "zelf, de spelers die nodig zijn en de inspanningen die zij leveren."
        ),
        "synonyms": "opgave, spelers en inspanningen",
        "related": ["Opgave", "Opgavesturing"],
    },
    {
        "term": "Ambtelijk opdrachtgever",
        "definition": (
            "De leidinggevende die namens de ambtelijke organisatie opdracht geeft aan een project of programma "
            "en het aanspreekpunt is voor de bestuurlijk opdrachtgever."
        ),
        "synonyms": "",
        "related": ["Opgavemanager", "Project", "Programma"],
    },
    {
        "term": "Bewegingsruimte",
        "definition": "De ruimte die een team heeft om bij het werken aan een opgave zelf keuzes te maken.",
        "synonyms": "",
        "related": ["5R-model"],
    },
    {
        "term": "Invalshoek",
        "definition": (
            "Eén van de vier perspectieven waarin de inspiratiegids alle inbreng ordent: opgavegericht besturen, "
            "sturen, presteren en leren."
        ),
        "synonyms": "perspectief",
        "related": ["Bouwsteen"],
    },
    {
        "term": "Bouwsteen",
        "definition": (
            "Een onderdeel uit de inspiratiegids waarmee een organisatie opgavegericht werken verder kan "
            "professionaliseren. Elke invalshoek heeft eigen bouwstenen."
        ),
        "synonyms": "",
        "related": ["Invalshoek"],
    },
    {
        "term": "DT",
        "definition": (
            "Het directieteam: de directeuren die samen de ambtelijke organisatie leiden, vaak onder "
            "voorzitterschap van de gemeentesecretaris."
        ),
        "synonyms": "directieteam",
        "related": ["MT"],
    },
    {
        "term": "MT",
        "definition": (
            "Het managementteam: de leidinggevenden van een afdeling of cluster, die de koers van de directie "
            "vertalen naar het dagelijkse werk."
        ),
        "synonyms": "managementteam",
        "related": ["DT"],
    },
]


def related_both_ways(term):
    """The terms related to `term`: those it lists and those that list it (the relation is symmetric)."""
    listed = next(item["related"] for item in DEFINITIONS if item["term"] == term)
    return set(listed) | {item["term"] for item in DEFINITIONS if term in item["related"]}


# --- Organisations: (name, type, province) -----------------------------------------

ORGANISATIONS = [
    ("Gemeente Almere", "gemeente", "flevoland"),
    ("Gemeente Amersfoort", "gemeente", "utrecht"),
    ("Gemeente Delft", "gemeente", "zuid-holland"),
    ("Gemeente Groningen", "gemeente", "groningen"),
    ("Gemeente Leeuwarden", "gemeente", "friesland"),
    ("Gemeente Maastricht", "gemeente", "limburg"),
    ("Gemeente Middelburg", "gemeente", "zeeland"),
    ("Gemeente Nijmegen", "gemeente", "gelderland"),
    ("Gemeente Rotterdam", "gemeente", "zuid-holland"),
    ("Gemeente Tilburg", "gemeente", "noord-brabant"),
    ("Gemeente Veenendaal", "gemeente", "utrecht"),
    ("Gemeente Zaanstad", "gemeente", "noord-holland"),
    ("Gemeente Zwolle", "gemeente", "overijssel"),
    ("Samenwerkingsorganisatie De Wolden Hoogeveen", "overig", "drenthe"),
    ("Provincie Fryslân", "provincie", "friesland"),
    ("Provincie Gelderland", "provincie", "gelderland"),
    ("Provincie Noord-Brabant", "provincie", "noord-brabant"),
    ("Waterschap Rivierenland", "waterschap", "gelderland"),
]


# --- Practice cases (invented; `published` spreads first_published_at) ------------

CASES = [
    {
        "slug": "zwolle-directieteam-kiest-vijf-stadsopgaven",
        "title": "Directieteam kiest vijf stadsopgaven",
        "organisations": ["Gemeente Zwolle"],
        "perspectives": ["besturen"],
        "building_blocks": ["opgaven-kiezen", "opdrachtgeverschap-beleggen"],
        "phase": "uitvoering",
        "year": 2022,
        "published": date(2025, 12, 4),
        "summary": (
            "Het college en het DT brachten ruim twintig ambities terug tot vijf stadsopgaven, elk met een vast "
            "duo van wethouder en directeur. Medewerkers weten nu beter waar hun inzet het meest telt."
        ),
        "situation": (
            "Het coalitieakkoord bevatte meer dan twintig ambities die allemaal voorrang leken te hebben. "
            "Projecten streden om dezelfde mensen en niemand kon zeggen wat echt belangrijk was."
        ),
        "approach": [
            "In drie sessies kozen het college en het DT samen vijf stadsopgaven, waaronder wonen en de "
            "energietransitie.",
            "Per opgave schreven een wethouder en een directeur samen een opdracht van twee kantjes, met de "
            "bedoeling, de ruimte en de momenten waarop ze terugkoppelen.",
        ],
        "results": (
            "Na een jaar liep het aantal projecten met een kwart terug. In het kwartaaloverleg van het DT worden "
            "vaker echte keuzes gemaakt, ook om iets niet te doen."
        ),
        "lessons": (
            "Kiezen betekent ook laten vallen, en dat gesprek hoort bij het bestuur thuis. Houd opdrachten kort: "
            "lange stukken lezen alleen de schrijvers."
        ),
        "contact": ("Marloes Timmer", "strategisch adviseur", "m.timmer@example.org"),
        "tags": ["prioriteren", "directieteam"],
    },
    {
        "slug": "rotterdam-opgavemanagers-in-de-wijk",
        "title": "Opgavemanagers in de wijk",
        "organisations": ["Gemeente Rotterdam"],
        "perspectives": ["sturen", "presteren"],
        "building_blocks": ["rol-van-de-opgavemanager", "werken-vanuit-de-leefwereld"],
        "phase": "uitvoering",
        "year": 2023,
        "published": date(2026, 2, 17),
        "summary": (
            "In drie wijken kreeg één opgavemanager de regie over alle inzet van gemeente en partners. Bewoners "
            "hebben nu één aanspreekpunt en projecten sluiten beter op elkaar aan."
        ),
        "situation": (
            "In de wijken liepen tientallen projecten van verschillende afdelingen naast elkaar. Bewoners wisten "
            "niet bij wie ze moesten zijn en partners kregen tegenstrijdige verzoeken."
        ),
        "approach": (
            "Per wijk is een opgavemanager aangesteld met mandaat over het wijkbudget. Die begon met "
            "keukentafelgesprekken en een wijkschouw met bewoners, en bracht daarna alle projecten samen in één "
            "wijkagenda."
        ),
        "results": (
            "Het aantal losse projecten nam af en bewoners geven in een peiling aan dat ze beter weten waar ze "
            "terechtkunnen. Twee partners hebben hun eigen planning aangepast aan de wijkagenda."
        ),
        "lessons": (
            "Zonder mandaat over geld is een opgavemanager vooral coördinator. Begin bij bewoners, niet bij het "
            "organogram."
        ),
        "contact": ("Yusuf Demir", "opgavemanager", "y.demir@example.org"),
        "tags": ["wijkaanpak", "mandaat"],
    },
    {
        "slug": "veenendaal-een-portefeuille-voor-alle-projecten",
        "title": "Eén portefeuille voor alle projecten",
        "organisations": ["Gemeente Veenendaal"],
        "perspectives": ["sturen"],
        "building_blocks": ["sturen-op-de-portefeuille"],
        "phase": "afgerond",
        "year": 2021,
        "published": date(2025, 9, 22),
        "summary": (
            "Het projectbureau bracht alle projecten en programma's samen in één overzicht. Het MT bespreekt dat "
            "overzicht nu elk kwartaal en stuurt op capaciteit."
        ),
        "situation": (
            "Niemand had een volledig beeld van de lopende projecten. Capaciteitstekorten werden pas zichtbaar "
            "als een project vastliep."
        ),
        "approach": (
            "Het projectbureau inventariseerde alle inspanningen met een eenvoudig formulier: opgave, "
            "opdrachtgever, fase en benodigde uren. Het overzicht staat vast op de agenda van het MT."
        ),
        "results": (
            "Twaalf projecten zijn gestopt of samengevoegd. Nieuwe projecten starten pas als er aantoonbaar "
            "capaciteit is."
        ),
        "lessons": (
            "Begin eenvoudig: een spreadsheet die wordt gebruikt is beter dan een systeem dat niemand bijhoudt."
        ),
        "contact": ("Ruben Hoekstra", "adviseur projectbureau", "r.hoekstra@example.org"),
        "tags": ["portfoliomanagement", "capaciteit"],
    },
    {
        "slug": "zaanstad-het-5r-gesprek-bij-elke-opdracht",
        "title": "Het 5R-gesprek bij elke opdracht",
        "organisations": ["Gemeente Zaanstad"],
        "perspectives": ["sturen", "leren"],
        "building_blocks": ["bewegingsruimte-met-het-5r-model", "lerend-evalueren"],
        "phase": "uitvoering",
        "year": 2024,
        "published": date(2026, 5, 6),
        "summary": (
            "Bij elke nieuwe opdracht voeren opdrachtgever en projectleider een kort gesprek aan de hand van de "
            "vijf R's. Halverwege en aan het eind kijken ze samen terug."
        ),
        "situation": (
            "Projectleiders voelden zich vaak klem zitten tussen hoge verwachtingen en weinig ruimte. Afspraken "
            "over mandaat bleven impliciet."
        ),
        "approach": (
            "Een werkgroep maakte een gespreksleidraad van één pagina rond richting, ruimte, resultaten, "
            "rekenschap en relatie. Het gesprek wordt gevoerd bij de start, halverwege en bij de afronding."
        ),
        "results": (
            "Ruim veertig opdrachten zijn zo gestart. Projectleiders melden minder verrassingen en opdrachtgevers "
            "zien eerder wanneer een team meer ruimte nodig heeft."
        ),
        "lessons": (
            "Het gesprek is belangrijker dan het formulier. Plan het terugkijken meteen in, anders komt het er "
            "niet van."
        ),
        "contact": ("Ilse Kramer", "teamleider projectmanagement", "i.kramer@example.org"),
        "tags": ["5R-model", "opdrachtgeverschap"],
    },
    {
        "slug": "tilburg-een-opgavebudget-voor-de-binnenstad",
        "title": "Een opgavebudget voor de binnenstad",
        "organisations": ["Gemeente Tilburg"],
        "perspectives": ["presteren", "besturen"],
        "building_blocks": ["wendbaar-plannen-en-begroten", "passende-aanpak-kiezen"],
        "phase": "ontwerp",
        "year": 2025,
        "published": date(2026, 8, 11),
        "summary": (
            "Voor de binnenstad wordt gewerkt aan één budget voor de hele opgave, in plaats van losse budgetten "
            "per afdeling. De raad stelt kaders en krijgt elk kwartaal een voortgangsbeeld."
        ),
        "situation": (
            "Budgetten voor de binnenstad zaten verspreid over vijf afdelingen. Schuiven tussen posten kostte "
            "maanden en remde kansen die zich onderweg voordeden."
        ),
        "approach": (
            "Een kleine groep van financiën, het programmateam en de griffie werkt een opgavebegroting uit. Eerst "
            "is gekozen voor een programma als vorm, met heldere afspraken over wat de raad beslist."
        ),
        "results": (
            "Het ontwerp ligt klaar voor besluitvorming in de raad. De eerste proef met een flexibele reserve "
            "liep goed."
        ),
        "lessons": (
            "Betrek de raad en de griffie vroeg: wendbaar begroten gaat over vertrouwen, niet alleen over "
            "spreadsheets."
        ),
        "contact": ("Daan Verbeek", "programmamanager binnenstad", "d.verbeek@example.org"),
        "tags": ["begroting", "binnenstad"],
    },
    {
        "slug": "de-wolden-hoogeveen-intervisie-voor-projectleiders",
        "title": "Intervisie voor project- en procesmanagers",
        "organisations": ["Samenwerkingsorganisatie De Wolden Hoogeveen"],
        "perspectives": ["leren"],
        "building_blocks": ["reflectie-en-intervisie"],
        "phase": "afgerond",
        "year": 2022,
        "published": date(2025, 11, 3),
        "summary": (
            "Vier vaste intervisiegroepen van project- en procesmanagers kwamen een jaar lang elke zes weken "
            "bij elkaar. Deelnemers zeggen bewuster met opdrachtgevers en partners om te gaan."
        ),
        "situation": (
            "Na de samenvoeging van twee ambtelijke organisaties werkten projectleiders verschillend en kenden ze "
            "elkaar nauwelijks."
        ),
        "approach": (
            "Een externe begeleider startte vier groepen met deelnemers uit beide gemeenten en uit verschillende "
            "teams. Na drie bijeenkomsten namen de deelnemers de leiding zelf over."
        ),
        "results": (
            "Drie van de vier groepen gaan op eigen kracht door. Projectleiders vragen elkaar vaker om raad, ook "
            "buiten de groep."
        ),
        "lessons": "Gemengde groepen leveren de meeste nieuwe inzichten op. Houd de groepen klein.",
        "contact": ("Henk Jonker", "hoofd projecten", "h.jonker@example.org"),
        "tags": ["intervisie", "samenwerkingsorganisatie"],
    },
    {
        "slug": "delft-terugkijken-tijdens-de-rit",
        "title": "Terugkijken tijdens de rit",
        "organisations": ["Gemeente Delft"],
        "perspectives": ["leren"],
        "building_blocks": ["lerend-evalueren"],
        "phase": "uitvoering",
        "year": 2023,
        "published": date(2026, 1, 20),
        "summary": (
            "Een programma voor de binnenstad houdt na elke fase een korte terugblik met partners en bewoners. "
            "De lessen gaan direct de volgende fase in."
        ),
        "situation": (
            "Eerdere programma's werden pas aan het eind geëvalueerd, als het team al uit elkaar was. De lessen "
            "verdwenen in een la."
        ),
        "approach": (
            "Na elke fase is er een bijeenkomst van twee uur met drie vragen: wat wilden we, wat gebeurde er en "
            "wat doen we anders? Een collega van buiten het programma leidt het gesprek."
        ),
        "results": (
            "De planning van fase twee is op drie punten aangepast. Partners voelen zich meer betrokken, omdat "
            "ze zien wat er met hun inbreng gebeurt."
        ),
        "lessons": "Kort en vaak werkt beter dan lang en eenmalig. Deel de uitkomsten ook met wie er niet bij was.",
        "contact": ("Sophie van Dam", "programmasecretaris", "s.vandam@example.org"),
        "tags": ["evaluatie", "binnenstad"],
    },
    {
        "slug": "groningen-samen-met-corporaties-aan-de-warmtetransitie",
        "title": "Samen met corporaties aan de warmtetransitie",
        "organisations": ["Gemeente Groningen"],
        "perspectives": ["presteren"],
        "building_blocks": ["samen-optrekken-met-partners"],
        "phase": "uitvoering",
        "year": 2022,
        "published": date(2026, 3, 9),
        "summary": (
            "Gemeente, woningcorporaties en het warmtebedrijf maakten één gezamenlijke wijkagenda voor de "
            "overstap naar een warmtenet. Bewoners praten vanaf het begin mee."
        ),
        "situation": (
            "Elke partij had een eigen planning voor dezelfde wijk. Bewoners kregen brieven van drie afzenders "
            "met verschillende boodschappen."
        ),
        "approach": (
            "De partners zetten samen de bedoeling op papier en verdeelden de inspanningen. Er is één "
            "communicatieloket en elke maand een gezamenlijk overleg."
        ),
        "results": (
            "De eerste driehonderd woningen zijn aangesloten. Klachten over tegenstrijdige informatie zijn bijna "
            "verdwenen."
        ),
        "lessons": "Spreek vroeg af wie wat betaalt; dat voorkomt later vertraging.",
        "contact": ("Anouk Bakker", "projectleider warmtetransitie", "a.bakker@example.org"),
        "tags": ["energietransitie", "woningcorporaties"],
    },
    {
        "slug": "leeuwarden-en-fryslan-leefbaarheid-op-het-platteland",
        "title": "Leefbaarheid op het platteland als gedeelde opgave",
        "organisations": ["Gemeente Leeuwarden", "Provincie Fryslân"],
        "perspectives": ["besturen", "presteren"],
        "building_blocks": ["passende-aanpak-kiezen", "samen-optrekken-met-partners"],
        "phase": "verkenning",
        "year": 2026,
        "published": date(2026, 10, 27),
        "summary": (
            "Gemeente en provincie verkennen samen met dorpsbelangen hoe ze de leefbaarheid in kleine kernen "
            "als één opgave kunnen aanpakken."
        ),
        "situation": (
            "Voorzieningen in kleine dorpen staan onder druk. Gemeente en provincie hadden elk eigen regelingen, "
            "die voor dorpen lastig te combineren waren."
        ),
        "approach": (
            "In vijf dorpen voeren medewerkers van beide overheden samen gesprekken met bewoners. Daarna kiezen ze "
            "of een programma, een bestuursproces of een vaste aanpak het best past."
        ),
        "results": "De verkenning loopt. De eerste gesprekken leverden een gedeelde lijst met tien vragen op.",
        "lessons": "Laat dorpen zelf de agenda bepalen; de overheid sluit aan, niet andersom.",
        "contact": ("Wietske de Boer", "beleidsadviseur", "w.deboer@example.org"),
        "tags": ["platteland", "leefbaarheid"],
    },
    {
        "slug": "almere-een-bestuursproces-voor-een-nieuwe-wijk",
        "title": "Een bestuursproces voor een nieuwe wijk",
        "organisations": ["Gemeente Almere"],
        "perspectives": ["besturen"],
        "building_blocks": ["passende-aanpak-kiezen", "opdrachtgeverschap-beleggen"],
        "phase": "ontwerp",
        "year": 2024,
        "published": date(2026, 4, 14),
        "summary": (
            "Voor een nieuwe woonwijk koos de gemeente eerst voor een bestuursproces in plaats van direct een "
            "project te starten. Zo bleef er ruimte om het idee samen met partners uit te werken."
        ),
        "situation": (
            "Er lag een ambitieus idee voor een nieuwe wijk, maar de rol van marktpartijen en de planning waren "
            "nog onduidelijk."
        ),
        "approach": (
            "Het college stelde een bestuurlijk en een ambtelijk opdrachtgever aan en gaf opdracht voor een "
            "bestuursproces van negen maanden. Daarin werd het idee uitgewerkt tot een voorstel voor een "
            "programma."
        ),
        "results": "Het programmavoorstel ligt bij het college. Twee ontwikkelaars hebben een intentieverklaring getekend.",
        "lessons": "Een bestuursproces geeft ruimte om te zoeken, mits het een duidelijk einde heeft.",
        "contact": ("Farid el Amrani", "ambtelijk opdrachtgever", "f.elamrani@example.org"),
        "tags": ["gebiedsontwikkeling", "wonen"],
    },
    {
        "slug": "maastricht-de-leefwereldtoets",
        "title": "De leefwereldtoets in collegevoorstellen",
        "organisations": ["Gemeente Maastricht"],
        "perspectives": ["presteren"],
        "building_blocks": ["werken-vanuit-de-leefwereld"],
        "phase": "uitvoering",
        "year": 2025,
        "published": date(2026, 7, 1),
        "summary": (
            "Elk collegevoorstel beschrijft nu in een vaste paragraaf wat een inwoner merkt van het besluit. "
            "Adviseurs gaan daarvoor vaker vooraf in gesprek met inwoners."
        ),
        "situation": (
            "Collegevoorstellen gingen vooral over procedures en budgetten. Wat een besluit betekende voor "
            "inwoners, bleef vaak onbesproken."
        ),
        "approach": (
            "Samen met het college is een vaste paragraaf ontwikkeld: wat merkt een inwoner hiervan, en hoe weten "
            "we dat? Adviseurs kregen een korte training in gesprekken met inwoners."
        ),
        "results": (
            "Sinds de invoering heeft vrijwel elk voorstel de paragraaf. Het college vraagt er in de vergadering "
            "actief naar."
        ),
        "lessons": "Een vaste paragraaf helpt, maar alleen als het college er ook echt naar vraagt.",
        "contact": ("Lotte Claessens", "concernadviseur", "l.claessens@example.org"),
        "tags": ["collegevoorstellen", "inwoners"],
    },
    {
        "slug": "middelburg-een-zeeuws-netwerk-voor-projectleiders",
        "title": "Een Zeeuws netwerk voor projectleiders",
        "organisations": ["Gemeente Middelburg"],
        "perspectives": ["leren"],
        "building_blocks": ["kennis-delen-buiten-de-organisatie"],
        "phase": "afgerond",
        "year": 2021,
        "published": date(2025, 10, 15),
        "summary": (
            "Projectleiders van Zeeuwse gemeenten begonnen een netwerk om ervaringen te delen. Ze komen vier "
            "keer per jaar bij elkaar, steeds bij een andere gemeente."
        ),
        "situation": (
            "In kleinere gemeenten werken maar een paar projectleiders. Ze misten collega's om mee te sparren."
        ),
        "approach": (
            "Een projectleider uit Middelburg nodigde collega's uit de regio uit. Elke bijeenkomst heeft een "
            "thema en een korte rondleiding bij een project van de gastgemeente."
        ),
        "results": "Het netwerk telt inmiddels ruim dertig deelnemers uit elf gemeenten.",
        "lessons": "Houd het laagdrempelig en wissel het gastheerschap af, dan blijft het netwerk van iedereen.",
        "contact": ("Pieter Koster", "projectleider", "p.koster@example.org"),
        "tags": ["netwerk", "regio"],
    },
    {
        "slug": "gelderland-en-rivierenland-samen-opdrachtgever-bij-de-dijk",
        "title": "Samen opdrachtgever bij de dijkversterking",
        "organisations": ["Provincie Gelderland", "Waterschap Rivierenland"],
        "perspectives": ["besturen", "sturen"],
        "building_blocks": ["opdrachtgeverschap-beleggen", "rol-van-de-opgavemanager"],
        "phase": "uitvoering",
        "year": 2023,
        "published": date(2026, 6, 2),
        "summary": (
            "Provincie en waterschap koppelden een dijkversterking aan opgaven voor natuur en recreatie. Ze "
            "werken met een gezamenlijk opdrachtgeverschap en één opgavemanager."
        ),
        "situation": (
            "De dijk moest worden versterkt, terwijl er in hetzelfde gebied plannen lagen voor natuur en "
            "recreatie. Apart werken zou dubbel werk en overlast opleveren."
        ),
        "approach": (
            "Beide organisaties wezen een bestuurlijk en een ambtelijk opdrachtgever aan die samen optrekken. Eén "
            "opgavemanager houdt de projecten bij elkaar en is het aanspreekpunt voor de gemeenten in het gebied."
        ),
        "results": (
            "De plannen zijn in één ontwerp samengebracht. Omwonenden krijgen met één bouwperiode te maken in "
            "plaats van drie."
        ),
        "lessons": "Gezamenlijk opdrachtgeverschap vraagt om tijd voor elkaars besluitvorming. Plan die tijd in.",
        "contact": ("Gerrit van Leeuwen", "opgavemanager", "g.vanleeuwen@example.org"),
        "tags": ["water", "gebiedsgericht werken"],
    },
    {
        "slug": "noord-brabant-leertraject-voor-teamleiders",
        "title": "Leertraject opgavegericht werken voor teamleiders",
        "organisations": ["Provincie Noord-Brabant"],
        "perspectives": ["leren", "sturen"],
        "building_blocks": ["reflectie-en-intervisie", "bewegingsruimte-met-het-5r-model"],
        "phase": "afgerond",
        "year": 2024,
        "published": date(2026, 9, 15),
        "summary": (
            "Zestig teamleiders volgden een leertraject over opgavegericht werken, met intervisie en oefenen met "
            "het 5R-model op eigen opdrachten."
        ),
        "situation": (
            "De provincie wilde opgavegericht werken, maar teamleiders wisten niet goed hoe ze hun teams daarin "
            "ruimte konden geven."
        ),
        "approach": (
            "Het traject bestond uit vier dagdelen en intervisie in kleine groepen. Deelnemers brachten steeds "
            "een eigen opdracht in en bespraken die met het 5R-model."
        ),
        "results": (
            "Deelnemers gaven het traject gemiddeld een 8. Een groot deel gebruikt het 5R-model inmiddels in "
            "gesprekken met hun teams."
        ),
        "lessons": "Oefen met echte opdrachten, niet met casussen uit een boek.",
        "contact": ("Eva Schouten", "adviseur organisatieontwikkeling", "e.schouten@example.org"),
        "tags": ["leiderschap", "5R-model"],
    },
    {
        "slug": "nijmegen-portefeuillesturing-in-het-ruimtelijk-domein",
        "title": "Portefeuillesturing in het ruimtelijk domein",
        "organisations": ["Gemeente Nijmegen"],
        "perspectives": ["sturen", "besturen"],
        "building_blocks": ["sturen-op-de-portefeuille", "opgaven-kiezen"],
        "phase": "ontwerp",
        "year": 2026,
        "published": date(2026, 11, 10),
        "summary": (
            "De gemeente ontwerpt een portefeuilleoverleg voor alle ruimtelijke projecten, gekoppeld aan drie "
            "gekozen opgaven. Het overleg start begin volgend jaar."
        ),
        "situation": (
            "Ruimtelijke projecten werden een voor een aan het college voorgelegd, zonder zicht op samenhang en "
            "capaciteit."
        ),
        "approach": (
            "Een ontwerpteam koppelt elk project aan een van drie ruimtelijke opgaven en werkt een vast "
            "portefeuilleoverleg uit, met heldere criteria om te starten, te pauzeren of te stoppen."
        ),
        "results": "Het ontwerp is klaar; het eerste overzicht telt 64 projecten.",
        "lessons": "Het koppelen aan opgaven maakt vanzelf zichtbaar welke projecten nergens bij horen.",
        "contact": ("Niels Willems", "portfoliomanager", "n.willems@example.org"),
        "tags": ["portfoliomanagement", "ruimte"],
    },
]


# --- Standard pages and site settings ---------------------------------------------

BOARD = [
    {
        "name": "Francois van Doesburg",
        "role": "Voorzitter; afdelingsmanager Programma's en Projecten",
        "organisation": "Gemeente Veenendaal",
    },
    {"name": "Fernando Salinas Camara", "role": "Hoofd afdeling Projecten", "organisation": "Gemeente Zaanstad"},
    {"name": "Wilbert Wouters", "role": "Hoofd afdeling Ruimtelijke Uitvoering", "organisation": "Gemeente Tilburg"},
    {
        "name": "Gert Bolkesteijn",
        "role": "Hoofd Team Projecten",
        "organisation": "Samenwerkingsorganisatie De Wolden Hoogeveen",
    },
    {
        "name": "Bart van der Veer",
        "role": "Hoofd project- en programmamanagementbureau",
        "organisation": "Gemeente Delft",
    },
]

STANDARD_PAGES = [
    {
        "slug": "over-de-vereniging",
        "title": "Over de vereniging",
        "intro": (
            "De VPNG is een onafhankelijke vereniging van projectbureaus van gemeenten en van de provincies: een "
            "community of practice voor opgavesturing bij de lokale overheid."
        ),
        "body": [
            ("heading", "Wie we zijn"),
            (
                "paragraph",
                "Bij de vereniging zijn zo'n 182 gemeentelijke projectbureaus aangesloten, samen met de provincies. "
                "Via hen zijn ruim 8.200 project-, proces- en programmamanagers bij het netwerk betrokken.",
            ),
            ("heading", "Wat we doen"),
            (
                "paragraph",
                "Elk jaar organiseren we ongeveer 60 bijeenkomsten: webinars, themabijeenkomsten, masterclasses en "
                "kleine mastermindgroepen. Leden delen daar ervaringen, leren van elkaar en werken samen aan een "
                "gedeelde taal.",
            ),
            (
                "paragraph",
                "Uit die gesprekken is de Inspiratiegids Opgavegericht Werken ontstaan. In deze kennisbank vind je "
                "de gids, de belangrijkste begrippen en praktijkvoorbeelden van gemeenten en provincies.",
            ),
        ],
    },
    {
        "slug": "bestuur",
        "title": "Bestuur",
        "intro": "Het bestuur van de VPNG bestaat uit leidinggevenden van projectbureaus bij gemeenten.",
        "body": [
            (
                "paragraph",
                "Het bestuur zet de koers van de vereniging uit en is voor leden het eerste aanspreekpunt over "
                "het beleid van de vereniging.",
            ),
            ("people", {"heading": "Leden van het bestuur", "people": BOARD}),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "intro": "Heb je een vraag of een idee voor een bijeenkomst? Zo bereik je de juiste persoon.",
        "body": [
            ("heading", "Praktische vragen"),
            (
                "paragraph",
                format_html(
                    "Voor praktische vragen over bijeenkomsten en webinars, zoals aanmelden of afmelden, kun je "
                    "terecht bij {}: {}.",
                    PRACTICAL_CONTACT[0],
                    mail_link(PRACTICAL_CONTACT[1]),
                ),
            ),
            ("heading", "Suggesties voor thema's"),
            (
                "paragraph",
                format_html(
                    "Wil je een bepaald onderwerp terugzien in een van onze activiteiten? Mail je idee naar {}: {}.",
                    THEME_CONTACT[0],
                    mail_link(THEME_CONTACT[1]),
                ),
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacyverklaring",
        "in_menu": False,
        "intro": "Welke persoonsgegevens de kennisbank gebruikt, waarvoor, hoe lang we ze bewaren en wat je rechten zijn.",
        "body": [
            ("heading", "Wie is verantwoordelijk"),
            (
                "paragraph",
                format_html(
                    "De vereniging beheert deze kennisbank en is verantwoordelijk voor de gegevens die je hier "
                    "achterlaat. Vragen over privacy stel je via {}.",
                    mail_link(PRACTICAL_CONTACT[1]),
                ),
            ),
            ("heading", "Aanmelden voor een bijeenkomst"),
            (
                "paragraph",
                "Voor een aanmelding vragen we je naam, e-mailadres, organisatie en eventueel je functie. We "
                "gebruiken die om je een bevestiging, de praktische informatie en een herinnering te sturen, en om "
                "bij te houden wie er op de wachtlijst staat. De organisatoren en sprekers zien wie er komt. "
                "Negentig dagen na de bijeenkomst maken we je gegevens anoniem; alleen de aantallen blijven bewaard.",
            ),
            ("heading", "Een account als lid"),
            (
                "paragraph",
                "Met een account deel je praktijkvoorbeelden van je organisatie. We bewaren je e-mailadres, naam, "
                "organisatie en functie zolang je account bestaat. Op Mijn pagina download je al je gegevens en kun "
                "je je account zelf verwijderen. Gepubliceerde voorbeelden blijven dan staan op naam van je "
                "organisatie, zonder je contactgegevens.",
            ),
            ("heading", "Zoeken en cookies"),
            (
                "paragraph",
                "We tellen per week welke zoekwoorden zijn gebruikt, zodat de redactie ziet welke kennis nog "
                "ontbreekt. Daarbij slaan we geen IP-adres of account op. De site gebruikt alleen cookies die "
                "nodig zijn om in te loggen en formulieren veilig te versturen; er zijn geen cookies om je te volgen.",
            ),
            ("heading", "Je rechten"),
            (
                "paragraph",
                "Je mag je gegevens inzien, laten verbeteren of laten verwijderen. Mail ons en we reageren binnen "
                "vier weken. Ben je het niet eens met hoe we met je gegevens omgaan, dan kun je een klacht indienen "
                "bij de Autoriteit Persoonsgegevens.",
            ),
        ],
    },
    {
        "slug": "toegankelijkheid",
        "title": "Toegankelijkheidsverklaring",
        "in_menu": False,
        "intro": "We willen dat iedereen de kennisbank kan gebruiken, ook met een schermlezer, alleen een toetsenbord of een vergroting.",
        "body": [
            ("heading", "Waar we ons aan houden"),
            (
                "paragraph",
                "De kennisbank is gebouwd volgens de richtlijnen WCAG 2.1 op niveau AA, de norm voor websites van "
                "de Nederlandse overheid. De onderdelen komen uit het NL Design System.",
            ),
            ("heading", "Hoe we dat controleren"),
            (
                "paragraph",
                "Bij elke wijziging van de site controleren geautomatiseerde tests elk soort pagina met axe-core, "
                "op een groot en een klein scherm. Ze controleren ook dat zoeken, filteren en aanmelden werken met "
                "alleen het toetsenbord en zonder JavaScript.",
            ),
            ("heading", "Wat nog niet goed gaat"),
            (
                "paragraph",
                "Bijlagen die leden bij een praktijkvoorbeeld uploaden, zoals pdf-bestanden, controleren we niet "
                "allemaal op toegankelijkheid. Opnames van webinars hebben nog niet altijd ondertiteling.",
            ),
            ("heading", "Iets gevonden?"),
            (
                "paragraph",
                format_html(
                    "Loop je ergens tegenaan, laat het ons weten via {}. We antwoorden binnen vijf werkdagen en "
                    "sturen je zo nodig de informatie in een andere vorm.",
                    mail_link(PRACTICAL_CONTACT[1]),
                ),
            ),
        ],
    },
]

# Site settings that point at pages above: setting -> page slug.
STATEMENT_PAGES = {"privacy_page": "privacy", "accessibility_page": "toegankelijkheid"}

SITE_SETTINGS = {
    "organisation_name": "VPNG",
    "about": (
        "Het netwerk van zo'n 182 gemeentelijke projectbureaus en de provincies, waarin ruim 8.200 project-, "
        "proces- en programmamanagers hun kennis over opgavesturing delen."
    ),
    "contact_email": PRACTICAL_CONTACT[1],
    "practical_contact_name": PRACTICAL_CONTACT[0],
    "practical_contact_email": PRACTICAL_CONTACT[1],
    "theme_contact_name": THEME_CONTACT[0],
    "theme_contact_email": THEME_CONTACT[1],
}

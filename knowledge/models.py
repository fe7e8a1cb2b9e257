import unicodedata
from urllib.parse import urlencode

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from taggit.models import TaggedItemBase

from core.blocks import INTRO_FEATURES, BodyBlock
from core.caching import remember
from core.models import LabelledDocument
from core.restrictions import RestrictedPageManager, ViewRestrictionsMixin
from core.sections import section_page
from core.structured_data import CONTEXT, LANGUAGE, absolute_url, article, description

from . import feeds
from .filters import CaseFilter

CASE_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Perspective(models.Model):
    """One of the guide's four perspectives ("invalshoeken").

    The four rows come from a data migration; editors change their texts only.
    """

    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True, editable=False)
    short_description = models.TextField(
        _("korte beschrijving"),
        help_text=_("Eén of twee zinnen: waar gaat deze invalshoek over?"),
    )
    colour = models.CharField(
        _("kleur"),
        max_length=7,
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Geef de kleur als hexcode met zes tekens, zoals #1f5f8b."))
        ],
        help_text=_("Accentkleur als hexcode, bijvoorbeeld #1f5f8b. Kies een donkere kleur."),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), editable=False)

    panels = [FieldPanel("name"), FieldPanel("short_description"), FieldPanel("colour")]

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("invalshoek")
        verbose_name_plural = _("invalshoeken")

    def __str__(self):
        return self.name

    @classmethod
    def names(cls):
        """{slug: name} of the perspectives, in the guide's order; kept until the content changes."""
        return remember("perspective-names", lambda: dict(cls.objects.values_list("slug", "name")))


class Organisation(index.Indexed, models.Model):
    class Type(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        PROVINCIE = "provincie", _("Provincie")
        WATERSCHAP = "waterschap", _("Waterschap")
        RIJKSOVERHEID = "rijksoverheid", _("Rijksoverheid")
        OVERIG = "overig", _("Overig")

    class Province(models.TextChoices):
        DRENTHE = "drenthe", "Drenthe"
        FLEVOLAND = "flevoland", "Flevoland"
        FRIESLAND = "friesland", "Fryslân"
        GELDERLAND = "gelderland", "Gelderland"
        GRONINGEN = "groningen", "Groningen"
        LIMBURG = "limburg", "Limburg"
        NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
        NOORD_HOLLAND = "noord-holland", "Noord-Holland"
        OVERIJSSEL = "overijssel", "Overijssel"
        UTRECHT = "utrecht", "Utrecht"
        ZEELAND = "zeeland", "Zeeland"
        ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"

    name = models.CharField(_("naam"), max_length=200, unique=True)
    type = models.CharField(_("soort"), max_length=20, choices=Type.choices, default=Type.GEMEENTE)
    province = models.CharField(
        _("provincie"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("Laat leeg voor landelijke organisaties."),
    )
    reviewed = models.BooleanField(
        _("gecontroleerd"),
        default=True,
        help_text=_(
            "Een lid kan een organisatie toevoegen die nog niet in de lijst staat. Controleer naam, soort en "
            "provincie en vink dit dan aan; pas daarna kunnen andere leden haar kiezen."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("type"), FieldPanel("province"), FieldPanel("reviewed")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin listing combines search with these filters and sort orders.
        index.FilterField("name"),
        index.FilterField("type"),
        index.FilterField("province"),
        index.FilterField("reviewed"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class Definition(index.Indexed, ClusterableModel):
    term = models.CharField(_("begrip"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        unique=True,
        max_length=200,
        blank=True,
        help_text=_("Het anker op de begrippenpagina. Wordt uit het begrip gemaakt als je het leeg laat."),
    )
    definition = RichTextField(
        _("omschrijving"),
        features=INTRO_FEATURES,
        help_text=_("Een heldere omschrijving in gewone taal."),
    )
    synonyms = models.CharField(
        _("synoniemen"),
        max_length=500,
        blank=True,
        help_text=_("Andere woorden voor hetzelfde begrip, gescheiden door komma's. Zoeken gebruikt ze."),
    )
    related_terms = ParentalManyToManyField(
        "self",
        verbose_name=_("verwante begrippen"),
        blank=True,
        # Symmetric: linking A to B also shows A under B, in the glossary and in the admin.
        symmetrical=True,
        help_text=_("Begrippen die je ook wilt noemen. Het verband geldt beide kanten op."),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("synonyms"),
        FieldPanel("related_terms", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("synonyms"),
        index.SearchField("definition"),
        index.FilterField("term"),
        index.FilterField("synonyms"),
    ]

    # For the read API (cop_site.api): the glossary's own texts, nothing else.
    api_fields = [
        APIField("term"),
        APIField("slug"),
        APIField("definition"),
        APIField("synonym_list", serializer=serializers.ListField(child=serializers.CharField(), read_only=True)),
        APIField(
            "related_terms", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
        ),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")

    def __str__(self):
        return self.term

    def clean(self):
        super().clean()
        self.slug = self.slug or slugify(self.term)
        if not self.slug:
            raise ValidationError({"term": _("Gebruik minstens één letter of cijfer in het begrip.")})
        if Definition.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"slug": _("Dit anker is al in gebruik bij een ander begrip. Kies een andere slug.")}
            )

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.term)
        super().save(*args, **kwargs)

    @classmethod
    def used_in_perspectives(cls, slugs):
        """The definitions that the live, public chapters of these perspectives, or their building blocks,
        link to in their text (Wagtail's reference index records each definition link); a link from a
        members-only section does not count."""
        chapter_paths = (
            GuideChapterPage.objects.live().public().filter(perspective__slug__in=slugs).values_list("path", flat=True)
        )
        if not chapter_paths:
            return cls.objects.none()
        in_chapters = models.Q()
        for chapter_path in chapter_paths:
            in_chapters |= models.Q(path__startswith=chapter_path)
        pages = Page.objects.live().public().filter(in_chapters).annotate(key=Cast("pk", CharField())).values("key")
        links = ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=pages,
            to_content_type=ContentType.objects.get_for_model(cls),
        ).values("to_object_id")
        return cls.objects.annotate(key=Cast("pk", CharField())).filter(key__in=links)

    @property
    def synonym_list(self):
        return [s.strip() for s in self.synonyms.split(",") if s.strip()]

    @property
    def initial(self):
        """The A–Z group: accents folded, so "Één" files under E."""
        first = unicodedata.normalize("NFKD", self.term[:1])[:1].upper()
        return first if first.isascii() and first.isalpha() else "#"


class GuidePage(ViewRestrictionsMixin, Page):
    intro = RichTextField(_("introductie"), features=[*INTRO_FEATURES, "ul"], blank=True)
    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cop_site.HomePage"]
    subpage_types = ["knowledge.GuideChapterPage"]
    max_count = 1

    class Meta:
        verbose_name = _("inspiratiegids")

    def chapters(self):
        return GuideChapterPage.objects.child_of(self).live().select_related("perspective").order_by("path")

    def table_of_contents(self):
        """The live chapters with their live building blocks; two queries, then cached until the content changes."""

        def build():
            chapters = list(self.chapters())
            blocks = BuildingBlockPage.objects.descendant_of(self).live().order_by("path")
            for chapter in chapters:
                chapter.toc_blocks = [b for b in blocks if b.path.startswith(chapter.path)]
            return chapters

        return remember(f"guide-toc:{self.pk}", build)


class GuideChapterPage(ViewRestrictionsMixin, Page):
    perspective = models.OneToOneField(
        Perspective,
        verbose_name=_("invalshoek"),
        on_delete=models.PROTECT,
        related_name="chapter",
        help_text=_("Elk hoofdstuk hoort bij precies één invalshoek."),
    )
    intro = models.TextField(_("introductie"), help_text=_("Een korte samenvatting van het hoofdstuk."))
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("perspective"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("perspective"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    parent_page_types = ["knowledge.GuidePage"]
    subpage_types = ["knowledge.BuildingBlockPage"]

    # The search lists them with .public(): the request's restrictions, read once.
    objects = RestrictedPageManager()

    class Meta:
        verbose_name = _("hoofdstuk van de gids")
        verbose_name_plural = _("hoofdstukken van de gids")

    def building_blocks(self):
        if hasattr(self, "toc_blocks"):  # a chapter from the guide's table of contents
            return self.toc_blocks
        return BuildingBlockPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guide = section_page(GuidePage)
        guide = guide if guide and self.path.startswith(guide.path) else self.get_parent().specific
        chapters = guide.table_of_contents()
        # A preview of a new or unpublished chapter is not in the table of contents.
        position = next((i for i, c in enumerate(chapters) if c.pk == self.pk), None)
        context["guide"] = guide
        context["toc"] = chapters
        context["building_blocks"] = self.building_blocks()
        if position is not None:
            # The table of contents has this chapter's perspective and building blocks at hand
            # (a preview may have another perspective than the live chapter).
            if chapters[position].perspective_id == self.perspective_id:
                self.perspective = chapters[position].perspective
            context["building_blocks"] = chapters[position].toc_blocks
            context["previous_chapter"] = chapters[position - 1] if position > 0 else None
            context["next_chapter"] = chapters[position + 1] if position + 1 < len(chapters) else None
        context["cases"] = PracticeCasePage.objects.for_listing().filter(perspectives=self.perspective_id)[:6]
        context["case_index"] = section_page(CaseIndexPage)
        return context

    def structured_data(self, request):
        return article(self, request, about=[self.perspective], text=self.intro)


class BuildingBlockPage(ViewRestrictionsMixin, Page):
    summary = models.TextField(_("samenvatting"), help_text=_("Eén of twee zinnen over deze bouwsteen."))
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    parent_page_types = ["knowledge.GuideChapterPage"]
    subpage_types = []

    # The search lists them with .public(): the request's restrictions, read once.
    objects = RestrictedPageManager()

    class Meta:
        verbose_name = _("bouwsteen")
        verbose_name_plural = _("bouwstenen")

    def clean(self):
        super().clean()
        # The case list filters on ?bouwsteen=<slug>, so slugs must be unique across chapters.
        clash = BuildingBlockPage.objects.filter(slug=self.slug).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"slug": _("Er is al een bouwsteen met deze slug in een ander hoofdstuk.")})

    @cached_property
    def chapter(self):
        guide = section_page(GuidePage)
        if guide and self.live:
            # From the cached table of contents, with the chapter's perspective and building blocks.
            parent_path = self.path[: -self.steplen]
            chapter = next((c for c in guide.table_of_contents() if c.path == parent_path), None)
            if chapter is not None:
                return chapter
        return GuideChapterPage.objects.select_related("perspective").parent_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapter"] = self.chapter
        cases = PracticeCasePage.objects.for_listing()
        context["cases"] = cases.filter(building_blocks=self) if self.pk else cases.none()
        context["case_index"] = section_page(CaseIndexPage)
        return context

    def structured_data(self, request):
        chapter = self.chapter
        return article(self, request, about=[chapter.perspective] if chapter else [], text=self.summary)


class GlossaryPage(ViewRestrictionsMixin, Page):
    intro = RichTextField(_("introductie"), features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cop_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("begrippenlijst")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = {}
        for definition in Definition.objects.prefetch_related("related_terms"):
            groups.setdefault(definition.initial, []).append(definition)
        context["groups"] = sorted(groups.items())
        return context

    def structured_data(self, request):
        """The glossary as a DefinedTermSet; each term's address is its anchor on this page."""
        url = absolute_url(self, request)
        return {
            "@context": CONTEXT,
            "@type": "DefinedTermSet",
            "name": self.seo_title or self.title,
            "description": description(self.search_description, self.intro),
            "url": url,
            "inLanguage": LANGUAGE,
            "hasDefinedTerm": [
                {
                    "@type": "DefinedTerm",
                    "name": definition.term,
                    "description": description(definition.definition, limit=1000),
                    "url": f"{url}#{definition.slug}",
                    "inDefinedTermSet": url,
                    **({"alternateName": definition.synonym_list} if definition.synonym_list else {}),
                }
                for definition in Definition.objects.all()
            ],
        }


class CaseIndexPage(RoutablePageMixin, ViewRestrictionsMixin, Page):
    """/praktijkvoorbeelden/: the filterable case list; rss/ and atom/ are its feeds (knowledge.feeds)."""

    intro = RichTextField(_("introductie"), features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cop_site.HomePage"]
    subpage_types = ["knowledge.PracticeCasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht praktijkvoorbeelden")

    @staticmethod
    def facet_vocabulary(name):
        """The known values of a facet of the case list, {slug: label}; None for years."""
        if name == "invalshoek":
            return dict(Perspective.objects.values_list("slug", "name"))
        if name == "bouwsteen":
            return dict(BuildingBlockPage.objects.live().values_list("slug", "title"))
        if name == "organisatietype":
            return dict(Organisation.Type.choices)
        if name == "provincie":
            return dict(Organisation.Province.choices)
        return None

    def perspective_names(self):
        return Perspective.names()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = PracticeCasePage.objects.for_listing().child_of(self)
        case_filter = CaseFilter(request.GET, cases, self.facet_vocabulary)
        context["filter"] = case_filter
        context["page_obj"] = case_filter.page
        context["feeds"] = self.feed_links(case_filter.selected["invalshoek"])
        return context

    @path("")
    def listing_view(self, request):
        response = self.render(request)
        # Malformed input (a year or page that is not a number) is the visitor's error.
        response.status_code = response.context_data["filter"].status_code
        return response

    @path("rss/")
    def rss_view(self, request):
        return feeds.serve(request, self, feeds.LatestCasesFeed)

    @path("atom/")
    def atom_view(self, request):
        return feeds.serve(request, self, feeds.LatestCasesAtomFeed)

    def feed_cases(self, perspective_slugs):
        """What the feeds list: live, public cases, newest first; of these perspectives, if any."""
        cases = PracticeCasePage.objects.for_listing().child_of(self)
        if perspective_slugs:
            # A subquery, so a case with two of the perspectives is listed once.
            matching = PracticeCasePage.objects.filter(perspectives__slug__in=perspective_slugs).values("pk")
            cases = cases.filter(pk__in=matching)
        return cases

    def feed_links(self, selected):
        """(title, MIME type, URL) of the feeds for the page's <head>: of every case, and of the
        perspectives the visitor filters on, when the site knows them."""
        names = self.perspective_names()
        known = [slug for slug in selected if slug in names]
        scopes = [(self.title, "")]
        if known:
            query = "?" + urlencode({feeds.PARAM: known}, doseq=True)
            scopes.append((feeds.scoped_title(self.title, [names[slug] for slug in known]), query))
        url = self.url
        return [
            (f"{scope} ({label})", mime, url + self.reverse_subpage(route) + query)
            for scope, query in scopes
            for route, label, mime in (
                ("rss_view", "RSS", "application/rss+xml"),
                ("atom_view", "Atom", "application/atom+xml"),
            )
        ]


class CaseTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.PracticeCasePage", related_name="tagged_items", on_delete=models.CASCADE)


class PracticeCasePageManager(RestrictedPageManager):
    def for_listing(self):
        """Live, public cases with what a card shows, newest first, in a fixed number of queries."""
        return (
            self.live()
            .public()
            .prefetch_related("perspectives", "organisations")
            .order_by("-first_published_at", "-pk")
        )


class PracticeCaseForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if "perspectives" in self.fields and not cleaned_data.get("perspectives"):
            self.add_error("perspectives", _("Kies minstens één invalshoek."))
        return cleaned_data


class PracticeCasePage(ViewRestrictionsMixin, Page):
    class Phase(models.TextChoices):
        VERKENNING = "verkenning", _("Verkenning")
        ONTWERP = "ontwerp", _("Ontwerp")
        UITVOERING = "uitvoering", _("Uitvoering")
        AFGEROND = "afgerond", _("Afgerond en geëvalueerd")

    summary = models.TextField(
        _("samenvatting"),
        help_text=_("Twee tot vier zinnen: wat is er gedaan en wat leverde het op?"),
    )
    organisations = ParentalManyToManyField(
        Organisation,
        verbose_name=_("organisaties"),
        related_name="cases",
        blank=True,
        help_text=_("De gemeente, provincie of andere organisatie(s) van dit voorbeeld."),
    )
    perspectives = ParentalManyToManyField(
        Perspective,
        verbose_name=_("invalshoeken"),
        related_name="cases",
        help_text=_("Minstens één: welke invalshoek(en) laat dit voorbeeld zien?"),
    )
    building_blocks = ParentalManyToManyField(
        BuildingBlockPage,
        verbose_name=_("bouwstenen"),
        related_name="cases",
        blank=True,
        help_text=_("De bouwstenen uit de gids die in dit voorbeeld worden toegepast."),
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.UITVOERING)
    # Nullable so that a member's draft can be saved before they know the year; required to publish.
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, help_text=_("Het jaar waarin het voorbeeld speelde of startte.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    situation = RichTextField(
        _("situatie"), features=CASE_TEXT_FEATURES, help_text=_("Wat was de opgave en de aanleiding?")
    )
    approach = RichTextField(_("aanpak"), features=CASE_TEXT_FEATURES, help_text=_("Wat is er gedaan, met wie?"))
    results = RichTextField(_("resultaten"), features=CASE_TEXT_FEATURES, help_text=_("Wat heeft het opgeleverd?"))
    lessons = RichTextField(_("lessen"), features=CASE_TEXT_FEATURES, help_text=_("Wat kunnen anderen hiervan leren?"))
    contact_name = models.CharField(_("naam contactpersoon"), max_length=200, blank=True)
    contact_role = models.CharField(_("functie contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    publish_contact_email = models.BooleanField(
        _("e-mailadres tonen"),
        default=False,
        help_text=_("Alleen aanvinken als de contactpersoon heeft aangegeven dat het e-mailadres op de site mag."),
    )
    tags = ClusterTaggableManager(through=CaseTag, blank=True, verbose_name=_("trefwoorden"))

    objects = PracticeCasePageManager()
    base_form_class = PracticeCaseForm

    # For the read API (cop_site.api). No contact person: their e-mail address is public only when
    # they agreed, and an API is no place to collect names.
    api_fields = [
        APIField("summary"),
        APIField(
            "perspectives", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
        ),
        APIField("organisations", serializer=serializers.StringRelatedField(many=True, read_only=True)),
        APIField(
            "building_blocks", serializer=serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
        ),
        APIField("phase"),
        APIField("year"),
        APIField("situation"),
        APIField("approach"),
        APIField("results"),
        APIField("lessons"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("situation"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.FilterField("year"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("organisations"),
                FieldPanel("perspectives", widget=forms.CheckboxSelectMultiple),
                FieldPanel("building_blocks"),
                FieldPanel("phase"),
                FieldPanel("year"),
                FieldPanel("tags"),
            ],
            heading=_("Indeling"),
        ),
        FieldPanel("image"),
        FieldPanel("situation"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        InlinePanel("attachments", heading=_("Bijlagen"), label=_("Bijlage")),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("publish_contact_email"),
            ],
            heading=_("Contactpersoon"),
        ),
    ]

    parent_page_types = ["knowledge.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case_index"] = section_page(CaseIndexPage) or self.get_parent().specific
        # A preview shows the editor's unsaved choices, which the cache must neither give nor keep.
        context["facts"] = (
            self.facts() if getattr(request, "is_preview", False) else remember(f"case-facts:{self.pk}", self.facts)
        )
        return context

    def facts(self):
        """What the page lists besides its text: five queries, so kept until the content changes."""
        return {
            "organisations": list(self.organisations.all()),
            "perspectives": list(self.perspectives.all()),
            "building_blocks": list(self.building_blocks.all()),
            "attachments": list(self.attachments.select_related("document")),
            "tags": list(self.tags.all()),
        }

    def structured_data(self, request):
        image = self.image.get_rendition("fill-1200x630").full_url if self.image else None
        return article(self, request, about=self.perspectives.all(), image=image, text=self.summary)


class CaseAttachment(LabelledDocument):
    page = ParentalKey(PracticeCasePage, related_name="attachments", on_delete=models.CASCADE)

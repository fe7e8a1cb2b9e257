"""What goes into the public search: which objects, and the fields of each document.

Both search implementations read the documents built here, so Elasticsearch and
the database fallback describe every page the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from core.text import plain_text
from events.models import EventPage
from events.search import event_body, event_fields
from knowledge.models import BuildingBlockPage, Definition, GlossaryPage, GuideChapterPage, PracticeCasePage


def perspective_fields(perspectives):
    return {"perspectives": [p.slug for p in perspectives], "perspective_names": [p.name for p in perspectives]}


def chapter_fields(page, context):
    return {
        "summary": page.intro,
        "date": page.last_published_at,
        **perspective_fields([page.perspective]),
    }


def building_block_fields(page, context):
    chapter = context["chapters"].get(page.path[: -Page.steplen])
    return {
        "summary": page.summary,
        "building_blocks": [page.slug],
        "date": page.last_published_at,
        **perspective_fields([chapter.perspective] if chapter else []),
    }


def case_fields(page, context):
    organisations = list(page.organisations.all())
    return {
        "summary": page.summary,
        "building_blocks": [b.slug for b in page.building_blocks.all()],
        "organisation_names": [o.name for o in organisations],
        "organisation_types": sorted({o.type for o in organisations}),
        "provinces": sorted({o.province for o in organisations if o.province}),
        "year": page.year,
        "date": page.first_published_at,
        **perspective_fields(list(page.perspectives.all())),
    }


def streamfield_body(page):
    return plain_text(page.body)


def case_body(page):
    return plain_text(page.situation, page.approach, page.results, page.lessons)


def definition_body(definition):
    # The synonyms are no text of their own: the search finds them through the synonyms set.
    return get_text_for_indexing(definition.definition)


def definition_fields(definition, context):
    # The suggestions box offers the term for its synonyms and abbreviations too.
    return {
        "url": f"{context['glossary_url']}#{definition.slug}",
        "title_suggest": [definition.term, *definition.synonym_list],
    }


def chapter_perspective():
    """The perspective slug of a building block's chapter (its parent page), as a query expression."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Subquery(GuideChapterPage.objects.live().filter(path=parent_path).values("perspective__slug")[:1])


@dataclass(frozen=True)
class ContentType:
    slug: str
    label: str
    model: type
    fields: Callable
    # The full text, kept apart because it is the costly part: facets need only the fields.
    body: Callable
    # The facet and date fields of `fields` as ORM lookups or expressions, so the database
    # fallback can count facets over thousands of results without building their documents.
    lookups: dict = field(default_factory=dict)
    select_related: tuple = ()
    prefetch_related: tuple = ()

    def live_objects(self):
        """The searchable objects, without their related data."""
        if issubclass(self.model, Page):
            return self.model.objects.live().public()
        return self.model.objects.all()

    def queryset(self):
        return self.live_objects().select_related(*self.select_related).prefetch_related(*self.prefetch_related)


CONTENT_TYPES = [
    ContentType(
        "hoofdstuk",
        _("Hoofdstuk van de gids"),
        GuideChapterPage,
        chapter_fields,
        streamfield_body,
        lookups={"perspectives": "perspective__slug", "date": "last_published_at"},
        select_related=("perspective",),
    ),
    ContentType(
        "bouwsteen",
        _("Bouwsteen"),
        BuildingBlockPage,
        building_block_fields,
        streamfield_body,
        lookups={"perspectives": chapter_perspective(), "date": "last_published_at"},
    ),
    ContentType(
        "praktijkvoorbeeld",
        _("Praktijkvoorbeeld"),
        PracticeCasePage,
        case_fields,
        case_body,
        lookups={
            "perspectives": "perspectives__slug",
            "organisation_types": "organisations__type",
            "provinces": "organisations__province",
            "year": "year",
            "date": "first_published_at",
        },
        prefetch_related=("perspectives", "organisations", "building_blocks"),
    ),
    ContentType(
        "bijeenkomst",
        _("Bijeenkomst"),
        EventPage,
        event_fields,
        event_body,
        lookups={"perspectives": "perspectives__slug", "year": "start__year", "date": "start"},
        prefetch_related=("perspectives", "speaker_links__speaker"),
    ),
    ContentType("begrip", _("Begrip"), Definition, definition_fields, definition_body),
]
CONTENT_TYPE_LABELS = {ct.slug: ct.label for ct in CONTENT_TYPES}


def content_type_for(obj):
    return next((ct for ct in CONTENT_TYPES if type(obj) is ct.model), None)


def document_id(obj):
    return f"{id_prefix(type(obj))}-{obj.pk}"


def id_prefix(model):
    return "definition" if issubclass(model, Definition) else "page"


def searchable_ids():
    """The ids of every document that belongs in the index, without loading the objects."""
    return {
        f"{id_prefix(ct.model)}-{pk}" for ct in CONTENT_TYPES for pk in ct.live_objects().values_list("pk", flat=True)
    }


def build_context():
    """Lookups that every document may need, loaded once per batch."""
    glossary = GlossaryPage.objects.live().first()
    chapters = GuideChapterPage.objects.live().select_related("perspective")
    return {"glossary_url": glossary.url if glossary else "", "chapters": {c.path: c for c in chapters}}


def build_document(obj, context, with_body=True):
    content_type = content_type_for(obj)
    document = {
        "title": str(obj),
        "content_type": content_type.slug,
        "url": obj.url if isinstance(obj, Page) else "",
    }
    document.update(content_type.fields(obj, context))
    if with_body:
        document["body"] = content_type.body(obj)
    document.setdefault("title_suggest", document["title"])
    if document.get("date"):
        document["date"] = document["date"].isoformat()  # as stored, so fresh and indexed compare equal
    return document


def is_searchable(obj):
    """A live page without a view restriction, of a searchable type; or a definition."""
    if content_type_for(obj) is None:
        return False
    if isinstance(obj, Page):
        return obj.live and not obj.get_view_restrictions().exists()
    return True


def iter_searchable():
    """Every object that belongs in the index, by type, with its related data prefetched."""
    for content_type in CONTENT_TYPES:
        yield from content_type.queryset().iterator(chunk_size=500)


def count_searchable():
    return sum(ct.queryset().count() for ct in CONTENT_TYPES)

"""What goes into the booklet: the live, public guide read from `knowledge`, in a fixed number of queries.

Only what a visitor may see goes in (live pages outside private sections), so the booklet never
shows more than the site.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.models import SiteSettings
from knowledge.models import BuildingBlockPage, Definition, GuideChapterPage, GuidePage, PracticeCasePage

# A short list per building block: the newest cases, the rest are on the site.
CASES_PER_BLOCK = 5


class BookletUnavailable(Exception):
    """There is nothing to make a booklet of (no live guide); the message is Dutch, for editors."""


@dataclass
class BookletContent:
    guide: GuidePage
    organisation_name: str
    base_url: str
    chapters: list = field(default_factory=list)
    definition_groups: list = field(default_factory=list)


def collect():
    """The guide with its chapters, building blocks, their cases and the definitions, A–Z."""
    guide = GuidePage.objects.live().public().first()
    if guide is None:
        raise BookletUnavailable(_("Er is geen gepubliceerde, openbare inspiratiegids om een boekje van te maken."))
    site = guide.get_site()
    chapters = list(GuideChapterPage.objects.child_of(guide).live().public().select_related("perspective"))
    blocks = list(BuildingBlockPage.objects.descendant_of(guide).live().public().order_by("path"))
    cases_by_block = cases_for(blocks)
    for chapter in chapters:
        chapter.booklet_blocks = [b for b in blocks if b.path.startswith(chapter.path)]
        for block in chapter.booklet_blocks:
            block.booklet_cases = cases_by_block.get(block.pk, [])
    groups = {}
    for definition in Definition.objects.prefetch_related("related_terms"):
        groups.setdefault(definition.initial, []).append(definition)
    return BookletContent(
        guide=guide,
        organisation_name=SiteSettings.for_site(site).organisation_name if site else "",
        base_url=site.root_url if site else "",
        chapters=chapters,
        definition_groups=sorted(groups.items()),
    )


def cases_for(blocks):
    """{building block pk: its newest live, public cases (at most CASES_PER_BLOCK)}, each with its full URL."""
    Link = PracticeCasePage.building_blocks.through
    cases = {case.pk: case for case in PracticeCasePage.objects.for_listing().filter(building_blocks__in=blocks)}
    links = Link.objects.filter(buildingblockpage__in=blocks, practicecasepage__in=list(cases)).values_list(
        "buildingblockpage_id", "practicecasepage_id"
    )
    by_block = {}
    for block_pk, case_pk in links:
        by_block.setdefault(block_pk, []).append(cases[case_pk])
    order = {pk: position for position, pk in enumerate(cases)}
    for found in by_block.values():
        found.sort(key=lambda case: order[case.pk])
        del found[CASES_PER_BLOCK:]
        for case in found:
            case.booklet_url = case.get_full_url()
    return by_block

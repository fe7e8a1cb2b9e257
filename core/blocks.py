"""StreamField blocks shared by the content pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "definition"]
INTRO_FEATURES = ["bold", "italic", "link", "definition"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
        help_text=_("Kop 2 voor een hoofdonderwerp, kop 3 voor een onderdeel daarvan."),
        # The level is layout, not content: "Kop 2" must not make every page match "kop".
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Tussenkop")
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Van wie"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Naam"), max_length=200)
    role = blocks.CharBlock(label=_("Functie"), required=False, max_length=200)
    organisation = blocks.CharBlock(label=_("Organisatie"), required=False, max_length=200)

    class Meta:
        icon = "user"
        label = _("Persoon")
        template = "blocks/person_block.html"


class PeopleBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False, max_length=200)
    people = blocks.ListBlock(PersonBlock(), label=_("Personen"))

    class Meta:
        icon = "group"
        label = _("Personen")
        template = "blocks/people_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Tekst"),
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock(label=_("Afbeelding"), template="blocks/image_block.html")
    quote = QuoteBlock()
    people = PeopleBlock()

    class Meta:
        template = "blocks/body_block.html"

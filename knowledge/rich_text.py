"""A rich-text link to a glossary definition: <a linktype="definition" id="…">.

On the site it becomes a link to the term's anchor on the glossary page, so the
link follows a renamed term or a moved glossary.
"""

from django.utils.html import escape

from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.rich_text import LinkHandler

from draftjs_exporter import DOM

from .models import Definition, GlossaryPage


class DefinitionLinkHandler(LinkHandler):
    identifier = "definition"

    @staticmethod
    def get_model():
        return Definition

    @classmethod
    def expand_db_attributes(cls, attrs):
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        glossary = GlossaryPage.objects.live().first()
        base = glossary.url if glossary else ""
        return [
            f'<a href="{escape(base)}#{escape(definition.slug)}" class="definition-link">' if definition else "<a>"
            for definition in cls.get_many(attrs_list)
        ]

    @classmethod
    def extract_references(cls, attrs):
        yield cls.get_model(), attrs["id"], "", ""


def definition_link_entity(props):
    return DOM.create_element("a", {"linktype": "definition", "id": props.get("id")}, props["children"])


class DefinitionLinkElementHandler(LinkElementHandler):
    def get_attribute_data(self, attrs):
        try:
            definition = Definition.objects.get(pk=int(attrs["id"]))
        except (KeyError, ValueError, Definition.DoesNotExist):
            return {}
        return {"id": definition.pk, "label": definition.term}


ContentstateDefinitionLinkConversionRule = {
    "from_database_format": {'a[linktype="definition"]': DefinitionLinkElementHandler("DEFINITION")},
    "to_database_format": {"entity_decorators": {"DEFINITION": definition_link_entity}},
}

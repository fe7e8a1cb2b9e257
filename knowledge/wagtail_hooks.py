from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

import wagtail.admin.rich_text.editors.draftail.features as draftail_features
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .models import Definition, Organisation, Perspective
from .permissions import RestrictedPermissionPolicy
from .rich_text import ContentstateDefinitionLinkConversionRule, DefinitionLinkHandler

# The four perspectives are a fixed set: editors change their texts only.
register_permission_policy(Perspective, RestrictedPermissionPolicy(Perspective, forbidden={"add", "delete"}))


class PerspectiveIndexView(IndexView):
    @cached_property
    def columns(self):
        # No bulk selection: the only bulk action would be a delete nobody may do.
        return [column for column in super().columns if column.name != "bulk_actions"]


class PerspectiveViewSet(SnippetViewSet):
    model = Perspective
    index_view_class = PerspectiveIndexView
    icon = "radio-full"
    menu_label = _("Invalshoeken")
    list_display = ["name", "slug", "short_description"]
    search_fields = ["name", "short_description"]
    ordering = ["sort_order"]


class DefinitionViewSet(SnippetViewSet):
    model = Definition
    icon = "help"
    menu_label = _("Begrippen")
    list_display = ["term", "synonyms"]
    search_fields = ["term", "synonyms"]
    list_filter = {"term": ["istartswith"]}


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    list_display = ["name", "type", "province", "reviewed"]
    search_fields = ["name"]
    list_filter = ["type", "province", "reviewed"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    items = (PerspectiveViewSet, DefinitionViewSet, OrganisationViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Kennisbank")
    menu_name = "kennisbank"


register_snippet(KnowledgeViewSetGroup)


@hooks.register("register_rich_text_features")
def register_definition_link_feature(features):
    features.register_link_type(DefinitionLinkHandler)
    features.register_editor_plugin(
        "draftail",
        "definition",
        draftail_features.EntityFeature(
            {
                "type": "DEFINITION",
                "icon": "help",
                "description": _("Link naar een begrip"),
                "chooserUrls": {
                    "definitionChooser": reverse_lazy("wagtailsnippetchoosers_knowledge_definition:choose")
                },
            },
            js=["wagtailadmin/js/chooser-modal.js", "knowledge/js/definition-link.js"],
        ),
    )
    features.register_converter_rule("contentstate", "definition", ContentstateDefinitionLinkConversionRule)
    features.default_features.append("definition")

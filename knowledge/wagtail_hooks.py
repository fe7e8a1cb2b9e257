from django.utils.translation import gettext_lazy as _

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Definition, Organisation, Perspective
from .permissions import FixedSetPermissionPolicy

register_permission_policy(Perspective, FixedSetPermissionPolicy(Perspective))


class PerspectiveViewSet(SnippetViewSet):
    model = Perspective
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
    list_display = ["name", "type", "province"]
    search_fields = ["name"]
    list_filter = ["type", "province"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    items = (PerspectiveViewSet, DefinitionViewSet, OrganisationViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Kennisbank")
    menu_name = "kennisbank"


register_snippet(KnowledgeViewSetGroup)

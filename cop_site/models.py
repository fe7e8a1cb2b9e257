from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from core.blocks import INTRO_FEATURES, BodyBlock
from core.links import public_url, site_name
from core.restrictions import ViewRestrictionsMixin
from core.sections import section_page
from core.structured_data import CONTEXT, LANGUAGE, absolute_url, description, site_organisation


def _routes_itself(page, path_components):
    """Whether `page` answers the rest of the address itself rather than through a child page."""
    model = page.specific_class
    if model is None or model.route is Page.route:
        return False
    get_resolver = getattr(model, "get_resolver", None)
    if get_resolver is None:
        return True  # a route() of its own: let it decide
    # A RoutablePage: its own URLs come first, while it is live (as in RoutablePageMixin.route).
    try:
        get_resolver().resolve("/" + "".join(f"{c}/" for c in path_components))
    except Http404:
        return False
    return page.live


class HomePage(ViewRestrictionsMixin, Page):
    intro = RichTextField(
        _("introductie"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("Korte tekst bovenaan: wat de community is en voor wie."),
    )
    guide_teaser = models.TextField(
        _("tekst bij de gids"),
        blank=True,
        help_text=_("Eén of twee zinnen die naar de Inspiratiegids verwijzen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("guide_teaser"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.GuidePage",
        "knowledge.GlossaryPage",
        "knowledge.CaseIndexPage",
        "events.EventIndexPage",
        "cop_site.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def route(self, request, path_components):
        """Find the page at the address in one query on `url_path`, instead of Wagtail's two per level.

        The walk down stops at a page that routes for itself (a RoutablePage, such as the event
        list with /afgelopen/), which then gets the rest of the address, as with Wagtail's own routing.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)]
        found = Page.objects.filter(url_path__in=prefixes, path__startswith=self.path).only(
            "pk", "path", "depth", "url_path", "content_type", "live"
        )
        by_depth = {page.depth: page for page in found}
        page, walked = self, 0
        while walked < len(path_components):
            child = by_depth.get(self.depth + walked + 1)
            if child is None or (walked and _routes_itself(page, path_components[walked:])):
                break
            child._cached_parent_obj = page
            page, walked = child, walked + 1
        if walked < len(path_components) and (page is self or not _routes_itself(page, path_components[walked:])):
            raise Http404  # no page has the rest of this address
        target = page.specific
        target._cached_parent_obj = page._cached_parent_obj
        return target.route(request, path_components[walked:])

    def get_context(self, request, *args, **kwargs):
        from knowledge.models import CaseIndexPage, GuidePage, Perspective, PracticeCasePage

        context = super().get_context(request, *args, **kwargs)
        context["guide"] = section_page(GuidePage)
        context["case_index"] = section_page(CaseIndexPage)
        context["perspectives"] = Perspective.objects.select_related("chapter")
        context["latest_cases"] = PracticeCasePage.objects.for_listing()[:6]
        return context

    def structured_data(self, request):
        """The website and the association behind it, with the site's search as its action."""
        association = site_organisation(request)
        return {
            "@context": CONTEXT,
            "@graph": [
                {
                    "@type": "WebSite",
                    "name": site_name(Site.find_for_request(request)),
                    "description": description(self.search_description, self.intro),
                    "url": absolute_url(self, request),
                    "inLanguage": LANGUAGE,
                    "publisher": association,
                    # The site's search, as a URL template (the "-input" annotation is no schema.org term).
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": {
                            "@type": "EntryPoint",
                            "urlTemplate": public_url(reverse("search")) + "?q={zoekterm}",
                        },
                    },
                },
                association,
            ],
        }


class StandardPage(ViewRestrictionsMixin, Page):
    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["cop_site.HomePage", "cop_site.StandardPage"]
    subpage_types = ["cop_site.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")

"""RSS 2.0 and Atom feeds of the newest practice cases, for all perspectives or for some.

The case list (CaseIndexPage, a routable page) serves them at rss/ and atom/ and hands over what
they list, so this module reads no model: live, public cases only (never a draft or a case in a
private section), newest first, at most FEED_LIMIT, in a fixed number of queries. Each item has an
absolute link, the summary, the publication date, its perspectives as categories and a guid that
stays the same when the case is renamed or moved (its translation key).

`?invalshoek=<slug>` (repeatable, as on the case list) narrows the feed. A slug the site does not
know is a 400 with a Dutch message: the case list can show a message beside an empty list, but a
feed reader shows nothing, so a mistyped feed address must fail where it is subscribed.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wagtail.models import Site

FEED_LIMIT = 20
PARAM = "invalshoek"


@dataclass
class Selection:
    """The case list and the perspectives ({slug: name}) a feed is asked for; none means all."""

    index: object
    perspectives: dict = field(default_factory=dict)

    @property
    def query_string(self):
        return "?" + urlencode({PARAM: list(self.perspectives)}, doseq=True) if self.perspectives else ""


def scoped_title(title, perspective_names):
    """The case list's title, with the perspectives a feed is narrowed to."""
    if not perspective_names:
        return title
    return _("%(title)s, invalshoek %(names)s") % {"title": title, "names": ", ".join(perspective_names)}


def serve(request, index, feed_class):
    """The feed for this request, or a 400 when it names a perspective the site does not know."""
    known = index.perspective_names()
    slugs = list(dict.fromkeys(v.strip() for v in request.GET.getlist(PARAM) if v.strip()))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        message = _("Onbekende invalshoek: %(values)s. Kies uit: %(known)s.") % {
            "values": ", ".join(unknown),
            "known": ", ".join(known),
        }
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return feed_class()(request, Selection(index, {slug: known[slug] for slug in slugs}))


class LatestCasesFeed(Feed):
    """RSS 2.0 of the newest practice cases."""

    def get_object(self, request, selection):
        self.request = request
        return selection

    def title(self, selection):
        return scoped_title(selection.index.title, list(selection.perspectives.values()))

    def link(self, selection):
        return selection.index.get_url(self.request) + selection.query_string

    def feed_url(self, selection):
        return self.request.path + selection.query_string

    def author_name(self, selection):
        # Atom asks for an author; the association publishes the cases.
        site = Site.find_for_request(self.request)
        return site.site_name if site else None

    def description(self, selection):
        return _("De nieuwste praktijkvoorbeelden van gemeenten, provincies en andere overheden.")

    def items(self, selection):
        return selection.index.feed_cases(list(selection.perspectives))[:FEED_LIMIT]

    def item_title(self, case):
        return case.title

    def item_description(self, case):
        return case.summary

    def item_link(self, case):
        return case.get_url(self.request)

    def item_guid(self, case):
        return f"urn:uuid:{case.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, case):
        return case.first_published_at

    def item_updateddate(self, case):
        return case.last_published_at

    def item_categories(self, case):
        return [perspective.name for perspective in case.perspectives.all()]


class LatestCasesAtomFeed(LatestCasesFeed):
    """The same cases as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, selection):
        return self.description(selection)

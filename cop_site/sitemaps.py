"""/sitemap.xml: every live, public page of the request's site."""

from wagtail.contrib.sitemaps import Sitemap


class PageSitemap(Sitemap):
    """Wagtail's sitemap without `.specific()`, which costs a query per page type.

    An entry needs only the base page's URL and publication date; no page type here has a
    `get_sitemap_urls` of its own (tests/cop_site/test_query_counts.py checks that).
    """

    def items(self):
        return self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public().order_by("path")

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from booklet.views import latest as latest_booklet
from knowledge.views import perspective_stylesheet
from search import views as search_views

from .api import api_router
from .sitemaps import PageSitemap
from .views import healthz, readyz, serve_document, serve_media

# allauth answers its own rate limits (sign-up, password reset) with this page too.
handler429 = "cop_site.views.too_many_requests"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own document URLs, which it shadows with the same pattern.
    re_path(r"^documenten/(\d+)/(.*)$", serve_document),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # The perspectives' accent colours, so that no page needs an inline style (CSP).
    path("invalshoeken.css", perspective_stylesheet, name="perspective_stylesheet"),
    # The booklet's stable address: the latest edition, whatever its file is called.
    path("inspiratiegids.pdf", latest_booklet, name="booklet_latest"),
    # Live, public pages only: drafts and pages behind a view restriction are left out.
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PageSitemap}}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("zoeken/", search_views.search, name="search"),
    path("zoeken/suggesties/", search_views.suggestions, name="search_suggestions"),
    # Member accounts, the member's own page and the form to share a case.
    path("account/", include("allauth.urls")),
    path("mijn/", include("members.urls")),
    path("praktijkvoorbeelden/delen/", include("members.case_urls")),
    path("balansscan/", include("balansscan.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images for the local demo server (scripts/run.sh), which runs without DEBUG;
    # in production the web server or object storage serves media.
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve_media)]

urlpatterns += [
    # The pages: Wagtail's address pattern, plus a last part it does not allow, for the sub-routes of
    # the event pages: a calendar file (agenda.ics) and a signed token with a colon (the cancel link).
    # Exempt from the CSRF middleware: cop_site.wagtail_hooks.check_csrf checks each page instead.
    # Not _util/, which is Wagtail's (the password form for a private page, its log-in).
    re_path(r"^(?!_util/)((?:[\w\-]+/)*(?:[\w\-]+\.ics|[\w\-]+:[\w\-]+/)?)$", csrf_exempt(wagtail_views.serve)),
    # Wagtail's _util/ URLs; its own page pattern, shadowed by the one above, still makes the pages' URLs.
    path("", include(wagtail_urls)),
]

"""The page cache for anonymous visitors (core.page_cache), on a real Redis: what is stored,
what is never stored, and every change that must purge it (core.caching)."""

from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

import pytest

from cop_site.factories import StandardPageFactory
from core.caching import content_version
from core.models import SiteSettings
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory, SpeakerFactory
from knowledge.factories import DefinitionFactory, OrganisationFactory
from knowledge.models import Perspective
from members.factories import MemberFactory
from search import index, term_counts
from search.content import document_id
from search.models import SearchTermWeek

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def get(url, client=None, **extra):
    return (client or Client()).get(url, **extra)


def test_a_published_change_shows_on_the_next_anonymous_request(home, django_assert_num_queries, capture):
    page = StandardPageFactory(parent=home, title="Over de vereniging", slug="over")
    first = get(page.url)
    assert first["X-Cache"] == "miss"
    assert "Over de vereniging" in first.content.decode()

    with django_assert_num_queries(0):
        second = get(page.url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content

    page.title = "Over ons netwerk"
    with capture(execute=True):
        page.save_revision().publish()
    after = get(page.url)
    assert after["X-Cache"] == "miss"
    assert "Over ons netwerk" in after.content.decode()
    assert get(page.url)["X-Cache"] == "hit"


def test_cached_pages_tell_proxies_and_keep_the_security_headers(home):
    miss, hit = get(home.url), get(home.url)
    assert hit["X-Cache"] == "hit"
    for response in (miss, hit):
        assert response["Cache-Control"] == "public, max-age=30, s-maxage=120"
        assert "Cookie" in response["Vary"]
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "text/html; charset=utf-8"


def test_the_key_is_the_whole_url(home):
    assert get(home.url)["X-Cache"] == "miss"
    assert get(home.url + "?a=1")["X-Cache"] == "miss"
    assert get(home.url, HTTP_HOST="127.0.0.1")["X-Cache"] == "miss"
    assert get(home.url, secure=True)["X-Cache"] == "miss"
    assert get(home.url + "?a=1")["X-Cache"] == "hit"


def test_head_is_answered_from_a_cached_get(home):
    get(home.url)
    head = Client().head(home.url)
    assert head.status_code == 200
    assert head["X-Cache"] == "hit"


def test_switched_off_with_zero_seconds(home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(home.url)
    with CaptureQueriesContext(connection) as queries:
        response = get(home.url)
    assert len(queries) > 0  # rendered again
    assert "X-Cache" not in response
    assert "Cache-Control" not in response


# --- never cached ----------------------------------------------------------------------------------


def bypassed(response, status=200):
    assert response.status_code == status, response.content.decode()[:500]
    assert response["X-Cache"] == "bypass"
    assert "public" not in response.get("Cache-Control", "")
    return response


def test_a_logged_in_member_gets_fresh_private_pages(home):
    member = Client()
    member.force_login(MemberFactory())
    get(home.url)  # cached for visitors
    response = bypassed(get(home.url, member))
    assert response["Cache-Control"] == "private, no-store"


def test_a_visitor_with_a_session_or_messages_cookie_is_not_served_from_the_cache(home):
    get(home.url)
    for cookie in ("sessionid", "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "iets"
        bypassed(get(home.url, visitor))


@pytest.mark.parametrize("url", ["/mijn/", "/account/login/", "/zoeken/suggesties/?q=wijk", "/healthz"])
def test_personal_forms_suggestions_and_health_are_never_cached(home, url):
    for _ in range(2):
        response = get(url)
        assert response["X-Cache"] == "bypass"
        assert "public" not in response.get("Cache-Control", "")


def test_an_event_registration_form_with_its_csrf_token_is_never_cached(home):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home))
    for _ in range(2):
        response = bypassed(get(event.url + "aanmelden/"))
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert response.cookies["csrftoken"].value
    # The event page itself links to the form and carries no token: it is cached.
    assert get(event.url)["X-Cache"] == "miss"
    assert get(event.url)["X-Cache"] == "hit"


def sets_a_cookie(request):
    response = HttpResponse("Gekozen")
    response.set_cookie("keuze", "a")
    return response


urlpatterns = [path("met-cookie/", sets_a_cookie), path("", include("cop_site.urls"))]


@pytest.mark.urls(__name__)
def test_a_response_that_sets_a_cookie_is_never_cached(home):
    for _ in range(2):
        response = bypassed(get("/met-cookie/"))
        assert response.cookies["keuze"].value == "a"


def test_errors_are_never_cached(home):
    bypassed(get("/bestaat-niet/"), status=404)
    bypassed(get("/bestaat-niet/"), status=404)


def test_a_cached_search_is_still_counted_for_the_search_terms(home):
    first = get("/zoeken/?q=Wijkaanpak")
    assert first["X-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=30, s-maxage=120"
    with CaptureQueriesContext(connection) as queries:
        second = get("/zoeken/?q=Wijkaanpak")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    # The hit renders nothing and counts the term in Redis: no SQL at all.
    assert queries.captured_queries == []
    term_counts.flush()
    term = SearchTermWeek.objects.get(term="wijkaanpak")
    assert (term.searches, term.without_results) == (2, 2)
    # Only a first page counts, cached or not, as before.
    get("/zoeken/?q=Wijkaanpak&page=2")
    get("/zoeken/?q=Wijkaanpak&page=2")
    term_counts.flush()
    term.refresh_from_db()
    assert term.searches == 2


def test_the_perspective_stylesheet_is_kept_for_a_year_at_the_current_version(home, capture):
    html = get(home.url).content.decode()
    version = content_version()
    assert f'<link rel="stylesheet" href="/invalshoeken.css?v={version}">' in html
    current = get(f"/invalshoeken.css?v={version}")
    assert current["Cache-Control"] == "public, max-age=31536000, immutable"
    leren = Perspective.objects.get(slug="leren")
    leren.colour = "#2a6f4d"
    with capture(execute=True):
        leren.save()
    html = get(home.url).content.decode()
    assert f'href="/invalshoeken.css?v={version + 1}"' in html
    assert ".accent-leren { --accent: #2a6f4d; }" in get(f"/invalshoeken.css?v={version + 1}").content.decode()
    # An old version's URL (a page cached by a proxy) is asked for again each time.
    assert get(f"/invalshoeken.css?v={version}")["Cache-Control"] == "no-cache"


# --- purges --------------------------------------------------------------------------------------


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Runs the on-commit callbacks (the purges) that the test's own transaction would hold back."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def event(home):
    return EventPageFactory(parent=EventIndexPageFactory(parent=home), capacity=20, title="Leren van elkaar")


# Each change is (prepare, change): only `change` has to purge. `prepare` returns what `change` needs.
def nothing(home, event):
    return event


def unpublish(home, event):
    event.unpublish()


def move(home, event):
    event.move(StandardPageFactory(parent=home, slug="elders"), pos="last-child")


def delete(home, event):
    event.delete()


def restrict(home, event):
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)


def group_restriction(home, event):
    return PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.GROUPS)


def add_group(home, restriction):
    restriction.groups.add(Group.objects.create(name="Alleen voor deze test"))


def save_perspective(home, event):
    Perspective.objects.get(slug="sturen").save()


def save_definition(home, event):
    DefinitionFactory(term="Opgave")


def a_definition(home, event):
    return DefinitionFactory(term="Opgave")


def save_organisation(home, event):
    OrganisationFactory(name="Provincie Drenthe")


def save_speaker(home, event):
    SpeakerFactory(name="Fatima el Amrani")


def site_settings(home, event):
    return SiteSettings.for_site(home.get_site())


def rename_organisation(home, site_settings):
    site_settings.organisation_name = "Netwerk Opgavegericht Werken"
    site_settings.save()


def add_redirect(home, event):
    Redirect.objects.create(old_path="/oud", redirect_page=event)


def register(home, event):
    RegistrationFactory(event=event)


def a_registration(home, event):
    return RegistrationFactory(event=event)


def delete_it(home, obj):
    obj.delete()


@pytest.mark.parametrize(
    "prepare, change",
    [
        (nothing, unpublish),
        (nothing, move),
        (nothing, delete),
        (nothing, restrict),
        (group_restriction, add_group),
        (nothing, save_perspective),
        (nothing, save_definition),
        (a_definition, delete_it),
        (nothing, save_organisation),
        (nothing, save_speaker),
        (site_settings, rename_organisation),
        (nothing, add_redirect),
        (nothing, register),
        (a_registration, delete_it),
    ],
)
def test_each_change_that_visitors_see_purges_the_cache(home, event, prepare, change, capture):
    target = prepare(home, event)
    get(home.url)
    assert get(home.url)["X-Cache"] == "hit"
    before = content_version()
    with capture(execute=True):
        change(home, target)
    assert content_version() > before
    assert get(home.url)["X-Cache"] == "miss"


def test_a_registration_updates_the_seats_left_that_the_event_page_shows(event, capture):
    assert "Nog 20 van de 20 plaatsen vrij" in get(event.url).content.decode()
    assert get(event.url)["X-Cache"] == "hit"
    with capture(execute=True):
        RegistrationFactory(event=event)
    assert "Nog 19 van de 20 plaatsen vrij" in get(event.url).content.decode()


def test_site_settings_made_with_their_defaults_on_first_read_purge_nothing(home):
    SiteSettings.objects.all().delete()
    get(home.url)  # Wagtail creates the settings row while rendering
    assert SiteSettings.objects.exists()
    assert get(home.url)["X-Cache"] == "hit"


def test_a_draft_saved_purges_nothing(home, event, capture):
    get(event.url)
    event.title = "Nog niet gepubliceerd"
    with capture(execute=True):
        event.save_revision()
    response = get(event.url)
    assert response["X-Cache"] == "hit"
    assert "Nog niet gepubliceerd" not in response.content.decode()


def test_an_index_write_purges_the_cache(home, event, elasticsearch):
    get(home.url)
    before = content_version()
    index.update_objects([event])
    assert content_version() == before + 1
    index.remove_ids([document_id(event)])
    assert content_version() == before + 2
    assert get(home.url)["X-Cache"] == "miss"

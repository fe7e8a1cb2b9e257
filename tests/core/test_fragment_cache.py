"""Cached fragments (menu, footer, breadcrumbs, perspective lists, section pages, case facets):
served from the cache until the content version is bumped, then rebuilt with the change.

The cache part bumps the version on publish, move, delete, snippet and settings changes; here
each test saves through the model and bumps it itself, so these tests hold without those signals.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from cop_site.cache import LocalFirstCache
from cop_site.models import StandardPage
from core.caching import bump_content_version
from core.models import SiteSettings
from core.restrictions import view_restrictions
from knowledge.factories import PracticeCasePageFactory
from knowledge.models import Perspective

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def menu(response):
    return {a.get_text(strip=True): a.get("aria-current", "") for a in soup(response).select(".site-nav__link")}


def publish(page):
    page.save_revision().publish()


@pytest.fixture
def about(home):
    return home.add_child(instance=StandardPage(title="Over ons", slug="over-ons", show_in_menus=True))


def test_a_renamed_menu_page_shows_after_the_content_version_changes(client, guide, case_index, about):
    assert "Over ons" in menu(client.get("/"))

    about.title = "Over de vereniging"
    publish(about)
    assert "Over ons" in menu(client.get("/")), "the menu should come from the cache"

    bump_content_version()
    items = menu(client.get("/"))
    assert "Over de vereniging" in items
    assert "Over ons" not in items


def test_the_cached_menu_marks_the_current_page_per_request(client, guide, case_index, about):
    assert menu(client.get("/"))["Home"] == "page"
    chapter = menu(client.get("/inspiratiegids/leren/"))
    assert chapter["Inspiratiegids Opgavegericht Werken"] == "true"
    assert chapter["Home"] == ""
    cases = menu(client.get("/praktijkvoorbeelden/"))
    assert cases["Praktijkvoorbeelden"] == "page"
    assert cases["Inspiratiegids Opgavegericht Werken"] == ""


def test_the_account_link_is_not_part_of_any_cached_fragment(client, django_user_model, guide):
    client.get("/")  # fills the caches as an anonymous visitor
    user = django_user_model.objects.create_user("lid", "lid@example.org", "een-lang-wachtwoord")
    client.force_login(user)
    header = soup(client.get("/")).select_one(".site-header__account")
    assert header.get_text(strip=True) == "Mijn pagina"


def test_a_changed_site_setting_shows_in_the_footer_after_the_content_version_changes(client, home):
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.about = "Wij delen kennis over opgaven."
    site_settings.save()
    bump_content_version()
    assert "Wij delen kennis over opgaven." in soup(client.get("/")).select_one("footer").get_text()

    site_settings.about = "Een nieuwe tekst over de vereniging."
    site_settings.save()
    assert "Wij delen kennis over opgaven." in soup(client.get("/")).select_one("footer").get_text()

    bump_content_version()
    footer = soup(client.get("/")).select_one("footer").get_text()
    assert "Een nieuwe tekst over de vereniging." in footer
    assert "Wij delen kennis over opgaven." not in footer


def test_a_renamed_perspective_shows_on_the_home_page_and_chapter(client, guide):
    perspective = Perspective.objects.get(slug="leren")
    old_name = perspective.name
    client.get("/")
    client.get("/inspiratiegids/")

    perspective.name = "Lerend organiseren"
    perspective.save()
    bump_content_version()

    cards = [h.get_text(strip=True) for h in soup(client.get("/")).select(".perspective-card__title")]
    assert "Lerend organiseren" in cards
    assert old_name not in cards


def test_a_renamed_guide_shows_in_the_breadcrumbs_and_table_of_contents(client, guide):
    chapter_url = "/inspiratiegids/leren/"
    client.get(chapter_url)

    guide.title = "De gids"
    publish(guide)
    bump_content_version()

    page = soup(client.get(chapter_url))
    assert "De gids" in [a.get_text(strip=True) for a in page.select(".utrecht-breadcrumb-nav a")]
    assert "Inhoud: De gids" in page.select_one(".side-toc__heading").get_text(strip=True)


def leren_count(response):
    return soup(response).select_one('label[for="filter-invalshoek-leren"] .filter-form__count').get_text()


def test_case_facet_counts_follow_a_new_case(client, case_index):
    PracticeCasePageFactory(parent=case_index, perspectives=["leren"])
    assert leren_count(client.get("/praktijkvoorbeelden/")) == "(1)"

    PracticeCasePageFactory(parent=case_index, perspectives=["leren"], title="Een tweede voorbeeld")
    assert leren_count(client.get("/praktijkvoorbeelden/")) == "(1)", "the counts should come from the cache"

    bump_content_version()
    response = client.get("/praktijkvoorbeelden/")
    assert leren_count(response) == "(2)"
    assert "Een tweede voorbeeld" in soup(response).select_one(".case-list").get_text()


def test_a_new_view_restriction_bumps_the_content_version_and_hides_the_page(client, case_index):
    hidden = PracticeCasePageFactory(parent=case_index, title="Besloten voorbeeld")
    assert "Besloten voorbeeld" in soup(client.get("/praktijkvoorbeelden/")).get_text()

    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="geheim")
    assert "Besloten voorbeeld" not in soup(client.get("/praktijkvoorbeelden/")).get_text()
    page = soup(client.get(hidden.url))  # the password form, not the case
    assert page.find("input", {"name": "password"}) is not None
    assert "De situatie." not in page.get_text()


def test_warm_fragments_cost_no_queries(client, guide, case_index, about):
    client.get("/over-ons/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/over-ons/")
    tables = " ".join(q["sql"] for q in warm.captured_queries)
    assert "core_sitesettings" not in tables  # footer, logo
    assert "django_content_type" not in tables  # the menu's page types


def facts(response):
    return soup(response).select_one(".case-facts").get_text(" ", strip=True)


def test_a_case_pages_facts_come_from_the_cache_but_a_preview_shows_the_draft(rf, client, case_index):
    perspective = Perspective.objects.get(slug="leren")
    case = PracticeCasePageFactory(parent=case_index, perspectives=["sturen"])
    assert "sturen" in facts(client.get(case.url))
    with CaptureQueriesContext(connection) as warm:
        client.get(case.url)
    assert "knowledge_perspective" not in " ".join(q["sql"] for q in warm.captured_queries)

    draft = case.get_latest_revision_as_object()
    draft.perspectives.set([perspective])
    request = rf.get(case.url)
    request.user = AnonymousUser()
    preview = draft.make_preview_request(request, draft.default_preview_mode)
    preview.render()
    assert "leren" in facts(preview) and "sturen" not in facts(preview)
    assert "sturen" in facts(client.get(case.url)), "the preview must not change the cached facts"

    draft.save_revision().publish()
    bump_content_version()  # the publish bumps it once committed; this test's transaction never commits
    assert "leren" in facts(client.get(case.url))


def test_fragments_read_once_are_kept_in_the_process_without_asking_redis(client, home):
    fragments = caches["template_fragments"]
    fragments.set("voorbeeld:1", ["een", "lijst"])
    cache.delete("voorbeeld:1")  # gone from Redis, as if another process's copy had expired there
    assert fragments.get("voorbeeld:1") == ["een", "lijst"]
    fragments.clear()
    assert fragments.get("voorbeeld:1") is None


def test_the_process_keeps_at_most_max_entries_fragments(settings):
    kept = LocalFirstCache("", {"OPTIONS": {"MAX_ENTRIES": 3}})
    kept.set_many({f"f{n}": n for n in range(5)})
    for n in range(5):
        cache.delete(f"f{n}")
    assert kept.get_many([f"f{n}" for n in range(5)]) == {"f2": 2, "f3": 3, "f4": 4}  # the oldest left first


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_view_restrictions_are_cached_only_outside_a_transaction(client, case_index):
    hidden = PracticeCasePageFactory(parent=case_index, title="Besloten voorbeeld")
    restriction = PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="geheim")
    pk = restriction.pk
    assert [r.pk for r in view_restrictions()] == [pk]
    with CaptureQueriesContext(connection) as warm:
        assert [r.pk for r in view_restrictions()] == [pk]
    assert warm.captured_queries == []

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        restriction.delete()  # bumps the version at once
        assert view_restrictions() == []
        raise RolledBack
    # What the rolled-back transaction saw was not cached for everyone else.
    assert [r.pk for r in view_restrictions()] == [pk]
    assert "Besloten voorbeeld" not in soup(client.get("/praktijkvoorbeelden/")).get_text()

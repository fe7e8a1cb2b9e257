"""Site-wide endpoints: health check, the read API, the sitemap and robots.txt."""

from wagtail.models import PageViewRestriction

from knowledge.factories import PracticeCasePageFactory


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_api_lists_live_pages_only(client, case_index):
    PracticeCasePageFactory(parent=case_index, title="Zichtbaar voorbeeld")
    PracticeCasePageFactory(parent=case_index, title="Concept voorbeeld", live=False)
    response = client.get("/api/v2/pages/", {"type": "knowledge.PracticeCasePage"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Zichtbaar voorbeeld"]


def test_the_sitemap_lists_live_public_pages_only(client, guide, case_index):
    PracticeCasePageFactory(parent=case_index, slug="openbaar")
    PracticeCasePageFactory(parent=case_index, slug="concept", live=False)
    private = PracticeCasePageFactory(parent=case_index, slug="besloten")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "http://localhost/praktijkvoorbeelden/openbaar/" in body
    assert "http://localhost/inspiratiegids/leren/" in body
    assert "/praktijkvoorbeelden/concept/" not in body
    assert "/praktijkvoorbeelden/besloten/" not in body


def test_robots_txt_keeps_crawlers_out_of_private_and_search_pages(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert {"Disallow: /admin/", "Disallow: /mijn/", "Disallow: /zoeken/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_there_is_no_django_admin(home, client):
    # Editors work in Wagtail's admin at /admin/; Django's own admin is not mounted.
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404

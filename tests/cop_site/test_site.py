"""Site-wide endpoints: health check, the read API, the sitemap and robots.txt."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import PageViewRestriction, Site

import pytest

from knowledge.factories import PracticeCasePageFactory

PUBLIC = "https://kennisbank.example.nl"


@pytest.fixture
def public_address(settings, home):
    """The site's configured public address, copied to the Wagtail Site as a deploy does."""
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    call_command("sync_site", stdout=StringIO())
    return PUBLIC


def sync_site():
    out = StringIO()
    call_command("sync_site", stdout=out)
    return out.getvalue()


def test_readyz_reports_the_database(client, db):
    response = client.get("/readyz")
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


@pytest.mark.parametrize(
    "address, host_and_port",
    [
        ("https://kennisbank.example.nl", ("kennisbank.example.nl", 443)),
        ("http://kennisbank.example.nl", ("kennisbank.example.nl", 80)),
        ("https://kennisbank.example.nl:8443", ("kennisbank.example.nl", 8443)),
    ],
)
def test_sync_site_gives_the_default_site_the_public_host_and_port(settings, home, address, host_and_port):
    settings.WAGTAILADMIN_BASE_URL = address
    assert sync_site() == "Standaardsite: {}:{}\n".format(*host_and_port)
    assert sync_site() == "Standaardsite: {}:{}\n".format(*host_and_port)  # safe to run again
    (site,) = Site.objects.all()
    assert (site.hostname, site.port, site.root_page_id, site.is_default_site) == (*host_and_port, home.pk, True)


def test_sync_site_will_not_take_another_sites_address(settings, home):
    Site.objects.create(hostname="kennisbank.example.nl", port=443, root_page=home, site_name="Tweede")
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    with pytest.raises(CommandError, match="Een andere site \\(Tweede\\) gebruikt kennisbank.example.nl:443 al"):
        sync_site()
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


def test_the_sitemap_carries_the_public_address(client, public_address, case_index):
    PracticeCasePageFactory(parent=case_index, slug="openbaar")
    body = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}/praktijkvoorbeelden/openbaar/</loc>" in body
    assert "localhost" not in body


def test_the_api_carries_the_public_address(client, public_address, case_index):
    case = PracticeCasePageFactory(parent=case_index, slug="openbaar")
    (item,) = client.get("/api/v2/pages/", {"type": "knowledge.PracticeCasePage"}).json()["items"]
    assert item["meta"]["html_url"] == f"{PUBLIC}/praktijkvoorbeelden/openbaar/"
    assert item["meta"]["detail_url"] == f"{PUBLIC}/api/v2/pages/{case.pk}/"

"""The admin as Dutch editors meet it: our words in Dutch with "je", no third-party avatars,
and related definitions that link both ways."""

import re

from django.apps import apps
from django.test import Client

from wagtail.test.utils.form_data import rich_text

import pytest
from bs4 import BeautifulSoup

from knowledge.factories import DefinitionFactory
from knowledge.models import Definition

pytestmark = pytest.mark.django_db

FORMAL = re.compile(r"\b(u|uw|U|Uw)\b")


@pytest.fixture
def superuser_client(django_user_model):
    user = django_user_model.objects.create_superuser("beheerder", "beheer@example.org", "wachtwoord-1")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_the_dashboard_has_no_gravatar_and_no_glued_words(superuser_client, home):
    response = superuser_client.get("/admin/")
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode().lower()
    assert "aangemaakt inKennisbank" not in text(response)
    assert "Afbeeldingen aangemaakt in Kennisbank Opgavegericht Werken" in text(response)


def test_help_texts_say_je():
    formal = [
        f"{model._meta.label}.{field.name}: {field.help_text}"
        for model in apps.get_models()
        if model._meta.app_label in {"cop_site", "knowledge", "events", "members", "search"}
        for field in model._meta.get_fields()
        if FORMAL.search(str(getattr(field, "help_text", "")))
    ]
    assert formal == []


def test_related_definitions_link_both_ways(superuser_client, glossary):
    opgave = DefinitionFactory(term="Opgave")
    DefinitionFactory(term="Opgaveteam")
    edit = f"/admin/snippets/knowledge/definition/edit/{opgave.pk}/"

    form = superuser_client.get(edit)
    checkboxes = BeautifulSoup(form.content, "html.parser").select("input[type=checkbox][name=related_terms]")
    assert len(checkboxes) == 2, "a checkbox per definition, not a bare multiple select"

    team = Definition.objects.get(term="Opgaveteam")
    response = superuser_client.post(
        edit,
        {
            "term": "Opgave",
            "slug": opgave.slug,
            "definition": rich_text(opgave.definition),
            "related_terms": [team.pk],
        },
    )
    assert response.status_code == 302
    assert list(team.related_terms.values_list("term", flat=True)) == ["Opgave"]

    # The editor of the other term sees the link ticked.
    other = BeautifulSoup(
        superuser_client.get(f"/admin/snippets/knowledge/definition/edit/{team.pk}/").content, "html.parser"
    )
    assert other.select_one(f"input[name=related_terms][value='{opgave.pk}']").has_attr("checked")

    entries = BeautifulSoup(Client().get(glossary.url).content, "html.parser")
    for term, related in (("opgave", "Opgaveteam"), ("opgaveteam", "Opgave")):
        entry = entries.find(id=term).find_parent(class_="glossary__entry")
        assert related in [a.get_text(strip=True) for a in entry.select(".glossary__meta a")], term


def test_the_admin_is_dutch_for_an_english_browser(superuser_client, home):
    response = superuser_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()  # the sidebar menu is JSON for the admin's JavaScript
    assert "Handleiding voor redacteuren" in html
    assert "Editor Guide" not in html
    # Wagtail's own menu in Wagtail's Dutch. (Its header search has a screen-reader-only submit
    # button hard-coded as "Search" in Wagtail's template: that one is Wagtail's to fix.)
    for english in ("Pages", "Reports", "Settings"):
        assert f'"label": "{english}"' not in html

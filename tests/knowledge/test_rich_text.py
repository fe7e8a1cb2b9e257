import json

from django.template import Context, Template

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from knowledge.factories import DefinitionFactory


def render_richtext(html):
    return Template("{% load wagtailcore_tags %}{{ html|richtext }}").render(Context({"html": html}))


def test_definition_link_points_at_the_glossary_anchor(glossary):
    definition = DefinitionFactory(term="Opgavesturing")
    html = render_richtext(f'<p>Lees over <a linktype="definition" id="{definition.pk}">opgavesturing</a>.</p>')
    assert f'href="{glossary.url}#opgavesturing"' in html
    assert ">opgavesturing</a>" in html


def test_definition_link_to_a_deleted_term_keeps_the_text(glossary):
    html = render_richtext('<p><a linktype="definition" id="999999">verdwenen</a></p>')
    assert "verdwenen" in html
    assert "href" not in html


def test_editor_round_trip_keeps_the_definition_link(db):
    definition = DefinitionFactory(term="Programma")
    converter = ContentstateConverter(features=["definition"])
    stored = f'<p data-block-key="a1"><a linktype="definition" id="{definition.pk}">programma</a></p>'
    contentstate = json.loads(converter.from_database_format(stored))
    entity = next(iter(contentstate["entityMap"].values()))
    assert entity["type"] == "DEFINITION"
    assert entity["data"] == {"id": definition.pk, "label": "Programma"}
    assert converter.to_database_format(json.dumps(contentstate)) == stored


def test_page_editor_offers_the_definition_chooser(admin_client, home):
    from django.urls import reverse

    response = admin_client.get(reverse("wagtailadmin_pages:add", args=("cop_site", "standardpage", home.pk)))
    assert response.status_code == 200
    assert "knowledge/js/definition-link.js" in response.content.decode()

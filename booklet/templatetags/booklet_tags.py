"""The booklet for the guide page's template: `knowledge` does not import this app
(pyproject.toml, [tool.importlinter]), the template asks for it."""

from django import template

from booklet.service import latest_edition
from core.caching import remember

register = template.Library()


@register.simple_tag
def latest_booklet():
    """The newest edition, or None: `{% latest_booklet as edition %}`. Kept until the content changes
    (saving an edition's document is a change), so a warm guide page asks the database nothing."""
    return remember("booklet-latest", latest_edition)

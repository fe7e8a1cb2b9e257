"""The booklet for the guide page's template: `knowledge` does not import this app
(pyproject.toml, [tool.importlinter]), the template asks for it."""

from django import template

from booklet.service import latest_edition as find_latest_edition

register = template.Library()


@register.simple_tag
def latest_booklet():
    """The newest edition, or None: `{% latest_booklet as edition %}` (one query)."""
    return find_latest_edition()

"""What the search knows, for the templates of the pages it indexes: the pages call no search
code themselves, so the apps below search never import it (pyproject.toml, [tool.importlinter])."""

from django import template

from search.query import related_cases as find_related_cases

register = template.Library()


@register.simple_tag
def related_cases(page):
    """Up to three live cases like `page`: `{% related_cases page as cases %}`."""
    return find_related_cases(page)

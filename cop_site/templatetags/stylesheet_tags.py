from django import template
from django.urls import reverse

from core.caching import content_version

register = template.Library()


@register.simple_tag
def perspective_stylesheet_url():
    """The perspectives' stylesheet, at a URL that changes with the content version: browsers keep
    it for a year (knowledge.views.perspective_stylesheet) and fetch it again after any edit."""
    return f"{reverse('perspective_stylesheet')}?v={content_version()}"

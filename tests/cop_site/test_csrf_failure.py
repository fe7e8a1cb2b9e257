"""A form refused by the CSRF check (an expired page, cookies off) gets the site's own Dutch page.

The scan (scripts/scan.sh) met Django's bare "Verboden (403)" page on the log-in, sign-up,
password-reset and profile forms.
"""

from django.test import Client

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/account/login/", "/account/password/reset/"])
def test_a_form_without_its_security_code_gets_a_dutch_403_in_the_site_layout(home, path):
    response = Client(enforce_csrf_checks=True).post(path, {"login": "lid@example.org", "email": "lid@example.org"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Formulier verlopen</h1>' in html
    assert "Ga terug, laad de pagina opnieuw en verstuur het formulier nog eens." in html
    assert 'href="/">Naar de startpagina</a>' in html

from .base import *  # noqa: F403
from .base import DEMO_EDITOR_PASSWORD, SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The run command serves with DEBUG off (the site's own 404 and 500 pages): static files come from
# the finders through WhiteNoise, uploads from Django, so no collectstatic or web server is needed.
SERVE_MEDIA = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo command creates an editor login only when this is set (dev only).
DEMO_EDITOR_PASSWORD = DEMO_EDITOR_PASSWORD or "opgave-demo-2026"

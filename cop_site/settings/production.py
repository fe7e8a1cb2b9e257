from .base import *  # noqa: F403
from .base import (
    LOG_FORMAT,
    MEDIA_STORAGE,
    PUBLIC_BASE_URL,
    SECRET_KEY,
    SECURE_HSTS_PRELOAD,
    env_bool,
    env_int,
    logging_config,
    require,
)

DEBUG = False
IS_PRODUCTION = True
SECRET_KEY = require(SECRET_KEY, "DJANGO_SECRET_KEY")
# No local default: mails, the sitemap and the API would point at this machine instead of the site.
require(PUBLIC_BASE_URL, "WAGTAILADMIN_BASE_URL")

# One JSON object per log line, with the request id, for the log collector.
LOGGING = logging_config(LOG_FORMAT or "json")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if not SECURE_HSTS_PRELOAD:
    # Preloading is a promise that is hard to take back; it stays off until it is switched on
    # deliberately (DJANGO_SECURE_HSTS_PRELOAD), so the check that asks for it is silenced only then.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

"""Settings shared by every environment.

Every value that differs per environment is read here, from environment
variables, with a safe default. The dev, test and production modules only
switch behaviour; they do not read the environment themselves.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_float(name, default):
    return float(os.environ.get(name, default))


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "cop_site.views.csrf_failure"

INSTALLED_APPS = [
    "core",
    "cop_site",
    "knowledge",
    "events",
    "search",
    "booklet",
    "members",
    "balansscan",
    "allauth",
    "allauth.account",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "cop_site.apps.CopStaticFilesConfig",
    "django.contrib.postgres",
    "csp",
    # The task queue in the database (TASKS below; `manage.py db_worker`), whose age /readyz reports.
    "django_tasks_db",
    # The request id (X-Request-ID) that every log line of a request carries.
    "django_guid",
]

MIDDLEWARE = [
    # First, so that every later middleware's and view's log lines carry the request id. The first
    # drops an X-Request-ID that is not a sane token, so django-guid generates one instead.
    "cop_site.logs.RequestIdHeaderMiddleware",
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside WhiteNoise and every early answer, so that each response carries both policies.
    "cop_site.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the query string or form: NUL would reach PostgreSQL and give a 500,
    # and a form too big to read would give Django's bare 400.
    "cop_site.middleware.RequestDataMiddleware",
    # Before sessions, authentication and CSRF: a cached page is served without touching the database.
    "core.page_cache.PageCacheMiddleware",
    # Page view restrictions read once per request, not once per listing.
    "core.restrictions.ViewRestrictionsMiddleware",
    "cop_site.middleware.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last: answers a locked-out log-in attempt (django-axes) with the Dutch 429 page.
    "axes.middleware.AxesMiddleware",
    # A Dutch 503 when a view cannot do without the shared cache and it is unreachable.
    "cop_site.middleware.SharedCacheOutageMiddleware",
]

ROOT_URLCONF = "cop_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cop_site.context_processors.fragment_cache",
            ],
        },
    },
]

WSGI_APPLICATION = "cop_site.wsgi.application"

# Content-Security-Policy (django-csp): the site's own files only. No inline script or style
# anywhere: the perspectives' colours come from a stylesheet (knowledge.views.perspective_stylesheet).
# data: images are the NL Design System CSS's icons (the select arrow); connect-src is for the
# search suggestions' fetch. Documents keep Wagtail's stricter "default-src 'none'".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# The Wagtail admin, every URL under /admin/ (cop_site.middleware.ContentSecurityPolicyMiddleware).
# Wagtail 8 still writes inline <script>s (page explorer, page editor, chooser modals) and its
# libraries insert <style> elements; the preview panel frames /admin/…/preview/, and the image
# upload shows each image from a blob: URL first. Measured in Chromium: tests/browser/test_csp.py.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],
    }
}
# Permissions-Policy (django-permissions-policy): browser features the site does not use, switched
# off for every page and every frame in it. Only names that Chromium knows (an unknown one is a
# console warning); interest-cohort and browsing-topics keep the page out of ad-interest tracking.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}

# PostgreSQL through DATABASE_URL; without it, a SQLite file for the quick start.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if not USES_POSTGRES:
    # django.contrib.postgres only makes sense on PostgreSQL.
    INSTALLED_APPS.remove("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's rules, with help texts that say "je" (cop_site/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "cop_site.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "cop_site.passwords.MinimumLengthValidator"},
    {"NAME": "cop_site.passwords.CommonPasswordValidator"},
    {"NAME": "cop_site.passwords.NumericPasswordValidator"},
]

# Dutch only, whatever the browser asks for (no LocaleMiddleware): until every page and message
# exists in English too, a second language would only mix the two. The admin is Dutch as well.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# NL Design System CSS comes from npm (package.json) and is collected from node_modules.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nlds", BASE_DIR / "node_modules" / "@utrecht"),
]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Django serves uploaded files itself only on the local demo and development server (dev settings).
SERVE_MEDIA = False


# Uploads in DJANGO_MEDIA_ROOT (on one machine, or a shared disk mounted on every one), or, when
# MEDIA_S3_BUCKET is set, in an S3-compatible bucket (django-storages) that every app server shares.
def media_storage(bucket, endpoint_url="", region="", access_key="", secret_key=""):
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,  # empty: Amazon S3 itself
            "region_name": region or None,
            "access_key": access_key or None,  # empty: boto3's own lookup (an instance role, say)
            "secret_key": secret_key or None,
            # Nothing is public-read: documents only ever go through /documenten/<id>/<name>, which
            # streams them after checking the collection's restriction; images get signed links that
            # expire after a day, longer than any cached page keeps them.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 24 * 60 * 60,
            "file_overwrite": False,
        },
    }


MEDIA_STORAGE = media_storage(
    env("MEDIA_S3_BUCKET"),
    env("MEDIA_S3_ENDPOINT_URL"),
    env("MEDIA_S3_REGION"),
    env("MEDIA_S3_ACCESS_KEY_ID"),
    env("MEDIA_S3_SECRET_ACCESS_KEY"),
)

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before an SMTP connection or command gives up, so a slow mail server cannot stall a worker.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# Where django.core.mail.backends.filebased writes its messages (the worker tests read them there).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH") or None
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kennisbank Opgavegericht Werken <noreply@example.org>")

# Member accounts (django-allauth): log in by e-mail, verified e-mail required.
AUTHENTICATION_BACKENDS = [
    # First: refuses every log-in (even with the right password) while the account or address is locked.
    "cop_site.auth.LoginLockBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupExtraForm"
ACCOUNT_FORMS = {"signup": "members.signup.SignupForm"}
# Messages such as "ingelogd als …" name the member, not the username allauth generates.
ACCOUNT_USER_DISPLAY = "members.models.member_display_name"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kennisbank] "
# Links in allauth's mails point at WAGTAILADMIN_BASE_URL and are signed with the site's name.
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
# Failed log-ins, on the admin's and the members' login alike, are counted by django-axes
# (below), so allauth's own login_failed limit is off. allauth still limits sign-ups and
# password resets; every window is LOGIN_LOCKOUT_MINUTES, which the Dutch 429 page names.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "",
    "signup": f"20/{LOGIN_LOCKOUT_MINUTES}m/ip",
    "reset_password": f"20/{LOGIN_LOCKOUT_MINUTES}m/ip,5/{LOGIN_LOCKOUT_MINUTES}m/key",
    "reset_password_from_key": f"20/{LOGIN_LOCKOUT_MINUTES}m/ip",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/mijn/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Submissions of cases per hour, per member and per IP address; edits (each save) have their own allowance.
MEMBERS_SUBMISSION_RATE_USER = env_int("MEMBERS_SUBMISSION_RATE_USER", 5)
MEMBERS_SUBMISSION_RATE_IP = env_int("MEMBERS_SUBMISSION_RATE_IP", 20)
MEMBERS_EDIT_RATE_USER = env_int("MEMBERS_EDIT_RATE_USER", 30)
MEMBERS_EDIT_RATE_IP = env_int("MEMBERS_EDIT_RATE_IP", 60)
# Reverse proxies in front of the site that append to X-Forwarded-For. 0: the client is REMOTE_ADDR.
NUM_PROXIES = env_int("NUM_PROXIES", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = NUM_PROXIES  # the same for allauth's login and sign-up limits

# django-axes: after LOGIN_FAILURE_LIMIT failed log-ins for one account (the e-mail address or
# username typed, in lower case) or from one client address, every log-in there is refused until
# LOGIN_LOCKOUT_MINUTES have passed without another attempt. Counted in the shared cache.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "core.ratelimit.login_name"
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "cop_site.views.too_many_requests"
AXES_VERBOSE = False  # no banner on every manage.py command

# One shared cache that every worker and machine sees: allauth's and django-axes' limits, the
# submission limits, the double-submit guard, the page cache and the content version all live
# there, so a limit holds across processes. Redis (Django's own RedisCache) when REDIS_URL is set;
# otherwise a database table, made by `manage.py createcachetable` (scripts/run.sh does).
# While Redis is down the site goes on without it (cop_site.cache: reads miss, limits fail open),
# except the log-in lock: django-axes uses the "locks" alias, the plain backend, which raises,
# and the log-in is refused with a Dutch 503 (cop_site.middleware.SharedCacheOutageMiddleware).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    _redis = {
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cop"),
        # Fail fast rather than hang a request when Redis is unreachable.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    CACHES = {
        "default": {**_redis, "BACKEND": "cop_site.cache.FailOpenRedisCache"},
        "locks": {**_redis, "BACKEND": "django.core.cache.backends.redis.RedisCache"},
    }
else:
    _table = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cop_shared_cache",
        # Room for every visitor's counters; the default of 300 would evict them early.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
    CACHES = {"default": _table, "locks": _table}
# Fragments keyed by the content version ({% cache %} and core.caching.remember): kept in each
# process's memory in front of the shared cache, as they never change (cop_site.cache.LocalFirstCache).
CACHES["template_fragments"] = {
    "BACKEND": "cop_site.cache.LocalFirstCache",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
AXES_CACHE = "locks"

# Page cache for visitors without a session (core.page_cache): seconds a page stays in the shared
# cache and in reverse proxies (s-maxage). Every publish or edit purges the shared cache at once;
# a proxy keeps its copy up to this long. 0 switches the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 120)
# The test settings' value: off, except for the tests that switch it on and the servers they start.
TEST_PAGE_CACHE_SECONDS = env_int("TEST_PAGE_CACHE_SECONDS", 0)

# Page fragments (menu, footer, perspective lists) cached with {% cache %}. The content version
# in their keys makes them stale on any change; this only bounds how long unused ones linger.
FRAGMENT_CACHE_TIMEOUT = 24 * 60 * 60

# Background work (django-tasks, as Wagtail 8 uses): e-mail and search-index updates are rows in
# the database, enqueued once the visitor's transaction commits and run by `manage.py db_worker`
# (scripts/run.sh starts it). A failed event e-mail stays in the outbox and
# `manage.py send_pending_emails` retries it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Publishing a chapter, building block, case or definition queues a new edition of the booklet.
BOOKLET_REBUILD_ON_PUBLISH = True
# Set only for a `manage.py db_worker` that a test starts: the test settings then keep the
# database task backend, send mail to EMAIL_FILE_PATH and search on Elasticsearch, like production.
TEST_WORKER_PROCESS = env_bool("TEST_WORKER_PROCESS")
# /readyz reports the task queue as degraded once its oldest due task has waited longer than this.
TASK_QUEUE_MAX_AGE_SECONDS = env_int("TASK_QUEUE_MAX_AGE_SECONDS", 600)
# Events: registrations are anonymised this many days after the event ended.
EVENT_REGISTRATION_RETENTION_DAYS = env_int("EVENT_REGISTRATION_RETENTION_DAYS", 90)
# Registrations per hour from one client address: for one event, and for all events together.
EVENT_REGISTRATION_RATE_EVENT = env_int("EVENT_REGISTRATION_RATE_EVENT", 10)
EVENT_REGISTRATION_RATE_IP = env_int("EVENT_REGISTRATION_RATE_IP", 30)
# Balansscan: completed scans (and empty team scans) are deleted this many days after they were made.
BALANSSCAN_RETENTION_DAYS = env_int("BALANSSCAN_RETENTION_DAYS", 180)
# Balansscan: completed scans per hour from one client address.
BALANSSCAN_RATE_IP = env_int("BALANSSCAN_RATE_IP", 20)
# Balansscan: team scans started per hour from one client address, and team pages opened per hour
# from one client address with a code that does not exist (guessing codes).
BALANSSCAN_TEAM_RATE_IP = env_int("BALANSSCAN_TEAM_RATE_IP", 10)
BALANSSCAN_TEAM_LOOKUP_RATE_IP = env_int("BALANSSCAN_TEAM_LOOKUP_RATE_IP", 30)
# The benchmark is recomputed at least this often (seconds), besides after every content change.
BALANSSCAN_BENCHMARK_SECONDS = env_int("BALANSSCAN_BENCHMARK_SECONDS", 600)

# Wagtail
WAGTAIL_SITE_NAME = "Kennisbank Opgavegericht Werken"
# The site's public address: the one source for every link in an e-mail (accounts, events,
# moderation), for the .ics UIDs and (through `manage.py sync_site`) for the Wagtail Site's
# hostname and port, which the sitemap and the API use. Without a trailing slash, so
# `base + path` is a URL. Production requires it (PUBLIC_BASE_URL); dev and test use the local server.
PUBLIC_BASE_URL = env("WAGTAILADMIN_BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL or "http://127.0.0.1:8000"
_base_url = urlsplit(WAGTAILADMIN_BASE_URL)
if _base_url.scheme not in {"http", "https"} or not _base_url.hostname or _base_url.path:
    raise ImproperlyConfigured(
        f"WAGTAILADMIN_BASE_URL must be like https://kennisbank.example.nl (got {WAGTAILADMIN_BASE_URL!r})."
    )
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(WAGTAILADMIN_BASE_URL).scheme  # follows the address, not a second setting
WAGTAIL_I18N_ENABLED = False
# No Gravatar: it cannot load here and would send a hash of each editor's e-mail to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No check for new Wagtail releases from the editors' browsers: upgrades come through requirements.txt,
# and the admin's Content-Security-Policy lets it connect to this site only.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "pptx", "txt"]
# Documents only ever through /documenten/<id>/<name>, which checks the collection's view restriction
# (members' uploads stay private until their case is published), never by a redirect to the file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024

# The admin and the fallback public search use Wagtail's database backend;
# on PostgreSQL it runs Dutch full-text search.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}

# Public search: Elasticsearch when ELASTICSEARCH_URL is set, else the database fallback.
# One URL, or several nodes of one cluster separated by commas.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
# Seconds to wait for an answer, and (shorter) to open a connection: a stopped or unreachable
# node is then skipped for the next one quickly.
ELASTICSEARCH_TIMEOUT = env_float("ELASTICSEARCH_TIMEOUT", 5)
ELASTICSEARCH_CONNECT_TIMEOUT = env_float("ELASTICSEARCH_CONNECT_TIMEOUT", 1)
# Retries on another node (or the same one) after a connection error or a timeout.
ELASTICSEARCH_MAX_RETRIES = env_int("ELASTICSEARCH_MAX_RETRIES", 2)
# Open connections kept per node, per process.
ELASTICSEARCH_CONNECTIONS_PER_NODE = env_int("ELASTICSEARCH_CONNECTIONS_PER_NODE", 10)
# The circuit breaker: after this many outages in a row, searches go straight to the database
# for ELASTICSEARCH_BREAKER_SECONDS, then one search tries Elasticsearch again.
ELASTICSEARCH_BREAKER_FAILURES = env_int("ELASTICSEARCH_BREAKER_FAILURES", 5)
ELASTICSEARCH_BREAKER_SECONDS = env_int("ELASTICSEARCH_BREAKER_SECONDS", 30)
# Primary shards and replicas of each new index: 1/0 for a single node; 1 replica for a cluster.
ELASTICSEARCH_SHARDS = env_int("ELASTICSEARCH_SHARDS", 1)
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 0)
# At most this many candidates per content type that the database fallback reads and ranks, so
# an outage cannot overload PostgreSQL.
SEARCH_FALLBACK_MAX_CANDIDATES = env_int("SEARCH_FALLBACK_MAX_CANDIDATES", 200)
SEARCH_INDEX_ALIAS = env("SEARCH_INDEX_ALIAS", "cop-content")
# The test settings' alias: give each of two test runs sharing one server its own.
TEST_SEARCH_INDEX_ALIAS = env("TEST_SEARCH_INDEX_ALIAS", "cop-test")
# "wait_for" makes a published page searchable before its index task (run by the worker) ends.
SEARCH_REFRESH_ON_WRITE = env("SEARCH_REFRESH_ON_WRITE", "false")
# Search-term counts per week: weeks older than this are purged (manage.py purge_search_terms),
# and at most this many distinct terms are stored per week.
SEARCH_TERMS_RETENTION_WEEKS = env_int("SEARCH_TERMS_RETENTION_WEEKS", 52)
SEARCH_TERMS_MAX_PER_WEEK = env_int("SEARCH_TERMS_MAX_PER_WEEK", 5000)
# With Redis, searches are counted there and written to the database by the task worker at most
# this many seconds later (search.term_counts); the admin's report writes them first.
SEARCH_TERMS_FLUSH_SECONDS = env_int("SEARCH_TERMS_FLUSH_SECONDS", 60)

# HTTPS behind a proxy, and HSTS preloading: both off unless asked for (README, "Configuration").
# Trust X-Forwarded-Proto only when a proxy you control sets it and strips it from clients.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER") else None
# Preload only once the domain and all its subdomains are HTTPS-only for good, and you submit it.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD")
# True only in settings/production.py: load_demo_content refuses to run there unless asked.
IS_PRODUCTION = False

# Where the dev-only editor login comes from; never used under production settings.
DEMO_EDITOR_USERNAME = env("DEMO_EDITOR_USERNAME", "redacteur")
DEMO_EDITOR_PASSWORD = env("DEMO_EDITOR_PASSWORD", "")

# The request id: an incoming X-Request-ID (from the reverse proxy) when it is a sane token
# (cop_site.logs.REQUEST_ID), else a new one; sent back in the response's X-Request-ID.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": False,  # RequestIdHeaderMiddleware has checked it already
    "EXPOSE_HEADER": False,  # no cross-origin scripts read it
    "UUID_FORMAT": "hex",
}

# Log lines as JSON (one object per line, with the request id) or as text. Empty: each settings
# module's own default (text for dev and test, json for production).
LOG_FORMAT = env("LOG_FORMAT")
LOG_LEVEL = env("DJANGO_LOG_LEVEL", "INFO")


def logging_config(log_format, level=LOG_LEVEL):
    """Django's LOGGING: every record to stderr with its request id, as JSON or as text.

    stderr, so that what a management command prints on stdout stays its own output.
    """
    if log_format not in {"json", "text"}:
        raise ImproperlyConfigured(f"LOG_FORMAT must be json or text (got {log_format!r}).")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"}
        },
        "formatters": {
            "json": {"()": "cop_site.logs.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "filters": ["request_id"],
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # One line per Elasticsearch request is noise; failures are logged by search.index.
        # django-guid says at INFO, for every request, whether the header came with it.
        "loggers": {
            "elastic_transport": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
            "django_guid": {"level": "WARNING"},
            # WeasyPrint logs each step of each PDF; its warnings (a missing image, bad CSS) still show.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }


LOGGING = logging_config(LOG_FORMAT or "text")


def require(value, name):
    """Fail fast at start-up when a production setting is missing."""
    if not value:
        raise ImproperlyConfigured(f"Environment variable {name} is required.")
    return value

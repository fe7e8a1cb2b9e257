#!/usr/bin/env bash
# Set up and run every check and the whole test suite against real services:
# PostgreSQL, Redis, Elasticsearch and Chromium.
# Without DATABASE_URL it starts a throwaway PostgreSQL of its own, without REDIS_URL a throwaway Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

# Services this run starts are stopped again when it ends, in reverse order.
cleanup_steps=()
cleanup() {
  for ((i = ${#cleanup_steps[@]} - 1; i >= 0; i--)); do ${cleanup_steps[i]} || true; done
}
trap cleanup EXIT

bash scripts/setup.sh requirements-test.txt
py=.venv/bin/python

# Chromium for the browser tests, from Debian (Playwright cannot download browsers here).
if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Chromium"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install -y chromium'." >&2
    exit 1
  fi
fi

if [ -z "${DATABASE_URL:-}" ]; then
  source scripts/throwaway-postgres.sh
fi
echo "==> PostgreSQL: ${DATABASE_URL%%\?*}"

# Redis, the shared cache (page cache, rate limits, log-in locks), as in production.
if [ -z "${REDIS_URL:-}" ]; then
  source scripts/throwaway-redis.sh
fi
echo "==> Redis: $REDIS_URL"

# Elasticsearch: a real 8.x server. Without ELASTICSEARCH_URL, start the project's
# own (downloaded once, verified, cached outside the repo), and stop it afterwards
# if this run started it.
if [ -z "${ELASTICSEARCH_URL:-}" ]; then
  es_was_running=0
  bash scripts/elasticsearch.sh status >/dev/null 2>&1 && es_was_running=1
  ES_START_TIMEOUT="${ES_START_TIMEOUT:-300}" bash scripts/elasticsearch.sh start
  export ELASTICSEARCH_URL="http://127.0.0.1:${ES_PORT:-9200}"
  [ "$es_was_running" = 1 ] || cleanup_steps+=("bash scripts/elasticsearch.sh stop")
fi
echo "==> Elasticsearch: $ELASTICSEARCH_URL"

bash scripts/lint.sh

echo "==> Django checks"
export DJANGO_SETTINGS_MODULE=cop_site.settings.test
$py manage.py check --fail-level WARNING
$py manage.py makemigrations --check --dry-run
DJANGO_SETTINGS_MODULE=cop_site.settings.production \
  DJANGO_SECRET_KEY="ci-dummy-secret-$(date +%s)-not-for-real-use-0123456789abcdefghij" \
  DJANGO_ALLOWED_HOSTS=example.org WAGTAILADMIN_BASE_URL=https://example.org \
  $py manage.py check --deploy --fail-level WARNING

echo "==> collectstatic with the production storage"
# The manifest storage fails on any file a stylesheet points at that is missing.
static_check=$(mktemp -d)
DJANGO_SETTINGS_MODULE=cop_site.settings.production DJANGO_SECRET_KEY=collectstatic-check DJANGO_ALLOWED_HOSTS=localhost \
  WAGTAILADMIN_BASE_URL=https://example.org \
  DJANGO_STATIC_ROOT="$static_check" $py manage.py collectstatic --no-input --verbosity 0
rm -rf "$static_check"

echo "==> pytest"
# No task worker is started here: ordinary tests run each task in-process after the commit
# (the test settings' ImmediateBackend), and the tests of the worker itself (tests/worker.py
# fixtures) start and stop their own `manage.py db_worker` processes on the test database.
set +e
$py -m pytest "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "pytest collected no tests: that is a failure." >&2
  exit 1
fi
exit "$status"

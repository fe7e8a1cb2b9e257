#!/usr/bin/env bash
# Set up and run the site with demo content on http://127.0.0.1:8000.
# Without DATABASE_URL it uses a local SQLite file and Wagtail's database search.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh requirements.txt
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-cop_site.settings.dev}"
# The site's own Dutch 404 and 500 pages, as visitors see them. DJANGO_DEBUG=true bash scripts/run.sh
# gives Django's technical pages for development.
export DJANGO_DEBUG="${DJANGO_DEBUG:-false}"
export WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000"  # the address runserver serves below; mailed links use it
py=.venv/bin/python

echo "==> Migrating the database"
$py manage.py migrate --no-input
# The shared cache is Redis when REDIS_URL is set (redis://127.0.0.1:6379/0), else this database table.
$py manage.py createcachetable
echo "==> Loading demo content (prints the dev-only logins)"
$py manage.py load_demo_content

cat <<TXT

  Site:   http://127.0.0.1:8000/
  Admin:  http://127.0.0.1:8000/admin/
  Cache:  ${REDIS_URL:-database table (set REDIS_URL for Redis)}

TXT
# The task worker sends the e-mails and updates the search index, next to the server; it is
# stopped when the server stops (Ctrl-C or any exit).
echo "==> Starting the task worker (manage.py db_worker)"
$py manage.py db_worker --interval 1 &
worker_pid=$!
trap 'kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true' EXIT
$py manage.py runserver 127.0.0.1:8000

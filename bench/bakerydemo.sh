#!/usr/bin/env bash
# Sets up Wagtail's own demo site, bakerydemo, next to ours, so bench/pages.py can serve and
# measure both the same way on the same machine. Safe to run again.
#
#   bash bench/bakerydemo.sh /work/bakerydemo
#
# The argument is a checkout of https://github.com/wagtail/bakerydemo, OUTSIDE this repository
# (never commit its code). To make one:
#   git clone https://github.com/wagtail/bakerydemo /work/bakerydemo
# (or, from a bare git dir: git --git-dir=<dir> --work-tree=/work/bakerydemo checkout -f HEAD -- .)
#
# What it does, in the checkout:
#   1. a Python 3.12 virtualenv in <checkout>/.venv (bakerydemo needs >= 3.12; BAKERYDEMO_PYTHON,
#      else python3.12 on PATH, else pyenv's 3.12), with requirements/base.txt plus what its
#      production settings serve with: whitenoise, psycopg (3) and gunicorn, pinned to the same
#      gunicorn as ours so both sites run on the same server code. Not its production.txt:
#      uwsgi, boto3 and Google Cloud storage are for its hosting, not for serving pages here;
#   2. its own PostgreSQL database (BAKERYDEMO_DATABASE_URL, default
#      postgres://postgres@127.0.0.1:5432/cop_bench_bakerydemo), migrated, with its demo data
#      (`manage.py load_initial_data`, only when the database has no bread pages yet);
#   3. `collectstatic` with its production settings (DEBUG off, WhiteNoise).
# Its production settings need DJANGO_SECRET_KEY, DATABASE_URL, DJANGO_ALLOWED_HOSTS, and for plain
# HTTP on loopback SECURE_SSL_REDIRECT=false;
# without REDIS_URL they cache in local memory (we give it none). bench/pages.py sets the same.
set -euo pipefail

checkout="${1:?usage: bash bench/bakerydemo.sh /path/to/bakerydemo-checkout}"
checkout="$(cd "$checkout" && pwd)"
[ -f "$checkout/bakerydemo/settings/production.py" ] || { echo "$checkout is not a bakerydemo checkout." >&2; exit 1; }
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
database_url="${BAKERYDEMO_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cop_bench_bakerydemo}"
gunicorn_pin="$(grep -i '^gunicorn==' "$repo_root/requirements.txt")"

python="${BAKERYDEMO_PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.12 "$HOME"/.pyenv/versions/3.12*/bin/python3; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi
[ -n "$python" ] || { echo "bakerydemo needs Python 3.12: set BAKERYDEMO_PYTHON=/path/to/python3.12." >&2; exit 1; }

cd "$checkout"
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating bakerydemo's virtualenv ($python)"
  "$python" -m venv .venv
fi
echo "==> Installing bakerydemo's packages"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt \
  'whitenoise>=6.11.0,<7' 'psycopg[binary]>=3.3.3,<3.4' "$gunicorn_pin"

echo "==> Database ${database_url##*/}"
.venv/bin/python - "$database_url" <<'PY'
import sys
import psycopg

server, name = sys.argv[1].rsplit("/", 1)
with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        connection.execute(f'CREATE DATABASE "{name}"')
PY

export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production
export DATABASE_URL="$database_url"
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-bakerydemo-bench-only}"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export PRIMARY_HOST=127.0.0.1  # its WAGTAILADMIN_BASE_URL
export SECURE_SSL_REDIRECT=false  # plain HTTP on loopback
.venv/bin/python manage.py migrate --no-input -v 0
if [ "$(.venv/bin/python manage.py shell -v 0 -c 'from bakerydemo.breads.models import BreadPage; print(BreadPage.objects.exists())')" != True ]; then
  echo "==> Loading bakerydemo's demo data"
  .venv/bin/python manage.py load_initial_data
fi
.venv/bin/python manage.py collectstatic --no-input -v 0
echo "==> bakerydemo is ready in $checkout (database ${database_url##*/})"

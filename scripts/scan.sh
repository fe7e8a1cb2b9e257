#!/usr/bin/env bash
# Security scan of a throwaway copy of the site, on this machine only.
#
#   bash scripts/scan.sh
#
# Serves the site with the production settings through gunicorn over TLS on 127.0.0.1
# (a self-signed certificate made here, so the Secure CSRF and session cookies work and
# forms can be posted), on a fresh PostgreSQL database with the demo content, then runs:
#   - wapiti (crawler-based): the public site anonymously, the member's pages and forms logged in
#     as the demo member, and /account/ (log-in, sign-up, password reset) anonymously;
#   - sqlmap (SQL injection): search and suggestions `q`, the case-list filters, the pages API,
#     the event registration POST and the log-in POST.
# Every run is bounded in time and requests and talks to 127.0.0.1 only. Reports go to
# bench/results/scan-<time>/; a summary is printed at the end. On exit the server is
# stopped and the database (and search index) dropped, so it is safe to run again.
#
# Needs: PostgreSQL on DATABASE_SERVER_URL (default postgres://postgres@127.0.0.1:5432),
# openssl, curl, and Python >= 3.12 for the scanners (SCAN_PYTHON, else python3.13/3.12).
# Elasticsearch is used when ELASTICSEARCH_URL is set, else the database search.
# SCAN_MINUTES (default 2) bounds each of the two main wapiti runs, public and member.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

server_url="${DATABASE_SERVER_URL:-postgres://postgres@127.0.0.1:5432}"
scan_seconds=$(( ${SCAN_MINUTES:-2} * 60 ))
run_id=$(date -u +%Y%m%d-%H%M%S)
results="$root/bench/results/scan-$run_id"
mkdir -p "$results"
work=$(mktemp -d /tmp/cop-scan.XXXXXX)

# --- scanners, in their own virtualenv --------------------------------------------------
scan_python="${SCAN_PYTHON:-}"
if [ -z "$scan_python" ]; then
  for candidate in python3.13 python3.12 "$HOME"/.pyenv/versions/3.1[23]*/bin/python3; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      scan_python=$candidate
      break
    fi
  done
fi
if [ -z "$scan_python" ]; then
  echo "wapiti 3.3 needs Python >= 3.12: install one and set SCAN_PYTHON=/path/to/python3.12." >&2
  exit 1
fi
if [ ! -x .venv-scan/bin/python ]; then
  echo "==> Creating the scanners' virtualenv in .venv-scan ($scan_python)"
  "$scan_python" -m venv .venv-scan
fi
echo "==> Installing the scanners from requirements-scan.txt"
.venv-scan/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-scan.txt
bash scripts/setup.sh requirements.txt
py=.venv/bin/python

# --- a throwaway database and search index --------------------------------------------
db_name="cop_scan_${run_id//-/_}"
export DATABASE_URL="$server_url/$db_name"
export SEARCH_INDEX_ALIAS="cop-scan-$run_id"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="https://127.0.0.1:$port"

# One statement on the server's maintenance database, through the site's psycopg2 (no psql needed).
on_server() {
  $py - "$server_url/postgres" "$1" <<'PY'
import sys, psycopg2
connection = psycopg2.connect(sys.argv[1])
connection.autocommit = True  # CREATE and DROP DATABASE cannot run in a transaction
connection.cursor().execute(sys.argv[2])
PY
}

cleanup() {
  set +e
  if [ -f "$work/gunicorn.pid" ]; then
    kill "$(cat "$work/gunicorn.pid")" 2>/dev/null
    sleep 2
  fi
  if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    DJANGO_SETTINGS_MODULE=cop_site.settings.production $py manage.py shell -c "
from search import index
from search.documents import synonym_set_name
client = index.get_client()
for name in index.all_indices(client):
    client.indices.delete(index=name)
client.options(ignore_status=404).synonyms.delete_synonym(id=synonym_set_name())
" >/dev/null 2>&1
  fi
  on_server "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)"
  rm -rf "$work"
  echo "==> Cleaned up: server stopped, database $db_name dropped. Reports: ${results#"$root"/}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # Ctrl-C or an outer timeout cleans up too

on_server "CREATE DATABASE \"$db_name\""
echo "==> Database $db_name"

# The production settings, as deployed, apart from where things live.
export DJANGO_SETTINGS_MODULE=cop_site.settings.production
export DJANGO_SECRET_KEY="scan-$(openssl rand -hex 32)"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export WAGTAILADMIN_BASE_URL="$base"
export DJANGO_STATIC_ROOT="$work/static"
export DJANGO_MEDIA_ROOT="$work/media"
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
# The rate limits and log-in locks would answer the scanners with 429 after a few requests, so the
# forms behind them would go untested; they are raised here (the test suite checks the limits).
export LOGIN_FAILURE_LIMIT=1000000 EVENT_REGISTRATION_RATE_EVENT=1000000 EVENT_REGISTRATION_RATE_IP=1000000
export MEMBERS_SUBMISSION_RATE_USER=1000000 MEMBERS_SUBMISSION_RATE_IP=1000000
export MEMBERS_EDIT_RATE_USER=1000000 MEMBERS_EDIT_RATE_IP=1000000
member_password="scan-$(openssl rand -hex 12)"

$py manage.py migrate --no-input -v 0
$py manage.py createcachetable
# The demo content with its member account (a verified address and two cases): the member
# is made only where a demo password is set, which the production settings never allow.
DJANGO_SETTINGS_MODULE=cop_site.settings.dev DEMO_EDITOR_PASSWORD="$member_password" \
  $py manage.py load_demo_content >"$results/setup.log" 2>&1
member_email=lid@example.org
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
  $py manage.py rebuild_search_index >>"$results/setup.log" 2>&1
fi
$py manage.py collectstatic --no-input -v 0

# --- the server: gunicorn over TLS on loopback ------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
echo "==> Serving $base with the production settings"
# Threaded workers: a sync worker waits up to --timeout on each idle connection a scanner opens.
.venv/bin/gunicorn cop_site.wsgi --bind "127.0.0.1:$port" --workers 2 --worker-class gthread --threads 4 --timeout 60 \
  --certfile "$work/cert.pem" --keyfile "$work/key.pem" --pid "$work/gunicorn.pid" --daemon --no-control-socket \
  --access-logfile "$results/gunicorn-access.log" --error-logfile "$results/gunicorn.log" --capture-output
for _ in $(seq 60); do
  curl -sk -o /dev/null "$base/healthz" && break
  sleep 1
done

# Wapiti sends a cookie given with -C as a fixed header and then ignores the server's cookies, so
# each run gets its CSRF cookie here; otherwise its parallel first requests each receive another
# CSRF cookie, the forms it found carry tokens for the wrong one, and every POST is refused (403).
cookie() { awk -v name="$2" '$6 == name {print $7}' "$1"; }
anonymous_jar="$work/anonymous.txt"
curl -sk -c "$anonymous_jar" -o /dev/null "$base/account/login/"
anonymous_cookies="csrftoken=$(cookie "$anonymous_jar" csrftoken)"
# Log in as the member: the session cookie lets wapiti reach /mijn/ and the case form.
jar="$work/member.txt"
login_page=$(curl -sk -c "$jar" -b "$jar" "$base/account/login/")
token=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$login_page" | head -n 1 | sed 's/.*value="//; s/"$//')
curl -sk -c "$jar" -b "$jar" -e "$base/account/login/" -o /dev/null \
  --data-urlencode "login=$member_email" --data-urlencode "password=$member_password" \
  --data-urlencode "csrfmiddlewaretoken=$token" "$base/account/login/"
member_cookies="sessionid=$(cookie "$jar" sessionid); csrftoken=$(cookie "$jar" csrftoken)"
# /mijn/ answers 200 to a member only; anyone else is sent to the log-in page.
if [ "$(curl -sk -o /dev/null -w '%{http_code}' -b "$member_cookies" "$base/mijn/")" != 200 ]; then
  echo "Logging in as $member_email failed." >&2
  exit 1
fi

# Real values for the sqlmap targets, so each starts from a page that finds something.
read -r event_slug perspective building_block <<<"$($py manage.py shell -v 0 -c "
from events.models import EventPage
from knowledge.models import BuildingBlockPage
event = next(e for e in EventPage.objects.live().order_by('start') if e.registration_state() == 'open')
block = BuildingBlockPage.objects.live().first()
print(event.slug, block.get_parent().specific.perspective.slug, block.slug)
")"
if [ -z "$building_block" ]; then
  echo "The demo content has no open event or no building block to scan." >&2
  exit 1
fi

# --- wapiti -----------------------------------------------------------------------------
# The passive checks (headers, cookie flags, CSP, disclosures) and the active ones; no ssrf, xxe
# or log4shell (they need an outside endpoint), no brute force.
modules=passive,xss,permanentxss,sql,timesql,exec,file,redirect,crlf,csrf,methods,upload,ldap
wapiti_common=(
  --verify-ssl 0 --no-bugreport --flush-session --store-session "$work/wapiti" --store-config "$work/wapiti"
  -m "$modules" --scope folder -d 4 --max-links-per-page 25 --max-files-per-dir 20 --max-parameters 15
  --tasks 4 -t 10 -f json -v 1 -A "Mozilla/5.0 (wapiti scan)"
  # Never the admin, never log out, delete the account or change its address or password.
  -x "$base/admin/*" -x "$base/account/logout/*" -x "$base/mijn/verwijderen/*"
  -x "$base/account/email/*" -x "$base/account/password/change/*" -x "$base/documenten/*"
)
run_wapiti() {
  local name=$1 seconds=$2 started=$SECONDS
  shift 2
  echo "==> wapiti: $name (at most $seconds s)"
  # wapiti finishes the module it is in after --max-scan-time; the outer timeout is the hard stop.
  timeout $((seconds + 300)) .venv-scan/bin/wapiti "${wapiti_common[@]}" --max-scan-time "$seconds" "$@" \
    -o "$results/wapiti-$name.json" >"$results/wapiti-$name.log" 2>&1 || echo "   wapiti ended with status $?"
  echo "wapiti $name: $((SECONDS - started)) s" >>"$results/timings.txt"
}
# Public pages, anonymously: listings, filters, search, the pages, the event registration.
run_wapiti public "$scan_seconds" -u "$base/" --max-attack-time 30 -C "$anonymous_cookies" \
  -x "$base/account/*" -x "$base/mijn/*" -x "$base/praktijkvoorbeelden/delen/*" \
  -s "$base/bijeenkomsten/$event_slug/aanmelden/" -s "$base/api/v2/pages/?search=wijk&type=knowledge.PracticeCasePage&offset=0"
# The member's forms: /mijn/ and sharing a case (whose many fields need a higher --max-parameters).
# The listings' filters were attacked above; here their endless combinations would only use up the time.
run_wapiti member "$scan_seconds" -u "$base/" --max-attack-time 30 --max-parameters 60 -C "$member_cookies" \
  -x "$base/bijeenkomsten/?*" -x "$base/bijeenkomsten/afgelopen/?*" -x "$base/praktijkvoorbeelden/?*" -x "$base/zoeken/?*" \
  -s "$base/mijn/" -s "$base/mijn/profiel/" -s "$base/praktijkvoorbeelden/delen/"
# Log-in, sign-up and password reset, anonymously.
run_wapiti account 60 -u "$base/account/" --max-attack-time 10 -C "$anonymous_cookies" \
  -s "$base/account/login/" -s "$base/account/signup/" -s "$base/account/password/reset/"

# --- sqlmap -----------------------------------------------------------------------------
# PostgreSQL is known; level 2 adds cookies and headers to the tested places; risk 1 is
# read-only payloads; time-based tests wait 2 s.
sqlmap_common=(
  --batch --dbms=PostgreSQL --level=2 --risk=1 --time-sec=2 --timeout=10 --retries=1
  --disable-coloring --flush-session --output-dir="$results/sqlmap"
)
run_sqlmap() {
  local name=$1 started=$SECONDS
  shift
  echo "==> sqlmap: $name (at most 150 s)"
  timeout 150 .venv-scan/bin/sqlmap "${sqlmap_common[@]}" "$@" >"$results/sqlmap-$name.log" 2>&1 ||
    echo "   sqlmap ended with status $?"
  echo "sqlmap $name: $((SECONDS - started)) s" >>"$results/timings.txt"
}
# Two threads where no CSRF token is involved (sqlmap fetches tokens one request at a time).
run_sqlmap search --threads=2 -u "$base/zoeken/?q=sturen&invalshoek=$perspective&sortering=relevantie" -p q,invalshoek,sortering
run_sqlmap suggestions --threads=2 -u "$base/zoeken/suggesties/?q=stu" -p q
run_sqlmap case-filters --threads=2 -u "$base/praktijkvoorbeelden/?invalshoek=$perspective&bouwsteen=$building_block&organisatietype=gemeente&provincie=utrecht&jaar=2024" \
  -p invalshoek,bouwsteen,organisatietype,provincie,jaar
register="$base/bijeenkomsten/$event_slug/aanmelden/"
# A new address each time (else "already registered" answers every payload alike; sqlmap then
# cannot test it too); the answer itself, not the confirmation page it redirects to, is what differs.
run_sqlmap registration -u "$register" --referer="$register" --csrf-token=csrfmiddlewaretoken --csrf-url="$register" \
  --randomize=email --answers="follow=N" \
  --data="csrfmiddlewaretoken=x&name=Sam+Scan&email=sam%40example.org&organisation=Gemeente+Scan&role=Adviseur&privacy=on" \
  -p name,organisation,role
run_sqlmap api --threads=2 -u "$base/api/v2/pages/?search=wijk&type=knowledge.PracticeCasePage&order=title&offset=0" \
  -p search,type,order,offset
login="$base/account/login/"
run_sqlmap login -u "$login" --referer="$login" --csrf-token=csrfmiddlewaretoken --csrf-url="$login" \
  --data="csrfmiddlewaretoken=x&login=lid%40example.org&password=geheim" -p login,password

# --- summary ----------------------------------------------------------------------------
.venv-scan/bin/python scripts/scan_summary.py "$results"

#!/usr/bin/env bash
# Serves the site with the production settings through gunicorn (threaded workers), configured by
# cop_site/gunicorn_config.py (not a gunicorn.conf.py, which every gunicorn started here, scan.sh's too,
# would pick up): WEB_CONCURRENCY worker processes (default: cores + 1), GUNICORN_THREADS threads
# each (4), on BIND or 127.0.0.1:$PORT (8000), access log on stdout. Runs in the foreground for a
# process manager (systemd, the Procfile's web process); SIGHUP restarts the workers gracefully,
# SIGTERM stops after the running requests. Needs the production variables (README, Deploying).
# Extra arguments go to gunicorn, e.g. `bash scripts/serve.sh --workers 2`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=cop_site.settings.production
exec .venv/bin/gunicorn --config python:cop_site.gunicorn_config "$@"

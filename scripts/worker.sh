#!/usr/bin/env bash
# A task worker with the production settings (django-tasks-db's db_worker), in the foreground for a
# process manager (systemd, the Procfile's worker process). On SIGTERM it finishes the task at hand
# and stops. Extra arguments go to db_worker, e.g. `bash scripts/worker.sh --worker-id web1-1`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=cop_site.settings.production
exec .venv/bin/python manage.py db_worker "$@"

#!/usr/bin/env bash
# The steps of a deploy that run once, before the new code's app servers and task workers start
# (the Procfile's release process; README, Deploying). Each is safe to run twice.
#   bash scripts/release.sh                          migrate, cache table, static files, site address
#   bash scripts/release.sh --rebuild-search-index   the same, then a new search index (first deploy,
#                                                    or a release that changed the index mapping)
# Needs the production variables (README, Configuration).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=cop_site.settings.production
py=.venv/bin/python

rebuild_search_index=0
for arg in "$@"; do
  case "$arg" in
    --rebuild-search-index) rebuild_search_index=1 ;;
    *) echo "Unknown argument: $arg" >&2; exit 2 ;;
  esac
done

echo "==> migrate"
$py manage.py migrate --no-input
# The shared cache's table when it lives in the database; with REDIS_URL there is none to make.
echo "==> createcachetable"
$py manage.py createcachetable
echo "==> collectstatic"
$py manage.py collectstatic --no-input --verbosity 0
echo "==> sync_site"
$py manage.py sync_site
if [ "$rebuild_search_index" = 1 ]; then
  echo "==> rebuild_search_index"
  $py manage.py rebuild_search_index
fi

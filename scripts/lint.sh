#!/usr/bin/env bash
# The checks that need no services: ruff (lint and format), template indentation (djhtml) and the
# import contracts (import-linter, pyproject.toml). Run by scripts/test.sh, `make lint` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

echo "==> ruff"
$py -m ruff check .
$py -m ruff format --check .
echo "==> template indentation (djhtml)"
.venv/bin/djhtml --check templates
echo "==> import contracts (lint-imports)"
.venv/bin/lint-imports --no-cache

#!/usr/bin/env bash
# Shared setup for the run and test commands: a virtualenv with the pinned
# packages, and the NL Design System CSS from npm. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements="${1:-requirements.txt}"
python="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating virtualenv in .venv"
  "$python" -m venv .venv
fi
echo "==> Installing Python packages from $requirements"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: install Node.js 18+ (apt-get install -y nodejs npm)." >&2
  exit 1
fi
echo "==> Installing NL Design System CSS from npm"
npm ci --no-audit --no-fund --loglevel=error

#!/usr/bin/env bash
# Shared setup for the run and test commands: Debian's libraries and fonts for the booklet's
# PDF, a virtualenv with the pinned packages, and the NL Design System CSS from npm. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements="${1:-requirements.txt}"
python="${PYTHON:-python3}"

# WeasyPrint (the booklet) needs Pango and HarfBuzz, the booklet's font is Noto Sans, and the
# tests read PDFs with poppler's pdftotext. Installed when missing, as root (like Chromium in test.sh).
debian_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core poppler-utils)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: run 'sudo apt-get install -y ${missing[*]}'." >&2
    exit 1
  fi
fi

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

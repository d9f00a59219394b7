#!/usr/bin/env bash
# Installs what ./run.sh and ./test.sh need and the machine lacks: npm packages (Azurite, pinned in
# package-lock.json), the .NET packages, and for tests Debian's Chromium, qpdf and poppler-utils. Safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mode="${1:-run}"

need() { command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is required ($2)" >&2; exit 1; }; }
need dotnet "the .NET 10 SDK"
need node "Node.js 20 or later, for Azurite"
need npm "npm, for Azurite"

if [ ! -x node_modules/.bin/azurite-table ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$mode" = "test" ]; then
  # Debian packages the tests use: Chromium for the browser tests, qpdf and pdftotext for the contract PDF.
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "Installing ${missing[*]} for the tests (apt-get)..."
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "error: the tests need the Debian packages ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
fi

#!/usr/bin/env bash
# Refreshes the console's vendored libraries from the npm registry: preact (+ its hooks), htm, and
# Chart.js (its self-contained UMD build, for the statistics screen's charts).
# Usage: web/staff/vendor/update.sh [preact-version] [htm-version] [chart.js-version]; then run the browser tests and commit.
# The files are served as they are (no build step): hooks' bare import of "preact" is pointed at the file
# beside it, since a strict CSP forbids the inline import map that would otherwise resolve it.
set -euo pipefail
PREACT="${1:-11.2.0}"
HTM="${2:-3.1.1}"
CHARTJS="${3:-4.6.1}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
# The source maps are not vendored: drop the comments that would make a browser ask for them.
NOMAP='/sourceMappingURL=/d'
npm pack --silent "preact@$PREACT" "htm@$HTM" "chart.js@$CHARTJS" >/dev/null
mkdir preact htm chartjs
tar xzf "preact-$PREACT.tgz" -C preact
tar xzf "htm-$HTM.tgz" -C htm
tar xzf "chart.js-$CHARTJS.tgz" -C chartjs
{ echo "/* preact $PREACT (MIT, see LICENSE-preact.txt) */"; sed "$NOMAP" preact/package/dist/preact.mjs; } > "$HERE/preact.js"
{ echo "/* preact/hooks $PREACT (MIT, see LICENSE-preact.txt) */"; sed -e "$NOMAP" -e 's#from"preact"#from"./preact.js"#' preact/package/hooks/dist/hooks.mjs; } > "$HERE/hooks.js"
{ echo "/* htm $HTM (Apache-2.0, see LICENSE-htm.txt) */"; sed "$NOMAP" htm/package/dist/htm.module.js; } > "$HERE/htm.js"
# Chart.js's UMD build has no import of its own (its colour library is bundled in) and sets window.Chart.
{ echo "/* Chart.js $CHARTJS (MIT, see LICENSE-chart.js.txt) */"; sed "$NOMAP" chartjs/package/dist/chart.umd.js; } > "$HERE/chart.umd.js"
cp preact/package/LICENSE "$HERE/LICENSE-preact.txt"
cp htm/package/LICENSE "$HERE/LICENSE-htm.txt"
cp chartjs/package/LICENSE.md "$HERE/LICENSE-chart.js.txt"
if grep -q 'from *"preact' "$HERE/hooks.js"; then echo "hooks.js still imports a bare \"preact\"" >&2; exit 1; fi
echo "vendored preact $PREACT, htm $HTM and Chart.js $CHARTJS into $HERE"

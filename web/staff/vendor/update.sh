#!/usr/bin/env bash
# Refreshes the console's vendored framework from the npm registry: preact (+ its hooks) and htm.
# Usage: web/staff/vendor/update.sh [preact-version] [htm-version]; then run the browser tests and commit.
# The files are served as they are (no build step): hooks' bare import of "preact" is pointed at the file
# beside it, since a strict CSP forbids the inline import map that would otherwise resolve it.
set -euo pipefail
PREACT="${1:-11.2.0}"
HTM="${2:-3.1.1}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
# The source maps are not vendored: drop the comments that would make a browser ask for them.
NOMAP='/sourceMappingURL=/d'
npm pack --silent "preact@$PREACT" "htm@$HTM" >/dev/null
mkdir preact htm
tar xzf "preact-$PREACT.tgz" -C preact
tar xzf "htm-$HTM.tgz" -C htm
{ echo "/* preact $PREACT (MIT, see LICENSE-preact.txt) */"; sed "$NOMAP" preact/package/dist/preact.mjs; } > "$HERE/preact.js"
{ echo "/* preact/hooks $PREACT (MIT, see LICENSE-preact.txt) */"; sed -e "$NOMAP" -e 's#from"preact"#from"./preact.js"#' preact/package/hooks/dist/hooks.mjs; } > "$HERE/hooks.js"
{ echo "/* htm $HTM (Apache-2.0, see LICENSE-htm.txt) */"; sed "$NOMAP" htm/package/dist/htm.module.js; } > "$HERE/htm.js"
cp preact/package/LICENSE "$HERE/LICENSE-preact.txt"
cp htm/package/LICENSE "$HERE/LICENSE-htm.txt"
if grep -q 'from *"preact' "$HERE/hooks.js"; then echo "hooks.js still imports a bare \"preact\"" >&2; exit 1; fi
echo "vendored preact $PREACT and htm $HTM into $HERE"

#!/usr/bin/env bash
# Runs Solidaire locally: Azurite (Table Storage, data kept in .azurite/) and the functions app in
# standalone mode on http://127.0.0.1:7071, serving the web pages at / and the API at /api.
# Ctrl-C stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"

./scripts/ensure-prerequisites.sh run
[ -f local.settings.json ] || cp local.settings.template.json local.settings.json

echo "Building the functions app..."
dotnet build functions/Solidaire.Functions.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
mkdir -p .azurite
node_modules/.bin/azurite-table --location .azurite --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" \
  --skipApiVersionCheck --disableTelemetry --silent &
AZURITE=$!
APP=""
stop() {
  trap - INT TERM EXIT
  [ -n "$APP" ] && kill -TERM "$APP" 2>/dev/null || true
  kill "$AZURITE" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop INT TERM EXIT

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$TABLE_PORT") 2>/dev/null && break
  kill -0 "$AZURITE" 2>/dev/null || { echo "error: Azurite did not start (is port $TABLE_PORT in use? set AZURITE_TABLE_PORT)" >&2; exit 1; }
  sleep 0.1
done

export Storage__ConnectionString="${Storage__ConnectionString:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;}"
dotnet functions/bin/Release/net10.0/Solidaire.Functions.dll "$@" &
APP=$!
echo "Open http://127.0.0.1:7071/ (API: http://127.0.0.1:7071/api/health, mailbox: http://127.0.0.1:7071/dev/mail)"
wait "$APP"

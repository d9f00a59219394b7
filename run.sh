#!/usr/bin/env bash
# Runs Solidaire locally: Azurite (Table Storage, data kept in .azurite/) and the functions app in
# standalone mode, serving the web pages at / and the API at /api. The app prints the address it
# listens on (http://127.0.0.1:7071 unless --urls says otherwise; arguments go to the app).
# AZURITE_TABLE_PORT chooses Azurite's port (default 10002). Ctrl-C stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"

# Before anything else: storage must be ours, not whatever already listens on its port.
TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
if (exec 3<>"/dev/tcp/127.0.0.1/$TABLE_PORT") 2>/dev/null; then
  echo "Solidaire cannot start: port $TABLE_PORT (Azurite's) is in use (set AZURITE_TABLE_PORT to choose another)" >&2
  exit 1
fi

./scripts/ensure-prerequisites.sh run
[ -f local.settings.json ] || cp local.settings.template.json local.settings.json

echo "Building the functions app..."
dotnet build functions/Solidaire.Functions.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

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
# The app says where it listens once it does (it alone knows what --urls made of it).
dotnet functions/bin/Release/net10.0/Solidaire.Functions.dll "$@" &
APP=$!
wait "$APP"

#!/usr/bin/env bash
# Measures how long the built app takes from process start to its first 200 on /api/health, in
# standalone mode over a fresh in-memory Azurite: prints each of N runs (default 5) and the median.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
runs="${1:-5}"
./scripts/ensure-prerequisites.sh run >/dev/null
dotnet build functions/Solidaire.Functions.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

TABLE_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
APP_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node_modules/.bin/azurite-table --inMemoryPersistence --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" --skipApiVersionCheck --disableTelemetry --silent &
AZURITE=$!
WORK=$(mktemp -d)
trap 'kill $AZURITE 2>/dev/null; rm -rf "$WORK"' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$TABLE_PORT") 2>/dev/null; do sleep 0.05; done

export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
export OutboxSchedule="0 */1 * * * *" PurgeSchedule="0 */15 * * * *" PersonalData__LocalKeyFile="$WORK/keys.json" Email__PickupFolder="$WORK/mail" Staff__BootstrapCoordinators="coordination@solidaire.localhost" Complaints__Referents="ethique@solidaire.localhost"

times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  dotnet functions/bin/Release/net10.0/Solidaire.Functions.dll --urls "http://127.0.0.1:$APP_PORT" >/dev/null 2>&1 &
  APP=$!
  until curl -sf "http://127.0.0.1:$APP_PORT/api/health" >/dev/null 2>&1; do sleep 0.01; done
  end=$(date +%s%N)
  kill -TERM "$APP"; wait "$APP" 2>/dev/null || true
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median of $runs: ${median} ms (process start to first 200 on /api/health)"

#!/usr/bin/env bash
# Measures how long the built app takes from process start to its first 200 on /api/health, in
# standalone mode over a fresh in-memory Azurite: prints each of N runs (default 5) and the median.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
runs="${1:-5}"
source ./scripts/standalone-over-azurite.sh

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

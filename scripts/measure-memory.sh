#!/usr/bin/env bash
# Measures the app's peak memory under a burst of intakes, in standalone mode over a fresh in-memory
# Azurite: N intakes (default 400, distinct emails) posted C at a time (default 32), then the
# process's peak resident set (VmHWM, Linux) and its resident set after the burst. It is the worker's
# share only: under the Functions host (Azure), the host process shares the instance's memory too.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
count="${1:-400}"
parallel="${2:-32}"
source ./scripts/standalone-over-azurite.sh
export RateLimiting__PerIpPerHour=1000000 Intake__AcknowledgementsPerHour=100000

dotnet functions/bin/Release/net10.0/Solidaire.Functions.dll --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1 &
APP=$!
until curl -sf "http://127.0.0.1:$APP_PORT/api/health" >/dev/null 2>&1; do kill -0 "$APP" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }; sleep 0.05; done
rss() { awk -v k="$1" '$1 == k":" {print int($2/1024)}' "/proc/$APP/status"; }
echo "after start: resident $(rss VmRSS) MiB"

post() {
  curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$APP_PORT/api/intakes" -H 'Content-Type: application/json' \
    --data "{\"firstName\":\"Jeanne\",\"lastName\":\"Dupont-Lefèvre\",\"email\":\"burst-$1@example.org\",\"phone\":\"+33 6 12 34 56 78\",\"role\":\"manager\",\"organisation\":\"Boulangerie du Centre\",\"situation\":\"Mon équipe est épuisée par la crise et je ne sais plus comment décider ($1).\",\"preferredLanguage\":\"fr\",\"availability\":\"Mardi et jeudi matin\",\"consentToProcessing\":true,\"acknowledgesNotTherapy\":true,\"website\":\"\",\"formDurationMs\":95000}"
}
export -f post
export APP_PORT
start=$(date +%s%N)
seq 1 "$count" | xargs -P "$parallel" -I{} bash -c 'post {}' | sort | uniq -c | sed 's/^/answers: /'
end=$(date +%s%N)
echo "$count intakes, $parallel at a time, in $(( (end - start) / 1000000 )) ms; $(ls "$WORK/mail" | wc -l) emails in the pickup folder"
echo "peak resident (VmHWM): $(rss VmHWM) MiB; resident after the burst: $(rss VmRSS) MiB"

#!/bin/sh
# azd preprovision hook: records, once, the first day of the budget's first month (BUDGET_START_DATE,
# given to main.bicep by main.parameters.json). Azure refuses to change a budget's start date, so it
# cannot be "this month" computed again at each provision.
set -eu

if [ -z "${BUDGET_START_DATE:-}" ]; then
  azd env set BUDGET_START_DATE "$(date -u +%Y-%m-01)"
  echo "preprovision: the budget starts on $(date -u +%Y-%m-01) (azd env BUDGET_START_DATE)."
fi
if [ -z "${ALERT_EMAILS:-}" ]; then
  echo "preprovision: ALERT_EMAILS is not set: azd asks for it (who is told by the alerts and the budget; azd env set ALERT_EMAILS a@example.org,b@example.org)." >&2
fi

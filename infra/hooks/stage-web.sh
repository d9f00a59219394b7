#!/bin/sh
# azd predeploy hook of the "web" service (azure.yaml): writes the copy of web/ that azd deploys to the
# Static Web App, with the API's origin where the pages and their headers need it. web/ itself is never
# changed (standalone mode serves it as it is, the API being its own origin). It needs no az login and
# no Azure role: only SERVICE_API_URI, an output of infra/main.bicep that azd puts in the environment.
#
# Usage: stage-web.sh [folder]  (default: infra/web-package/site, the service's dist)
set -eu

: "${SERVICE_API_URI:?run azd provision first (SERVICE_API_URI is not set)}"
api=${SERVICE_API_URI%/}
# An origin only (https, a host, maybe a port): it goes into HTML, JSON and a CSP as it is.
case "$api" in
  https://*/* | *[!A-Za-z0-9.:/-]*) echo "SERVICE_API_URI is not an https origin: $SERVICE_API_URI" >&2; exit 1 ;;
  https://?*) ;;
  *) echo "SERVICE_API_URI is not an https origin: $SERVICE_API_URI" >&2; exit 1 ;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
site=${1:-"$root/infra/web-package/site"}
token=__SOLIDAIRE_API_ORIGIN__
config=staticwebapp.config.json

rm -rf "$site"
mkdir -p "$site"
# The pages' own kinds of file, as standalone mode serves them (functions/Standalone/SiteFiles.cs), and the
# configuration; no dotfile, no README, no script.
(
  cd "$root/web"
  find . -type f ! -path '*/.*' \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.svg' -o -name '*.ico' \
    -o -name '*.png' -o -name '*.webmanifest' -o -name '*.txt' -o -name "$config" \) |
    while IFS= read -r file; do
      mkdir -p "$site/$(dirname "$file")"
      cp "$file" "$site/$file"
    done
)

# The pages call the API at the origin in <meta name="solidaire-api-base"> (empty in web/: this origin).
find "$site" -name '*.html' | while IFS= read -r page; do
  sed "s#<meta name=\"solidaire-api-base\" content=\"[^\"]*\">#<meta name=\"solidaire-api-base\" content=\"$api\">#" \
    "$page" > "$page.tmp"
  mv "$page.tmp" "$page"
done

# The pages' CSP lets them connect to the API's origin only.
grep -q "$token" "$site/$config" || { echo "web/$config has no $token to fill" >&2; exit 1; }
sed "s#$token#$api#g" "$site/$config" > "$site/$config.tmp"
mv "$site/$config.tmp" "$site/$config"

echo "web/ staged in $site for the Static Web App (API: $api)"

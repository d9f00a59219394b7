#!/bin/sh
# azd postdeploy hook: publish web/ to the static website ($web) of the storage account.
# azd runs it from the repository root with the outputs of infra/main.bicep in the environment.
#
# The static website is a data-plane setting of the blob service, not an ARM property, so it is
# turned on here. Both az commands authenticate with the signed-in identity (--auth-mode login):
# the account takes no shared key. main.bicep grants the operator (AZURE_PRINCIPAL_ID) Storage Blob
# Data Contributor for the upload; if turning the website on is refused, turn it on once in the
# portal (storage account > Static website) and run `azd deploy` again.
set -eu

: "${AZURE_STORAGE_ACCOUNT_NAME:?run azd provision first (AZURE_STORAGE_ACCOUNT_NAME is not set)}"
: "${SERVICE_API_URI:?run azd provision first (SERVICE_API_URI is not set)}"

# The pages call the API at the origin in <meta name="solidaire-api-base">: empty in web/ (same
# origin, standalone mode), the functions app here. Rewrite a copy, never web/ itself.
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R ./web/. "$staging/"
find "$staging" -name '*.html' | while IFS= read -r page; do
  sed "s#<meta name=\"solidaire-api-base\" content=\"[^\"]*\">#<meta name=\"solidaire-api-base\" content=\"$SERVICE_API_URI\">#" \
    "$page" > "$page.tmp"
  mv "$page.tmp" "$page"
done

az storage blob service-properties update \
  --account-name "$AZURE_STORAGE_ACCOUNT_NAME" \
  --auth-mode login \
  --static-website \
  --index-document index.html \
  --404-document index.html \
  --output none

az storage blob upload-batch \
  --account-name "$AZURE_STORAGE_ACCOUNT_NAME" \
  --auth-mode login \
  --destination '$web' \
  --source "$staging" \
  --overwrite \
  --output none

echo "web/ published to ${STATIC_WEBSITE_URL:-the static website of $AZURE_STORAGE_ACCOUNT_NAME} (API: $SERVICE_API_URI)"

#!/bin/sh
# azd postprovision hook: the app's keys exist, and the app reads the versions recorded here.
# azd runs it from the repository root after every `azd provision` (so in `azd up`, before the code
# is deployed), with the outputs of infra/main.bicep in the environment.
#
# For each key the parameters name (personal-data master keys, the look-up key, token signing keys),
# a secret whose version is already recorded in SECRET_VERSIONS is not even looked at. Otherwise the
# vault is listed: an absent secret is created (32 random bytes, base64); an existing one is never
# written again, only its current version is read. The versions go to the azd environment
# (SECRET_VERSIONS, which main.parameters.json gives to Bicep) and, when any changed, straight to the
# app's Key Vault references, so that no second provision is needed. Run it again: it changes nothing.
#
# The SendGrid key is the operator's (az keyvault secret set --name sendgrid-api-key): never made here.
# Until it exists the app refuses to start, naming Email__SendGridApiKey.
#
# The vault calls need Key Vault Secrets Officer (main.bicep's operatorSecretsAccess); with every
# version recorded, none is made.
set -eu

: "${AZURE_KEY_VAULT_NAME:?run azd provision first (AZURE_KEY_VAULT_NAME is not set)}"
: "${AZURE_KEY_VAULT_ENDPOINT:?run azd provision first (AZURE_KEY_VAULT_ENDPOINT is not set)}"
: "${AZURE_FUNCTION_APP_NAME:?run azd provision first (AZURE_FUNCTION_APP_NAME is not set)}"
: "${AZURE_RESOURCE_GROUP:?run azd provision first (AZURE_RESOURCE_GROUP is not set)}"
: "${PERSONAL_DATA_MASTER_KEY_IDS:?run azd provision first (PERSONAL_DATA_MASTER_KEY_IDS is not set)}"
: "${PERSONAL_DATA_ACTIVE_MASTER_KEY_ID:?run azd provision first (PERSONAL_DATA_ACTIVE_MASTER_KEY_ID is not set)}"
: "${TOKEN_SIGNING_KEY_IDS:?run azd provision first (TOKEN_SIGNING_KEY_IDS is not set)}"
: "${TOKEN_ACTIVE_SIGNING_KEY_ID:?run azd provision first (TOKEN_ACTIVE_SIGNING_KEY_ID is not set)}"

recorded="${SECRET_VERSIONS:-}"
list_attempts="${postprovision_list_attempts:-10}"
retry_seconds="${postprovision_retry_seconds:-30}"
versions="$recorded"
listed=""
vault_read=false

fail() {
  echo "postprovision: $*" >&2
  exit 1
}

# The key ids of a comma-separated list, one a line; each must be lower-case letters and digits.
ids_of() {
  printf '%s\n' "$1" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | while IFS= read -r id; do
    case "$id" in
      '' | *[!a-z0-9]*) fail "key id '$id' in '$1': use lower-case letters and digits only" ;;
    esac
    printf '%s\n' "$id"
  done
}


version_of() {
  printf '%s\n' "$versions" | tr ',' '\n' | sed -n "s/^ *$1=\([0-9A-Za-z]*\) *\$/\1/p" | head -n 1
}

record() {
  others=$(printf '%s\n' "$versions" | tr ',' '\n' | grep -v "^ *$1=" | grep -v '^ *$' | paste -sd, -)
  versions="${others:+$others,}$1=$2"
}

# The names of the vault's secrets, read once, and only when some version is not recorded. A failure
# stops the hook: it must never take "could not list" for "absent" and write a key again.
# On the first provision the operator's role was granted seconds ago and may not apply yet: the list
# is tried again for a few minutes before the hook gives up.
read_vault() {
  [ "$vault_read" = false ] || return 0
  attempt=1
  until listed=$(az keyvault secret list --vault-name "$AZURE_KEY_VAULT_NAME" --query '[].name' --output tsv); do
    [ "$attempt" -lt "$list_attempts" ] \
      || fail "could not list the secrets of $AZURE_KEY_VAULT_NAME (is Key Vault Secrets Officer granted? main.bicep operatorSecretsAccess)"
    echo "postprovision: the vault refused the list (attempt $attempt of $list_attempts): a role granted by this provision can take minutes to apply; trying again in ${retry_seconds}s." >&2
    sleep "$retry_seconds"
    attempt=$((attempt + 1))
  done
  vault_read=true
}

in_vault() {
  printf '%s\n' "$listed" | grep -qx "$1"
}

# A secret's current version (the last segment of its id).
current_version() {
  secret_id=$(az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name "$1" --query id --output tsv) \
    || fail "could not read the version of $1"
  printf '%s\n' "${secret_id##*/}"
}

# A secret already in the vault: its current version recorded.
record_existing() {
  version=$(current_version "$1")
  record "$1" "$version"
  echo "postprovision: $1 exists; its version is recorded."
}

ensure_key() {
  name=$1
  [ -z "$(version_of "$name")" ] || return 0
  read_vault
  if in_vault "$name"; then
    record_existing "$name"
  else
    command -v openssl > /dev/null || fail "openssl is needed to make $name (32 random bytes)"
    secret_id=$(az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$name" \
      --value "$(openssl rand -base64 32)" --content-type 'base64, 32 bytes' --query id --output tsv) \
      || fail "could not create $name"
    record "$name" "${secret_id##*/}"
    echo "postprovision: $name created."
  fi
}

master_ids=$(ids_of "$PERSONAL_DATA_MASTER_KEY_IDS")
token_ids=$(ids_of "$TOKEN_SIGNING_KEY_IDS")
# The app would refuse to start otherwise (ActiveMasterKeyId / ActiveSigningKeyId must name a key).
printf '%s\n' "$master_ids" | grep -qx "$PERSONAL_DATA_ACTIVE_MASTER_KEY_ID" \
  || fail "PERSONAL_DATA_ACTIVE_MASTER_KEY_ID '$PERSONAL_DATA_ACTIVE_MASTER_KEY_ID' is not in PERSONAL_DATA_MASTER_KEY_IDS '$PERSONAL_DATA_MASTER_KEY_IDS'"
printf '%s\n' "$token_ids" | grep -qx "$TOKEN_ACTIVE_SIGNING_KEY_ID" \
  || fail "TOKEN_ACTIVE_SIGNING_KEY_ID '$TOKEN_ACTIVE_SIGNING_KEY_ID' is not in TOKEN_SIGNING_KEY_IDS '$TOKEN_SIGNING_KEY_IDS'"

for id in $master_ids; do
  ensure_key "personal-data-master-key-$id"
done
ensure_key personal-data-lookup-key
for id in $token_ids; do
  ensure_key "token-signing-key-$id"
done

if [ -z "$(version_of sendgrid-api-key)" ]; then
  read_vault
  if in_vault sendgrid-api-key; then
    record_existing sendgrid-api-key
  else
    cat >&2 << EOF
********************************************************************************
postprovision: NO SENDGRID KEY. The vault $AZURE_KEY_VAULT_NAME has no secret sendgrid-api-key,
so the app refuses to start ("Solidaire cannot start: Email__SendGridApiKey is a Key Vault
reference the platform did not resolve"): no intake, no sign-in link, no email. Set it, then run
this hook again (azd hooks run postprovision) or azd provision:
  az keyvault secret set --vault-name $AZURE_KEY_VAULT_NAME --name sendgrid-api-key --value '<SendGrid API key>'
********************************************************************************
EOF
  fi
fi

[ "$versions" != "$recorded" ] || {
  echo "postprovision: every secret version was already recorded; nothing to change."
  exit 0
}

# Recorded first: should the next command fail, the next provision applies the same references.
azd env set SECRET_VERSIONS "$versions"

reference() {
  version=$(version_of "$1")
  printf '@Microsoft.KeyVault(SecretUri=%ssecrets/%s%s)' "$AZURE_KEY_VAULT_ENDPOINT" "$1" "${version:+/$version}"
}

set -- "Email__SendGridApiKey=$(reference sendgrid-api-key)" "PersonalData__LookupKey=$(reference personal-data-lookup-key)"
for id in $master_ids; do
  set -- "$@" "PersonalData__MasterKeys__$id=$(reference "personal-data-master-key-$id")"
done
for id in $token_ids; do
  set -- "$@" "Tokens__SigningKeys__$id=$(reference "token-signing-key-$id")"
done
az functionapp config appsettings set --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
  --settings "$@" --output none
echo "postprovision: the app's Key Vault references now name the recorded versions."

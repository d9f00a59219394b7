# Sourced (bash) by the measuring scripts: builds the app, starts a fresh in-memory Azurite on a free
# port and exports the settings of a standalone run over it. Sets ROOT's working directory, APP_PORT,
# WORK (a temporary folder) and an EXIT trap that stops Azurite, the app ($APP, once started) and
# removes WORK.
./scripts/ensure-prerequisites.sh run >/dev/null
dotnet build functions/Solidaire.Functions.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TABLE_PORT=$(free_port)
APP_PORT=$(free_port)
node_modules/.bin/azurite-table --inMemoryPersistence --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" --skipApiVersionCheck --disableTelemetry --silent &
AZURITE=$!
WORK=$(mktemp -d)
APP=""
# Under set -e a failing command in the trap would become the script's exit status: none may fail.
trap 'if [ -n "$APP" ]; then kill -TERM "$APP" 2>/dev/null || true; fi; kill "$AZURITE" 2>/dev/null || true; rm -rf "$WORK"' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$TABLE_PORT") 2>/dev/null; do sleep 0.05; done

export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
export OutboxSchedule="0 */1 * * * *" PurgeSchedule="0 */15 * * * *" PersonalData__LocalKeyFile="$WORK/keys.json" Email__PickupFolder="$WORK/mail" Staff__BootstrapCoordinators="coordination@solidaire.localhost" Complaints__Referents="ethique@solidaire.localhost"

#!/usr/bin/env bash
# Runs every test of Ralliement: unit and integration tests on SQLite, browser tests (Debian's
# Chromium with axe-core), the tests marked [BothDatabases] again on a real PostgreSQL (a throw-away
# cluster on 127.0.0.1), the deployment tests (published app, shipped systemd unit and nginx site),
# then searches every test host's logs for personal data (one more test).
# Checks formatting and known-vulnerable packages first. Installs from Debian what a fresh machine
# lacks, says how long each part took ("time: ..."), then
# ends with one line: "N passed, N failed, N skipped". The inner loop is tests/quick.sh (docs/testing.md).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

timings=()
part_started=$SECONDS
run_started=$SECONDS
part_done() { # part name: prints and keeps how long the part took
  local line="time: $1 $((SECONDS - part_started)) s"
  echo "$line"
  timings+=("$line")
  part_started=$SECONDS
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
# The deployment tests: the proxy in front of two nodes, and systemd-analyze (package systemd on bookworm).
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v systemd-analyze >/dev/null || missing+=(systemd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || exit 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
  if [[ " ${missing[*]} " == *" nginx "* ]]; then
    # Debian's package starts a server on port 80; the tests start their own on free ports.
    $sudo systemctl disable --now nginx >/dev/null 2>&1 || $sudo service nginx stop >/dev/null 2>&1 || true
  fi
fi

source tests/postgres.sh
postgres_install || exit 1
source tests/personal-data-in-logs.sh

part_done install

dotnet tool restore >/dev/null || exit 1
dotnet build Ralliement.slnx -nologo -v quiet || exit 1
part_done build

# A model change without its migration fails here rather than at a user's start-up.
for context in SqliteRalliementDb PostgresRalliementDb; do
  dotnet ef migrations has-pending-model-changes --no-build \
    --project src/Ralliement --context "$context" || exit 1
done
part_done migrations

# The code as .editorconfig wants it (the analyzers already ran in the build), and no package with a
# known vulnerability (NuGet's advisory data, direct and transitive references).
hygiene=0
dotnet format whitespace Ralliement.slnx --verify-no-changes -v q || hygiene=1
dotnet format style Ralliement.slnx --verify-no-changes -v q || hygiene=1
[ "$hygiene" -eq 0 ] || { echo "Formatting differs from .editorconfig: run dotnet format Ralliement.slnx" >&2; exit 1; }
vulnerable=$(dotnet list Ralliement.slnx package --vulnerable --include-transitive 2>&1) || { echo "$vulnerable" >&2; exit 1; }
if grep -q "has the following vulnerable packages" <<<"$vulnerable"; then
  echo "$vulnerable" >&2
  exit 1
fi
part_done hygiene

results=$(mktemp -d)
# Every test host writes its logs here (tests/Ralliement.Tests/Support/TestLogFile.cs).
export RALLIEMENT_TEST_LOG_DIR="$results/logs"
status=0
run_tests() { # project, result name, then dotnet test options
  local project=$1 name=$2
  shift 2
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
}
run_tests tests/Ralliement.Tests/Ralliement.Tests.csproj Ralliement.Tests --filter "Category!=Deploy"
part_done sqlite
run_tests tests/Ralliement.BrowserTests/Ralliement.BrowserTests.csproj Ralliement.BrowserTests
part_done browser

# What differs between the databases runs again, every app on its own PostgreSQL database; the
# rest is provider-neutral and ran above (tests/Ralliement.Tests/Support/BothDatabasesAttribute.cs).
echo "Running the tests marked [BothDatabases] on PostgreSQL"
postgres_start || exit 1
run_tests tests/Ralliement.Tests/Ralliement.Tests.csproj Ralliement.Tests.Postgres --filter "Database=Both"
part_done postgres
# The deployment as docs/deploy.md describes it: the published app, the shipped files, a real nginx
# in front of two nodes on this PostgreSQL (tests marked [Trait("Category", "Deploy")]).
echo "Running the deployment tests (published app, nginx, PostgreSQL)"
run_tests tests/Ralliement.Tests/Ralliement.Tests.csproj Ralliement.Tests.Deploy --filter "Category=Deploy"
postgres_stop
part_done deploy

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed)))
  skipped=$((skipped + $(count total) - $(count executed)))
done
# One more test, on the logs of all of the above: no test address or name in them.
if logs_check; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi
part_done "log check"
rm -rf "$results"
printf '%s\n' "${timings[@]}"
echo "time: total $((SECONDS - run_started)) s"
if [ $((passed + failed)) -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"

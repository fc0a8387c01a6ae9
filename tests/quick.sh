#!/usr/bin/env bash
# The inner loop: builds the integration tests and runs them on SQLite, without those marked [Slow]
# or Deploy, and without the browser tests, the PostgreSQL pass and the log check (tests/run.sh runs them all).
#   bash tests/quick.sh                   every test not marked [Slow]
#   bash tests/quick.sh Purge             only those whose full name contains "Purge"
#   bash tests/quick.sh "Database=Both"   a dotnet test filter expression, as is
# Ends like tests/run.sh with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

started=$SECONDS
dotnet build tests/Ralliement.Tests -nologo -v quiet || exit 1
echo "time: build $((SECONDS - started)) s"

filter="Speed!=Slow&Category!=Deploy"
if [ $# -gt 0 ]; then
  case "$1" in
    *[=~\&\|]*) filter="($filter)&($1)" ;;
    *) filter="($filter)&(FullyQualifiedName~$1)" ;;
  esac
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
export RALLIEMENT_TEST_LOG_DIR="$results/logs"
tested=$SECONDS
dotnet test tests/Ralliement.Tests --no-build --filter "$filter" \
  --logger "trx;LogFileName=quick.trx" --results-directory "$results"
status=$?
echo "time: tests $((SECONDS - tested)) s"
echo "time: total $((SECONDS - started)) s"

counters=$(grep -o '<Counters [^>]*>' "$results/quick.trx" 2>/dev/null)
count() { local n; n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${n:-0}"; }
[ "$(count total)" -gt 0 ] || { echo "No test ran." >&2; status=1; }
echo "$(count passed) passed, $(count failed) failed, $(($(count total) - $(count executed))) skipped"
exit "$status"

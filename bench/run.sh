#!/usr/bin/env bash
# The load benchmark, in one command (not part of the tests): installs wrk and PostgreSQL from
# Debian when missing, builds Release, then measures Ralliement against a bare Kestrel endpoint on
# this machine, for SQLite and PostgreSQL, and prints one name=value line per figure.
# Options are passed to the driver: --only sqlite|postgres, --seconds 10, --large 1000000.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null; then
  echo "Installing from Debian: wrk"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

# Build output only when a build fails, so that what this prints is the figures.
build_log=$(mktemp)
for project in src/Ralliement bench/Ralliement.Bench; do
  dotnet build "$project" -c Release -nologo -v quiet >"$build_log" 2>&1 || { cat "$build_log"; rm -f "$build_log"; exit 1; }
done
rm -f "$build_log"

# A throw-away cluster, stopped (and its folder removed) when this script exits, however it exits.
if [[ " $* " != *" --only sqlite "* ]]; then
  # shellcheck source=../tests/postgres.sh
  source tests/postgres.sh
  postgres_start || echo "postgres=unavailable (the cluster did not start)"
fi

# The driver kills the processes it started (the app, wrk, the export) when it ends or gets
# SIGTERM; this script forwards an interruption to it, then its EXIT trap stops PostgreSQL.
dotnet bench/Ralliement.Bench/bin/Release/net10.0/Ralliement.Bench.dll "$@" &
driver=$!
trap 'kill -TERM "$driver" 2>/dev/null; wait "$driver"; exit 130' INT TERM
wait "$driver"

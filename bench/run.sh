#!/usr/bin/env bash
# The load benchmark, in one command (not part of the tests): installs wrk and PostgreSQL from
# Debian when missing, builds Release, then measures Ralliement against a bare Kestrel endpoint on
# this machine, for SQLite and PostgreSQL, and prints one name=value line per figure.
# Options are passed to the driver: --only sqlite|postgres, --seconds 10, --large 1000000,
# --mail-seconds 60 (0 skips the mail scenarios), --mail-connections 20 (the app's SMTP pool there).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
updated=""
install() {
  echo "Installing from Debian: $*"
  [ -n "$updated" ] || { $sudo apt-get update -qq; updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
command -v wrk >/dev/null || install wrk

# Postfix's smtp-sink and smtp-source, unpacked from Debian's package into a cache rather than
# installed: installing would configure and start a mail server on this machine.
postfix="${XDG_CACHE_HOME:-$HOME/.cache}/ralliement-bench/postfix"
if [ ! -x "$postfix/usr/sbin/smtp-sink" ]; then
  echo "Unpacking from Debian: postfix (smtp-sink, smtp-source)"
  [ -n "$updated" ] || { $sudo apt-get update -qq; updated=1; }
  download=$(mktemp -d)
  mkdir -p "$(dirname "$postfix")"
  (cd "$download" && apt-get download postfix >/dev/null 2>&1) && dpkg -x "$download"/postfix_*.deb "$postfix.new" \
    && rm -rf "$postfix" && mv "$postfix.new" "$postfix"
  rm -rf "$download" "$postfix.new"
fi
# The libraries it links to come with postfix's dependencies; install those alone when some are missing.
if [ -x "$postfix/usr/sbin/smtp-sink" ] \
  && LD_LIBRARY_PATH="$postfix/usr/lib/postfix" ldd "$postfix/usr/sbin/smtp-sink" "$postfix/usr/sbin/smtp-source" | grep -q "not found"; then
  # shellcheck disable=SC2046 # one word per package
  install $(apt-cache depends postfix | awk '/Depends: lib/ { print $2 }')
fi
mail=()
if [ -x "$postfix/usr/sbin/smtp-sink" ]; then
  mail=(--postfix "$postfix")
else
  echo "postfix=unavailable (smtp-sink could not be unpacked)"
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
dotnet bench/Ralliement.Bench/bin/Release/net10.0/Ralliement.Bench.dll "${mail[@]}" "$@" &
driver=$!
trap 'kill -TERM "$driver" 2>/dev/null; wait "$driver"; exit 130' INT TERM
wait "$driver"

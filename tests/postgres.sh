#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1, for tests and benchmarks. Source this file, then:
#   postgres_start        installs Debian's postgresql when missing, initdb into a temp folder,
#                         starts it on a free port, exports RALLIEMENT_TEST_POSTGRES
#                         (a connection string without a database name: each user makes its own);
#   postgres_stop         stops the cluster and removes its folder (also run on shell exit).
# initdb refuses to run as root, so as root the cluster belongs to the 'postgres' system user.

postgres_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

postgres_install() {
  postgres_bin >/dev/null && return 0
  echo "Installing from Debian: postgresql"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null || return 1
  # Debian's package starts its own cluster on 5432; ours does not need it.
  $sudo pg_ctlcluster --force "$(ls /etc/postgresql | head -1)" main stop 2>/dev/null || true
}

postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_free_port() { # a port nobody answers on, away from the usual 5432
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
}

postgres_start() {
  postgres_install || return 1
  local bin
  bin=$(postgres_bin) || return 1
  POSTGRES_DIR=$(mktemp -d /tmp/ralliement-pg-XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$POSTGRES_DIR"
  POSTGRES_PORT=$(postgres_free_port)
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" >"$POSTGRES_DIR/pw" && chmod 644 "$POSTGRES_DIR/pw"
  postgres_as_owner "$bin/initdb" -D "$POSTGRES_DIR/data" -U ralliement --pwfile="$POSTGRES_DIR/pw" \
    -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$POSTGRES_DIR/initdb.log" >&2; return 1; }
  # Enough connections for two app nodes and the tests' own; fsync stays on: durability is under test.
  postgres_as_owner "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $POSTGRES_PORT -k $POSTGRES_DIR -c max_connections=300 -c shared_buffers=256MB" \
    start >/dev/null || { cat "$POSTGRES_DIR/server.log" >&2; return 1; }
  export RALLIEMENT_TEST_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=ralliement;Password=$password"
  trap postgres_stop EXIT
}

postgres_stop() {
  [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR" ] || return 0
  local bin
  bin=$(postgres_bin) || return 0
  postgres_as_owner "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$POSTGRES_DIR"
  POSTGRES_DIR=""
}

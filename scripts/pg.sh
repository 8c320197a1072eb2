#!/usr/bin/env bash
# Throw-away PostgreSQL for the test suite and the benchmarks, from Debian's packages.
#
#   scripts/pg.sh start    install PostgreSQL if missing, initdb if needed, start, create the
#                          test database; the URL is the last (and only) line on stdout
#   scripts/pg.sh url      print the URL without starting anything
#   scripts/pg.sh stop     fast shutdown
#   scripts/pg.sh status   pg_ctl status
#   scripts/pg.sh clean    stop and delete the data directory
#
# Settings (environment): PGROOT (default /tmp/kartoteka-pg), PGPORT (54329), PGDB (kartoteka_test).
# It never touches Debian's own cluster (port 5432): initdb + pg_ctl on a private directory.
# The server never runs as root (postgres refuses to): as root it runs as the OS user 'postgres'
# through runuser; as a normal user, as that user.
# Progress goes to stderr so that `URL=$(scripts/pg.sh start)` captures the URL alone.
set -euo pipefail

PGROOT="${PGROOT:-/tmp/kartoteka-pg}"
PGDATA="$PGROOT/data"
PGPORT="${PGPORT:-54329}"
PGDB="${PGDB:-kartoteka_test}"
URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/$PGDB"

log() { echo "pg.sh: $*" >&2; }
die() { echo "pg.sh: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }
if is_root; then RUN=(runuser -u postgres --); else RUN=(); fi

find_pgbin() {
  # Newest installed major version, e.g. /usr/lib/postgresql/15/bin on Debian bookworm.
  local dirs
  dirs=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V) || true
  for d in $dirs; do [ -x "$d/initdb" ] && PGBIN="$d"; done
  [ -n "${PGBIN:-}" ]
}

install_postgresql() {
  is_root || die "PostgreSQL is not installed and this is not root.
  Install it once with:  sudo apt-get update && sudo apt-get install -y postgresql"
  log "PostgreSQL not found; installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
}

ensure_installed() {
  if [ -n "${PGBIN:-}" ]; then return; fi
  find_pgbin || { install_postgresql; find_pgbin || die "no initdb under /usr/lib/postgresql after install"; }
}

psql_server() {
  "${RUN[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
}

start() {
  ensure_installed
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGROOT"
    if is_root; then chown postgres:postgres "$PGROOT"; fi
    chmod 700 "$PGROOT"
    log "initdb in $PGDATA"
    "${RUN[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$PGROOT/initdb.log" 2>&1 || die "initdb failed, see $PGROOT/initdb.log"
  fi
  if "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    log "already running on port $PGPORT"
  else
    # TCP on 127.0.0.1 only; unix socket inside $PGROOT (no need for /var/run/postgresql);
    # fsync/synchronous_commit/full_page_writes off = faster tests (never for real data).
    # Each test creates and drops its own database, so allow parallel workers plenty of connections.
    "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGROOT -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2 || die "server did not start, see $PGROOT/server.log"
  fi
  # Text search uses pg_trgm (contrib, shipped with Debian's postgresql package since v10).
  [ "$(psql_server "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")" = 1 ] \
    || die "the pg_trgm extension is not available; install postgresql-contrib"
  [ "$(psql_server "SELECT count(*) FROM pg_database WHERE datname = '$PGDB'")" = 1 ] \
    || "${RUN[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDB"
  echo "$URL"
}

stop() {
  if [ -s "$PGDATA/postmaster.pid" ]; then
    ensure_installed
    "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >&2
  else
    log "not running"
  fi
}

case "${1:-start}" in
  start)  start ;;
  url)    echo "$URL" ;;
  stop)   stop ;;
  status) ensure_installed; "${RUN[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" status ;;
  clean)  stop || true; rm -rf "$PGROOT" 2>/dev/null || rm -rf "${PGROOT:?}"/* ;;  # non-root: parent may be read-only
  *) echo "usage: $0 start|url|stop|status|clean" >&2; exit 2 ;;
esac

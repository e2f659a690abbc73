#!/usr/bin/env bash
# Shared helpers for run.sh, test.sh and bench.sh: find or install PostgreSQL, create and start clusters.
# Source it; or run it directly: scripts/postgres.sh stop   (stops the local cluster that ./run.sh started)

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$dir" ]; then
    echo "PostgreSQL binaries not found; installing the Debian package 'postgresql'..." >&2
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  [ -n "$dir" ] || { echo "PostgreSQL is not available and could not be installed." >&2; return 1; }
  echo "$dir"
}

# initdb refuses to run as root: as root, clusters belong to the 'postgres' user (made if missing).
pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
    echo postgres
  else
    id -un
  fi
}

pg_as_owner() {
  local owner; owner=$(pg_owner)
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 20000 ))
    (echo >/dev/tcp/127.0.0.1/$port) >/dev/null 2>&1 || { echo "$port"; return 0; }
  done
  return 1
}

# pg_start DATA_DIR PORT MODE   MODE: durable (kept data, fsync on) or throwaway (tests: fsync off)
pg_start() {
  local data=$1 port=$2 mode=$3 bin owner
  bin=$(pg_bin_dir) || return 1
  owner=$(pg_owner)
  mkdir -p "$data"
  chown "$owner" "$data" 2>/dev/null || true
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 \
      || { cat "$data.initdb.log" >&2; return 1; }
  fi
  local opts="-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_EXTRA_OPTS:-}"
  if [ "$mode" = throwaway ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  if ! pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    pg_as_owner "$bin/pg_ctl" -D "$data" -o "$opts" -l "$data/server.log" -w -t 60 start >/dev/null \
      || { tail -20 "$data/server.log" >&2; return 1; }
  fi
}

pg_stop() {
  local data=$1 bin
  bin=$(pg_bin_dir) || return 1
  pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_crash DATA_DIR: stops the cluster the way a power cut would (no checkpoint; recovery replays the WAL on start).
pg_crash() {
  local data=$1 bin
  bin=$(pg_bin_dir) || return 1
  pg_as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null
}

# pg_create_db PORT NAME: creates the database unless it exists.
pg_create_db() {
  local port=$1 name=$2 bin
  bin=$(pg_bin_dir) || return 1
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$name'" postgres | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  fi
}

# The port the local cluster under $1 listens on (read from its postmaster.pid), empty when stopped. A pid file
# left behind by a crash or a reboot names a server that is gone: pg_ctl status tells the two apart.
pg_running_port() {
  local bin
  [ -f "$1/postmaster.pid" ] || return 0
  bin=$(pg_bin_dir) || return 0
  pg_as_owner "$bin/pg_ctl" -D "$1" status >/dev/null 2>&1 && sed -n 4p "$1/postmaster.pid"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  root="$(cd "$(dirname "$0")/.." && pwd)"
  case "${1:-}" in
    stop) pg_stop "${2:-$root/.data/postgres}" && echo "PostgreSQL stopped." ;;
    # For the fault tests: start DATA PORT MODE, crash DATA, create-db PORT NAME.
    start) pg_start "$2" "$3" "$4" ;;
    crash) pg_crash "$2" ;;
    create-db) pg_create_db "$2" "$3" ;;
    *) echo "usage: scripts/postgres.sh stop [DATA] | start DATA PORT MODE | crash DATA | create-db PORT NAME" >&2; exit 2 ;;
  esac
fi

#!/usr/bin/env bash
# A throwaway PostgreSQL primary and a hot standby fed by streaming replication, in a temp dir,
# made with Debian's PostgreSQL binaries (initdb, pg_basebackup -R, pg_ctl).
#
#   pg-replica-pair.sh run CMD...   start the pair, run CMD with TEST_DATABASE_URL (primary) and
#                                   TEST_DATABASE_READ_URL (standby) set, stop and delete on exit
#   pg-replica-pair.sh start DIR    start the pair in DIR (made if missing); prints
#                                   PRIMARY_URL=... and STANDBY_URL=..., leaves both running
#   pg-replica-pair.sh stop DIR     stop both servers and delete DIR
#
# The servers refuse to run as root, so as root they run as the postgres user. PG_BIN picks
# the binaries (default: the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "pg-replica-pair: no PostgreSQL binaries (set PG_BIN or install Debian's postgresql)" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 30000 ))
    if port_is_free "$port" && port_is_free $(( port + 1 )); then echo "$port"; return; fi
  done
  echo "pg-replica-pair: no free port pair found" >&2
  exit 3
}

start_pair() {
  local dir=$1 port
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(free_port)
  local standby_port=$(( port + 1 ))
  as_owner "$pg_bin/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  # Loopback only; the socket lives in the temp dir so it never meets the machine's cluster.
  # fsync off: a throwaway cluster, its data need not survive a power cut.
  cat >>"$dir/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
wal_level = replica
max_wal_senders = 5
hot_standby = on
hot_standby_feedback = on
shared_buffers = 64MB
max_connections = 200
fsync = off
CONF
  # initdb --auth=trust already writes "host replication all 127.0.0.1/32 trust"; say it anyway.
  echo "host replication postgres 127.0.0.1/32 trust" >>"$dir/primary/pg_hba.conf"
  as_owner "$pg_bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 60 start >/dev/null
  # -R writes standby.signal and primary_conninfo: the copy starts as a streaming hot standby.
  as_owner "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/standby" -R -X stream -c fast
  as_owner "$pg_bin/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -o "-p $standby_port" -w -t 60 start >/dev/null
  echo "$port $standby_port" >"$dir/ports"
  # The standby is up when it answers and says it is replaying.
  for _ in $(seq 1 60); do
    if [ "$(as_owner "$pg_bin/psql" -h 127.0.0.1 -p "$standby_port" -U postgres -d postgres -Atc 'select pg_is_in_recovery()' 2>/dev/null)" = t ]; then
      echo "PRIMARY_URL=postgres://postgres@127.0.0.1:$port/postgres"
      echo "STANDBY_URL=postgres://postgres@127.0.0.1:$standby_port/postgres"
      return
    fi
    sleep 0.5
  done
  echo "pg-replica-pair: the standby did not come up (see $dir/standby.log)" >&2
  exit 1
}

stop_pair() {
  local dir=$1
  for node in standby primary; do
    if [ -f "$dir/$node/postmaster.pid" ]; then as_owner "$pg_bin/pg_ctl" -D "$dir/$node" -m immediate -w stop >/dev/null 2>&1 || true; fi
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start) start_pair "${2:?usage: pg-replica-pair.sh start DIR}" ;;
  stop) stop_pair "${2:?usage: pg-replica-pair.sh stop DIR}" ;;
  run)
    shift
    dir=$(mktemp -d /tmp/jmo-replica-pair.XXXXXX)
    trap 'stop_pair "$dir"' EXIT
    trap 'exit 130' INT TERM
    urls=$(start_pair "$dir")
    echo "$urls"
    primary=$(sed -n 's/^PRIMARY_URL=//p' <<<"$urls")
    standby=$(sed -n 's/^STANDBY_URL=//p' <<<"$urls")
    TEST_DATABASE_URL=$primary TEST_DATABASE_READ_URL=$standby "$@"
    ;;
  *)
    echo "usage: pg-replica-pair.sh run CMD... | start DIR | stop DIR" >&2
    exit 2
    ;;
esac

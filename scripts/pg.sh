#!/usr/bin/env bash
# A throwaway PostgreSQL for the sync server's tests and benchmark, idempotently.
#   scripts/pg.sh start   start it (creating the cluster the first time); prints only its URL
#   scripts/pg.sh stop    stop it (the cluster's files stay for the next start)
#   scripts/pg.sh url     print its URL
#   scripts/pg.sh status  say whether it runs (exit 0 when it does)
# Environment:
#   SALONDESK_PG_DIR    cluster directory (default /tmp/salondesk-pg)
#   SALONDESK_PG_PORT   TCP port on 127.0.0.1 (default 55432)
#   SALONDESK_PG_FSYNC  "off" (default) or "on"; read at each start
# stdout carries nothing but the URL (postgres://salondesk@127.0.0.1:55432/postgres), so
# `url=$(scripts/pg.sh start)` works; progress goes to stderr.
#
# The cluster listens on 127.0.0.1 only and trusts every local connection: it is for tests on
# this machine and holds nothing worth protecting. With SALONDESK_PG_FSYNC=off (the default)
# it skips fsync and full-page writes, so CREATE DATABASE per test is cheap; a crash of the
# machine may corrupt it, which for a throwaway cluster only means deleting the directory.
# A benchmark that should reflect a real server starts it with SALONDESK_PG_FSYNC=on
# (PostgreSQL's durable defaults); stop it first if it already runs the other way.
set -euo pipefail
SCRIPT_NAME="pg" # read by say/die in lib.sh
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# Progress and errors go to stderr: stdout is only the URL.
note() { printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2; }

pg_dir=${SALONDESK_PG_DIR:-/tmp/salondesk-pg}
pg_port=${SALONDESK_PG_PORT:-55432}
pg_fsync=${SALONDESK_PG_FSYNC:-off}
data_dir="$pg_dir/data"
run_dir="$pg_dir/run"
log_file="$pg_dir/postgresql.log"
url="postgres://salondesk@127.0.0.1:$pg_port/postgres"

case "$pg_fsync" in
  on | off) ;;
  *) die "SALONDESK_PG_FSYNC must be 'on' or 'off', not '$pg_fsync'" ;;
esac

# PostgreSQL's server binaries: Debian keeps them in /usr/lib/postgresql/<major>/bin, off PATH
# (this machine also links pg_ctl/initdb/postgres from /usr/local/bin to there). The newest
# major that has all three wins.
find_bin_dir() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      best="$dir"
    fi
  done
  if [ -z "$best" ] && command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    best=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
  fi
  printf '%s' "$best"
}

install_postgresql() {
  local sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "PostgreSQL is not installed, and not root nor sudo to install it"
    sudo_cmd=(sudo)
  fi
  note "installing PostgreSQL (apt package postgresql)"
  "${sudo_cmd[@]}" apt-get update >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends postgresql >&2
}

bin_dir=$(find_bin_dir)

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user
# (the apt package creates it) and every server command runs as that user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
fi

pg_ctl_() { "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$data_dir" "$@"; }

is_running() {
  [ -n "$bin_dir" ] && [ -f "$data_dir/PG_VERSION" ] && pg_ctl_ status >/dev/null 2>&1
}

init_cluster() {
  note "creating a throwaway cluster in $pg_dir"
  mkdir -p "$pg_dir"
  if [ ${#as_owner[@]} -gt 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to own the cluster"
    chown postgres: "$pg_dir"
  fi
  "${as_owner[@]}" mkdir -p "$run_dir"
  # The bootstrap superuser is `salondesk`; C locale: byte order, no locale packages needed.
  "${as_owner[@]}" "$bin_dir/initdb" -D "$data_dir" -U salondesk --auth=trust -E UTF8 \
    --locale=C >"$pg_dir/initdb.log" 2>&1 ||
    { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }
  cat >>"$data_dir/postgresql.conf" <<EOF

# scripts/pg.sh: a throwaway test cluster on loopback only.
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$run_dir'
max_connections = 200
EOF
}

start() {
  if [ -z "$bin_dir" ]; then
    install_postgresql
    bin_dir=$(find_bin_dir)
    [ -n "$bin_dir" ] || die "PostgreSQL's server binaries are still missing after installing"
  fi
  if is_running; then
    note "already running ($data_dir)"
    printf '%s\n' "$url"
    return
  fi
  [ -f "$data_dir/PG_VERSION" ] || init_cluster
  local durable=()
  if [ "$pg_fsync" = off ]; then
    durable=(-c fsync=off -c full_page_writes=off -c synchronous_commit=off)
  fi
  note "starting PostgreSQL on 127.0.0.1:$pg_port (fsync $pg_fsync)"
  # 9>&-: the server must not inherit the lock below, or the next `start` waits for it forever.
  if ! pg_ctl_ start -w -t 60 -l "$log_file" -o "-p $pg_port ${durable[*]}" >/dev/null 9>&-; then
    tail -n 30 "$log_file" >&2 || true
    die "PostgreSQL did not start (log: $log_file)"
  fi
  printf '%s\n' "$url"
}

stop() {
  if is_running; then
    note "stopping PostgreSQL ($data_dir)"
    pg_ctl_ stop -m fast -w >/dev/null
  else
    note "not running"
  fi
}

cmd=${1:-}
case "$cmd" in
  start | stop)
    # Tests may call `start` from several processes at once: one at a time.
    mkdir -p "$(dirname "$pg_dir")"
    exec 9>"$pg_dir.lock"
    flock 9
    "$cmd"
    ;;
  url) printf '%s\n' "$url" ;;
  status)
    if is_running; then
      note "running on 127.0.0.1:$pg_port ($data_dir)"
    else
      note "not running"
      exit 1
    fi
    ;;
  *) die "usage: scripts/pg.sh start|stop|url|status" ;;
esac

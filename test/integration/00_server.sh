#!/usr/bin/env bash
#
# test/integration/00_server.sh — checks what the test driver (test/run)
# promises to every later test:
#   * the server lives in the driver's temporary directory (ECO_TMP) and runs
#     as the `postgres` OS user when the driver runs as root (as the driver's
#     own user otherwise);
#   * pg_cron is preloaded, its launcher runs, and CREATE EXTENSION pg_cron
#     works in the `postgres` database;
#   * CREATE EXTENSION ecostats works in a fresh database, at the version
#     named in ecostats.control.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, PGDATABASE, ECO_ROOT and ECO_TMP
# set.  Exit status 0 = passed.

set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }

for var in PGHOST PGPORT ECO_ROOT ECO_TMP; do
    [[ -n "${!var:-}" ]] || fail "$var is not set (run this through test/run)"
done

# q [psql options] SQL: one query, unaligned tuples only.
q() { psql -X -v ON_ERROR_STOP=1 -qAt "$@"; }

# --- the server's home and owner ---------------------------------------------
data_dir="$(q -c "SELECT current_setting('data_directory')")"
tmp_real="$(realpath "$ECO_TMP")"
data_real="$(realpath "$data_dir")"
case "$data_real" in
    "$tmp_real"/*) ;;
    *) fail "data_directory $data_dir is not under ECO_TMP=$ECO_TMP" ;;
esac
echo "data_directory: $data_dir"

socket_dir="$(q -c "SHOW unix_socket_directories")"
[[ "$(realpath "$socket_dir")" == "$tmp_real" ]] \
    || fail "unix_socket_directories is '$socket_dir', expected ECO_TMP"
listen="$(q -c "SHOW listen_addresses")"
[[ "$listen" == 127.0.0.1 ]] || fail "listen_addresses is '$listen', expected 127.0.0.1"

if (( EUID == 0 )); then
    expected_user=postgres
else
    expected_user="$(id -un)"
fi
owner="$(stat -c %U "$data_dir")"
[[ "$owner" == "$expected_user" ]] \
    || fail "data directory is owned by '$owner', expected '$expected_user'"

# The postmaster process must run as that user too (checked via procfs when
# available; a client backend exits with its psql, so it cannot be checked).
postmaster_pid="$(head -n 1 "$data_dir/postmaster.pid")"
if [[ -d /proc/"$postmaster_pid" ]]; then
    proc_user="$(stat -c %U "/proc/$postmaster_pid")"
    [[ "$proc_user" == "$expected_user" ]] \
        || fail "postmaster (pid $postmaster_pid) runs as '$proc_user', expected '$expected_user'"
fi
echo "server runs as: $expected_user"

# --- pg_cron -------------------------------------------------------------------
preload="$(q -c "SELECT 'pg_cron' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ','))")"
[[ "$preload" == t ]] || fail "pg_cron is not in shared_preload_libraries"

# The launcher background worker starts with the server; give it a moment.
launcher=0
for _ in $(seq 1 20); do
    launcher="$(q -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'pg_cron launcher'")"
    (( launcher > 0 )) && break
    sleep 0.5
done
(( launcher > 0 )) || fail "the pg_cron launcher is not running"

had_cron="$(q -d postgres -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'")"
if (( had_cron == 0 )); then
    q -d postgres -c "CREATE EXTENSION pg_cron" || fail "CREATE EXTENSION pg_cron failed in database postgres"
fi
q -d postgres -c "SELECT count(*) FROM cron.job" >/dev/null || fail "cron.job is not readable"
# Leave the server as we found it: later tests create pg_cron themselves.
if (( had_cron == 0 )); then
    q -d postgres -c "DROP EXTENSION pg_cron"
fi
echo "pg_cron: preloaded, launcher running, CREATE EXTENSION ok"

# --- ecostats in a fresh database ------------------------------------------------
db="eco_it_server_$$"
cleanup() { q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; }
trap cleanup EXIT

q -d postgres -c "CREATE DATABASE $db"
for ext in ecostats ecostats_hub; do
    control="$ECO_ROOT/$ext.control"
    [[ $ext == ecostats_hub ]] && control="$ECO_ROOT/hub/$ext.control"
    want_version="$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$control")"
    q -d "$db" -c "CREATE EXTENSION $ext" || fail "CREATE EXTENSION $ext failed in a fresh database"
    got_version="$(q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = '$ext'")"
    [[ "$got_version" == "$want_version" ]] \
        || fail "installed $ext version is '$got_version', $control says '$want_version'"
    echo "$ext $got_version: CREATE EXTENSION ok in a fresh database"
done
q -d postgres -c "DROP DATABASE $db" || fail "DROP DATABASE $db failed"

# shellcheck shell=bash
#
# test/lib.sh — shared helpers for the ecostats test driver, the benchmark
# driver and bin/ecostats-report.  Source it, do not execute it:
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Sourcing only defines functions and ECO_ROOT; nothing is started.
#
# Functions:
#   eco_ensure_packages [PKG...]  install the Debian packages we need (root)
#   eco_ensure_page_deps          Node.js, Chromium and report/node_modules
#   eco_pg_config / eco_pg_bindir the PostgreSQL $ECO_PG_MAJOR pg_config and bin dir
#   eco_build_install             make && make install in the repo root
#   eco_start_server              throwaway server in a mktemp -d directory
#   eco_stop_server               stop it and remove its directory (idempotent)
#   eco_install_cleanup_trap      always call eco_stop_server on exit/signals
#
# After eco_start_server these are exported for callers and child processes:
#   PGHOST PGPORT PGUSER PGDATABASE   connect with plain `psql`
#   PATH                              starts with the PG $ECO_PG_MAJOR bin directory
#   ECO_TMP                           the server's temporary directory
#   ECO_PGDATA                        its data directory (under ECO_TMP)
#   ECO_ROOT                          the repository root

# Guard against being sourced twice (functions are idempotent anyway, but the
# cleanup state below must not be reset while a server is running).
if [[ -n "${_ECO_LIB_SOURCED:-}" ]]; then
    return 0
fi
_ECO_LIB_SOURCED=1

# Repository root: the parent of the directory holding this file.
ECO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export ECO_ROOT

# eco_default_major: the PostgreSQL major to test when none is asked for:
# that of PG_CONFIG if set, else the newest Debian PostgreSQL whose
# server-dev package is installed, else 15 (what a fresh Debian 12 gets).
eco_default_major() {
    local v dir best=""
    if [[ -n "${PG_CONFIG:-}" ]]; then
        v="$("$PG_CONFIG" --version 2>/dev/null)" || v=""
        v="${v#PostgreSQL }"
        v="${v%%[!0-9]*}"
        if [[ -n "$v" ]]; then printf '%s\n' "$v"; return 0; fi
    fi
    for dir in /usr/lib/postgresql/*/bin/pg_config; do
        [[ -x "$dir" ]] || continue
        v="${dir#/usr/lib/postgresql/}"
        v="${v%%/*}"
        [[ "$v" =~ ^[0-9]+$ ]] || continue
        if [[ -z "$best" ]] || (( v > best )); then best="$v"; fi
    done
    printf '%s\n' "${best:-15}"
}

# The PostgreSQL major version to build and test against (15, 16, 17, 18):
# test/run --major N sets it (and exports it to what it runs); otherwise
# an exported ECO_PG_MAJOR, otherwise eco_default_major.  Everything below
# reads it when called, so setting it after sourcing this file is enough.
ECO_PG_MAJOR="${ECO_PG_MAJOR:-$(eco_default_major)}"

# Private state of the running server.  Deliberately NOT exported: a child
# process that sources this file must never stop or delete our server.
_ECO_SERVER_TMP=""
_ECO_APT_UPDATED=""

eco_log() { printf '[ecostats] %s\n' "$*" >&2; }
eco_die() { printf '[ecostats] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------

# eco_ensure_packages [EXTRA_PKG...]
# Make sure the base packages plus any extra ones are installed.  As root,
# missing ones are installed with apt-get (one `apt-get update` per process);
# otherwise we list what is missing and fail.
eco_ensure_packages() {
    local base=(
        "postgresql-$ECO_PG_MAJOR" "postgresql-server-dev-$ECO_PG_MAJOR"
        libcjson-dev zlib1g-dev "postgresql-$ECO_PG_MAJOR-cron"
        make gcc libc6-dev git ca-certificates python3
        libipc-run-perl
    )
    local pkg status missing=()
    for pkg in "${base[@]}" "$@"; do
        # dpkg-query fails for packages dpkg has never heard of: treat as missing.
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        if [[ "$status" != "install ok installed" ]]; then
            missing+=("$pkg")
        fi
    done
    if (( ${#missing[@]} == 0 )); then
        return 0
    fi
    if (( EUID != 0 )); then
        eco_die "missing Debian packages: ${missing[*]}
  install them as root:  apt-get install --no-install-recommends ${missing[*]}
  (or run this script as root, which installs them automatically)"
    fi
    eco_log "installing missing packages: ${missing[*]}"
    if [[ -z "$_ECO_APT_UPDATED" ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -q \
            || eco_die "apt-get update failed"
        _ECO_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" || eco_die "apt-get install failed for: ${missing[*]}"
}

# eco_ensure_page_deps: what the report page needs (bin/ecostats-report
# --html, test/integration/75_report_page.sh): Node.js and npm (Debian's,
# unless node and npm are already on PATH), Chromium and a font for the
# page test, and report/node_modules (Vega and Vega-Lite from the npm
# registry, the versions of report/package-lock.json: npm ci).
eco_ensure_page_deps() {
    local extra=(chromium fonts-dejavu-core)
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        extra+=(nodejs npm)
    fi
    eco_ensure_packages "${extra[@]}"
    if [[ ! -e "$ECO_ROOT/report/node_modules/.package-lock.json" \
          || "$ECO_ROOT/report/package-lock.json" -nt "$ECO_ROOT/report/node_modules/.package-lock.json" ]]; then
        eco_log "installing the report page's npm packages (npm ci in report/)"
        (cd "$ECO_ROOT/report" && npm ci --no-audit --no-fund --loglevel=error >&2) \
            || eco_die "npm ci in report/ failed (it needs the npm registry)"
    fi
}

# ---------------------------------------------------------------------------
# PostgreSQL locations
# ---------------------------------------------------------------------------

# eco_pg_config: path of the pg_config to use.  An explicit PG_CONFIG in the
# environment wins; otherwise the Debian one of ECO_PG_MAJOR
# (/usr/lib/postgresql/$ECO_PG_MAJOR/bin/pg_config), otherwise whatever
# `pg_config` is on PATH.  Resolved lazily: on a fresh machine it only exists
# after eco_ensure_packages.
eco_pg_config() {
    local debian="/usr/lib/postgresql/$ECO_PG_MAJOR/bin/pg_config"
    if [[ -n "${PG_CONFIG:-}" ]]; then
        printf '%s\n' "$PG_CONFIG"
    elif [[ -x "$debian" ]]; then
        printf '%s\n' "$debian"
    else
        printf '%s\n' pg_config
    fi
}

# eco_pg_bindir: the server's bin directory (initdb, pg_ctl, psql, ...).
eco_pg_bindir() {
    local bindir
    bindir="$("$(eco_pg_config)" --bindir)" \
        || eco_die "cannot run '$(eco_pg_config) --bindir' (is postgresql-server-dev-$ECO_PG_MAJOR installed?)"
    printf '%s\n' "$bindir"
}

# eco_pg_regress: the pg_regress shipped with the PGXS of that pg_config.
eco_pg_regress() {
    local pgxs
    pgxs="$("$(eco_pg_config)" --pgxs)" || eco_die "cannot run '$(eco_pg_config) --pgxs'"
    printf '%s\n' "$(dirname "$pgxs")/../test/regress/pg_regress"
}

# eco_pg_isolation_regress: the isolation tester's driver of that PGXS.
eco_pg_isolation_regress() {
    local pgxs
    pgxs="$("$(eco_pg_config)" --pgxs)" || eco_die "cannot run '$(eco_pg_config) --pgxs'"
    printf '%s\n' "$(dirname "$pgxs")/../test/isolation/pg_isolation_regress"
}

# eco_psql ARGS...: psql with the options every script here wants.
eco_psql() {
    "$(eco_pg_bindir)/psql" -X -v ON_ERROR_STOP=1 "$@"
}

# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

# eco_build_install: `make` and `make install` in the repository root.  Output
# is kept in a temporary file and shown only when a step fails.
eco_build_install() {
    local pg_config out step
    pg_config="$(eco_pg_config)"
    out="$(mktemp)"
    for step in all install; do
        eco_log "make $step"
        if ! make -C "$ECO_ROOT" --no-print-directory -j "$(nproc 2>/dev/null || echo 2)" \
                PG_CONFIG="$pg_config" "$step" >"$out" 2>&1; then
            cat "$out" >&2
            rm -f "$out"
            if (( EUID != 0 )); then
                eco_log "hint: as non-root, build and install yourself (make && sudo make install) and pass --no-install"
            fi
            eco_die "make $step failed (output above)"
        fi
    done
    rm -f "$out"
}

# ---------------------------------------------------------------------------
# Throwaway server
# ---------------------------------------------------------------------------

# _ECO_AS_SERVER: command prefix (array) that runs a program as the OS user
# owning the server: the `postgres` user when we are root (initdb and
# postgres refuse to run as root), ourselves otherwise.  The program runs in
# the server directory, so a cwd the postgres user cannot read (e.g. /root)
# does no harm.  Use it as a plain command prefix, never wrapped in a shell
# function: a redirection on a function call also redirects the output of a
# trap that fires meanwhile (and the cleanup messages would be lost).
_ECO_AS_SERVER=()
_eco_set_server_runner() {
    if (( EUID == 0 )); then
        _ECO_AS_SERVER=(runuser -u postgres -- env -C "$_ECO_SERVER_TMP")
    else
        _ECO_AS_SERVER=(env -C "$_ECO_SERVER_TMP")
    fi
}

# eco_port_in_use PORT: true if something accepts TCP connections on it.
eco_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# eco_pick_port: print a free TCP port, starting at a random one in
# 20000..60000 and walking upwards (wrapping) until one is free.
eco_pick_port() {
    local span=40001 start port i
    start=$(( (RANDOM * 32768 + RANDOM) % span ))
    for (( i = 0; i < 200; i++ )); do
        port=$(( 20000 + (start + i) % span ))
        if ! eco_port_in_use "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    eco_die "no free TCP port found in 20000..60000"
}

# eco_make_tmpdir: create the server directory, readable by the server user.
eco_make_tmpdir() {
    local dir
    dir="$(mktemp -d -t ecostats.XXXXXX)"
    if (( EUID == 0 )); then
        chown postgres: "$dir"
        # A TMPDIR below e.g. /root cannot be reached by the postgres user:
        # fall back to the system default temporary directory then.
        if ! runuser -u postgres -- test -w "$dir" 2>/dev/null; then
            rm -rf "$dir"
            dir="$(env -u TMPDIR mktemp -d -t ecostats.XXXXXX)"
            chown postgres: "$dir"
            runuser -u postgres -- test -w "$dir" \
                || { rm -rf "$dir"; eco_die "no temporary directory writable by the postgres user; set TMPDIR"; }
        fi
    fi
    printf '%s\n' "$dir"
}

# eco_start_server: initdb + start a private server; exports PGHOST, PGPORT,
# PGUSER, PGDATABASE, ECO_TMP, ECO_PGDATA.  Call eco_install_cleanup_trap
# first so the server is stopped whatever happens.
eco_start_server() {
    local bindir data log port attempt locale_opt
    if [[ -n "$_ECO_SERVER_TMP" ]]; then
        eco_die "eco_start_server: a server is already running in $_ECO_SERVER_TMP"
    fi
    if (( EUID == 0 )) && ! id -u postgres >/dev/null 2>&1; then
        eco_die "running as root but there is no 'postgres' OS user (install postgresql-$ECO_PG_MAJOR)"
    fi
    bindir="$(eco_pg_bindir)" || exit 1

    _ECO_SERVER_TMP="$(eco_make_tmpdir)" || exit 1
    _eco_set_server_runner
    data="$_ECO_SERVER_TMP/data"
    log="$_ECO_SERVER_TMP/server.log"

    # C.UTF-8 gives UTF8 with byte-order collation; fall back to plain C.
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale_opt="--locale=C.UTF-8"
    else
        locale_opt="--no-locale"
    fi
    eco_log "initdb in $data ($locale_opt)"
    if ! "${_ECO_AS_SERVER[@]}" "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 \
            "$locale_opt" --no-sync --no-instructions >"$_ECO_SERVER_TMP/initdb.log" 2>&1; then
        cat "$_ECO_SERVER_TMP/initdb.log" >&2
        eco_die "initdb failed (output above)"
    fi

    port="$(eco_pick_port)" || exit 1
    # Appended to postgresql.conf, so these override the initdb defaults.
    cat >>"$data/postgresql.conf" <<EOF

# --- ecostats throwaway test server (test/lib.sh) ---
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$_ECO_SERVER_TMP'
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 512MB
max_worker_processes = 16
max_parallel_workers = 8
max_parallel_workers_per_gather = 2
jit = off
logging_collector = off
EOF

    # Another process may grab the port between the check and the start:
    # retry a few times with a new port when the bind fails.
    for attempt in 1 2 3; do
        eco_log "starting server on port $port"
        if "${_ECO_AS_SERVER[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1; then
            break
        fi
        if (( attempt < 3 )) && grep -qE 'could not bind|could not create any TCP/IP sockets' "$log" 2>/dev/null; then
            port="$(eco_pick_port)" || exit 1
            sed -i "s/^port = .*/port = $port/" "$data/postgresql.conf"
            continue
        fi
        eco_log "server failed to start; server log follows:"
        cat "$log" >&2 2>/dev/null || true
        eco_die "could not start the PostgreSQL server"
    done

    # Connection settings for psql, pg_regress and child processes.  A stray
    # PGHOSTADDR or PGSERVICE from the environment would override PGHOST.
    unset PGHOSTADDR PGSERVICE
    export PGHOST="$_ECO_SERVER_TMP" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
    # Plain `psql`, `pg_ctl`, ... in callers and children mean the PG $ECO_PG_MAJOR ones.
    export PATH="$bindir:$PATH"
    export ECO_TMP="$_ECO_SERVER_TMP" ECO_PGDATA="$data"
    eco_log "server ready (PGHOST=$PGHOST PGPORT=$PGPORT)"
}

# eco_stop_server: stop the server started by eco_start_server and remove its
# directory.  Safe to call any number of times, also when nothing was started
# or the start failed halfway.  Never fails (it runs from traps).
eco_stop_server() {
    local dir="$_ECO_SERVER_TMP" bindir
    [[ -n "$dir" ]] || return 0
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        _eco_set_server_runner
        bindir="$(eco_pg_bindir 2>/dev/null)" || bindir=""
        if ! "${_ECO_AS_SERVER[@]}" "$bindir/pg_ctl" -D "$dir/data" stop -m fast -w -t 60 >/dev/null 2>&1 \
           && ! "${_ECO_AS_SERVER[@]}" "$bindir/pg_ctl" -D "$dir/data" stop -m immediate -w -t 60 >/dev/null 2>&1; then
            eco_log "WARNING: could not stop the server in $dir; leaving the directory in place"
            _ECO_SERVER_TMP=""
            return 0
        fi
    fi
    rm -rf "$dir" || true
    _ECO_SERVER_TMP=""
    return 0
}

# eco_install_cleanup_trap: stop the server and remove its directory when the
# script exits for any reason.  Interrupts exit non-zero (128 + signal).
eco_install_cleanup_trap() {
    trap 'eco_stop_server' EXIT
    trap 'eco_stop_server; exit 129' HUP
    trap 'eco_stop_server; exit 130' INT
    trap 'eco_stop_server; exit 143' TERM
}

#!/usr/bin/env bash
#
# test/package.sh [--major N] — build the Debian package from this checkout
# and install and try it in a clean, minimal root of the same Debian
# release.  Run as root on Debian.
#
# Without --major it builds postgresql-NN-ecostats for the PostgreSQL of
# this machine's release (Debian 12 "bookworm": 15, 13 "trixie": 17, "sid":
# 18).  With --major N for another release, it runs itself in a clean root
# of the release that packages N (test/root.sh: 17 in trixie, 18 in sid),
# which then plays the host: the build happens there, and the clean root of
# step 2 is made inside it.
#
#   1. copies the checkout (tracked and untracked, not ignored files) to a
#      temporary directory and builds there: dpkg-buildpackage -us -uc -b
#      (installs the build dependencies with apt-get if they are missing);
#      the checkout itself is left as it was;
#   2. debootstrap --variant=minbase RELEASE into a temporary root, with
#      service starts blocked (usr/sbin/policy-rc.d exits 101) and no main
#      cluster (create_main_cluster = false), and the host's Debian apt
#      sources (so the same PostgreSQL minor as the build's is found);
#   3. apt-get install ./postgresql-NN-ecostats_*.deb inside it, so that its
#      dependencies resolve from the archive (without Recommends: the
#      Depends alone must be enough);
#   4. inside it, as postgres: initdb a throwaway cluster, start it on a free
#      port on 127.0.0.1, CREATE EXTENSION ecostats_hub CASCADE, check gini,
#      hub.import_models on a small JSON Lines file, and the client commands
#      in /usr/lib/postgresql/NN/bin (ecostats-generate, ecostats-import);
#   5. stops the server, unmounts everything and removes the root (also on
#      failure or interrupt: a trap).
#
# The last line is "package: passed (N s)" or "package: FAILED (reason)"; the
# exit status is 0 only on success.  Takes 2-5 minutes on 2 cores, most of
# it debootstrap and apt downloads.
#
# Environment:
#   ECOSTATS_DEBIAN_MIRROR  the Debian mirror for debootstrap (default: the
#                           first entry of the release in the host's apt
#                           sources, whose Debian sources the root then
#                           uses too); when set, the root uses RELEASE and
#                           RELEASE-updates only, so the host's
#                           postgresql-NN must not be newer than theirs
#   ECOSTATS_KEEP_WORK=1    keep the temporary directory (logs, .debs) after
#                           the run; the root's mounts are undone anyway
#   ECOSTATS_ROOT_CACHE=F   development only: reuse the debootstrapped root
#                           from tarball F (made on the first run).  By
#                           default the root is made from scratch every time.

set -uo pipefail

start=$SECONDS
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=test/lib.sh
. "$src/test/lib.sh"

# the release of this machine (in a test root: the one it was made of) and
# its PostgreSQL
# shellcheck disable=SC1091
SUITE="$(cat /etc/ecostats-root 2>/dev/null || (. /etc/os-release; echo "${VERSION_CODENAME:-}"))"
case "$SUITE" in
    bookworm) PG_MAJOR=15 ;;
    trixie)   PG_MAJOR=17 ;;
    sid)      PG_MAJOR=18 ;;
    *)        PG_MAJOR="" ;;
esac

if [[ "${1:-}" == --major ]]; then
    want="${2:-}"
    [[ "$want" =~ ^[0-9]+$ ]] || { echo "test/package.sh: --major takes a PostgreSQL major" >&2; exit 2; }
    if [[ "$want" != "$PG_MAJOR" ]]; then
        # shellcheck source=test/root.sh
        . "$src/test/root.sh"
        [[ -n "$(eco_root_suite "$want")" ]] || { echo "package: FAILED (no Debian release packages PostgreSQL $want)"; exit 1; }
        rc=0
        eco_root_run "$want" bash test/package.sh --major "$want" || rc=$?
        exit "$rc"
    fi
elif [[ -n "${1:-}" ]]; then
    echo "Usage: test/package.sh [--major N]" >&2
    exit 2
fi
work=""
root=""
step="setup"
steplog=""
# the test's own directory inside the root (a path of the root, not of this
# machine), and the server's data directory in it
inroot=/var/tmp/ecostats-pkgtest
pgdata="$inroot/data"
server_started=""

# fds 3 and 4: the script's own stdout and stderr, also from a trap that
# runs while a command's output goes to a log
exec 3>&1 4>&2
say() { printf 'package: %s\n' "$*" >&3; }

finish() {
    local rc=$1 reason=${2:-}
    trap - EXIT INT TERM HUP
    exec 1>&3 2>&4
    cleanup || { rc=1; reason="${reason:+$reason; }cleanup failed: see above"; }
    if (( rc == 0 )); then
        say "passed ($((SECONDS - start)) s)"
    else
        say "FAILED (${reason:-$step})"
    fi
    exit "$rc"
}

# fail REASON: show the end of the current step's log, then finish.
fail() {
    if [[ -n "$steplog" && -s "$steplog" ]]; then
        echo "--- last lines of $(basename "$steplog") ---" >&2
        tail -n 40 "$steplog" >&2
        echo "---" >&2
    fi
    finish 1 "$step: $1"
}

# run LOG CMD...: run a command with its output in LOG.
run() {
    steplog=$1; shift
    "$@" >>"$steplog" 2>&1
}

# in_root CMD...: run a command inside the root as root, with a clean
# environment.
in_root() {
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive "$@"
}

# as_postgres CMD...: the same as the postgres user.
as_postgres() {
    chroot --userspec=postgres:postgres "$root" /usr/bin/env -i \
        HOME=/var/lib/postgresql LANG=C.UTF-8 \
        PATH=/usr/lib/postgresql/$PG_MAJOR/bin:/usr/bin:/bin \
        PGHOST=127.0.0.1 PGPORT="${port:-5432}" PGUSER=postgres PGDATABASE=postgres "$@"
}

mounts_below() {
    # every mount point at or below $1, deepest first
    findmnt -rn -o TARGET | awk -v r="$1" '$0 == r || index($0, r "/") == 1' | sort -r
}

cleanup() {
    local ok=0 m pid
    if [[ -n "$root" && -n "$server_started" ]]; then
        if ! as_postgres pg_ctl -D "$pgdata" -m fast -w -t 30 stop >/dev/null 2>&1; then
            # the server this script started, by its pid
            pid="$(head -n 1 "$root$pgdata/postmaster.pid" 2>/dev/null || true)"
            [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null
            sleep 1
        fi
        server_started=""
    fi
    if [[ -n "$root" && -d "$root" ]]; then
        while read -r m; do
            [[ -n "$m" ]] || continue
            umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || { echo "package: cannot unmount $m" >&2; ok=1; }
        done < <(mounts_below "$root")
        if [[ -n "$(mounts_below "$root")" ]]; then
            echo "package: mounts left below $root; not removing it" >&2
            return 1
        fi
    fi
    if [[ -n "$work" && -d "$work" ]]; then
        if [[ "${ECOSTATS_KEEP_WORK:-}" == 1 ]]; then
            echo "package: kept $work" >&2
        else
            rm -rf --one-file-system "$work" || ok=1
        fi
    fi
    return "$ok"
}

trap 'finish 1 "$step: interrupted"' INT TERM HUP
trap 'finish 1 "$step: exited unexpectedly"' EXIT

[[ "$(id -u)" == 0 ]] || finish 1 "run it as root (debootstrap, chroot, mount)"
# shellcheck disable=SC1091
. /etc/os-release
[[ -n "$PG_MAJOR" ]] ||
    finish 1 "this host is ${PRETTY_NAME:-not Debian}; the package is built and tried on Debian 12 (bookworm), 13 (trixie) or sid"

work="$(mktemp -d -t ecostats-package.XXXXXX)" || finish 1 "mktemp"
chmod 755 "$work"
root="$work/root"

# ---------------------------------------------------------------------------
step="host packages"
need=()
for p in dpkg-dev debhelper postgresql-server-dev-all "postgresql-server-dev-$PG_MAJOR" \
         libcjson-dev zlib1g-dev libpq-dev build-essential debootstrap mount; do
    dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || need+=("$p")
done
if (( ${#need[@]} )); then
    say "installing ${need[*]}"
    run "$work/apt-host.log" apt-get update || fail "apt-get update"
    run "$work/apt-host.log" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${need[@]}" || fail "apt-get install ${need[*]}"
fi

# ---------------------------------------------------------------------------
step="build"
say "building the .deb from $src"
mkdir -p "$work/build/ecostats"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # shellcheck disable=SC2016  # the sh -c script expands its own "$f"
    (cd "$src" && git ls-files -z -co --exclude-standard | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -cf - -T -) | tar -xf - -C "$work/build/ecostats" || fail "copying the checkout"
else
    tar -C "$src" --exclude=./debian/.debhelper -cf - . | tar -xf - -C "$work/build/ecostats" || fail "copying the tree"
fi
# PG_UPDATECONTROL: on a host that supports more majors than debian/control
# lists, pg_buildext regenerates it (in the copy) instead of stopping.
t0=$SECONDS
(cd "$work/build/ecostats" && run "$work/build.log" env PG_UPDATECONTROL=yes dpkg-buildpackage -us -uc -b) ||
    { steplog="$work/build.log"; fail "dpkg-buildpackage -us -uc -b"; }
steplog="$work/build.log"
debs=("$work"/build/postgresql-"$PG_MAJOR"-ecostats_*.deb)
[[ -f "${debs[0]}" ]] || fail "no postgresql-$PG_MAJOR-ecostats_*.deb was built"
deb="${debs[0]}"
say "built $(basename "$deb") in $((SECONDS - t0)) s"

# ---------------------------------------------------------------------------
step="debootstrap"
mirror="${ECOSTATS_DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
    # the first entry of the release in the host's sources (one-line or deb822)
    mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
              awk '$1 == "deb" && $0 ~ (" '"$SUITE"' ") { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }')"
fi
if [[ -z "$mirror" ]]; then
    mirror="$(awk 'BEGIN { RS = ""; FS = "\n" }
                   /(^|\n)Suites:[^\n]*[ \t]'"$SUITE"'([ \t]|\n|$)/ && !/(^|\n)Enabled: *no/ {
                       for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, u, /[ \t]+/); print u[2]; exit } }' \
              /etc/apt/sources.list.d/*.sources 2>/dev/null)"
fi
[[ -n "$mirror" ]] || fail "no $SUITE mirror in the host's apt sources; set ECOSTATS_DEBIAN_MIRROR"
cache="${ECOSTATS_ROOT_CACHE:-}"
t0=$SECONDS
mkdir -p "$root"
if [[ -n "$cache" && -s "$cache" ]]; then
    say "unpacking the cached root $cache (development only)"
    run "$work/debootstrap.log" tar -xf "$cache" -C "$root" || fail "unpacking $cache"
else
    say "debootstrap --variant=minbase $SUITE from $mirror"
    run "$work/debootstrap.log" debootstrap --variant=minbase "$SUITE" "$root" "$mirror" ||
        fail "debootstrap --variant=minbase $SUITE"
    if [[ -n "$cache" ]]; then
        run "$work/debootstrap.log" tar -cf "$cache" -C "$root" . || fail "writing $cache"
    fi
fi
say "root ready in $((SECONDS - t0)) s"

# ---------------------------------------------------------------------------
step="root setup"
steplog=""
mount -t proc proc "$root/proc" || fail "mount proc"
mount --bind /dev "$root/dev" || fail "mount /dev"
mount --bind /dev/pts "$root/dev/pts" || fail "mount /dev/pts"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm" || fail "mount /dev/shm"
printf '#!/bin/sh\n# no service starts while packages are installed\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mkdir -p "$root/etc/postgresql-common"
echo "create_main_cluster = false" > "$root/etc/postgresql-common/createcluster.conf"
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# the host's Debian sources (updates and security too), where there are
# any: the package depends on the PostgreSQL minor it was built against
if [[ -z "${ECOSTATS_DEBIAN_MIRROR:-}" ]] && grep -qs "$SUITE" /etc/apt/sources.list /etc/apt/sources.list.d/debian.sources; then
    : > "$root/etc/apt/sources.list"
    [[ -f /etc/apt/sources.list ]] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
    [[ -f /etc/apt/sources.list.d/debian.sources ]] && cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
else
    printf 'deb %s %s main\ndeb %s %s-updates main\n' "$mirror" "$SUITE" "$mirror" "$SUITE" > "$root/etc/apt/sources.list"
fi
# the host's apt settings for the test roots (sid's Release file may have
# expired)
[[ -f /etc/apt/apt.conf.d/90ecostats ]] && cp /etc/apt/apt.conf.d/90ecostats "$root/etc/apt/apt.conf.d/"
mkdir -p "$root$inroot" && cp "$deb" "$root$inroot/" || fail "copying the .deb into the root"

# ---------------------------------------------------------------------------
step="apt-get install ./$(basename "$deb")"
t0=$SECONDS
say "installing $(basename "$deb") and its dependencies in the root"
run "$work/apt-root.log" in_root apt-get update || fail "apt-get update"
run "$work/apt-root.log" in_root apt-get install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "$inroot/$(basename "$deb")" || fail "apt-get install"
say "installed in $((SECONDS - t0)) s"

# ---------------------------------------------------------------------------
step="files"
steplog=""
bindir=/usr/lib/postgresql/$PG_MAJOR/bin
for f in "$bindir/ecostats-import" "$bindir/ecostats-generate" \
         /usr/lib/postgresql/$PG_MAJOR/lib/ecostats.so /usr/lib/postgresql/$PG_MAJOR/lib/ecostats_hub.so \
         /usr/share/postgresql/$PG_MAJOR/extension/ecostats.control \
         /usr/share/postgresql/$PG_MAJOR/extension/ecostats_hub.control; do
    [[ -e "$root$f" ]] || fail "$f is not installed"
done
in_root dpkg -S "$bindir/ecostats-import" 2>/dev/null | grep -q "^postgresql-$PG_MAJOR-ecostats:" ||
    fail "$bindir/ecostats-import does not belong to postgresql-$PG_MAJOR-ecostats"
[[ -n "$(in_root sh -c 'command -v ecostats-import' 2>/dev/null)" ]] &&
    fail "ecostats-import is on the default PATH, but the README says it is in $bindir only"
in_root "$bindir/ecostats-import" --version >/dev/null 2>&1 || fail "$bindir/ecostats-import --version does not run"

# ---------------------------------------------------------------------------
step="server"
port=""
# a free port (eco_pick_port, test/lib.sh: from a random start, as the
# package tests of several majors run at the same time and share the
# network); another process may take it between the check and the start,
# so a failed bind tries another one
mkdir -p "$root${pgdata%/*}"
in_root chown postgres:postgres "${pgdata%/*}"
steplog="$root${pgdata%/*}/initdb.log"
as_postgres initdb -D "$pgdata" -A trust -U postgres --no-sync >"$steplog" 2>&1 || fail "initdb"
steplog="$root${pgdata%/*}/server.log"
started=""
for attempt in 1 2 3; do
    port="$(eco_pick_port)" || fail "no free port"
    if as_postgres pg_ctl -D "$pgdata" -l "${pgdata%/*}/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=${pgdata%/*} -c fsync=off" start \
        >/dev/null 2>&1; then
        started=1
        break
    fi
done
[[ -n "$started" ]] || fail "pg_ctl start (3 ports tried, the last $port)"
server_started=1
say "server running in the root on 127.0.0.1:$port"

# ---------------------------------------------------------------------------
step="checks"
q() { as_postgres psql -X -v ON_ERROR_STOP=1 -qAt "$@" 2>>"$root${pgdata%/*}/psql.log"; }
steplog="$root${pgdata%/*}/psql.log"
q -c "CREATE EXTENSION ecostats_hub CASCADE" || fail "CREATE EXTENSION ecostats_hub CASCADE"
got="$(q -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'ecostats%'")"
[[ "$got" == "ecostats 0.2.0, ecostats_hub 0.2.0" ]] || fail "installed extensions: '$got'"
got="$(q -c "SELECT gini(x) FROM (VALUES (1.0),(3.0)) t(x)")"
[[ "$got" == 0.25 ]] || fail "gini of (1, 3) is '$got', expected 0.25"
say "CREATE EXTENSION ecostats_hub CASCADE: ecostats 0.2.0, ecostats_hub 0.2.0; gini(1, 3) = 0.25"

files="$inroot/files"
mkdir -p "$root$files"
cat > "$root$files/models.jsonl" <<'EOF'
{"id": "acme/base", "author": "acme", "downloads": 100, "likes": 3, "createdAt": "2024-01-01T00:00:00.000Z"}
{"id": "acme/base-ft", "author": "acme", "downloads": 40, "likes": 1, "cardData": {"base_model": "acme/base"}}
{"id": "solo/base-q4", "downloads": 7, "tags": ["base_model:quantized:acme/base-ft"]}
EOF
chmod -R a+rX "$root$files"
got="$(q -c "SELECT hub.import_models('$files/models.jsonl', snapshot => '2025-01-01')")" ||
    fail "hub.import_models('$files/models.jsonl')"
[[ "$got" == 3 ]] || fail "hub.import_models imported '$got' records, expected 3"
got="$(q -c "SELECT string_agg(id || '=' || downloads, ',' ORDER BY id) FROM hub.models")"
[[ "$got" == "acme/base=100,acme/base-ft=40,solo/base-q4=7" ]] || fail "hub.models after the import: '$got'"
say "hub.import_models: 3 records from a JSON Lines file"

# the client commands, from the bin directory the README names
as_postgres "$bindir/ecostats-generate" --quiet --models 200 --datasets 50 --seed 7 --out-dir "$inroot/gen" \
    >>"$steplog" 2>&1 || fail "$bindir/ecostats-generate"
as_postgres "$bindir/ecostats-import" --quiet --snapshot 2025-02-01 "$inroot/gen/models.jsonl" \
    >>"$steplog" 2>&1 || fail "$bindir/ecostats-import (models)"
as_postgres "$bindir/ecostats-import" --quiet --kind datasets --snapshot 2025-02-01 "$inroot/gen/datasets.jsonl" \
    >>"$steplog" 2>&1 || fail "$bindir/ecostats-import (datasets)"
got="$(q -c "SELECT (SELECT count(*) FROM hub.models) || ' ' || (SELECT count(*) FROM hub.datasets)")"
[[ "$got" == "203 50" ]] || fail "after ecostats-import: models and datasets '$got', expected '203 50'"
say "$bindir/ecostats-generate and ecostats-import: 200 models and 50 datasets imported"

step="done"
finish 0

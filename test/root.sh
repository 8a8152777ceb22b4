# test/root.sh — clean Debian roots for testing other PostgreSQL majors.
#
# Sourced by test/run (after test/lib.sh).  Used for `test/run --major N`
# when the host has no PostgreSQL N: it builds a minimal Debian root with
# debootstrap for the Debian release that packages N, installs PostgreSQL N
# and the build and test dependencies into it with apt-get, copies this
# checkout in and runs `test/run --major N` there with chroot, as root.
#
#   major  Debian release   root built from
#   15     12 "bookworm"    (the host of CI; a root works too)
#   17     13 "trixie"
#   18     "sid"            (unstable; its Release file may have expired)
#
# PostgreSQL 16 is not packaged by any of these releases: it is built from
# its API (src/compat.h) but not tested here.
#
# No server is ever started by the packages: usr/sbin/policy-rc.d exits 101
# (invoke-rc.d starts nothing) and postgresql-common is told not to create
# the default cluster, so nothing appears on port 5432.  The test suite
# starts its own throwaway server on a free port, as on the host.
#
# The chroot runs in its own mount and PID namespaces (unshare): /proc, /dev,
# /dev/pts and /dev/shm are mounted there only, so they disappear with the
# namespace whatever way the run ends (even kill -9), and any process left
# behind in the root (a server, say) is killed when the run's first process
# exits.  The host's /dev is never bind-mounted: /dev in the root is a tmpfs
# with the few device nodes a build and a server need.
#
# Where roots live: by default in a fresh temporary directory that is removed
# when the run ends (CI always starts from a fresh machine, so nothing is
# cached).  With ECO_ROOTS_DIR=DIR the root for a release is DIR/<release>
# and is kept and reused (for development: a reused root only gets the
# checkout copied in again and missing packages installed).
#
# Functions:
#   eco_root_suite MAJOR          the Debian release for a major ("" if none)
#   eco_root_run MAJOR CMD...     build/reuse the root, copy the checkout,
#                                 run CMD in it (test/package.sh --major uses it)
#   eco_root_run_suite MAJOR ARGS the same with test/run --major MAJOR ARGS

ECO_DEBIAN_MIRROR="${ECO_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

eco_root_suite() {
    case "$1" in
        15) echo bookworm ;;
        17) echo trixie ;;
        18) echo sid ;;
        *)  echo "" ;;
    esac
}

# _eco_root_paths_safe ROOT: ROOT is an absolute path below some directory,
# never "/" (every destructive command below runs on paths inside it).
_eco_root_check_path() {
    case "$1" in
        /?*/?*) ;;
        *) eco_die "refusing to use '$1' as a build root" ;;
    esac
    [[ "$(realpath -m "$1")" != / ]] || eco_die "refusing to use '/' as a build root"
}

# _eco_root_mounted ROOT: true if anything is mounted at or below ROOT in
# this mount namespace (should never be: mounts are made in a private one).
_eco_root_mounted() {
    local real
    real="$(realpath -m "$1")"
    awk -v r="$real" '$2 == r || index($2, r "/") == 1 { found = 1 } END { exit !found }' /proc/self/mounts
}

# _eco_root_remove ROOT: delete a root, but only when nothing is mounted in
# it, and never crossing into another file system.
_eco_root_remove() {
    local root="$1"
    [[ -e "$root" ]] || return 0
    _eco_root_check_path "$root"
    if _eco_root_mounted "$root"; then
        eco_log "WARNING: something is still mounted below $root; not removing it"
        return 0
    fi
    rm -rf --one-file-system -- "$root"
}

# _eco_root_exec ROOT CMD...: run CMD as root inside ROOT, with private
# /proc, /dev, /dev/pts and /dev/shm, in new mount and PID namespaces.
_eco_root_exec() {
    local root="$1"
    shift
    local envs=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "TERM=${TERM:-dumb}")
    local v
    for v in ECO_VERBOSE ECO_TEST_TIMEOUT; do
        if [[ -n "${!v:-}" ]]; then envs+=("$v=${!v}"); fi
    done
    # shellcheck disable=SC2016  # expanded by the inner shell
    unshare --mount --pid --fork --propagation private -- bash -c '
        set -e
        r="$1"; shift
        mount -t proc -o nosuid,nodev,noexec proc "$r/proc"
        mount -t tmpfs -o nosuid,mode=0755,size=64k tmpfs "$r/dev"
        while read -r name major minor; do
            mknod -m 0666 "$r/dev/$name" c "$major" "$minor"
        done <<DEVICES
null 1 3
zero 1 5
full 1 7
random 1 8
urandom 1 9
tty 5 0
DEVICES
        ln -s /proc/self/fd "$r/dev/fd"
        ln -s /proc/self/fd/0 "$r/dev/stdin"
        ln -s /proc/self/fd/1 "$r/dev/stdout"
        ln -s /proc/self/fd/2 "$r/dev/stderr"
        mkdir "$r/dev/pts" "$r/dev/shm"
        mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$r/dev/pts"
        ln -s pts/ptmx "$r/dev/ptmx"
        mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$r/dev/shm"
        exec chroot "$r" "$@"
    ' eco-root "$root" env -i "${envs[@]}" "$@"
}

# _eco_root_build MAJOR ROOT: make ROOT a Debian root with everything the
# test suite needs for MAJOR (debootstrap if it is not one yet).
_eco_root_build() {
    local major="$1" root="$2" suite
    suite="$(eco_root_suite "$major")"
    [[ -n "$suite" ]] || eco_die "no Debian release packages PostgreSQL $major (supported here: 15, 17, 18)"
    _eco_root_check_path "$root"

    if [[ ! -x "$root/usr/bin/apt-get" || ! -f "$root/etc/ecostats-root" ]]; then
        # A missing or half-made root: start over.
        _eco_root_remove "$root"
        if ! command -v debootstrap >/dev/null; then
            eco_ensure_host_packages debootstrap
        fi
        mkdir -p "$root"
        eco_log "debootstrap $suite into $root"
        local keyring=/usr/share/keyrings/debian-archive-keyring.gpg opts=(--variant=minbase)
        [[ -r "$keyring" ]] && opts+=("--keyring=$keyring")
        if ! debootstrap "${opts[@]}" "$suite" "$root" "$ECO_DEBIAN_MIRROR" >"$root.debootstrap.log" 2>&1; then
            tail -n 30 "$root.debootstrap.log" >&2
            [[ -f "$root/debootstrap/debootstrap.log" ]] && tail -n 30 "$root/debootstrap/debootstrap.log" >&2
            eco_die "debootstrap $suite failed (log above)"
        fi
        rm -f "$root.debootstrap.log"

        # No daemon starts inside, and postgresql-common creates no cluster.
        printf '#!/bin/sh\n# ecostats test root: start no services\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
        chmod 0755 "$root/usr/sbin/policy-rc.d"
        mkdir -p "$root/etc/postgresql-common"
        printf '# ecostats test root: no default cluster\ncreate_main_cluster = false\n' \
            >"$root/etc/postgresql-common/createcluster.conf"
        # Small and quiet apt; sid's Release file may have expired.
        cat >"$root/etc/apt/apt.conf.d/90ecostats" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF
        if [[ "$suite" == sid ]]; then
            echo 'Acquire::Check-Valid-Until "false";' >>"$root/etc/apt/apt.conf.d/90ecostats"
        fi
        echo "$suite" >"$root/etc/ecostats-root"
    fi
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

    local pkgs=(
        "postgresql-$major" "postgresql-server-dev-$major" "postgresql-$major-cron"
        libcjson-dev zlib1g-dev make gcc libc6-dev git ca-certificates
        xxd bsdutils procps libipc-run-perl
    )
    local have
    have="$(_eco_root_exec "$root" dpkg-query -W -f='${Package} ${Status}\n' "${pkgs[@]}" 2>/dev/null || true)"
    local p missing=()
    for p in "${pkgs[@]}"; do
        grep -qx "$p install ok installed" <<<"$have" || missing+=("$p")
    done
    if (( ${#missing[@]} > 0 )); then
        eco_log "apt-get install in the $suite root: ${missing[*]}"
        local log="$root.apt.log"
        if ! _eco_root_exec "$root" apt-get update -q >"$log" 2>&1 \
           || ! _eco_root_exec "$root" apt-get install -y -q "${missing[@]}" >>"$log" 2>&1; then
            tail -n 40 "$log" >&2
            eco_die "apt-get in the $suite root failed (log above)"
        fi
        _eco_root_exec "$root" apt-get clean >/dev/null 2>&1 || true
        rm -f "$log"
    fi
    [[ -x "$root/usr/lib/postgresql/$major/bin/pg_config" ]] \
        || eco_die "the $suite root has no /usr/lib/postgresql/$major/bin/pg_config"
}

# eco_ensure_host_packages PKG...: apt-get install on the host (root only).
eco_ensure_host_packages() {
    (( EUID == 0 )) || eco_die "missing on this host: $* (install it as root, or run as root)"
    eco_log "installing on the host: $*"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null \
        || eco_die "apt-get install $* failed"
}

# _eco_root_copy_checkout ROOT: put a copy of this checkout (without build
# output) at ROOT/work/ecostats, and the sample data beside it at
# ROOT/work/shared/data.  A copy, not a bind mount: roots for two majors can
# then build at the same time, and nothing of the host is writable inside.
_eco_root_copy_checkout() {
    local dest="$1/work/ecostats"
    _eco_root_check_path "$dest"
    rm -rf --one-file-system -- "$dest"
    mkdir -p "$dest"
    tar -C "$ECO_ROOT" -cf - \
        --exclude=./.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
        --exclude=./results --exclude=./log --exclude=./tmp_check \
        --exclude=./regression.diffs --exclude=./regression.out \
        --exclude=./ecostats-import --exclude=./ecostats-generate \
        --exclude='./ecostats--*.sql' . | tar -C "$dest" -xf -
    chmod 0755 "$1/work" "$dest"
    # The sample Hub data some tests read lives beside the checkout
    # (../shared/data); it goes beside the copy too.
    rm -rf --one-file-system -- "$1/work/shared"
    if [[ -d "$ECO_ROOT/../shared/data" ]]; then
        mkdir -p "$1/work/shared"
        cp -a "$ECO_ROOT/../shared/data" "$1/work/shared/data"
    fi
}

# eco_root_run MAJOR CMD...: build or reuse the root for MAJOR, copy the
# checkout to /work/ecostats in it and run CMD there (as root, in the root's
# namespaces).  Returns CMD's exit status; its output goes to stdout.
eco_root_run() {
    local major="$1"
    shift
    (( EUID == 0 )) || eco_die "PostgreSQL $major runs in a Debian root built with debootstrap and chroot: run it as root"
    command -v unshare >/dev/null || eco_die "unshare (util-linux) is missing"
    local suite base root tmp=""
    suite="$(eco_root_suite "$major")"
    [[ -n "$suite" ]] || eco_die "PostgreSQL $major: no Debian release packages it (tested majors: 15, 17, 18; 16 is built from source, not tested here)"
    if [[ -n "${ECO_ROOTS_DIR:-}" ]]; then
        mkdir -p "$ECO_ROOTS_DIR"
        base="$(realpath "$ECO_ROOTS_DIR")"
    else
        tmp="$(mktemp -d -t ecostats-root.XXXXXX)"
        base="$tmp"
    fi
    root="$base/$suite"
    # Concurrent runs sharing ECO_ROOTS_DIR take turns per root.
    exec {_eco_root_lock}>"$base/.$suite.lock"
    flock "$_eco_root_lock"
    local rc=0
    (
        _eco_root_build "$major" "$root"
        _eco_root_copy_checkout "$root"
    ) || rc=$?
    if (( rc == 0 )); then
        eco_log "running $* for PostgreSQL $major in the $suite root ($root)"
        _eco_root_exec "$root" bash -c 'cd /work/ecostats && exec "$@"' eco-root "$@" || rc=$?
    fi
    exec {_eco_root_lock}>&-
    if [[ -n "$tmp" ]]; then
        _eco_root_remove "$root"
        rm -f "$base/.$suite.lock"
        rmdir "$base" 2>/dev/null || true
    fi
    return "$rc"
}

# eco_root_run_suite MAJOR [test/run options...]: the test suite for MAJOR in
# its root (test/run --major MAJOR inside); its output ends with
# "N passed, M failed".
eco_root_run_suite() {
    local major="$1"
    shift
    eco_root_run "$major" bash test/run --major "$major" "$@"
}

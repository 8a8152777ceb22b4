# shellcheck shell=bash
#
# test/bench/lib.sh — helpers for the benchmark scripts test/bench/bench_*.sh.
# Source it:
#
#   . "$ECO_ROOT/test/bench/lib.sh"
#
# test/bench/run starts the server and exports PGHOST, PGPORT, PGUSER,
# PGDATABASE (and ECO_ROOT, ECO_TMP), so plain `psql` / bench_psql connect to
# it.  Set PGDATABASE in a bench script to benchmark in another database.
#
#   bench_psql ARGS...          psql -X -v ON_ERROR_STOP=1 -qAt ARGS...
#   bench_time_ms SQL [SETUP]   median server-side execution time of SQL, ms
#   bench_ratio A B             A/B with two decimals
#   bench_setup_session         SET statements for serial (non-parallel) runs
#   bench_python ARGS...        a python3 that can import numpy
#
# Environment: BENCH_REPEAT (default 5) measured runs per bench_time_ms.

# SET statements a caller can pass as the SETUP argument of bench_time_ms (or
# prefix to its own) to measure a plain single-process plan.  Override the
# default with BENCH_SETUP_SESSION in the environment.
# shellcheck disable=SC2034  # used by the scripts that source this file
bench_setup_session="${BENCH_SETUP_SESSION:-SET max_parallel_workers_per_gather = 0;}"

# bench_psql ARGS...: psql that prints only query results and stops on errors.
bench_psql() {
    psql -X -v ON_ERROR_STOP=1 -qAt "$@"
}

# bench_explain SQL: the EXPLAIN ANALYZE statement that times SQL server-side
# (trailing white space and semicolons dropped: SQL is embedded).
bench_explain() {
    local q="$1"
    while [[ "$q" =~ [[:space:]\;]$ ]]; do q="${q%?}"; done
    printf 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) %s;' "$q"
}

# bench_time_ms SQL [SETUP]
# Runs SETUP (e.g. "$bench_setup_session"; any statements, run once) and then
# EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) SQL once to warm up
# and BENCH_REPEAT times to measure, all in ONE psql session.  Prints the
# median "Execution Time" (server side, without client transfer) in ms with
# three decimals.  SQL is a single query; a trailing semicolon is optional.
# Note: EXPLAIN ANALYZE really executes SQL, so data-modifying queries run
# 1 + BENCH_REPEAT times.
bench_time_ms() {
    local sql="$1" setup="${2:-}" repeat="${BENCH_REPEAT:-5}" script out i
    if [[ ! "$repeat" =~ ^[1-9][0-9]*$ ]]; then
        echo "bench_time_ms: BENCH_REPEAT must be a positive integer, got '$repeat'" >&2
        return 1
    fi
    local explain
    explain="$(bench_explain "$sql")"
    script="$setup"$'\n'
    for (( i = 0; i <= repeat; i++ )); do   # run 0 is the warm-up
        script+="$explain"$'\n'
    done

    if ! out="$(bench_psql -f - <<<"$script")"; then
        echo "bench_time_ms: query failed: $sql" >&2
        return 1
    fi

    # Each EXPLAIN prints one `"Execution Time": 12.345` line; drop the
    # warm-up, take the median of the rest.
    printf '%s\n' "$out" |
        sed -n 's/.*"Execution Time": *\([0-9.eE+-]*\).*/\1/p' |
        tail -n +2 |
        sort -g |
        awk -v want="$repeat" '
            { t[NR] = $1 }
            END {
                if (NR != want) {
                    printf "bench_time_ms: expected %d timings, got %d\n", want, NR > "/dev/stderr"
                    exit 1
                }
                if (NR % 2) m = t[(NR + 1) / 2]
                else        m = (t[NR / 2] + t[NR / 2 + 1]) / 2
                printf "%.3f\n", m
            }'
}

# bench_ratio A B: prints A/B with two decimals ("inf" when B is 0).
bench_ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (b + 0 == 0) { print "inf"; exit }
        printf "%.2f\n", a / b
    }'
}

# bench_python ARGS...: run a python3 that has numpy (Debian's python3-numpy
# lives in the system python, which may not be the first python3 on PATH, e.g.
# with pyenv).  BENCH_PYTHON in the environment overrides the search.
bench_python() {
    local py candidate
    py="${BENCH_PYTHON:-}"
    if [[ -z "$py" ]]; then
        for candidate in python3 /usr/bin/python3; do
            if command -v "$candidate" >/dev/null 2>&1 \
               && "$candidate" -c 'import numpy' >/dev/null 2>&1; then
                py="$candidate"
                break
            fi
        done
    fi
    if [[ -z "$py" ]]; then
        echo "bench_python: no python3 with numpy found (apt-get install python3-numpy)" >&2
        return 1
    fi
    "$py" "$@"
}

# bench_pair_ms SQL_A SQL_B [SETUP_A] [SETUP_B]
# Times two queries alternately (A B A B …) in one session each step, so that
# a slow phase of a shared machine hits both alike; prints "median_A median_B"
# in ms.  SETUP_x are SET statements run before each timing of that query.
bench_pair_ms() {
    local a="$1" b="$2" sa="${3:-}" sb="${4:-}" repeat="${BENCH_REPEAT:-5}" i script out ea eb
    ea="$(bench_explain "$a")"
    eb="$(bench_explain "$b")"
    script=""
    for (( i = 0; i <= repeat; i++ )); do   # round 0 is the warm-up
        script+="$sa"$'\n'"$ea"$'\n'"$sb"$'\n'"$eb"$'\n'
    done
    if ! out="$(bench_psql -f - <<<"$script")"; then
        echo "bench_pair_ms: query failed: $a / $b" >&2
        return 1
    fi
    printf '%s\n' "$out" |
        sed -n 's/.*"Execution Time": *\([0-9.eE+-]*\).*/\1/p' |
        awk -v want="$repeat" '
            NR > 2 { if (NR % 2) a[++na] = $1; else b[++nb] = $1 }
            function median(v, n,   i, j, t) {
                for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
                return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
            }
            END {
                if (na != want || nb != want) {
                    printf "bench_pair_ms: expected %d timings each, got %d and %d\n", want, na, nb > "/dev/stderr"
                    exit 1
                }
                printf "%.3f %.3f\n", median(a, na), median(b, nb)
            }'
}

#!/usr/bin/env bash
#
# test/integration/30_fuzz_input.sh — a short campaign of the fuzz harness
# (test/fuzz/run): 2,000 mutated text and binary inputs for each of the six
# input functions, deterministically seeded.  Fails on a crash, an XX000,
# a SQLSTATE outside classes 22/54, a timeout, a round-trip or accessor
# failure not listed in test/fuzz/known-findings, and when a function saw
# no accepted or no rejected input (the fuzzer would not be exercising it).
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

db=eco_fuzz
work="$(mktemp -d "$ECO_TMP/fuzz.XXXXXX")"
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" -c "CREATE EXTENSION ecostats"

rc=0
PGDATABASE="$db" FUZZ_BUILD_DIR="$work/build" "$here/../fuzz/run" --seed 4242 --count 2000 \
    --known "$here/../fuzz/known-findings" --out "$work/findings" >"$work/out" 2>"$work/err" || rc=$?
cat "$work/out"
if (( rc != 0 )); then
    grep -a '^FINDING' -A1 "$work/err" | head -40 >&2 || true
    grep -av '^KNOWN\|^  input' "$work/err" | grep -av '^FINDING' | head -20 >&2 || true
    fail "fuzz harness exit status $rc"
fi
for f in distribution_in distribution_recv topk_state_in topk_state_recv lineage_in lineage_recv; do
    line="$(grep "^$f: " "$work/out")" || fail "no summary for $f"
    [[ "$line" =~ inputs=2000\  ]] || fail "$f: not 2000 inputs: $line"
    [[ ! "$line" =~ accepted=0\  ]] || fail "$f: no input accepted: the fuzzer is not exercising the parser"
    [[ ! "$line" =~ rejected=0\  ]] || fail "$f: no input rejected: the fuzzer is not exercising the errors"
done
[[ "$(psql -X -qAt -d "$db" -c 'SELECT 1')" == 1 ]] || fail "server gone"
echo "server alive; no unknown findings"

#!/usr/bin/env bash
#
# test/integration/15_stats_binary.sh — binary input of the statistics
# states canonicalises and validates exactly as the text input does
# (issue 9, point 13), and format version 1 of distribution still loads:
#   * a hand-made version 1 value with -0 and a NaN-with-payload parameter
#     loads as its canonical text form, with the bytes of that text form;
#   * a distribution with weight residuals (format version 2) makes a
#     binary round trip; non-canonical or out-of-range residuals are
#     rejected with 22P03;
#   * a topk_state whose total contradicts its values is rejected.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"

db=eco_stats_binary
work="$(mktemp -d "$ECO_TMP/statsbin.XXXXXX")"
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
psql -X -qAt -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
trap 'psql -X -qAt -d postgres -c "DROP DATABASE IF EXISTS '"$db"'" >/dev/null 2>&1 || true' EXIT
q -c "CREATE EXTENSION ecostats; CREATE TABLE one_d (d distribution); CREATE TABLE one_t (t topk_state);"

# copyfile NAME HEXDATA: a one-row, one-column binary COPY file holding HEXDATA
copyfile() {
    local out="$work/$1.bin" data="$2"
    local len=$(( ${#data} / 2 ))
    printf '%s%s%s%s%s' "5047434f50590aff0d0a00" "0000000000000000" "0001" \
        "$(printf '%08x' "$len")" "$data" | xxd -r -p > "$out"
    printf '\xff\xff' >> "$out"
    echo "$out"
}

expect_reject() {
    local table="$1" file="$2" what="$3" err
    if err=$(psql -X -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -qAt -d "$db" \
                  -c "\\copy $table FROM '$file' WITH (FORMAT binary)" 2>&1); then
        fail "$what: accepted"
    fi
    grep -q "22P03" <<<"$err" || fail "$what: wrong error: $err"
    echo "rejected with 22P03: $what ($(grep -o 'DETAIL: .*' <<<"$err" | head -1))"
}

# version 1, hand-made: count 2, one parameter NaN with payload 1, entries
# (-0, weight 1) and (1, weight 2).  The text form cannot express -0 or a
# NaN payload, so the value must arrive as 'count=2 params={NaN} {0,1:2}'.
v1=$(copyfile v1 "0100""0000000000000002""00000001""00000002""7ff8000000000001""8000000000000000""3ff0000000000000""3ff0000000000000""4000000000000000")
q -c "\\copy one_d FROM '$v1' WITH (FORMAT binary)"
[[ $(q -c "SELECT d::text FROM one_d") == "count=2 params={NaN} {0,1:2}" ]] || fail "version 1 value: $(q -c 'SELECT d::text FROM one_d')"
[[ $(q -c "SELECT distribution_send(d) = distribution_send(d::text::distribution) FROM one_d") == t ]] \
    || fail "received value differs from its own text round trip"
# it merges with its text twin into one entry per value
[[ $(q -c "SELECT distribution_merge(x)::text FROM (SELECT d AS x FROM one_d UNION ALL SELECT 'count=2 params={NaN} {0,1:2}') s") \
    == "count=4 params={NaN} {0:2,1:4}" ]] || fail "received value does not merge with its text twin"
echo "version 1 loads canonicalised (-0 → 0, NaN payload dropped), bytes equal to its text form"
q -c "TRUNCATE one_d"

# version 2: 'count=3 {1:0.6+2.7755575615628914e-17,2}' round trip; data
# offsets in the file: version 25, value1 43, weight1 51, value2 59,
# weight2 67, nres 75-78, entry 79-82, residual 83-90
q -c "\\copy (SELECT 'count=3 {1:0.6+2.7755575615628914e-17,2}'::distribution) TO '$work/v2.bin' WITH (FORMAT binary)"
[[ $(xxd -s 25 -l 1 -p "$work/v2.bin") == 02 ]] || fail "residuals not sent as version 2"
[[ $(stat -c %s "$work/v2.bin") == 93 ]] || fail "unexpected size of the version 2 COPY file"
q -c "\\copy one_d FROM '$work/v2.bin' WITH (FORMAT binary)"
[[ $(q -c "SELECT d::text FROM one_d") == "count=3 {1:0.6+2.7755575615628914e-17,2}" ]] || fail "version 2 round trip"
echo "version 2 (weight residuals) round trip identical"
q -c "TRUNCATE one_d"

n=0
put() {
    local src="$1" off="$2" out
    shift 2
    n=$((n + 1))
    out="$work/bad$n.bin"
    cp "$src" "$out"
    for b in "$@"; do
        printf "\\x$b" | dd of="$out" bs=1 seek="$off" conv=notrunc status=none
        off=$((off + 1))
    done
    echo "$out"
}
expect_reject one_d "$(put "$work/v2.bin" 83 3f e0 00 00 00 00 00 00)" "residual 0.5: not canonical"
expect_reject one_d "$(put "$work/v2.bin" 83 00 00 00 00 00 00 00 00)" "residual 0"
expect_reject one_d "$(put "$work/v2.bin" 83 7f f8 00 00 00 00 00 00)" "residual NaN"
expect_reject one_d "$(put "$work/v2.bin" 82 02)" "residual of a missing entry"
expect_reject one_d "$(put "$work/v2.bin" 78 02)" "residual count not matching the length"
expect_reject one_d "$(put "$work/v2.bin" 78 00)" "version 2 without residuals"
expect_reject one_d "$(put "$work/v2.bin" 51 7f f8 00 00 00 00 00 00)" "NaN weight"

# topk_state 'k=2 count=3 sum=6 sum_lo=0 {3,2}': sum 39, sum_lo 47
q -c "\\copy (SELECT 'k=2 count=3 sum=6 sum_lo=0 {3,2}'::topk_state) TO '$work/t.bin' WITH (FORMAT binary)"
expect_reject one_t "$(put "$work/t.bin" 39 3f f0 00 00 00 00 00 00)" "topk_state: sum 1 below the values 3 + 2"
expect_reject one_t "$(put "$work/t.bin" 39 40 40 00 00 00 00 00 00)" "topk_state: sum 32 above 3 + 2 + 1·2"
expect_reject one_t "$(put "$work/t.bin" 47 c0 14 00 00 00 00 00 00)" "topk_state: sum_lo -5 not below half an ulp"
q -c "\\copy one_t FROM '$work/t.bin' WITH (FORMAT binary)"
[[ $(q -c "SELECT t::text FROM one_t") == "k=2 count=3 sum=6 sum_lo=0 {3,2}" ]] || fail "valid topk_state did not load"
[[ $(q -c "SELECT count(*) FROM one_d") == 0 ]] || fail "a rejected value was loaded"
echo "topk_state totals checked; server alive"

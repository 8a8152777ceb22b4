#!/usr/bin/env bash
#
# test/integration/10_binary_io.sh — binary I/O of distribution and
# topk_state, through COPY … (FORMAT binary), which pg_regress cannot do:
#   * values written in binary read back with exactly the same text;
#   * every corrupted byte that matters is rejected by the receive function
#     with SQLSTATE 22P03, and the server stays up.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"

db=eco_binary_io
work="$(mktemp -d "$ECO_TMP/binio.XXXXXX")"
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
psql -X -qAt -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
trap 'psql -X -qAt -d postgres -c "DROP DATABASE IF EXISTS '"$db"'" >/dev/null 2>&1 || true' EXIT

q <<'SQL'
CREATE EXTENSION ecostats;
CREATE TABLE src (id int, d distribution, t topk_state);
SELECT setseed(0.9);
INSERT INTO src
SELECT g, distribution_agg(x, w), NULL FROM (
    SELECT g, random() * 1e6 - 5e5 AS x, floor(random() * 3) AS w
    FROM generate_series(1, 5) g, generate_series(1, 500)) s
GROUP BY g;
INSERT INTO src VALUES (6, 'count=7 params={0.25,NaN} {-0.5:1.5,1e300:2}', 'k=3 count=10 sum=55 sum_lo=1e-30 {10,9,8}'),
                       (7, 'count=0 {}', 'k=5 count=2 sum=3 sum_lo=0 {2,1}');
CREATE TABLE dst (LIKE src);
CREATE TABLE lsrc (id int, l lineage);
INSERT INTO lsrc VALUES (1, 'meta/llama'), (2, 'acme/m-q4 => quantized:acme/m; acme/m => finetune:meta/llama'),
  (3, 'm5 => merge:p1, merge:p2, merge:p5; p1 => finetune:r1; p2 => adapter:r1; p5 => unknown:"r 2 \\ \""');
CREATE TABLE ldst (LIKE lsrc);
SQL

# a full round trip
q -c "\\copy src TO '$work/all.bin' WITH (FORMAT binary)"
q -c "\\copy dst FROM '$work/all.bin' WITH (FORMAT binary)"
diff_rows=$(q -c "SELECT count(*) FROM src FULL JOIN dst USING (id)
                  WHERE src.d::text IS DISTINCT FROM dst.d::text OR src.t::text IS DISTINCT FROM dst.t::text")
[[ "$diff_rows" == 0 ]] || fail "$diff_rows rows differ after a binary round trip"
echo "binary round trip: $(q -c 'SELECT count(*) FROM dst') rows identical"
q -c "\\copy lsrc TO '$work/lin.bin' WITH (FORMAT binary)"
q -c "\\copy ldst FROM '$work/lin.bin' WITH (FORMAT binary)"
diff_rows=$(q -c "SELECT count(*) FROM lsrc FULL JOIN ldst USING (id) WHERE lsrc.l::text IS DISTINCT FROM ldst.l::text")
[[ "$diff_rows" == 0 ]] || fail "$diff_rows lineage rows differ after a binary round trip"
echo "lineage binary round trip: $(q -c 'SELECT count(*) FROM ldst') rows identical"

# One small value per file, to corrupt byte by byte.  Layout of a one-column
# binary COPY file: 19 header bytes, int16 field count, int32 length, data.
#   distribution 'count=2 {1,2}': data at 25: version 25, flags 26,
#   count 27-34, nparams 35-38, n 39-42, value1 43, weight1 51, value2 59, weight2 67
q -c "CREATE TABLE one_d (d distribution); CREATE TABLE one_t (t topk_state);"
q -c "\\copy (SELECT 'count=2 {1,2}'::distribution) TO '$work/d.bin' WITH (FORMAT binary)"
q -c "\\copy (SELECT 'k=2 count=3 sum=6 sum_lo=0 {3,2}'::topk_state) TO '$work/t.bin' WITH (FORMAT binary)"
[[ $(stat -c %s "$work/d.bin") == 77 ]] || fail "unexpected size of the distribution COPY file"

# put FILE OFFSET HEXBYTES...: overwrite bytes of a copy of FILE, print its name
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

# expect_reject TABLE FILE WHAT: loading must fail with 22P03
expect_reject() {
    local table="$1" file="$2" what="$3" err
    if err=$(psql -X -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -qAt -d "$db" \
                  -c "\\copy $table FROM '$file' WITH (FORMAT binary)" 2>&1); then
        fail "$what: accepted"
    fi
    grep -q "22P03" <<<"$err" || fail "$what: wrong error: $err"
    echo "rejected with 22P03: $what ($(grep -o 'DETAIL: .*' <<<"$err" | head -1))"
}

expect_reject one_d "$(put "$work/d.bin" 25 02)" "unknown format version"
expect_reject one_d "$(put "$work/d.bin" 26 01)" "unknown flags"
expect_reject one_d "$(put "$work/d.bin" 27 ff)" "negative count"
expect_reject one_d "$(put "$work/d.bin" 42 03)" "more distinct values than rows"
expect_reject one_d "$(put "$work/d.bin" 38 01)" "parameter count not matching the length"
expect_reject one_d "$(put "$work/d.bin" 59 3f f0 00 00 00 00 00 00)" "values not increasing"
expect_reject one_d "$(put "$work/d.bin" 51 00 00 00 00 00 00 00 00)" "zero weight"
expect_reject one_d "$(put "$work/d.bin" 51 bf f0 00 00 00 00 00 00)" "negative weight"
expect_reject one_d "$(put "$work/d.bin" 43 7f f8 00 00 00 00 00 00)" "NaN value"
expect_reject one_d "$(put "$work/d.bin" 59 7f f0 00 00 00 00 00 00)" "infinite value"
expect_reject one_d "$(put "$work/d.bin" 24 20)" "a field shorter than its header says"
# a 3-byte field (the file then ends early, and COPY reads the rest as garbage:
# only the value's own check matters here, so cut the file after the field)
short="$work/short.bin"
head -c 21 "$work/d.bin" > "$short"
printf '\x00\x00\x00\x03\x01\x00\x00\xff\xff' >> "$short"
expect_reject one_d "$short" "a value shorter than the fixed header"
#   topk_state 'k=2 count=3 sum=6 sum_lo=0 {3,2}': version 25, flags 26, k 27-30,
#   count 31-38, sum 39, sum_lo 47, n 55-58, value1 59, value2 67
expect_reject one_t "$(put "$work/t.bin" 25 07)" "topk_state: unknown format version"
expect_reject one_t "$(put "$work/t.bin" 30 00)" "topk_state: k = 0"
expect_reject one_t "$(put "$work/t.bin" 58 01)" "topk_state: fewer values than min(k, count)"
expect_reject one_t "$(put "$work/t.bin" 59 00 00 00 00 00 00 00 00)" "topk_state: values out of order"
expect_reject one_t "$(put "$work/t.bin" 39 7f f0 00 00 00 00 00 00)" "topk_state: infinite sum"

# nothing was loaded, and the server is still there
[[ $(q -c "SELECT count(*) FROM one_d") == 0 ]] || fail "a rejected value was loaded"
[[ $(q -c "SELECT 1") == 1 ]] || fail "server gone"
# the untouched files load fine
q -c "\\copy one_d FROM '$work/d.bin' WITH (FORMAT binary)"
q -c "\\copy one_t FROM '$work/t.bin' WITH (FORMAT binary)"
[[ $(q -c "SELECT d::text || ' ' || t::text FROM one_d, one_t") == "count=2 {1,2} k=2 count=3 sum=6 sum_lo=0 {3,2}" ]] \
    || fail "valid binary files did not load back"
echo "valid files load; server alive"

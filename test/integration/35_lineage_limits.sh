#!/usr/bin/env bash
#
# test/integration/35_lineage_limits.sh — the lineage layer under hostile or
# huge input, where pg_regress cannot look: binary receive, cancel and
# terminate from another session, statement_timeout inside a single long
# call, and the backend's memory.
#
#   * binary receive: an id that is not valid UTF-8 is 22021; a header
#     claiming 50,000,000 nodes or edges, an empty id, a control character
#     are 22P03 (never XX000); multibyte ids round-trip through \copy binary;
#   * lineage_build over a 100,000-deep chain (its output is quadratic,
#     billions of entries: it never finishes on its own): statement_timeout,
#     pg_cancel_backend and pg_terminate_backend all stop it, and the server
#     stays up;
#   * a big but legal text input (a 2,000,000-deep chain) is stopped by a
#     100 ms statement_timeout inside the input function: a sequence bumped
#     only after the cast returns is never bumped;
#   * memory: text input and ANALYZE stay within a bound proportional to
#     their input (the backend's VmHWM from /proc, before and after).
#
# No timing is asserted: a call that ignores interrupts makes a check fail
# by running into a generous deadline (60 s per statement), not by a
# measured duration.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"

db=eco_lineage_limits
work="$(mktemp -d "$ECO_TMP/linlim.XXXXXX")"
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
psql -X -qAt -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
bg_pids=()
cleanup() {
    local p
    for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null || true; done
    psql -X -qAt -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()" >/dev/null 2>&1 || true
    psql -X -qAt -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

alive() { [[ $(psql -X -qAt -d postgres -c "SELECT 1" 2>/dev/null) == 1 ]] || fail "server gone: $1"; }

# run_err DEADLINE SQL...: run statements in one session (verbose errors),
# print the output; fail if the session is still running after DEADLINE s
run_err() {
    local deadline="$1" rc=0
    shift
    timeout --kill-after=5 "$deadline" psql -X -v VERBOSITY=verbose -qAt -d "$db" "$@" 2>&1 || rc=$?
    (( rc != 124 && rc != 137 )) || fail "a statement ignored its interrupt for ${deadline}s: $*"
}

q <<'SQL'
CREATE EXTENSION ecostats;
SET client_min_messages = warning;
-- a chain 100,000 deep whose root has the smallest id: lineage_build would
-- write 5 * 10^9 ancestor entries
CREATE TABLE chain AS
SELECT 'c' || lpad(i::text, 6, '0') AS child, 'c' || lpad((i - 1)::text, 6, '0') AS parent, 'finetune' AS relation
FROM generate_series(1, 100000) i;
CREATE SEQUENCE probe;
CREATE FUNCTION mem(what text) RETURNS bigint LANGUAGE sql AS
$$ SELECT substring(pg_read_file('/proc/' || pg_backend_pid() || '/status') from what || ':\s*(\d+)')::bigint $$;
SQL

# --- binary receive -----------------------------------------------------------
# A one-column binary COPY file: 19 header bytes, int16 field count, int32
# length, then the value at 25: version 25, flags 26, nnodes 27-30,
# nedges 31-34, then the first id's length 35-38 and bytes from 39.
q -c "CREATE TABLE one_l (l lineage)"
q -c "\\copy (SELECT 'ab'::lineage) TO '$work/ab.bin' WITH (FORMAT binary)"
[[ $(stat -c %s "$work/ab.bin") == 43 ]] || fail "unexpected size of the lineage COPY file"

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

# expect_reject FILE SQLSTATE WHAT
expect_reject() {
    local file="$1" state="$2" what="$3" err
    if err=$(psql -X -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -qAt -d "$db" \
                  -c "\\copy one_l FROM '$file' WITH (FORMAT binary)" 2>&1); then
        fail "$what: accepted"
    fi
    grep -q "ERROR:  $state" <<<"$err" || fail "$what: wanted $state, got: $err"
    echo "rejected with $state: $what ($(grep -o 'DETAIL: .*' <<<"$err" | head -1))"
}

expect_reject "$(put "$work/ab.bin" 39 ff fe)" 22021 "an id that is not valid UTF-8"
expect_reject "$(put "$work/ab.bin" 39 c3)" 22021 "an id cut inside a UTF-8 character"
expect_reject "$(put "$work/ab.bin" 40 0a)" 22P03 "an id with a control character"
expect_reject "$(put "$work/ab.bin" 27 02 fa f0 80)" 22P03 "a header claiming 50,000,000 nodes"
expect_reject "$(put "$work/ab.bin" 31 02 fa f0 80)" 22P03 "a header claiming 50,000,000 edges"
expect_reject "$(put "$work/ab.bin" 27 7f ff ff ff)" 22P03 "a header claiming 2^31-1 nodes"
# ... also when the message is that long: 50,000,000 nodes in a 50 MB value
# used to be allocated (1.2 GB: XX000) before the ids were read
huge="$work/huge.bin"
head -c 19 "$work/ab.bin" > "$huge"
printf '\x00\x01\x02\xfa\xf0\x8a\x01\x00\x02\xfa\xf0\x80\x00\x00\x00\x00' >> "$huge"
head -c 50000000 /dev/zero >> "$huge"
printf '\xff\xff' >> "$huge"
expect_reject "$huge" 22P03 "a 50 MB value claiming 50,000,000 nodes"
rm -f "$huge"
# an empty id after a longer one (so the counts fit the length): version 1,
# flags 0, 2 nodes, 0 edges, "ab", ""; a 20-byte field
empty="$work/empty.bin"
head -c 21 "$work/ab.bin" > "$empty"
printf '\x00\x00\x00\x14\x01\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x02ab\x00\x00\x00\x00\xff\xff' >> "$empty"
expect_reject "$empty" 22P03 "an empty id"
[[ $(q -c "SELECT count(*) FROM one_l") == 0 ]] || fail "a rejected value was loaded"
alive "after the rejected binary values"

# multibyte ids round-trip, in binary and in text
q <<'SQL'
CREATE TABLE mb (id int, l lineage);
CREATE TABLE mb2 (LIKE mb);
CREATE TABLE mb3 (LIKE mb);
INSERT INTO mb VALUES (1, '"ü/modèle" => finetune:"日本 語/基盤"'), (2, '"ß x" => merge:"é", merge:"ø\"q"');
SQL
q -c "\\copy mb TO '$work/mb.bin' WITH (FORMAT binary)"
q -c "\\copy mb2 FROM '$work/mb.bin' WITH (FORMAT binary)"
q -c "\\copy mb TO '$work/mb.txt'"
q -c "\\copy mb3 FROM '$work/mb.txt'"
[[ $(q -c "SELECT count(*) FROM mb JOIN mb2 USING (id) JOIN mb3 USING (id)
           WHERE lineage_identical(mb.l, mb2.l) AND lineage_identical(mb.l, mb3.l) AND upper(lineage_node(mb2.l)) IS NOT NULL") == 2 ]] \
    || fail "multibyte ids did not round-trip"
echo "multibyte ids round-trip through binary and text COPY"

# --- statement_timeout, cancel and terminate of an endless lineage_build -------
out=$(run_err 60 -c "SET statement_timeout = '2s'" -c "SELECT count(*) FROM lineage_build('chain')")
grep -q "ERROR:  57014" <<<"$out" || fail "statement_timeout did not stop lineage_build: $out"
alive "after the statement_timeout of lineage_build"
echo "statement_timeout stops lineage_build on a 100,000-deep chain (57014)"
out=$(run_err 60 -c "SET statement_timeout = '2s'" -c "SELECT count(*) FROM lineage_build_problems('chain')" -c "SELECT 'done'")
grep -q "^done$" <<<"$out" || fail "lineage_build_problems on the chain: $out"

# start_bg NAME SQL: run SQL in the background under application_name NAME,
# wait until it is active for a second; prints the background pid
start_bg() {
    local name="$1" sql="$2" i
    PGAPPNAME="$name" psql -X -v VERBOSITY=verbose -qAt -d "$db" -c "$sql" >"$work/$name.out" 2>&1 &
    echo $! >"$work/$name.pid"
    for (( i = 0; i < 300; i++ )); do
        [[ $(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$name' AND state = 'active'") == 1 ]] && break
        sleep 0.1
    done
    (( i < 300 )) || fail "$name: the statement did not start"
    sleep 1
}
# wait_bg NAME: wait up to 60 s for the background psql to end
wait_bg() {
    local pid i
    pid=$(cat "$work/$1.pid")
    for (( i = 0; i < 600; i++ )); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" || true; return 0; }
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    fail "$1: still running 60 s after it was signalled"
}

start_bg lin_cancel "SELECT count(*) FROM lineage_build('chain')"
[[ $(q -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'lin_cancel'") == t ]] || fail "no backend to cancel"
wait_bg lin_cancel
grep -q "ERROR:  57014" "$work/lin_cancel.out" || fail "pg_cancel_backend: $(cat "$work/lin_cancel.out")"
alive "after pg_cancel_backend"
echo "pg_cancel_backend stops lineage_build (57014)"

start_bg lin_term "SELECT count(*) FROM lineage_build('chain')"
[[ $(q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lin_term'") == t ]] || fail "no backend to terminate"
wait_bg lin_term
grep -q "57P01" "$work/lin_term.out" || fail "pg_terminate_backend: $(cat "$work/lin_term.out")"
alive "after pg_terminate_backend"
echo "pg_terminate_backend ends the session running lineage_build (57P01); the server stays up"

# --- a big but legal text input, stopped inside the input function -------------
q -c "CREATE TABLE bigtext AS
      SELECT ('n0 => ' || string_agg('finetune:n' || i || CASE WHEN i < 2000000 THEN '; n' || i || ' => ' ELSE '' END, '' ORDER BY i)) AS t
      FROM generate_series(1, 2000000) i"
q -c "SELECT lineage_depth(t::lineage) FROM bigtext" >/dev/null   # legal: it loads
before=$(q -c "SELECT last_value FROM probe")
out=$(run_err 60 -c "SET statement_timeout = '100ms'" \
             -c "SELECT t::lineage IS NOT NULL AND nextval('probe') > 0 FROM bigtext")
grep -q "ERROR:  57014" <<<"$out" || fail "statement_timeout did not stop the text input: $out"
[[ $(q -c "SELECT last_value FROM probe") == "$before" ]] \
    || fail "the input function ran to its end before the statement_timeout was acted on"
echo "statement_timeout stops lineage_in inside a 2,000,000-deep input (57014, probe not bumped)"

# --- memory ------------------------------------------------------------------------
# peak_kb SETUP_SQL MEASURED_SQL: the increase of the backend's peak private
# memory (VmHWM less the growth of its shared memory) over MEASURED_SQL
peak_kb() {
    psql -X -qAt -d "$db" -v ON_ERROR_STOP=0 <<SQL 2>/dev/null | tail -1
$1
SELECT mem('VmHWM') AS hwm0, mem('RssShmem') AS shm0 \gset
$2
SELECT (mem('VmHWM') - :hwm0) - (mem('RssShmem') - :shm0);
SQL
}

# text input: 20 MB of "merge:a," (2,500,000 ids; rejected, the parent repeats)
q -c "CREATE TABLE merges AS SELECT 'n => ' || repeat('merge:a,', 2500000) || 'merge:a' AS t"
in_kb=$(( $(q -c "SELECT octet_length(t) FROM merges") / 1024 ))
kb=$(peak_kb "SELECT octet_length(t) FROM merges;" "SELECT t::lineage FROM merges;")
echo "text input of $in_kb kB (2,500,000 ids): peak +$kb kB"
(( kb < 10 * in_kb )) || fail "text input used $kb kB for $in_kb kB of input"
# a legal one: the 2,000,000-deep chain
in_kb=$(( $(q -c "SELECT octet_length(t) FROM bigtext") / 1024 ))
kb=$(peak_kb "SELECT octet_length(t) FROM bigtext;" "SELECT lineage_depth(t::lineage) FROM bigtext;")
echo "text input of $in_kb kB (a 2,000,000-deep chain): peak +$kb kB"
(( kb < 10 * in_kb )) || fail "text input used $kb kB for $in_kb kB of input"

# ANALYZE: 2,000 toasted values of about 50 kB; each sample is detoasted,
# counted and freed, so the peak is about one value plus the ancestor counts
# (keeping every detoasted sample would take 100 MB).  The values are read
# once before, so that the shared buffers holding them do not count.
q <<'SQL'
CREATE TABLE an (id int, l lineage);
INSERT INTO an
SELECT g, l FROM (SELECT ('org/model-0 => ' || string_agg('finetune:org/some-long-model-name-' || lpad(i::text, 6, '0')
                          || CASE WHEN i < 3000 THEN '; org/some-long-model-name-' || lpad(i::text, 6, '0') || ' => ' ELSE '' END, '' ORDER BY i))::lineage AS l
                  FROM generate_series(1, 3000) i) v, generate_series(1, 2000) g;
SQL
val_kb=$(( $(q -c "SELECT max(pg_column_size(l)) FROM an") / 1024 ))
tab_kb=$(( $(q -c "SELECT pg_total_relation_size('an')") / 1024 ))
kb=$(peak_kb "SELECT sum(octet_length(l::text)) FROM an;" "ANALYZE an;")
echo "ANALYZE of a $tab_kb kB table (values of $val_kb kB): peak +$kb kB"
(( kb < 65536 + 10 * val_kb )) || fail "ANALYZE used $kb kB (values of $val_kb kB, table of $tab_kb kB)"
[[ $(q -c "SELECT count(*) FROM pg_stats WHERE tablename = 'an' AND attname = 'l' AND most_common_elems IS NOT NULL") == 1 ]] \
    || fail "ANALYZE collected no statistics"

alive "at the end"
echo "server alive"

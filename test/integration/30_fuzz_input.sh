#!/usr/bin/env bash
#
# test/integration/30_fuzz_input.sh — the input functions of distribution
# and topk_state against mutated input, deterministically seeded:
#   * text: 20,000 mutations (delete, insert, replace, duplicate, truncate)
#     of valid values; each either parses to a value whose canonical text
#     reads back unchanged, or fails with 22P02 (syntax) / 22003 (range) /
#     54000 (too large) — never another SQLSTATE, never a crash;
#   * binary: 400 COPY (FORMAT binary) files (distribution, topk_state,
#     lineage) with 1–4 random bytes changed;
#     each value is either rejected with 22P03 (or 22021: a lineage id not
#     valid in the database encoding) or loads a valid value.
#
# (lineage text is fuzzed the same way.)
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"

db=eco_fuzz
work="$(mktemp -d "$ECO_TMP/fuzz.XXXXXX")"
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -c "CREATE EXTENSION ecostats"

# --- text ------------------------------------------------------------------------
out="$(q <<'SQL'
SELECT setseed(0.4242) \g /dev/null
CREATE TEMP TABLE outcome (typ text, state text, n int);
DO $$
DECLARE
    seeds text[] := ARRAY[
        'count=5 {1:2,3,7.5:2}', 'count=2 params={0.5,NaN} {-3.25:0.5}', 'count=0 {}',
        'count=9 {-1e300,0,5e-324:3,1.7976931348623157e+308:0.25}',
        'k=3 count=10 sum=55 sum_lo=0 {10,9,8}', 'k=5 count=2 sum=3 sum_lo=1e-17 {2,1}',
        'L acme/m-q4 => quantized:acme/m; acme/m => finetune:meta/llama-3',
        'L m5 => merge:p1, merge:p2, merge:p5; p1 => finetune:r1; p2 => adapter:r1; p5 => unknown:"r 2"'];
    alphabet text := '0123456789.,:{}=-+eE naNIfinity countparamsk_lo;>"\/mergeunkow';
    s text; typ text; pos int; len int; r text; canon text;
    tally jsonb := '{}';
    key text;
BEGIN
    FOR i IN 1..20000 LOOP
        s := seeds[1 + floor(random() * array_length(seeds, 1))::int];
        FOR m IN 1..(1 + floor(random() * 3))::int LOOP
            len := length(s);
            pos := 1 + floor(random() * greatest(len, 1))::int;
            CASE floor(random() * 5)::int
                WHEN 0 THEN s := overlay(s PLACING '' FROM pos FOR 1);
                WHEN 1 THEN s := overlay(s PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 0);
                WHEN 2 THEN s := overlay(s PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 1);
                WHEN 3 THEN s := overlay(s PLACING substr(s, pos, 1 + floor(random() * 6)::int) FROM pos FOR 0);
                ELSE s := left(s, pos);
            END CASE;
        END LOOP;
        typ := CASE WHEN s LIKE 'k%' THEN 'topk_state' WHEN s LIKE 'L %' THEN 'lineage' ELSE 'distribution' END;
        IF typ = 'lineage' THEN s := substr(s, 3); END IF;
        BEGIN
            EXECUTE format('SELECT %L::%s::text', s, typ) INTO r;
            EXECUTE format('SELECT %L::%s::text', r, typ) INTO canon;
            IF canon IS DISTINCT FROM r THEN
                RAISE EXCEPTION 'not canonical: % -> % -> %', s, r, canon;
            END IF;
            key := typ || ' ok';
        EXCEPTION WHEN OTHERS THEN
            IF SQLERRM LIKE 'not canonical:%' THEN RAISE; END IF;
            key := typ || ' ' || SQLSTATE;
        END;
        tally := jsonb_set(tally, ARRAY[key], to_jsonb(coalesce((tally ->> key)::int, 0) + 1));
    END LOOP;
    INSERT INTO outcome SELECT split_part(k, ' ', 1), split_part(k, ' ', 2), v::int FROM jsonb_each_text(tally) t(k, v);
END $$;
SELECT typ || ' ' || state || ' ' || n FROM outcome ORDER BY 1;
SQL
)"
echo "text mutations (type, outcome, count):"
sed 's/^/  /' <<<"$out"
bad="$(awk '$2 != "ok" && $2 != "22P02" && $2 != "22003" && $2 != "54000"' <<<"$out")"
[[ -z "$bad" ]] || fail "unexpected SQLSTATEs: $bad"
grep -q "distribution ok" <<<"$out" || fail "no mutation parsed at all: the fuzzer is not exercising the parser"
grep -q "distribution 22P02" <<<"$out" || fail "no mutation was rejected: the fuzzer is not exercising the errors"
grep -q "lineage ok" <<<"$out" && grep -q "lineage 22P02" <<<"$out" || fail "lineage inputs were not exercised both ways"

# --- binary --------------------------------------------------------------------------
q -c "CREATE TABLE d (v distribution); CREATE TABLE t (v topk_state); CREATE TABLE l (v lineage)"
q -c "\\copy (SELECT 'count=9 params={0.25} {-2.5:1.5,0,7,1e300:3}'::distribution) TO '$work/d.bin' WITH (FORMAT binary)"
q -c "\\copy (SELECT 'k=4 count=6 sum=20 sum_lo=0 {9,5,3,2}'::topk_state) TO '$work/t.bin' WITH (FORMAT binary)"
q -c "\\copy (SELECT 'm => merge:a, merge:b; a => finetune:r; b => adapter:r'::lineage) TO '$work/l.bin' WITH (FORMAT binary)"
RANDOM=4242
script="$work/load.sql"
: > "$script"
for i in $(seq 1 400); do
    case $(( i % 3 )) in
        0) src="$work/d.bin"; table=d ;;
        1) src="$work/t.bin"; table=t ;;
        *) src="$work/l.bin"; table=l ;;
    esac
    f="$work/b$i.bin"
    cp "$src" "$f"
    size=$(stat -c %s "$src")
    # the value's bytes start at 25 and end before the 2-byte trailer
    for (( k = 0; k < 1 + RANDOM % 4; k++ )); do
        off=$(( 25 + RANDOM % (size - 27) ))
        # RANDOM is read here, not in a subshell (bash reseeds it in subshells)
        printf -v hex '%02x' $(( RANDOM % 256 ))
        printf "\\x$hex" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
    done
    echo "\\copy $table FROM '$f' WITH (FORMAT binary)" >> "$script"
done
errs="$(psql -X -v VERBOSITY=verbose -qAt -d "$db" -f "$script" 2>&1 >/dev/null | grep -o 'ERROR:  [0-9A-Z]\{5\}' | sort | uniq -c || true)"
echo "binary mutations: $(q -c 'SELECT (SELECT count(*) FROM d) + (SELECT count(*) FROM t) + (SELECT count(*) FROM l)') loaded, rejected by SQLSTATE:"
sed 's/^/  /' <<<"$errs"
others="$(grep -v 'ERROR:  22P03\|ERROR:  22021' <<<"$errs" | grep . || true)"
[[ -z "$others" ]] || fail "binary input failed with other SQLSTATEs: $others"
[[ -n "$errs" ]] || fail "no binary mutation was rejected: the fuzzer is not exercising recv"
# whatever loaded is a valid value: its text reads back the same
notcanon="$(q -c "SELECT (SELECT count(*) FROM d WHERE v::text::distribution::text <> v::text)
                         + (SELECT count(*) FROM t WHERE v::text::topk_state::text <> v::text)
                         + (SELECT count(*) FROM l WHERE v::text::lineage::text <> v::text)")"
[[ "$notcanon" == 0 ]] || { q -c "SELECT 'd', v::text FROM d WHERE v::text::distribution::text <> v::text UNION ALL SELECT 't', v::text FROM t WHERE v::text::topk_state::text <> v::text UNION ALL SELECT 'l', v::text FROM l WHERE v::text::lineage::text <> v::text" >&2; fail "loaded binary values do not round-trip through text"; }
[[ "$(q -c 'SELECT 1')" == 1 ]] || fail "server gone"
echo "server alive; every loaded value valid and canonical"

#!/usr/bin/env bash
#
# test/integration/45_import_hardening.sh — the importer under damaged,
# hostile or huge input, and the two storage routes giving one result.
#
#   * truncated gzip (no trailer; the second member cut short; a cut at a
#     sync-flush point, where everything before it decodes cleanly): the
#     client exits 2 and, with --prune, deletes nothing; the server-side
#     reader refuses the same files; a whole two-member file imports all;
#   * a record over 64 MB: the client stops before sending it (exit 2), as
#     the server does (54000), for JSON Lines and for a JSON array;
#   * ids that lineage cannot hold (a control character, over 1,024 bytes)
#     in a model id or a base model are the record's problem at import time
#     (its line and reason; on_error honoured) and hub.refresh() still runs;
#   * 10 GB of "," after "[" and 10 GB of leading newlines (gzip members
#     of 1 MB each) stop at statement_timeout; 100,000 base-model tags in
#     one record (quadratic before: 12 s for 50,000) finish inside a
#     statement_timeout a hundred times what they take, with each distinct
#     parent once and the explicit relation kept; 50,000 dataset task
#     categories likewise;
#   * one semantics for both storage routes: the same sequence of imports
#     into tables with user-added columns (defaults, NOT NULL DEFAULT now(),
#     an identity column) through the direct route and, with a statement
#     trigger that forces it, the SQL route gives the same rows; a row
#     written between two chunks of one transaction (also from a CTE of the
#     chunk's own statement) is updated, not a 23505; chunks in separate
#     transactions; a rule on hub.models gives the SQL route's error.
#
# No duration is asserted except as an interrupt or complexity bound with a
# wide margin: a statement that ignores its interrupt runs into the 60 s
# deadline of run_err.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"
command -v ecostats-import >/dev/null || fail "ecostats-import is not installed"
command -v python3 >/dev/null || fail "python3 is needed (test/run installs it)"

db=eco_import_hard
work="$(mktemp -d "$ECO_TMP/imphard.XXXXXX")"
chmod 755 "$work"
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
cleanup() {
    psql -X -qAt -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname LIKE 'eco_import_hard%' AND pid <> pg_backend_pid()" >/dev/null 2>&1 || true
    admin -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS ${db}_sql" -c "DROP DATABASE IF EXISTS ${db}_direct" || true
}
trap cleanup EXIT
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -c "SET client_min_messages = warning" -c "CREATE EXTENSION ecostats_hub CASCADE"

# run_err DEADLINE ARGS...: psql with verbose errors; fail if still running after DEADLINE s
run_err() {
    local deadline="$1" rc=0
    shift
    timeout --kill-after=5 "$deadline" psql -X -v VERBOSITY=verbose -qAt -d "$db" "$@" 2>&1 || rc=$?
    (( rc != 124 && rc != 137 )) || fail "a statement ignored its interrupt for ${deadline}s: $*"
}
state() { q -c "SELECT count(*) || '/' || coalesce(sum(downloads), 0) || '/' || (SELECT count(*) FROM hub.model_history) || '/' || (SELECT count(*) FROM hub.model_edges) FROM hub.models"; }

# --- truncated gzip -------------------------------------------------------------------
seq 1 20000 | awk '{ printf "{\"id\": \"org%d/m%d\", \"downloads\": %d, \"tags\": [\"base_model:org0/root\"]}\n", $1 % 50, $1, $1 }' > "$work/all.jsonl"
head -n 10000 "$work/all.jsonl" > "$work/first.jsonl"
tail -n 10000 "$work/all.jsonl" > "$work/second.jsonl"
gzip -c "$work/all.jsonl" > "$work/all.jsonl.gz"
# no trailer: the last 8 bytes (CRC and length) gone
size=$(stat -c %s "$work/all.jsonl.gz")
head -c $((size - 8)) "$work/all.jsonl.gz" > "$work/no-trailer.gz"
# two members, the second cut in half
gzip -c "$work/first.jsonl" > "$work/two.gz"
gzip -c "$work/second.jsonl" > "$work/second.gz"
cp "$work/two.gz" "$work/member-cut.gz"
head -c $(($(stat -c %s "$work/second.gz") / 2)) "$work/second.gz" >> "$work/member-cut.gz"
cat "$work/second.gz" >> "$work/two.gz"
# a sync flush after 12,000 rows, the file cut right there: all before it decodes
python3 - "$work/all.jsonl" "$work/sync-cut.gz" <<'PY'
import sys, zlib
lines = open(sys.argv[1], 'rb').read().splitlines(keepends=True)
c = zlib.compressobj(6, zlib.DEFLATED, 31)
out = c.compress(b''.join(lines[:12000])) + c.flush(zlib.Z_SYNC_FLUSH)
open(sys.argv[2], 'wb').write(out)
d = zlib.decompressobj(31)
assert d.decompress(out).count(b'\n') == 12000   # a lenient reader sees 12,000 whole rows
PY

ecostats-import -q -d "$db" --snapshot 2025-01-01 "$work/all.jsonl.gz" >/dev/null || fail "the whole gzip file did not import"
before="$(state)"
[[ "$before" == "20000/200010000/20000/20000" ]] || fail "the whole file: $before"
for f in no-trailer member-cut sync-cut; do
    for prune in "" --prune; do
        set +e
        out="$(ecostats-import -q -d "$db" --snapshot 2025-02-01 $prune "$work/$f.gz" 2>&1)"
        rc=$?
        set -e
        [[ $rc == 2 ]] || fail "client, $f.gz $prune: exit $rc, expected 2: $out"
        grep -q "truncated" <<<"$out" || fail "client, $f.gz: the message does not say truncated: $out"
        grep -q "nothing was imported" <<<"$out" || fail "client, $f.gz: no 'nothing was imported': $out"
        [[ "$(state)" == "$before" ]] || fail "client, $f.gz $prune: the tables changed: $(state), before $before"
    done
    out="$(run_err 60 -c "SELECT hub.import_models('$work/$f.gz', snapshot => '2025-02-01', prune => true)")"
    grep -q "22P02" <<<"$out" && grep -q "truncated" <<<"$out" || fail "server, $f.gz: $out"
    [[ "$(state)" == "$before" ]] || fail "server, $f.gz: the tables changed"
done
echo "truncated gzip (no trailer, a member cut, a sync-flush cut at 12,000 of 20,000 rows): client exit 2, server 22P02, nothing changed, --prune deleted nothing"
ecostats-import -q -d "$db" --snapshot 2025-02-01 --prune "$work/two.gz" >/dev/null || fail "a whole two-member gzip file"
[[ "$(q -c "SELECT count(*) FROM hub.models WHERE last_snapshot = '2025-02-01'")" == 20000 ]] || fail "two members: not all 20,000 rows"
q -c "SELECT hub.import_models('$work/two.gz', snapshot => '2025-03-01', prune => true)" >/dev/null
[[ "$(q -c "SELECT count(*) FROM hub.models WHERE last_snapshot = '2025-03-01'")" == 20000 ]] || fail "server, two members: not all 20,000 rows"
echo "a whole two-member gzip file: 20,000 rows through the client and the server"

# --- a record over 64 MB --------------------------------------------------------------
{ printf '{"id": "a/small"}\n{"id": "a/big", "cardData": {"x": "'; head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' a; printf '"}}\n'; } > "$work/big.jsonl"
{ printf '[{"id": "a/small"},\n{"id": "a/big", "cardData": {"x": "'; head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' a; printf '"}}]\n'; } > "$work/big.json"
before="$(state)"
for f in big.jsonl big.json; do
    set +e
    out="$(ecostats-import -q -d "$db" --on-error skip "$work/$f" 2>&1)"
    rc=$?
    set -e
    [[ $rc == 2 ]] || fail "client, a 65 MB record in $f: exit $rc, expected 2: $out"
    grep -q "line 2" <<<"$out" && grep -q "longer than 67108864 bytes" <<<"$out" || fail "client, $f: $out"
    out="$(run_err 60 -c "SELECT hub.import_models('$work/$f', 'skip')")"
    grep -q "54000" <<<"$out" && grep -q "line 2" <<<"$out" || fail "server, a 65 MB record in $f: $out"
done
[[ "$(state)" == "$before" ]] || fail "a 65 MB record: something landed"
rm -f "$work/big.jsonl" "$work/big.json"
echo "a 65 MB record: the client stops at line 2 (exit 2) as the server does (54000), JSON Lines and array"

# --- ids that lineage cannot hold -----------------------------------------------------
long="$(head -c 1100 /dev/zero | tr '\0' x)"
cat > "$work/ids.jsonl" <<JSON
{"id": "ok/one", "tags": ["base_model:ok/root"]}
{"id": "ok/two", "tags": ["base_model:bad\u0001parent"]}
{"id": "ok/three", "cardData": {"base_model": "$long"}}
{"id": "bad\u0007model"}
{"id": "ok/four", "baseModels": {"relation": "finetune", "models": [{"id": "tab\tparent"}]}}
JSON
out="$(run_err 60 -c "SELECT hub.import_models('$work/ids.jsonl', snapshot => '2025-04-01')")"
grep -q "22P02" <<<"$out" && grep -q 'line 2 of' <<<"$out" && grep -q "control characters" <<<"$out" || fail "a control character in a base model, on_error stop: $out"
[[ "$(q -c "SELECT count(*) FROM hub.models WHERE last_snapshot = '2025-04-01'")" == 0 ]] || fail "on_error stop: something landed"
[[ "$(q -c "SELECT hub.import_models('$work/ids.jsonl', 'skip', '2025-04-01')")" == 1 ]] || fail "on_error skip: one record should land"
got="$(q -c "SELECT string_agg(line || ':' || reason, ' | ' ORDER BY line) FROM hub.import_rejects WHERE import_id = (SELECT max(import_id) FROM hub.imports)")"
want='2:base model "bad'$'\x01''parent": an id must not contain control characters | 3:base model "'"${long:0:60}"'...": an id must not be longer than 1024 bytes | 4:model id "bad'$'\x07''model": an id must not contain control characters | 5:base model "tab'$'\t''parent": an id must not contain control characters'
[[ "$got" == "$want" ]] || fail "rejects: '$got'"
q -c "SET client_min_messages = warning" -c "SELECT hub.refresh()" >/dev/null || fail "hub.refresh() after the import"
[[ "$(q -c "SELECT count(*) FROM hub.models WHERE lineage IS NOT NULL AND id = 'ok/one'")" == 1 ]] || fail "refresh: ok/one has no lineage"
# the client route: the same rules
set +e
out="$(ecostats-import -q -d "$db" --snapshot 2025-04-02 "$work/ids.jsonl" 2>&1)"; rc=$?
set -e
[[ $rc == 4 ]] && grep -q "line 2" <<<"$out" || fail "client, a control character: exit $rc: $out"
echo "ids lineage cannot hold: each record's problem at import (line and reason; stop and skip; client too); hub.refresh() runs"

# --- floods and long records: interrupts and linear time ------------------------------
python3 - "$work" <<'PY'
import sys, zlib, os
work = sys.argv[1]
def member(data):
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()
for name, head, fill in (("commas", b"[", b","), ("newlines", b"", b"\n")):
    mb = member(fill * (1 << 20))
    with open(os.path.join(work, name + ".gz"), "wb") as f:
        f.write(member(head))
        f.write(mb * 10240)          # 10 GB once inflated
PY
for f in commas newlines; do
    out="$(run_err 60 -c "SET statement_timeout = '2s'" -c "SELECT hub.import_models('$work/$f.gz')")"
    grep -q "57014" <<<"$out" || fail "10 GB of $f: not stopped by statement_timeout: $out"
done
rm -f "$work/commas.gz" "$work/newlines.gz"
echo "10 GB of ',' after '[' and 10 GB of leading newlines (gzip): stopped by statement_timeout"

python3 - "$work" <<'PY'
import sys, json, os
work = sys.argv[1]
n = 100000
tags = ["base_model:p/m%d" % i for i in range(n)] + ["base_model:p/m%d" % i for i in range(0, n, 2)]
rec = {"id": "many/tags", "tags": tags,
       "baseModels": {"relation": "merge", "models": [{"id": "p/m7"}]},
       "cardData": {"base_model": ["p/m%d" % i for i in range(0, 40)], "base_model_relation": "quantized"}}
open(os.path.join(work, "tags.jsonl"), "w").write(json.dumps(rec) + "\n")
cats = ["task_categories:c%d" % (i % 50000) for i in range(100000)]
open(os.path.join(work, "cats.jsonl"), "w").write(json.dumps({"id": "many/cats", "tags": cats,
    "cardData": {"task_categories": ["c1", "zz"]}}) + "\n")
PY
out="$(run_err 60 -c "SET statement_timeout = '20s'" -c "SELECT hub.import_models('$work/tags.jsonl')" \
    -c "SELECT count(*), count(DISTINCT parent), count(*) FILTER (WHERE relation = 'merge' AND parent = 'p/m7'), count(*) FILTER (WHERE relation = 'quantized'), count(*) FILTER (WHERE relation IS NULL) FROM hub.model_edges WHERE child = 'many/tags'")"
grep -q "^100000|100000|1|39|99960$" <<<"$out" || fail "100,000 base-model tags: $out"
out="$(run_err 60 -c "SET statement_timeout = '20s'" -c "SELECT hub.import_datasets('$work/cats.jsonl')" \
    -c "SELECT cardinality(task_categories), task_categories[1:2], task_categories[3], task_categories[50001] FROM hub.datasets WHERE id = 'many/cats'")"
grep -q "^50001|{c1,zz}|c0|c49999$" <<<"$out" || fail "100,000 dataset task categories: $out"
echo "100,000 base-model tags (150,000 with repeats): 100,000 edges, explicit relations kept; 100,000 task categories: 50,001 distinct in order"

# --- one semantics for both storage routes --------------------------------------------
# run the same script against a database where the direct route applies and
# one where a statement trigger forces the SQL route; compare every row
admin -c "DROP DATABASE IF EXISTS ${db}_sql" -c "CREATE DATABASE ${db}_sql" -c "DROP DATABASE IF EXISTS ${db}_direct" -c "CREATE DATABASE ${db}_direct"
printf '{"id": "r/x", "downloads": 1, "tags": ["base_model:r/p"]}\n' > "$work/x.jsonl"
printf '{"id": "r/x", "downloads": 2}\n{"id": "r/z", "downloads": 3, "tags": ["base_model:r/x"]}\n' > "$work/x2.jsonl"
routes() {
    local d="$1" force="$2"
    psql -X -v ON_ERROR_STOP=1 -qAt -d "$d" <<SQL
SET client_min_messages = warning;
CREATE EXTENSION ecostats_hub CASCADE;
ALTER TABLE hub.models ADD COLUMN note text DEFAULT 'x',
                       ADD COLUMN stamp timestamptz NOT NULL DEFAULT now(),
                       ADD COLUMN seq bigint GENERATED BY DEFAULT AS IDENTITY,
                       ADD COLUMN checked int DEFAULT 1 CHECK (checked > 0);
ALTER TABLE hub.model_history ADD COLUMN hnote text DEFAULT 'h';
ALTER TABLE hub.model_edges ADD COLUMN enote text DEFAULT 'e';
CREATE TABLE route_log (n int);
CREATE FUNCTION log_route() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN INSERT INTO public.route_log VALUES (1); RETURN NULL; END \$\$;
$( [[ $force == sql ]] && echo "CREATE TRIGGER force_sql AFTER INSERT ON hub.models FOR EACH STATEMENT EXECUTE FUNCTION log_route();" )
SELECT hub.import_models('$work/x.jsonl', snapshot => '2025-01-01');
UPDATE hub.models SET note = 'mine' WHERE id = 'r/x';
SELECT hub.import_models('$work/x2.jsonl', snapshot => '2025-01-02');
-- one transaction: a chunk, a row of the user's, a chunk that updates it
BEGIN;
SELECT hub.import_chunk(hub.import_begin('models', 't', 'stop', '2025-01-03'), '{"id": "t/x"}');
INSERT INTO hub.models (id, downloads) VALUES ('t/y', 7);
SELECT hub.import_chunk(max(import_id), '{"id": "t/y", "downloads": 8}') FROM hub.imports WHERE finished_at IS NULL;
WITH w AS (INSERT INTO hub.models (id, downloads) VALUES ('t/w', 9) RETURNING 1)
SELECT hub.import_chunk((SELECT max(import_id) FROM hub.imports WHERE finished_at IS NULL), '{"id": "t/w", "downloads": 10}') FROM w;
INSERT INTO hub.model_history (id, snapshot, downloads) VALUES ('t/v', '2025-01-03', 1);
SELECT hub.import_chunk(max(import_id), '{"id": "t/v", "downloads": 11}') FROM hub.imports WHERE finished_at IS NULL;
SELECT hub.import_end(max(import_id)) FROM hub.imports WHERE finished_at IS NULL;
COMMIT;
-- one import, chunks in separate transactions
SELECT hub.import_begin('models', 't', 'stop', '2025-01-04') AS imp \gset
SELECT hub.import_chunk(:imp, '{"id": "u/a", "downloads": 1}');
SELECT hub.import_chunk(:imp, '{"id": "u/a", "downloads": 2}\n{"id": "u/b"}');
BEGIN;
SELECT hub.import_chunk(:imp, '{"id": "u/b", "downloads": 5, "tags": ["base_model:u/a"]}');
SAVEPOINT s;
SELECT hub.import_chunk(:imp, '{"id": "u/c"}');
ROLLBACK TO SAVEPOINT s;
SELECT hub.import_chunk(:imp, '{"id": "u/c", "downloads": 6}');
COMMIT;
SELECT hub.import_end(:imp);
SQL
}
out_direct="$(routes "${db}_direct" direct 2>&1)" || fail "direct route script: $out_direct"
out_sql="$(routes "${db}_sql" sql 2>&1)" || fail "SQL route script: $out_sql"
[[ "$(psql -X -qAt -d "${db}_direct" -c "SELECT count(*) FROM route_log")" == 0 ]] || fail "the direct database went through the SQL route"
[[ "$(psql -X -qAt -d "${db}_sql" -c "SELECT count(*) FROM route_log")" -gt 0 ]] || fail "the trigger did not force the SQL route"
rows() {
    psql -X -qAt -d "$1" -c "SELECT id, downloads, note, stamp IS NOT NULL, checked, first_snapshot, last_snapshot, base_models FROM hub.models ORDER BY id" \
        -c "SELECT id, snapshot, downloads, hnote FROM hub.model_history ORDER BY 1, 2" \
        -c "SELECT child, parent, relation, source, enote FROM hub.model_edges ORDER BY 1, 2" \
        -c "SELECT count(DISTINCT seq) = count(*) FROM hub.models"
}
a="$(rows "${db}_direct")"
b="$(rows "${db}_sql")"
[[ "$a" == "$b" ]] || { diff <(echo "$a") <(echo "$b") >&2; fail "the direct and the SQL route gave different rows"; }
grep -q "^r/x|2|mine|t|1|2025-01-01|2025-01-02|$" <<<"$a" || fail "r/x: $a"
grep -q "^r/z|3|x|t|1|2025-01-02|2025-01-02|{r/x}$" <<<"$a" || fail "r/z: $a"
grep -q "^t/y|8|x|t|1|" <<<"$a" && grep -q "^t/w|10|x|t|1|" <<<"$a" || fail "rows written between chunks: $a"
grep -q "^t/v|2025-01-03|11|h$" <<<"$a" || fail "history row written between chunks: $a"
grep -q "^u/c|6|" <<<"$a" && grep -q "^u/b|u/a||tags|e$" <<<"$a" || fail "chunks across transactions: $a"
echo "direct and SQL route: the same rows (defaults, NOT NULL DEFAULT now(), identity, CHECK; rows written between chunks, also in a CTE; chunks across transactions and savepoints)"
# a rule: both routes give PostgreSQL's own answer to ON CONFLICT on a table with rules
q -c "CREATE RULE keep AS ON INSERT TO hub.models DO ALSO NOTIFY hub_models"
out="$(run_err 60 -c "SELECT hub.import_models('$work/x.jsonl')")"
grep -q "0A000" <<<"$out" || fail "a rule on hub.models: $out"
echo "a rule on hub.models: the direct route does not bypass it (0A000 as the SQL route gives)"

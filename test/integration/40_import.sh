#!/usr/bin/env bash
#
# test/integration/40_import.sh — hub.import_models and hub.import_datasets on files:
#   * the field mapping of every Hub API shape, from handwritten records
#     whose expected rows were written down by hand;
#   * JSON Lines and one JSON array give the same rows;
#   * a newer snapshot updates rows and adds history; the same snapshot
#     again changes nothing;
#   * every kind of bad input: with on_error 'stop' nothing lands and the
#     error names the line; with 'skip' each bad record is in
#     hub.import_rejects with its line and reason and the rest lands;
#   * privileges (42501 with a hint naming the client path);
#   * a real sample (../shared/data/api, when present; otherwise the check is
#     reported as skipped) against a plain-SQL
#     reading of the same file;
#   * the authors seed covers the 150 namespaces with the most downloads in
#     the real top-1000 sample (ranked in SQL), but for those doc/hub.md lists
#     as not seeded.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_ROOT, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
# a check that needs what is not there: named on a SKIP line, which test/run counts
eco_skip() { echo "SKIP: $1: $2"; }
: "${ECO_TMP:?run this through test/run}"
ECO_SHARED_DATA="${ECO_SHARED_DATA:-$ECO_ROOT/../shared/data}"

db=eco_import
files="$(mktemp -d "$ECO_TMP/import.XXXXXX")"
chmod 755 "$files"
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
# qerr SQL: run, expect an error; print "SQLSTATE: message"
qerr() {
    local out
    if out=$(psql -X -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -qAt -d "$db" -c "$1" 2>&1); then
        fail "expected an error from: $1"
    fi
    grep -m1 -o 'ERROR:  .*' <<<"$out" | sed 's/^ERROR:  //'
}
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" -c "DROP ROLE IF EXISTS eco_import_nobody" || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -c "CREATE EXTENSION ecostats_hub CASCADE"

# --- the mapping --------------------------------------------------------------------
cat > "$files/map.jsonl" <<'JSON'
{"id": "acme/base-7b", "author": "acme", "createdAt": "2024-01-02T03:04:05.000Z", "lastModified": "2024-02-03T04:05:06Z", "downloads": 1000, "downloadsAllTime": 50000, "likes": 12, "trendingScore": 3.5, "pipeline_tag": "text-generation", "library_name": "transformers", "gated": false, "tags": ["transformers", "license:mit"], "safetensors": {"total": 7000000000}, "cardData": {"license": ["apache-2.0", "mit"], "language": ["en", "fr"]}}
{"modelId": "bob/ft", "downloads": 5, "tags": ["base_model:acme/base-7b", "base_model:finetune:acme/base-7b"], "gguf": {"total": 123}, "gated": "manual"}

{"id": "carol/merge", "cardData": {"base_model": ["acme/base-7b", "bob/ft"], "base_model_relation": "merge", "language": "de"}, "tags": ["base_model:acme/base-7b"]}
{"id": "dave/q", "baseModels": {"relation": "quantized", "models": [{"id": "bob/ft"}]}, "cardData": {"base_model": "bob/ft"}, "likes": 0}
{"id": "erin/self", "tags": ["base_model:erin/self", "base_model:unknownrel:x/y"]}
JSON
[[ "$(q -c "SELECT hub.import_models('$files/map.jsonl', snapshot => '2025-01-01')")" == 5 ]] || fail "mapping: 5 records expected"
got="$(psql -X -qAt -d "$db" -F '|' -c "SET timezone = 'UTC'" -c "SELECT id, author, created_at, last_modified, downloads, downloads_all_time, likes, trending_score, pipeline_tag, library_name, license, tags, languages, params, gated, base_models FROM hub.models ORDER BY id")"
want="acme/base-7b|acme|2024-01-02 03:04:05+00|2024-02-03 04:05:06+00|1000|50000|12|3.5|text-generation|transformers|apache-2.0,mit|{transformers,license:mit}|{en,fr}|7000000000|false|
bob/ft|bob|||5|||||||{base_model:acme/base-7b,base_model:finetune:acme/base-7b}||123|manual|{acme/base-7b}
carol/merge|carol||||||||||{base_model:acme/base-7b}|{de}|||{acme/base-7b,bob/ft}
dave/q|dave|||||0|||||||||{bob/ft}
erin/self|erin||||||||||{base_model:erin/self,base_model:unknownrel:x/y}||||{unknownrel:x/y}"
if [[ "$got" != "$want" ]]; then
    diff <(echo "$want") <(echo "$got") >&2 || true
    fail "mapped rows differ from the hand-written expectation"
fi
echo "mapping: 5 records mapped as expected"
edges="$(q -F '|' -c "SELECT child, parent, coalesce(relation, '-'), source FROM hub.model_edges ORDER BY child, parent")"
want_edges="bob/ft|acme/base-7b|finetune|tags
carol/merge|acme/base-7b|merge|cardData
carol/merge|bob/ft|merge|cardData
dave/q|bob/ft|quantized|baseModels
erin/self|unknownrel:x/y|-|tags"
[[ "$edges" == "$want_edges" ]] || { diff <(echo "$want_edges") <(echo "$edges") >&2 || true; fail "edges differ"; }
echo "edges: explicit relations beat unknown ones, self-references dropped"

# --- JSON array gives the same rows ------------------------------------------------------
snap() { q -c "SELECT md5(string_agg((to_jsonb(m) - 'last_import')::text, ';' ORDER BY id)) FROM hub.models m"; }
before="$(snap)"
{ echo "["; grep -v '^$' "$files/map.jsonl" | sed '$!s/$/,/'; echo "]"; } > "$files/map.json"
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
[[ "$(q -c "SELECT hub.import_models('$files/map.json', snapshot => '2025-01-01')")" == 5 ]] || fail "array: 5 records expected"
[[ "$(snap)" == "$before" ]] || fail "the JSON array gave other rows than the JSON Lines file"
echo "JSON array = JSON Lines"

# --- snapshots --------------------------------------------------------------------------
sed 's/"downloads": 1000/"downloads": 2000/' "$files/map.jsonl" > "$files/map2.jsonl"
q -c "SELECT hub.import_models('$files/map2.jsonl', snapshot => '2025-02-01')" >/dev/null
[[ "$(q -c "SELECT downloads FROM hub.models WHERE id = 'acme/base-7b'")" == 2000 ]] || fail "newer snapshot did not update"
[[ "$(q -c "SELECT string_agg(snapshot || ':' || downloads, ',' ORDER BY snapshot) FROM hub.model_history WHERE id = 'acme/base-7b'")" == "2025-01-01:1000,2025-02-01:2000" ]] \
    || fail "history of downloads per snapshot is wrong"
h1="$(q -c "SELECT md5(string_agg(h::text, ';' ORDER BY id, snapshot)) FROM hub.model_history h")$(snap)"
q -c "SELECT hub.import_models('$files/map2.jsonl', snapshot => '2025-02-01')" >/dev/null
[[ "$(q -c "SELECT md5(string_agg(h::text, ';' ORDER BY id, snapshot)) FROM hub.model_history h")$(snap)" == "$h1" ]] \
    || fail "re-running the same snapshot changed something"
echo "snapshots: update by id, history per snapshot, same snapshot twice changes nothing"

# --- bad input -------------------------------------------------------------------------
count_all() { q -c "SELECT (SELECT count(*) FROM hub.models) || '/' || (SELECT count(*) FROM hub.imports) || '/' || (SELECT count(*) FROM hub.model_history)"; }
good='{"id": "ok/one", "downloads": 1}'
bad_case() {   # name, bad line (as printf format), expected reason fragment
    local name="$1" line="$2" reason="$3" f="$files/bad_$1.jsonl" before err n
    { echo "$good"; printf "$line\n"; echo '{"id": "ok/two"}'; } > "$f"
    before="$(count_all)"
    err="$(qerr "SELECT hub.import_models('$f')")"
    [[ "$err" == *"line 2"* && "$err" == *"$reason"* ]] || fail "$name: stop error is '$err'"
    [[ "$(count_all)" == "$before" ]] || fail "$name: something landed despite on_error 'stop'"
    n="$(q -c "SELECT hub.import_models('$f', 'skip')")"
    [[ "$n" == 2 ]] || fail "$name: skip imported $n records, expected 2"
    [[ "$(q -c "SELECT line || ':' || (reason LIKE '%$reason%') || ':' || (raw IS NOT NULL) FROM hub.import_rejects WHERE import_id = (SELECT max(import_id) FROM hub.imports)")" == "2:true:true" ]] \
        || fail "$name: reject not recorded with line 2 and reason"
    echo "bad input '$name': stop -> $err; skip -> rejected at line 2"
}
bad_case malformed '{"id": "x", "downloads": }' "malformed JSON"
bad_case invalid_utf8 '{"id": "x\xff\xfe"}' "not valid UTF-8"
bad_case nul_byte '{"id": "x\x00y"}' "NUL byte"
bad_case u0000 '{"id": "x\\u0000y"}' "u0000"
bad_case wrong_type '{"id": "x", "downloads": "12"}' '"downloads" must be a number'
bad_case negative '{"id": "x", "likes": -3}' '"likes" must be a whole number'
bad_case beyond_bigint '{"id": "x", "downloads": 1e20}' '"downloads" must be a whole number'
bad_case no_id '{"downloads": 3}' '"id" is missing'
bad_case not_object '[1, 2]' "must be a JSON object"
bad_case bad_time '{"id": "x", "createdAt": "yesterday"}' '"createdAt" is not an ISO 8601'
# a truncated JSON array
printf '[{"id": "t/1"}, {"id": "t/2"' > "$files/trunc.json"
err="$(qerr "SELECT hub.import_models('$files/trunc.json')")"
[[ "$err" == *"truncated"* ]] || fail "truncated array: '$err'"
echo "truncated array: $err"
# duplicate ids: the last one wins
printf '{"id": "dup/x", "downloads": 1}\n{"id": "dup/x", "downloads": 2}\n' > "$files/dup.jsonl"
q -c "SELECT hub.import_models('$files/dup.jsonl')" >/dev/null
[[ "$(q -c "SELECT downloads FROM hub.models WHERE id = 'dup/x'")" == 2 ]] || fail "duplicate ids: the last should win"
[[ "$(q -c "SELECT records || '/' || duplicates FROM hub.imports ORDER BY import_id DESC LIMIT 1")" == "2/1" ]] || fail "duplicate ids: not counted"
echo "duplicate ids: last wins, counted in hub.imports.duplicates"
# a full dump with prune deletes the rows it lacks (and their edges); without, they stay
n_before="$(q -c "SELECT count(*) FROM hub.models")"
q -c "SELECT hub.import_models('$files/dup.jsonl')" >/dev/null
[[ "$(q -c "SELECT count(*) FROM hub.models")" == "$n_before" ]] || fail "without prune, absent rows must stay"
q -c "SELECT hub.import_models('$files/dup.jsonl', prune => true)" >/dev/null
[[ "$(q -c "SELECT string_agg(id, ',') FROM hub.models")/$(q -c "SELECT count(*) FROM hub.model_edges")/$(q -c "SELECT pruned FROM hub.imports ORDER BY import_id DESC LIMIT 1")" == "dup/x/0/$((n_before - 1))" ]] \
    || fail "prune: $(q -c "SELECT string_agg(id, ',') FROM hub.models")"
echo "prune: a full dump deletes the $((n_before - 1)) rows it lacks and their edges; without prune they stay"
# an empty file, and a 10 MB record
: > "$files/empty.jsonl"
[[ "$(q -c "SELECT hub.import_models('$files/empty.jsonl')")" == 0 ]] || fail "empty file should import 0 records"
{ printf '{"id": "big/card", "tags": ["'; head -c 10000000 /dev/zero | tr '\0' 'a'; printf '"]}\n'; } > "$files/big.jsonl"
[[ "$(q -c "SELECT hub.import_models('$files/big.jsonl')")" == 1 ]] || fail "a 10 MB record should import"
[[ "$(q -c "SELECT length(tags[1]) FROM hub.models WHERE id = 'big/card'")" == 10000000 ]] || fail "the 10 MB tag was cut"
echo "empty file: 0 records; 10 MB record: imported whole"
# a missing file, a bad on_error, a role without file privileges
err="$(qerr "SELECT hub.import_models('$files/does-not-exist.jsonl')")"
[[ "$err" == 58P01* ]] || fail "missing file: '$err'"
err="$(qerr "SELECT hub.import_models('$files/empty.jsonl', 'ignore')")"
[[ "$err" == 22023* ]] || fail "bad on_error: '$err'"
admin -c "DROP ROLE IF EXISTS eco_import_nobody" -c "CREATE ROLE eco_import_nobody"
out="$(psql -X -v VERBOSITY=verbose -qAt -d "$db" -c "SET ROLE eco_import_nobody" -c "SELECT hub.import_models('$files/empty.jsonl')" 2>&1 || true)"
grep -q "42501" <<<"$out" && grep -q "HINT:.*ecostats-import" <<<"$out" || fail "no-privilege error: $out"
echo "missing file: 58P01; bad on_error: 22023; role without pg_read_server_files: 42501 with a hint"

# --- a real sample, against a plain-SQL reading of the same file -------------------------
sample="$ECO_SHARED_DATA/api/models-mistral-small-24b-tree-2025-04.jsonl"
if [[ -r "$sample" ]]; then
    cp "$sample" "$files/sample.jsonl"
    chmod 644 "$files/sample.jsonl"
    q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
    n="$(q -c "SELECT hub.import_models('$files/sample.jsonl')")"
    ref="$(q -c "WITH l AS (SELECT line::jsonb AS j FROM regexp_split_to_table(pg_read_file('$files/sample.jsonl'), E'\n') line WHERE line <> ''),
                 e AS (SELECT j->>'id' AS c, regexp_replace(t, '^base_model:((adapter|finetune|quantized|merge):)?', '') AS p
                       FROM l, jsonb_array_elements_text(j->'tags') t WHERE t LIKE 'base_model:%'
                       UNION
                       SELECT j->>'id', b FROM l, jsonb_array_elements_text(
                           CASE jsonb_typeof(j->'cardData'->'base_model') WHEN 'array' THEN j->'cardData'->'base_model'
                                WHEN 'string' THEN jsonb_build_array(j->'cardData'->'base_model') ELSE '[]' END) b
                       UNION
                       SELECT j->>'id', m->>'id' FROM l, jsonb_array_elements(coalesce(j->'baseModels'->'models', '[]')) m)
                 SELECT count(*) || '/' || sum((j->>'downloads')::bigint) || '/' || count(coalesce(j->'safetensors'->>'total', j->'gguf'->>'total'))
                        || '/' || (SELECT count(*) FROM e WHERE c <> p)
                 FROM l")"
    mine="$(q -c "SELECT count(*) || '/' || sum(downloads) || '/' || count(params) || '/' || (SELECT count(*) FROM hub.model_edges) FROM hub.models")"
    [[ "$n/$mine" == "$(cut -d/ -f1 <<<"$ref")/$ref" ]] || fail "real sample: imported $n, got $mine, plain SQL says $ref"
    echo "real sample: $n models; count/downloads/params/edges = $mine, as plain SQL over the same file"
else
    eco_skip "real model sample" "$sample is not there (the project's test material, ../shared, is not beside the checkout)"
fi

# --- the authors seed covers the 150 namespaces with the most downloads --------------------
# (doc/hub.md, Authors). Ranked here, in SQL, over the imported December 2025 sample of the
# 1,000 most-downloaded models: namespace = the id's part before '/', by the sum of downloads.
# Each of them must have a seed row, except the namespaces doc/hub.md lists under "Not
# seeded" (no public source establishes who they are); that list is repeated here, and the
# test fails if it goes stale (a listed namespace gets a seed row or leaves the top 150).
not_seeded=(nlpconnect cpatonn dx8152 duongve Phil2Sat jayn7 nex-agi BigDannyPt)
for a in "${not_seeded[@]}"; do
    grep -q -- "\`$a\`" "$ECO_ROOT/doc/hub.md" || fail "not-seeded namespace $a is not listed in doc/hub.md"
done
excluded="'{$(IFS=,; echo "${not_seeded[*]}")}'::text[]"
top="$ECO_SHARED_DATA/api/models-top1000-2025-12.jsonl"
if [[ -r "$top" ]]; then
    cp "$top" "$files/top1000.jsonl"
    chmod 644 "$files/top1000.jsonl"
    q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
    n="$(q -c "SELECT hub.import_models('$files/top1000.jsonl')")"
    [[ "$n" == 1000 ]] || fail "top-1000 sample: imported $n records, expected 1000"
    ranked="WITH ns AS (SELECT split_part(id, '/', 1) AS author, sum(downloads) AS downloads
                       FROM hub.models GROUP BY 1),
                 top AS (SELECT author, row_number() OVER (ORDER BY downloads DESC, author) AS rank
                         FROM ns ORDER BY downloads DESC, author LIMIT 150),
                 seeded AS (SELECT top.*, EXISTS (SELECT FROM hub.authors a WHERE a.author = top.author
                                                                             AND a.origin = 'seed') AS seeded
                            FROM top)"
    [[ "$(q -c "$ranked SELECT count(*) FROM top")" == 150 ]] || fail "top-1000 sample: fewer than 150 namespaces"
    missing="$(q -c "$ranked SELECT string_agg(rank || ' ' || author, ', ' ORDER BY rank) FROM seeded
                     WHERE NOT seeded AND author <> ALL ($excluded)")"
    [[ -z "$missing" ]] || fail "the authors seed lacks these of the 150 most-downloaded namespaces (rank namespace): $missing"
    stale="$(q -c "$ranked SELECT string_agg(x, ', ' ORDER BY x) FROM unnest($excluded) x
                   WHERE NOT EXISTS (SELECT FROM seeded WHERE author = x AND NOT seeded)")"
    [[ -z "$stale" ]] || fail "listed as not seeded but seeded or outside the top 150 (update doc/hub.md and this test): $stale"
    [[ "$(q -c "$ranked SELECT count(*) FROM top JOIN hub.authors a USING (author) WHERE a.origin = 'seed' AND a.kind = 'unknown'")" == 0 ]] \
        || fail "the authors seed has a row of kind 'unknown' among the 150 most-downloaded namespaces"
    covered="$(q -c "$ranked SELECT count(*) FILTER (WHERE seeded) FROM seeded")"
    echo "authors seed: $covered of the 150 most-downloaded namespaces of the top-1000 sample have a seed row; the other ${#not_seeded[@]} are the documented not-seeded ones"
else
    eco_skip "authors seed coverage" "$top is not there (the project's test material, ../shared, is not beside the checkout)"
fi

# --- gzip -------------------------------------------------------------------------------
gzip -c "$files/map.jsonl" > "$files/map.jsonl.gz"
chmod 644 "$files/map.jsonl.gz"
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
[[ "$(q -c "SELECT hub.import_models('$files/map.jsonl.gz', snapshot => '2025-01-01')")" == 5 ]] || fail "gzip: 5 records expected"
[[ "$(snap)" == "$before" ]] || fail "the gzip file gave other rows than the plain file"
head -c 200 "$files/map.jsonl.gz" > "$files/trunc.gz"
chmod 644 "$files/trunc.gz"
err="$(qerr "SELECT hub.import_models('$files/trunc.gz')")"
[[ "$err" == *"truncated"* ]] || fail "truncated gzip: '$err'"
echo "gzip: same rows as the plain file; a truncated gzip file is an error ($err)"

# --- datasets ---------------------------------------------------------------------------
cat > "$files/ds.jsonl" <<'JSON'
{"id": "lab/robot-arm", "downloads": 26, "likes": 1, "createdAt": "2025-03-01T00:00:00.000Z", "tags": ["task_categories:robotics", "license:apache-2.0", "LeRobot"], "cardData": {"task_categories": ["robotics", "video-classification"]}}
{"id": "lab/text", "downloadsAllTime": 900, "tags": ["task_categories:text-generation"], "cardData": {"license": "cc-by-4.0"}}
JSON
[[ "$(q -c "SELECT hub.import_datasets('$files/ds.jsonl', snapshot => '2025-03-02')")" == 2 ]] || fail "datasets: 2 records expected"
got="$(q -F '|' -c "SELECT id, author, downloads, downloads_all_time, likes, task_categories, license FROM hub.datasets ORDER BY id")"
want="lab/robot-arm|lab|26||1|{robotics,video-classification}|apache-2.0
lab/text|lab||900||{text-generation}|cc-by-4.0"
[[ "$got" == "$want" ]] || { diff <(echo "$want") <(echo "$got") >&2 || true; fail "dataset rows differ"; }
[[ "$(q -c "SELECT count(*) FROM hub.dataset_history WHERE snapshot = '2025-03-02'")" == 2 ]] || fail "dataset history missing"
[[ "$(q -c "SELECT kind FROM hub.imports ORDER BY import_id DESC LIMIT 1")" == datasets ]] || fail "import kind not recorded"
err="$(qerr "SELECT hub.import_datasets('$files/bad_wrong_type.jsonl')")"
[[ "$err" == *"invalid record at line 2 of"* ]] || fail "dataset bad input: '$err'"
echo "datasets: mapped as expected (task categories from cardData and tags), history, errors name the function"
dsample="$ECO_SHARED_DATA/api/datasets-lerobot-so100-so101.jsonl"
if [[ -r "$dsample" ]]; then
    cp "$dsample" "$files/dsample.jsonl"
    chmod 644 "$files/dsample.jsonl"
    q -c "TRUNCATE hub.datasets, hub.dataset_history" -c "DELETE FROM hub.imports WHERE kind = 'datasets'" >/dev/null
    n="$(q -c "SELECT hub.import_datasets('$files/dsample.jsonl')")"
    ref="$(q -c "WITH l AS (SELECT line::jsonb AS j FROM regexp_split_to_table(pg_read_file('$files/dsample.jsonl'), E'\n') line WHERE line <> '')
                 SELECT count(*) || '/' || sum((j->>'downloads')::bigint) || '/'
                        || count(*) FILTER (WHERE j->'tags' ? 'task_categories:robotics' OR coalesce(j->'cardData'->'task_categories', '[]') ? 'robotics')
                 FROM l")"
    mine="$(q -c "SELECT count(*) || '/' || sum(downloads) || '/' || count(*) FILTER (WHERE 'robotics' = ANY (task_categories)) FROM hub.datasets")"
    [[ "$n/$mine" == "$(cut -d/ -f1 <<<"$ref")/$ref" ]] || fail "real dataset sample: imported $n, got $mine, plain SQL says $ref"
    echo "real dataset sample: $n datasets; count/downloads/robotics = $mine, as plain SQL over the same file"
else
    eco_skip "real dataset sample" "$dsample is not there (the project's test material, ../shared, is not beside the checkout)"
fi

# --- the client command and the client-side path ---------------------------------------
command -v ecostats-import >/dev/null || fail "ecostats-import is not installed"
cl() { ecostats-import -d "$db" "$@"; }
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
out="$(cl --snapshot 2025-01-01 "$files/map.jsonl" 2>&1)" || fail "client, JSON Lines: $out"
grep -q "^progress: " <<<"$out" || fail "client: no plain progress lines when not on a terminal"
grep -q "^imported 5 models, 0 rejected" <<<"$out" || fail "client summary: $out"
[[ "$(snap)" == "$before" ]] || fail "client import gave other rows than the server-side import"
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
cl -q --batch 2 --snapshot 2025-01-01 "$files/map.json" >/dev/null || fail "client, JSON array in chunks of 2"
[[ "$(snap)" == "$before" ]] || fail "client JSON array gave other rows"
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
cl -q --batch 3 --snapshot 2025-01-01 "$files/map.jsonl.gz" >/dev/null || fail "client, gzip"
[[ "$(snap)" == "$before" ]] || fail "client gzip gave other rows"
echo "client: JSON Lines, a JSON array in chunks and gzip give the server-side rows"
# a bad record: exit 4 and nothing lands; with skip, the reject has the file's line
printf '[{"id": "c/1"},\n {"id": "c/2"},\n {"id": "c/3", "downloads": "x"},\n {"id": "c/4"}]\n' > "$files/carr.json"
before_all="$(count_all)"
set +e
out="$(cl -q --batch 2 "$files/carr.json" 2>&1)"
rc=$?
set -e
[[ $rc == 4 ]] || fail "client, bad record: exit $rc, expected 4: $out"
grep -q 'line 3' <<<"$out" || fail "client, bad record: the error does not name line 3: $out"
[[ "$(count_all)" == "$before_all" ]] || fail "client, bad record: something landed"
cl -q --batch 2 --on-error skip "$files/carr.json" | grep -q "imported 3 models, 1 rejected" || fail "client skip summary"
[[ "$(q -c "SELECT line FROM hub.import_rejects WHERE import_id = (SELECT max(import_id) FROM hub.imports)")" == 3 ]] \
    || fail "client skip: reject not at line 3"
echo "client: a bad record exits 4 with nothing landed; --on-error skip rejects line 3 and imports the rest"
# a terminal gets a progress bar
if command -v script >/dev/null; then
    script -qc "ecostats-import -d $db $files/map.jsonl" /dev/null > "$files/tty.out" 2>&1 || true
    grep -q 'rec/s' "$files/tty.out" && grep -q $'\r\\[' "$files/tty.out" || fail "client: no progress bar on a terminal"
    echo "client: a progress bar on a terminal"
fi
# exit codes for usage, file and connection errors
set +e
cl --kind bogus "$files/map.jsonl" >/dev/null 2>&1; rc1=$?
cl "$files/none.jsonl" >/dev/null 2>&1; rc2=$?
ecostats-import -h "$files" -p 1 "$files/map.jsonl" >/dev/null 2>&1; rc3=$?
set -e
[[ "$rc1/$rc2/$rc3" == "1/2/3" ]] || fail "client exit codes: $rc1/$rc2/$rc3, expected 1/2/3"
echo "client: exit codes 1 (usage), 2 (file), 3 (connection)"
# a role without file privileges imports through the client
psql -X -qAt -d "$db" -c "GRANT INSERT, UPDATE, DELETE, SELECT ON ALL TABLES IN SCHEMA hub TO eco_import_nobody" \
     -c "GRANT USAGE ON ALL SEQUENCES IN SCHEMA hub TO eco_import_nobody" -c "ALTER ROLE eco_import_nobody LOGIN" >/dev/null
out="$(ecostats-import -q -d "$db" -U eco_import_nobody "$files/ds.jsonl" -k datasets 2>&1)" || fail "unprivileged client import: $out"
grep -q "imported 2 datasets" <<<"$out" || fail "unprivileged client import: $out"
echo "client: a role without file privileges imports through the client"

# --- the two storage routes ------------------------------------------------------------
# Rows go straight into the tables (heap and index insertion as COPY does it)
# unless a table has row triggers, row security or generated columns: then
# through SQL.  Both must give the same rows.  The file repeats 1,000 ids
# 3,000 lines later (other batches: 2,000 records each) with other counts and
# another parent, so "last wins" and edge replacement cross batch boundaries.
awk 'BEGIN {
    for (i = 1; i <= 5000; i++) {
        j = (i > 4000) ? i - 4000 : i
        par = (i > 4000) ? "base/b" : "base/a"
        printf "{\"id\": \"rt/m%d\", \"downloads\": %d, \"likes\": %d, \"tags\": [\"t%d\", \"base_model:finetune:%s\"], \"safetensors\": {\"total\": %d}}\n", j, i, i % 7, i % 3, par, i * 1000
    }
}' > "$files/routes.jsonl"
rows_md5() {
    q -c "SELECT md5(string_agg(concat_ws('|', id, downloads, likes, tags::text, params, base_models::text, first_snapshot, last_snapshot), ';' ORDER BY id)) FROM hub.models" \
      -c "SELECT md5(string_agg(concat_ws('|', child, parent, relation, source), ';' ORDER BY child, parent)) FROM hub.model_edges" \
      -c "SELECT md5(string_agg(concat_ws('|', id, snapshot, downloads, likes), ';' ORDER BY id, snapshot)) FROM hub.model_history" | tr '\n' ' '
}
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE"
q -c "SELECT hub.import_models('$files/routes.jsonl', snapshot => '2025-03-01')" >/dev/null
[[ "$(q -c "SELECT count(*) || '/' || sum(downloads) FROM hub.models")" == "4000/$(( (4000 * 4001) / 2 - (1000 * 1001) / 2 + (5000 * 5001) / 2 - (4000 * 4001) / 2 ))" ]] \
    || fail "routes: the last record of a repeated id must win: $(q -c "SELECT count(*) || '/' || sum(downloads) FROM hub.models")"
[[ "$(q -c "SELECT string_agg(parent || ':' || n, ',' ORDER BY parent) FROM (SELECT parent, count(*) n FROM hub.model_edges GROUP BY parent) e")" == "base/a:3000,base/b:1000" ]] \
    || fail "routes: a repeated id's edges must be replaced"
[[ "$(q -c "SELECT duplicates FROM hub.imports ORDER BY import_id DESC LIMIT 1")" == 1000 ]] || fail "routes: duplicates not counted"
direct="$(rows_md5)"
# again over the rows just stored (every id probed): a newer snapshot updates all
q -c "SELECT hub.import_models('$files/routes.jsonl', snapshot => '2025-04-01')" >/dev/null
# (with the same counts: the history, kept by change, gets no rows)
[[ "$(q -c "SELECT count(*) FILTER (WHERE first_snapshot = '2025-03-01' AND last_snapshot = '2025-04-01') || '/' || (SELECT count(*) FROM hub.model_history) FROM hub.models")" == "4000/4000" ]] \
    || fail "routes: a re-import into a filled table must update every row and add no history for unchanged counts"
direct2="$(rows_md5)"
# the SQL route: a row trigger on hub.models
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" \
  -c "CREATE TABLE public.route_log (n bigint)" -c "INSERT INTO public.route_log VALUES (0)" \
  -c "CREATE FUNCTION public.route_count() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN UPDATE public.route_log SET n = n + 1; RETURN NEW; END \$\$" \
  -c "CREATE TRIGGER route_count AFTER INSERT OR UPDATE ON hub.models FOR EACH ROW EXECUTE FUNCTION public.route_count()"
q -c "SELECT hub.import_models('$files/routes.jsonl', snapshot => '2025-03-01')" >/dev/null
[[ "$(rows_md5)" == "$direct" ]] || fail "routes: the SQL route stored other rows than the direct one"
# 4,000 inserts, then 1,000 updates when the repeated ids come again
[[ "$(q -c "SELECT n FROM public.route_log")" == 5000 ]] || fail "routes: the row trigger must fire for every stored record: $(q -c "SELECT n FROM public.route_log")"
q -c "SELECT hub.import_models('$files/routes.jsonl', snapshot => '2025-04-01')" >/dev/null
[[ "$(rows_md5)" == "$direct2" ]] || fail "routes: the SQL route re-import stored other rows than the direct one"
q -c "DROP TRIGGER route_count ON hub.models" -c "DROP FUNCTION public.route_count()" -c "DROP TABLE public.route_log"
echo "storage routes: direct and SQL (row trigger) give identical rows, last record of an id wins across batches, edges replaced"
# the client path: chunks of 700 records, each its own hub.import_chunk call
# (the store's filter and "empty at the start" carry over from chunk to chunk)
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE"
ecostats-import -q -d "$db" --batch 700 --snapshot 2025-03-01 "$files/routes.jsonl" >/dev/null || fail "routes: client import failed"
[[ "$(rows_md5)" == "$direct" ]] || fail "routes: the client path in chunks stored other rows than one server-side import"
echo "storage routes: the client path in chunks of 700 stores the same rows"
# a role lacking UPDATE on hub.models is refused before anything is stored
psql -X -qAt -d "$db" -c "REVOKE UPDATE ON hub.models FROM eco_import_nobody" >/dev/null
if out="$(ecostats-import -q -d "$db" -U eco_import_nobody "$files/routes.jsonl" 2>&1)"; then
    fail "import without UPDATE on hub.models must fail"
fi
grep -q "permission denied for table models" <<<"$out" || fail "without UPDATE on hub.models: $out"
echo "storage routes: a role without UPDATE on hub.models gets: permission denied for table models"

# --- times: converted in C, equal to PostgreSQL's own reading ----------------------------
times=(2024-02-29T23:59:59Z 2025-12-31T00:00:00.000Z 0001-01-01T00:00:00Z 9999-12-31T23:59:59.999999Z
       2024-05-01T12:00:00.5Z 2024-05-01T12:00:00.123456789Z 2024-05-01T12:00:00.0000005Z
       2024-05-01T12:00:00.0000015Z 2024-05-01T12:00:00.00000051Z 2016-12-31T23:59:60Z 2020-06-15T08:30:00+00:00)
q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE"
for i in "${!times[@]}"; do
    printf '{"id": "time/%d", "createdAt": "%s", "lastModified": "%s"}\n' "$i" "${times[$i]}" "${times[$i]}"
done > "$files/times.jsonl"
q -c "SELECT hub.import_models('$files/times.jsonl')" >/dev/null
for i in "${!times[@]}"; do
    [[ "$(q -c "SELECT created_at = '${times[$i]}'::timestamptz AND last_modified = created_at FROM hub.models WHERE id = 'time/$i'")" == t ]] \
        || fail "time ${times[$i]}: stored $(q -c "SELECT created_at FROM hub.models WHERE id = 'time/$i'"), PostgreSQL reads $(q -c "SELECT '${times[$i]}'::timestamptz")"
done
bad_times=(2023-02-29T00:00:00Z 2024-13-01T00:00:00Z 2024-04-31T00:00:00Z 2024-01-01T24:00:00Z 2024-01-01T00:60:00Z
           0000-01-01T00:00:00Z 2024-01-01T00:00:61Z 2024-01-01T00:00:00 2024-01-01T00:00:00+01:00 2024-01-01T00:00:00.Z)
for i in "${!bad_times[@]}"; do
    printf '{"id": "badtime/%d", "createdAt": "%s"}\n' "$i" "${bad_times[$i]}"
done > "$files/badtimes.jsonl"
err="$(qerr "SELECT hub.import_models('$files/badtimes.jsonl')")"
[[ "$err" == *'line 1 of'*'"createdAt" is not an ISO 8601 UTC time'* ]] || fail "an impossible date must stop the import with its line: $err"
q -c "SELECT hub.import_models('$files/badtimes.jsonl', on_error => 'skip')" >/dev/null
[[ "$(q -c "SELECT string_agg(line::text, ',' ORDER BY line) FROM hub.import_rejects WHERE import_id = (SELECT max(import_id) FROM hub.imports) AND reason LIKE '%createdAt%'")" == "1,2,3,4,5,6,7,8,9,10" ]] \
    || fail "impossible dates must be rejected one by one: $(q -c "SELECT string_agg(line || ':' || reason, ',') FROM hub.import_rejects WHERE import_id = (SELECT max(import_id) FROM hub.imports)")"
echo "times: ${#times[@]} ISO 8601 forms equal PostgreSQL's reading; ${#bad_times[@]} impossible or non-UTC times are rejected with their line"

#!/usr/bin/env bash
#
# bench_import.sh — hub.import_models against (a) COPY of the same rows as
# CSV into the same table and (b) the plain-SQL route (COPY the lines into a
# staging table, then INSERT … SELECT with jsonb operators), on a generated
# Hub-API JSON Lines file, in one run; and the backend's peak memory for a
# file of N and of N/4 records.
set -euo pipefail
. "$ECO_ROOT/test/bench/lib.sh"

N="${BENCH_IMPORT_RECORDS:-2000000}"
dir="$(mktemp -d "$ECO_TMP/bench_import.XXXXXX")"
chmod 777 "$dir"
file="$dir/models.jsonl"
small="$dir/models_small.jsonl"
csv="$dir/models.csv"

bench_psql 2>/dev/null <<SQL
CREATE EXTENSION IF NOT EXISTS ecostats_hub CASCADE;
SELECT setseed(0.11);
DROP TABLE IF EXISTS gen;
CREATE TABLE gen AS
SELECT 'org' || (i % 20000) || '/model-' || i AS id,
       'org' || (i % 20000) AS author,
       timestamptz '2020-01-01' + (random() * 2000) * interval '1 day' AS created_at,
       floor(exp(3 + 2.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::bigint AS downloads,
       floor(power(random(), -0.7))::bigint - 1 AS likes,
       (ARRAY['text-generation', 'text-classification', 'image-to-text', NULL])[1 + i % 4] AS pipeline_tag,
       ARRAY['transformers', 'safetensors', 'license:apache-2.0'] ||
         CASE WHEN i % 3 = 0 THEN ARRAY['base_model:finetune:org' || ((i / 3) % 20000) || '/model-' || (i / 3)] ELSE '{}' END AS tags,
       CASE WHEN i % 2 = 0 THEN (1e8 * (1 + i % 700))::bigint END AS params
FROM generate_series(1, $N) i;
COPY (SELECT json_build_object('id', id, 'author', author,
                               'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'downloads', downloads, 'likes', likes, 'pipeline_tag', pipeline_tag, 'tags', tags,
                               'safetensors', CASE WHEN params IS NOT NULL THEN json_build_object('total', params) END)::text
      FROM gen) TO '$file' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02');
COPY (SELECT json_build_object('id', id, 'downloads', downloads)::text FROM gen WHERE random() < 0.25)
    TO '$small' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02');
COPY (SELECT id, author, created_at, downloads, likes, pipeline_tag, tags, params FROM gen) TO '$csv' WITH (FORMAT csv);
COPY (SELECT id, date '2025-01-01', downloads, likes FROM gen) TO '$dir/history.csv' WITH (FORMAT csv);
COPY (SELECT id, substr(t, 21), 'finetune', 'tags' FROM gen, unnest(tags) t WHERE t LIKE 'base_model:finetune:%')
    TO '$dir/edges.csv' WITH (FORMAT csv);
SQL
mb=$(( $(stat -c %s "$file") / 1000000 ))
SETUP="SET max_parallel_workers_per_gather = 0; SET client_min_messages = warning;"

# once_ms SETUP SQL: run SETUP, then SQL once with psql's timer (COPY cannot
# be EXPLAINed); prints SQL's elapsed ms.  One run each: an import cannot be
# repeated from empty tables without the setup in between.
once_ms() {
    bench_psql <<SQL3 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
$1
\timing on
$2;
SQL3
}

# each route starts from empty tables, in its own transaction, rolled back
EMPTY="$SETUP TRUNCATE hub.models, hub.model_edges, hub.model_history;"
t_json=$(once_ms "$EMPTY" "SELECT hub.import_models('$file', snapshot => '2025-01-01')")
# the same rows the import lands — models, their history, their edges — as CSV
t_copy=$(once_ms "$EMPTY" "DO \$\$ BEGIN
    COPY hub.models (id, author, created_at, downloads, likes, pipeline_tag, tags, params) FROM '$csv' WITH (FORMAT csv);
    COPY hub.model_history (id, snapshot, downloads, likes) FROM '$dir/history.csv' WITH (FORMAT csv);
    COPY hub.model_edges (child, parent, relation, source) FROM '$dir/edges.csv' WITH (FORMAT csv);
END \$\$")
# the plain-SQL route: COPY the lines, then one INSERT … SELECT (timed together)
t_sql_total=$(once_ms "$EMPTY" "DO \$\$ BEGIN
    CREATE TEMP TABLE staging (line text);
    COPY staging FROM '$file' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02');
    INSERT INTO hub.models (id, author, created_at, downloads, likes, pipeline_tag, tags, params)
    SELECT j->>'id', j->>'author', (j->>'createdAt')::timestamptz, (j->>'downloads')::bigint, (j->>'likes')::bigint,
           j->>'pipeline_tag', ARRAY(SELECT jsonb_array_elements_text(j->'tags')), (j->'safetensors'->>'total')::bigint
    FROM (SELECT line::jsonb AS j FROM staging) s;
    INSERT INTO hub.model_history (id, snapshot, downloads, likes)
    SELECT j->>'id', date '2025-01-01', (j->>'downloads')::bigint, (j->>'likes')::bigint
    FROM (SELECT line::jsonb AS j FROM staging) s;
    INSERT INTO hub.model_edges (child, parent, relation, source)
    SELECT DISTINCT j->>'id', substr(t, 21), 'finetune', 'tags'
    FROM (SELECT line::jsonb AS j FROM staging) s, jsonb_array_elements_text(j->'tags') t
    WHERE t LIKE 'base_model:finetune:%';
    DROP TABLE staging;
END \$\$")

# the backend's peak private memory (RssAnon, sampled every 20 ms while the
# import runs; shared buffers are not private and not counted) for the whole
# file and for a quarter-size file
peak() {
    local pid max=0 kb
    bench_psql -c "TRUNCATE hub.models, hub.model_edges, hub.model_history" >/dev/null
    PGAPPNAME=eco_bench_peak bench_psql -c "SET client_min_messages = warning" -c "SELECT hub.import_models('$1')" >/dev/null &
    local bg=$!
    pid=""
    while [[ -z "$pid" ]] && kill -0 "$bg" 2>/dev/null; do
        pid=$(bench_psql -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'eco_bench_peak' AND state = 'active'" | head -1)
    done
    while kill -0 "$bg" 2>/dev/null; do
        kb=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
        (( ${kb:-0} > max )) && max=$kb
        sleep 0.02
    done
    wait "$bg"
    echo "$max"
}
peak_big=$(peak "$file")
peak_small=$(peak "$small")

echo "## Hub import ($N generated model records, $mb MB of JSON Lines)"
echo
printf '| %s | %s | %s |\n' "route" "ms" "ratio"
printf '| %s | %s | %s |\n' "---" "---:" "---"
printf '| %s | %s | %s |\n' "hub.import_models (JSON, C + cJSON)" "$t_json" "1.00"
x=$(bench_ratio "$t_json" "$t_copy")
printf '| %s | %s | %s |\n' "(a) COPY of the same rows as CSV (models, history, edges)" "$t_copy" "JSON import takes ${x}× as long (goal ≤ 2: $(awk -v v="$x" 'BEGIN { print (v <= 2 ? "met" : "MISSED") }'))"
x=$(bench_ratio "$t_sql_total" "$t_json")
printf '| %s | %s | %s |\n' "(b) COPY lines to staging + INSERT … SELECT with jsonb (models, history, edges)" "$t_sql_total" "JSON import ${x}× faster (goal ≥ 3: $(awk -v v="$x" 'BEGIN { print (v >= 3 ? "met" : "MISSED") }'))"
echo
echo "Throughput: $(awk -v mb="$mb" -v t="$t_json" 'BEGIN { printf "%.1f MB/s", mb / (t / 1000) }'), $(awk -v n="$N" -v t="$t_json" 'BEGIN { printf "%.0f records/s", n / (t / 1000) }')."
echo "Backend peak private memory (RssAnon): ${peak_big} kB importing the whole file, ${peak_small} kB importing a quarter-size file."
rm -rf "$dir"

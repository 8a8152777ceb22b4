#!/usr/bin/env bash
#
# bench_time.sh — the Hub over time: twelve monthly snapshots of a generated
# Hub (2025), imported in order, then
#   (a) importing the twelfth against COPY of the rows that import writes
#       (the models it updates, the history rows it adds, the edges it
#       writes: unchanged edges are left alone), into tables of the same shape;
#   (b) hub.refresh() after that one new snapshot against a full rebuild of
#       the same figures (every snapshot folded again, forced), in total
#       and for the figures-over-time step alone;
#   (c) hub.refresh() with nothing new against the full rebuild;
#   (d) hub.report_series figures (EXPLAIN ANALYZE) against the same figure
#       computed from the base tables;
#   (e) the history's storage per snapshot, in bytes per model.
#
# BENCH_TIME_ONLY_IMPORT=1 stops after (a).
#
# Data: BENCH_TIME_MODELS models (default 2,000,000) of 20,000 namespaces
# (hub.authors rows for a quarter of them, in 8 countries), created from
# 2022 on; half are never downloaded (their counts never change), the others
# have a monthly rate (heavy-tailed) and all-time counts that grow by it.
set -euo pipefail
. "$ECO_ROOT/test/bench/lib.sh"

N="${BENCH_TIME_MODELS:-2000000}"
dir="$(mktemp -d "$ECO_TMP/bench_time.XXXXXX")"
chmod 777 "$dir"
trap 'rm -rf "$dir"' EXIT
SETUP="SET max_parallel_workers_per_gather = 0; SET client_min_messages = warning;"

bench_psql 2>/dev/null <<SQL
CREATE EXTENSION IF NOT EXISTS ecostats_hub CASCADE;
SET client_min_messages = warning;
TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.datasets, hub.dataset_history, hub.imports CASCADE;
TRUNCATE hub.series_folds, hub.series_month, hub.series_size, hub.series_snapshot;
DELETE FROM hub.authors WHERE origin = 'user';
INSERT INTO hub.authors (author, kind, country, source)
SELECT 'org' || a, (ARRAY['industry', 'academic', 'independent', 'nonprofit'])[1 + a % 4],
       (ARRAY['US', 'CN', 'FR', 'DE', 'GB', 'KR', 'JP', 'IN'])[1 + (a / 4) % 8], 'bench'
FROM generate_series(0, 19999, 4) a;
SELECT setseed(0.23);
DROP TABLE IF EXISTS gen;
CREATE TABLE gen AS
SELECT 'org' || (i % 20000) || '/model-' || i AS id, 'org' || (i % 20000) AS author,
       date '2022-03-02' + (random() * 1400)::int AS created,
       CASE WHEN random() < 0.5 THEN 0 ELSE floor(exp(2 + 2.2 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))) END AS rate,
       CASE WHEN i % 3 = 0 THEN 'org' || ((i / 3) % 20000) || '/model-' || (i / 3) END AS base,
       CASE WHEN i % 2 = 0 THEN (1e8 * (1 + i % 700))::bigint END AS params
FROM generate_series(1, $N) i;
SQL

# snapshot k (1..12): the last day of month k of 2025; a model created by
# then has all-time downloads rate * (months since creation) and 30-day
# downloads rate
snap_date() { bench_psql -c "SELECT (date '2025-01-01' + $1 * interval '1 month' - interval '1 day')::date"; }
for k in $(seq 1 12); do
    d="$(snap_date "$k")"
    bench_psql <<SQL
COPY (SELECT json_build_object('id', id, 'author', author, 'createdAt', to_char(created, 'YYYY-MM-DD"T00:00:00.000Z"'),
                               'downloads', rate::bigint,
                               'downloadsAllTime', (rate * (1 + (date '$d' - created) / 30))::bigint,
                               'likes', (rate / 100)::bigint,
                               'tags', CASE WHEN base IS NOT NULL THEN json_build_array('base_model:finetune:' || base) ELSE '[]' END,
                               'safetensors', CASE WHEN params IS NOT NULL THEN json_build_object('total', params) END)::text
      FROM gen WHERE created <= date '$d')
    TO '$dir/models-$k.jsonl' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02');
SQL
done
mb=$(( $(stat -c %s "$dir/models-12.jsonl") / 1000000 ))

# once_ms SQL: run SQL once with psql's timer; prints its elapsed ms
once_ms() {
    bench_psql <<SQL3 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
$SETUP
\timing on
$1;
SQL3
}

for k in $(seq 1 11); do
    bench_psql -c "$SETUP" -c "SELECT hub.import_models('$dir/models-$k.jsonl', snapshot => '$(snap_date "$k")')" >/dev/null
done
bench_psql -c "$SETUP" -c "SELECT hub.refresh()" >/dev/null
bench_psql -c "VACUUM ANALYZE hub.models, hub.model_history, hub.model_edges" >/dev/null

echo "## Over time (${N} generated models, 12 monthly snapshots of 2025, ${mb} MB of JSON Lines for the last)"
echo

# --- (a) one more snapshot --------------------------------------------------
hist_before=$(bench_psql -c "SELECT count(*) FROM hub.model_history")
t_imp=$(once_ms "SELECT hub.import_models('$dir/models-12.jsonl', snapshot => '$(snap_date 12)')")
# the import's transaction (that of its hub.imports row): the edges it wrote
# are those of that transaction (a model's unchanged edges are left alone)
xid="'$(bench_psql -c "SELECT xmin FROM hub.imports ORDER BY import_id DESC LIMIT 1")'::xid"
read -r n_models n_hist n_edges <<<"$(bench_psql -F ' ' -c "SELECT (SELECT count(*) FROM hub.models WHERE last_snapshot = '$(snap_date 12)'),
                                                                (SELECT count(*) FROM hub.model_history) - $hist_before,
                                                                (SELECT count(*) FROM hub.model_edges e WHERE e.xmin = $xid)")"
# the rows that import wrote, as CSV, then COPY into tables of the same shape
bench_psql <<SQL
COPY (SELECT * FROM hub.models WHERE last_snapshot = '$(snap_date 12)') TO '$dir/m.csv' WITH (FORMAT csv);
COPY (SELECT * FROM hub.model_history WHERE snapshot = '$(snap_date 12)') TO '$dir/h.csv' WITH (FORMAT csv);
COPY (SELECT * FROM hub.model_edges e WHERE e.xmin = $xid) TO '$dir/e.csv' WITH (FORMAT csv);
DROP TABLE IF EXISTS cm, ch, ce;
CREATE TABLE cm (LIKE hub.models INCLUDING ALL);
CREATE TABLE ch (LIKE hub.model_history INCLUDING ALL);
CREATE TABLE ce (LIKE hub.model_edges INCLUDING ALL);
SQL
t_copy=$(bench_psql <<SQL3 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ s += $1 } END { printf "%.3f", s }'
$SETUP
TRUNCATE cm, ch, ce;
\timing on
COPY cm FROM '$dir/m.csv' WITH (FORMAT csv);
COPY ch FROM '$dir/h.csv' WITH (FORMAT csv);
COPY ce FROM '$dir/e.csv' WITH (FORMAT csv);
SQL3
)
# the same rows COPYed where the import writes them: the history and the
# edges into copies of those tables as they stood before the import (their
# indexes as large as the import's), the models into an empty table (a
# model's row is replaced, not added)
bench_psql <<SQL >/dev/null
DROP TABLE ch, ce;
CREATE TABLE ch (LIKE hub.model_history INCLUDING ALL);
INSERT INTO ch SELECT * FROM hub.model_history WHERE snapshot < '$(snap_date 12)';
CREATE TABLE ce (LIKE hub.model_edges INCLUDING ALL);
INSERT INTO ce SELECT * FROM hub.model_edges e WHERE e.xmin <> $xid;
VACUUM ANALYZE cm, ch, ce;
SQL
t_copy_asis=$(bench_psql <<SQL3 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ s += $1 } END { printf "%.3f", s }'
$SETUP
TRUNCATE cm;
\timing on
COPY cm FROM '$dir/m.csv' WITH (FORMAT csv);
COPY ch FROM '$dir/h.csv' WITH (FORMAT csv);
COPY ce FROM '$dir/e.csv' WITH (FORMAT csv);
SQL3
)
bench_psql -c "DROP TABLE cm, ch, ce" >/dev/null
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf "%.2f× COPY (goal ≤ 1.5: %s)", r, (r <= 1.5 ? "met" : "MISSED") }'; }
echo "### (a) Importing one more snapshot"
echo
echo "| route | ms | ratio |"
echo "| --- | ---: | --- |"
echo "| hub.import_models of the 12th snapshot: $n_models models updated, $n_hist history rows added, $n_edges edges written | $t_imp | |"
echo "| COPY of those rows as CSV into empty tables of the same shape (indexes included) | $t_copy | import $(ratio "$t_imp" "$t_copy") |"
echo "| COPY of those rows as CSV where the import writes them: history and edges into copies of the tables as they stood (indexes included), models into an empty table | $t_copy_asis | import $(ratio "$t_imp" "$t_copy_asis") |"
echo
if [[ "${BENCH_TIME_ONLY_IMPORT:-}" == 1 ]]; then
    exit 0
fi

# --- (b) refresh after one new snapshot, against a full rebuild ---------------
r_inc=$(bench_psql -c "$SETUP" -c "SELECT refresh_id FROM hub.refresh()")
bench_psql -c "TRUNCATE hub.series_folds, hub.series_month, hub.series_size, hub.series_snapshot" >/dev/null
r_full=$(bench_psql -c "$SETUP" -c "SELECT refresh_id FROM hub.refresh(force => true)")
r_none=$(bench_psql -c "$SETUP" -c "SELECT refresh_id FROM hub.refresh()")
echo "### (b, c) hub.refresh(): after one new snapshot, a full rebuild, and with nothing new"
echo
bench_psql <<SQL
WITH r AS (
    SELECT refresh_id, status, extract(epoch FROM duration) * 1000 AS ms, (steps->>'series')::numeric AS series_ms,
           (steps->>'lineage')::numeric AS lineage_ms
    FROM hub.refreshes WHERE refresh_id IN ($r_inc, $r_full, $r_none)
)
SELECT '| refresh | status | total ms | lineage ms | figures over time (series) ms |' UNION ALL
SELECT '| --- | --- | ---: | ---: | ---: |' UNION ALL
SELECT format('| %s | %s | %s | %s | %s |',
              CASE refresh_id WHEN $r_inc THEN 'after the 12th snapshot (one fold)' WHEN $r_full THEN 'full rebuild (12 folds, forced)'
                              ELSE 'nothing new' END,
              status, round(ms), coalesce(round(lineage_ms)::text, '-'), coalesce(round(series_ms)::text, '-'))
FROM (SELECT * FROM r ORDER BY refresh_id) r;
SQL
echo
bench_psql <<SQL
SELECT format('After one new snapshot: %s%% of a full rebuild in total (goal ≤ 20%%: %s); the figures-over-time step alone %s%% (one fold of twelve).',
              round(100 * i.ms / f.ms, 1), CASE WHEN i.ms <= f.ms / 5 THEN 'met' ELSE 'MISSED: the 12 materialized views are recomputed in full' END,
              round(100 * i.series_ms / NULLIF(f.series_ms, 0), 1))
       || E'\n\n' ||
       format('Nothing new: %s ms, %s%% of a full rebuild (goal ≤ 1%%: %s).',
              round(n.ms, 3), round(100 * n.ms / f.ms, 4), CASE WHEN n.status = 'unchanged' AND n.ms <= f.ms / 100 THEN 'met' ELSE 'MISSED' END)
FROM (SELECT extract(epoch FROM duration) * 1000 AS ms, (steps->>'series')::numeric AS series_ms FROM hub.refreshes WHERE refresh_id = $r_inc) i,
     (SELECT extract(epoch FROM duration) * 1000 AS ms, (steps->>'series')::numeric AS series_ms FROM hub.refreshes WHERE refresh_id = $r_full) f,
     (SELECT status, extract(epoch FROM duration) * 1000 AS ms FROM hub.refreshes WHERE refresh_id = $r_none) n;
SQL
echo

# --- (d) report_series figures against the base tables --------------------------
echo "### (d) hub.report_series figures (median of ${BENCH_REPEAT:-5} runs, EXPLAIN ANALYZE)"
echo
echo "| figure | hub.report_series ms | from the base tables ms | goal < 10 ms |"
echo "| --- | ---: | ---: | --- |"
fig() {
    local name="$1" a="$2" b="$3" ta tb
    ta=$(bench_time_ms "$a" "$SETUP")
    tb=$(bench_time_ms "$b" "$SETUP")
    echo "| $name | $ta | $tb | $(awk -v t="$ta" 'BEGIN { print (t < 10 ? "met" : "MISSED") }') |"
}
fig "China's share of 2025's downloads (developed in)" \
    "SELECT value FROM hub.report_series WHERE figure = 'downloads_share_by_country' AND series = 'CN' AND period_start = '2025-01-01' AND period_end = '2026-01-01'" \
    "SELECT sum(d.downloads) FILTER (WHERE k.country = 'CN') / sum(d.downloads) FROM hub.downloads_during('2025-01-01', '2026-01-01') d JOIN hub.models m USING (id) LEFT JOIN hub.author_kinds k ON k.author = m.author"
fig "the first month China passes the US" \
    "SELECT period_start FROM hub.report_series WHERE figure = 'first_month_cn_over_us'" \
    "SELECT min(mo) FROM (SELECT mo, sum(d.downloads) FILTER (WHERE k.country = 'CN') AS cn, sum(d.downloads) FILTER (WHERE k.country = 'US') AS us FROM generate_series(date '2025-01-01', date '2025-12-01', interval '1 month') mo CROSS JOIN LATERAL hub.downloads_during(mo::date, (mo + interval '1 month')::date) d JOIN hub.models m USING (id) LEFT JOIN hub.author_kinds k ON k.author = m.author GROUP BY mo) x WHERE cn > us"
fig "top-200 share at the last snapshot" \
    "SELECT value FROM hub.report_series WHERE figure = 'top200_share_all_time' AND period_start = '2025-12-31'" \
    "SELECT top_k_share(downloads_all_time, 200) FROM hub.counts_at('2025-12-31')"
echo

# --- (e) storage --------------------------------------------------------------
bench_psql <<SQL
SELECT format('### (e) Storage of the history' || E'\n\n' ||
              '%s rows for %s model-snapshots (%s%%): %s MB with its index, %s bytes per model per snapshot (one row per model and snapshot would be %s rows).',
              h.n, p.n, round(100.0 * h.n / p.n, 1), round(h.bytes / 1e6), round(h.bytes::numeric / p.n, 1), p.n)
FROM (SELECT count(*) AS n, pg_total_relation_size('hub.model_history') AS bytes FROM hub.model_history) h,
     (SELECT sum(c) AS n FROM (SELECT (SELECT count(*) FROM gen WHERE created <= (date '2025-01-01' + k * interval '1 month' - interval '1 day')::date) AS c
                               FROM generate_series(1, 12) k) x) p;
SQL
bench_psql -c "DROP TABLE gen" >/dev/null

#!/usr/bin/env bash
#
# bench_lineage.sh — the lineage type against the plain-SQL way (recursive
# CTEs) on a generated Hub-scale model graph, in one run.
#
# Graph (fixed seed): N nodes (default 2,000,000), 40% of them children
# with a parent chosen preferentially among older models (a few families
# grow past 100K descendants), about 2% of children merges with 2–5
# parents; heavy-tailed downloads on every node.
set -euo pipefail
. "$ECO_ROOT/test/bench/lib.sh"

N="${BENCH_LINEAGE_NODES:-2000000}"
BENCH_REPEAT="${BENCH_REPEAT_LINEAGE:-3}"

bench_psql 2>/dev/null <<SQL
CREATE EXTENSION IF NOT EXISTS ecostats;
DROP TABLE IF EXISTS lg_models, lg_edges, lg_lineage;
SELECT setseed(0.7);
CREATE TABLE lg_models AS
SELECT 'org' || (i % 5000) || '/m' || i AS id, i AS seq,
       floor(exp(3 + 2.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::bigint AS downloads
FROM generate_series(1, $N) i;
-- 40% of the models have a parent; older models are chosen far more often
CREATE TABLE lg_edges AS
SELECT 'org' || (i % 5000) || '/m' || i AS child,
       'org' || (p % 5000) || '/m' || p AS parent,
       (ARRAY['finetune', 'adapter', 'quantized', 'finetune'])[1 + floor(random() * 4)::int] AS relation
FROM (SELECT i, greatest(1, floor((i - 1) * power(random(), 6)))::bigint AS p
      FROM generate_series(2, $N) i WHERE random() < 0.4) s;
-- about 2% of the children are merges with 2-5 parents
INSERT INTO lg_edges
SELECT child, 'org' || (p % 5000) || '/m' || p, 'merge'
FROM (SELECT child, split_part(child, '/m', 2)::bigint AS i FROM lg_edges WHERE random() < 0.02) c,
     LATERAL (SELECT greatest(1, floor((c.i - 1) * power(random(), 3)))::bigint AS p
              FROM generate_series(1, 1 + floor(random() * 4)::int) WHERE c.i > 2) x;
UPDATE lg_edges e SET relation = 'merge'
WHERE EXISTS (SELECT 1 FROM lg_edges f WHERE f.child = e.child AND f.parent <> e.parent);
CREATE INDEX ON lg_edges (parent);
CREATE INDEX ON lg_edges (child);
ANALYZE lg_models;
ANALYZE lg_edges;
SQL

nodes=$(bench_psql -c "SELECT count(*) FROM lg_models")
edges=$(bench_psql -c "SELECT count(*) FROM lg_edges")
merges=$(bench_psql -c "SELECT count(DISTINCT child) FROM lg_edges WHERE relation = 'merge'")
children=$(bench_psql -c "SELECT count(DISTINCT child) FROM lg_edges")

row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
goal() { awk -v v="$1" -v g="$2" 'BEGIN { print (v >= g ? "met" : "MISSED") }'; }
SERIAL="SET max_parallel_workers_per_gather = 0; SET work_mem = '256MB';"

echo "## Lineage ($nodes nodes, $edges edges, $merges merge children of $children children)"
echo

# (a) building every node's lineage vs a recursive CTE that finds every node's ancestors
build_ms=$(BENCH_REPEAT=1 bench_time_ms "SELECT count(*) FROM lineage_build('lg_edges')" "$SERIAL SET client_min_messages = warning;")
cte_ms=$(BENCH_REPEAT=1 bench_time_ms "WITH RECURSIVE anc(node, ancestor) AS (SELECT child, parent FROM lg_edges UNION SELECT a.node, e.parent FROM anc a JOIN lg_edges e ON e.child = a.ancestor) SELECT count(*) FROM anc" "$SERIAL")

# the stored column and its index, for (b), (c), (d)
bench_psql 2>/dev/null <<'SQL'
CREATE TABLE lg_lineage AS
SELECT m.id, m.downloads, l.lineage
FROM lg_models m LEFT JOIN lineage_build('lg_edges') l ON l.node = m.id;
UPDATE lg_lineage SET lineage = id::lineage WHERE lineage IS NULL;
CREATE INDEX lg_lineage_gin ON lg_lineage USING gin (lineage);
ANALYZE lg_lineage;
SQL
big=$(bench_psql -c "SELECT r FROM lg_lineage, unnest(lineage_roots(lineage)) r GROUP BY r ORDER BY count(*) DESC LIMIT 1")
bigsize=$(bench_psql -c "SELECT count(*) FROM lg_lineage WHERE lineage <@ '$big'")

# (b) one family through the GIN index vs a recursive CTE over a btree on parent
fam_ext=$(bench_time_ms "SELECT count(*), sum(downloads) FROM lg_lineage WHERE lineage <@ '$big'" "$SERIAL")
fam_cte=$(bench_time_ms "WITH RECURSIVE d(node) AS (SELECT child FROM lg_edges WHERE parent = '$big' UNION SELECT e.child FROM d JOIN lg_edges e ON e.parent = d.node) SELECT count(*), sum(m.downloads) FROM d JOIN lg_models m ON m.id = d.node" "$SERIAL")

# (c) downloads per root family over the whole graph (a merge child counts in every family)
roots_ext=$(bench_time_ms "SELECT r, sum(downloads) FROM lg_lineage, unnest(lineage_roots(lineage)) r GROUP BY r" "$SERIAL")
roots_cte=$(bench_time_ms "WITH RECURSIVE fam(root, node) AS (SELECT id, id FROM lg_models m WHERE NOT EXISTS (SELECT 1 FROM lg_edges e WHERE e.child = m.id) UNION SELECT f.root, e.child FROM fam f JOIN lg_edges e ON e.parent = f.node) SELECT root, sum(m.downloads) FROM fam JOIN lg_models m ON m.id = fam.node GROUP BY root" "$SERIAL")

# (d) size
col_bytes=$(bench_psql -c "SELECT round(avg(pg_column_size(lineage)), 1) FROM lg_lineage")
idx_bytes=$(bench_psql -c "SELECT round(pg_relation_size('lg_lineage_gin')::numeric / count(*), 1) FROM lg_lineage")
id_bytes=$(bench_psql -c "SELECT round(avg(pg_column_size(id)), 1) FROM lg_lineage")

row "measure" "plain SQL ms" "ecostats ms" "× faster (goal)"
row "---" "---:" "---:" "---"
x=$(bench_ratio "$cte_ms" "$build_ms"); row "(a) every node's lineage: lineage_build vs recursive CTE of all ancestors" "$cte_ms" "$build_ms" "$x (≥ 10: $(goal "$x" 10))"
x=$(bench_ratio "$fam_cte" "$fam_ext"); row "(b) the largest family ($bigsize models under $big): GIN vs recursive CTE on a btree" "$fam_cte" "$fam_ext" "$x (≥ 10: $(goal "$x" 10))"
x=$(bench_ratio "$roots_cte" "$roots_ext"); row "(c) downloads per root family, whole graph" "$roots_cte" "$roots_ext" "$x (≥ 5: $(goal "$x" 5))"
echo
echo "(d) stored size: lineage column $col_bytes bytes per node on average (the id alone: $id_bytes), GIN index $idx_bytes bytes per node."
echo

# the answers agree with the plain-SQL ones
bench_psql <<SQL
SELECT 'check: family of $big agrees with the recursive CTE: ' ||
       ((SELECT count(*) FROM lg_lineage WHERE lineage <@ '$big') =
        (WITH RECURSIVE d(node) AS (SELECT child FROM lg_edges WHERE parent = '$big' UNION SELECT e.child FROM d JOIN lg_edges e ON e.parent = d.node) SELECT count(*) FROM d));
SELECT 'check: downloads per root family agree with the recursive CTE: ' || (count(*) = 0)
FROM ((SELECT r, sum(downloads) FROM lg_lineage, unnest(lineage_roots(lineage)) r GROUP BY r)
      EXCEPT
      (WITH RECURSIVE fam(root, node) AS (SELECT id, id FROM lg_models m WHERE NOT EXISTS (SELECT 1 FROM lg_edges e WHERE e.child = m.id) UNION SELECT f.root, e.child FROM fam f JOIN lg_edges e ON e.parent = f.node) SELECT root, sum(m.downloads) FROM fam JOIN lg_models m ON m.id = fam.node GROUP BY root)) x;
SQL

-- lineage: = and a total order (btree), hashing (hash); distribution: =.
-- Every expectation is derived independently of the operators: the same
-- graph is the same canonical text (lineage_out), and the order's first key
-- is lineage_node(l) in byte order (COLLATE "C").
SET extra_float_digits = 0;

-- the same graph written in other orders and spacings is equal
SELECT 'm => merge:a/one, merge:b/two; a/one => finetune:base'::lineage
     = ' m=>merge:b/two,merge:a/one;a/one=>finetune:base '::lineage AS same_graph,
       'm => merge:a/one, merge:b/two; a/one => finetune:base'::lineage
     = 'm => merge:a/one, merge:b/two; a/one => adapter:base'::lineage AS other_relation,
       'm => finetune:a'::lineage <> 'm => finetune:b'::lineage AS other_parent,
       'm'::lineage = 'm'::lineage AS root,
       'm => finetune:a'::lineage IN ('x'::lineage, 'm=>finetune:a'::lineage) AS in_list;

-- a generated DAG: 200 nodes, parents among earlier nodes, and every value
-- twice (once built, once through its text form), so that groups have two
-- members
SELECT setseed(0.5);
CREATE TEMP TABLE lo_edges AS
SELECT 'n' || lpad(i::text, 3, '0') AS child, 'n' || lpad(j::text, 3, '0') AS parent,
       (ARRAY['finetune', 'adapter', 'quantized', 'merge', NULL])[1 + (i * 7 + j) % 5] AS relation
FROM generate_series(1, 199) i, LATERAL (SELECT DISTINCT (random() * (i - 1))::int AS j
                                          FROM generate_series(1, 1 + i % 3)) p;
CREATE TEMP TABLE lo AS
SELECT row_number() OVER () AS k, l
FROM (SELECT lineage AS l FROM lineage_build('lo_edges')
      UNION ALL SELECT lineage::text::lineage FROM lineage_build('lo_edges')
      UNION ALL SELECT ('n' || lpad(i::text, 3, '0'))::lineage FROM generate_series(500, 519) i) s;
SELECT count(*) AS rows, count(DISTINCT l::text) AS graphs FROM lo;

-- equality is "the same canonical text"; the order is total, antisymmetric
-- and consistent with =; the hashes of equal values agree
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a.l = b.l) <> (a.l::text = b.l::text)) AS eq_not_text,
       count(*) FILTER (WHERE (a.l < b.l)::int + (a.l = b.l)::int + (a.l > b.l)::int <> 1) AS not_trichotomous,
       count(*) FILTER (WHERE lineage_cmp(a.l, b.l) <> -lineage_cmp(b.l, a.l)) AS not_antisymmetric,
       count(*) FILTER (WHERE (a.l <= b.l) <> (a.l < b.l OR a.l = b.l)
                           OR (a.l >= b.l) <> (a.l > b.l OR a.l = b.l)
                           OR (a.l <> b.l) = (a.l = b.l)) AS ops_disagree,
       count(*) FILTER (WHERE lineage_cmp(a.l, b.l) <> sign((lineage_node(a.l) COLLATE "C" > lineage_node(b.l) COLLATE "C")::int
                                                             - (lineage_node(a.l) COLLATE "C" < lineage_node(b.l) COLLATE "C")::int)
                           AND lineage_node(a.l) <> lineage_node(b.l)) AS not_by_node_first,
       count(*) FILTER (WHERE a.l = b.l AND (lineage_hash(a.l) <> lineage_hash(b.l)
                                              OR lineage_hash_extended(a.l, 7) <> lineage_hash_extended(b.l, 7))) AS hash_disagrees,
       count(*) FILTER (WHERE lineage_identical(a.l, b.l) <> (a.l = b.l)) AS identical_disagrees
FROM lo a, lo b;
-- transitivity over every triple of a sample
WITH s AS (SELECT l FROM lo WHERE k % 9 = 0)
SELECT count(*) AS triples,
       count(*) FILTER (WHERE a.l <= b.l AND b.l <= c.l AND NOT a.l <= c.l) AS not_transitive
FROM s a, s b, s c;
-- hashes differ between different graphs (no collision among these)
SELECT count(DISTINCT lineage_hash(l)) = count(DISTINCT l::text) AS hashes_distinct FROM lo;

-- GROUP BY, DISTINCT and ORDER BY, sorted and hashed, give the groups of
-- the text form; ORDER BY puts the lineages in order of their node
SET enable_hashagg = off;
SELECT count(*) AS groups, min(n) AS min_size, max(n) AS max_size
FROM (SELECT l, count(*) AS n FROM lo GROUP BY l) g;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS groups FROM (SELECT l, count(*) FROM lo GROUP BY l) g;
RESET enable_sort;
SELECT count(*) AS distinct_values FROM (SELECT DISTINCT l FROM lo) d;
SELECT bool_and(prev IS NULL OR prev COLLATE "C" <= node COLLATE "C") AS ordered_by_node
FROM (SELECT lineage_node(l) AS node, lag(lineage_node(l)) OVER (ORDER BY l) AS prev FROM lo) o;

-- a btree index and a hash index give the rows a sequential scan gives
CREATE TEMP TABLE lo_probe AS SELECT l FROM lo WHERE k % 37 = 1;
CREATE TEMP TABLE lo_scan AS
SELECT p.l::text AS probe, array_agg(lo.k ORDER BY lo.k) AS ks
FROM lo_probe p JOIN lo ON lo.l::text = p.l::text GROUP BY p.l::text;
CREATE INDEX lo_btree ON lo USING btree (l);
CREATE INDEX lo_hash ON lo USING hash (l);
ANALYZE lo;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
DROP INDEX lo_hash;
EXPLAIN (COSTS OFF) SELECT k FROM lo WHERE l = 'n001'::lineage;
SELECT count(*) AS probes,
       count(*) FILTER (WHERE ks = (SELECT array_agg(k ORDER BY k) FROM lo WHERE lo.l = s.probe::lineage)) AS btree_agrees
FROM lo_scan s;
-- a range through the btree: the rows between two values, as the scan says
SELECT (SELECT count(*) FROM lo WHERE l BETWEEN 'n050'::lineage AND 'n150'::lineage) AS btree_range;
RESET enable_seqscan;
-- by the order's definition: the nodes n050 to n149 (every lineage of n050
-- is at least the root n050; those of n150 with parents are above the root)
SELECT count(*) AS by_node FROM lo WHERE lineage_node(l) COLLATE "C" >= 'n050' AND lineage_node(l) COLLATE "C" < 'n150';
SET enable_seqscan = off;
DROP INDEX lo_btree;
CREATE INDEX lo_hash ON lo USING hash (l);
EXPLAIN (COSTS OFF) SELECT k FROM lo WHERE l = 'n001'::lineage;
SELECT count(*) AS probes,
       count(*) FILTER (WHERE ks = (SELECT array_agg(k ORDER BY k) FROM lo WHERE lo.l = s.probe::lineage)) AS hash_agrees
FROM lo_scan s;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- hash and merge joins on lineage give the pairs of the text join
SELECT (SELECT count(*) FROM lo a JOIN lo b ON a.l::text = b.l::text) AS text_join;
SET enable_mergejoin = off; SET enable_nestloop = off;
SELECT count(*) AS hash_join FROM lo a JOIN lo b ON a.l = b.l;
RESET enable_mergejoin; SET enable_hashjoin = off;
SELECT count(*) AS merge_join FROM lo a JOIN lo b ON a.l = b.l;
RESET enable_hashjoin; RESET enable_nestloop;
DROP TABLE lo, lo_edges, lo_probe, lo_scan;

-- distribution: = is the same state (count, parameters, values, weights),
-- however it was built: the order of the rows, parts merged, a text round trip
CREATE TEMP TABLE dv AS SELECT (i * 37 % 101)::float8 AS v, 1 + i % 4 AS w FROM generate_series(1, 1000) i;
SELECT (SELECT distribution_agg(v ORDER BY v) FROM dv) = (SELECT distribution_agg(v ORDER BY v DESC) FROM dv) AS row_order,
       (SELECT distribution_agg(v) FROM dv) = (SELECT distribution_merge(d) FROM (SELECT distribution_agg(v) AS d FROM dv GROUP BY w) p) AS merged,
       (SELECT distribution_agg(v) FROM dv) = (SELECT distribution_agg(v)::text::distribution FROM dv) AS text_round_trip,
       (SELECT distribution_agg(v) FROM dv) = (SELECT distribution_agg(v) FROM dv WHERE w > 1) AS fewer_rows,
       (SELECT distribution_agg(v) FROM dv) <> (SELECT distribution_agg(v + 0.5) FROM dv) AS other_values,
       'count=3 {1:2,3}'::distribution = 'count=3 {1:2,3}'::distribution AS literal,
       'count=3 {1:2,3}'::distribution = 'count=4 {1:2,3}'::distribution AS other_count;
DROP TABLE dv;

--
-- lineage_build: duplicates, self-loops, cycles, merges, a node with 10,000
-- children, a chain 10,000 deep; results checked against a recursive CTE;
-- the GIN index against sequential scans; selectivity-driven plans.
--
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

CREATE TABLE e (child text, parent text, relation text);
INSERT INTO e VALUES
  ('ft', 'base', 'finetune'),
  ('ft', 'base', NULL),           -- duplicate, unknown: the explicit relation wins
  ('q', 'ft', 'quantized'),
  ('q', 'ft', 'adapter'),         -- duplicate, disagreeing: quantized outranks adapter
  ('self', 'self', 'finetune'),   -- self-loop
  ('c1', 'c2', 'finetune'), ('c2', 'c1', 'finetune'),                        -- 2-cycle
  ('k1', 'k2', 'merge'), ('k2', 'k3', 'merge'), ('k3', 'k1', 'Merge'),        -- 3-cycle, relation case-insensitive
  ('m2', 'base', 'merge'), ('m2', 'other', 'merge'),
  ('m5', 'p1', 'merge'), ('m5', 'p2', 'merge'), ('m5', 'p3', 'merge'), ('m5', 'p4', 'merge'), ('m5', 'ft', 'merge'),
  ('p1', 'base', NULL);
SELECT * FROM lineage_build('e') ORDER BY node;
SELECT * FROM lineage_build_problems('e') ORDER BY problem, child, parent;
-- no legitimate edge is lost: every input edge is kept or listed as a problem
SELECT (SELECT count(*) FROM e) AS input_edges,
       (SELECT sum(cardinality(lineage_parents(lineage))) FROM lineage_build('e')) AS kept,
       (SELECT count(*) FROM lineage_build_problems('e')) AS problems;

-- the cycle rule is deterministic: the same table in another physical order
CREATE TABLE e2 AS SELECT * FROM e ORDER BY md5(child || parent);
SELECT (SELECT string_agg(node || '|' || lineage::text, ';' ORDER BY node) FROM lineage_build('e'))
     = (SELECT string_agg(node || '|' || lineage::text, ';' ORDER BY node) FROM lineage_build('e2')) AS same_result;

-- bad edge tables
SELECT pg_temp.err($$SELECT * FROM lineage_build('e') WHERE false$$);
INSERT INTO e2 VALUES ('a', 'b', 'distilled');
SELECT pg_temp.err($$SELECT * FROM lineage_build('e2')$$);
DELETE FROM e2 WHERE relation = 'distilled';
INSERT INTO e2 VALUES (NULL, 'b', 'finetune');
SELECT pg_temp.err($$SELECT * FROM lineage_build('e2')$$);
CREATE TABLE wrong (a text, b text);
SELECT pg_temp.err($$SELECT * FROM lineage_build('wrong')$$);
-- a view works as well as a table
CREATE VIEW ev AS SELECT child, parent, relation FROM e WHERE child <> 'self';
SELECT count(*) FROM lineage_build('ev');

-- a node with 10,000 children and a chain 2,000 deep (a deep chain's stored
-- lineages grow with the square of its depth; the type itself is tested
-- 10,000 deep in the lineage test)
CREATE TABLE big (child text, parent text, relation text);
INSERT INTO big SELECT 'kid' || i, 'hub/popular', 'finetune' FROM generate_series(1, 10000) i;
INSERT INTO big SELECT 'ch' || i, 'ch' || (i + 1), 'finetune' FROM generate_series(1, 1999) i;
CREATE TABLE big_l AS SELECT * FROM lineage_build('big');
SELECT count(*) AS nodes, count(*) FILTER (WHERE lineage <@ 'hub/popular') AS popular_family,
       max(lineage_depth(lineage)) AS deepest, (SELECT lineage_depth(lineage) FROM big_l WHERE node = 'ch1') AS ch1_depth
FROM big_l;

-- a random graph (3,000 nodes, forward edges plus back edges that close
-- cycles), checked against a recursive CTE over the edges lineage_build kept
SELECT setseed(0.31);
CREATE TABLE rg AS
SELECT 'r' || i AS child, 'r' || (i - 1 - floor(random() * least(i - 1, 50)))::int AS parent,
       (ARRAY['finetune', 'adapter', 'quantized', 'merge', NULL])[1 + floor(random() * 5)::int] AS relation
FROM generate_series(2, 3000) i
UNION ALL
SELECT 'r' || i, 'r' || (i + 1 + floor(random() * 20))::int, 'merge'
FROM generate_series(1, 3000) i WHERE random() < 0.05;
CREATE TABLE rg_l AS SELECT * FROM lineage_build('rg');
CREATE TABLE rg_kept AS
SELECT DISTINCT child, parent FROM rg
EXCEPT SELECT child, parent FROM lineage_build_problems('rg') WHERE problem IN ('self-loop', 'cycle');
CREATE TABLE rg_ref AS
WITH RECURSIVE anc(node, ancestor) AS (
    SELECT child, parent FROM rg_kept
    UNION
    SELECT a.node, k.parent FROM anc a JOIN rg_kept k ON k.child = a.ancestor)
SELECT node, ancestor FROM anc;
SELECT (SELECT count(*) FROM rg_l) AS nodes,
       (SELECT count(*) FROM rg_ref) AS ancestor_pairs,
       (SELECT count(*) FROM (SELECT node, a.ancestor FROM rg_l, lineage_ancestors(lineage) a
                              EXCEPT SELECT node, ancestor FROM rg_ref) x) AS only_in_lineage,
       (SELECT count(*) FROM (SELECT node, ancestor FROM rg_ref
                              EXCEPT SELECT node, a.ancestor FROM rg_l, lineage_ancestors(lineage) a) x) AS only_in_cte,
       (SELECT count(*) FROM lineage_build_problems('rg') WHERE problem = 'cycle') > 0 AS had_cycles;

-- every built value reads back through its text and jsonb forms
SELECT count(*) FILTER (WHERE lineage::text::lineage::text <> lineage::text) AS text_mismatches,
       count(*) FILTER (WHERE (lineage::jsonb ->> 'node') <> node) AS json_node_mismatches
FROM rg_l;

-- the GIN index gives exactly the rows of a sequential scan
CREATE INDEX rg_l_gin ON rg_l USING gin (lineage);
ANALYZE rg_l;
CREATE TEMP TABLE probes AS SELECT 'r' || i AS id FROM generate_series(1, 3000, 37) i;
SET enable_seqscan = off;
CREATE TEMP TABLE via_index AS
SELECT p.id, count(l.node) AS n, coalesce(sum(hashtext(l.node)), 0) AS h
FROM probes p LEFT JOIN LATERAL (SELECT node FROM rg_l WHERE lineage <@ p.id) l ON true GROUP BY p.id;
CREATE TEMP TABLE via_index_any AS
SELECT count(*) AS n FROM rg_l WHERE lineage && ARRAY['r100', 'r2000', NULL, 'nope'];
EXPLAIN (COSTS OFF) SELECT node FROM rg_l WHERE lineage <@ 'r100';
RESET enable_seqscan;
SET enable_bitmapscan = off;
SET enable_indexscan = off;
SELECT count(*) AS probes,
       count(*) FILTER (WHERE i.n = s.n AND i.h = s.h) AS same_rows,
       sum(i.n) AS total_rows
FROM via_index i
JOIN (SELECT p.id, count(l.node) AS n, coalesce(sum(hashtext(l.node)), 0) AS h
      FROM probes p LEFT JOIN LATERAL (SELECT node FROM rg_l WHERE lineage <@ p.id) l ON true GROUP BY p.id) s USING (id);
SELECT (SELECT n FROM via_index_any) = count(*) AS same_any FROM rg_l WHERE lineage && ARRAY['r100', 'r2000', NULL, 'nope'];
RESET enable_bitmapscan;
RESET enable_indexscan;

-- the planner: the index for a rare ancestor, a scan for a common one
EXPLAIN (COSTS OFF) SELECT count(*) FROM rg_l WHERE lineage <@ 'r2950';
EXPLAIN (COSTS OFF) SELECT count(*) FROM rg_l WHERE lineage <@ 'r1';
SELECT count(*) FILTER (WHERE lineage <@ 'r2950') AS rare, count(*) FILTER (WHERE lineage <@ 'r1') AS common FROM rg_l;
DROP TABLE e, e2, wrong, big, big_l, rg, rg_l, rg_kept, rg_ref CASCADE;

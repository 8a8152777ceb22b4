--
-- Hardening of the lineage layer: invalid and unreadable edge tables,
-- inputs built to be slow (unreachable nodes, ids chosen to collide in the
-- old hash, deep values), and messages cut at character boundaries.
-- Timings are never asserted: each slow case runs under a statement_timeout
-- it used to exceed, and must finish (or fail with its own SQLSTATE).
-- Binary receive, cancel, memory and timeouts of endless work are in
-- test/t/001_lineage_limits.pl.
--
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' (' || nullif(detail, '') || ')', '');
END $$;

-- an OID that names no relation is an error, not a crash (42P01)
SELECT pg_temp.err($$SELECT * FROM lineage_build(0::regclass)$$);
SELECT pg_temp.err($$SELECT * FROM lineage_build_problems(0::regclass)$$);
SELECT pg_temp.err($$SELECT * FROM lineage_build(4000000000::oid::regclass)$$);
-- something that is not a table or view (42809)
CREATE TABLE he (child text, parent text, relation text);
INSERT INTO he VALUES ('pub/a', 'pub/base', 'finetune'), ('pub/b', 'pub/a', 'quantized'),
                      ('secret/x', 'pub/base', 'merge'), ('secret/y', 'secret/x', NULL);
CREATE INDEX he_child ON he (child);
CREATE SEQUENCE he_seq;
SELECT pg_temp.err($$SELECT * FROM lineage_build('he_child')$$);
SELECT pg_temp.err($$SELECT * FROM lineage_build_problems('he_seq')$$);

-- the query is schema-qualified: a table outside the search_path, with a
-- name that needs quoting, and a search_path that holds a decoy "text" type
CREATE SCHEMA "Lin Other";
CREATE TABLE "Lin Other"."Edge ""Table""" AS SELECT * FROM he;
CREATE SCHEMA lin_decoy;
CREATE DOMAIN lin_decoy.text AS pg_catalog.text CHECK (VALUE <> 'pub/base');
SET search_path = lin_decoy, pg_catalog, public;
SELECT node, lineage FROM public.lineage_build('"Lin Other"."Edge ""Table"""') ORDER BY node;
RESET search_path;

-- the caller must be allowed to read the edges
CREATE ROLE regress_lineage_reader;
SET ROLE regress_lineage_reader;
SELECT pg_temp.err($$SELECT * FROM lineage_build('he')$$);
SELECT pg_temp.err($$SELECT * FROM lineage_build_problems('he')$$);
RESET ROLE;
-- column privileges on child, parent and relation are enough ...
GRANT SELECT (child, parent) ON he TO regress_lineage_reader;
SET ROLE regress_lineage_reader;
SELECT pg_temp.err($$SELECT * FROM lineage_build('he')$$);
RESET ROLE;
GRANT SELECT (relation) ON he TO regress_lineage_reader;
SET ROLE regress_lineage_reader;
SELECT count(*) AS nodes FROM lineage_build('he');
RESET ROLE;
-- ... and row-level security applies: the caller's lineages are built from
-- the rows the caller may see
ALTER TABLE he ENABLE ROW LEVEL SECURITY;
CREATE POLICY he_pub ON he FOR SELECT TO regress_lineage_reader USING (child LIKE 'pub/%');
SET ROLE regress_lineage_reader;
SELECT node, lineage FROM lineage_build('he') ORDER BY node;
RESET ROLE;
SELECT count(*) AS nodes_for_the_owner FROM lineage_build('he');
DROP TABLE he;
DROP SEQUENCE he_seq;
DROP TABLE "Lin Other"."Edge ""Table""";
DROP DOMAIN lin_decoy.text;
DROP SCHEMA "Lin Other", lin_decoy;
DROP ROLE regress_lineage_reader;

-- 100,000 nodes that are not ancestors of the lineage's node: rejected in
-- linear time (this took 17-25 s when the check was quadratic)
SET statement_timeout = '20s';
SELECT pg_temp.err($$SELECT ('a; ' || string_agg('b'||i||' => finetune:c'||i, '; '))::lineage FROM generate_series(1,100000) i$$);
-- a node listed as a parent of a reachable node, but not reachable itself,
-- is named as such (it is no cycle)
SELECT pg_temp.err($$SELECT 'a => finetune:b; c => finetune:b'::lineage$$);
-- a 100,000-deep value: ancestors listed in O(n log n), not O(depth * n)
CREATE TEMP TABLE deep AS
SELECT ('n0 => ' || string_agg('finetune:n' || i || CASE WHEN i < 100000 THEN '; n' || i || ' => ' ELSE '' END, '' ORDER BY i))::lineage AS l
FROM generate_series(1, 100000) i;
SELECT lineage_depth(l), (SELECT count(*) FROM lineage_ancestors(l)) AS ancestors,
       (SELECT max(distance) FROM lineage_ancestors(l)) AS farthest,
       (SELECT string_agg(ancestor, ',') FROM (SELECT ancestor FROM lineage_ancestors(l) LIMIT 3) a) AS nearest,
       jsonb_array_length(l::jsonb -> 'edges') AS json_edges
FROM deep;
DROP TABLE deep;

-- Hash flooding.  131,072 distinct ids whose FNV-1a hashes (the hash the
-- in-memory tables used to place ids by) agree in their low 20 bits, so they
-- all fell into one probe chain: built here block by block, each block a
-- pair of 3-character strings that collide from the state the blocks
-- before leave.  The low 20 bits of FNV-1a depend only on the low 20 bits
-- of the state, and its prime 16777619 is 403 mod 2^20.
CREATE FUNCTION pg_temp.fnv_lo(h bigint, s text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE b bytea := convert_to(s, 'UTF8');
BEGIN
    FOR i IN 0 .. length(b) - 1 LOOP
        h := ((h # get_byte(b, i)) * 403) & 1048575;
    END LOOP;
    RETURN h;
END $$;
CREATE TEMP TABLE pairs (k int, a text, b text);
DO $$
DECLARE h bigint := 2166136261 & 1048575; r record;
BEGIN
    FOR k IN 0 .. 16 LOOP
        WITH c1(c) AS (SELECT regexp_split_to_table('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-', '')),
             c2(c) AS (SELECT regexp_split_to_table('abcdefghijklmnopqrstuvwxyzABCDEF', '')),
             s(s, w) AS (
                SELECT x.c || y.c || z.c,
                       ((((((h # ascii(x.c)) * 403) & 1048575) # ascii(y.c)) * 403) & 1048575) # ascii(z.c)
                FROM c1 x, c2 y, c1 z)
        SELECT min(s) AS a, max(s) AS b, (w * 403) & 1048575 AS v INTO r
        FROM s GROUP BY w HAVING count(*) >= 2 ORDER BY w LIMIT 1;
        INSERT INTO pairs VALUES (k, r.a, r.b);
        h := r.v;
    END LOOP;
END $$;
CREATE TEMP TABLE colliding AS
SELECT i, string_agg(CASE WHEN (i >> k) & 1 = 0 THEN a ELSE b END, '' ORDER BY k) AS id
FROM generate_series(0, 131071) i, pairs GROUP BY i;
SELECT count(*) AS ids, count(DISTINCT id) AS distinct_ids FROM colliding;
SELECT count(DISTINCT pg_temp.fnv_lo(2166136261 & 1048575, id)) AS low_20_bits_values_in_sample
FROM colliding WHERE i % 1000 = 0;
-- text input (the parser's id table)
CREATE TEMP TABLE flood AS
SELECT ('root => merge:' || string_agg(id, ', merge:' ORDER BY i))::lineage AS l FROM colliding;
SELECT lineage_node(l), cardinality(lineage_parents(l)) AS parents, l <@ (SELECT id FROM colliding WHERE i = 4242) AS derives
FROM flood;
-- lineage_build (its id table), with the ids as children and as parents
CREATE TEMP TABLE flood_edges AS
SELECT id AS child, 'base/' || (i % 7) AS parent, 'finetune' AS relation FROM colliding
UNION ALL SELECT 'kid/' || i, id, 'adapter' FROM colliding WHERE i % 3 = 0;
SELECT count(*) AS nodes, sum(cardinality(lineage_parents(lineage))) AS edges FROM lineage_build('flood_edges');
-- ANALYZE (its table of ancestors) and a GIN index whose keys all collide
INSERT INTO flood SELECT ('x' || i || ' => finetune:' || id)::lineage FROM colliding WHERE i % 16 = 0;
ANALYZE flood;
SELECT count(*) > 0 AS has_common_elems FROM pg_stats WHERE tablename = 'flood' AND most_common_elems IS NOT NULL;
CREATE INDEX flood_gin ON flood USING gin (l);
SET enable_seqscan = off;
SELECT count(*) AS via_index FROM flood WHERE l <@ (SELECT id FROM colliding WHERE i = 32);
RESET enable_seqscan;
RESET statement_timeout;
DROP TABLE flood, flood_edges, colliding, pairs;

-- messages cut their quote of the input at a character boundary, and count
-- characters (not bytes) in "at character N"
SELECT pg_temp.err(format('SELECT %L::lineage', '"' || repeat('é', 40) || '" trailing'));
SELECT pg_temp.err(format('SELECT %L::lineage', '"üüü" => finetune:b junk'));
CREATE TEMP TABLE bad_rel (child text, parent text, relation text);
INSERT INTO bad_rel VALUES ('a', 'b', repeat('ß', 50));
SELECT pg_temp.err($$SELECT * FROM lineage_build('bad_rel')$$);
-- the id rule of the type applies to lineage_build's edges too
INSERT INTO bad_rel VALUES ('a', 'b' || chr(10), 'finetune'), ('', 'b', 'finetune');
DELETE FROM bad_rel WHERE relation <> 'finetune';
SELECT pg_temp.err($$SELECT * FROM lineage_build('bad_rel')$$);
DELETE FROM bad_rel WHERE child = 'a';
SELECT pg_temp.err($$SELECT * FROM lineage_build('bad_rel')$$);
DROP TABLE bad_rel;

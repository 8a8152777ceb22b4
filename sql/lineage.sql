--
-- The lineage type: canonical text, round trips, traversal functions,
-- operators, merges, deep chains, invalid input.
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

CREATE TABLE lin (name text PRIMARY KEY, l lineage);
INSERT INTO lin VALUES
  ('root',      'meta/llama-3'),
  ('chain',     'acme/m-q4 => quantized:acme/m; acme/m => finetune:meta/llama-3'),
  -- the same DAG written in another order, with other spacing: same value
  ('chain2',    'acme/m-q4=>quantized:acme/m;acme/m   =>  finetune:meta/llama-3'),
  ('merge2',    'x/merged => merge:b/two, merge:a/one; a/one => finetune:base/m; b/two => adapter:base/m'),
  ('merge3',    'm3 => merge:p1, merge:p2, merge:p3'),
  ('merge5',    'm5 => merge:p5, merge:p4, merge:p3, merge:p2, merge:p1; p1 => finetune:r1; p2 => finetune:r1; p5 => unknown:r2'),
  ('diamond',   'd => finetune:l, adapter:r; l => finetune:top; r => quantized:top'),
  ('quoted',    '"odd id; with => specials" => finetune:"quote \" and \\ backslash"'),
  ('unknownrel','child => unknown:parent');

-- canonical text, and every value reads back to itself
SELECT name, l FROM lin ORDER BY name;
SELECT count(*) AS values, count(*) FILTER (WHERE l::text::lineage::text = l::text) AS round_trip FROM lin;
SELECT (SELECT l FROM lin WHERE name = 'chain')::text = (SELECT l FROM lin WHERE name = 'chain2')::text AS same_dag_same_text;

-- traversal functions
SELECT name, lineage_node(l), lineage_parents(l), lineage_roots(l), lineage_depth(l), lineage_relations(l)
FROM lin ORDER BY name;
SELECT name, lineage_distance(l, 'meta/llama-3') AS to_llama, lineage_distance(l, 'top') AS to_top,
       lineage_distance(l, lineage_node(l)) AS to_itself
FROM lin ORDER BY name;
SELECT a.* FROM lin, lineage_ancestors(l) a WHERE name = 'merge5';
SELECT a.* FROM lin, lineage_ancestors(l) a WHERE name = 'diamond';   -- tie at distance 2: reached first via l (finetune)
SELECT name, r.root, r.share FROM lin, lineage_root_shares(l) r ORDER BY name, root;
SELECT name, sum(share) AS total FROM lin, lineage_root_shares(l) GROUP BY name HAVING abs(sum(share) - 1) > 1e-12;

-- operators; the untyped literal resolves to the text operator
SELECT name FROM lin WHERE l <@ 'base/m' ORDER BY 1;
SELECT name FROM lin WHERE 'r1' @> l ORDER BY 1;
SELECT name FROM lin WHERE l && ARRAY['top', 'p3', NULL] ORDER BY 1;
SELECT name FROM lin WHERE l <@ 'meta/llama-3' ORDER BY 1;
SELECT count(*) AS derives_from_itself FROM lin WHERE l <@ lineage_node(l);
EXPLAIN (COSTS OFF) SELECT * FROM lin WHERE l <@ 'org/name';

-- jsonb for drivers and BI tools
SELECT l::jsonb FROM lin WHERE name IN ('chain', 'quoted') ORDER BY name;
SELECT jsonb_array_length(l::jsonb -> 'edges') AS edges FROM lin WHERE name = 'merge5';

-- a chain 10,000 deep and a node with 10,000 parents: no recursion, exact counts
CREATE TABLE deep AS
SELECT ('n0 => ' || string_agg('finetune:n' || i || CASE WHEN i < 10000 THEN '; n' || i || ' => ' ELSE '' END, '' ORDER BY i))::lineage AS l
FROM generate_series(1, 10000) i;
SELECT lineage_depth(l), lineage_distance(l, 'n10000'), lineage_roots(l), cardinality(lineage_parents(l)),
       (SELECT count(*) FROM lineage_ancestors(l)) AS ancestors, l <@ 'n5000' AS derives,
       l::text::lineage::text = l::text AS round_trip
FROM deep;
CREATE TABLE wide AS
SELECT ('w => ' || string_agg('merge:p' || i, ', '))::lineage AS l FROM generate_series(1, 10000) i;
SELECT lineage_depth(l), cardinality(lineage_parents(l)), cardinality(lineage_roots(l)),
       (SELECT sum(share) FROM lineage_root_shares(l)) AS shares, l <@ 'p9999' AS derives
FROM wide;

-- invalid input: SQLSTATE 22P02 with what was wrong
SELECT pg_temp.err($$SELECT ''::lineage$$);
SELECT pg_temp.err($$SELECT 'a =>'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => b'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => bogus:b'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:a'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:b; b => finetune:a'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:b; b => finetune:c; c => finetune:b'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:b; c => finetune:d'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:b, adapter:b'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:b; a => finetune:c'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:"unterminated'::lineage$$);
SELECT pg_temp.err($$SELECT 'a => finetune:""'::lineage$$);
SELECT pg_temp.err(format('SELECT %L::lineage', 'a => finetune:"x' || chr(9) || 'y"'));
SELECT pg_temp.err(format('SELECT %L::lineage', 'a => finetune:' || repeat('x', 1025)));
SELECT pg_temp.err($$SELECT 'a => finetune:b trailing'::lineage$$);
DROP TABLE lin, deep, wide;

-- lineage_identical: the same bytes (what a refresh compares)
SELECT lineage_identical('a/m-q4 => quantized:a/m; a/m => finetune:b/base'::lineage,
                         'a/m-q4 => quantized:a/m; a/m => finetune:b/base'::lineage) AS same,
       lineage_identical('a/m-q4 => quantized:a/m; a/m => finetune:b/base'::lineage,
                         'a/m-q4 => quantized:a/m; a/m => adapter:b/base'::lineage) AS other_relation,
       lineage_identical('a/m-q4 => quantized:a/m'::lineage, 'a/m-q5 => quantized:a/m'::lineage) AS other_node,
       lineage_identical('a/m-q4 => quantized:a/m'::lineage, NULL) AS with_null;
-- every built value is identical to its text round trip
CREATE TEMP TABLE li_edges (child text, parent text, relation text);
INSERT INTO li_edges VALUES ('x/c', 'x/b', 'finetune'), ('x/b', 'x/a', 'quantized'), ('x/m', 'x/b', 'merge'), ('x/m', 'y/z', 'merge');
SELECT count(*) AS built, count(*) FILTER (WHERE lineage_identical(lineage, lineage::text::lineage)) AS identical_after_text
FROM lineage_build('li_edges');

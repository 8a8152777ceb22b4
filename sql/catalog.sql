--
-- The extension's objects: every one documented (COMMENT ON), every
-- function IMMUTABLE and PARALLEL SAFE, every aggregate with a combine
-- function and a real (non-pseudo) state type, as Citus needs.
--
-- members without a comment (expected: none)
SELECT pg_describe_object(classid, objid, 0) AS undocumented
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats')
  AND deptype = 'e'
  AND obj_description(objid, classid::regclass::text) IS NULL
  AND NOT (classid = 'pg_type'::regclass
           AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = objid AND t.typelem <> 0 AND t.typname LIKE '\_%'))
  -- the row type of a table or view is documented by the relation's comment
  -- (17 and later record these types as extension members too; 15 and 16 do not)
  AND NOT (classid = 'pg_type'::regclass
           AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = objid AND t.typrelid <> 0))
ORDER BY 1;
-- functions that are not IMMUTABLE or not PARALLEL SAFE: only those that read
-- tables (lineage_build, lineage_build_problems) or statistics (the
-- selectivity estimator, the typanalyze function)
SELECT p.oid::regprocedure AS not_immutable_or_parallel_safe
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats')
  AND (p.proparallel <> 's' OR (p.prokind = 'f' AND p.provolatile <> 'i'))
ORDER BY p.oid::regprocedure::text;
-- the aggregates: state type, combine function, final function
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtranstype::regtype AS state_type,
       t.typtype AS state_kind, a.aggcombinefn <> 0 AS has_combine, a.aggfinalfn::regproc AS final
FROM pg_aggregate a JOIN pg_type t ON t.oid = a.aggtranstype
JOIN pg_depend d ON d.objid = a.aggfnoid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats')
ORDER BY a.aggfnoid::regprocedure::text;
-- the states keep what the contract says: k values for top_k_share, each
-- distinct value once for a distribution (1,000,000 rows, 10 distinct values)
CREATE AGGREGATE pg_temp.topk_state_of(float8, int) (
    SFUNC = topk_state_accum, STYPE = topk_state, COMBINEFUNC = topk_state_combine);
SELECT pg_temp.topk_state_of(i, 3) FROM generate_series(1, 1000000) i;
SELECT distribution_agg(i % 10) AS d, pg_column_size(distribution_agg(i % 10)) AS bytes
FROM generate_series(1, 1000000) i;
--
-- Security rules (doc/security.md), over the catalog, so that a new
-- function cannot forget them:
-- every function of the extension that runs SQL or is not IMMUTABLE pins
-- search_path to pg_catalog, pg_temp (expected: none without)
SELECT p.oid::regprocedure AS search_path_not_pinned
FROM pg_proc p
JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats')
  AND p.prokind <> 'a'
  AND (l.lanname IN ('sql', 'plpgsql') OR p.provolatile <> 'i')
  AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)
ORDER BY p.oid::regprocedure::text;
-- no object of the extension (views, defaults, constraints, indexes,
-- functions, operators) is bound to a function or operator that is neither
-- the extension's own nor built in (pg_depend records no references to
-- built-in objects; expected: none)
WITH RECURSIVE owned(classid, objid) AS (
    SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats')
    UNION
    SELECT d.classid, d.objid FROM pg_depend d JOIN owned o ON d.refclassid = o.classid AND d.refobjid = o.objid
    WHERE d.deptype IN ('a', 'i')
)
SELECT DISTINCT pg_describe_object(d.refclassid, d.refobjid, 0) AS bound_to_foreign_object
FROM pg_depend d JOIN owned o ON d.classid = o.classid AND d.objid = o.objid
WHERE d.deptype = 'n' AND d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
  AND NOT EXISTS (SELECT 1 FROM owned o2 WHERE o2.classid = d.refclassid AND o2.objid = d.refobjid);

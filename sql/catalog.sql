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
ORDER BY 1;
-- functions that are not IMMUTABLE or not PARALLEL SAFE: only those that read
-- tables (lineage_build, lineage_build_problems), write them
-- (the hub import functions, the seed guard, hub.refresh and the pg_cron
-- functions) or read statistics, catalogs or tables (the selectivity estimator, the
-- typanalyze function, hub.author_kind, hub.author_country, hub.refresh_order,
-- hub.cron_check)
SELECT p.oid::regprocedure AS not_immutable_or_parallel_safe
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats')
  AND (p.proparallel <> 's' OR (p.prokind = 'f' AND p.provolatile <> 'i'));
-- the aggregates: state type, combine function, final function
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtranstype::regtype AS state_type,
       t.typtype AS state_kind, a.aggcombinefn <> 0 AS has_combine, a.aggfinalfn::regproc AS final
FROM pg_aggregate a JOIN pg_type t ON t.oid = a.aggtranstype
JOIN pg_depend d ON d.objid = a.aggfnoid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats')
ORDER BY 1::text;
-- the states keep what the contract says: k values for top_k_share, each
-- distinct value once for a distribution (1,000,000 rows, 10 distinct values)
CREATE AGGREGATE pg_temp.topk_state_of(float8, int) (
    SFUNC = topk_state_accum, STYPE = topk_state, COMBINEFUNC = topk_state_combine);
SELECT pg_temp.topk_state_of(i, 3) FROM generate_series(1, 1000000) i;
SELECT distribution_agg(i % 10) AS d, pg_column_size(distribution_agg(i % 10)) AS bytes
FROM generate_series(1, 1000000) i;

--
-- The objects of ecostats_hub: every one documented (COMMENT ON), the
-- security rules of doc/security.md over the catalog.
--
-- members without a comment (expected: none)
SELECT pg_describe_object(classid, objid, 0) AS undocumented
FROM pg_depend
WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats_hub')
  AND deptype = 'e'
  AND obj_description(objid, classid::regclass::text) IS NULL
  AND NOT (classid = 'pg_type'::regclass
           AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = objid AND t.typelem <> 0 AND t.typname LIKE '\_%'))
  -- the row type of a table or view is documented by the relation's comment
  -- (17 and later record these types as extension members too; 15 and 16 do not)
  AND NOT (classid = 'pg_type'::regclass
           AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = objid AND t.typrelid <> 0))
ORDER BY 1;
-- columns of the extension's tables and views without a comment, which BI
-- tools show as blank field descriptions (expected: none)
SELECT c.oid::regclass AS relation, a.attname AS undocumented_column
FROM pg_class c
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats_hub')
  AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
  AND col_description(c.oid, a.attnum) IS NULL
ORDER BY 1, a.attnum;
-- and the columns that have one, per kind of relation (every column)
SELECT c.relkind, count(DISTINCT c.oid) AS relations, count(*) AS columns,
       count(*) FILTER (WHERE col_description(c.oid, a.attnum) IS NOT NULL) AS documented
FROM pg_class c
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats_hub')
  AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
GROUP BY c.relkind ORDER BY 1;
-- functions that are not IMMUTABLE or not PARALLEL SAFE: all of them (they
-- read or write the hub tables or the catalogs), listed
SELECT p.oid::regprocedure AS not_immutable_or_parallel_safe
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats_hub')
  AND (p.proparallel <> 's' OR (p.prokind = 'f' AND p.provolatile <> 'i'))
ORDER BY p.oid::regprocedure::text;
--
-- Security rules (doc/security.md), over the catalog, so that a new
-- function cannot forget them:
-- every function of the extension that runs SQL or is not IMMUTABLE pins
-- search_path to pg_catalog, pg_temp (expected: none without)
SELECT p.oid::regprocedure AS search_path_not_pinned
FROM pg_proc p
JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats_hub')
  AND p.prokind <> 'a'
  AND (l.lanname IN ('sql', 'plpgsql') OR p.provolatile <> 'i')
  AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)
ORDER BY p.oid::regprocedure::text;
-- no object of the extension (views, defaults, constraints, indexes,
-- functions, operators) is bound to a function or operator that is neither
-- built in nor of ecostats or ecostats_hub (pg_depend records no references
-- to built-in objects; expected: none)
WITH RECURSIVE owned(classid, objid) AS (
    SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid IN (SELECT oid FROM pg_extension WHERE extname IN ('ecostats', 'ecostats_hub'))
    UNION
    SELECT d.classid, d.objid FROM pg_depend d JOIN owned o ON d.refclassid = o.classid AND d.refobjid = o.objid
    WHERE d.deptype IN ('a', 'i')
)
SELECT DISTINCT pg_describe_object(d.refclassid, d.refobjid, 0) AS bound_to_foreign_object
FROM pg_depend d JOIN owned o ON d.classid = o.classid AND d.objid = o.objid
WHERE d.deptype = 'n' AND d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
  AND NOT EXISTS (SELECT 1 FROM owned o2 WHERE o2.classid = d.refclassid AND o2.objid = d.refobjid);
-- the functions that call ecostats at run time are bound to it (BEGIN
-- ATOMIC), not named in text: no plpgsql or SQL body of ecostats_hub names
-- the schema ecostats is in
SELECT p.oid::regprocedure AS names_ecostats_schema
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats_hub')
  AND p.prosrc LIKE '%' || (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                             WHERE e.extname = 'ecostats') || '.%';

-- the refresh lock: nobody but its owner may take it
SELECT relname, relacl IS NULL OR NOT EXISTS (SELECT 1 FROM aclexplode(relacl) a WHERE a.grantee <> relowner) AS owner_only,
       reloptions
FROM pg_class WHERE oid = 'hub.refresh_lock'::regclass;

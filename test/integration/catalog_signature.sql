-- test/integration/catalog_signature.sql — everything the catalogs say about
-- the objects of ecostats and ecostats_hub, as text without OIDs: one row
-- per fact, sorted.  Two databases whose outputs are equal have the same
-- extensions as far as a user can tell: 25_upgrade.sh compares a database
-- upgraded from 0.1.0 with a fresh install this way.
\pset format unaligned
\pset tuples_only on
\pset pager off
WITH ext AS (
    SELECT e.oid, e.extname FROM pg_extension e WHERE e.extname IN ('ecostats', 'ecostats_hub')
), members AS (
    SELECT ext.extname, d.classid, d.objid, o.type, o.identity
    FROM pg_depend d JOIN ext ON d.refobjid = ext.oid AND d.refclassid = 'pg_extension'::regclass
    CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o
    WHERE d.deptype = 'e'
), facts(extname, type, identity, fact) AS (
    -- membership, and the comment of each member
    SELECT extname, type, identity, 'member; comment: ' || coalesce(obj_description(objid, classid::regclass::text), '(none)')
    FROM members
    UNION ALL
    -- functions (not aggregates): the whole definition
    SELECT m.extname, m.type, m.identity, pg_get_functiondef(p.oid) || ' acl=' || coalesce(p.proacl::text, '-')
    FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid AND p.prokind <> 'a'
    UNION ALL
    -- aggregates
    SELECT m.extname, m.type, m.identity,
           concat_ws(' ', a.aggkind, a.aggtransfn::text, a.aggfinalfn::text, a.aggcombinefn::text, a.aggserialfn::text,
                     a.aggdeserialfn::text, a.aggmtransfn::text, a.aggminvtransfn::text, a.aggmfinalfn::text,
                     a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop::regoperator::text,
                     format_type(a.aggtranstype, NULL), a.aggtransspace, format_type(a.aggmtranstype, NULL), a.aggmtransspace,
                     a.agginitval, a.aggminitval, a.aggnumdirectargs, p.proparallel, p.provolatile, p.proisstrict,
                     pg_get_function_arguments(p.oid), pg_get_function_result(p.oid), coalesce(p.proacl::text, '-'))
    FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid AND p.prokind = 'a'
    JOIN pg_aggregate a ON a.aggfnoid = p.oid
    UNION ALL
    -- types
    SELECT m.extname, m.type, m.identity,
           concat_ws(' ', t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory, t.typispreferred,
                     t.typinput::text, t.typoutput::text, t.typreceive::text, t.typsend::text, t.typmodin::text,
                     t.typmodout::text, t.typanalyze::text, t.typsubscript::text, format_type(t.typelem, NULL),
                     format_type(t.typarray, NULL), t.typcollation <> 0, t.typdefault, coalesce(t.typacl::text, '-'))
    FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
    UNION ALL
    -- operators
    SELECT m.extname, m.type, m.identity,
           concat_ws(' ', o.oprkind, o.oprcanmerge, o.oprcanhash, format_type(o.oprresult, NULL), o.oprcode::text,
                     o.oprcom::regoperator::text, o.oprnegate::regoperator::text, o.oprrest::text, o.oprjoin::text)
    FROM members m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
    UNION ALL
    -- operator families: their operators and support functions
    SELECT m.extname, m.type, m.identity,
           string_agg(x, '; ' ORDER BY x)
    FROM members m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
    CROSS JOIN LATERAL (
        SELECT format('op %s %s %s', ao.amopstrategy, ao.amopopr::regoperator, ao.amoppurpose) FROM pg_amop ao WHERE ao.amopfamily = f.oid
        UNION ALL
        SELECT format('proc %s %s %s %s', ap.amprocnum, format_type(ap.amproclefttype, NULL), format_type(ap.amprocrighttype, NULL),
                      ap.amproc::regprocedure) FROM pg_amproc ap WHERE ap.amprocfamily = f.oid) s(x)
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT m.extname, m.type, m.identity,
           concat_ws(' ', c.opcdefault, format_type(c.opcintype, NULL), format_type(c.opckeytype, NULL))
    FROM members m JOIN pg_opclass c ON m.classid = 'pg_opclass'::regclass AND c.oid = m.objid
    UNION ALL
    -- casts
    SELECT m.extname, m.type, m.identity, concat_ws(' ', c.castfunc::regprocedure::text, c.castcontext, c.castmethod)
    FROM members m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
    UNION ALL
    -- relations: kind, options, privileges, view definitions
    SELECT m.extname, m.type, m.identity,
           concat_ws(' ', c.relkind, c.relpersistence, coalesce(c.reloptions::text, '-'), coalesce(c.relacl::text, '-'),
                     c.relrowsecurity, pg_get_viewdef(c.oid, true))
    FROM members m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
    UNION ALL
    -- columns: type, nullability, default, identity, comment (position-independent: by name)
    SELECT m.extname, 'column', m.identity || '.' || a.attname,
           concat_ws(' ', format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated,
                     pg_get_expr(ad.adbin, ad.adrelid), 'comment: ' || coalesce(col_description(c.oid, a.attnum), '(none)'))
    FROM members m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
    UNION ALL
    -- constraints, indexes and triggers of member relations
    SELECT m.extname, 'constraint', m.identity || ' ' || k.conname, pg_get_constraintdef(k.oid)
    FROM members m JOIN pg_constraint k ON m.classid = 'pg_class'::regclass AND k.conrelid = m.objid
    UNION ALL
    SELECT m.extname, 'index', m.identity || ' ' || i.indexrelid::regclass::text,
           pg_get_indexdef(i.indexrelid) || ' comment: ' || coalesce(obj_description(i.indexrelid, 'pg_class'), '(none)')
    FROM members m JOIN pg_index i ON m.classid = 'pg_class'::regclass AND i.indrelid = m.objid
    UNION ALL
    SELECT m.extname, 'trigger', m.identity || ' ' || t.tgname, pg_get_triggerdef(t.oid)
    FROM members m JOIN pg_trigger t ON m.classid = 'pg_class'::regclass AND t.tgrelid = m.objid AND NOT t.tgisinternal
    UNION ALL
    -- schemas: owner kind and privileges
    SELECT m.extname, m.type, m.identity, coalesce(n.nspacl::text, '-')
    FROM members m JOIN pg_namespace n ON m.classid = 'pg_namespace'::regclass AND n.oid = m.objid
    UNION ALL
    -- the extensions themselves
    SELECT e.extname, 'extension', e.extname,
           concat_ws(' ', e.extversion, e.extrelocatable, n.nspname,
                     (SELECT string_agg(x.c::regclass::text || coalesce(' ' || x.w, ''), ', ' ORDER BY x.c::regclass::text)
                      FROM unnest(e.extconfig, e.extcondition) x(c, w)))
    FROM pg_extension e JOIN ext ON ext.oid = e.oid JOIN pg_namespace n ON n.oid = e.extnamespace
)
SELECT extname || ' | ' || type || ' | ' || identity || ' | ' || regexp_replace(fact, '\s+', ' ', 'g')
FROM facts
ORDER BY 1;

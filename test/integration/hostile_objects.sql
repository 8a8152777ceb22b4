-- test/integration/hostile_objects.sql — used by 05_security.sh.
--
-- Run in a database where ecostats is installed (and nothing hostile yet)
-- with psql -qAt; prints an SQL script that, run by an unprivileged role
-- with CREATE on schema public, plants in public a hostile overload of every
-- function and operator name the extension's SQL uses, for every argument
-- type the extension's SQL deals in, wherever the built-ins have no
-- function or operator of exactly that signature.  Each hostile function
-- counts its calls in the sequence public.hostile_calls (nextval is not
-- rolled back, so a call is seen even when the statement fails afterwards)
-- and raises a WARNING naming itself.
--
-- The names come from the catalog and from the built library, not from a
-- hand-written list:
--   * identifiers followed by "(" and operator tokens in the definitions
--     of the extension's views, indexes, constraints and column defaults
--     (bound when CREATE EXTENSION runs) and in the bodies of its SQL and
--     PL/pgSQL functions (parsed at run time);
--   * the same in the SQL strings of the shared library, passed in as the
--     psql variable :'spi_text' (the output of strings(1) on ecostats.so).
-- The argument types: the types of those functions' and operators'
-- arguments, the column types of the extension's tables and views, and the
-- extension's own types.

\set ON_ERROR_STOP 1

CREATE TEMP TABLE ext_member AS
WITH RECURSIVE owned(classid, objid) AS (
    SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid IN (SELECT oid FROM pg_extension WHERE extname IN ('ecostats', 'ecostats_hub'))
    UNION
    SELECT d.classid, d.objid FROM pg_depend d JOIN owned o ON d.refclassid = o.classid AND d.refobjid = o.objid
    WHERE d.deptype IN ('a', 'i')
)
SELECT * FROM owned;

-- functions and operators of other extensions or of users that the
-- extension's objects are bound to (none, if all is well)
CREATE TEMP TABLE bound AS
SELECT DISTINCT d.refclassid, d.refobjid
FROM pg_depend d JOIN ext_member o ON d.classid = o.classid AND d.objid = o.objid
WHERE d.deptype = 'n' AND d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass);

-- the text parsed at run time: function bodies and the library's strings
CREATE TEMP TABLE runtime_text AS
SELECT p.prosrc AS t FROM pg_proc p JOIN ext_member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
JOIN pg_language l ON l.oid = p.prolang WHERE l.lanname IN ('sql', 'plpgsql')
UNION ALL SELECT :'spi_text'
-- bound at CREATE time; pg_depend does not record references to built-in
-- (pinned) objects, so the definitions are read back as text
UNION ALL SELECT pg_get_viewdef(c.oid) FROM pg_class c JOIN ext_member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
          WHERE c.relkind IN ('v', 'm')
UNION ALL SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN ext_member m ON m.classid = 'pg_class'::regclass AND m.objid = i.indexrelid
UNION ALL SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN ext_member m ON m.classid = 'pg_constraint'::regclass AND m.objid = c.oid
UNION ALL SELECT pg_get_expr(a.adbin, a.adrelid) FROM pg_attrdef a JOIN ext_member m ON m.classid = 'pg_attrdef'::regclass AND m.objid = a.oid;

CREATE TEMP TABLE fnames AS
SELECT DISTINCT p.proname AS name
FROM bound b JOIN pg_proc p ON b.refclassid = 'pg_proc'::regclass AND p.oid = b.refobjid
UNION
SELECT DISTINCT lower(m[1]) FROM runtime_text r, regexp_matches(r.t, '([A-Za-z_][A-Za-z0-9_]*)\s*\(', 'g') m;
DELETE FROM fnames f WHERE NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.proname = f.name AND p.prokind IN ('f', 'a', 'w')
                                       AND (p.pronamespace = 'pg_catalog'::regnamespace
                                            OR EXISTS (SELECT 1 FROM ext_member m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid)));

CREATE TEMP TABLE onames AS
SELECT DISTINCT o.oprname AS name
FROM bound b JOIN pg_operator o ON b.refclassid = 'pg_operator'::regclass AND o.oid = b.refobjid
UNION
SELECT DISTINCT m[1] FROM runtime_text r, regexp_matches(r.t, '([-+*/<>=~!@#%^&|`?]+)', 'g') m;
DELETE FROM onames n WHERE NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = n.name
                                       AND o.oprnamespace = 'pg_catalog'::regnamespace);

-- the argument types
CREATE TEMP TABLE types AS
SELECT DISTINCT t FROM (
    SELECT unnest(p.proargtypes::oid[]) AS t
    FROM bound b JOIN pg_proc p ON b.refclassid = 'pg_proc'::regclass AND p.oid = b.refobjid
    UNION ALL SELECT o.oprleft FROM bound b JOIN pg_operator o ON b.refclassid = 'pg_operator'::regclass AND o.oid = b.refobjid
    UNION ALL SELECT o.oprright FROM bound b JOIN pg_operator o ON b.refclassid = 'pg_operator'::regclass AND o.oid = b.refobjid
    UNION ALL SELECT a.atttypid FROM pg_attribute a JOIN ext_member m ON m.classid = 'pg_class'::regclass AND m.objid = a.attrelid
              WHERE a.attnum > 0 AND NOT a.attisdropped
    UNION ALL SELECT ty.oid FROM pg_type ty JOIN ext_member m ON m.classid = 'pg_type'::regclass AND m.objid = ty.oid
    UNION ALL SELECT unnest(ARRAY['int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'text', 'varchar', 'name',
                                  'bool', 'date', 'timestamptz', 'interval', 'jsonb', 'text[]', 'int8[]', 'float8[]',
                                  'regclass', 'oid']::regtype[]::oid[])
) s
JOIN pg_type ty ON ty.oid = s.t
LEFT JOIN pg_type el ON el.oid = ty.typelem
WHERE ty.typtype IN ('b', 'd', 'e', 'r', 'm') AND ty.typname NOT LIKE 'pg\_%' AND ty.oid <> 'unknown'::regtype
  AND ty.typrelid = 0 AND coalesce(el.typrelid, 0) = 0;
-- phase 1 plants, before CREATE EXTENSION, what uses built-in types only;
-- phase 2, after it, what uses the extension's types
ALTER TABLE types ADD COLUMN phase int;
UPDATE types SET phase = CASE WHEN EXISTS (SELECT 1 FROM ext_member m WHERE m.classid = 'pg_type'::regclass
                                           AND m.objid IN (types.t, (SELECT typelem FROM pg_type WHERE oid = types.t)))
                              THEN 2 ELSE 1 END;

-- the body of every hostile function
CREATE TEMP TABLE hostile(sql text, phase int);
CREATE FUNCTION pg_temp.body(sig text, retset boolean DEFAULT false) RETURNS text LANGUAGE sql AS $fn$
SELECT format($f$LANGUAGE plpgsql SET search_path = pg_catalog AS $b$ BEGIN PERFORM pg_catalog.nextval('public.hostile_calls'); RAISE WARNING 'hostile %% ran', %L; %s END $b$$f$,
              sig, CASE WHEN retset THEN 'RETURN NEXT NULL; RETURN;' ELSE 'RETURN NULL;' END) $fn$;

-- function overloads: each built-in overload of each name with one argument
-- replaced by each type, where no built-in has exactly that signature
INSERT INTO hostile
SELECT DISTINCT ON (p.proname, s.sig) format('CREATE FUNCTION public.%I(%s) RETURNS %s%s %s;', p.proname, sig,
                       CASE WHEN p.proretset THEN 'SETOF ' ELSE '' END, ret, pg_temp.body(p.proname || '(' || sig || ')', p.proretset)),
       CASE WHEN EXISTS (SELECT 1 FROM ext_member m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid) THEN 2
            ELSE ty.phase END
FROM fnames f
JOIN pg_proc p ON p.proname = f.name
    AND (p.pronamespace = 'pg_catalog'::regnamespace
         OR EXISTS (SELECT 1 FROM ext_member m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid))
CROSS JOIN LATERAL generate_series(1, p.pronargs) i
CROSS JOIN types ty
CROSS JOIN LATERAL (
    SELECT string_agg(CASE WHEN j = i THEN ty.t::regtype::text ELSE a::regtype::text END, ', ' ORDER BY j) AS sig,
           array_agg(CASE WHEN j = i THEN ty.t ELSE a END ORDER BY j) AS oids
    FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(a, j)
) s
CROSS JOIN LATERAL (SELECT CASE WHEN p.prorettype IN (SELECT t FROM types) THEN p.prorettype::regtype::text
                                ELSE ty.t::regtype::text END AS ret) r
WHERE p.pronargs BETWEEN 1 AND 4 AND p.provariadic = 0
  AND (p.prorettype NOT IN (SELECT t FROM types WHERE phase = 2) OR ty.phase = 2)
  AND NOT EXISTS (SELECT 1 FROM unnest(s.oids) o JOIN pg_type pt ON pt.oid = o WHERE pt.typtype = 'p')
  -- (an oidvector cast to oid[] starts at index 0: compare the lists as text)
  AND NOT EXISTS (SELECT 1 FROM pg_proc q WHERE q.proname = p.proname
                  AND array_to_string(q.proargtypes::oid[], ',') = array_to_string(s.oids, ',')
                  AND q.pronamespace = p.pronamespace)
ORDER BY p.proname, s.sig, p.oid;

-- binary and prefix operators of each name for every pair of types
INSERT INTO hostile
SELECT format('CREATE FUNCTION public.%I(%s, %s) RETURNS %s %s; CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.%I);',
              fn, l.t::regtype, r.t::regtype, ret, pg_temp.body(n.name || '(' || l.t::regtype || ', ' || r.t::regtype || ')'),
              n.name, l.t::regtype, r.t::regtype, fn), greatest(l.phase, r.phase)
FROM onames n CROSS JOIN types l CROSS JOIN types r
CROSS JOIN LATERAL (SELECT 'hostile_op_' || md5(n.name || l.t || ',' || r.t) AS fn,
                           CASE WHEN EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = n.name AND o.oprresult = 'bool'::regtype
                                             AND o.oprnamespace = 'pg_catalog'::regnamespace)
                                THEN 'bool' ELSE l.t::regtype::text END AS ret) x
WHERE EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = n.name AND o.oprkind = 'b')
  AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = n.name AND o.oprleft = l.t AND o.oprright = r.t
                  AND o.oprnamespace = 'pg_catalog'::regnamespace);
INSERT INTO hostile
SELECT format('CREATE FUNCTION public.%I(%s) RETURNS %s %s; CREATE OPERATOR public.%s (RIGHTARG = %s, FUNCTION = public.%I);',
              fn, r.t::regtype, r.t::regtype, pg_temp.body(n.name || '(' || r.t::regtype || ')'), n.name, r.t::regtype, fn), r.phase
FROM onames n CROSS JOIN types r
CROSS JOIN LATERAL (SELECT 'hostile_op_' || md5(n.name || 'prefix,' || r.t) AS fn) x
WHERE EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = n.name AND o.oprkind = 'l')
  AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = n.name AND o.oprkind = 'l' AND o.oprright = r.t
                  AND o.oprnamespace = 'pg_catalog'::regnamespace);

-- what was planted, for the log (stderr), and the script of the phase
-- asked for (psql variable phase) on stdout
\o /dev/stderr
SELECT format('hostile objects (phase %s): %s functions, %s operators; %s function names, %s operator names, %s types',
              :phase, (SELECT count(*) FROM hostile WHERE phase = :phase AND sql NOT LIKE '%CREATE OPERATOR%'),
              (SELECT count(*) FROM hostile WHERE phase = :phase AND sql LIKE '%CREATE OPERATOR%'),
              (SELECT count(*) FROM fnames), (SELECT count(*) FROM onames), (SELECT count(*) FROM types));
SELECT 'function names: ' || string_agg(name, ' ' ORDER BY name) FROM fnames;
SELECT 'operator names: ' || string_agg(name, ' ' ORDER BY name) FROM onames;
\o
SELECT sql FROM hostile WHERE phase = :phase ORDER BY sql;

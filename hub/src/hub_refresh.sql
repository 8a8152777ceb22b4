-- ecostats_hub: hub.refresh and hub.schedule_refresh (code; their tables are in hub_tables.sql).
--
-- hub.refresh() rebuilds hub.models.lineage from hub.model_edges and then
-- refreshes every materialized view of the extension in schema hub, in
-- dependency order, CONCURRENTLY (readers are never blocked), all in the
-- caller's transaction.  Two refreshes never run at once: each takes a
-- SHARE UPDATE EXCLUSIVE lock on the empty table hub.refresh_lock, which
-- only roles allowed to refresh can take (not an advisory lock, which any
-- role could take and so disable every refresh).
-- hub.schedule_refresh() makes a pg_cron job of it; pg_cron is looked up at
-- run time, so ecostats does not depend on it.

--------------------------------------------------------------------------
-- hub.refresh_order(): the materialized views hub.refresh() refreshes
--------------------------------------------------------------------------

CREATE FUNCTION hub.refresh_order()
    RETURNS TABLE (step integer, matview regclass, populated boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
WITH RECURSIVE
mv AS (     -- the materialized views of the extension in schema hub
    SELECT c.oid
    FROM pg_class c
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.objsubid = 0
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'ecostats_hub'
    WHERE c.relkind = 'm' AND c.relnamespace = 'hub'::regnamespace
),
reads AS (  -- view or materialized view -> a view or materialized view its query reads
    SELECT DISTINCT r.ev_class AS rel, d.refobjid AS dep
    FROM pg_rewrite r
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                    AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
    JOIN pg_class c ON c.oid = d.refobjid AND c.relkind IN ('v', 'm')
    WHERE d.refobjid <> r.ev_class
),
walk (root, rel, depth) AS (  -- from each of them down through views of any kind
    SELECT oid, oid, 0 FROM mv
    UNION
    SELECT w.root, r.dep, w.depth + 1 FROM walk w JOIN reads r ON r.rel = w.rel
),
height AS ( -- the longest chain of the extension's materialized views below each
    SELECT w.root, count(DISTINCT w.rel) FILTER (WHERE w.rel IN (SELECT oid FROM mv) AND w.rel <> w.root) AS below,
           max(w.depth) AS depth
    FROM walk w GROUP BY w.root
)
SELECT (row_number() OVER (ORDER BY h.below, h.depth, h.root::regclass::text))::integer,
       h.root::regclass, c.relispopulated
FROM height h JOIN pg_class c ON c.oid = h.root
ORDER BY 1
$$;
COMMENT ON FUNCTION hub.refresh_order() IS
    'The materialized views of the extension in schema hub in the order hub.refresh() refreshes them (a view after every materialized view it reads, directly or through other views), and whether each is populated';

--------------------------------------------------------------------------
-- hub.refresh_lineage(): step 1 of a refresh
--------------------------------------------------------------------------

-- Derived state, with the code (an update recreates it empty, and the
-- first refresh after it rebuilds every lineage): the edges as of the last
-- lineage build, and two scratch tables of a partial build.
CREATE TABLE hub.lineage_built (
    child    text NOT NULL,
    parent   text NOT NULL,
    relation text,
    PRIMARY KEY (child, parent)
);
COMMENT ON TABLE hub.lineage_built IS 'hub.model_edges as of the last lineage build of hub.refresh(): the next refresh rebuilds the lineage of the children of the edges that differ and of their descendants only';
COMMENT ON COLUMN hub.lineage_built.child IS 'The derived model';
COMMENT ON COLUMN hub.lineage_built.parent IS 'Its base model';
COMMENT ON COLUMN hub.lineage_built.relation IS 'The relation (NULL: unknown)';

CREATE TABLE hub.lineage_affected (
    id text PRIMARY KEY
);
COMMENT ON TABLE hub.lineage_affected IS 'Scratch of hub.refresh_lineage: the models whose ancestry changed (empty outside a refresh)';
COMMENT ON COLUMN hub.lineage_affected.id IS 'The model id';

CREATE TABLE hub.lineage_scratch (
    child    text NOT NULL,
    parent   text NOT NULL,
    relation text,
    PRIMARY KEY (child, parent)
);
COMMENT ON TABLE hub.lineage_scratch IS 'Scratch of hub.refresh_lineage: the edges of the affected models and of all their ancestors, which their lineage is built from (empty outside a refresh)';
COMMENT ON COLUMN hub.lineage_scratch.child IS 'The derived model';
COMMENT ON COLUMN hub.lineage_scratch.parent IS 'Its base model';
COMMENT ON COLUMN hub.lineage_scratch.relation IS 'The relation (NULL: unknown)';

-- SQL-standard bodies (BEGIN ATOMIC): parsed when they are created, so
-- their calls of ecostats' functions are bound to them like a view's, not
-- looked up by name at run time; ALTER EXTENSION ecostats SET SCHEMA does
-- not break them.  lineage_build is deterministic (an unchanged graph gives
-- the same bytes), so only rows whose value changes are written.
CREATE FUNCTION hub.lineage_write(edges pg_catalog.regclass, every boolean) RETURNS bigint
    LANGUAGE sql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH changed AS (
        UPDATE hub.models m SET lineage = n.lineage
        FROM (SELECT m2.id, b.lineage
              FROM hub.models m2
              LEFT JOIN @extschema:ecostats@.lineage_build(edges) b ON b.node OPERATOR(pg_catalog.=) m2.id
              WHERE every OR EXISTS (SELECT FROM hub.lineage_affected a WHERE a.id OPERATOR(pg_catalog.=) m2.id)) n
        WHERE n.id OPERATOR(pg_catalog.=) m.id
          -- lineage_identical is strict: NULL (no update) when both are NULL
          AND ((m.lineage IS NULL) OPERATOR(pg_catalog.<>) (n.lineage IS NULL)
               OR NOT @extschema:ecostats@.lineage_identical(m.lineage, n.lineage))
        RETURNING 1)
    SELECT pg_catalog.count(*) FROM changed;
END;
COMMENT ON FUNCTION hub.lineage_write(pg_catalog.regclass, boolean) IS
    'Part of hub.refresh_lineage: writes the lineage lineage_build gives over the edges of a table — of every model (every, over hub.model_edges), or of the models of hub.lineage_affected (over hub.lineage_scratch: their and their ancestors'' edges) — writing only the rows whose value changes; returns their number';

CREATE FUNCTION hub.lineage_scratch_cycles() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT pg_catalog.count(*) FROM @extschema:ecostats@.lineage_build_problems('hub.lineage_scratch'::pg_catalog.regclass) p
    WHERE p.problem OPERATOR(pg_catalog.=) 'cycle'::text;
END;
COMMENT ON FUNCTION hub.lineage_scratch_cycles() IS
    'Part of hub.refresh_lineage: the cycle edges among the edges of hub.lineage_scratch (the cycle rule depends on the whole graph, so a partial build with a cycle is done in full instead)';

-- Step 1 of a refresh: the lineage of the models whose ancestry changed —
-- the children of the edges added, removed or changed since the last build
-- (hub.lineage_built) and all their descendants, the parents of those
-- edges (a root is in the lineage only while it has a child), and the
-- models of the last build's edges whose lineage is NULL — built from the
-- edges of those models and of all their ancestors.  In full (every model, as
-- lineage_build over hub.model_edges) with rebuild_all => true
-- (hub.refresh(force => true)), on the first build, when the affected models are more than a
-- quarter of the derived ones, or when their ancestry has a cycle.
CREATE FUNCTION hub.refresh_lineage(rebuild_all boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n_changed bigint;
    n_children bigint;
    written bigint;
BEGIN
    DELETE FROM hub.lineage_affected;
    DELETE FROM hub.lineage_scratch;
    IF NOT rebuild_all THEN
        rebuild_all := NOT EXISTS (SELECT FROM hub.lineage_built);
    END IF;
    IF NOT rebuild_all THEN
        -- the edges added, removed or changed since the last build (in the
        -- scratch table until the edges to build from replace them)
        INSERT INTO hub.lineage_scratch (child, parent, relation)
        SELECT e.child, e.parent, e.relation FROM hub.model_edges e
        WHERE NOT EXISTS (SELECT FROM hub.lineage_built b
                          WHERE b.child OPERATOR(pg_catalog.=) e.child AND b.parent OPERATOR(pg_catalog.=) e.parent
                            AND b.relation IS NOT DISTINCT FROM e.relation)
        UNION ALL
        SELECT b.child, b.parent, b.relation FROM hub.lineage_built b
        WHERE NOT EXISTS (SELECT FROM hub.model_edges e
                          WHERE e.child OPERATOR(pg_catalog.=) b.child AND e.parent OPERATOR(pg_catalog.=) b.parent
                            AND e.relation IS NOT DISTINCT FROM b.relation)
        ON CONFLICT ON CONSTRAINT lineage_scratch_pkey DO NOTHING;
        -- their children, and the descendants of those (UNION: each once, cycles end)
        INSERT INTO hub.lineage_affected (id)
        WITH RECURSIVE down (id) AS (
            SELECT x.child FROM hub.lineage_scratch x
            UNION
            SELECT e.child FROM hub.model_edges e JOIN down d ON e.parent OPERATOR(pg_catalog.=) d.id
        )
        SELECT d.id FROM down d;
        -- their parents (a model is in the lineage, as a root at least, only
        -- while it is in an edge), and the models of the last build's edges
        -- without a lineage (rows inserted again, values cleared by hand)
        INSERT INTO hub.lineage_affected (id)
        SELECT x.parent FROM hub.lineage_scratch x
        UNION
        SELECT m.id FROM hub.models m JOIN hub.lineage_built b ON b.child OPERATOR(pg_catalog.=) m.id WHERE m.lineage IS NULL
        UNION
        SELECT m.id FROM hub.models m JOIN hub.lineage_built b ON b.parent OPERATOR(pg_catalog.=) m.id WHERE m.lineage IS NULL
        ON CONFLICT ON CONSTRAINT lineage_affected_pkey DO NOTHING;
        DELETE FROM hub.lineage_scratch;
        SELECT pg_catalog.count(*) INTO n_changed FROM hub.lineage_affected;
        IF n_changed OPERATOR(pg_catalog.=) 0 THEN
            RETURN 0;
        END IF;
        SELECT pg_catalog.count(DISTINCT e.child) INTO n_children FROM hub.model_edges e;
        rebuild_all := n_changed OPERATOR(pg_catalog.*) 4 OPERATOR(pg_catalog.>) n_children;
    END IF;
    IF NOT rebuild_all THEN
        -- the edges of them and of all their ancestors
        INSERT INTO hub.lineage_scratch (child, parent, relation)
        WITH RECURSIVE up (id) AS (
            SELECT a.id FROM hub.lineage_affected a
            UNION
            SELECT e.parent FROM hub.model_edges e JOIN up u ON e.child OPERATOR(pg_catalog.=) u.id
        )
        SELECT e.child, e.parent, e.relation FROM hub.model_edges e JOIN up u ON e.child OPERATOR(pg_catalog.=) u.id;
        -- and one edge to a child of each (its lineage is its ancestors', but
        -- a root is in the lineage only while it has a child)
        INSERT INTO hub.lineage_scratch (child, parent, relation)
        SELECT DISTINCT ON (e.parent) e.child, e.parent, e.relation
        FROM hub.model_edges e JOIN hub.lineage_affected a ON a.id OPERATOR(pg_catalog.=) e.parent
        ORDER BY e.parent, e.child
        ON CONFLICT ON CONSTRAINT lineage_scratch_pkey DO NOTHING;
        rebuild_all := hub.lineage_scratch_cycles() OPERATOR(pg_catalog.>) 0;
    END IF;
    IF rebuild_all THEN
        written := hub.lineage_write('hub.model_edges'::pg_catalog.regclass, true);
        DELETE FROM hub.lineage_built;
        INSERT INTO hub.lineage_built (child, parent, relation) SELECT e.child, e.parent, e.relation FROM hub.model_edges e;
    ELSE
        written := hub.lineage_write('hub.lineage_scratch'::pg_catalog.regclass, false);
        DELETE FROM hub.lineage_built b USING hub.lineage_affected a WHERE b.child OPERATOR(pg_catalog.=) a.id;
        INSERT INTO hub.lineage_built (child, parent, relation)
        SELECT e.child, e.parent, e.relation FROM hub.model_edges e JOIN hub.lineage_affected a ON a.id OPERATOR(pg_catalog.=) e.child;
    END IF;
    DELETE FROM hub.lineage_affected;
    DELETE FROM hub.lineage_scratch;
    RETURN written;
END $$;
COMMENT ON FUNCTION hub.refresh_lineage(boolean) IS
    'Step 1 of hub.refresh(): the lineage of the models whose ancestry changed since the last build (the children of the edges of hub.model_edges added, removed or changed since, and their descendants), built from their and their ancestors'' edges; every model''s (as lineage_build over hub.model_edges) with rebuild_all => true, on the first build, when more than a quarter of the derived models are affected, or when their ancestry has a cycle. Writes only the rows whose value changes; returns their number';


--------------------------------------------------------------------------
-- hub.changes: which transactions wrote to the hub tables since the last
-- refresh (a refresh with none has nothing to do)
--------------------------------------------------------------------------

-- Derived state, with the code: an update recreates it empty, and the
-- first refresh after an update finds its views unpopulated and runs.
CREATE TABLE hub.changes (
    xact xid8 PRIMARY KEY,
    at   timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);
COMMENT ON TABLE hub.changes IS
    'The transactions that wrote to the hub tables (imports, models, edges, history, datasets, authors) since the refresh that last saw them: hub.refresh() with none returns at once (status unchanged)';
COMMENT ON COLUMN hub.changes.xact IS 'The writing transaction';
COMMENT ON COLUMN hub.changes.at IS 'When it first wrote';

-- A statement-level trigger (one row per writing transaction, whatever the
-- rows written); SECURITY DEFINER so that any role allowed to write a hub
-- table notes it without a privilege on hub.changes.  The import's direct
-- store writes no trigger-firing statements, but every import writes
-- hub.imports, which has this trigger too.
CREATE FUNCTION hub.note_change() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    INSERT INTO hub.changes (xact) VALUES (pg_catalog.pg_current_xact_id()) ON CONFLICT (xact) DO NOTHING;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION hub.note_change() IS
    'Statement trigger of the hub tables: records the writing transaction in hub.changes';
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['imports', 'models', 'model_edges', 'model_history', 'datasets', 'dataset_history', 'authors',
                             'namespaces', 'org_types', 'organisations', 'organisation_namespaces', 'namespace_lists',
                             'spaces', 'space_history', 'papers', 'paper_history'] LOOP
        EXECUTE pg_catalog.format('CREATE TRIGGER note_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hub.%I
                                   FOR EACH STATEMENT EXECUTE FUNCTION hub.note_change()', t);
    END LOOP;
END $$;

--------------------------------------------------------------------------
-- hub.refresh()
--------------------------------------------------------------------------

CREATE FUNCTION hub.elapsed_ms(since timestamptz)
    RETURNS numeric
    LANGUAGE sql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.round(pg_catalog.date_part('epoch'::text, pg_catalog.clock_timestamp() OPERATOR(pg_catalog.-) since)::numeric
                                  OPERATOR(pg_catalog.*) 1000::numeric, 3) $$;
COMMENT ON FUNCTION hub.elapsed_ms(timestamptz) IS
    'Milliseconds from since to now (clock_timestamp), rounded to 3 decimals: the step times of hub.refreshes';

CREATE FUNCTION hub.refresh(wait boolean DEFAULT false, force boolean DEFAULT false)
    RETURNS hub.refreshes
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t0 timestamptz;
    t  timestamptz;
    holder integer;
    changed bigint;
    n_views integer := 0;
    step_ms jsonb := '{}';
    v record;
    seen xid8[];
    result hub.refreshes;
BEGIN
    IF wait THEN
        LOCK TABLE hub.refresh_lock IN SHARE UPDATE EXCLUSIVE MODE;
    ELSE
        BEGIN
            LOCK TABLE hub.refresh_lock IN SHARE UPDATE EXCLUSIVE MODE NOWAIT;
        EXCEPTION WHEN lock_not_available THEN
            SELECT l.pid INTO holder FROM pg_catalog.pg_locks l
            WHERE l.locktype OPERATOR(pg_catalog.=) 'relation'::text
              AND l.database OPERATOR(pg_catalog.=) (SELECT d.oid FROM pg_catalog.pg_database d
                                                    WHERE d.datname OPERATOR(pg_catalog.=) pg_catalog.current_database())
              AND l.relation OPERATOR(pg_catalog.=) 'hub.refresh_lock'::pg_catalog.regclass::pg_catalog.oid
              AND l.mode OPERATOR(pg_catalog.=) 'ShareUpdateExclusiveLock'::text AND l.granted
            LIMIT 1;
            RAISE NOTICE 'another refresh is running (process %); skipped', coalesce(holder::text, '?')
                USING HINT = 'Call hub.refresh(wait => true) to wait for it and refresh after it.';
            t := pg_catalog.clock_timestamp();
            INSERT INTO hub.refreshes (started_at, finished_at, duration, status)
            VALUES (t, t, '0'::interval, 'skipped')
            RETURNING * INTO result;
            RETURN result;
        END;
    END IF;

    t0 := pg_catalog.clock_timestamp();

    -- 0. nothing written to the hub tables since the last refresh (no
    --    committed transaction in hub.changes), one that succeeded before,
    --    every view populated and every snapshot folded (an update of the
    --    extension recreates the rollups empty): nothing to do
    SELECT pg_catalog.array_agg(c.xact) INTO seen FROM hub.changes c;
    IF NOT force AND seen IS NULL
       AND EXISTS (SELECT FROM hub.refreshes r WHERE r.status OPERATOR(pg_catalog.=) 'succeeded'::text)
       AND NOT EXISTS (SELECT FROM hub.refresh_order() o WHERE NOT o.populated)
       AND NOT EXISTS (SELECT FROM hub.snapshots n
                       WHERE NOT EXISTS (SELECT FROM hub.series_folds f
                                         WHERE f.kind OPERATOR(pg_catalog.=) n.kind AND f.snapshot OPERATOR(pg_catalog.=) n.snapshot)) THEN
        t := pg_catalog.clock_timestamp();
        INSERT INTO hub.refreshes (started_at, finished_at, duration, status, lineage_changed, views_refreshed)
        VALUES (t0, t, t OPERATOR(pg_catalog.-) t0, 'unchanged', 0, 0)
        RETURNING * INTO result;
        RETURN result;
    END IF;

    -- 1. lineage: of the models whose ancestry changed, writing only the rows
    --    whose value changes (hub.refresh_lineage; every model's with force)
    t := pg_catalog.clock_timestamp();
    changed := hub.refresh_lineage(force);
    step_ms := step_ms OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('lineage'::text, hub.elapsed_ms(t));

    -- 2. the figures over time: fold in the snapshots imported since
    --    (hub.refresh_series; nothing new, nothing to do)
    t := pg_catalog.clock_timestamp();
    PERFORM hub.refresh_series();
    step_ms := step_ms OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('series'::text, hub.elapsed_ms(t));

    -- 3. the materialized views, each after those it reads; CONCURRENTLY
    --    (readers keep reading), except a view that was never populated,
    --    which CONCURRENTLY cannot refresh
    FOR v IN SELECT o.matview, o.populated FROM hub.refresh_order() o ORDER BY o.step LOOP
        t := pg_catalog.clock_timestamp();
        IF v.populated THEN
            EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', v.matview);
        ELSE
            EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s', v.matview);
        END IF;
        n_views := n_views OPERATOR(pg_catalog.+) 1;
        step_ms := step_ms OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object(v.matview::pg_catalog.text, hub.elapsed_ms(t));
    END LOOP;

    -- what this refresh saw is in its figures (and its own writes are
    -- its figures); a transaction that commits meanwhile stays for the next
    DELETE FROM hub.changes c
    WHERE c.xact OPERATOR(pg_catalog.=) ANY (seen) OR c.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id();

    t := pg_catalog.clock_timestamp();
    INSERT INTO hub.refreshes (started_at, finished_at, duration, status, lineage_changed, views_refreshed, steps)
    VALUES (t0, t, t OPERATOR(pg_catalog.-) t0, 'succeeded', changed, n_views, step_ms)
    RETURNING * INTO result;
    RETURN result;
END $$;
COMMENT ON FUNCTION hub.refresh(boolean, boolean) IS
    'Returns at once (status unchanged) when nothing was written to the hub tables since the last refresh (hub.changes) unless force; else rebuilds hub.models.lineage from hub.model_edges for the models whose ancestry changed since the last refresh, or for all with force (hub.refresh_lineage; writing only changed rows, NULL for models without edges), folds the snapshots imported since into the rollups of hub.report_series (hub.refresh_series), then refreshes the extension''s materialized views in schema hub in dependency order, CONCURRENTLY; logs the run in hub.refreshes and returns its row. One refresh at a time (the SHARE UPDATE EXCLUSIVE lock of hub.refresh_lock, which only roles allowed to refresh can take): with wait => false a second call returns at once with a NOTICE and status skipped, with wait => true it waits';

--------------------------------------------------------------------------
-- pg_cron: hub.schedule_refresh(), hub.unschedule_refresh()
--------------------------------------------------------------------------

CREATE FUNCTION hub.cron_check(schedule text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    cron_db text;
    there text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'pg_cron'::name) THEN
        RETURN;
    END IF;
    -- cron.database_name is readable only by superusers and members of
    -- pg_read_all_settings; for anyone else it is unknown here
    BEGIN
        cron_db := pg_catalog.current_setting('cron.database_name', true);
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'pg_cron is not installed in this database'
            USING ERRCODE = '55000',
                  DETAIL = 'The database where pg_cron can be created (setting cron.database_name) can only be read by superusers and members of pg_read_all_settings.',
                  HINT = 'Ask an administrator which database cron.database_name names, create pg_cron there if needed, and schedule SELECT hub.refresh() there with cron.schedule_in_database; or call SELECT hub.refresh() from any other scheduler.';
    END;
    IF cron_db IS NULL THEN
        RAISE EXCEPTION 'pg_cron is not loaded in this server'
            USING ERRCODE = '55000',
                  HINT = 'Add pg_cron to shared_preload_libraries, set cron.database_name, restart the server and run CREATE EXTENSION pg_cron in that database; or call SELECT hub.refresh() from any other scheduler.';
    ELSIF cron_db OPERATOR(pg_catalog.=) pg_catalog.current_database()::text THEN
        RAISE EXCEPTION 'pg_cron is not installed in this database'
            USING ERRCODE = '55000',
                  HINT = 'This is the database named by cron.database_name: run CREATE EXTENSION pg_cron; here first.';
    ELSE
        -- what to run in the pg_cron database instead
        IF schedule IS NULL THEN
            there := pg_catalog.format('SELECT cron.unschedule(%L);', 'ecostats-refresh');
        ELSE
            there := pg_catalog.format('SELECT cron.schedule_in_database(%L, %L, %L, %L);',
                            'ecostats-refresh', schedule, 'SELECT hub.refresh()', pg_catalog.current_database());
        END IF;
        RAISE EXCEPTION 'pg_cron is not installed in this database: it can only be created in database "%" (cron.database_name)', cron_db
            USING ERRCODE = '55000',
                  HINT = pg_catalog.format('Connect to database %s (run CREATE EXTENSION pg_cron there first if it is not created yet) and run there: %s',
                                           pg_catalog.quote_ident(cron_db), there);
    END IF;
END $$;
COMMENT ON FUNCTION hub.cron_check(text) IS
    'Raises SQLSTATE 55000 with a hint saying what to do when pg_cron is not installed in this database: the pg_cron call to run in the database named by cron.database_name (with a schedule: the cron.schedule_in_database call; without: the cron.unschedule call). Used by hub.schedule_refresh and hub.unschedule_refresh';

CREATE FUNCTION hub.schedule_refresh(schedule text DEFAULT '0 3 * * *')
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    job bigint;
BEGIN
    IF schedule IS NULL THEN
        RAISE EXCEPTION 'schedule must not be NULL' USING ERRCODE = '22004';
    END IF;
    PERFORM hub.cron_check(schedule);
    -- cron.schedule updates the job of the same name and role if there is one
    EXECUTE 'SELECT cron.schedule($1::text, $2::text, $3::text)' INTO job
        USING 'ecostats-refresh'::text, schedule, 'SELECT hub.refresh()'::text;
    RETURN job;
END $$;
COMMENT ON FUNCTION hub.schedule_refresh(text) IS
    'Creates or updates the pg_cron job ''ecostats-refresh'' (command SELECT hub.refresh(), run as the calling role in this database) with the given cron schedule; returns its job id. SQLSTATE 55000 with a hint when pg_cron is not installed in this database';

CREATE FUNCTION hub.unschedule_refresh()
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM hub.cron_check();
    EXECUTE 'SELECT pg_catalog.count(cron.unschedule(j.jobid)) FROM cron.job j '
            'WHERE j.jobname OPERATOR(pg_catalog.=) $1 AND j.username OPERATOR(pg_catalog.=) CURRENT_USER::text'
        INTO n USING 'ecostats-refresh';
    RETURN n > 0;
END $$;
COMMENT ON FUNCTION hub.unschedule_refresh() IS
    'Removes the calling role''s pg_cron job ''ecostats-refresh''; returns whether there was one. SQLSTATE 55000 with a hint when pg_cron is not installed in this database';

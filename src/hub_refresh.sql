-- hub.refresh and hub.schedule_refresh (appended to the install script by the Makefile).
--
-- hub.refresh() rebuilds hub.models.lineage from hub.model_edges and then
-- refreshes every materialized view of the extension in schema hub, in
-- dependency order, CONCURRENTLY (readers are never blocked), all in the
-- caller's transaction.  Two refreshes never run at once: they take the
-- transaction-level advisory lock 7305805562189542515 (the ASCII bytes of
-- 'ecostats'; in pg_locks classid 1701015411, objid 1952543859, objsubid 1).
-- hub.schedule_refresh() makes a pg_cron job of it; pg_cron is looked up at
-- run time, so ecostats does not depend on it.

--------------------------------------------------------------------------
-- hub.refreshes: the log
--------------------------------------------------------------------------

CREATE TABLE hub.refreshes (
    refresh_id       bigserial PRIMARY KEY,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    duration         interval NOT NULL,
    status           text NOT NULL CHECK (status IN ('succeeded', 'skipped')),
    lineage_changed  bigint,
    views_refreshed  integer,
    steps            jsonb NOT NULL DEFAULT '{}',
    run_by           text NOT NULL DEFAULT current_user,
    application_name text DEFAULT pg_catalog.current_setting('application_name'),
    backend_pid      integer NOT NULL DEFAULT pg_catalog.pg_backend_pid()
);
COMMENT ON TABLE hub.refreshes IS
    'One row per call of hub.refresh(): start, end, duration, status (succeeded, or skipped because another refresh held the lock), hub.models rows whose lineage changed, views refreshed, and the milliseconds of each step (steps: {"lineage": ms, "hub.<view>": ms, ...})';
COMMENT ON SEQUENCE hub.refreshes_refresh_id_seq IS 'Numbers the refreshes';
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes', '');
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes_refresh_id_seq', '');

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
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'ecostats'
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
-- hub.refresh()
--------------------------------------------------------------------------

CREATE FUNCTION hub.refresh(wait boolean DEFAULT false)
    RETURNS hub.refreshes
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    -- the extension's schema too: SQL functions that views call may name its functions unqualified
    SET search_path = pg_catalog, @extschema@, pg_temp
    AS $$
DECLARE
    lock_key constant bigint := 7305805562189542515;  -- 'ecostats' in ASCII
    t0 timestamptz;
    t  timestamptz;
    holder integer;
    changed bigint;
    n_views integer := 0;
    step_ms jsonb := '{}';
    v record;
    result hub.refreshes;
BEGIN
    IF wait THEN
        PERFORM pg_advisory_xact_lock(lock_key);
    ELSIF NOT pg_try_advisory_xact_lock(lock_key) THEN
        SELECT l.pid INTO holder FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          -- a bigint key shows as its high and low 32 bits, objsubid 1
          AND l.classid::bigint = lock_key >> 32 AND l.objid::bigint = lock_key & 4294967295
          AND l.objsubid = 1 AND l.granted
        LIMIT 1;
        RAISE NOTICE 'hub.refresh: another refresh is running (process %); skipped', coalesce(holder::text, '?')
            USING HINT = 'Call hub.refresh(wait => true) to wait for it and refresh after it.';
        t := clock_timestamp();
        INSERT INTO hub.refreshes (started_at, finished_at, duration, status)
        VALUES (t, t, interval '0', 'skipped')
        RETURNING * INTO result;
        RETURN result;
    END IF;

    t0 := clock_timestamp();

    -- 1. lineage: write only the rows whose value changes (lineage_build is
    --    deterministic: an unchanged graph gives the same bytes)
    t := clock_timestamp();
    UPDATE hub.models m SET lineage = n.lineage
    FROM (SELECT m2.id, b.lineage
          FROM hub.models m2
          LEFT JOIN @extschema@.lineage_build('hub.model_edges') b ON b.node = m2.id) n
    WHERE n.id = m.id
      -- lineage_identical is strict: NULL (no update) when both are NULL
      AND ((m.lineage IS NULL) <> (n.lineage IS NULL) OR NOT @extschema@.lineage_identical(m.lineage, n.lineage));
    GET DIAGNOSTICS changed = ROW_COUNT;
    step_ms := step_ms || jsonb_build_object('lineage',
        round((extract(epoch FROM clock_timestamp() - t) * 1000)::numeric, 3));

    -- 2. the materialized views, each after those it reads; CONCURRENTLY
    --    (readers keep reading), except a view that was never populated,
    --    which CONCURRENTLY cannot refresh
    FOR v IN SELECT o.matview, o.populated FROM hub.refresh_order() o ORDER BY o.step LOOP
        t := clock_timestamp();
        IF v.populated THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', v.matview);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW %s', v.matview);
        END IF;
        n_views := n_views + 1;
        step_ms := step_ms || jsonb_build_object(v.matview::text,
            round((extract(epoch FROM clock_timestamp() - t) * 1000)::numeric, 3));
    END LOOP;

    t := clock_timestamp();
    INSERT INTO hub.refreshes (started_at, finished_at, duration, status, lineage_changed, views_refreshed, steps)
    VALUES (t0, t, t - t0, 'succeeded', changed, n_views, step_ms)
    RETURNING * INTO result;
    RETURN result;
END $$;
COMMENT ON FUNCTION hub.refresh(boolean) IS
    'Rebuilds hub.models.lineage from hub.model_edges (writing only changed rows, NULL for models without edges), then refreshes the extension''s materialized views in schema hub in dependency order, CONCURRENTLY; logs the run in hub.refreshes and returns its row. One refresh at a time (advisory lock 7305805562189542515): with wait => false a second call returns at once with a NOTICE and status skipped, with wait => true it waits';

--------------------------------------------------------------------------
-- pg_cron: hub.schedule_refresh(), hub.unschedule_refresh()
--------------------------------------------------------------------------

CREATE FUNCTION hub.cron_check(schedule text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    cron_db text := current_setting('cron.database_name', true);
    there text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
        RETURN;
    END IF;
    IF cron_db IS NULL THEN
        RAISE EXCEPTION 'pg_cron is not loaded in this server'
            USING ERRCODE = '55000',
                  HINT = 'Add pg_cron to shared_preload_libraries, set cron.database_name, restart the server and run CREATE EXTENSION pg_cron in that database; or call SELECT hub.refresh() from any other scheduler.';
    ELSIF cron_db = current_database() THEN
        RAISE EXCEPTION 'pg_cron is not installed in this database'
            USING ERRCODE = '55000',
                  HINT = 'This is the database named by cron.database_name: run CREATE EXTENSION pg_cron; here first.';
    ELSE
        -- what to run in the pg_cron database instead
        IF schedule IS NULL THEN
            there := format('SELECT cron.unschedule(%L);', 'ecostats-refresh');
        ELSE
            there := format('SELECT cron.schedule_in_database(%L, %L, %L, %L);',
                            'ecostats-refresh', schedule, 'SELECT hub.refresh()', current_database());
        END IF;
        RAISE EXCEPTION 'pg_cron is not installed in this database: it can only be created in database "%" (cron.database_name)', cron_db
            USING ERRCODE = '55000',
                  HINT = format('Connect to database %s and run there: %s', quote_ident(cron_db), there);
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
        RAISE EXCEPTION 'the schedule of hub.schedule_refresh must not be NULL' USING ERRCODE = '22004';
    END IF;
    PERFORM hub.cron_check(schedule);
    -- cron.schedule updates the job of the same name and role if there is one
    EXECUTE 'SELECT cron.schedule($1, $2, $3)' INTO job
        USING 'ecostats-refresh', schedule, 'SELECT hub.refresh()';
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
    EXECUTE 'SELECT count(cron.unschedule(jobid)) FROM cron.job WHERE jobname = $1 AND username = current_user'
        INTO n USING 'ecostats-refresh';
    RETURN n > 0;
END $$;
COMMENT ON FUNCTION hub.unschedule_refresh() IS
    'Removes the calling role''s pg_cron job ''ecostats-refresh''; returns whether there was one. SQLSTATE 55000 with a hint when pg_cron is not installed in this database';

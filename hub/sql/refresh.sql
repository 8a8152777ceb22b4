--
-- hub.refresh(): lineage rebuilt from hub.model_edges (only changed rows
-- written), the extension's materialized views refreshed in dependency
-- order, every run logged in hub.refreshes; hub.schedule_refresh() without
-- pg_cron in this database.
--
-- A tiny hand-written graph: a chain, a merge, a parent that is not a
-- model row, a self-loop and a cycle (lineage_build breaks them), a model
-- without edges.
INSERT INTO hub.models (id, downloads) VALUES
    ('acme/base', 100), ('bob/ft', 10), ('carol/q', 5), ('dave/merge', 1),
    ('erin/alone', 7), ('fay/x', 0), ('gus/y', 0), ('hal/self', 0);
INSERT INTO hub.model_edges (child, parent, relation, source) VALUES
    ('bob/ft', 'acme/base', 'finetune', 'baseModels'),
    ('carol/q', 'bob/ft', 'quantized', 'tags'),
    ('dave/merge', 'acme/base', 'merge', 'cardData'),
    ('dave/merge', 'bob/ft', 'merge', 'cardData'),
    ('acme/base', 'ext/not-a-row', NULL, 'tags'),
    ('hal/self', 'hal/self', NULL, 'tags'),
    ('fay/x', 'gus/y', 'finetune', 'tags'),
    ('gus/y', 'fay/x', 'finetune', 'tags');
SELECT refresh_id, status, lineage_changed, views_refreshed, steps ? 'lineage' AS timed_lineage, steps ? 'series' AS timed_series,
       (steps->>'lineage')::numeric >= 0 AS ms_ok, duration >= interval '0' AS duration_ok,
       finished_at >= started_at AS times_ok, run_by = current_user AS run_by_ok, backend_pid = pg_backend_pid() AS pid_ok
FROM hub.refresh();
SELECT id, lineage FROM hub.models ORDER BY id;
-- the same as lineage_build itself: every model with edges gets its node's
-- lineage, every other model NULL (mismatches: none)
SELECT m.id, m.lineage::text AS stored, b.lineage::text AS built
FROM hub.models m LEFT JOIN lineage_build('hub.model_edges') b ON b.node = m.id
WHERE m.lineage::text IS DISTINCT FROM b.lineage::text;
-- a second run with nothing written since returns at once (unchanged);
-- forced, it runs and changes no row
SELECT refresh_id, status, lineage_changed, views_refreshed, steps FROM hub.refresh();
SELECT refresh_id, status, lineage_changed FROM hub.refresh(force => true);
-- edges removed, changed and added: exactly those rows change
DELETE FROM hub.model_edges WHERE child IN ('hal/self', 'fay/x', 'gus/y');
UPDATE hub.model_edges SET relation = 'adapter' WHERE child = 'bob/ft';
INSERT INTO hub.model_edges VALUES ('erin/alone', 'carol/q', 'finetune', 'tags');
UPDATE hub.models SET lineage = NULL WHERE id = 'acme/base';  -- a stale value is repaired too
SELECT refresh_id, status, lineage_changed FROM hub.refresh(wait => true);
SELECT id, lineage FROM hub.models ORDER BY id;
SELECT m.id, m.lineage::text AS stored, b.lineage::text AS built
FROM hub.models m LEFT JOIN lineage_build('hub.model_edges') b ON b.node = m.id
WHERE m.lineage::text IS DISTINCT FROM b.lineage::text;
-- no edges at all: every lineage NULL
BEGIN;
DELETE FROM hub.model_edges;
SELECT lineage_changed FROM hub.refresh();
SELECT count(*) AS with_lineage FROM hub.models WHERE lineage IS NOT NULL;
ROLLBACK;
-- the log
SELECT refresh_id, status, lineage_changed, views_refreshed, jsonb_object_keys(steps) AS step
FROM hub.refreshes ORDER BY refresh_id, step;
--
-- Materialized views: those of the extension in schema hub, each after the
-- ones it reads (also through a plain view), a never-populated one first
-- refreshed plainly, then CONCURRENTLY. The names are chosen so that name
-- order would be wrong.
--
CREATE MATERIALIZED VIEW hub.refresh_test_b AS
    SELECT id, lineage::text AS lineage, downloads FROM hub.models WITH NO DATA;
CREATE UNIQUE INDEX ON hub.refresh_test_b (id);
CREATE VIEW hub.refresh_test_v AS
    SELECT count(lineage) AS with_lineage, sum(downloads) AS downloads FROM hub.refresh_test_b;
CREATE MATERIALIZED VIEW hub.refresh_test_a AS SELECT 1 AS k, * FROM hub.refresh_test_v WITH NO DATA;
CREATE UNIQUE INDEX ON hub.refresh_test_a (k);
-- a materialized view of the user's in hub is not the extension's: left alone
CREATE MATERIALIZED VIEW hub.refresh_test_user AS SELECT 1 AS k WITH NO DATA;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.refresh_test_b;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.refresh_test_a;
SELECT * FROM hub.refresh_order();
SELECT status, views_refreshed, array(SELECT jsonb_object_keys(steps) ORDER BY 1) AS steps FROM hub.refresh();
-- when the figures were computed: the last refresh that computed them, and
-- the last one at all
SELECT r.computed_at = (SELECT max(finished_at) FROM hub.refreshes WHERE status = 'succeeded') AS computed_ok,
       r.checked_at = (SELECT max(finished_at) FROM hub.refreshes WHERE status IN ('succeeded', 'unchanged')) AS checked_ok,
       r.computed_at IS NOT NULL AS has_computed
FROM hub.report_refreshed r;
SELECT * FROM hub.refresh_order();
SELECT * FROM hub.refresh_test_a;
SELECT relispopulated FROM pg_class WHERE oid = 'hub.refresh_test_user'::regclass;
-- later changes arrive through both views (CONCURRENTLY this time)
UPDATE hub.models SET downloads = downloads + 1000 WHERE id = 'fay/x';
INSERT INTO hub.model_edges VALUES ('fay/x', 'acme/base', 'adapter', 'tags');
SELECT status, lineage_changed, views_refreshed FROM hub.refresh();
SELECT * FROM hub.refresh_test_a;
SELECT lineage FROM hub.refresh_test_b WHERE id = 'fay/x';
-- ... built from fay/x's ancestry alone (the NOTICE: 3 nodes), the same as a full build
SELECT m.id, m.lineage::text AS stored, b.lineage::text AS built
FROM hub.models m LEFT JOIN lineage_build('hub.model_edges') b ON b.node = m.id
WHERE m.lineage::text IS DISTINCT FROM b.lineage::text;

-- Incremental = full lineage, over random sequences of edge edits (added,
-- removed, relation changed; chains, merges and some cycles; a model row
-- inserted again) on a forest of
-- six trees of 10 models: after each refresh_lineage() the stored values
-- equal lineage_build over all edges.  partial: the build kept rows of
-- hub.lineage_built in place (a full build rewrites them all)
CREATE TEMP TABLE lin_seen (seed float8, step int, diffs bigint, written bigint, partial boolean);
CREATE FUNCTION pg_temp.lin_run(seed float8) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    w bigint;
    before text[];
BEGIN
    SET LOCAL client_min_messages = warning;
    PERFORM setseed(seed);
    DELETE FROM hub.model_edges;
    DELETE FROM hub.models WHERE id LIKE 'p/%';
    INSERT INTO hub.models (id, author) SELECT 'p/m' || lpad(i::text, 2, '0'), 'p' FROM generate_series(1, 60) i;
    INSERT INTO hub.model_edges (child, parent, relation, source)
    SELECT DISTINCT ON (c, p) 'p/m' || lpad(c::text, 2, '0'), 'p/m' || lpad(p::text, 2, '0'), 'finetune', 'tags'
    FROM (SELECT i AS c, (i - 1) / 10 * 10 + 1 + floor(random() * ((i - 1) % 10))::int AS p
          FROM generate_series(1, 60) i WHERE (i - 1) % 10 > 0 AND random() < 0.8) x;
    PERFORM hub.refresh_lineage(true);
    FOR step IN 1..12 LOOP
        SELECT array_agg(ctid::text) INTO before FROM hub.lineage_built;
        -- a few edits: one edge removed, one relation changed, one or two added (now and then backwards: a cycle)
        DELETE FROM hub.model_edges WHERE ctid = (SELECT ctid FROM hub.model_edges ORDER BY random() LIMIT 1);
        UPDATE hub.model_edges SET relation = (ARRAY['adapter', 'quantized', 'merge', NULL])[1 + floor(random() * 4)::int]
        WHERE ctid = (SELECT ctid FROM hub.model_edges ORDER BY random() LIMIT 1);
        INSERT INTO hub.model_edges (child, parent, relation, source)
        SELECT 'p/m' || lpad(c::text, 2, '0'), 'p/m' || lpad(p::text, 2, '0'), 'merge', 'cardData'
        FROM (SELECT c, (c - 1) / 10 * 10 + 1 + floor(random() * 10)::int AS p
              FROM (SELECT 1 + floor(random() * 60)::int AS c FROM generate_series(1, 2)) y) x
        WHERE c <> p AND (p < c OR random() < 0.2)
        ON CONFLICT DO NOTHING;
        -- and a model whose row was inserted again (its lineage NULL)
        UPDATE hub.models SET lineage = NULL WHERE id = 'p/m' || lpad((1 + floor(random() * 60))::int::text, 2, '0');
        w := hub.refresh_lineage();
        INSERT INTO lin_seen
        SELECT seed, step,
               (SELECT count(*) FROM hub.models m LEFT JOIN lineage_build('hub.model_edges') b ON b.node = m.id
                WHERE m.id LIKE 'p/%' AND m.lineage::text IS DISTINCT FROM b.lineage::text),
               w, EXISTS (SELECT FROM hub.lineage_built WHERE ctid::text = ANY (before));
    END LOOP;
END $$;
SELECT count(*) AS sequences FROM (SELECT pg_temp.lin_run(s) FROM (VALUES (0.21), (0.47), (0.83), (0.95)) v(s)) r;
SELECT count(*) AS steps, sum(diffs) AS stored_differs_from_full, count(*) FILTER (WHERE written > 0) > 20 AS rows_written,
       count(*) FILTER (WHERE partial) > 20 AS partial_builds, count(*) FILTER (WHERE NOT partial) > 0 AS full_builds
FROM lin_seen;
DELETE FROM hub.model_edges;
DELETE FROM hub.models WHERE id LIKE 'p/%';
SELECT hub.refresh_lineage(true) >= 0 AS reset;
ALTER EXTENSION ecostats_hub DROP MATERIALIZED VIEW hub.refresh_test_a;
ALTER EXTENSION ecostats_hub DROP MATERIALIZED VIEW hub.refresh_test_b;
DROP MATERIALIZED VIEW hub.refresh_test_a, hub.refresh_test_user;
DROP VIEW hub.refresh_test_v;
DROP MATERIALIZED VIEW hub.refresh_test_b;
-- every materialized view the extension ships can be refreshed CONCURRENTLY:
-- it has a unique index on plain columns without WHERE (expected: none lacks one)
SELECT o.matview AS without_unique_index
FROM hub.refresh_order() o
WHERE NOT EXISTS (SELECT 1 FROM pg_index i
                  WHERE i.indrelid = o.matview AND i.indisunique AND i.indisvalid
                    AND i.indpred IS NULL AND i.indexprs IS NULL);
--
-- pg_cron is not installed in this (pg_regress's) database: a clear error
-- with SQLSTATE 55000 and a hint naming the database pg_cron lives in
-- (cron.database_name is 'postgres' on the test server)
--
\set VERBOSITY terse
SELECT hub.schedule_refresh();
\set VERBOSITY sqlstate
SELECT hub.schedule_refresh('*/5 * * * *');
SELECT hub.unschedule_refresh();
\set VERBOSITY default
DO $$
DECLARE st text; hint text; call text;
BEGIN
    FOREACH call IN ARRAY ARRAY['hub.schedule_refresh()', 'hub.schedule_refresh(''*/10 * * * *'')', 'hub.unschedule_refresh()'] LOOP
        BEGIN
            EXECUTE 'SELECT ' || call;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, hint = PG_EXCEPTION_HINT;
            RAISE NOTICE '%: SQLSTATE %; hint: %', call, st, hint;
        END;
    END LOOP;
END $$;
SELECT hub.schedule_refresh(NULL);
-- clean up for the next tests
TRUNCATE hub.models, hub.model_edges, hub.refreshes;


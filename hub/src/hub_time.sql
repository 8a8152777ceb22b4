-- ecostats_hub: time — the snapshots, the counts at a snapshot, and
-- downloads during a period (code: an update drops and recreates it)

-- Snapshots of a kind are imported in date order: the history is kept by
-- change (hub.model_history), and a row written for an older date would
-- change what every later snapshot says.
CREATE FUNCTION hub.imports_check_order() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    latest date;
BEGIN
    SELECT pg_catalog.max(i.snapshot) INTO latest FROM hub.imports i
    WHERE i.kind OPERATOR(pg_catalog.=) NEW.kind AND i.finished_at IS NOT NULL;
    IF latest OPERATOR(pg_catalog.>) NEW.snapshot THEN
        RAISE EXCEPTION 'snapshot % is older than the latest imported % snapshot, %', NEW.snapshot, NEW.kind, latest
            USING ERRCODE = '22023',
                  DETAIL = 'The history keeps each id''s counts by change, so the snapshots of a kind are imported in date order.',
                  HINT = 'Import the dumps in date order; the latest date may be imported again.';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION hub.imports_check_order() IS
    'Trigger of hub.imports: refuses an import whose snapshot is older than the latest finished import of its kind (22023)';
CREATE TRIGGER imports_check_order BEFORE INSERT ON hub.imports
    FOR EACH ROW EXECUTE FUNCTION hub.imports_check_order();

CREATE VIEW hub.snapshots AS
SELECT i.kind, i.snapshot, pg_catalog.count(*) AS imports, pg_catalog.sum(i.records) AS records,
       pg_catalog.max(i.finished_at) AS finished_at
FROM hub.imports i
WHERE i.finished_at IS NOT NULL AND i.kind IN ('models', 'datasets')
GROUP BY i.kind, i.snapshot;
COMMENT ON VIEW hub.snapshots IS 'The snapshots (dump dates) imported, per kind (models, datasets), with their finished imports';
COMMENT ON COLUMN hub.snapshots.kind IS 'models or datasets';
COMMENT ON COLUMN hub.snapshots.snapshot IS 'The dump date the imports were given (snapshot =>)';
COMMENT ON COLUMN hub.snapshots.imports IS 'Finished imports of this kind and date (a dump may come in several files)';
COMMENT ON COLUMN hub.snapshots.records IS 'Records those imports read';
COMMENT ON COLUMN hub.snapshots.finished_at IS 'When the last of them finished';

-- the history of a kind, as one relation (the functions below read either)
CREATE FUNCTION hub.history(kind text)
    RETURNS TABLE (id text, snapshot date, downloads bigint, downloads_all_time bigint, likes bigint,
                   trending_score float8, vanished boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT h.id, h.snapshot, h.downloads, h.downloads_all_time, h.likes, h.trending_score, h.vanished
FROM hub.model_history h WHERE history.kind OPERATOR(pg_catalog.=) 'models'::text
UNION ALL
SELECT h.id, h.snapshot, h.downloads, h.downloads_all_time, h.likes, h.trending_score, h.vanished
FROM hub.dataset_history h WHERE history.kind OPERATOR(pg_catalog.=) 'datasets'::text
$$;
COMMENT ON FUNCTION hub.history(text) IS
    'hub.model_history (kind ''models'') or hub.dataset_history (''datasets''), as one relation';

CREATE FUNCTION hub.counts_at(at date, kind text DEFAULT 'models')
    RETURNS TABLE (id text, snapshot date, downloads bigint, downloads_all_time bigint, likes bigint, trending_score float8)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT l.id, l.snapshot, l.downloads, l.downloads_all_time, l.likes, l.trending_score
FROM (SELECT DISTINCT ON (h.id) h.*
      FROM hub.history(counts_at.kind) h
      WHERE h.snapshot OPERATOR(pg_catalog.<=) counts_at.at
      ORDER BY h.id, h.snapshot DESC) l
WHERE NOT l.vanished
$$;
COMMENT ON FUNCTION hub.counts_at(date, text) IS
    'The counts of every model (kind ''models'') or dataset (''datasets'') on the Hub at a date: each id''s latest history row on or before it, unless that row says it vanished; snapshot is the date of that row';

-- Downloads during a period [period_start, period_end), per id, by the rule
-- of doc/hub.md ("Downloads during a period").  Snapshot s_i, with the one
-- before it p_i, owns the days p_i + 1 .. s_i (the first one the 30 days up
-- to it).  In those days an id has
--   * its all-time downloads at s_i less those at p_i, when both are known
--     (or all of them, when it was created after p_i): exact;
--   * else its 30-day downloads at s_i spread evenly over their 30 days,
--     and, when the days are more than 30, the same rate carried back over
--     the days no 30-day count covers (prorated: an estimate).
-- A period that cuts a snapshot's days takes its share of them, evenly.
-- error_bound bounds how far the true figure can be from downloads given
-- the counts: the prorated part, plus for each cut or partly covered
-- stretch the larger of the estimate and the rest of its known total.
-- Days outside the snapshots' reach (before the first's 30 days, after the
-- last) are not observed: coverage is the share of the period's days that
-- are.  hub.fold_downloads (hub_series.sql) applies the same rule to the
-- days of one snapshot: a change to the rule changes both (hub/sql/history.sql
-- derives this function's figures by hand, hub/sql/series.sql the folds').
CREATE FUNCTION hub.downloads_during(period_start date, period_end date, kind text DEFAULT 'models')
    RETURNS TABLE (id text, downloads float8, from_all_time float8, from_30d float8, prorated float8,
                   error_bound float8, coverage float8, method text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
WITH snaps AS (
    SELECT s.snapshot AS s, pg_catalog.lag(s.snapshot) OVER (ORDER BY s.snapshot) AS p
    FROM hub.snapshots s WHERE s.kind OPERATOR(pg_catalog.=) downloads_during.kind
), days AS (
    -- each snapshot's days (p, s], and how many of them are in the period
    SELECT n.s, n.p, (n.s OPERATOR(pg_catalog.-) n.p) AS len,
           GREATEST(0, LEAST(n.s OPERATOR(pg_catalog.+) 1, downloads_during.period_end)
                       OPERATOR(pg_catalog.-) GREATEST(n.p OPERATOR(pg_catalog.+) 1, downloads_during.period_start)) AS inside,
           -- ... of them within the 30 days before s
           GREATEST(0, LEAST(n.s OPERATOR(pg_catalog.+) 1, downloads_during.period_end)
                       OPERATOR(pg_catalog.-) GREATEST(GREATEST(n.p, n.s OPERATOR(pg_catalog.-) 30) OPERATOR(pg_catalog.+) 1,
                                                       downloads_during.period_start)) AS covered
    FROM (SELECT snaps.s, coalesce(snaps.p, snaps.s OPERATOR(pg_catalog.-) 30) AS p FROM snaps) n
), cov AS (
    SELECT (pg_catalog.sum(d.inside)::float8 OPERATOR(pg_catalog./)
            GREATEST(downloads_during.period_end OPERATOR(pg_catalog.-) downloads_during.period_start, 1))::float8 AS coverage
    FROM days d
), rel AS (
    SELECT * FROM days d WHERE d.inside OPERATOR(pg_catalog.>) 0
), hist AS (
    -- each history row with the date of the id's next row: it holds until then
    SELECT h.id, h.snapshot, h.downloads, h.downloads_all_time, h.vanished,
           pg_catalog.lead(h.snapshot) OVER (PARTITION BY h.id ORDER BY h.snapshot) AS next
    FROM hub.history(downloads_during.kind) h
    WHERE h.snapshot OPERATOR(pg_catalog.<=) (SELECT pg_catalog.max(r.s) FROM rel r)
), at_s AS (
    SELECT r.s, r.p, r.len, r.inside, r.covered, h.id, h.downloads AS d30, h.downloads_all_time AS cs
    FROM rel r JOIN hist h
      ON h.snapshot OPERATOR(pg_catalog.<=) r.s AND (h.next IS NULL OR h.next OPERATOR(pg_catalog.>) r.s)
    WHERE NOT h.vanished
), at_p AS (
    SELECT r.s, h.id, h.downloads_all_time AS cp
    FROM rel r JOIN hist h
      ON h.snapshot OPERATOR(pg_catalog.<=) r.p AND (h.next IS NULL OR h.next OPERATOR(pg_catalog.>) r.p)
    WHERE NOT h.vanished
), born AS (
    SELECT m.id, m.created_at::date AS created FROM hub.models m WHERE downloads_during.kind OPERATOR(pg_catalog.=) 'models'::text
    UNION ALL
    SELECT d.id, d.created_at::date FROM hub.datasets d WHERE downloads_during.kind OPERATOR(pg_catalog.=) 'datasets'::text
), parts AS (
    SELECT a.id, a.len, a.inside, a.covered, a.d30,
           CASE WHEN a.cs IS NOT NULL AND b.cp IS NOT NULL
                THEN GREATEST(a.cs OPERATOR(pg_catalog.-) b.cp, 0)::float8
                WHEN a.cs IS NOT NULL AND b.id IS NULL AND c.created OPERATOR(pg_catalog.>) a.p
                THEN a.cs::float8
           END AS all_time
    FROM at_s a
    LEFT JOIN at_p b ON b.s OPERATOR(pg_catalog.=) a.s AND b.id OPERATOR(pg_catalog.=) a.id
    LEFT JOIN born c ON c.id OPERATOR(pg_catalog.=) a.id
), est AS (
    SELECT x.id,
           CASE WHEN x.all_time IS NOT NULL
                THEN x.all_time OPERATOR(pg_catalog.*) x.inside OPERATOR(pg_catalog./) x.len END AS at_part,
           CASE WHEN x.all_time IS NULL AND x.d30 IS NOT NULL
                THEN x.d30::float8 OPERATOR(pg_catalog.*) x.inside OPERATOR(pg_catalog./) 30 END AS d30_part,
           CASE WHEN x.all_time IS NULL AND x.d30 IS NOT NULL
                THEN x.d30::float8 OPERATOR(pg_catalog.*) (x.inside OPERATOR(pg_catalog.-) x.covered) OPERATOR(pg_catalog./) 30 END AS pro_part,
           CASE WHEN x.all_time IS NOT NULL AND x.inside OPERATOR(pg_catalog.<) x.len
                THEN GREATEST(x.all_time OPERATOR(pg_catalog.*) x.inside OPERATOR(pg_catalog./) x.len,
                              x.all_time OPERATOR(pg_catalog.*) (x.len OPERATOR(pg_catalog.-) x.inside) OPERATOR(pg_catalog./) x.len)
                WHEN x.all_time IS NULL AND x.d30 IS NOT NULL
                THEN x.d30::float8 OPERATOR(pg_catalog.*) (x.inside OPERATOR(pg_catalog.-) x.covered) OPERATOR(pg_catalog./) 30
                     OPERATOR(pg_catalog.+)
                     CASE WHEN x.covered OPERATOR(pg_catalog.>) 0 AND x.covered OPERATOR(pg_catalog.<) 30
                          THEN GREATEST(x.d30::float8 OPERATOR(pg_catalog.*) x.covered OPERATOR(pg_catalog./) 30,
                                        x.d30::float8 OPERATOR(pg_catalog.*) (30 OPERATOR(pg_catalog.-) x.covered) OPERATOR(pg_catalog./) 30)
                          ELSE 0 END
                ELSE 0
           END AS bound
    FROM parts x
)
SELECT e.id,
       coalesce(pg_catalog.sum(e.at_part), 0) OPERATOR(pg_catalog.+) coalesce(pg_catalog.sum(e.d30_part), 0),
       coalesce(pg_catalog.sum(e.at_part), 0),
       coalesce(pg_catalog.sum(e.d30_part), 0),
       coalesce(pg_catalog.sum(e.pro_part), 0),
       pg_catalog.sum(e.bound),
       (SELECT cov.coverage FROM cov),
       CASE WHEN pg_catalog.count(e.d30_part) OPERATOR(pg_catalog.=) 0 THEN 'all_time'
            WHEN pg_catalog.count(e.at_part) OPERATOR(pg_catalog.=) 0 THEN '30d'
            ELSE 'mixed' END
FROM est e
WHERE e.at_part IS NOT NULL OR e.d30_part IS NOT NULL
GROUP BY e.id
$$;
COMMENT ON FUNCTION hub.downloads_during(date, date, text) IS
    'Downloads of each model (kind ''models'') or dataset (''datasets'') during [period_start, period_end), by the documented rule (doc/hub.md): all-time differences between snapshots where known (from_all_time), 30-day counts spread over their days otherwise (from_30d, of which prorated over days no count covers), with an error bound, the share of the period''s days the snapshots observe (coverage) and which rule gave the figure (method: all_time, 30d or mixed)';

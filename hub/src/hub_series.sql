-- ecostats_hub: figures over time — per-snapshot rollups that a refresh
-- extends with each new snapshot, and hub.report_series over them.
--
-- The rollup tables hold derived data only: an update of the extension
-- drops and recreates them with the code, and the next hub.refresh() folds
-- every snapshot in again.  A snapshot is folded once: its days (from the
-- snapshot before it) give each model's downloads during those days (the
-- rule of hub.downloads_during), split by calendar month and summed per
-- attribution and segment; its counts give the figures of the snapshot
-- itself (stock, concentration, most liked).  A fold reads the snapshot's
-- own history rows and the counts at the snapshot before, kept from the
-- fold before (hub.series_state), not the whole history.  Longer periods are sums of
-- months (and merges of the size distributions), so a new snapshot costs
-- one fold, not a pass over every snapshot.  The attributions use the
-- authors (hub.author_kinds) and lineage known when a snapshot is folded;
-- when hub.author_kinds changes, every snapshot is folded again.

CREATE TABLE hub.series_folds (
    kind     text NOT NULL,
    snapshot date NOT NULL,
    folded_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    basis    text NOT NULL,
    PRIMARY KEY (kind, snapshot)
);
COMMENT ON TABLE hub.series_folds IS 'The snapshots hub.refresh() has folded into the rollups, with the authors they were attributed with (basis: a digest of hub.author_kinds)';
COMMENT ON COLUMN hub.series_folds.kind IS 'models or datasets';
COMMENT ON COLUMN hub.series_folds.snapshot IS 'The snapshot folded in';
COMMENT ON COLUMN hub.series_folds.folded_at IS 'When';
COMMENT ON COLUMN hub.series_folds.basis IS 'md5 of hub.author_kinds then: when it changes, everything is folded again';

CREATE TABLE hub.series_month (
    snapshot      date NOT NULL,
    month         date NOT NULL,
    attribution   text NOT NULL,
    segment       text NOT NULL,
    days          integer NOT NULL,
    downloads     float8 NOT NULL,
    from_all_time float8 NOT NULL,
    prorated      float8 NOT NULL,
    error_bound   float8 NOT NULL,
    PRIMARY KEY (snapshot, month, attribution, segment)
);
COMMENT ON TABLE hub.series_month IS 'Downloads of models during the days a snapshot owns that fall in a calendar month, per attribution and segment (rollup of hub.downloads_during)';
COMMENT ON COLUMN hub.series_month.snapshot IS 'The snapshot whose days these are';
COMMENT ON COLUMN hub.series_month.month IS 'The first day of the calendar month';
COMMENT ON COLUMN hub.series_month.attribution IS 'all (one segment, all), developed_in (segment: the author''s country), developed_in_or_derived_from (the countries of the lineage roots'' authors, split by lineage_root_shares), kind (the author''s kind) or rule (the rule of hub.author_kinds that classified the author; unknown: none)';
COMMENT ON COLUMN hub.series_month.segment IS 'A country (ISO 3166-1 alpha-2), a kind, or unknown';
COMMENT ON COLUMN hub.series_month.days IS 'How many of the month''s days the snapshot owns';
COMMENT ON COLUMN hub.series_month.downloads IS 'Downloads during those days';
COMMENT ON COLUMN hub.series_month.from_all_time IS 'The part of downloads from all-time differences (exact)';
COMMENT ON COLUMN hub.series_month.prorated IS 'The part of downloads prorated over days no 30-day count covers';
COMMENT ON COLUMN hub.series_month.error_bound IS 'Sum of the models'' error bounds (hub.downloads_during)';

CREATE TABLE hub.series_size (
    snapshot  date NOT NULL,
    month     date NOT NULL,
    weight    float8 NOT NULL,
    weighted  float8 NOT NULL,
    sizes     @extschema:ecostats@.distribution,
    PRIMARY KEY (snapshot, month)
);
COMMENT ON TABLE hub.series_size IS 'Parameter counts of the models downloaded during the days a snapshot owns in a month, weighted by those downloads (models with a known parameter count only)';
COMMENT ON COLUMN hub.series_size.snapshot IS 'The snapshot whose days these are';
COMMENT ON COLUMN hub.series_size.month IS 'The first day of the calendar month';
COMMENT ON COLUMN hub.series_size.weight IS 'Downloads of models with a parameter count';
COMMENT ON COLUMN hub.series_size.weighted IS 'Sum of parameter count times downloads (the weighted mean is weighted / weight)';
COMMENT ON COLUMN hub.series_size.sizes IS 'distribution_agg(params, downloads): merged over months for the weighted median of a longer period';

CREATE TABLE hub.series_snapshot (
    kind     text NOT NULL,
    snapshot date NOT NULL,
    figure   text NOT NULL,
    series   text NOT NULL DEFAULT '',
    value    float8,
    unit     text NOT NULL,
    measure  text NOT NULL,
    PRIMARY KEY (kind, snapshot, figure, series)
);
COMMENT ON TABLE hub.series_snapshot IS 'Figures of one snapshot: stock, concentration, most liked';
COMMENT ON COLUMN hub.series_snapshot.kind IS 'models or datasets';
COMMENT ON COLUMN hub.series_snapshot.snapshot IS 'The snapshot';
COMMENT ON COLUMN hub.series_snapshot.figure IS 'The figure (hub.report_series lists them)';
COMMENT ON COLUMN hub.series_snapshot.series IS 'Its series (a model id for most_liked), or empty';
COMMENT ON COLUMN hub.series_snapshot.value IS 'The value';
COMMENT ON COLUMN hub.series_snapshot.unit IS 'count, share or likes';
COMMENT ON COLUMN hub.series_snapshot.measure IS 'What it is computed on';

-- The counts of every id as of the last snapshot folded (hub.counts_at of
-- it), kept so that folding the next snapshot reads that snapshot's own
-- history rows (hub.series_changes) and this state, not the whole history.
CREATE TABLE hub.series_state (
    kind               text NOT NULL,
    id                 text NOT NULL,
    downloads          bigint,
    downloads_all_time bigint,
    likes              bigint,
    trending_score     float8,
    PRIMARY KEY (kind, id)
);
COMMENT ON TABLE hub.series_state IS 'The counts of every id on the Hub at the snapshot hub.series_state_at names (hub.counts_at of it): what the fold of the next snapshot starts from';
COMMENT ON COLUMN hub.series_state.kind IS 'models or datasets';
COMMENT ON COLUMN hub.series_state.id IS 'The model or dataset id';
COMMENT ON COLUMN hub.series_state.downloads IS 'Downloads in the 30 days before that snapshot';
COMMENT ON COLUMN hub.series_state.downloads_all_time IS 'All-time downloads at that snapshot';
COMMENT ON COLUMN hub.series_state.likes IS 'Likes at that snapshot';
COMMENT ON COLUMN hub.series_state.trending_score IS 'Trending score at that snapshot';

CREATE TABLE hub.series_state_at (
    kind     text PRIMARY KEY,
    snapshot date
);
COMMENT ON TABLE hub.series_state_at IS 'The snapshot whose counts hub.series_state holds, per kind (NULL: none yet, the state is empty)';
COMMENT ON COLUMN hub.series_state_at.kind IS 'models or datasets';
COMMENT ON COLUMN hub.series_state_at.snapshot IS 'The snapshot';

-- the history rows of the snapshot being folded (scratch of hub.fold)
CREATE TABLE hub.series_changes (
    kind               text NOT NULL,
    id                 text NOT NULL,
    downloads          bigint,
    downloads_all_time bigint,
    likes              bigint,
    trending_score     float8,
    vanished           boolean NOT NULL,
    PRIMARY KEY (kind, id)
);
COMMENT ON TABLE hub.series_changes IS 'Scratch of hub.fold: the history rows of the snapshot being folded (empty outside a refresh)';
COMMENT ON COLUMN hub.series_changes.kind IS 'models or datasets';
COMMENT ON COLUMN hub.series_changes.id IS 'The model or dataset id';
COMMENT ON COLUMN hub.series_changes.downloads IS 'Downloads in the 30 days before the snapshot';
COMMENT ON COLUMN hub.series_changes.downloads_all_time IS 'All-time downloads at the snapshot';
COMMENT ON COLUMN hub.series_changes.likes IS 'Likes at the snapshot';
COMMENT ON COLUMN hub.series_changes.trending_score IS 'Trending score at the snapshot';
COMMENT ON COLUMN hub.series_changes.vanished IS 'The id left the Hub at the snapshot';

-- the counts at the snapshot being folded: the state, with that snapshot's
-- history rows over it (exactly hub.counts_at(snapshot, kind))
CREATE FUNCTION hub.fold_counts(kind text)
    RETURNS TABLE (id text, downloads bigint, downloads_all_time bigint, likes bigint, trending_score float8)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT coalesce(c.id, st.id),
           CASE WHEN c.id IS NULL THEN st.downloads ELSE c.downloads END,
           CASE WHEN c.id IS NULL THEN st.downloads_all_time ELSE c.downloads_all_time END,
           CASE WHEN c.id IS NULL THEN st.likes ELSE c.likes END,
           CASE WHEN c.id IS NULL THEN st.trending_score ELSE c.trending_score END
    FROM (SELECT * FROM hub.series_state x WHERE x.kind OPERATOR(pg_catalog.=) fold_counts.kind) st
    FULL JOIN (SELECT * FROM hub.series_changes y WHERE y.kind OPERATOR(pg_catalog.=) fold_counts.kind) c
      ON c.id OPERATOR(pg_catalog.=) st.id
    WHERE NOT coalesce(c.vanished, false);
END;
COMMENT ON FUNCTION hub.fold_counts(text) IS
    'Part of hub.fold: the counts of every id at the snapshot being folded — hub.series_state (the snapshot before) with the snapshot''s own history rows (hub.series_changes) over it, the ids that vanished left out: hub.counts_at of the snapshot, without reading the whole history';

-- The downloads of each model during the days [lo, hi) of snapshot s, all
-- within the days (p, s] it owns (p: the snapshot before, or s - 30 for
-- the first): the rule of hub.downloads_during for such a window, on the
-- counts at p (hub.series_state) and at s (hub.fold_counts)
CREATE FUNCTION hub.fold_downloads(s date, p date, lo date, hi date)
    RETURNS TABLE (id text, downloads float8, from_all_time float8, prorated float8, error_bound float8)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH w AS (
        SELECT (s OPERATOR(pg_catalog.-) p) AS len, (hi OPERATOR(pg_catalog.-) lo) AS inside,
               GREATEST(0, LEAST(s OPERATOR(pg_catalog.+) 1, hi)
                           OPERATOR(pg_catalog.-) GREATEST(GREATEST(p, s OPERATOR(pg_catalog.-) 30) OPERATOR(pg_catalog.+) 1, lo)) AS covered
    ), parts AS (
        SELECT a.id, w.len, w.inside, w.covered, a.downloads AS d30,
               CASE WHEN a.downloads_all_time IS NOT NULL AND b.downloads_all_time IS NOT NULL
                    THEN GREATEST(a.downloads_all_time OPERATOR(pg_catalog.-) b.downloads_all_time, 0)::float8
                    WHEN a.downloads_all_time IS NOT NULL AND b.id IS NULL AND m.created_at::date OPERATOR(pg_catalog.>) p
                    THEN a.downloads_all_time::float8
               END AS all_time
        FROM w, hub.fold_counts('models') a
        LEFT JOIN hub.series_state b ON b.kind OPERATOR(pg_catalog.=) 'models'::text AND b.id OPERATOR(pg_catalog.=) a.id
        LEFT JOIN hub.models m ON m.id OPERATOR(pg_catalog.=) a.id
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
    SELECT e.id, coalesce(e.at_part, 0) OPERATOR(pg_catalog.+) coalesce(e.d30_part, 0), coalesce(e.at_part, 0),
           coalesce(e.pro_part, 0), e.bound
    FROM est e
    WHERE e.at_part IS NOT NULL OR e.d30_part IS NOT NULL;
END;
COMMENT ON FUNCTION hub.fold_downloads(date, date, date, date) IS
    'Part of hub.fold: each model''s downloads during the days [lo, hi) of snapshot s (within the days (p, s] it owns), by the rule of hub.downloads_during, from the counts at p (hub.series_state) and at s (hub.fold_counts)';

-- The two writing steps of a fold are SQL-standard bodies (BEGIN ATOMIC):
-- parsed when created, so their calls of ecostats' functions are bound like
-- a view's, not looked up by name (ALTER EXTENSION ecostats SET SCHEMA does
-- not break them).

-- the downloads of the days [lo, hi) (within one month) of snapshot s
CREATE FUNCTION hub.fold_days(s date, p date, lo date, hi date)
    RETURNS void
    LANGUAGE sql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    SET work_mem = '64MB'
BEGIN ATOMIC
    WITH d AS (
        SELECT * FROM hub.fold_downloads(s, p, lo, hi)
    ), mm AS (
        -- each model with its namespace's kind and country (looked up once)
        SELECT d.*, mo.author, mo.lineage, mo.params, ak.kind AS author_kind, ak.country AS author_country, ak.rule AS author_rule
        FROM d JOIN hub.models mo ON mo.id OPERATOR(pg_catalog.=) d.id
        LEFT JOIN hub.author_kinds ak ON ak.author OPERATOR(pg_catalog.=) mo.author
    ), credit AS (
        SELECT mm.id, 'all'::text AS attribution, 'all'::text AS segment, 1::float8 AS w, mm.downloads, mm.from_all_time, mm.prorated, mm.error_bound
        FROM mm
        UNION ALL
        SELECT mm.id, 'developed_in', coalesce(mm.author_country, 'unknown'), 1, mm.downloads, mm.from_all_time, mm.prorated, mm.error_bound
        FROM mm
        UNION ALL
        SELECT mm.id, 'kind', coalesce(mm.author_kind, 'unknown'), 1, mm.downloads, mm.from_all_time, mm.prorated, mm.error_bound
        FROM mm
        UNION ALL
        -- which rule of hub.author_kinds classified the namespace (unknown: none)
        SELECT mm.id, 'rule', coalesce(mm.author_rule, 'unknown'), 1, mm.downloads, mm.from_all_time, mm.prorated, mm.error_bound
        FROM mm
        UNION ALL
        SELECT mm.id, 'developed_in_or_derived_from', coalesce(mm.author_country, 'unknown'), 1, mm.downloads, mm.from_all_time, mm.prorated, mm.error_bound
        FROM mm WHERE mm.lineage IS NULL
        UNION ALL
        -- through the lineage roots: a root not in hub.models takes the
        -- namespace before the / of its id
        SELECT mm.id, 'developed_in_or_derived_from', coalesce(ak.country, 'unknown'), r.share, mm.downloads, mm.from_all_time, mm.prorated, mm.error_bound
        FROM mm CROSS JOIN LATERAL @extschema:ecostats@.lineage_root_shares(mm.lineage) r
        LEFT JOIN hub.models rm ON rm.id OPERATOR(pg_catalog.=) r.root
        LEFT JOIN hub.author_kinds ak
               ON ak.author OPERATOR(pg_catalog.=) coalesce(rm.author,
                      CASE WHEN pg_catalog.strpos(r.root, '/') OPERATOR(pg_catalog.>) 0
                           THEN pg_catalog.split_part(r.root, '/', 1) END)
        WHERE mm.lineage IS NOT NULL
    ), ins AS (
        INSERT INTO hub.series_month (snapshot, month, attribution, segment, days, downloads, from_all_time, prorated, error_bound)
        SELECT s, pg_catalog.date_trunc('month', lo::timestamp)::date, c.attribution, c.segment,
               hi OPERATOR(pg_catalog.-) lo,
               -- summed as numeric, exactly: the same sums whatever order the
               -- rows come in (an incremental fold = a full one)
               pg_catalog.sum((c.w OPERATOR(pg_catalog.*) c.downloads)::numeric)::float8,
               pg_catalog.sum((c.w OPERATOR(pg_catalog.*) c.from_all_time)::numeric)::float8,
               pg_catalog.sum((c.w OPERATOR(pg_catalog.*) c.prorated)::numeric)::float8,
               pg_catalog.sum((c.w OPERATOR(pg_catalog.*) c.error_bound)::numeric)::float8
        FROM credit c GROUP BY c.attribution, c.segment
        RETURNING 1
    )
    INSERT INTO hub.series_size (snapshot, month, weight, weighted, sizes)
    SELECT s, pg_catalog.date_trunc('month', lo::timestamp)::date, coalesce(pg_catalog.sum(mm.downloads::numeric)::float8, 0),
           coalesce(pg_catalog.sum((mm.downloads OPERATOR(pg_catalog.*) mm.params::float8)::numeric)::float8, 0),
           @extschema:ecostats@.distribution_agg(mm.params::float8, mm.downloads ORDER BY mm.id)
    FROM mm WHERE mm.params IS NOT NULL AND mm.downloads OPERATOR(pg_catalog.>) 0;
END;
COMMENT ON FUNCTION hub.fold_days(date, date, date, date) IS
    'Part of hub.fold: the downloads of models during the days [lo, hi) of snapshot s (one month''s part of its days (p, s]; hub.fold_downloads) into hub.series_month and hub.series_size';

-- the figures of snapshot s itself
CREATE FUNCTION hub.fold_figures(kind text, s date)
    RETURNS void
    LANGUAGE sql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH c AS (SELECT * FROM hub.fold_counts(kind)),
    a AS (SELECT coalesce(mo.author, dt.author) AS author
          FROM c LEFT JOIN hub.models mo ON kind OPERATOR(pg_catalog.=) 'models'::text AND mo.id OPERATOR(pg_catalog.=) c.id
                 LEFT JOIN hub.datasets dt ON kind OPERATOR(pg_catalog.=) 'datasets'::text AND dt.id OPERATOR(pg_catalog.=) c.id),
    tr AS (
        SELECT c.id, mo.lineage, mo.created_at, ak.kind AS akind, ak.country AS acountry
        FROM c JOIN hub.models mo ON kind OPERATOR(pg_catalog.=) 'models'::text AND mo.id OPERATOR(pg_catalog.=) c.id
        LEFT JOIN hub.author_kinds ak ON ak.author OPERATOR(pg_catalog.=) mo.author
        WHERE c.trending_score OPERATOR(pg_catalog.>) 0
        ORDER BY c.trending_score DESC, c.id LIMIT 100
    ),
    tr_new AS (
        SELECT coalesce(t.akind, 'unknown') AS kind, pg_catalog.count(*) AS n FROM tr t
        WHERE t.created_at OPERATOR(pg_catalog.>=) (s OPERATOR(pg_catalog.-) 365)::timestamp AT TIME ZONE 'UTC'
        GROUP BY 1
    ),
    figs AS (
        SELECT 'stock'::text AS figure, ''::text AS series, pg_catalog.count(*)::float8 AS value, 'count'::text AS unit,
               'ids on the Hub at the snapshot'::text AS measure FROM c
        UNION ALL
        SELECT 'authors', '', pg_catalog.count(DISTINCT a.author)::float8, 'count', 'namespaces with an id on the Hub at the snapshot' FROM a
        UNION ALL
        SELECT 'top200_share', '', @extschema:ecostats@.top_k_share(c.downloads, 200), 'share', 'downloads in the 30 days before the snapshot' FROM c
        UNION ALL
        SELECT 'top200_share_all_time', '', @extschema:ecostats@.top_k_share(c.downloads_all_time, 200), 'share', 'all-time downloads at the snapshot' FROM c
        HAVING pg_catalog.count(c.downloads_all_time) OPERATOR(pg_catalog.>) 0
        UNION ALL
        SELECT 'top_0.01pct_share', '', @extschema:ecostats@.top_share(c.downloads, 0.0001), 'share', 'downloads in the 30 days before the snapshot' FROM c
        UNION ALL
        SELECT 'top_0.01pct_share_all_time', '', @extschema:ecostats@.top_share(c.downloads_all_time, 0.0001), 'share', 'all-time downloads at the snapshot' FROM c
        HAVING pg_catalog.count(c.downloads_all_time) OPERATOR(pg_catalog.>) 0
        UNION ALL
        SELECT 'gini', '', @extschema:ecostats@.gini(c.downloads), 'share', 'downloads in the 30 days before the snapshot' FROM c
        UNION ALL
        SELECT 'gini_all_time', '', @extschema:ecostats@.gini(c.downloads_all_time), 'share', 'all-time downloads at the snapshot' FROM c
        HAVING pg_catalog.count(c.downloads_all_time) OPERATOR(pg_catalog.>) 0
        UNION ALL
        SELECT 'share_under_200', '', (pg_catalog.count(*) FILTER (WHERE c.downloads_all_time OPERATOR(pg_catalog.<) 200))::float8
                                      OPERATOR(pg_catalog./) pg_catalog.count(c.downloads_all_time),
               'share', 'ids with fewer than 200 all-time downloads, of those with all-time downloads' FROM c
        HAVING pg_catalog.count(c.downloads_all_time) OPERATOR(pg_catalog.>) 0
        UNION ALL
        SELECT 'share_under_200_30d', '', (pg_catalog.count(*) FILTER (WHERE c.downloads OPERATOR(pg_catalog.<) 200))::float8
                                          OPERATOR(pg_catalog./) NULLIF(pg_catalog.count(c.downloads), 0),
               'share', 'ids with fewer than 200 downloads in the 30 days before the snapshot (not the report''s measure)' FROM c
        UNION ALL
        SELECT 'most_liked', l.id, l.likes::float8, 'likes', 'likes at the snapshot (the 10 most liked)'
        FROM (SELECT c.id, c.likes FROM c WHERE c.likes IS NOT NULL
              ORDER BY c.likes DESC, c.id LIMIT 10) l
        UNION ALL
        -- the 100 models with the highest trending score at the snapshot:
        -- by country, under both attributions, and the kinds of the authors
        -- of those among them created in the 365 days before it
        SELECT 'trending_share_by_country', coalesce(t.acountry, 'unknown'),
               pg_catalog.count(*)::float8 OPERATOR(pg_catalog./) (SELECT pg_catalog.count(*) FROM tr)::float8, 'share',
               'the 100 models with the highest trending score at the snapshot, by the country of their namespace'
        FROM tr t GROUP BY 2
        UNION ALL
        SELECT 'trending_share_by_country_or_base', x.country,
               pg_catalog.sum(x.w) OPERATOR(pg_catalog./) (SELECT pg_catalog.count(*) FROM tr)::float8, 'share',
               'the 100 models with the highest trending score at the snapshot, by the countries of their lineage roots'' namespaces (lineage_root_shares)'
        FROM (SELECT coalesce(t.acountry, 'unknown') AS country, 1::float8 AS w FROM tr t WHERE t.lineage IS NULL
              UNION ALL
              SELECT coalesce(ak2.country, 'unknown'), r.share
              FROM tr t CROSS JOIN LATERAL @extschema:ecostats@.lineage_root_shares(t.lineage) r
              LEFT JOIN hub.models rm ON rm.id OPERATOR(pg_catalog.=) r.root
              LEFT JOIN hub.author_kinds ak2
                     ON ak2.author OPERATOR(pg_catalog.=) coalesce(rm.author,
                            CASE WHEN pg_catalog.strpos(r.root, '/') OPERATOR(pg_catalog.>) 0
                                 THEN pg_catalog.split_part(r.root, '/', 1) END)
              WHERE t.lineage IS NOT NULL) x
        GROUP BY 2
        UNION ALL
        SELECT 'trending_new_by_kind', k.kind, k.n::float8, 'count',
               'of the 100 models with the highest trending score at the snapshot, those created in the 365 days before it, by the kind of their namespace'
        FROM tr_new k
        UNION ALL
        SELECT 'trending_new_kind_rank', k.kind, pg_catalog.rank() OVER (ORDER BY k.n DESC)::float8, 'rank',
               'the rank of each kind of developer by the new trending models (trending_new_by_kind) of its namespaces; 1 = the most'
        FROM tr_new k
    )
    INSERT INTO hub.series_snapshot (kind, snapshot, figure, series, value, unit, measure)
    SELECT kind, s, f.figure, f.series, f.value, f.unit, f.measure FROM figs f;
END;
COMMENT ON FUNCTION hub.fold_figures(text, date) IS
    'Part of hub.fold: the figures of snapshot s itself (stock, authors, concentration, most liked, and for models the 100 most trending by country under both attributions and the kinds of the authors of the new ones; on hub.fold_counts) into hub.series_snapshot';

-- hub.fold(kind, snapshot): fold one snapshot in (replacing what an earlier
-- fold of it left); returns the rollup rows it has now
CREATE FUNCTION hub.fold(kind text, snapshot date, basis text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    prev date;
    state_at date;
    m date;
    s date := fold.snapshot;
BEGIN
    DELETE FROM hub.series_month sm WHERE fold.kind OPERATOR(pg_catalog.=) 'models'::text AND sm.snapshot OPERATOR(pg_catalog.=) s;
    DELETE FROM hub.series_size sz WHERE fold.kind OPERATOR(pg_catalog.=) 'models'::text AND sz.snapshot OPERATOR(pg_catalog.=) s;
    DELETE FROM hub.series_snapshot ss WHERE ss.kind OPERATOR(pg_catalog.=) fold.kind AND ss.snapshot OPERATOR(pg_catalog.=) s;
    SELECT pg_catalog.max(n2.snapshot) INTO prev FROM hub.snapshots n2
    WHERE n2.kind OPERATOR(pg_catalog.=) fold.kind AND n2.snapshot OPERATOR(pg_catalog.<) s;
    -- the counts at the snapshot before: kept from the last fold when it was
    -- that one, else (a snapshot folded again, a first fold) taken from the
    -- history once
    SELECT sa.snapshot INTO state_at FROM hub.series_state_at sa WHERE sa.kind OPERATOR(pg_catalog.=) fold.kind;
    IF NOT FOUND OR state_at IS DISTINCT FROM prev THEN
        DELETE FROM hub.series_state st WHERE st.kind OPERATOR(pg_catalog.=) fold.kind;
        IF prev IS NOT NULL THEN
            INSERT INTO hub.series_state (kind, id, downloads, downloads_all_time, likes, trending_score)
            SELECT fold.kind, c.id, c.downloads, c.downloads_all_time, c.likes, c.trending_score
            FROM hub.counts_at(prev, fold.kind) c;
        END IF;
        INSERT INTO hub.series_state_at (kind, snapshot) VALUES (fold.kind, prev)
        ON CONFLICT ON CONSTRAINT series_state_at_pkey DO UPDATE SET snapshot = EXCLUDED.snapshot;
    END IF;
    -- the snapshot's own history rows
    DELETE FROM hub.series_changes ch WHERE ch.kind OPERATOR(pg_catalog.=) fold.kind;
    INSERT INTO hub.series_changes (kind, id, downloads, downloads_all_time, likes, trending_score, vanished)
    SELECT fold.kind, h.id, h.downloads, h.downloads_all_time, h.likes, h.trending_score, h.vanished
    FROM hub.history(fold.kind) h WHERE h.snapshot OPERATOR(pg_catalog.=) s;
    ANALYZE hub.series_changes;
    prev := coalesce(prev, s OPERATOR(pg_catalog.-) 30);
    IF fold.kind OPERATOR(pg_catalog.=) 'models'::text THEN
        -- the snapshot's days (prev, s], month by month
        m := pg_catalog.date_trunc('month', (prev OPERATOR(pg_catalog.+) 1)::timestamp)::date;
        WHILE m OPERATOR(pg_catalog.<=) s LOOP
            PERFORM hub.fold_days(s, prev, GREATEST(prev OPERATOR(pg_catalog.+) 1, m),
                                  LEAST(s OPERATOR(pg_catalog.+) 1, (m OPERATOR(pg_catalog.+) '1 month'::interval)::date));
            m := (m OPERATOR(pg_catalog.+) '1 month'::interval)::date;
        END LOOP;
    END IF;
    PERFORM hub.fold_figures(fold.kind, s);
    -- the state moves on to this snapshot
    DELETE FROM hub.series_state st USING hub.series_changes ch
    WHERE st.kind OPERATOR(pg_catalog.=) fold.kind AND ch.kind OPERATOR(pg_catalog.=) fold.kind
      AND ch.id OPERATOR(pg_catalog.=) st.id AND ch.vanished;
    INSERT INTO hub.series_state (kind, id, downloads, downloads_all_time, likes, trending_score)
    SELECT fold.kind, ch.id, ch.downloads, ch.downloads_all_time, ch.likes, ch.trending_score
    FROM hub.series_changes ch WHERE ch.kind OPERATOR(pg_catalog.=) fold.kind AND NOT ch.vanished
    ON CONFLICT ON CONSTRAINT series_state_pkey DO UPDATE SET downloads = EXCLUDED.downloads, downloads_all_time = EXCLUDED.downloads_all_time,
                                         likes = EXCLUDED.likes, trending_score = EXCLUDED.trending_score;
    UPDATE hub.series_state_at sa SET snapshot = s WHERE sa.kind OPERATOR(pg_catalog.=) fold.kind;
    DELETE FROM hub.series_changes ch WHERE ch.kind OPERATOR(pg_catalog.=) fold.kind;
    INSERT INTO hub.series_folds (kind, snapshot, basis) VALUES (fold.kind, s, fold.basis)
    ON CONFLICT ON CONSTRAINT series_folds_pkey DO UPDATE SET folded_at = pg_catalog.clock_timestamp(), basis = EXCLUDED.basis;
    RETURN (SELECT pg_catalog.count(*) FROM hub.series_month sm WHERE fold.kind OPERATOR(pg_catalog.=) 'models'::text AND sm.snapshot OPERATOR(pg_catalog.=) s)
           OPERATOR(pg_catalog.+)
           (SELECT pg_catalog.count(*) FROM hub.series_snapshot ss WHERE ss.kind OPERATOR(pg_catalog.=) fold.kind AND ss.snapshot OPERATOR(pg_catalog.=) s);
END $$;
COMMENT ON FUNCTION hub.fold(text, date, text) IS
    'Folds one snapshot into the rollups of hub.report_series (its days'' downloads per month, attribution and segment, the size distribution, and its own figures), replacing an earlier fold of it; returns its rollup rows';

-- step 2 of a refresh: fold what is new
CREATE FUNCTION hub.refresh_series()
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    b text;
    r record;
    n bigint := 0;
BEGIN
    SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(k.author OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) k.kind
                                   OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) coalesce(k.country, '')
                                   OPERATOR(pg_catalog.||) '|' OPERATOR(pg_catalog.||) k.rule, ',' ORDER BY k.author), ''))
    INTO b FROM hub.author_kinds k;
    -- other authors than those the folds used, or a snapshot that is gone
    -- (its history deleted): fold everything again
    IF EXISTS (SELECT FROM hub.series_folds f WHERE f.basis OPERATOR(pg_catalog.<>) b)
       OR EXISTS (SELECT FROM hub.series_folds f
                  WHERE NOT EXISTS (SELECT FROM hub.snapshots s
                                    WHERE s.kind OPERATOR(pg_catalog.=) f.kind AND s.snapshot OPERATOR(pg_catalog.=) f.snapshot)) THEN
        TRUNCATE hub.series_folds, hub.series_month, hub.series_size, hub.series_snapshot,
                 hub.series_state, hub.series_state_at, hub.series_changes;
    END IF;
    -- a snapshot not folded yet, or imported again after its fold (the
    -- latest may be: hub.imports_check_order)
    FOR r IN
        SELECT s.kind, s.snapshot FROM hub.snapshots s
        LEFT JOIN hub.series_folds f ON f.kind OPERATOR(pg_catalog.=) s.kind AND f.snapshot OPERATOR(pg_catalog.=) s.snapshot
        WHERE f.snapshot IS NULL OR f.folded_at OPERATOR(pg_catalog.<) s.finished_at
        ORDER BY s.kind, s.snapshot
    LOOP
        n := n OPERATOR(pg_catalog.+) hub.fold(r.kind, r.snapshot, b);
    END LOOP;
    IF n OPERATOR(pg_catalog.>) 0 OR NOT EXISTS (SELECT FROM hub.report_series) THEN
        DELETE FROM hub.report_series;
        INSERT INTO hub.report_series SELECT * FROM hub.series_compute;
    END IF;
    RETURN n;
END $$;
COMMENT ON FUNCTION hub.refresh_series() IS
    'Step 2 of hub.refresh(): folds the snapshots imported since the last refresh (and a snapshot imported again) into the rollups, all of them again when hub.author_kinds changed or a folded snapshot is gone, and then rebuilds hub.report_series from them; returns the rollup rows written (0 with nothing new, and then hub.report_series is left as it is)';

-- What a figure over downloads during a period rests on: how much of them
-- are all-time differences (exact) and how much prorated (NULL when there
-- are no downloads)
CREATE FUNCTION hub.downloads_measure(period text, downloads float8, from_all_time float8, prorated float8) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT 'downloads during the ' OPERATOR(pg_catalog.||) period OPERATOR(pg_catalog.||) ': '
                 OPERATOR(pg_catalog.||) pg_catalog.round((100 OPERATOR(pg_catalog.*) from_all_time OPERATOR(pg_catalog./) NULLIF(downloads, 0))::numeric, 1)
                 OPERATOR(pg_catalog.||) '% from all-time differences, '
                 OPERATOR(pg_catalog.||) pg_catalog.round((100 OPERATOR(pg_catalog.*) prorated OPERATOR(pg_catalog./) NULLIF(downloads, 0))::numeric, 1)
                 OPERATOR(pg_catalog.||) '% prorated' $$;
COMMENT ON FUNCTION hub.downloads_measure(text, float8, float8, float8) IS
    'The measure column of a figure over downloads during a period (hub.report_series, the report views by year of download): the share of the downloads from all-time differences and the share prorated; NULL when downloads is 0 or NULL';

-- The periods the snapshots observe wholly: a month when the days its
-- snapshots own add up to the whole month, a year when its twelve months are
-- (coverage 1; a figure over downloads during a period exists only for these)
CREATE VIEW hub.series_periods AS
WITH cal AS (
    -- how many days of each month the snapshots observe
    SELECT ps.month, pg_catalog.sum(ps.days) AS days
    FROM (SELECT x.month, x.snapshot, pg_catalog.max(x.days) AS days FROM hub.series_month x
          GROUP BY x.month, x.snapshot) ps
    GROUP BY ps.month
), months AS (
    SELECT c.month FROM cal c
    WHERE c.days = (c.month + '1 month'::interval)::date - c.month
)
SELECT 'month'::text AS grain, m.month AS period_start, (m.month + '1 month'::interval)::date AS period_end
FROM months m
UNION ALL
SELECT 'year'::text, y.year, (y.year + '1 year'::interval)::date
FROM (SELECT pg_catalog.date_trunc('year', m.month::timestamp)::date AS year FROM months m
      GROUP BY 1 HAVING pg_catalog.count(*) = 12) y;
COMMENT ON VIEW hub.series_periods IS 'The calendar months and years whose every day a folded snapshot owns (hub.series_month): the periods of the figures over downloads during a period';
COMMENT ON COLUMN hub.series_periods.grain IS 'month or year';
COMMENT ON COLUMN hub.series_periods.period_start IS 'First day of the period';
COMMENT ON COLUMN hub.series_periods.period_end IS 'The day after the period';

-- The tidy relation, computed from the rollups: hub.report_series (below)
-- holds its rows as of the last refresh, so that reading a figure is an
-- index scan
CREATE VIEW hub.series_compute AS
WITH months AS (
    SELECT p.period_start AS month FROM hub.series_periods p WHERE p.grain = 'month'
), years AS (
    SELECT p.period_start AS year FROM hub.series_periods p WHERE p.grain = 'year'
), per_month AS (
    SELECT x.month, x.attribution, x.segment, pg_catalog.sum(x.downloads) AS downloads,
           pg_catalog.sum(x.from_all_time) AS from_all_time, pg_catalog.sum(x.prorated) AS prorated
    FROM hub.series_month x JOIN months USING (month)
    GROUP BY x.month, x.attribution, x.segment
), per_period AS (
    SELECT 'month'::text AS grain, p.month AS period_start, (p.month + '1 month'::interval)::date AS period_end,
           p.attribution, p.segment, p.downloads, p.from_all_time, p.prorated
    FROM per_month p
    UNION ALL
    SELECT 'year', y.year, (y.year + '1 year'::interval)::date, p.attribution, p.segment,
           pg_catalog.sum(p.downloads), pg_catalog.sum(p.from_all_time), pg_catalog.sum(p.prorated)
    FROM per_month p JOIN years y ON y.year = pg_catalog.date_trunc('year', p.month::timestamp)::date
    GROUP BY y.year, p.attribution, p.segment
), shares AS (
    SELECT p.*, p.downloads / NULLIF(t.downloads, 0) AS share,
           hub.downloads_measure('period', t.downloads, t.from_all_time, t.prorated) AS measure_raw
    FROM per_period p
    JOIN per_period t ON t.grain = p.grain AND t.period_start = p.period_start AND t.attribution = 'all'
    WHERE p.attribution <> 'all'
), first_cn AS (
    SELECT c.attribution, pg_catalog.min(c.period_start) AS month
    FROM shares c JOIN shares u ON u.grain = 'month' AND u.period_start = c.period_start
                               AND u.attribution = c.attribution AND u.segment = 'US'
    WHERE c.grain = 'month' AND c.segment = 'CN' AND c.share > u.share
    GROUP BY c.attribution
), size_year AS (
    SELECT y.year, pg_catalog.sum(z.weight) AS weight, pg_catalog.sum(z.weighted) AS weighted,
           @extschema:ecostats@.weighted_median(@extschema:ecostats@.distribution_merge(z.sizes)) AS median
    FROM hub.series_size z
    JOIN years y ON y.year = pg_catalog.date_trunc('year', z.month::timestamp)::date
    GROUP BY y.year
)
SELECT CASE s.attribution WHEN 'developed_in' THEN 'downloads_share_by_country'
                          WHEN 'developed_in_or_derived_from' THEN 'downloads_share_by_country_or_base'
                          WHEN 'rule' THEN 'downloads_share_by_rule'
                          ELSE 'downloads_share_by_kind' END AS figure,
       s.segment AS series, s.period_start, s.period_end, s.share AS value, 'share'::text AS unit, s.measure
FROM (SELECT sh.*, coalesce(sh.measure_raw, 'downloads during the period: none') AS measure FROM shares sh) s
UNION ALL
SELECT CASE s.attribution WHEN 'developed_in' THEN 'country_rank' ELSE 'country_or_base_rank' END,
       s.segment, s.period_start, s.period_end,
       pg_catalog.rank() OVER (PARTITION BY s.attribution, s.period_start ORDER BY s.share DESC)::float8,
       'rank', coalesce(s.measure_raw, 'downloads during the period: none')
FROM shares s WHERE s.grain = 'year' AND s.attribution IN ('developed_in', 'developed_in_or_derived_from') AND s.segment <> 'unknown'
UNION ALL
SELECT CASE f.attribution WHEN 'developed_in' THEN 'first_month_cn_over_us' ELSE 'first_month_cn_over_us_or_base' END,
       'CN', f.month, (f.month + '1 month'::interval)::date, s.share, 'share',
       'the first month China''s share of downloads exceeds the US''s (value: China''s share)'
FROM first_cn f JOIN shares s ON s.grain = 'month' AND s.period_start = f.month AND s.attribution = f.attribution AND s.segment = 'CN'
UNION ALL
SELECT 'size_mean_params', '', z.year, (z.year + '1 year'::interval)::date, z.weighted / NULLIF(z.weight, 0), 'parameters',
       'mean parameter count of the models downloaded during the year, weighted by those downloads'
FROM size_year z
UNION ALL
SELECT 'size_median_params', '', z.year, (z.year + '1 year'::interval)::date, z.median, 'parameters',
       'median parameter count of the models downloaded during the year, weighted by those downloads'
FROM size_year z
UNION ALL
SELECT CASE WHEN s.kind = 'datasets' AND s.figure = 'stock' THEN 'datasets'
            WHEN s.figure = 'stock' THEN 'models'
            WHEN s.kind = 'datasets' THEN 'datasets_' || s.figure
            ELSE s.figure END,
       s.series, s.snapshot, s.snapshot + 1, s.value, s.unit, s.measure
FROM hub.series_snapshot s
WHERE NOT (s.kind = 'datasets' AND s.figure NOT IN ('stock', 'authors'))
UNION ALL
-- year-on-year multiple of the stock: against the snapshot a year before
-- (within a month of it)
SELECT CASE WHEN s.kind = 'datasets' AND s.figure = 'stock' THEN 'datasets_yoy'
            WHEN s.figure = 'stock' THEN 'models_yoy'
            WHEN s.kind = 'datasets' THEN 'datasets_authors_yoy' ELSE 'authors_yoy' END,
       '', s.snapshot, s.snapshot + 1, s.value / NULLIF(y.value, 0), 'multiple',
       'the stock at the snapshot over the stock at the snapshot a year before (' || y.snapshot || ')'
FROM hub.series_snapshot s
JOIN LATERAL (SELECT y.value, y.snapshot FROM hub.series_snapshot y
              WHERE y.kind = s.kind AND y.figure = s.figure AND y.series = s.series
                AND y.snapshot BETWEEN (s.snapshot - '1 year 1 month'::interval)::date AND (s.snapshot - '11 months'::interval)::date
              ORDER BY abs(y.snapshot - (s.snapshot - '1 year'::interval)::date) LIMIT 1) y ON true
WHERE s.figure IN ('stock', 'authors')
UNION ALL
-- releases by creation year (the report counts releases by creation
-- date): complete years up to the latest snapshot of the kind
SELECT c.kind || '_created', '', c.year, (c.year + '1 year'::interval)::date, c.n::float8, 'count',
       'ids created during the year (createdAt), of those on the Hub at the latest snapshot'
FROM (SELECT 'models'::text AS kind, pg_catalog.date_trunc('year', m.created_at AT TIME ZONE 'UTC')::date AS year, pg_catalog.count(*) AS n
      FROM hub.models m WHERE m.created_at IS NOT NULL GROUP BY 2
      UNION ALL
      SELECT 'datasets', pg_catalog.date_trunc('year', d.created_at AT TIME ZONE 'UTC')::date, pg_catalog.count(*)
      FROM hub.datasets d WHERE d.created_at IS NOT NULL GROUP BY 2) c
WHERE (c.year + '1 year'::interval)::date <= (SELECT pg_catalog.max(n.snapshot) + 1 FROM hub.snapshots n WHERE n.kind = c.kind);
COMMENT ON VIEW hub.series_compute IS 'The rows of hub.report_series, computed from the rollups (hub.refresh_series stores them there)';

CREATE TABLE hub.report_series (
    figure       text NOT NULL,
    series       text NOT NULL,
    period_start date NOT NULL,
    period_end   date NOT NULL,
    value        float8,
    unit         text NOT NULL,
    measure      text NOT NULL,
    PRIMARY KEY (figure, series, period_start, period_end)
);
COMMENT ON TABLE hub.report_series IS
    'Report figures over time, one row per figure, series and period (tidy, for BI tools and charts): downloads shares by country (developed in; developed in or derived from), by developer kind and by the rule that classified the developer (hub.author_kinds: how much rests on unknown namespaces) per month and year, the first month China''s share passes the US''s, country ranks per year, download-weighted mean and median parameter counts per year, per snapshot the stock of models, datasets and authors (with year-on-year multiples), concentration (top 200, top 0.01%, Gini, share under 200 downloads; all-time and 30-day), the most liked models and the 100 most trending (by country under both attributions; the kinds of the authors of the new ones, with their rank), and per creation year the models and datasets created. Only periods the snapshots observe wholly (coverage 1) appear; rows as of the last hub.refresh() (hub.refresh_series rebuilds them from the rollups, in the refresh''s transaction: readers see the old rows until it commits)';
COMMENT ON COLUMN hub.report_series.figure IS 'The figure';
COMMENT ON COLUMN hub.report_series.series IS 'Its series: a country, a kind, a model id, or empty';
COMMENT ON COLUMN hub.report_series.period_start IS 'First day of the period (for a snapshot figure: the snapshot)';
COMMENT ON COLUMN hub.report_series.period_end IS 'The day after the period';
COMMENT ON COLUMN hub.report_series.value IS 'The value, in unit';
COMMENT ON COLUMN hub.report_series.unit IS 'share, rank, parameters, count, multiple or likes';
COMMENT ON COLUMN hub.report_series.measure IS 'What the figure is computed on, and for downloads during a period how much of it is exact and how much prorated';

-- hub.report(as_of): the headline figures as of a date, with the report's
-- definitions of time
CREATE FUNCTION hub.report(as_of date DEFAULT NULL)
    RETURNS TABLE (ord integer, section text, metric text, value float8, unit text,
                   period_start date, period_end date, measure text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH d AS (
        SELECT coalesce(as_of, (SELECT pg_catalog.max(n.snapshot) FROM hub.snapshots n WHERE n.kind OPERATOR(pg_catalog.=) 'models'::text)) AS d
    ), snap AS (
        -- the latest snapshot of each kind on or before the date
        SELECT n.kind, pg_catalog.max(n.snapshot) AS s FROM hub.snapshots n, d
        WHERE n.snapshot OPERATOR(pg_catalog.<=) d.d GROUP BY n.kind
    ), owned AS (
        SELECT x.month, x.snapshot, pg_catalog.max(x.days) AS days FROM hub.series_month x GROUP BY x.month, x.snapshot
    ), months AS (
        -- months the snapshots observe wholly, ended by the date
        SELECT o.month FROM owned o, d
        GROUP BY o.month, d.d
        HAVING pg_catalog.sum(o.days) OPERATOR(pg_catalog.=) ((o.month OPERATOR(pg_catalog.+) '1 mon'::interval)::date OPERATOR(pg_catalog.-) o.month)
           AND (o.month OPERATOR(pg_catalog.+) '1 mon'::interval)::date OPERATOR(pg_catalog.<=) (d.d OPERATOR(pg_catalog.+) 1)
    ), last12 AS (
        -- the twelve months up to the last one the date ends, if all observed
        SELECT (l.m OPERATOR(pg_catalog.-) '11 mons'::interval)::date AS lo, (l.m OPERATOR(pg_catalog.+) '1 mon'::interval)::date AS hi
        FROM (SELECT (pg_catalog.date_trunc('month', (d.d OPERATOR(pg_catalog.+) 1)::timestamp) OPERATOR(pg_catalog.-) '1 mon'::interval)::date AS m FROM d) l
        WHERE (SELECT pg_catalog.count(*) FROM months mo
               WHERE mo.month OPERATOR(pg_catalog.>=) (l.m OPERATOR(pg_catalog.-) '11 mons'::interval)::date
                 AND mo.month OPERATOR(pg_catalog.<=) l.m) OPERATOR(pg_catalog.=) 12
    ), years AS (
        SELECT pg_catalog.date_trunc('year', mo.month::timestamp)::date AS y FROM months mo
        GROUP BY 1 HAVING pg_catalog.count(*) OPERATOR(pg_catalog.=) 12
    ), yr AS (
        SELECT pg_catalog.min(years.y) AS first_y, pg_catalog.max(years.y) AS last_y FROM years
    ), spans AS (
        SELECT 'last12'::text AS span, l.lo, l.hi FROM last12 l
        UNION ALL SELECT 'first_year', yr.first_y, (yr.first_y OPERATOR(pg_catalog.+) '1 year'::interval)::date FROM yr WHERE yr.first_y IS NOT NULL
        UNION ALL SELECT 'last_year', yr.last_y, (yr.last_y OPERATOR(pg_catalog.+) '1 year'::interval)::date FROM yr WHERE yr.last_y IS NOT NULL
    ), dl AS (
        -- downloads during each span, per attribution and segment
        SELECT sp.span, x.attribution, x.segment, pg_catalog.sum(x.downloads) AS downloads,
               pg_catalog.sum(x.from_all_time) AS from_all_time, pg_catalog.sum(x.prorated) AS prorated
        FROM spans sp JOIN hub.series_month x
          ON x.month OPERATOR(pg_catalog.>=) sp.lo AND x.month OPERATOR(pg_catalog.<) sp.hi
        GROUP BY sp.span, x.attribution, x.segment
    ), share AS (
        SELECT a.span, a.attribution, a.segment, a.downloads OPERATOR(pg_catalog./) NULLIF(t.downloads, 0) AS share,
               'downloads during the period: ' OPERATOR(pg_catalog.||)
               pg_catalog.round((100 OPERATOR(pg_catalog.*) t.from_all_time OPERATOR(pg_catalog./) NULLIF(t.downloads, 0))::numeric, 1)::text
               OPERATOR(pg_catalog.||) '% from all-time differences, ' OPERATOR(pg_catalog.||)
               pg_catalog.round((100 OPERATOR(pg_catalog.*) t.prorated OPERATOR(pg_catalog./) NULLIF(t.downloads, 0))::numeric, 1)::text
               OPERATOR(pg_catalog.||) '% prorated' AS measure
        FROM dl a JOIN dl t ON t.span OPERATOR(pg_catalog.=) a.span AND t.attribution OPERATOR(pg_catalog.=) 'all'::text
    ), fig AS (
        SELECT f.figure, f.series, f.value, f.measure, f.kind, f.snapshot
        FROM hub.series_snapshot f JOIN snap ON snap.kind OPERATOR(pg_catalog.=) f.kind AND snap.s OPERATOR(pg_catalog.=) f.snapshot
    ), first_cn AS (
        SELECT c.attribution, pg_catalog.min(c.month) AS month
        FROM (SELECT x.month, x.attribution, x.segment, pg_catalog.sum(x.downloads) AS downloads
              FROM hub.series_month x JOIN months USING (month)
              WHERE x.segment OPERATOR(pg_catalog.=) ANY (ARRAY['CN', 'US'])
              GROUP BY x.month, x.attribution, x.segment) c
        JOIN (SELECT x.month, x.attribution, pg_catalog.sum(x.downloads) AS downloads
              FROM hub.series_month x JOIN months USING (month)
              WHERE x.segment OPERATOR(pg_catalog.=) 'US'::text
              GROUP BY x.month, x.attribution) u
          ON u.month OPERATOR(pg_catalog.=) c.month AND u.attribution OPERATOR(pg_catalog.=) c.attribution
        WHERE c.segment OPERATOR(pg_catalog.=) 'CN'::text AND c.downloads OPERATOR(pg_catalog.>) u.downloads
        GROUP BY c.attribution
    ), size_last AS (
        SELECT pg_catalog.sum(z.weighted) OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(z.weight), 0) AS mean,
               @extschema:ecostats@.weighted_median(@extschema:ecostats@.distribution_merge(z.sizes)) AS median
        FROM hub.series_size z, spans sp
        WHERE sp.span OPERATOR(pg_catalog.=) 'last_year'::text AND z.month OPERATOR(pg_catalog.>=) sp.lo AND z.month OPERATOR(pg_catalog.<) sp.hi
    ), conc AS (
        -- on all-time downloads where the snapshot has them, else the 30-day variant (labelled)
        SELECT v.ord, v.metric, coalesce(a.value, b.value) AS value, coalesce(a.measure, b.measure) AS measure, coalesce(a.snapshot, b.snapshot) AS snapshot
        FROM (VALUES (10, 'top_200_share', 'top200_share_all_time', 'top200_share'),
                     (11, 'top_0_01pct_share', 'top_0.01pct_share_all_time', 'top_0.01pct_share'),
                     (12, 'under_200_share', 'share_under_200', 'share_under_200_30d'),
                     (13, 'gini', 'gini_all_time', 'gini')) v(ord, metric, all_time, d30)
        LEFT JOIN fig a ON a.kind OPERATOR(pg_catalog.=) 'models'::text AND a.figure OPERATOR(pg_catalog.=) v.all_time
        LEFT JOIN fig b ON b.kind OPERATOR(pg_catalog.=) 'models'::text AND b.figure OPERATOR(pg_catalog.=) v.d30
    )
    SELECT r.ord, r.section, r.metric, r.value, r.unit, r.period_start, r.period_end, r.measure FROM (
        SELECT v.ord, 'topline'::text AS section, v.metric, f.value, v.metric AS unit,
               f.snapshot AS period_start, (f.snapshot OPERATOR(pg_catalog.+) 1) AS period_end,
               coalesce(f.measure, 'no snapshot on or before the date') AS measure
        FROM (VALUES (1, 'models', 'models', 'stock'), (2, 'datasets', 'datasets', 'stock'),
                     (3, 'authors', 'models', 'authors')) v(ord, metric, kind, figure)
        LEFT JOIN fig f ON f.kind OPERATOR(pg_catalog.=) v.kind AND f.figure OPERATOR(pg_catalog.=) v.figure
        UNION ALL
        SELECT c.ord, 'concentration', c.metric, c.value,
               CASE c.metric WHEN 'gini' THEN 'index' WHEN 'under_200_share' THEN 'share of models' ELSE 'share' END,
               c.snapshot, c.snapshot OPERATOR(pg_catalog.+) 1, c.measure FROM conc c
        UNION ALL
        SELECT v.ord, 'country', v.metric, s.share, 'share', l.lo, l.hi, s.measure
        FROM (VALUES (20, 'cn_share_last_12_months', 'developed_in', 'CN'),
                     (21, 'cn_share_last_12_months_or_base', 'developed_in_or_derived_from', 'CN'),
                     (22, 'us_share_last_12_months', 'developed_in', 'US'),
                     (23, 'us_share_last_12_months_or_base', 'developed_in_or_derived_from', 'US')) v(ord, metric, attribution, segment)
        LEFT JOIN last12 l ON true
        LEFT JOIN share s ON s.span OPERATOR(pg_catalog.=) 'last12'::text AND s.attribution OPERATOR(pg_catalog.=) v.attribution
                         AND s.segment OPERATOR(pg_catalog.=) v.segment
        UNION ALL
        SELECT v.ord, 'country', v.metric, NULL::float8, 'month', f.month, (f.month OPERATOR(pg_catalog.+) '1 mon'::interval)::date,
               'the first wholly observed month in which China''s share of downloads exceeds the US''s'
        FROM (VALUES (24, 'first_month_cn_over_us', 'developed_in'),
                     (25, 'first_month_cn_over_us_or_base', 'developed_in_or_derived_from')) v(ord, metric, attribution)
        LEFT JOIN first_cn f ON f.attribution OPERATOR(pg_catalog.=) v.attribution
        UNION ALL
        SELECT v.ord, 'segments', v.metric, s.share, 'share', sp.lo, sp.hi, s.measure
        FROM (VALUES (30, 'independent_share_first_year', 'first_year'),
                     (31, 'independent_share_last_year', 'last_year')) v(ord, metric, span)
        LEFT JOIN spans sp ON sp.span OPERATOR(pg_catalog.=) v.span
        LEFT JOIN share s ON s.span OPERATOR(pg_catalog.=) v.span AND s.attribution OPERATOR(pg_catalog.=) 'kind'::text
                         AND s.segment OPERATOR(pg_catalog.=) 'independent'::text
        UNION ALL
        SELECT 40, 'model_size', 'mean_params_last_year', z.mean, 'parameters', sp.lo, sp.hi,
               'mean parameter count of the models downloaded during the year, weighted by those downloads'
        FROM size_last z LEFT JOIN spans sp ON sp.span OPERATOR(pg_catalog.=) 'last_year'::text
        UNION ALL
        SELECT 41, 'model_size', 'median_params_last_year', z.median, 'parameters', sp.lo, sp.hi,
               'median parameter count of the models downloaded during the year, weighted by those downloads'
        FROM size_last z LEFT JOIN spans sp ON sp.span OPERATOR(pg_catalog.=) 'last_year'::text
    ) r
    ORDER BY r.ord;
END;
COMMENT ON FUNCTION hub.report(date) IS
    'Report headline figures as of a date (default: the latest models snapshot), with the report''s definitions of time: the stock and concentration at the latest snapshot on or before it (concentration on all-time downloads where the dump has them, else on 30-day downloads, as measure says), China''s and the US''s shares of downloads during the last 12 whole months before it (both attributions), the first month China passes the US, the independent developers'' share in the first and the last complete year, and the download-weighted mean and median model size in the last complete year. A period the snapshots do not observe wholly gives NULL: a partial year is never reported as a year. Reads the rollups of the last hub.refresh()';

-- ecostats_hub: the report views (code: an update drops and recreates them).
--
-- One view per figure of the report. Every view that scans hub.models or
-- hub.datasets is materialized, with a UNIQUE index on plain NOT NULL-valued
-- columns so that REFRESH MATERIALIZED VIEW CONCURRENTLY works; hub.report
-- is a plain view over them. The materialized views read only the hub
-- tables and the rollups of hub_series.sql (never each other): hub.refresh()
-- folds the new snapshots first, then refreshes them, in any order.
--
-- Conventions shared by all views (doc/report.md, "Views"):
--   * year     = a calendar year (UTC): of created_at for releases, of the
--                download for the figures over downloads (country, kind,
--                model size), which also have period 'last_30_days';
--   * period   = the year as text; for the views by creation year
--                'unknown' when created_at is NULL and 'all' for the row over
--                every model (year is NULL on those rows);
--   * downloads during a year = hub.downloads_during's rule, from the
--                rollups (only years every day of which the snapshots
--                observe); otherwise downloads = hub.models.downloads (last
--                30 days), NULL counted as 0;
--   * kind and country of a namespace follow hub.author_kind and
--     hub.author_country (hub.author_kinds; an unlisted namespace is kind
--     'unknown', a NULL country is 'unknown'); the views join
--     hub.author_kinds once instead of calling the functions per row.
-- Every reference is schema-qualified, so the views do not depend on the
-- search_path of the session that refreshes them.

--------------------------------------------------------------------------
-- hub.report_topline: models, datasets, authors and their growth by year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_topline_mv AS
WITH authors AS (
    SELECT a.author, pg_catalog.min(pg_catalog.date_part('year', a.created_at AT TIME ZONE 'UTC'))::int AS year
    FROM (SELECT m.author, m.created_at FROM hub.models m
          UNION ALL
          SELECT d.author, d.created_at FROM hub.datasets d) a
    WHERE a.author IS NOT NULL
    GROUP BY a.author
), items AS (
    SELECT 'models'::text AS kind, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year FROM hub.models m
    UNION ALL
    SELECT 'datasets'::text, pg_catalog.date_part('year', d.created_at AT TIME ZONE 'UTC')::int FROM hub.datasets d
    UNION ALL
    SELECT 'authors'::text, a.year FROM authors a
), per_year AS (
    SELECT i.kind, i.year, pg_catalog.count(*) AS created
    FROM items i WHERE i.year IS NOT NULL
    GROUP BY i.kind, i.year
), kinds(kind) AS (
    VALUES ('models'::text), ('datasets'::text), ('authors'::text)
)
SELECT y.kind, y.year::text AS period, y.year, y.created,
       (pg_catalog.sum(y.created) OVER (PARTITION BY y.kind ORDER BY y.year))::bigint AS cumulative,
       y.created::float8 / NULLIF(p.created, 0)::float8 AS yoy_multiple
FROM per_year y
LEFT JOIN per_year p ON p.kind = y.kind AND p.year = y.year - 1
UNION ALL
SELECT i.kind, 'unknown'::text, NULL::int, pg_catalog.count(*), NULL::bigint, NULL::float8
FROM items i WHERE i.year IS NULL
GROUP BY i.kind
UNION ALL
SELECT k.kind, 'all'::text, NULL::int, t.n, t.n, NULL::float8
FROM kinds k
CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM items i WHERE i.kind = k.kind) t;

CREATE UNIQUE INDEX report_topline_key ON hub.report_topline_mv (kind, period);
COMMENT ON MATERIALIZED VIEW hub.report_topline_mv IS
    'Report figure "models, datasets and authors, and their growth": per kind (models, datasets, authors = distinct non-NULL namespaces of models and datasets) and creation year (UTC): created = how many were created that year (an author counts in the year of its earliest model or dataset), cumulative = created up to and including that year, yoy_multiple = created / created of the year before (NULL when the year before has none); period ''unknown'' counts those without created_at, period ''all'' the total (cumulative = total)';

--------------------------------------------------------------------------
-- hub.report_concentration: how concentrated downloads are
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_concentration_mv AS
SELECT 'downloads'::text AS measure,
       pg_catalog.count(m.downloads) AS models,
       pg_catalog.sum(m.downloads) AS total,
       @extschema:ecostats@.top_k_share(m.downloads::float8, 200) AS top_200_share,
       @extschema:ecostats@.top_share(m.downloads::float8, 0.0001::float8) AS top_0_01pct_share,
       pg_catalog.avg((m.downloads < 200)::int)::float8 AS under_200_model_share,
       @extschema:ecostats@.gini(m.downloads::float8) AS gini,
       @extschema:ecostats@.hhi(m.downloads::float8) AS hhi,
       @extschema:ecostats@.lorenz(m.downloads::float8, 100) AS lorenz
FROM hub.models m
UNION ALL
SELECT 'downloads_all_time'::text,
       pg_catalog.count(m.downloads_all_time),
       pg_catalog.sum(m.downloads_all_time),
       @extschema:ecostats@.top_k_share(m.downloads_all_time::float8, 200),
       @extschema:ecostats@.top_share(m.downloads_all_time::float8, 0.0001::float8),
       pg_catalog.avg((m.downloads_all_time < 200)::int)::float8,
       @extschema:ecostats@.gini(m.downloads_all_time::float8),
       @extschema:ecostats@.hhi(m.downloads_all_time::float8),
       @extschema:ecostats@.lorenz(m.downloads_all_time::float8, 100)
FROM hub.models m;

CREATE UNIQUE INDEX report_concentration_key ON hub.report_concentration_mv (measure);
COMMENT ON MATERIALIZED VIEW hub.report_concentration_mv IS
    'Report figure "concentration of downloads", for measure downloads (last 30 days) and downloads_all_time, over the models where the measure is not NULL: models, total, top_200_share = top_k_share(x, 200) (share of the total held by the 200 most downloaded models), top_0_01pct_share = top_share(x, 0.0001) (the largest ceil(0.0001 n) models), under_200_model_share = the share of MODELS (not of downloads) with x < 200, gini, hhi, lorenz = lorenz(x, 100) (101 points, population shares 0, 0.01, ..., 1)';

--------------------------------------------------------------------------
-- hub.report_country: share of downloads by author country
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_country_mv AS
WITH latest AS (
    SELECT pg_catalog.max(n.snapshot) AS s FROM hub.snapshots n WHERE n.kind = 'models'
), m AS (
    SELECT m.id, m.author, m.lineage, coalesce(m.downloads, 0)::float8 AS downloads
    FROM hub.models m
), credit AS (
    -- developed in: the model's own namespace
    SELECT 'developed_in'::text AS attribution, k.country, m.downloads
    FROM m LEFT JOIN hub.author_kinds k ON k.author = m.author
    UNION ALL
    -- developed in or derived from: the namespaces of the lineage roots,
    -- weighted by lineage_root_shares; a model without lineage is its own
    -- root (its own namespace, as above)
    SELECT 'developed_in_or_derived_from'::text, k.country, m.downloads
    FROM m LEFT JOIN hub.author_kinds k ON k.author = m.author
    WHERE m.lineage IS NULL
    UNION ALL
    -- the others' credit summed per root first: few roots, so the root's
    -- namespace is looked up once per root, not once per model
    SELECT 'developed_in_or_derived_from'::text, k.country, d.downloads
    FROM (SELECT r.root, pg_catalog.sum(m.downloads * r.share) AS downloads
          FROM m CROSS JOIN LATERAL @extschema:ecostats@.lineage_root_shares(m.lineage) r
          WHERE m.lineage IS NOT NULL
          GROUP BY r.root) d
    LEFT JOIN hub.models rm ON rm.id = d.root
    LEFT JOIN hub.author_kinds k
           ON k.author = coalesce(rm.author,
                  CASE WHEN pg_catalog.strpos(d.root, '/') > 0
                       THEN pg_catalog.split_part(d.root, '/', 1) END)
), per AS (
    -- downloads during each calendar year the snapshots observe wholly
    -- (the rollups of hub.refresh: hub.series_month, the rule of
    -- hub.downloads_during)
    SELECT x.attribution, y.period_start, y.period_end, x.segment AS country,
           pg_catalog.sum(x.downloads) AS downloads, pg_catalog.sum(x.from_all_time) AS from_all_time,
           pg_catalog.sum(x.prorated) AS prorated
    FROM hub.series_month x
    JOIN hub.series_periods y ON y.grain = 'year' AND x.month >= y.period_start AND x.month < y.period_end
    WHERE x.attribution IN ('developed_in', 'developed_in_or_derived_from')
    GROUP BY x.attribution, y.period_start, y.period_end, x.segment
    UNION ALL
    -- the 30 days before the latest snapshot
    SELECT c.attribution, l.s - 29, l.s + 1, coalesce(c.country, 'unknown'), pg_catalog.sum(c.downloads), NULL, NULL
    FROM credit c, latest l
    GROUP BY c.attribution, l.s, coalesce(c.country, 'unknown')
)
SELECT p.attribution,
       CASE WHEN p.from_all_time IS NULL THEN 'last_30_days' ELSE pg_catalog.to_char(p.period_start, 'YYYY') END AS period,
       CASE WHEN p.from_all_time IS NOT NULL THEN pg_catalog.date_part('year', p.period_start)::int END AS year,
       p.period_start, p.period_end, p.country, p.downloads,
       p.downloads / NULLIF(pg_catalog.sum(p.downloads) OVER w, 0) AS share,
       CASE WHEN p.from_all_time IS NULL
            THEN 'downloads in the 30 days before the latest snapshot (hub.models.downloads)'
            ELSE hub.downloads_measure('year', pg_catalog.sum(p.downloads) OVER w, pg_catalog.sum(p.from_all_time) OVER w,
                                       pg_catalog.sum(p.prorated) OVER w)
       END AS measure
FROM per p
WINDOW w AS (PARTITION BY p.attribution, p.period_start, (p.from_all_time IS NULL));

CREATE UNIQUE INDEX report_country_key ON hub.report_country_mv (attribution, period, country);
COMMENT ON MATERIALIZED VIEW hub.report_country_mv IS
    'Report figure "share of downloads by country": downloads credited to countries (hub.author_country; NULL or unlisted = ''unknown''), per calendar year of download (period ''2025'': the downloads made during 2025, for every year the snapshots observe wholly, from the rollups of hub.refresh() by the rule of hub.downloads_during) and over the 30 days before the latest snapshot (period ''last_30_days'': hub.models.downloads). attribution ''developed_in'': all of a model''s downloads go to its own namespace''s country. attribution ''developed_in_or_derived_from'': they go to the countries of the namespaces of its lineage roots, split by lineage_root_shares (1.0 starts at the model and is split equally among the parents at every node, so a merge of two parents passes half to each; a model whose lineage is NULL is its own root; a root not in hub.models takes the namespace before the / of its id). share = downloads / all downloads of the period and attribution; measure says what the downloads are and, for a year, how much of them is exact';

--------------------------------------------------------------------------
-- hub.report_segments: share of downloads by kind of developer
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_segments_mv AS
WITH latest AS (
    SELECT pg_catalog.max(n.snapshot) AS s FROM hub.snapshots n WHERE n.kind = 'models'
), per AS (
    -- downloads during each calendar year the snapshots observe wholly
    SELECT y.period_start, y.period_end, x.segment AS kind,
           pg_catalog.sum(x.downloads) AS downloads, pg_catalog.sum(x.from_all_time) AS from_all_time,
           pg_catalog.sum(x.prorated) AS prorated
    FROM hub.series_month x
    JOIN hub.series_periods y ON y.grain = 'year' AND x.month >= y.period_start AND x.month < y.period_end
    WHERE x.attribution = 'kind'
    GROUP BY y.period_start, y.period_end, x.segment
    UNION ALL
    -- the 30 days before the latest snapshot
    SELECT l.s - 29, l.s + 1, coalesce(k.kind, 'unknown'), pg_catalog.sum(coalesce(m.downloads, 0))::float8, NULL, NULL
    FROM hub.models m LEFT JOIN hub.author_kinds k ON k.author = m.author, latest l
    GROUP BY l.s, coalesce(k.kind, 'unknown')
)
SELECT CASE WHEN p.from_all_time IS NULL THEN 'last_30_days' ELSE pg_catalog.to_char(p.period_start, 'YYYY') END AS period,
       CASE WHEN p.from_all_time IS NOT NULL THEN pg_catalog.date_part('year', p.period_start)::int END AS year,
       p.period_start, p.period_end, p.kind, p.downloads,
       p.downloads / NULLIF(pg_catalog.sum(p.downloads) OVER w, 0) AS share,
       CASE WHEN p.from_all_time IS NULL
            THEN 'downloads in the 30 days before the latest snapshot (hub.models.downloads)'
            ELSE hub.downloads_measure('year', pg_catalog.sum(p.downloads) OVER w, pg_catalog.sum(p.from_all_time) OVER w,
                                       pg_catalog.sum(p.prorated) OVER w)
       END AS measure
FROM per p
WINDOW w AS (PARTITION BY p.period_start, (p.from_all_time IS NULL));

CREATE UNIQUE INDEX report_segments_key ON hub.report_segments_mv (period, kind);
COMMENT ON MATERIALIZED VIEW hub.report_segments_mv IS
    'Report figure "downloads by kind of developer": per calendar year of download (period ''2025'': downloads made during 2025, for every year the snapshots observe wholly; hub.downloads_during''s rule, from the rollups of hub.refresh()) and over the 30 days before the latest snapshot (period ''last_30_days'') and author kind (hub.author_kind: industry, academic, independent, nonprofit, government; an unlisted namespace is ''unknown''): downloads, share = downloads / all downloads of the period, measure = what the downloads are';

--------------------------------------------------------------------------
-- hub.report_org_releases: models released per author per year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_org_releases_mv AS
WITH r AS (
    SELECT m.author, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year, pg_catalog.count(*) AS models
    FROM hub.models m
    WHERE m.author IS NOT NULL AND m.created_at IS NOT NULL
    GROUP BY 1, 2
)
SELECT r.author, coalesce(k.kind, 'unknown') AS kind, coalesce(k.country, 'unknown') AS country,
       r.year, r.models, p.models AS previous_year_models,
       r.models::float8 / p.models::float8 AS yoy_multiple
FROM r
LEFT JOIN r p ON p.author = r.author AND p.year = r.year - 1
LEFT JOIN hub.author_kinds k ON k.author = r.author;

CREATE UNIQUE INDEX report_org_releases_key ON hub.report_org_releases_mv (author, year);
COMMENT ON MATERIALIZED VIEW hub.report_org_releases_mv IS
    'Report figure "releases per organisation": models created per namespace (author) and creation year (models without author or created_at are left out), with its kind and country (''unknown'' when unlisted), previous_year_models = the same namespace''s count the year before (NULL when it released none), yoy_multiple = models / previous_year_models';

--------------------------------------------------------------------------
-- hub.report_organisations: releases per organisation per year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_organisations_mv AS
WITH org AS (
    SELECT o.organisation, o.kind, o.country FROM hub.organisation_kinds o
), repos AS (
    SELECT 'model'::text AS what, m.author, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.models m WHERE m.author IS NOT NULL AND m.created_at IS NOT NULL
    UNION ALL
    SELECT 'dataset'::text, d.author, pg_catalog.date_part('year', d.created_at AT TIME ZONE 'UTC')::int
    FROM hub.datasets d WHERE d.author IS NOT NULL AND d.created_at IS NOT NULL
    UNION ALL
    SELECT 'space'::text, sp.author, pg_catalog.date_part('year', sp.created_at AT TIME ZONE 'UTC')::int
    FROM hub.spaces sp WHERE sp.author IS NOT NULL AND sp.created_at IS NOT NULL
), per AS (
    -- a namespace without a grouping is an organisation of its own
    SELECT coalesce(k.organisation, r.author) AS organisation, (k.organisation IS NOT NULL) AS grouped, r.year,
           pg_catalog.count(*) FILTER (WHERE r.what = 'model') AS models,
           pg_catalog.count(*) FILTER (WHERE r.what = 'dataset') AS datasets,
           pg_catalog.count(*) FILTER (WHERE r.what = 'space') AS spaces,
           pg_catalog.array_agg(DISTINCT r.author ORDER BY r.author) AS namespaces
    FROM repos r LEFT JOIN hub.author_kinds k ON k.author = r.author
    GROUP BY 1, 2, 3
)
SELECT p.organisation, p.grouped,
       coalesce(o.kind, k.kind, 'unknown') AS kind, coalesce(o.country, k.country, 'unknown') AS country,
       p.year, p.namespaces, p.models, p.datasets, p.spaces, p.models + p.datasets + p.spaces AS repositories,
       pg_catalog.rank() OVER (PARTITION BY p.year ORDER BY p.models + p.datasets + p.spaces DESC) AS rank_by_repositories,
       coalesce(q.models, 0) AS previous_year_models,
       p.models::float8 / NULLIF(coalesce(q.models, 0), 0)::float8 AS yoy_multiple,
       CASE WHEN coalesce(q.models, 0) = 0 THEN '0 -> ' || p.models
            ELSE 'x' || pg_catalog.round((p.models::numeric / q.models), 2) END AS growth
FROM per p
LEFT JOIN per q ON q.organisation = p.organisation AND q.grouped = p.grouped AND q.year = p.year - 1
LEFT JOIN org o ON p.grouped AND o.organisation = p.organisation
LEFT JOIN hub.author_kinds k ON NOT p.grouped AND k.author = p.organisation;

CREATE UNIQUE INDEX report_organisations_key ON hub.report_organisations_mv (organisation, grouped, year);
COMMENT ON MATERIALIZED VIEW hub.report_organisations_mv IS
    'Report figure "releases per organisation": models, datasets and Spaces created per organisation and creation year (UTC), an organisation being the grouping of its namespaces (hub.organisation_namespaces: Baidu = baidu + PaddlePaddle; grouped true) or a namespace of its own (grouped false); kind and country of the organisation (else of the namespace; unknown when unlisted); repositories = models + datasets + Spaces, rank_by_repositories = the organisation''s rank by them that year (1 = the most); previous_year_models = models of the year before, 0 when none; yoy_multiple = models / previous_year_models (NULL from 0); growth = ''0 -> N'' from none, else ''xM''';

--------------------------------------------------------------------------
-- hub.report_classification: how much of the figures rests on which rule
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_classification_mv AS
WITH ns AS (
    SELECT m.author, pg_catalog.count(*) AS models, pg_catalog.sum(coalesce(m.downloads, 0)) AS downloads
    FROM hub.models m WHERE m.author IS NOT NULL
    GROUP BY m.author
), ranked AS (
    SELECT ns.author, ns.models, ns.downloads, coalesce(k.rule, 'unknown') AS rule,
           pg_catalog.row_number() OVER (ORDER BY ns.downloads DESC, ns.author) AS rank
    FROM ns LEFT JOIN hub.author_kinds k ON k.author = ns.author
)
SELECT r.rule,
       pg_catalog.array_position(ARRAY['user_author', 'user_organisation', 'seed_author', 'seed_organisation',
                                       'org_type', 'user_account', 'unknown'], r.rule) AS rule_order,
       pg_catalog.count(*) AS namespaces, pg_catalog.sum(r.models)::bigint AS models, pg_catalog.sum(r.downloads) AS downloads,
       (pg_catalog.sum(r.downloads) / NULLIF(pg_catalog.sum(pg_catalog.sum(r.downloads)) OVER (), 0))::float8 AS download_share,
       pg_catalog.count(*) FILTER (WHERE r.rank <= 1000) AS top1000_namespaces,
       (coalesce(pg_catalog.sum(r.downloads) FILTER (WHERE r.rank <= 1000), 0)
        / NULLIF(pg_catalog.sum(coalesce(pg_catalog.sum(r.downloads) FILTER (WHERE r.rank <= 1000), 0)) OVER (), 0))::float8 AS top1000_download_share
FROM ranked r
GROUP BY r.rule;

CREATE UNIQUE INDEX report_classification_key ON hub.report_classification_mv (rule);
COMMENT ON MATERIALIZED VIEW hub.report_classification_mv IS
    'Report figure "who is behind the downloads, and how well that is known": the namespaces of hub.models per rule of hub.author_kinds that classified them (user_author, user_organisation, seed_author, seed_organisation, org_type, user_account; unknown: none), with their models, 30-day downloads and share of them, and the same among the 1,000 namespaces with the most 30-day downloads (top1000_namespaces, top1000_download_share)';

--------------------------------------------------------------------------
-- hub.report_lists: the share of your lists of namespaces
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_lists_mv AS
WITH total AS (
    SELECT pg_catalog.sum(coalesce(m.downloads, 0)) AS d, pg_catalog.sum(m.downloads_all_time) AS dat, pg_catalog.count(*) AS n
    FROM hub.models m
)
SELECT l.list, pg_catalog.count(DISTINCT l.namespace) AS namespaces,
       pg_catalog.count(DISTINCT m.author) AS namespaces_with_models,
       pg_catalog.count(m.id) AS models,
       (pg_catalog.count(m.id)::float8 / NULLIF(t.n, 0)::float8) AS model_share,
       coalesce(pg_catalog.sum(coalesce(m.downloads, 0)), 0) AS downloads,
       (coalesce(pg_catalog.sum(coalesce(m.downloads, 0)), 0) / NULLIF(t.d, 0))::float8 AS download_share,
       (pg_catalog.sum(m.downloads_all_time) / NULLIF(t.dat, 0))::float8 AS download_share_all_time
FROM hub.namespace_lists l
LEFT JOIN hub.models m ON m.author = l.namespace
CROSS JOIN total t
GROUP BY l.list, t.n, t.d, t.dat;

CREATE UNIQUE INDEX report_lists_key ON hub.report_lists_mv (list);
COMMENT ON MATERIALIZED VIEW hub.report_lists_mv IS
    'Report figures that need a list Hub metadata does not give (the Fortune 500 share): per list of hub.namespace_lists, its namespaces, those with models, their models and share of all models, their 30-day downloads and share of all, and their share of all-time downloads (over models with all-time downloads)';

--------------------------------------------------------------------------
-- hub.report_architectures: mixture-of-experts and context length by year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_architectures_mv AS
WITH m AS (
    SELECT pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year,
           hub.is_moe(m.architectures, m.model_type, m.gguf_architecture) AS moe, m.context_length
    FROM hub.models m WHERE m.created_at IS NOT NULL
)
SELECT m.year, pg_catalog.count(*) AS models,
       pg_catalog.count(m.moe) AS with_architecture,
       pg_catalog.count(*) FILTER (WHERE m.moe) AS moe_models,
       (pg_catalog.count(*) FILTER (WHERE m.moe))::float8 / NULLIF(pg_catalog.count(m.moe), 0)::float8 AS moe_share,
       pg_catalog.count(m.context_length) AS with_context_length,
       pg_catalog.percentile_disc(0.5) WITHIN GROUP (ORDER BY m.context_length) AS median_context_length,
       pg_catalog.max(m.context_length) AS max_context_length
FROM m
GROUP BY m.year;

CREATE UNIQUE INDEX report_architectures_key ON hub.report_architectures_mv (year);
COMMENT ON MATERIALIZED VIEW hub.report_architectures_mv IS
    'Report figure "the share of new models that are mixture-of-experts, and context lengths": per creation year (UTC): models created, with_architecture = those whose config or GGUF names an architecture, moe_models = those hub.is_moe says are mixtures of experts, moe_share = moe_models / with_architecture, with_context_length, median_context_length (percentile_disc 0.5) and max_context_length of their GGUF files';

--------------------------------------------------------------------------
-- hub.report_papers: the most upvoted papers by organisation
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_papers_mv AS
WITH org AS (
    SELECT o.organisation, o.kind, o.country FROM hub.organisation_kinds o
), p AS (
    SELECT pa.id, coalesce(pa.upvotes, 0) AS upvotes,
           coalesce(k.organisation, pa.organisation) AS organisation, (k.organisation IS NOT NULL) AS grouped
    FROM hub.papers pa LEFT JOIN hub.author_kinds k ON k.author = pa.organisation
    WHERE pa.organisation IS NOT NULL
), per AS (
    SELECT p.organisation, p.grouped, pg_catalog.count(*) AS papers, pg_catalog.sum(p.upvotes) AS upvotes,
           (pg_catalog.array_agg(p.id ORDER BY p.upvotes DESC, p.id))[1] AS top_paper,
           pg_catalog.max(p.upvotes) AS top_paper_upvotes
    FROM p GROUP BY p.organisation, p.grouped
)
SELECT r.organisation, r.grouped,
       coalesce(o.kind, k.kind, 'unknown') AS kind, coalesce(o.country, k.country, 'unknown') AS country,
       r.papers, r.upvotes, r.top_paper, r.top_paper_upvotes,
       pg_catalog.rank() OVER (ORDER BY r.upvotes DESC) AS rank_by_upvotes
FROM per r
LEFT JOIN org o ON r.grouped AND o.organisation = r.organisation
LEFT JOIN hub.author_kinds k ON NOT r.grouped AND k.author = r.organisation;

CREATE UNIQUE INDEX report_papers_key ON hub.report_papers_mv (organisation, grouped);
COMMENT ON MATERIALIZED VIEW hub.report_papers_mv IS
    'Report figure "the most upvoted papers come from large organisations": the papers of hub.papers claimed by an organisation (organisation = its grouping of namespaces, hub.organisation_namespaces, or the namespace itself; grouped says which), with their kind and country (unknown when unlisted), papers, upvotes (at the latest import), the most upvoted paper and its upvotes, and the rank by upvotes (1 = the most)';

--------------------------------------------------------------------------
-- hub.report_model_size: download-weighted mean and median parameters
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_model_size_mv AS
WITH latest AS (
    SELECT pg_catalog.max(n.snapshot) AS s FROM hub.snapshots n WHERE n.kind = 'models'
), per AS (
    -- downloads during each calendar year the snapshots observe wholly: the
    -- months' sums and merged size distributions (hub.series_size)
    SELECT y.period_start, y.period_end, pg_catalog.sum(z.weight) AS downloads,
           pg_catalog.sum(z.weighted) / NULLIF(pg_catalog.sum(z.weight), 0) AS mean,
           @extschema:ecostats@.weighted_median(@extschema:ecostats@.distribution_merge(z.sizes)) AS median,
           true AS during
    FROM hub.series_size z
    JOIN hub.series_periods y ON y.grain = 'year' AND z.month >= y.period_start AND z.month < y.period_end
    GROUP BY y.period_start, y.period_end
    UNION ALL
    -- the 30 days before the latest snapshot
    SELECT l.s - 29, l.s + 1, pg_catalog.sum(m.downloads)::float8,
           (pg_catalog.sum(m.params::numeric * m.downloads) / NULLIF(pg_catalog.sum(m.downloads), 0))::float8,
           @extschema:ecostats@.weighted_median(m.params::float8, m.downloads::float8),
           false
    FROM hub.models m, latest l
    WHERE m.params IS NOT NULL AND m.downloads IS NOT NULL
    GROUP BY l.s
)
SELECT CASE WHEN p.during THEN pg_catalog.to_char(p.period_start, 'YYYY') ELSE 'last_30_days' END AS period,
       CASE WHEN p.during THEN pg_catalog.date_part('year', p.period_start)::int END AS year,
       p.period_start, p.period_end, p.downloads,
       p.mean AS weighted_mean_params, p.median AS weighted_median_params,
       CASE WHEN p.during THEN 'downloads during the year (hub.downloads_during''s rule), of models with a parameter count'
            ELSE 'downloads in the 30 days before the latest snapshot (hub.models.downloads), of models with a parameter count' END AS measure
FROM per p;

CREATE UNIQUE INDEX report_model_size_key ON hub.report_model_size_mv (period);
COMMENT ON MATERIALIZED VIEW hub.report_model_size_mv IS
    'Report figure "the mean downloaded model is large, the median one small": per calendar year of download (period ''2025'': downloads made during 2025, for every year the snapshots observe wholly) and over the 30 days before the latest snapshot (period ''last_30_days''), over models with a parameter count: downloads, weighted_mean_params = sum(params * downloads) / sum(downloads), weighted_median_params = the weighted median of params (the smallest params value whose cumulative downloads reach half of all downloads), measure = what the downloads are';

--------------------------------------------------------------------------
-- hub.report_size_buckets: the top 10 models of each size class
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_size_buckets_mv AS
WITH b(bucket, bucket_order, min_params, max_params) AS (
    VALUES ('<1B'::text, 1, NULL::bigint, 1000000000::bigint),
           ('1-9B'::text, 2, 1000000000::bigint, 10000000000::bigint),
           ('10-99B'::text, 3, 10000000000::bigint, 100000000000::bigint),
           ('>=100B'::text, 4, 100000000000::bigint, NULL::bigint)
), m AS (
    SELECT m.id, coalesce(m.downloads, 0) AS downloads,
           CASE WHEN m.params < 1000000000 THEN 1 WHEN m.params < 10000000000 THEN 2
                WHEN m.params < 100000000000 THEN 3 ELSE 4 END AS bucket_order
    FROM hub.models m
    WHERE m.params IS NOT NULL
), ranked AS (
    SELECT m.*, pg_catalog.row_number() OVER (PARTITION BY m.bucket_order ORDER BY m.downloads DESC, m.id) AS rn
    FROM m
), agg AS (
    SELECT r.bucket_order, pg_catalog.count(*) AS models,
           pg_catalog.count(*) FILTER (WHERE r.rn <= 10) AS top_models,
           pg_catalog.sum(r.downloads) FILTER (WHERE r.rn <= 10) AS top10_downloads,
           pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.downloads::float8) FILTER (WHERE r.rn <= 10) AS top10_median
    FROM ranked r
    GROUP BY r.bucket_order
), joined AS (
    SELECT b.bucket, b.bucket_order, b.min_params, b.max_params,
           coalesce(a.models, 0) AS models, coalesce(a.top_models, 0) AS top_models,
           a.top10_downloads, a.top10_median
    FROM b LEFT JOIN agg a ON a.bucket_order = b.bucket_order
)
SELECT j.bucket, j.bucket_order, j.min_params, j.max_params, j.models, j.top_models,
       j.top10_downloads, j.top10_median,
       j.top10_median / NULLIF(pg_catalog.lag(j.top10_median) OVER (ORDER BY j.bucket_order), 0) AS median_ratio_to_previous,
       j.top10_median / NULLIF(pg_catalog.first_value(j.top10_median) OVER (ORDER BY j.bucket_order), 0) AS median_ratio_to_smallest
FROM joined j;

CREATE UNIQUE INDEX report_size_buckets_key ON hub.report_size_buckets_mv (bucket);
COMMENT ON MATERIALIZED VIEW hub.report_size_buckets_mv IS
    'Report figure "downloads of the top 10 models by size": four buckets of params, min_params <= params < max_params: <1B (params < 1e9), 1-9B (1e9 <= params < 1e10), 10-99B (1e10 <= params < 1e11), >=100B (params >= 1e11); models without params are left out. The top 10 of a bucket are its 10 models with the most downloads (last 30 days, NULL = 0; ties by id; all of them when it has fewer, top_models says how many): top10_downloads = their sum, top10_median = percentile_cont(0.5) of their downloads (the mean of the 5th and 6th of 10). median_ratio_to_previous = top10_median / top10_median of the next smaller bucket, median_ratio_to_smallest = top10_median / top10_median of <1B (NULL when the divisor is NULL or 0)';

--------------------------------------------------------------------------
-- hub.report_dataset_categories: datasets per task category and year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_dataset_categories_mv AS
WITH d AS (
    SELECT d.id, d.task_categories, pg_catalog.date_part('year', d.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.datasets d
), c AS (
    SELECT DISTINCT d.id, d.year, t.category
    FROM d CROSS JOIN LATERAL pg_catalog.unnest(d.task_categories) t(category)
    WHERE t.category IS NOT NULL AND t.category <> ''
), totals AS (
    SELECT CASE WHEN GROUPING(d.year) = 1 THEN 'all' ELSE coalesce(d.year::text, 'unknown') END AS period,
           pg_catalog.count(*) AS datasets
    FROM d GROUP BY GROUPING SETS ((d.year), ())
), grouped AS (
    SELECT CASE WHEN GROUPING(c.year) = 1 THEN 'all' ELSE coalesce(c.year::text, 'unknown') END AS period,
           CASE WHEN GROUPING(c.year) = 0 THEN c.year END AS year,
           c.category, pg_catalog.count(*) AS datasets
    FROM c
    GROUP BY c.category, GROUPING SETS ((c.year), ())
)
SELECT g.period, g.year, g.category, g.datasets,
       g.datasets::float8 / t.datasets::float8 AS share,
       pg_catalog.rank() OVER (PARTITION BY g.period ORDER BY g.datasets DESC) AS rank
FROM grouped g JOIN totals t ON t.period = g.period;

CREATE UNIQUE INDEX report_dataset_categories_key ON hub.report_dataset_categories_mv (period, category);
COMMENT ON MATERIALIZED VIEW hub.report_dataset_categories_mv IS
    'Report figure "datasets by task category": per creation year of the dataset (period ''all'' = every dataset) and task category (hub.datasets.task_categories; a dataset counts once in each category it lists): datasets, share = datasets / all datasets created in the period (with or without a category), rank = rank() by datasets descending within the period (equal counts share a rank and the next rank skips: 1, 1, 3)';

--------------------------------------------------------------------------
-- hub.report_most_liked: the most-liked models of each year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_most_liked_mv AS
WITH m AS (
    SELECT m.id, m.author, m.likes, m.downloads, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.models m
    WHERE m.likes IS NOT NULL
), by_year AS (
    -- the WHERE on the window's own output lets the executor stop each
    -- partition after 10 rows (a run condition), instead of numbering all
    SELECT * FROM (
        SELECT coalesce(m.year::text, 'unknown') AS period, m.year, m.id, m.author, m.likes, m.downloads,
               pg_catalog.row_number() OVER (PARTITION BY m.year ORDER BY m.likes DESC, m.id) AS rank
        FROM m) r
    WHERE r.rank <= 10
), overall AS (
    SELECT 'all'::text AS period, NULL::int AS year, t.id, t.author, t.likes, t.downloads,
           pg_catalog.row_number() OVER (ORDER BY t.likes DESC, t.id) AS rank
    FROM (SELECT m.* FROM m ORDER BY m.likes DESC, m.id LIMIT 10) t
)
SELECT r.period, r.year, r.rank, r.id, r.author, r.likes, r.downloads FROM by_year r
UNION ALL
SELECT o.period, o.year, o.rank, o.id, o.author, o.likes, o.downloads FROM overall o;

CREATE UNIQUE INDEX report_most_liked_key ON hub.report_most_liked_mv (period, rank);
COMMENT ON MATERIALIZED VIEW hub.report_most_liked_mv IS
    'Report figure "most-liked models": the 10 models with the most likes per creation year (period ''unknown'' for models without created_at, ''all'' over every model), rank 1 to 10 by likes descending, ties by id; models with NULL likes are left out';

--------------------------------------------------------------------------
-- hub.report_derivatives: models and downloads by relation to a base model
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_derivatives_mv AS
WITH rel AS (
    SELECT e.child AS id,
           pg_catalog.max(CASE e.relation WHEN 'merge' THEN 4 WHEN 'quantized' THEN 3
                                          WHEN 'adapter' THEN 2 WHEN 'finetune' THEN 1 ELSE 0 END) AS r
    FROM hub.model_edges e
    WHERE e.child <> e.parent
    GROUP BY e.child
), m AS (
    SELECT CASE rel.r WHEN 4 THEN 'merge' WHEN 3 THEN 'quantized' WHEN 2 THEN 'adapter'
                      WHEN 1 THEN 'finetune' WHEN 0 THEN 'unknown' ELSE 'none' END AS relation,
           coalesce(m.downloads, 0) AS downloads
    FROM hub.models m LEFT JOIN rel ON rel.id = m.id
), names(relation, relation_order) AS (
    VALUES ('finetune'::text, 1), ('adapter'::text, 2), ('quantized'::text, 3), ('merge'::text, 4),
           ('unknown'::text, 5), ('none'::text, 6)
), agg AS (
    SELECT n.relation, n.relation_order, pg_catalog.count(m.relation) AS models,
           coalesce(pg_catalog.sum(m.downloads), 0) AS downloads
    FROM names n LEFT JOIN m ON m.relation = n.relation
    GROUP BY n.relation, n.relation_order
)
SELECT a.relation, a.relation_order, a.models,
       a.models::float8 / NULLIF(pg_catalog.sum(a.models) OVER (), 0)::float8 AS model_share,
       a.downloads,
       (a.downloads / NULLIF(pg_catalog.sum(a.downloads) OVER (), 0))::float8 AS download_share
FROM agg a;

CREATE UNIQUE INDEX report_derivatives_key ON hub.report_derivatives_mv (relation);
COMMENT ON MATERIALIZED VIEW hub.report_derivatives_mv IS
    'Report figure "derivatives by relation": every model of hub.models in one row: relation = the relation of its edges in hub.model_edges as a child (self-loops ignored); with several parent edges, the most specific one: merge, then quantized, adapter, finetune, and unknown (NULL relation) only when no edge names one (the precedence lineage_build uses for duplicate edges); ''none'' = no parent edge (not a derivative). models, model_share = models / all models, downloads (last 30 days), download_share = downloads / all downloads';

--------------------------------------------------------------------------
-- hub.report_families: the largest derivative families
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_families_mv AS
WITH f AS (
    SELECT r.root, coalesce(m.downloads, 0) AS downloads
    FROM hub.models m
    CROSS JOIN LATERAL pg_catalog.unnest(@extschema:ecostats@.lineage_roots(m.lineage)) r(root)
    WHERE m.lineage IS NOT NULL AND r.root <> m.id
), agg AS (
    SELECT f.root, pg_catalog.count(*) AS descendants, pg_catalog.sum(f.downloads) AS descendant_downloads
    FROM f GROUP BY f.root
), j AS (
    SELECT a.root, rm.author, a.descendants, a.descendant_downloads, rm.downloads AS root_downloads,
           a.descendant_downloads + coalesce(rm.downloads, 0) AS family_downloads
    FROM agg a LEFT JOIN hub.models rm ON rm.id = a.root
)
SELECT j.root, j.author, j.descendants, j.descendant_downloads, j.root_downloads, j.family_downloads,
       pg_catalog.row_number() OVER (ORDER BY j.descendants DESC, j.root) AS rank_by_descendants,
       pg_catalog.row_number() OVER (ORDER BY j.family_downloads DESC, j.root) AS rank_by_downloads
FROM j;

CREATE UNIQUE INDEX report_families_key ON hub.report_families_mv (root);
COMMENT ON MATERIALIZED VIEW hub.report_families_mv IS
    'Report figure "the largest families": one row per lineage root with at least one descendant in hub.models (from the lineage column, built by lineage_build): descendants = models whose lineage has this root among lineage_roots (a merge child counts in every parent''s family), descendant_downloads = their downloads (last 30 days), root_downloads = the root''s own (NULL when it is not in hub.models), family_downloads = descendant_downloads + root_downloads; rank_by_descendants and rank_by_downloads (by family_downloads) are 1, 2, ... descending, ties by root id';

--------------------------------------------------------------------------
-- hub.report_derivative_kinds: who makes the derivatives
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_derivative_kinds_mv AS
WITH d AS (
    SELECT coalesce(k.kind, 'unknown') AS kind, coalesce(m.downloads, 0) AS downloads
    FROM hub.models m
    LEFT JOIN hub.author_kinds k ON k.author = m.author
    WHERE EXISTS (SELECT 1 FROM hub.model_edges e WHERE e.child = m.id AND e.parent <> e.child)
)
SELECT d.kind, pg_catalog.count(*) AS derivatives,
       pg_catalog.count(*)::float8 / pg_catalog.sum(pg_catalog.count(*)) OVER ()::float8 AS share,
       pg_catalog.sum(d.downloads) AS downloads,
       (pg_catalog.sum(d.downloads) / NULLIF(pg_catalog.sum(pg_catalog.sum(d.downloads)) OVER (), 0))::float8 AS download_share
FROM d
GROUP BY d.kind;

CREATE UNIQUE INDEX report_derivative_kinds_key ON hub.report_derivative_kinds_mv (kind);
COMMENT ON MATERIALIZED VIEW hub.report_derivative_kinds_mv IS
    'Report figure "who makes derivatives": derivatives (models of hub.models with at least one parent edge in hub.model_edges, self-loops ignored) per kind of their own namespace (hub.author_kind; unlisted = ''unknown''): derivatives, share = derivatives / all derivatives, downloads (last 30 days), download_share = downloads / all derivatives'' downloads';

--------------------------------------------------------------------------
-- hub.report: the headline figures in one tidy view
--------------------------------------------------------------------------

CREATE VIEW hub.report AS
WITH done AS (
    -- the last complete year: the year before that of the day after the
    -- latest snapshot (a dump of 2026-03-31 reports 2025, never part of 2026)
    SELECT (pg_catalog.date_part('year', pg_catalog.max(n.snapshot) + 1) - 1)::integer AS y
    FROM hub.snapshots n WHERE n.kind = 'models'
), seg_years AS (
    SELECT pg_catalog.min(s.year) AS first_year, pg_catalog.max(s.year) AS last_year
    FROM hub.report_segments_mv s, done WHERE s.year <= coalesce(done.y, s.year)
), size_years AS (
    SELECT pg_catalog.max(s.year) AS last_year FROM hub.report_model_size_mv s, done WHERE s.year <= coalesce(done.y, s.year)
), cat_years AS (
    SELECT pg_catalog.max(c.year) - 1 AS prev_year, pg_catalog.max(c.year) AS last_year
    FROM hub.report_dataset_categories_mv c, done WHERE c.year <= coalesce(done.y, c.year)
), model_years AS (
    SELECT pg_catalog.max(t.year) AS last_year FROM hub.report_topline_mv t, done
    WHERE t.kind = 'models' AND t.year <= coalesce(done.y, t.year)
), conc AS (
    SELECT * FROM hub.report_concentration_mv c WHERE c.measure = 'downloads'
), conc_all AS (
    SELECT * FROM hub.report_concentration_mv c WHERE c.measure = 'downloads_all_time'
), fam_n AS (
    SELECT * FROM hub.report_families_mv f WHERE f.rank_by_descendants = 1
), fam_d AS (
    SELECT * FROM hub.report_families_mv f WHERE f.rank_by_downloads = 1
), rows(ord, section, metric, value, unit, definition) AS (
    -- topline
    SELECT 1, 'topline', 'models',
           (SELECT t.created FROM hub.report_topline_mv t WHERE t.kind = 'models' AND t.period = 'all')::float8,
           'models', 'Models in hub.models'
    UNION ALL
    SELECT 2, 'topline', 'datasets',
           (SELECT t.created FROM hub.report_topline_mv t WHERE t.kind = 'datasets' AND t.period = 'all')::float8,
           'datasets', 'Datasets in hub.datasets'
    UNION ALL
    SELECT 3, 'topline', 'authors',
           (SELECT t.created FROM hub.report_topline_mv t WHERE t.kind = 'authors' AND t.period = 'all')::float8,
           'authors', 'Distinct namespaces with a model or a dataset'
    UNION ALL
    SELECT 4, 'topline', 'models_yoy_multiple_last_year',
           (SELECT t.yoy_multiple FROM hub.report_topline_mv t, model_years y WHERE t.kind = 'models' AND t.year = y.last_year),
           'multiple', pg_catalog.format('Models created in %s / models created in the year before (hub.report_topline)',
                                         coalesce((SELECT y.last_year FROM model_years y)::text, '(no data)'))
    UNION ALL
    -- concentration (30-day downloads, then all-time)
    SELECT 10, 'concentration', 'top_200_share', (SELECT c.top_200_share FROM conc c), 'share',
           'Share of 30-day downloads held by the 200 most downloaded models: top_k_share(downloads, 200)'
    UNION ALL
    SELECT 11, 'concentration', 'top_0_01pct_share', (SELECT c.top_0_01pct_share FROM conc c), 'share',
           'Share of 30-day downloads held by the top 0.01% of models: top_share(downloads, 0.0001)'
    UNION ALL
    SELECT 12, 'concentration', 'under_200_model_share', (SELECT c.under_200_model_share FROM conc c), 'share of models',
           'Share of models (not of downloads) with fewer than 200 downloads in 30 days'
    UNION ALL
    SELECT 13, 'concentration', 'gini', (SELECT c.gini FROM conc c), 'index',
           'Gini coefficient of 30-day downloads over models: gini(downloads)'
    UNION ALL
    SELECT 14, 'concentration', 'hhi', (SELECT c.hhi FROM conc c), 'index',
           'Herfindahl-Hirschman index of 30-day downloads: hhi(downloads)'
    UNION ALL
    SELECT 15, 'concentration', 'top_200_share_all_time', (SELECT c.top_200_share FROM conc_all c), 'share',
           'Share of all-time downloads held by the 200 most downloaded models: top_k_share(downloads_all_time, 200)'
    UNION ALL
    SELECT 16, 'concentration', 'gini_all_time', (SELECT c.gini FROM conc_all c), 'index',
           'Gini coefficient of all-time downloads: gini(downloads_all_time)'
    UNION ALL
    -- country: the China and United States shares under both attributions
    SELECT v.ord, 'country', v.metric,
           coalesce((SELECT c.share FROM hub.report_country_mv c
                     WHERE c.attribution = v.attribution AND c.period = 'last_30_days' AND c.country = v.country),
                    CASE WHEN (SELECT c.total FROM conc c) > 0 THEN 0 END),
           'share', v.definition
    FROM (VALUES
        (20, 'cn_share_developed_in', 'developed_in', 'CN',
         'Share of 30-day downloads of models whose own namespace is in China (hub.report_country, developed_in)'),
        (21, 'cn_share_developed_in_or_derived_from', 'developed_in_or_derived_from', 'CN',
         'Share of 30-day downloads credited to China through the lineage roots (lineage_root_shares: equal split among the parents at every merge; hub.report_country, developed_in_or_derived_from)'),
        (22, 'us_share_developed_in', 'developed_in', 'US',
         'Share of 30-day downloads of models whose own namespace is in the United States (hub.report_country, developed_in)'),
        (23, 'us_share_developed_in_or_derived_from', 'developed_in_or_derived_from', 'US',
         'Share of 30-day downloads credited to the United States through the lineage roots (hub.report_country, developed_in_or_derived_from)')
    ) v(ord, metric, attribution, country, definition)
    UNION ALL
    -- segments
    SELECT 30, 'segments', 'independent_share_first_year',
           (SELECT coalesce((SELECT s.share FROM hub.report_segments_mv s WHERE s.year = y.first_year AND s.kind = 'independent'),
                                       (SELECT 0::float8 FROM hub.report_segments_mv s WHERE s.year = y.first_year AND s.share IS NOT NULL LIMIT 1))
            FROM seg_years y),
           'share', pg_catalog.format('Share of the downloads made during %s (the first year the snapshots observe wholly) going to models of independent developers (hub.report_segments)',
                                      coalesce((SELECT y.first_year FROM seg_years y)::text, '(no data)'))
    UNION ALL
    SELECT 31, 'segments', 'independent_share_last_year',
           (SELECT coalesce((SELECT s.share FROM hub.report_segments_mv s WHERE s.year = y.last_year AND s.kind = 'independent'),
                                       (SELECT 0::float8 FROM hub.report_segments_mv s WHERE s.year = y.last_year AND s.share IS NOT NULL LIMIT 1))
            FROM seg_years y),
           'share', pg_catalog.format('Share of the downloads made during %s (the last complete year the snapshots observe) going to models of independent developers (hub.report_segments)',
                                      coalesce((SELECT y.last_year FROM seg_years y)::text, '(no data)'))
    UNION ALL
    -- model size
    SELECT 40, 'model size', 'weighted_mean_params',
           (SELECT s.weighted_mean_params FROM hub.report_model_size_mv s WHERE s.period = 'last_30_days'),
           'parameters', 'Mean parameter count of the models with params, weighted by their 30-day downloads: sum(params * downloads) / sum(downloads)'
    UNION ALL
    SELECT 41, 'model size', 'weighted_median_params',
           (SELECT s.weighted_median_params FROM hub.report_model_size_mv s WHERE s.period = 'last_30_days'),
           'parameters', 'Median parameter count of the models with params, weighted by their 30-day downloads: weighted_median(params, downloads)'
    UNION ALL
    SELECT 42, 'model size', 'weighted_mean_params_last_year',
           (SELECT s.weighted_mean_params FROM hub.report_model_size_mv s, size_years y WHERE s.year = y.last_year),
           'parameters', pg_catalog.format('Mean parameter count of the models downloaded during %s, weighted by those downloads (hub.report_model_size)', coalesce((SELECT y.last_year FROM size_years y)::text, '(no data)'))
    UNION ALL
    SELECT 43, 'model size', 'weighted_median_params_last_year',
           (SELECT s.weighted_median_params FROM hub.report_model_size_mv s, size_years y WHERE s.year = y.last_year),
           'parameters', pg_catalog.format('Median parameter count of the models downloaded during %s, weighted by those downloads (hub.report_model_size)', coalesce((SELECT y.last_year FROM size_years y)::text, '(no data)'))
    UNION ALL
    SELECT 44, 'size buckets', 'top10_median_ratio_small_to_largest',
           (SELECT s.top10_median / NULLIF(l.top10_median, 0)
            FROM hub.report_size_buckets_mv s, hub.report_size_buckets_mv l WHERE s.bucket = '<1B' AND l.bucket = '>=100B'),
           'multiple', 'Median 30-day downloads of the top 10 models under 1B params / the same of the top 10 of 100B params or more (hub.report_size_buckets)'
    UNION ALL
    -- datasets
    SELECT 50, 'datasets', 'robotics_datasets_previous_year',
           (SELECT coalesce((SELECT c.datasets FROM hub.report_dataset_categories_mv c WHERE c.year = y.prev_year AND c.category = 'robotics'), 0)::float8
            FROM cat_years y WHERE y.prev_year IS NOT NULL),
           'datasets', pg_catalog.format('Datasets created in %s (the year before the last year with a categorised dataset) with task category robotics',
                                         coalesce((SELECT y.prev_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    SELECT 51, 'datasets', 'robotics_datasets_last_year',
           (SELECT coalesce((SELECT c.datasets FROM hub.report_dataset_categories_mv c WHERE c.year = y.last_year AND c.category = 'robotics'), 0)::float8
            FROM cat_years y WHERE y.last_year IS NOT NULL),
           'datasets', pg_catalog.format('Datasets created in %s (the last year with a categorised dataset) with task category robotics',
                                         coalesce((SELECT y.last_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    SELECT 52, 'datasets', 'robotics_rank_previous_year',
           (SELECT c.rank FROM hub.report_dataset_categories_mv c, cat_years y WHERE c.year = y.prev_year AND c.category = 'robotics')::float8,
           'rank', pg_catalog.format('Rank of robotics among the task categories of datasets created in %s (1 = most datasets; NULL when none)',
                                     coalesce((SELECT y.prev_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    SELECT 53, 'datasets', 'robotics_rank_last_year',
           (SELECT c.rank FROM hub.report_dataset_categories_mv c, cat_years y WHERE c.year = y.last_year AND c.category = 'robotics')::float8,
           'rank', pg_catalog.format('Rank of robotics among the task categories of datasets created in %s (1 = most datasets; NULL when none)',
                                     coalesce((SELECT y.last_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    -- derivatives and families
    SELECT 60, 'derivatives', 'derivative_model_share',
           (SELECT pg_catalog.sum(d.model_share) FROM hub.report_derivatives_mv d WHERE d.relation <> 'none'),
           'share of models', 'Share of models with at least one base model (hub.report_derivatives, relation other than none)'
    UNION ALL
    SELECT 61, 'derivatives', 'derivative_download_share',
           (SELECT pg_catalog.sum(d.download_share) FROM hub.report_derivatives_mv d WHERE d.relation <> 'none'),
           'share', 'Share of 30-day downloads going to models with at least one base model'
    UNION ALL
    SELECT 62, 'families', 'largest_family_descendants',
           (SELECT f.descendants FROM fam_n f)::float8,
           'models', pg_catalog.format('Descendants of the largest family by descendants, root %s (hub.report_families)', coalesce((SELECT f.root FROM fam_n f)::text, '(no data)'))
    UNION ALL
    SELECT 63, 'families', 'largest_family_downloads',
           (SELECT f.family_downloads FROM fam_d f)::float8,
           'downloads', pg_catalog.format('30-day downloads of the largest family by downloads (root and descendants), root %s (hub.report_families)',
                                          coalesce((SELECT f.root FROM fam_d f)::text, '(no data)'))
)
SELECT r.section, r.metric, r.value::float8 AS value, r.unit, r.definition
FROM rows r
ORDER BY r.ord;

COMMENT ON VIEW hub.report IS
    'The headline figures of the report, one row each (section, metric, value float8, unit, definition), read from the hub.report_* materialized views: topline counts, download concentration (top-200 share, top-0.01% share, share of models under 200 downloads, Gini, HHI), China and US download shares (developed in / developed in or derived from), the independent developers'' share in the first and last year, weighted mean and median parameters, robotics datasets in the first and last year with their rank, the derivative shares and the largest families';

--------------------------------------------------------------------------
-- For charts and BI tools: the Lorenz curve as points, and when the
-- figures were computed
--------------------------------------------------------------------------

CREATE VIEW hub.report_lorenz AS
SELECT c.measure, (k.i - 1)::integer AS point, (k.i - 1)::float8 / 100 AS model_share, k.v AS download_share
FROM hub.report_concentration_mv c
CROSS JOIN LATERAL pg_catalog.unnest(c.lorenz) WITH ORDINALITY k(v, i);
COMMENT ON VIEW hub.report_lorenz IS
    'Report figure "downloads are extremely concentrated" as points to chart: the Lorenz curve of hub.report_concentration (lorenz(x, 100)) per measure, one row per point';
COMMENT ON COLUMN hub.report_lorenz.measure IS 'downloads (last 30 days) or downloads_all_time';
COMMENT ON COLUMN hub.report_lorenz.point IS 'The point, 0 to 100';
COMMENT ON COLUMN hub.report_lorenz.model_share IS 'The share of models, the least downloaded first: point / 100';
COMMENT ON COLUMN hub.report_lorenz.download_share IS 'The share of all downloads those models hold';

CREATE VIEW hub.report_refreshed AS
SELECT (SELECT pg_catalog.max(r.finished_at) FROM hub.refreshes r WHERE r.status = 'succeeded') AS computed_at,
       (SELECT pg_catalog.max(r.finished_at) FROM hub.refreshes r WHERE r.status IN ('succeeded', 'unchanged')) AS checked_at,
       (SELECT pg_catalog.max(n.snapshot) FROM hub.snapshots n WHERE n.kind = 'models') AS latest_snapshot;
COMMENT ON VIEW hub.report_refreshed IS
    'Report figures: when they were computed, in one row that any report relation can be joined with (CROSS JOIN hub.report_refreshed)';
COMMENT ON COLUMN hub.report_refreshed.computed_at IS 'When the last hub.refresh() that computed the figures finished (NULL: never)';
COMMENT ON COLUMN hub.report_refreshed.checked_at IS 'When the last hub.refresh() finished, also one that found nothing new (status unchanged)';
COMMENT ON COLUMN hub.report_refreshed.latest_snapshot IS 'The latest models snapshot imported';

--------------------------------------------------------------------------
-- The report relations as plain views: each materialized view X_mv is read
-- through the view X, which information_schema and the JDBC getTables
-- types TABLE and VIEW list (materialized views appear in neither, so many
-- BI tools would not offer them); hub.refresh() refreshes X_mv. For BI
-- tools' default SUM, a view's total rows (period 'all') are in a view of
-- their own (X_totals, or hub.report_most_liked_overall), as are the rows
-- of the 30 days before the latest snapshot (X_last_30_days), and every view by
-- year has the year's first day and the next year's as dates (period_start,
-- period_end), for tools that plot time series on a date axis.
--------------------------------------------------------------------------
DO $wrap$
DECLARE
    m record;
    -- the select list and filter of a view; the others are SELECT *
    shape constant pg_catalog.jsonb := pg_catalog.jsonb_build_object(
        'report_topline',
            'kind, period, year, pg_catalog.make_date(year, 1, 1) AS period_start, '
            'pg_catalog.make_date(year OPERATOR(pg_catalog.+) 1, 1, 1) AS period_end, created, cumulative, yoy_multiple '
            'FROM hub.report_topline_mv WHERE period OPERATOR(pg_catalog.<>) ''all''',
        'report_dataset_categories',
            'period, year, pg_catalog.make_date(year, 1, 1) AS period_start, '
            'pg_catalog.make_date(year OPERATOR(pg_catalog.+) 1, 1, 1) AS period_end, category, datasets, share, rank '
            'FROM hub.report_dataset_categories_mv WHERE period OPERATOR(pg_catalog.<>) ''all''',
        'report_most_liked',
            'period, year, pg_catalog.make_date(year, 1, 1) AS period_start, '
            'pg_catalog.make_date(year OPERATOR(pg_catalog.+) 1, 1, 1) AS period_end, rank, id, author, likes, downloads '
            'FROM hub.report_most_liked_mv WHERE period OPERATOR(pg_catalog.<>) ''all''',
        'report_org_releases',
            'author, kind, country, year, pg_catalog.make_date(year, 1, 1) AS period_start, '
            'pg_catalog.make_date(year OPERATOR(pg_catalog.+) 1, 1, 1) AS period_end, models, previous_year_models, yoy_multiple '
            'FROM hub.report_org_releases_mv',
        'report_organisations',
            'organisation, grouped, kind, country, year, pg_catalog.make_date(year, 1, 1) AS period_start, '
            'pg_catalog.make_date(year OPERATOR(pg_catalog.+) 1, 1, 1) AS period_end, namespaces, models, datasets, spaces, '
            'repositories, rank_by_repositories, previous_year_models, yoy_multiple, growth '
            'FROM hub.report_organisations_mv',
        'report_country',
            'attribution, period, year, period_start, period_end, country, downloads, share, measure '
            'FROM hub.report_country_mv WHERE period OPERATOR(pg_catalog.<>) ''last_30_days''',
        'report_segments',
            'period, year, period_start, period_end, kind, downloads, share, measure '
            'FROM hub.report_segments_mv WHERE period OPERATOR(pg_catalog.<>) ''last_30_days''',
        'report_model_size',
            'period, year, period_start, period_end, downloads, weighted_mean_params, weighted_median_params, measure '
            'FROM hub.report_model_size_mv WHERE period OPERATOR(pg_catalog.<>) ''last_30_days''',
        'report_architectures',
            'year, pg_catalog.make_date(year, 1, 1) AS period_start, '
            'pg_catalog.make_date(year OPERATOR(pg_catalog.+) 1, 1, 1) AS period_end, models, with_architecture, moe_models, '
            'moe_share, with_context_length, median_context_length, max_context_length '
            'FROM hub.report_architectures_mv');
BEGIN
    FOR m IN SELECT c.relname, pg_catalog.left(c.relname, -3) AS name, pg_catalog.obj_description(c.oid, 'pg_class') AS descr
             FROM pg_catalog.pg_class c
             WHERE c.relnamespace OPERATOR(pg_catalog.=) 'hub'::pg_catalog.regnamespace
               AND c.relkind OPERATOR(pg_catalog.=) 'm'
               AND c.relname OPERATOR(pg_catalog.~) '^report_.*_mv$'
             ORDER BY c.relname LOOP
        EXECUTE pg_catalog.format('CREATE VIEW hub.%I AS SELECT %s', m.name,
                                  coalesce(shape OPERATOR(pg_catalog.->>) m.name,
                                           pg_catalog.format('* FROM hub.%I', m.relname)));
        EXECUTE pg_catalog.format('COMMENT ON VIEW hub.%I IS %L', m.name, m.descr);
        EXECUTE pg_catalog.format('COMMENT ON MATERIALIZED VIEW hub.%I IS %L', m.relname,
                                  'The stored rows of hub.' OPERATOR(pg_catalog.||) m.name
                                  OPERATOR(pg_catalog.||) ' (read that view; hub.refresh() refreshes this one)');
    END LOOP;
END
$wrap$;

-- the totals, and the 30 days before the latest snapshot (a window that
-- overlaps the years), apart from the rows by year
CREATE VIEW hub.report_country_last_30_days AS
SELECT attribution, period_start, period_end, country, downloads, share, measure
FROM hub.report_country_mv WHERE period = 'last_30_days';
COMMENT ON VIEW hub.report_country_last_30_days IS
    'Report figure "share of downloads by country" over the 30 days before the latest snapshot (hub.models.downloads), apart from the rows by year of download of hub.report_country';
CREATE VIEW hub.report_segments_last_30_days AS
SELECT period_start, period_end, kind, downloads, share, measure
FROM hub.report_segments_mv WHERE period = 'last_30_days';
COMMENT ON VIEW hub.report_segments_last_30_days IS
    'Report figure "downloads by kind of developer" over the 30 days before the latest snapshot (hub.models.downloads), apart from the rows by year of download of hub.report_segments';
CREATE VIEW hub.report_model_size_last_30_days AS
SELECT period_start, period_end, downloads, weighted_mean_params, weighted_median_params, measure
FROM hub.report_model_size_mv WHERE period = 'last_30_days';
COMMENT ON VIEW hub.report_model_size_last_30_days IS
    'Report figure "the mean downloaded model is large, the median one small" over the 30 days before the latest snapshot (hub.models.downloads), apart from the rows by year of download of hub.report_model_size';
CREATE VIEW hub.report_topline_totals AS
SELECT kind, created AS total FROM hub.report_topline_mv WHERE period = 'all';
COMMENT ON VIEW hub.report_topline_totals IS
    'Report figure "models, datasets and authors": the totals of hub.report_topline, one row per kind (models, datasets, authors), apart from its rows by year so that a SUM over those does not count them twice';
CREATE VIEW hub.report_dataset_categories_totals AS
SELECT category, datasets, share, rank FROM hub.report_dataset_categories_mv WHERE period = 'all';
COMMENT ON VIEW hub.report_dataset_categories_totals IS
    'Report figure "datasets by task category" over every dataset (whatever its creation year), apart from the rows by year of hub.report_dataset_categories';
CREATE VIEW hub.report_most_liked_overall AS
SELECT rank, id, author, likes, downloads FROM hub.report_most_liked_mv WHERE period = 'all';
COMMENT ON VIEW hub.report_most_liked_overall IS
    'Report figure "most-liked models" over every model (whatever its creation year): the 10 with the most likes, apart from the rows by creation year of hub.report_most_liked';

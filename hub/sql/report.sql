--
-- The report views (schema hub): every figure on a small handwritten data
-- set, checked against values derived by hand (the derivation is written
-- next to each value) and, where useful, against an independent plain-SQL
-- formulation; built-in result types only; REFRESH ... CONCURRENTLY works.
--
-- Checks print the rows that DIFFER from the expected ones: "(0 rows)" is a
-- pass. pg_temp.near(a, b): equal within 1e-12 relative, or both NULL.
CREATE FUNCTION pg_temp.near(a float8, b float8) RETURNS bool LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN a IS NULL AND b IS NULL
                   ELSE abs(a - b) <= 1e-12 * greatest(1, abs(b)) END $$;

-- created empty by CREATE EXTENSION, and readable at once
SELECT count(*) AS report_rows, count(value) AS with_value FROM hub.report;
SELECT kind, period, created, cumulative FROM hub.report_topline ORDER BY kind;
SELECT kind, total FROM hub.report_topline_totals ORDER BY kind;
-- the totals apart: each view by year joined with its totals view gives the
-- rows of its materialized view (the expectations below are over both)
CREATE TEMP VIEW topline_all AS
SELECT kind, period, year, created, cumulative, yoy_multiple FROM hub.report_topline
UNION ALL SELECT kind, 'all', NULL, total, total, NULL FROM hub.report_topline_totals;
CREATE TEMP VIEW dataset_categories_all AS
SELECT period, year, category, datasets, share, rank FROM hub.report_dataset_categories
UNION ALL SELECT 'all', NULL, category, datasets, share, rank FROM hub.report_dataset_categories_totals;
CREATE TEMP VIEW country_all AS
SELECT attribution, period, year, period_start, period_end, country, downloads, share, measure FROM hub.report_country
UNION ALL SELECT attribution, 'last_30_days', NULL::int, period_start, period_end, country, downloads, share, measure
FROM hub.report_country_last_30_days;
CREATE TEMP VIEW segments_all AS
SELECT period, year, period_start, period_end, kind, downloads, share, measure FROM hub.report_segments
UNION ALL SELECT 'last_30_days', NULL::int, period_start, period_end, kind, downloads, share, measure
FROM hub.report_segments_last_30_days;
CREATE TEMP VIEW model_size_all AS
SELECT period, year, period_start, period_end, downloads, weighted_mean_params, weighted_median_params, measure FROM hub.report_model_size
UNION ALL SELECT 'last_30_days', NULL::int, period_start, period_end, downloads, weighted_mean_params, weighted_median_params, measure
FROM hub.report_model_size_last_30_days;
CREATE TEMP VIEW most_liked_all AS
SELECT period, year, rank, id, author, likes, downloads FROM hub.report_most_liked
UNION ALL SELECT 'all', NULL, rank, id, author, likes, downloads FROM hub.report_most_liked_overall;

--------------------------------------------------------------------------
-- The data set: 27 models of 7 namespaces, 11 datasets
--------------------------------------------------------------------------
-- Namespaces (user rows of hub.authors; none of them is in the seed):
--   acme industry US, dragon industry CN, uni academic DE, solo independent
--   (no country), ngo nonprofit FR; nobody, ext and newbie are unlisted
--   (kind unknown, country unknown).
INSERT INTO hub.authors (author, kind, country, source) VALUES
    ('acme', 'industry', 'US', 'test'), ('dragon', 'industry', 'CN', 'test'),
    ('uni', 'academic', 'DE', 'test'), ('solo', 'independent', NULL, 'test'),
    ('ngo', 'nonprofit', 'FR', 'test');

-- Years are UTC years: nobody/old is 2022 in UTC but 2023 in Tokyo, the time
-- zone of the session that refreshes the views below.
INSERT INTO hub.models (id, author, created_at, downloads, downloads_all_time, likes, params) VALUES
    -- 2022: four roots and a model without parameters
    ('acme/base-l',            'acme',   '2022-03-01 00:00Z', 5000, 20000, 50,  70000000000),
    ('dragon/base-d',          'dragon', '2022-06-01 00:00Z', 3000,  9000, 40,   7000000000),
    ('uni/bert-u',             'uni',    '2022-09-01 00:00Z', 1000,  4000, 30,    110000000),
    ('solo/tiny',              'solo',   '2022-11-01 00:00Z',  100,   300,  5,      1000000),
    ('nobody/old',             'nobody', '2022-12-31 23:30Z',    0,    50,  0,         NULL),
    -- 2023: finetunes, a chain (base-d -> instruct -> q4), a merge of two parents
    ('acme/base-l-chat',       'acme',   '2023-01-15 00:00Z', 2000,  5000, 60,  70000000000),
    ('dragon/base-d-instruct', 'dragon', '2023-02-01 00:00Z', 1500,  3000, 45,   7000000000),
    ('solo/base-d-q4',         'solo',   '2023-03-01 00:00Z',  800,  1600, 10,   7000000000),
    ('solo/merge-1',           'solo',   '2023-05-01 00:00Z',  400,   800, 20,  13000000000),
    ('ngo/bert-ft',            'ngo',    '2023-06-01 00:00Z',  150,   400,  3,    110000000),
    ('uni/bert-adapter',       'uni',    '2023-07-01 00:00Z',   50,   100,  2,      2000000),
    ('nobody/x1',              'nobody', '2023-08-01 00:00Z',   10,    20,  1,    350000000),
    -- 2024: a quantized merge, two big roots, derivatives, an unknown relation
    -- to a parent that is not in hub.models, two parents of different
    -- relations, and five small models
    ('solo/merge-1-q8',        'solo',   '2024-01-10 00:00Z',  600,   600,  8,  13000000000),
    ('dragon/base-d2',         'dragon', '2024-02-01 00:00Z', 4000,  4000, 70, 236000000000),
    ('acme/base-l2',           'acme',   '2024-03-01 00:00Z', 2500,  2500, 65, 405000000000),
    ('ngo/small',              'ngo',    '2024-04-01 00:00Z',  300,   300, 12,    500000000),
    ('solo/d2-lora',           'solo',   '2024-05-01 00:00Z',  200,   200,  4,         NULL),
    ('solo/d2-q',              'solo',   '2024-05-02 00:00Z',  199,   199,  4, 236000000000),
    ('uni/ext',                'uni',    '2024-06-01 00:00Z',   20,    20,  1,   1000000000),
    ('nobody/y',               'nobody', '2024-07-01 00:00Z',    5,     5,  0,         NULL),
    ('solo/mixed',             'solo',   '2024-08-01 00:00Z',   70,    70,  6,    999999999),
    ('nobody/s1',              'nobody', '2024-09-01 00:00Z',    1,     1,  0,    100000000),
    ('nobody/s2',              'nobody', '2024-09-02 00:00Z',    2,     2,  0,    100000000),
    ('nobody/s3',              'nobody', '2024-09-03 00:00Z',    3,     3,  0,    100000000),
    ('nobody/s4',              'nobody', '2024-09-04 00:00Z',    4,     4,  0,    100000000),
    ('nobody/s5',              'nobody', '2024-09-05 00:00Z',    6,     6,  0,    100000000),
    -- no creation date
    ('nobody/undated',         'nobody', NULL,                  30,    60,  2, 100000000000);

INSERT INTO hub.model_edges (child, parent, relation, source) VALUES
    ('acme/base-l-chat',       'acme/base-l',            'finetune',  'tags'),
    ('dragon/base-d-instruct', 'dragon/base-d',          'finetune',  'tags'),
    ('solo/base-d-q4',         'dragon/base-d-instruct', 'quantized', 'tags'),
    ('solo/merge-1',           'acme/base-l-chat',       'merge',     'tags'),
    ('solo/merge-1',           'dragon/base-d-instruct', 'merge',     'tags'),
    ('ngo/bert-ft',            'uni/bert-u',             'finetune',  'tags'),
    ('uni/bert-adapter',       'uni/bert-u',             'adapter',   'tags'),
    ('solo/merge-1-q8',        'solo/merge-1',           'quantized', 'tags'),
    ('solo/d2-lora',           'dragon/base-d2',         'adapter',   'tags'),
    ('solo/d2-q',              'dragon/base-d2',         'quantized', 'tags'),
    ('uni/ext',                'ext/foreign',            NULL,        'tags'),
    ('solo/mixed',             'acme/base-l2',           'finetune',  'tags'),
    ('solo/mixed',             'uni/bert-u',             'adapter',   'tags'),
    ('nobody/y',               'nobody/y',               'finetune',  'tags');   -- a self-loop: ignored everywhere

INSERT INTO hub.datasets (id, author, created_at, task_categories) VALUES
    ('uni/ds-a',    'uni',    '2022-02-01 00:00Z', '{text-classification}'),
    ('acme/ds-b',   'acme',   '2022-05-01 00:00Z', '{text-classification,robotics}'),
    ('solo/ds-c',   'solo',   '2022-07-01 00:00Z', '{translation}'),
    ('dragon/ds-d', 'dragon', '2023-01-01 00:00Z', '{robotics}'),
    ('ngo/ds-e',    'ngo',    '2023-03-01 00:00Z', '{text-generation}'),
    ('uni/ds-f',    'uni',    '2024-01-01 00:00Z', '{robotics,text-generation}'),
    ('solo/ds-g',   'solo',   '2024-02-01 00:00Z', '{robotics}'),
    ('acme/ds-h',   'acme',   '2024-03-01 00:00Z', '{text-generation}'),
    ('newbie/ds-i', 'newbie', '2024-04-01 00:00Z', '{robotics,robotics}'),   -- listed twice: counts once
    ('nobody/ds-j', 'nobody', '2024-05-01 00:00Z', NULL),                    -- no category
    ('uni/ds-k',    'uni',    NULL,                '{translation}');

-- the lineage column, as hub.refresh() fills it
UPDATE hub.models m SET lineage = b.lineage FROM lineage_build('hub.model_edges') b WHERE b.node = m.id;

SET TimeZone = 'Asia/Tokyo';
REFRESH MATERIALIZED VIEW hub.report_topline_mv;
REFRESH MATERIALIZED VIEW hub.report_concentration_mv;
REFRESH MATERIALIZED VIEW hub.report_country_mv;
REFRESH MATERIALIZED VIEW hub.report_segments_mv;
REFRESH MATERIALIZED VIEW hub.report_org_releases_mv;
REFRESH MATERIALIZED VIEW hub.report_model_size_mv;
REFRESH MATERIALIZED VIEW hub.report_size_buckets_mv;
REFRESH MATERIALIZED VIEW hub.report_dataset_categories_mv;
REFRESH MATERIALIZED VIEW hub.report_most_liked_mv;
REFRESH MATERIALIZED VIEW hub.report_derivatives_mv;
REFRESH MATERIALIZED VIEW hub.report_families_mv;
REFRESH MATERIALIZED VIEW hub.report_derivative_kinds_mv;

-- Sums used below (downloads, last 30 days):
--   all 27 models: 5000+3000+1000+100+0 + 2000+1500+800+400+150+50+10
--                  + 600+4000+2500+300+200+199+20+5+70+1+2+3+4+6 + 30 = 21950
--   by creation year: 2022: 9100, 2023: 4910, 2024: 7910, unknown: 30

--------------------------------------------------------------------------
-- hub.report_topline
--------------------------------------------------------------------------
SELECT v.*, w.* FROM pg_temp.topline_all v
FULL JOIN (VALUES
    -- models: 2022 five, 2023 seven, 2024 nine + s1..s5 = 14, nobody/undated unknown
    ('models',   '2022',    5::bigint,  5::bigint, NULL::float8),
    ('models',   '2023',    7,         12,         7 / 5.0),      -- 7 / 5 = 1.4
    ('models',   '2024',   14,         26,         14 / 7.0),     -- 2
    ('models',   'unknown', 1,       NULL,         NULL),
    ('models',   'all',    27,         27,         NULL),
    -- datasets: 2022 ds-a, b, c; 2023 ds-d, e; 2024 ds-f, g, h, i, j; ds-k unknown
    ('datasets', '2022',    3,          3,         NULL),
    ('datasets', '2023',    2,          5,         2 / 3.0),
    ('datasets', '2024',    5,         10,         5 / 2.0),
    ('datasets', 'unknown', 1,       NULL,         NULL),
    ('datasets', 'all',    11,         11,         NULL),
    -- authors by earliest model or dataset: acme, dragon, uni, solo, nobody
    -- (nobody/old is 2022 in UTC) in 2022, ngo in 2023, newbie (datasets only) in 2024
    ('authors',  '2022',    5,          5,         NULL),
    ('authors',  '2023',    1,          6,         1 / 5.0),
    ('authors',  '2024',    1,          7,         1 / 1.0),
    ('authors',  'all',     7,          7,         NULL)
) w(kind, period, created, cumulative, yoy) ON w.kind = v.kind AND w.period = v.period
WHERE (v.created, v.cumulative) IS DISTINCT FROM (w.created, w.cumulative)
   OR NOT pg_temp.near(v.yoy_multiple, w.yoy)
   OR v.year IS DISTINCT FROM CASE WHEN w.period ~ '^[0-9]+$' THEN w.period::int END;

--------------------------------------------------------------------------
-- hub.report_concentration
--------------------------------------------------------------------------
-- downloads sorted: 0 1 2 3 4 5 6 10 20 30 50 70 100 150 199 200 300 400 600
--   800 1000 1500 2000 2500 3000 4000 5000 (n = 27, sum 21950)
-- all-time sorted: 1 2 3 4 5 6 20 20 50 60 70 100 199 200 300 300 400 600 800
--   1600 2500 3000 4000 4000 5000 9000 20000 (n = 27, sum 52240)
SELECT v.measure, w.* FROM hub.report_concentration v
FULL JOIN (VALUES
    ('downloads', 27::bigint, 21950::numeric,
     1.0,                  -- top-200 of 27 models = all of them: share 1
     5000 / 21950.0,       -- top 0.01%: ceil(0.0001 * 27) = 1 model, 5000 / 21950
     15 / 27.0,            -- under 200: 0 1 2 3 4 5 6 10 20 30 50 70 100 150 199 = 15 of 27 models (200 itself is not under)
     218047 / 296325.0,    -- Gini = 2 Σ i·x(i) / (n Σx) - (n+1)/n = 2·525347 / (27·21950) - 28/27 = 218047/296325 = 0.73584
     64870992 / 21950.0^2),-- HHI = Σx² / (Σx)² = 64870992 / 21950² = 0.13464
    ('downloads_all_time', 27, 52240,
     1.0,                  -- all 27
     20000 / 52240.0,      -- the largest of ceil(0.0027) = 1
     13 / 27.0,            -- 1 2 3 4 5 6 20 20 50 60 70 100 199 = 13 of 27
     278519 / 352620.0,    -- 2·1288398 / (27·52240) - 28/27 = 278519/352620 = 0.78986
     557251492 / 52240.0^2)-- 557251492 / 52240²
) w(measure, models, total, top200, top001, under200, gini, hhi) ON w.measure = v.measure
WHERE (v.models, v.total) IS DISTINCT FROM (w.models, w.total)
   OR NOT pg_temp.near(v.top_200_share, w.top200) OR NOT pg_temp.near(v.top_0_01pct_share, w.top001)
   OR NOT pg_temp.near(v.under_200_model_share, w.under200)
   OR NOT pg_temp.near(v.gini, w.gini) OR NOT pg_temp.near(v.hhi, w.hhi);
-- Lorenz curve: 101 points; L(0) = 0, L(1) = 1; L(0.5): 0.5 · 27 = 13.5, so the
-- 13 smallest (0+1+2+3+4+5+6+10+20+30+50+70+100 = 301) plus half of the 14th
-- (150 / 2 = 75): 376 / 21950. All-time: (540 + 200/2) / 52240 = 640 / 52240.
SELECT measure, array_length(lorenz, 1) AS points, lorenz[1] AS l0, lorenz[101] AS l1,
       CASE measure WHEN 'downloads' THEN pg_temp.near(lorenz[51], 376 / 21950.0)
                    ELSE pg_temp.near(lorenz[51], 640 / 52240.0) END AS l_half_ok
FROM hub.report_concentration ORDER BY measure;
-- independent plain SQL: Gini from ranks, HHI, top-k, and every Lorenz point
-- through (i/n, S_i/S) interpolated linearly
WITH x AS (
    SELECT 'downloads' AS measure, downloads::float8 AS v FROM hub.models
    UNION ALL SELECT 'downloads_all_time', downloads_all_time::float8 FROM hub.models
), r AS (
    SELECT measure, v, row_number() OVER w AS i, sum(v) OVER w AS s_i,
           count(*) OVER (PARTITION BY measure) AS n, sum(v) OVER (PARTITION BY measure) AS s
    FROM x WINDOW w AS (PARTITION BY measure ORDER BY v ROWS UNBOUNDED PRECEDING)
), plain AS (
    SELECT measure, 2 * sum(i * v) / (max(n) * max(s)) - (max(n) + 1.0) / max(n) AS gini,
           sum(v * v) / max(s)^2 AS hhi,
           sum(v) FILTER (WHERE i > n - 200) / max(s) AS top200,
           avg((v < 200)::int) AS under200
    FROM r GROUP BY measure
), lorenz_plain AS (
    SELECT r0.measure, array_agg(
             (SELECT coalesce(max(s_i) FILTER (WHERE i <= floor(t.k * r0.n / 100.0)), 0)
                     + (t.k * r0.n / 100.0 - floor(t.k * r0.n / 100.0))
                       * coalesce(min(v) FILTER (WHERE i = floor(t.k * r0.n / 100.0) + 1), 0)
              FROM r WHERE r.measure = r0.measure) / r0.s ORDER BY t.k) AS lorenz
    FROM (SELECT DISTINCT measure, n, s FROM r) r0, generate_series(0, 100) t(k)
    GROUP BY r0.measure
)
SELECT v.measure FROM hub.report_concentration v JOIN plain p USING (measure) JOIN lorenz_plain l USING (measure)
WHERE NOT pg_temp.near(v.gini, p.gini) OR NOT pg_temp.near(v.hhi, p.hhi)
   OR NOT pg_temp.near(v.top_200_share, p.top200) OR NOT pg_temp.near(v.under_200_model_share, p.under200)
   OR EXISTS (SELECT 1 FROM generate_series(1, 101) k WHERE NOT pg_temp.near(v.lorenz[k], l.lorenz[k]))
   OR array_length(v.lorenz, 1) <> 101;

--------------------------------------------------------------------------
-- hub.report_country
--------------------------------------------------------------------------
-- This data set has no snapshots, so no year of download is observed: only
-- the 30 days before the (latest) listing, period 'last_30_days' (the years
-- of download are tested in series.sql).
-- developed in (own namespace):
--   US acme 5000+2000+2500 = 9500; CN dragon 3000+1500+4000 = 8500;
--   DE uni 1000+50+20 = 1070; FR ngo 150+300 = 450;
--   unknown: solo 100+800+400+600+200+199+70 = 2369 and nobody 0+10+5+16+30 = 61: 2430
-- developed in or derived from (lineage roots, merges split 1/2 - 1/2):
--   US: base-l 5000 + base-l-chat 2000 + merge-1 400/2 + merge-1-q8 600/2
--       + base-l2 2500 + mixed 70/2 = 10035
--   CN: base-d 3000 + instruct 1500 + q4 800 + merge-1 200 + merge-1-q8 300
--       + base-d2 4000 + d2-lora 200 + d2-q 199 = 10199
--   DE: bert-u 1000 + bert-ft 150 + bert-adapter 50 + mixed 35 = 1235
--   FR: ngo/small 300 (a root)
--   unknown: tiny 100 + old 0 + x1 10 + ext (root ext/foreign, namespace ext) 20
--       + y 5 + s1..s5 16 + undated 30 = 181
SELECT v.attribution, v.period, v.country, v.downloads, v.share, w.* FROM pg_temp.country_all v
FULL JOIN (VALUES
    ('developed_in', 'US',  9500.0),
    ('developed_in', 'CN',  8500.0),
    ('developed_in', 'DE',  1070.0),
    ('developed_in', 'FR',   450.0),
    ('developed_in', 'unknown', 2430.0),
    ('developed_in_or_derived_from', 'US', 10035.0),
    ('developed_in_or_derived_from', 'CN', 10199.0),
    ('developed_in_or_derived_from', 'DE',  1235.0),
    ('developed_in_or_derived_from', 'FR',   300.0),
    ('developed_in_or_derived_from', 'unknown', 181.0)
) w(attribution, country, downloads)
  ON w.attribution = v.attribution AND w.country = v.country
WHERE v.period IS DISTINCT FROM 'last_30_days' OR v.year IS NOT NULL OR v.period_start IS NOT NULL
   OR v.measure NOT LIKE 'downloads in the 30 days before the latest snapshot%'
   OR NOT pg_temp.near(v.downloads, w.downloads) OR NOT pg_temp.near(v.share, w.downloads / 21950);
-- the headline figures: CN 8500/21950 = 0.38724 developed in, 10199/21950 = 0.46465 in or derived from
SELECT attribution, round(share::numeric, 5) AS cn_share FROM pg_temp.country_all
WHERE period = 'last_30_days' AND country = 'CN' ORDER BY attribution;
-- every row against an independent formulation: root shares by a recursive
-- walk over hub.model_edges (1.0 split equally among the parents at each
-- step), countries through hub.author_country
WITH RECURSIVE e AS (
    SELECT child, parent, count(*) OVER (PARTITION BY child) AS np FROM hub.model_edges WHERE child <> parent
), walk(id, node, share) AS (
    SELECT id, id, 1::float8 FROM hub.models
    UNION ALL
    SELECT w.id, e.parent, w.share / e.np FROM walk w JOIN e ON e.child = w.node
), roots AS (
    SELECT id, node AS root, sum(share) AS share FROM walk w
    WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.child = w.node) GROUP BY id, node
), credit AS (
    SELECT 'developed_in' AS attribution, hub.author_country(m.author) AS country, m.downloads
    FROM hub.models m
    UNION ALL
    SELECT 'developed_in_or_derived_from',
           hub.author_country(coalesce(rm.author, split_part(r.root, '/', 1))), m.downloads * r.share
    FROM hub.models m JOIN roots r ON r.id = m.id LEFT JOIN hub.models rm ON rm.id = r.root
), per AS (
    SELECT attribution, 'last_30_days' AS period, coalesce(country, 'unknown') AS country, sum(downloads) AS downloads
    FROM credit GROUP BY 1, 3
), plain AS (
    SELECT *, downloads / sum(downloads) OVER (PARTITION BY attribution, period) AS share FROM per
)
SELECT * FROM pg_temp.country_all v FULL JOIN plain p USING (attribution, period, country)
WHERE NOT pg_temp.near(v.downloads, p.downloads) OR NOT pg_temp.near(v.share, p.share);
-- shares add up to 1 in every period and attribution
SELECT attribution, period FROM pg_temp.country_all GROUP BY 1, 2 HAVING NOT pg_temp.near(sum(share), 1);

--------------------------------------------------------------------------
-- hub.report_segments
--------------------------------------------------------------------------
-- the 30 days (21950): industry 18000, independent 2369, academic 1070,
--   nonprofit 450, unknown 61
SELECT v.period, v.kind, v.downloads, w.* FROM pg_temp.segments_all v
FULL JOIN (VALUES
    ('industry', 18000::float8), ('independent', 2369), ('academic', 1070), ('nonprofit', 450), ('unknown', 61)
) w(kind, downloads) ON w.kind = v.kind
WHERE v.period IS DISTINCT FROM 'last_30_days' OR v.year IS NOT NULL
   OR v.downloads IS DISTINCT FROM w.downloads OR NOT pg_temp.near(v.share, w.downloads / 21950);
-- independent share: 2369/21950 = 0.10793
SELECT period, round(share::numeric, 5) AS independent_share FROM pg_temp.segments_all
WHERE kind = 'independent' ORDER BY period;
-- the same kinds through hub.author_kind, per model
SELECT v.period, v.kind FROM pg_temp.segments_all v
FULL JOIN (SELECT 'last_30_days' AS period, hub.author_kind(author) AS kind, sum(downloads)::float8 AS downloads
           FROM hub.models GROUP BY 2) p
  ON p.period = v.period AND p.kind = v.kind
WHERE v.downloads IS DISTINCT FROM p.downloads;

--------------------------------------------------------------------------
-- hub.report_org_releases
--------------------------------------------------------------------------
-- per namespace and year (nobody/undated has no year and is left out):
--   acme, dragon, uni: 1 a year 2022-2024 (multiples 1, 1); ngo: 1 in 2023 and 2024;
--   solo: 1, 2 (q4, merge-1), 4 (merge-1-q8, d2-lora, d2-q, mixed): multiples 2, 2;
--   nobody: 1 (old, 2022 in UTC), 1 (x1), 6 (y, s1..s5): multiples 1, 6
SELECT v.*, w.* FROM hub.report_org_releases v
FULL JOIN (VALUES
    ('acme', 'industry', 'US', 2022, 1::bigint, NULL::bigint, NULL::float8), ('acme', 'industry', 'US', 2023, 1, 1, 1),
    ('acme', 'industry', 'US', 2024, 1, 1, 1),
    ('dragon', 'industry', 'CN', 2022, 1, NULL, NULL), ('dragon', 'industry', 'CN', 2023, 1, 1, 1),
    ('dragon', 'industry', 'CN', 2024, 1, 1, 1),
    ('uni', 'academic', 'DE', 2022, 1, NULL, NULL), ('uni', 'academic', 'DE', 2023, 1, 1, 1),
    ('uni', 'academic', 'DE', 2024, 1, 1, 1),
    ('ngo', 'nonprofit', 'FR', 2023, 1, NULL, NULL), ('ngo', 'nonprofit', 'FR', 2024, 1, 1, 1),
    ('solo', 'independent', 'unknown', 2022, 1, NULL, NULL), ('solo', 'independent', 'unknown', 2023, 2, 1, 2),
    ('solo', 'independent', 'unknown', 2024, 4, 2, 2),
    ('nobody', 'unknown', 'unknown', 2022, 1, NULL, NULL), ('nobody', 'unknown', 'unknown', 2023, 1, 1, 1),
    ('nobody', 'unknown', 'unknown', 2024, 6, 1, 6)
) w(author, kind, country, year, models, previous, yoy) ON w.author = v.author AND w.year = v.year
WHERE (v.kind, v.country, v.models, v.previous_year_models) IS DISTINCT FROM (w.kind, w.country, w.models, w.previous)
   OR NOT pg_temp.near(v.yoy_multiple, w.yoy);

--------------------------------------------------------------------------
-- hub.report_model_size
--------------------------------------------------------------------------
-- models with params (old, d2-lora and y have none), their 30-day downloads:
-- Σw = 21745, mean = 2546935799999930 / 21745; cumulative 100 (1e6),
--   150 (2e6), 166 (100e6), 1316 (110e6), 1326, 1626, 1696, 1716 (1e9),
--   7016 (7e9), 8016 (13e9), 15016 (70e9) >= 10872.5: 70e9
SELECT v.*, w.* FROM pg_temp.model_size_all v
FULL JOIN (VALUES
    ('last_30_days', 21745::float8, 2546935799999930 / 21745.0, 70e9::float8)
) w(period, downloads, mean, median) ON w.period = v.period
WHERE v.downloads IS DISTINCT FROM w.downloads OR v.year IS NOT NULL
   OR NOT pg_temp.near(v.weighted_mean_params, w.mean) OR NOT pg_temp.near(v.weighted_median_params, w.median);
-- mean vs median: 117.1B vs 70B
SELECT round(weighted_mean_params::numeric / 1e9, 2) AS mean_b, weighted_median_params / 1e9 AS median_b
FROM pg_temp.model_size_all WHERE period = 'last_30_days';

--------------------------------------------------------------------------
-- hub.report_size_buckets
--------------------------------------------------------------------------
-- <1B (12 models: bert-u 1000, small 300, bert-ft 150, tiny 100, mixed 70
--   (999999999 < 1e9), bert-adapter 50, x1 10, s5 6, s4 4, s3 3, s2 2, s1 1):
--   top 10 leave out s2 and s1; sum 1000+300+150+100+70+50+10+6+4+3 = 1693;
--   median of 10 = (5th 70 + 6th 50) / 2 = 60
-- 1-9B (base-d 3000, instruct 1500, q4 800, ext 20 (exactly 1e9)): sum 5320,
--   median (1500 + 800) / 2 = 1150
-- 10-99B (base-l 5000, chat 2000, merge-1-q8 600, merge-1 400): sum 8000, median (2000 + 600) / 2 = 1300
-- >=100B (base-d2 4000, base-l2 2500, d2-q 199, undated 30 (exactly 1e11)):
--   sum 6729, median (2500 + 199) / 2 = 1349.5
-- ratios: to previous 1150/60, 1300/1150, 1349.5/1300; to smallest 1150/60, 1300/60, 1349.5/60
SELECT v.*, w.* FROM hub.report_size_buckets v
FULL JOIN (VALUES
    ('<1B', 12::bigint, 10::bigint, 1693::numeric, 60::float8, NULL::float8, 1::float8),
    ('1-9B', 4, 4, 5320, 1150, 1150 / 60.0, 1150 / 60.0),
    ('10-99B', 4, 4, 8000, 1300, 1300 / 1150.0, 1300 / 60.0),
    ('>=100B', 4, 4, 6729, 1349.5, 1349.5 / 1300, 1349.5 / 60)
) w(bucket, models, top_models, top10_downloads, median, ratio_prev, ratio_small) ON w.bucket = v.bucket
WHERE (v.models, v.top_models, v.top10_downloads) IS DISTINCT FROM (w.models, w.top_models, w.top10_downloads)
   OR NOT pg_temp.near(v.top10_median, w.median)
   OR NOT pg_temp.near(v.median_ratio_to_previous, w.ratio_prev)
   OR NOT pg_temp.near(v.median_ratio_to_smallest, w.ratio_small);
SELECT bucket, min_params, max_params, models, top10_downloads, top10_median FROM hub.report_size_buckets ORDER BY bucket_order;

--------------------------------------------------------------------------
-- hub.report_dataset_categories
--------------------------------------------------------------------------
-- 2022 (3 datasets): text-classification 2 (a, b) rank 1; robotics 1 (b) and
--   translation 1 (c) tie at rank 2
-- 2023 (2): robotics 1 (d), text-generation 1 (e): both rank 1
-- 2024 (5, ds-j without category): robotics 3 (f, g, i listed twice = once) rank 1,
--   text-generation 2 (f, h) rank 2
-- unknown (1): translation 1 (k) rank 1
-- all (11): robotics 5 rank 1, text-generation 3 rank 2, text-classification 2
--   and translation 2 (c, k) tie at rank 3
SELECT v.*, w.* FROM pg_temp.dataset_categories_all v
FULL JOIN (VALUES
    ('2022', 'text-classification', 2::bigint, 3, 1::bigint), ('2022', 'robotics', 1, 3, 2), ('2022', 'translation', 1, 3, 2),
    ('2023', 'robotics', 1, 2, 1), ('2023', 'text-generation', 1, 2, 1),
    ('2024', 'robotics', 3, 5, 1), ('2024', 'text-generation', 2, 5, 2),
    ('unknown', 'translation', 1, 1, 1),
    ('all', 'robotics', 5, 11, 1), ('all', 'text-generation', 3, 11, 2),
    ('all', 'text-classification', 2, 11, 3), ('all', 'translation', 2, 11, 3)
) w(period, category, datasets, period_total, rank) ON w.period = v.period AND w.category = v.category
WHERE (v.datasets, v.rank) IS DISTINCT FROM (w.datasets, w.rank)
   OR NOT pg_temp.near(v.share, w.datasets::float8 / w.period_total);

--------------------------------------------------------------------------
-- hub.report_most_liked
--------------------------------------------------------------------------
-- 2022: base-l 50, base-d 40, bert-u 30, tiny 5, old 0
-- 2023: chat 60, instruct 45, merge-1 20, q4 10, bert-ft 3, bert-adapter 2, x1 1
-- 2024 (14 models, top 10): base-d2 70, base-l2 65, small 12, merge-1-q8 8,
--   mixed 6, d2-lora 4 and d2-q 4 (tie: by id, d2-lora first), ext 1, then
--   six with 0 likes by id: nobody/s1, nobody/s2 (s3, s4, s5, y are cut)
-- unknown: undated 2
-- all: base-d2 70, base-l2 65, chat 60, base-l 50, instruct 45, base-d 40,
--   bert-u 30, merge-1 20, small 12, q4 10
SELECT v.period, v.rank, v.id, w.* FROM pg_temp.most_liked_all v
FULL JOIN (VALUES
    ('2022', 1::bigint, 'acme/base-l', 50::bigint), ('2022', 2, 'dragon/base-d', 40), ('2022', 3, 'uni/bert-u', 30),
    ('2022', 4, 'solo/tiny', 5), ('2022', 5, 'nobody/old', 0),
    ('2023', 1, 'acme/base-l-chat', 60), ('2023', 2, 'dragon/base-d-instruct', 45), ('2023', 3, 'solo/merge-1', 20),
    ('2023', 4, 'solo/base-d-q4', 10), ('2023', 5, 'ngo/bert-ft', 3), ('2023', 6, 'uni/bert-adapter', 2),
    ('2023', 7, 'nobody/x1', 1),
    ('2024', 1, 'dragon/base-d2', 70), ('2024', 2, 'acme/base-l2', 65), ('2024', 3, 'ngo/small', 12),
    ('2024', 4, 'solo/merge-1-q8', 8), ('2024', 5, 'solo/mixed', 6), ('2024', 6, 'solo/d2-lora', 4),
    ('2024', 7, 'solo/d2-q', 4), ('2024', 8, 'uni/ext', 1), ('2024', 9, 'nobody/s1', 0), ('2024', 10, 'nobody/s2', 0),
    ('unknown', 1, 'nobody/undated', 2),
    ('all', 1, 'dragon/base-d2', 70), ('all', 2, 'acme/base-l2', 65), ('all', 3, 'acme/base-l-chat', 60),
    ('all', 4, 'acme/base-l', 50), ('all', 5, 'dragon/base-d-instruct', 45), ('all', 6, 'dragon/base-d', 40),
    ('all', 7, 'uni/bert-u', 30), ('all', 8, 'solo/merge-1', 20), ('all', 9, 'ngo/small', 12),
    ('all', 10, 'solo/base-d-q4', 10)
) w(period, rank, id, likes) ON w.period = v.period AND w.rank = v.rank
WHERE (v.id, v.likes) IS DISTINCT FROM (w.id, w.likes);

--------------------------------------------------------------------------
-- No totals among the rows by year (a BI tool's SUM over them counts each
-- model once), and every view by year has the year as dates: period_start
-- = 1 January of year, period_end = 1 January of the next (NULL on the
-- rows without a year, 'unknown')
--------------------------------------------------------------------------
SELECT (SELECT count(*) FROM hub.report_topline WHERE period = 'all')
     + (SELECT count(*) FROM hub.report_dataset_categories WHERE period = 'all')
     + (SELECT count(*) FROM hub.report_most_liked WHERE period = 'all') AS total_rows_among_years,
       (SELECT count(*) FROM hub.report_country WHERE period = 'last_30_days' OR year IS NULL)
     + (SELECT count(*) FROM hub.report_segments WHERE period = 'last_30_days' OR year IS NULL)
     + (SELECT count(*) FROM hub.report_model_size WHERE period = 'last_30_days' OR year IS NULL) AS last_30_days_rows_among_years;
-- the sum over the rows of models by year (and unknown) is the total
SELECT (SELECT sum(created) FROM hub.report_topline WHERE kind = 'models') AS sum_of_years,
       (SELECT total FROM hub.report_topline_totals WHERE kind = 'models') AS total;
WITH y AS (
    SELECT 'topline' AS v, year, period_start, period_end FROM hub.report_topline
    UNION ALL SELECT 'dataset_categories', year, period_start, period_end FROM hub.report_dataset_categories
    UNION ALL SELECT 'most_liked', year, period_start, period_end FROM hub.report_most_liked
    UNION ALL SELECT 'org_releases', year, period_start, period_end FROM hub.report_org_releases
    UNION ALL SELECT 'organisations', year, period_start, period_end FROM hub.report_organisations
    UNION ALL SELECT 'architectures', year, period_start, period_end FROM hub.report_architectures
    UNION ALL SELECT 'country', year, period_start, period_end FROM hub.report_country
    UNION ALL SELECT 'segments', year, period_start, period_end FROM hub.report_segments
    UNION ALL SELECT 'model_size', year, period_start, period_end FROM hub.report_model_size
)
SELECT v, count(*) AS rows, count(period_start) AS dated FROM y
WHERE period_start IS DISTINCT FROM to_date(year::text || '-01-01', 'YYYY-MM-DD')
   OR period_end IS DISTINCT FROM to_date((year + 1)::text || '-01-01', 'YYYY-MM-DD')
GROUP BY v ORDER BY v;
SELECT count(*) AS dated_rows_by_year FROM hub.report_topline WHERE period_start IS NOT NULL;

--------------------------------------------------------------------------
-- hub.report_derivatives, hub.report_families, hub.report_derivative_kinds
--------------------------------------------------------------------------
-- relation of each model (most specific of its edges; the self-loop of
-- nobody/y does not count):
--   finetune: chat, instruct, bert-ft (2000+1500+150 = 3650)
--   adapter: bert-adapter, d2-lora, mixed (finetune + adapter -> adapter) (50+200+70 = 320)
--   quantized: q4, merge-1-q8, d2-q (800+600+199 = 1599)
--   merge: merge-1 (400); unknown: ext (20)
--   none: the other 16 models (21950 - 5989 = 15961)
SELECT v.*, w.* FROM hub.report_derivatives v
FULL JOIN (VALUES
    ('finetune', 3::bigint, 3650::numeric), ('adapter', 3, 320), ('quantized', 3, 1599),
    ('merge', 1, 400), ('unknown', 1, 20), ('none', 16, 15961)
) w(relation, models, downloads) ON w.relation = v.relation
WHERE (v.models, v.downloads) IS DISTINCT FROM (w.models, w.downloads)
   OR NOT pg_temp.near(v.model_share, w.models / 27.0) OR NOT pg_temp.near(v.download_share, w.downloads / 21950.0);
-- families (lineage_roots; a merge child is in both parents' families):
--   dragon/base-d: instruct, q4, merge-1, merge-1-q8 = 4; 1500+800+400+600 = 3300; + root 3000 = 6300
--   acme/base-l: chat, merge-1, merge-1-q8 = 3; 2000+400+600 = 3000; + 5000 = 8000
--   uni/bert-u: bert-ft, bert-adapter, mixed = 3; 150+50+70 = 270; + 1000 = 1270
--   dragon/base-d2: d2-lora, d2-q = 2; 399; + 4000 = 4399
--   acme/base-l2: mixed = 1; 70; + 2500 = 2570
--   ext/foreign (not in hub.models): ext = 1; 20; root NULL, family 20
-- by descendants: base-d 1; base-l and bert-u tie at 3, by id: 2, 3; base-d2 4;
--   base-l2 and ext/foreign tie at 1: 5, 6. By downloads: 8000, 6300, 4399, 2570, 1270, 20.
SELECT v.*, w.* FROM hub.report_families v
FULL JOIN (VALUES
    ('dragon/base-d', 'dragon', 4::bigint, 3300::numeric, 3000::bigint, 6300::numeric, 1::bigint, 2::bigint),
    ('acme/base-l', 'acme', 3, 3000, 5000, 8000, 2, 1),
    ('uni/bert-u', 'uni', 3, 270, 1000, 1270, 3, 5),
    ('dragon/base-d2', 'dragon', 2, 399, 4000, 4399, 4, 3),
    ('acme/base-l2', 'acme', 1, 70, 2500, 2570, 5, 4),
    ('ext/foreign', NULL, 1, 20, NULL, 20, 6, 6)
) w(root, author, descendants, descendant_downloads, root_downloads, family_downloads, by_n, by_dl) ON w.root = v.root
WHERE (v.author, v.descendants, v.descendant_downloads, v.root_downloads, v.family_downloads, v.rank_by_descendants, v.rank_by_downloads)
      IS DISTINCT FROM (w.author, w.descendants, w.descendant_downloads, w.root_downloads, w.family_downloads, w.by_n, w.by_dl);
-- the same families through the GIN-indexable operator: lineage <@ root
SELECT f.root, f.descendants, (SELECT count(*) FROM hub.models m WHERE m.lineage <@ f.root) AS by_operator
FROM hub.report_families f
WHERE f.descendants <> (SELECT count(*) FROM hub.models m WHERE m.lineage <@ f.root);
-- derivatives by kind: industry chat, instruct (3500); independent q4, merge-1,
--   merge-1-q8, d2-lora, d2-q, mixed (800+400+600+200+199+70 = 2269);
--   academic bert-adapter, ext (70); nonprofit bert-ft (150): 11 derivatives, 5989 downloads
SELECT v.*, w.* FROM hub.report_derivative_kinds v
FULL JOIN (VALUES
    ('industry', 2::bigint, 3500::numeric), ('independent', 6, 2269), ('academic', 2, 70), ('nonprofit', 1, 150)
) w(kind, derivatives, downloads) ON w.kind = v.kind
WHERE (v.derivatives, v.downloads) IS DISTINCT FROM (w.derivatives, w.downloads)
   OR NOT pg_temp.near(v.share, w.derivatives / 11.0) OR NOT pg_temp.near(v.download_share, w.downloads / 5989.0);

--------------------------------------------------------------------------
-- hub.report: the headline figures
--------------------------------------------------------------------------
SELECT v.section, v.metric, v.value, w.* FROM hub.report v
FULL JOIN (VALUES
    ('models', 27::float8), ('datasets', 11), ('authors', 7),
    ('models_yoy_multiple_last_year', 2),                -- 2024: 14 / 7
    ('top_200_share', 1), ('top_0_01pct_share', 5000 / 21950.0), ('under_200_model_share', 15 / 27.0),
    ('gini', 218047 / 296325.0), ('hhi', 64870992 / 21950.0^2),
    ('top_200_share_all_time', 1), ('gini_all_time', 278519 / 352620.0),
    ('cn_share_developed_in', 8500 / 21950.0), ('cn_share_developed_in_or_derived_from', 10199 / 21950.0),
    ('us_share_developed_in', 9500 / 21950.0), ('us_share_developed_in_or_derived_from', 10035 / 21950.0),
    -- no year of download is observed without snapshots (series.sql has them)
    ('independent_share_first_year', NULL), ('independent_share_last_year', NULL),
    ('weighted_mean_params', 2546935799999930 / 21745.0), ('weighted_median_params', 70e9),
    ('weighted_mean_params_last_year', NULL), ('weighted_median_params_last_year', NULL),
    ('top10_median_ratio_small_to_largest', 60 / 1349.5),
    ('robotics_datasets_previous_year', 1), ('robotics_datasets_last_year', 3),   -- 2023 (d), 2024 (f, g, i)
    ('robotics_rank_previous_year', 1), ('robotics_rank_last_year', 1),        -- 2023: d ties e at rank 1
    ('derivative_model_share', 11 / 27.0), ('derivative_download_share', 5989 / 21950.0),
    ('largest_family_descendants', 4),                   -- dragon/base-d
    ('largest_family_downloads', 8000)                   -- acme/base-l
) w(metric, value) ON w.metric = v.metric
WHERE NOT pg_temp.near(v.value, w.value);
SELECT section, metric, round(value::numeric, 4) AS value, unit FROM hub.report;
SELECT metric, definition FROM hub.report
WHERE metric IN ('independent_share_first_year', 'robotics_rank_last_year', 'largest_family_descendants', 'largest_family_downloads');

--------------------------------------------------------------------------
-- hub.report_lorenz: the curve as points, the same as the arrays
--------------------------------------------------------------------------
SELECT measure, count(*) AS points, min(point), max(point), min(model_share), max(model_share) FROM hub.report_lorenz GROUP BY measure ORDER BY measure;
SELECT l.measure, l.point FROM hub.report_lorenz l JOIN hub.report_concentration c USING (measure)
WHERE NOT pg_temp.near(l.download_share, c.lorenz[l.point + 1]) OR NOT pg_temp.near(l.model_share, l.point / 100.0);

--------------------------------------------------------------------------
-- Result columns: built-in types only (text, boolean, bigint, int, float8,
-- numeric, date, timestamptz and arrays of those)
--------------------------------------------------------------------------
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = 'hub'::regnamespace AND c.relname LIKE 'report%' AND c.relkind IN ('v', 'm')
  AND a.attnum > 0 AND NOT a.attisdropped
  AND (NOT (a.atttypid < 16384 OR a.atttypid IN (SELECT oid FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace))
       OR format_type(a.atttypid, NULL) NOT IN ('text', 'boolean', 'bigint', 'integer', 'double precision', 'numeric', 'date',
                                                'timestamp with time zone', 'text[]', 'bigint[]', 'integer[]',
                                                'double precision[]', 'numeric[]', 'date[]', 'timestamp with time zone[]'));
SELECT c.relname, c.relkind, string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) AS columns
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = 'hub'::regnamespace AND c.relname LIKE 'report%' AND c.relkind IN ('v', 'm')
  AND a.attnum > 0 AND NOT a.attisdropped
GROUP BY c.relname, c.relkind ORDER BY c.relname;
-- every report view is documented and says which figure it is; every
-- materialized view names the view it is read through
SELECT c.relname FROM pg_class c
WHERE c.relnamespace = 'hub'::regnamespace AND c.relname LIKE 'report%' AND c.relkind = 'v'
  AND coalesce(obj_description(c.oid, 'pg_class'), '') !~ '(Report figure|headline figures)';
SELECT c.relname FROM pg_class c
WHERE c.relnamespace = 'hub'::regnamespace AND c.relname LIKE 'report%' AND c.relkind = 'm'
  AND (coalesce(obj_description(c.oid, 'pg_class'), '') <> 'The stored rows of hub.' || left(c.relname, -3)
                                                           || ' (read that view; hub.refresh() refreshes this one)'
       OR to_regclass('hub.' || left(c.relname, -3)) IS NULL);

--------------------------------------------------------------------------
-- What BI tools list: every report relation (each materialized view is read
-- through a plain view of the name without _mv) is in
-- information_schema.tables and in what pgjdbc's getTables returns for the
-- types TABLE and VIEW (its clauses of those types, as in pgjdbc 42.6:
-- TABLE is relkind r outside pg_* and information_schema, VIEW relkind v
-- outside pg_catalog and information_schema; m is the type MATERIALIZED
-- VIEW, which those types leave out), with its remarks (the comment)
--------------------------------------------------------------------------
CREATE TEMP TABLE report_relations AS
SELECT DISTINCT regexp_replace(c.relname, '_mv$', '') AS name FROM pg_class c
WHERE c.relnamespace = 'hub'::regnamespace AND c.relname LIKE 'report%' AND c.relkind IN ('r', 'v', 'm');
SELECT count(*) AS report_relations,
       count(*) FILTER (WHERE name IN (SELECT t.table_name FROM information_schema.tables t
                                       WHERE t.table_schema = 'hub' AND t.table_type IN ('BASE TABLE', 'VIEW'))) AS in_information_schema,
       count(*) FILTER (WHERE name IN (SELECT c.relname FROM pg_catalog.pg_namespace n
                                       JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
                                       LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0
                                                                            AND d.classoid = 'pg_class'::regclass
                                       WHERE n.nspname LIKE 'hub' AND c.relname LIKE '%'
                                         AND ((c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema')
                                              OR (c.relkind = 'v' AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'))
                                         AND d.description IS NOT NULL)) AS in_jdbc_tables_and_views
FROM report_relations;
-- and the columns information_schema shows for them are the columns
SELECT r.name, count(*) AS columns FROM report_relations r
JOIN information_schema.columns k ON k.table_schema = 'hub' AND k.table_name = r.name
GROUP BY r.name HAVING count(*) <> (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = ('hub.' || r.name)::regclass
                                                                          AND a.attnum > 0 AND NOT a.attisdropped);
DROP TABLE report_relations;

--------------------------------------------------------------------------
-- REFRESH MATERIALIZED VIEW CONCURRENTLY on every materialized view of the
-- report: each has a unique index on plain columns; a change shows up
--------------------------------------------------------------------------
SELECT c.relname, i.indexrelid::regclass AS unique_index
FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid AND i.indisunique
WHERE c.relnamespace = 'hub'::regnamespace AND c.relkind = 'm'
  AND i.indexprs IS NULL AND i.indpred IS NULL
ORDER BY 1;
SELECT c.relname AS matview_without_unique_index FROM pg_class c
WHERE c.relnamespace = 'hub'::regnamespace AND c.relkind = 'm'
  AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indexprs IS NULL AND i.indpred IS NULL);
UPDATE hub.models SET downloads = 6000 WHERE id = 'acme/base-l';   -- +1000: total 22950, US 10500
DO $$
DECLARE v regclass;
BEGIN
    FOR v IN SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'hub'::regnamespace AND c.relkind = 'm' ORDER BY c.relname LOOP
        EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', v);
    END LOOP;
END $$;
SELECT total, pg_temp.near(top_0_01pct_share, 6000 / 22950.0) AS top_ok FROM hub.report_concentration WHERE measure = 'downloads';
SELECT pg_temp.near(share, 10500 / 22950.0) AS us_ok FROM pg_temp.country_all
WHERE attribution = 'developed_in' AND period = 'last_30_days' AND country = 'US';
SELECT metric, value FROM hub.report WHERE metric IN ('models', 'largest_family_downloads');   -- 27, 9000

-- and again on empty tables
RESET TimeZone;
DELETE FROM hub.model_edges;
DELETE FROM hub.models;
DELETE FROM hub.datasets;
DELETE FROM hub.authors WHERE origin = 'user';
DO $$
DECLARE v regclass;
BEGIN
    FOR v IN SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'hub'::regnamespace AND c.relkind = 'm' ORDER BY c.relname LOOP
        EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', v);
    END LOOP;
END $$;
SELECT count(*) AS report_rows, count(value) AS with_value FROM hub.report;
SELECT relation, models, model_share FROM hub.report_derivatives ORDER BY relation_order;
SELECT metric, definition FROM hub.report WHERE metric IN ('independent_share_first_year', 'largest_family_descendants');

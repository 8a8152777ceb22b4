--
-- hub.report_series over a year of monthly snapshots, derived by hand, and
-- the incremental refresh against a full one.
--
-- Thirteen snapshots: 2023-12-31, then the last day of each month of 2024,
-- so each month of 2024 is owned by one snapshot (December 2023 only in
-- part: it is left out). Three models, with all-time counts, so each month
-- is exact:
--   cn/a   (author cn: industry, CN)  downloads in month k of 2024: 10k, 7e9 parameters
--   us/b   (author us: industry, US)  100 a month, 1e8 parameters
--   solo/c (author solo: independent, no country), a finetune of cn/a: 50 a month, 7e9 parameters
-- All-time at the end of month k: cn/a 1000 + 5k(k+1), us/b 1000 + 100k, solo/c 50k.
--
INSERT INTO hub.authors (author, kind, country) VALUES ('cn', 'industry', 'CN'), ('us', 'industry', 'US'),
                                                       ('solo', 'independent', NULL);
CREATE FUNCTION pg_temp.snap(day date, records text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE i bigint;
BEGIN
    i := hub.import_begin('models', 'series test', 'stop', day);
    PERFORM hub.import_chunk(i, records);
    RETURN hub.import_end(i);
END $$;
CREATE FUNCTION pg_temp.month_end(k int) RETURNS date LANGUAGE sql AS
$$ SELECT (date '2024-01-01' + k * interval '1 month' - interval '1 day')::date $$;
CREATE FUNCTION pg_temp.records(k int) RETURNS text LANGUAGE sql AS $$
SELECT json_build_object('id', 'cn/a', 'createdAt', '2023-06-01T00:00:00.000Z', 'downloads', 10 * k,
                         'downloadsAllTime', 1000 + 5 * k * (k + 1), 'likes', 100 + k, 'safetensors', json_build_object('total', 7000000000))::text
       || E'\n' ||
       json_build_object('id', 'us/b', 'createdAt', '2023-06-01T00:00:00.000Z', 'downloads', 100,
                         'downloadsAllTime', 1000 + 100 * k, 'likes', 150, 'safetensors', json_build_object('total', 100000000))::text
       || E'\n' ||
       json_build_object('id', 'solo/c', 'createdAt', '2023-12-01T00:00:00.000Z', 'downloads', 50,
                         'downloadsAllTime', 50 * k, 'likes', 5, 'tags', json_build_array('base_model:finetune:cn/a'),
                         'safetensors', json_build_object('total', 7000000000))::text
$$;
SELECT sum(pg_temp.snap(pg_temp.month_end(k), pg_temp.records(k))) AS records FROM generate_series(0, 12) k;
-- (hub.refresh() runs these two steps, and then the materialized views)
SELECT hub.refresh_lineage() AS lineage_changed;
SELECT hub.refresh_series() > 0 AS folded;
SELECT count(*) AS folds FROM hub.series_folds;

-- 2024 (every month observed): downloads 780 (cn/a: 10 + ... + 120), 1200
-- (us/b), 600 (solo/c); of 2580.
--   developed in:              CN 780/2580, US 1200/2580, unknown 600/2580
--   developed in or derived:   CN 1380/2580 (solo/c's root is cn/a), US 1200/2580
--   kind:                      industry 1980/2580, independent 600/2580
SELECT figure, series, period_start, period_end, round(value::numeric, 5) AS value, unit, measure
FROM hub.report_series
WHERE figure IN ('downloads_share_by_country', 'downloads_share_by_country_or_base', 'downloads_share_by_kind')
  AND period_end - period_start > 31
ORDER BY figure, series;
-- months: only those of 2024 (December 2023 is observed from the 2nd on)
SELECT min(period_start), max(period_start), count(DISTINCT period_start) AS months
FROM hub.report_series WHERE figure = 'downloads_share_by_country' AND period_end - period_start <= 31;
-- March: cn/a 30, us/b 100, solo/c 50 of 180
SELECT series, round(value::numeric, 5) AS value FROM hub.report_series
WHERE figure = 'downloads_share_by_country' AND period_start = '2024-03-01' AND period_end = '2024-04-01' ORDER BY series;
-- China passes the US: developed in, in November (110 > 100; 110/260);
-- developed in or derived from, in June (60 + 50 > 100; 110/210)
SELECT figure, series, period_start, round(value::numeric, 5) AS value FROM hub.report_series
WHERE figure LIKE 'first_month%' ORDER BY figure;
-- ranks in 2024
SELECT figure, series, value AS rank FROM hub.report_series WHERE figure LIKE '%rank' ORDER BY figure, value;
-- size, weighted by 2024's downloads: mean (780 * 7e9 + 1200 * 1e8 + 600 * 7e9) / 2580
-- = 3790697674.4; median 7e9 (1200 of 2580 below it)
SELECT figure, period_start, round(value::numeric, 1) AS value FROM hub.report_series WHERE figure LIKE 'size%' ORDER BY figure;
-- the report views by year of download read the same rollups (2024 is the
-- only complete year) and have the 30 days before the latest snapshot
-- (December: cn/a 120, us/b 100, solo/c 50 of 270)
REFRESH MATERIALIZED VIEW hub.report_country_mv;
REFRESH MATERIALIZED VIEW hub.report_segments_mv;
REFRESH MATERIALIZED VIEW hub.report_model_size_mv;
-- (the rows by year and those of the 30 days, in their two views)
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
SELECT attribution, period, year, period_start, period_end, country, downloads, round(share::numeric, 5) AS share, measure
FROM pg_temp.country_all ORDER BY attribution, period, country;
SELECT period, year, period_start, period_end, kind, downloads, round(share::numeric, 5) AS share, measure
FROM pg_temp.segments_all ORDER BY period, kind;
-- 2024 as above; the 30 days: mean (120 * 7e9 + 100 * 1e8 + 50 * 7e9) / 270
-- = 4444444444.4, median 7e9 (100 of 270 below it)
SELECT period, year, period_start, period_end, downloads, round(weighted_mean_params::numeric, 1) AS mean,
       weighted_median_params AS median, measure
FROM pg_temp.model_size_all ORDER BY period;
-- the year's rows equal hub.report_series's
SELECT c.attribution, c.country FROM pg_temp.country_all c
LEFT JOIN hub.report_series s ON s.figure = CASE c.attribution WHEN 'developed_in' THEN 'downloads_share_by_country'
                                                               ELSE 'downloads_share_by_country_or_base' END
                             AND s.series = c.country AND s.period_start = c.period_start AND s.period_end = c.period_end
WHERE c.year IS NOT NULL AND s.value IS DISTINCT FROM c.share;
-- and the view hub.report takes its years from them: independents 600/2580
-- in 2024, the first and last complete year; size of 2024 as above
SELECT metric, round(value::numeric, 5) AS value, definition FROM hub.report
WHERE section IN ('segments', 'model size') ORDER BY metric;
-- per snapshot: stock 3 and 3 authors at every one; a year-on-year
-- multiple of 1 at 2024-12-31 against 2023-12-31; most liked at the last
SELECT figure, count(*) AS snapshots, min(value), max(value) FROM hub.report_series
WHERE figure IN ('models', 'authors', 'top200_share', 'top200_share_all_time', 'models_yoy', 'authors_yoy') GROUP BY figure ORDER BY figure;
SELECT series, value FROM hub.report_series WHERE figure = 'most_liked' AND period_start = '2024-12-31' ORDER BY value DESC;
-- releases by creation year: 2023, all three (2024, with none created, has no row)
SELECT figure, period_start, value FROM hub.report_series WHERE figure LIKE '%created' ORDER BY figure, period_start;
-- share under 200 all-time downloads at 2024-01-31: solo/c (50) of 3
SELECT round(value::numeric, 5) FROM hub.report_series WHERE figure = 'share_under_200' AND period_start = '2024-01-31';

-- hub.report(as_of): the headline figures as of a date
-- As of the latest snapshot, 2024-12-31: stock 3 (no datasets imported);
-- concentration on all-time downloads (cn/a 1780, us/b 2200, solo/c 600):
-- top 200 = 1, top 0.01% = the top model = 2200/4580 = 0.48035, none under
-- 200, Gini = 2 * (1180 + 1600 + 420) / (2 * 9 * 1526.67) = 0.23290; the
-- last 12 months are 2024's (shares as above); 2024 is the first and the
-- last complete year (independents 600/2580); size as above.
SELECT ord, section, metric, round(value::numeric, 5) AS value, unit, period_start, period_end
FROM hub.report() ORDER BY ord;
-- As of 2024-07-15: the snapshot of 2024-06-30 (all-time 1210, 1600, 300:
-- top 0.01% 1600/3110 = 0.51447, Gini 5200/18660 = 0.27867); the twelve
-- months before July 2024 are not all observed, no year is complete: NULL;
-- China passes the US in June only counting derived models
SELECT ord, metric, round(value::numeric, 5) AS value, period_start, period_end
FROM hub.report('2024-07-15') ORDER BY ord;
-- before any snapshot: nothing observed
SELECT count(*) AS rows, count(value) AS with_value FROM hub.report('2020-01-01');

-- nothing new: nothing folded
SELECT hub.refresh_series() AS rows_written;
-- other authors: everything is folded again (and the shares follow)
UPDATE hub.authors SET kind = 'academic', country = 'FR' WHERE author = 'solo' AND origin = 'user';
SELECT hub.refresh_series() > 0 AS refolded;
SELECT series, round(value::numeric, 5) AS value FROM hub.report_series
WHERE figure = 'downloads_share_by_kind' AND period_start = '2024-01-01' AND period_end = '2025-01-01' ORDER BY series;
UPDATE hub.authors SET kind = 'independent', country = NULL WHERE author = 'solo' AND origin = 'user';

-- Incremental = full, after every import of a sequence: random sequences
-- (random dates 10 to 70 days apart, random counts, models appearing and
-- vanishing, all-time counts sometimes missing), refreshed after each
-- import (incremental), then the same sequence with the rollups emptied
-- before each refresh (full); report_series must be the same at every step.
CREATE TEMP TABLE seen (seed float8, pass text, step int, r text);
CREATE FUNCTION pg_temp.run(seed float8, pass text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day date := '2023-01-15';
    recs text;
BEGIN
    SET LOCAL client_min_messages = warning;
    TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;
    TRUNCATE hub.series_folds, hub.series_month, hub.series_size, hub.series_snapshot;
    PERFORM setseed(seed);
    FOR step IN 1..8 LOOP
        day := day + (10 + floor(random() * 61))::int;
        SELECT string_agg(json_strip_nulls(json_build_object(
                   'id', 'org' || (i % 3) || '/m' || i, 'downloads', floor(random() * 1000)::int,
                   'downloadsAllTime', CASE WHEN random() < 0.8 THEN step * 1000 + i END,
                   'likes', floor(random() * 5)::int,
                   'safetensors', json_build_object('total', 1000000 * i)))::text, E'\n')
        INTO recs
        FROM generate_series(1, 12) i WHERE random() < 0.85;
        PERFORM pg_temp.snap(day, recs);
        IF pass = 'full' THEN
            TRUNCATE hub.series_folds, hub.series_month, hub.series_size, hub.series_snapshot;
        END IF;
        PERFORM hub.refresh_series();
        INSERT INTO seen SELECT seed, pass, step, r::text FROM hub.report_series r;
    END LOOP;
END $$;
SELECT count(*) AS sequences FROM (SELECT pg_temp.run(s, 'incremental'), pg_temp.run(s, 'full') FROM (VALUES (0.11), (0.52), (0.93)) v(s)) r;
SELECT (SELECT count(*) FROM seen WHERE pass = 'incremental') = (SELECT count(*) FROM seen WHERE pass = 'full') AS same_count,
       (SELECT count(*) FROM seen WHERE pass = 'incremental') > 100 AS enough_rows,
       (SELECT count(*) FROM (SELECT seed, step, r FROM seen WHERE pass = 'incremental'
                              EXCEPT ALL SELECT seed, step, r FROM seen WHERE pass = 'full') d) AS only_incremental,
       (SELECT count(*) FROM (SELECT seed, step, r FROM seen WHERE pass = 'full'
                              EXCEPT ALL SELECT seed, step, r FROM seen WHERE pass = 'incremental') d) AS only_full;

-- Trending at a snapshot: the 100 models with the highest trending score
-- (here six have one > 0): by country under both attributions, and the
-- kinds of the authors of the new ones (created in the 365 days before)
SET client_min_messages = warning;
TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;
TRUNCATE hub.series_folds, hub.series_month, hub.series_size, hub.series_snapshot, hub.series_state, hub.series_state_at;
RESET client_min_messages;
INSERT INTO hub.authors (author, kind, country) VALUES ('uni', 'academic', 'DE');
SELECT pg_temp.snap('2025-06-30', $$
{"id": "cn/a", "createdAt": "2025-03-01T00:00:00.000Z", "trendingScore": 50}
{"id": "us/b", "createdAt": "2023-01-01T00:00:00.000Z", "trendingScore": 40}
{"id": "solo/c", "createdAt": "2025-05-01T00:00:00.000Z", "trendingScore": 30, "tags": ["base_model:finetune:cn/a"]}
{"id": "solo/d", "createdAt": "2025-01-01T00:00:00.000Z", "trendingScore": 20, "tags": ["base_model:merge:cn/a", "base_model:merge:us/b"]}
{"id": "uni/e", "createdAt": "2024-06-01T00:00:00.000Z", "trendingScore": 10}
{"id": "x/f", "createdAt": "2025-06-01T00:00:00.000Z", "trendingScore": 0}
{"id": "mystery/g", "createdAt": "2025-06-01T00:00:00.000Z", "trendingScore": 5}
$$) AS records;
SELECT hub.refresh_lineage() > 0 AS lineage_changed;
SELECT hub.refresh_series() > 0 AS folded;
-- developed in: CN a, US b, DE e, unknown c, d, g: 1/6, 1/6, 1/6, 3/6;
-- in or derived from: CN a + c + d/2 = 2.5/6, US b + d/2 = 1.5/6, DE 1/6,
-- unknown g 1/6; new (created since 2024-06-30): a industry, c and d
-- independent, g unknown: independent 2 (rank 1), industry and unknown 1 (rank 2)
SELECT figure, series, round(value::numeric, 5) AS value, unit FROM hub.report_series
WHERE figure LIKE 'trending%' ORDER BY figure, series;

SET client_min_messages = warning;
TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;
TRUNCATE hub.series_folds, hub.series_month, hub.series_size, hub.series_snapshot;
DELETE FROM hub.authors WHERE origin = 'user';
-- the views read above are empty again for the next test
REFRESH MATERIALIZED VIEW hub.report_country_mv;
REFRESH MATERIALIZED VIEW hub.report_segments_mv;
REFRESH MATERIALIZED VIEW hub.report_model_size_mv;
RESET client_min_messages;

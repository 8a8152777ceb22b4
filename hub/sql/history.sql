--
-- History by change, and downloads during a period (doc/hub.md, "Time").
-- Four snapshots, imported through the client path; each expected figure
-- below is derived by hand from the records (see the comments).
--
-- S1 2024-01-31 owns Jan 2-31 (the 30 days up to it), S2 2024-02-29 owns
-- Feb 1-29 (29 days), S3 2024-03-31 owns Mar 1-31 (31 days: one day no
-- 30-day count covers), S4 2024-05-31 owns Apr 1 - May 31 (61 days: 31
-- not covered).
--   a/x   all-time 1000, 1290, 1600, 2210; 30-day 100, 290, 300, 330
--   b/y   no all-time; 30-day 60, 60 (unchanged: no row), 90, 30
--   c/new created 2024-02-10: from S2, all-time 50, 80; 30-day 50, 30;
--         not in S4 (vanished)
--   d/back 30-day 10; not in S2 (vanished); 20, 20 (unchanged)
--   e/same the same counts in all four (one row)
CREATE FUNCTION pg_temp.snap(day date, records text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE i bigint;
BEGIN
    i := hub.import_begin('models', 'history test', 'stop', day);
    PERFORM hub.import_chunk(i, records);
    RETURN hub.import_end(i);
END $$;
CREATE FUNCTION pg_temp.load() RETURNS bigint LANGUAGE sql AS $$
SELECT pg_temp.snap('2024-01-31', $j$
{"id": "a/x", "createdAt": "2023-06-01T00:00:00.000Z", "downloads": 100, "downloadsAllTime": 1000, "likes": 1}
{"id": "b/y", "downloads": 60, "likes": 0}
{"id": "d/back", "downloads": 10}
{"id": "e/same", "downloads": 0, "downloadsAllTime": 5, "likes": 2, "trendingScore": 0.5}
$j$) + pg_temp.snap('2024-02-29', $j$
{"id": "a/x", "createdAt": "2023-06-01T00:00:00.000Z", "downloads": 290, "downloadsAllTime": 1290, "likes": 1}
{"id": "b/y", "downloads": 60, "likes": 0}
{"id": "c/new", "createdAt": "2024-02-10T08:00:00.000Z", "downloads": 50, "downloadsAllTime": 50}
{"id": "e/same", "downloads": 0, "downloadsAllTime": 5, "likes": 2, "trendingScore": 0.5}
$j$) + pg_temp.snap('2024-03-31', $j$
{"id": "a/x", "createdAt": "2023-06-01T00:00:00.000Z", "downloads": 300, "downloadsAllTime": 1600, "likes": 3}
{"id": "b/y", "downloads": 90, "likes": 0}
{"id": "c/new", "createdAt": "2024-02-10T08:00:00.000Z", "downloads": 30, "downloadsAllTime": 80}
{"id": "d/back", "downloads": 20}
{"id": "e/same", "downloads": 0, "downloadsAllTime": 5, "likes": 2, "trendingScore": 0.5}
$j$) + pg_temp.snap('2024-05-31', $j$
{"id": "a/x", "createdAt": "2023-06-01T00:00:00.000Z", "downloads": 330, "downloadsAllTime": 2210, "likes": 3}
{"id": "b/y", "downloads": 30, "likes": 0}
{"id": "d/back", "downloads": 20}
{"id": "e/same", "downloads": 0, "downloadsAllTime": 5, "likes": 2, "trendingScore": 0.5}
$j$)
$$;
SELECT pg_temp.load() AS records;
-- 17 records make 14 rows: a/x 4, b/y 3 (not S2), c/new 2 and its
-- vanishing at S4, d/back 2 (S1, S3) and its vanishing at S2, e/same 1
SELECT id, snapshot, downloads, downloads_all_time, likes, trending_score, vanished
FROM hub.model_history ORDER BY id, snapshot;
SELECT kind, snapshot, imports, records FROM hub.snapshots ORDER BY snapshot;

-- the counts at a date: the latest row on or before it, unless vanished
SELECT '2024-02-29' AS at, id, snapshot, downloads FROM hub.counts_at('2024-02-29') ORDER BY id;
SELECT '2024-04-15' AS at, id, snapshot, downloads FROM hub.counts_at('2024-04-15') ORDER BY id;

-- February [Feb 1, Mar 1) is S2's days exactly:
--   a/x  1290 - 1000 = 290, all_time, exact
--   b/y  60 * 29/30 = 58 (30d; 29 of the window's 30 days: bound max(58, 2) = 58)
--   c/new created after S1: all 50, all_time, exact
--   e/same 5 - 5 = 0; d/back vanished at S2: no row
SELECT id, round(downloads::numeric, 3) AS downloads, round(from_all_time::numeric, 3) AS all_time,
       round(from_30d::numeric, 3) AS d30, round(prorated::numeric, 3) AS prorated,
       round(error_bound::numeric, 3) AS bound, round(coverage::numeric, 4) AS coverage, method
FROM hub.downloads_during('2024-02-01', '2024-03-01') ORDER BY id;
-- March: a/x 310 exact; b/y 90 * 31/30 = 93, of which 3 prorated (Mar 1),
-- bound 3; c/new 30 exact; d/back 20 * 31/30 = 20.667, 0.667 prorated
SELECT id, round(downloads::numeric, 3) AS downloads, round(prorated::numeric, 3) AS prorated,
       round(error_bound::numeric, 3) AS bound, method
FROM hub.downloads_during('2024-03-01', '2024-04-01') ORDER BY id;
-- Q2 [Apr 1, Jul 1): only S4's 61 days are observed (coverage 61/91);
-- a/x 2210 - 1600 = 610; b/y 30 * 61/30 = 61, 31 prorated; d/back
-- 20 * 61/30 = 40.667, 20.667 prorated; c/new gone
SELECT id, round(downloads::numeric, 3) AS downloads, round(prorated::numeric, 3) AS prorated,
       round(coverage::numeric, 4) AS coverage, method
FROM hub.downloads_during('2024-04-01', '2024-07-01') ORDER BY id;
-- January: S1 has no earlier snapshot, so its 30 days come from the
-- 30-day counts (Jan 2-31: coverage 30/31); a/x 100
SELECT id, round(downloads::numeric, 3) AS downloads, round(coverage::numeric, 4) AS coverage, method
FROM hub.downloads_during('2024-01-01', '2024-02-01') WHERE id = 'a/x';
-- 2024: a/x 100 + 290 + 310 + 610 = 1310, mixed; coverage 151/366
SELECT id, round(downloads::numeric, 3) AS downloads, round(from_all_time::numeric, 3) AS all_time,
       round(from_30d::numeric, 3) AS d30, round(coverage::numeric, 4) AS coverage, method
FROM hub.downloads_during('2024-01-01', '2025-01-01') WHERE id = 'a/x';
-- half of March (Mar 1-15) takes half of S3's 31 days, evenly: a/x
-- 310 * 15/31 = 150, bound max(150, 160) = 160
SELECT id, round(downloads::numeric, 3) AS downloads, round(error_bound::numeric, 3) AS bound, method
FROM hub.downloads_during('2024-03-01', '2024-03-16') WHERE id = 'a/x';
-- a period no snapshot observes
SELECT count(*) FROM hub.downloads_during('2020-01-01', '2021-01-01');

-- the latest date may be imported again: its rows are replaced, and a row
-- whose counts become those of the row before goes (the history stays
-- minimal: a/x twice, the second time with S3's counts, leaves no S4 row);
-- an older date is refused
CREATE FUNCTION pg_temp.reimport() RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_temp.snap('2024-05-31', $j$
{"id": "a/x", "downloads": 330, "downloadsAllTime": 2210, "likes": 3}
{"id": "a/x", "downloads": 300, "downloadsAllTime": 1600, "likes": 3}
$j$);
    RETURN QUERY SELECT 'after the repeated a/x: ' || string_agg(snapshot || ' ' || downloads, ', ' ORDER BY snapshot)
                 FROM hub.model_history WHERE id = 'a/x';
    PERFORM pg_temp.snap('2024-05-31', '{"id": "a/x", "downloads": 335, "downloadsAllTime": 2215, "likes": 3}');
    RETURN QUERY SELECT 'after 335: ' || string_agg(snapshot || ' ' || downloads, ', ' ORDER BY snapshot)
                 FROM hub.model_history WHERE id = 'a/x';
END $$;
SELECT * FROM pg_temp.reimport();
\set SHOW_CONTEXT never
SELECT pg_temp.snap('2024-04-01', '{"id": "a/x", "downloads": 1}');
\set VERBOSITY sqlstate
SELECT pg_temp.snap('2024-04-01', '{"id": "a/x", "downloads": 1}');
\set VERBOSITY default
\set SHOW_CONTEXT errors

-- the SQL route (taken when a history table has a trigger) keeps the same
-- history: the same sequence again, row for row
CREATE TEMP TABLE direct AS SELECT * FROM hub.model_history;
TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;
CREATE FUNCTION pg_temp.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER sql_route BEFORE INSERT ON hub.model_history FOR EACH ROW EXECUTE FUNCTION pg_temp.noop();
SELECT pg_temp.load() AS records;
SELECT * FROM pg_temp.reimport();
DROP TRIGGER sql_route ON hub.model_history;
SELECT (SELECT count(*) FROM direct) AS direct_rows,
       (SELECT count(*) FROM hub.model_history) AS sql_rows,
       (SELECT count(*) FROM (SELECT * FROM direct EXCEPT SELECT * FROM hub.model_history) d) AS only_direct,
       (SELECT count(*) FROM (SELECT * FROM hub.model_history EXCEPT SELECT * FROM direct) d) AS only_sql;
TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;

-- Random sequences against the rule written out in SQL: six monthly
-- snapshots of 300 models, each absent now and then (15%), its counts kept
-- (half the time) or drawn anew (NULLs among them), some snapshots in two
-- files (so an import of the date has finished before the second: its
-- vanished marks must be replaced). The history must hold a row for an id
-- and snapshot exactly when its state there (its counts, or "vanished" after
-- it was present) differs from its state at the snapshot before.
CREATE TEMP TABLE inp (step int, d date, id text, dl bigint, dat bigint, l bigint, t float8);
CREATE FUNCTION pg_temp.prop(seed float8) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    kk int;
    day date;
    i bigint;
    lines text[];
    h int;
BEGIN
    PERFORM setseed(seed);
    DELETE FROM inp;
    TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;
    FOR kk IN 1..6 LOOP
        day := (date '2025-01-01' + kk * interval '1 month' - interval '1 day')::date;
        INSERT INTO inp
        SELECT kk, day, 'o' || (n % 7) || '/m' || n,
               CASE WHEN keep THEN p.dl ELSE CASE WHEN random() < 0.2 THEN NULL ELSE floor(random() * 50) END END,
               CASE WHEN keep THEN p.dat ELSE CASE WHEN random() < 0.3 THEN NULL ELSE floor(random() * 500) END END,
               CASE WHEN keep THEN p.l ELSE floor(random() * 3) END,
               CASE WHEN keep THEN p.t ELSE (ARRAY[NULL, 0.5, 1.5])[1 + floor(random() * 3)::int] END
        FROM (SELECT n, random() < 0.5 AS keep, random() < 0.15 AND kk > 1 AS absent FROM generate_series(1, 300) n) g
        LEFT JOIN LATERAL (SELECT * FROM inp x WHERE x.id = 'o' || (g.n % 7) || '/m' || g.n ORDER BY x.step DESC LIMIT 1) p ON true
        WHERE NOT g.absent;
        SELECT array_agg(json_strip_nulls(json_build_object('id', id, 'downloads', dl, 'downloadsAllTime', dat, 'likes', l, 'trendingScore', t))::text ORDER BY random())
        INTO lines FROM inp WHERE step = kk;
        h := CASE WHEN random() < 0.4 THEN array_length(lines, 1) / 2 ELSE array_length(lines, 1) END;
        i := hub.import_begin('models', 'property test', 'stop', day);
        PERFORM hub.import_chunk(i, array_to_string(lines[1:h], E'\n'));
        PERFORM hub.import_end(i);
        IF h < array_length(lines, 1) THEN
            i := hub.import_begin('models', 'property test, second file', 'stop', day);
            PERFORM hub.import_chunk(i, array_to_string(lines[h + 1:], E'\n'));
            PERFORM hub.import_end(i);
        END IF;
    END LOOP;
    RETURN (SELECT count(*) FROM inp);
END $$;
CREATE FUNCTION pg_temp.prop_diff() RETURNS TABLE (expected bigint, only_expected bigint, only_history bigint) LANGUAGE sql AS $$
    WITH ids AS (SELECT id, min(step) AS first FROM inp GROUP BY id),
    steps AS (SELECT DISTINCT step, d FROM inp),
    st AS (
        SELECT i.id, s.step, s.d, x.id IS NULL AS vanished, x.dl, x.dat, x.l, x.t
        FROM ids i JOIN steps s ON s.step >= i.first
        LEFT JOIN inp x ON x.id = i.id AND x.step = s.step
    ), ch AS (
        SELECT st.*, lag(ROW(vanished, dl, dat, l, t)::text) OVER (PARTITION BY id ORDER BY step) AS before,
               ROW(vanished, dl, dat, l, t)::text AS now
        FROM st
    ), want AS (
        SELECT id, d AS snapshot, dl AS downloads, dat AS downloads_all_time, l AS likes, t AS trending_score, vanished
        FROM ch WHERE before IS DISTINCT FROM now
    )
    SELECT (SELECT count(*) FROM want),
           (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT id, snapshot, downloads, downloads_all_time, likes, trending_score, vanished FROM hub.model_history) a),
           (SELECT count(*) FROM (SELECT id, snapshot, downloads, downloads_all_time, likes, trending_score, vanished FROM hub.model_history EXCEPT SELECT * FROM want) b)
$$;
CREATE TEMP TABLE prop_result (seed float8, records bigint, expected bigint, only_expected bigint, only_history bigint);
DO $$
DECLARE s float8;
BEGIN
    FOREACH s IN ARRAY ARRAY[0.17, 0.42, 0.77] LOOP
        INSERT INTO prop_result (seed, records) VALUES (s, pg_temp.prop(s));
        UPDATE prop_result r SET expected = x.expected, only_expected = x.only_expected, only_history = x.only_history
        FROM pg_temp.prop_diff() x WHERE r.seed = s;
    END LOOP;
END $$;
SELECT seed, records > 1000 AS imported, expected > 1000 AS enough, only_expected, only_history FROM prop_result ORDER BY seed;
TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;

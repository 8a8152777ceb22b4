--
-- Window use: OVER (PARTITION BY …) and running frames OVER (ORDER BY …).
-- Every window result is compared with the same aggregate computed over the
-- frame's rows directly (a correlated subquery), which shares no state.
--
SELECT setseed(0.125);
CREATE TABLE w AS
SELECT i AS id, i % 3 AS g, floor(random() * 20)::float8 AS x, floor(random() * 4)::float8 AS wt
FROM generate_series(1, 300) i;

-- partitions
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE a.gini IS NOT DISTINCT FROM b.gini AND a.top IS NOT DISTINCT FROM b.top
                        AND a.med IS NOT DISTINCT FROM b.med AND a.lor IS NOT DISTINCT FROM b.lor
                        AND a.hhi IS NOT DISTINCT FROM b.hhi AND a.ts IS NOT DISTINCT FROM b.ts) AS agree
FROM (SELECT id, g, gini(x) OVER p AS gini, top_k_share(x, 5) OVER p AS top,
             weighted_median(x, wt) OVER p AS med, lorenz(x, 5) OVER p AS lor, hhi(x) OVER p AS hhi,
             top_share(x, 0.1) OVER p AS ts
      FROM w WINDOW p AS (PARTITION BY g)) a
JOIN LATERAL (SELECT gini(x), top_k_share(x, 5) AS top, weighted_median(x, wt) AS med,
                     lorenz(x, 5) AS lor, hhi(x), top_share(x, 0.1) AS ts
              FROM w w2 WHERE w2.g = a.g) b ON true;

-- running frames: every row sees the rows up to and including its peers
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE a.gini IS NOT DISTINCT FROM b.gini AND a.top IS NOT DISTINCT FROM b.top
                        AND a.med IS NOT DISTINCT FROM b.med AND a.q IS NOT DISTINCT FROM b.q
                        AND a.d IS NOT DISTINCT FROM b.d) AS agree,
       count(DISTINCT a.gini) > 100 AS frames_differ
FROM (SELECT id, gini(x) OVER r AS gini, top_k_share(x, 3) OVER r AS top,
             weighted_median(x, wt) OVER r AS med, weighted_quantile(x, wt, ARRAY[0.1, 0.9]) OVER r AS q,
             distribution_agg(x) OVER r::text AS d
      FROM w WINDOW r AS (ORDER BY id)) a
JOIN LATERAL (SELECT gini(x), top_k_share(x, 3) AS top, weighted_median(x, wt) AS med,
                     weighted_quantile(x, wt, ARRAY[0.1, 0.9]) AS q, distribution_agg(x)::text AS d
              FROM w w2 WHERE w2.id <= a.id) b ON true;

-- the other aggregates over running frames, and distribution_merge over
-- stored states as a window (a cumulative rollup)
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE a.gw IS NOT DISTINCT FROM b.gw AND a.q IS NOT DISTINCT FROM b.q
                        AND a.ts IS NOT DISTINCT FROM b.ts AND a.lor IS NOT DISTINCT FROM b.lor
                        AND a.hhi IS NOT DISTINCT FROM b.hhi AND a.dw IS NOT DISTINCT FROM b.dw) AS agree
FROM (SELECT id, gini(x, wt) OVER r AS gw, weighted_quantile(x, wt, 0.3) OVER r AS q,
             top_share(x, 0.2) OVER r AS ts, lorenz(x, 3) OVER r AS lor, hhi(x) OVER r AS hhi,
             distribution_agg(x, wt) OVER r::text AS dw
      FROM w WINDOW r AS (ORDER BY id)) a
JOIN LATERAL (SELECT gini(x, wt) AS gw, weighted_quantile(x, wt, 0.3) AS q, top_share(x, 0.2) AS ts,
                     lorenz(x, 3) AS lor, hhi(x), distribution_agg(x, wt)::text AS dw
              FROM w w2 WHERE w2.id <= a.id) b ON true;
CREATE TEMP TABLE per_g AS SELECT g, distribution_agg(x) AS d FROM w GROUP BY g;
SELECT g, gini(distribution_merge(d) OVER (ORDER BY g)) = (SELECT gini(x) FROM w WHERE w.g <= per_g.g) AS cumulative_gini_agrees
FROM per_g ORDER BY g;

-- running frames with peers (RANGE), partitioned
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE a.gini IS NOT DISTINCT FROM b.gini AND a.top IS NOT DISTINCT FROM b.top) AS agree
FROM (SELECT id, g, x, gini(x) OVER r AS gini, top_k_share(x, 2) OVER r AS top
      FROM w WINDOW r AS (PARTITION BY g ORDER BY x)) a
JOIN LATERAL (SELECT gini(x), top_k_share(x, 2) AS top
              FROM w w2 WHERE w2.g = a.g AND w2.x <= a.x) b ON true;

-- moving frames (the aggregate restarts for each frame)
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE a.gini IS NOT DISTINCT FROM b.gini AND a.med IS NOT DISTINCT FROM b.med) AS agree
FROM (SELECT id, gini(x) OVER m AS gini, weighted_median(x, wt) OVER m AS med
      FROM w WINDOW m AS (ORDER BY id ROWS BETWEEN 4 PRECEDING AND CURRENT ROW)) a
JOIN LATERAL (SELECT gini(x), weighted_median(x, wt) AS med
              FROM w w2 WHERE w2.id BETWEEN a.id - 4 AND a.id) b ON true;

-- a small running example, checked by hand: 1; 1,3; 1,3,0; 1,3,0,4
SELECT x, gini(x) OVER (ORDER BY i) AS gini, top_k_share(x, 1) OVER (ORDER BY i) AS top1,
       weighted_median(x, 1) OVER (ORDER BY i) AS median
FROM (VALUES (1, 1::float8), (2, 3), (3, 0), (4, 4)) t(i, x);
DROP TABLE w;

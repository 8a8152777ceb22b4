--
-- Parallel and partitionwise plans: partial states travel between processes
-- in their flat form and are merged by the combine functions.  Each plan
-- must give exactly the serial result.
--
SELECT setseed(0.75);
CREATE TABLE p AS
SELECT i % 7 AS g, (floor(power(random(), -1.4)) - 1)::float8 AS x,
       exp(random() * 20) AS s, floor(random() * 5)::float8 AS wt
FROM generate_series(1, 200000) i;
ANALYZE p;

-- Workers actually launched by a query (EXPLAIN ANALYZE, read as JSON).
CREATE FUNCTION pg_temp.workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || q INTO plan;
    RETURN coalesce((regexp_match(plan::text, '"Workers Launched": (\d+)'))[1]::int, 0);
END $$;

CREATE TEMP TABLE serial AS
SELECT gini(x) AS gini, gini(s, wt) AS gini_w, hhi(x) AS hhi, top_k_share(x, 100) AS top,
       top_share(s, 0.001) AS tops, weighted_median(s, x) AS med,
       weighted_quantile(s, wt, ARRAY[0.01, 0.5, 0.99]) AS qs, lorenz(x, 8) AS lor,
       distribution_agg(x)::text AS d, top_k_share(x, 50) AS top50
FROM p;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;   -- every row goes through a worker's state

EXPLAIN (COSTS OFF)
SELECT gini(x), top_k_share(x, 100), weighted_median(s, x), distribution_agg(x) FROM p;
SELECT pg_temp.workers_launched('SELECT gini(x), top_k_share(x, 100) FROM p') AS workers;

SELECT a.gini = s.gini AS gini, a.gini_w = s.gini_w AS gini_w, a.hhi = s.hhi AS hhi,
       a.top = s.top AS top, a.tops = s.tops AS top_share, a.med = s.med AS median,
       a.qs = s.qs AS quantiles, a.lor = s.lor AS lorenz, a.d = s.d AS same_state
FROM (SELECT gini(x) AS gini, gini(s, wt) AS gini_w, hhi(x) AS hhi, top_k_share(x, 100) AS top,
             top_share(s, 0.001) AS tops, weighted_median(s, x) AS med,
             weighted_quantile(s, wt, ARRAY[0.01, 0.5, 0.99]) AS qs, lorenz(x, 8) AS lor,
             distribution_agg(x)::text AS d
      FROM p) a, serial s;

-- grouped, parallel: Partial HashAggregate in the workers
RESET parallel_leader_participation;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT g, gini(x), top_k_share(x, 10) FROM p GROUP BY g;
CREATE TEMP TABLE par_grouped AS
SELECT g, gini(x), top_k_share(x, 10) AS top, weighted_median(s, wt) AS med FROM p GROUP BY g;
RESET enable_sort;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE a.gini = b.gini AND a.top = b.top AND a.med = b.med) AS agree
FROM par_grouped a
JOIN (SELECT g, gini(x), top_k_share(x, 10) AS top, weighted_median(s, wt) AS med FROM p GROUP BY g) b USING (g);

-- partitionwise aggregation over a partitioned table
CREATE TABLE pt (g int, x float8, s float8) PARTITION BY LIST (g);
CREATE TABLE pt_a PARTITION OF pt FOR VALUES IN (0, 1, 2);
CREATE TABLE pt_b PARTITION OF pt FOR VALUES IN (3, 4);
CREATE TABLE pt_c PARTITION OF pt FOR VALUES IN (5, 6);
INSERT INTO pt SELECT g, x, s FROM p;
ANALYZE pt;
SET enable_partitionwise_aggregate = on;
-- the whole table: a Partial Aggregate per partition, merged above the Append
EXPLAIN (COSTS OFF) SELECT gini(x), top_k_share(x, 50), weighted_median(s, x) FROM pt;
SELECT a.gini = b.gini AS gini, a.top = b.top AS top, a.med = b.med AS median
FROM (SELECT gini(x), top_k_share(x, 50) AS top, weighted_median(s, x) AS med FROM pt) a,
     (SELECT gini(x), top_k_share(x, 50) AS top, weighted_median(s, x) AS med FROM p) b;
-- grouped by a key that crosses partitions
EXPLAIN (COSTS OFF) SELECT (x > 3) AS big, gini(s) FROM pt GROUP BY 1;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.gini = b.gini) AS agree
FROM (SELECT (x > 3) AS big, gini(s) FROM pt GROUP BY 1) a
JOIN (SELECT (x > 3) AS big, gini(s) FROM p GROUP BY 1) b USING (big);
-- and with parallel workers under the partitions
SET max_parallel_workers_per_gather = 2;
SELECT a.gini = s.gini AS gini, a.top = s.top50 AS top
FROM (SELECT gini(x), top_k_share(x, 50) AS top FROM pt) a, serial s;
RESET ALL;
DROP TABLE p, pt;

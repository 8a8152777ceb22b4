--
-- distribution and topk_state: text I/O, canonical form, exact round trips
--
-- canonical text: strictly increasing values, weight omitted when 1
SELECT 'count=5 {1:2,3,7.5:2}'::distribution;
SELECT ' count=5   { 1 : 2 , 3:1 , 7.5 : 2 } '::distribution;   -- white space is free
SELECT 'count=0 {}'::distribution;
SELECT 'count=4 {}'::distribution;                               -- four zero-weight rows
SELECT 'count=2 params={0.5,NaN} {-3.25:0.5}'::distribution;    -- state of a one-step aggregate
SELECT 'count=1 {-0}'::distribution;                             -- -0 and 0 are one value
-- float8 values survive text exactly (shortest round-trip digits)
SELECT d::text, d::text::distribution::text = d::text AS same
FROM (SELECT distribution_agg(x) AS d
      FROM (VALUES (0.1::float8), (1e300), (5e-324), (2.2250738585072014e-308),
                   (1.7976931348623157e308), (1/3.0::float8), (-1e-300)) v(x)) s;
SELECT bool_and(x = y) AS every_value_exact
FROM (SELECT unnest(ARRAY[0.1, 1/3.0, pi(), exp(1.0), 1e300, 5e-324, 123456789.123456789]::float8[]) x) a,
LATERAL (SELECT weighted_median(('count=1 {' || x::text || '}')::distribution) y) b;
-- the text of a random distribution round-trips, as Citus ships partial states
SELECT setseed(0.5);
CREATE TABLE rt AS SELECT random() * 1e6 AS x, random() AS w FROM generate_series(1, 2000);
SELECT d::text::distribution::text = d::text AS text_roundtrip,
       gini(d::text::distribution) = gini(d) AS same_gini,
       distribution_count(d) AS n
FROM (SELECT distribution_agg(x, w) d FROM rt) s;
-- accessors on a literal
SELECT distribution_count(d), distribution_sum(d), gini(d), hhi(d), weighted_median(d),
       top_k_share(d, 1), top_share(d, 0.5), lorenz(d, 2)
FROM (SELECT 'count=5 {1:2,3,7.5:2}'::distribution AS d) s;
-- topk_state
SELECT 'k=3 count=10 sum=55 sum_lo=0 {10,9,8}'::topk_state;
SELECT 'k=5 count=2 sum=3 sum_lo=0 {2,1}'::topk_state;
SELECT topk_state_accum(NULL, 1, 1);                              -- only inside an aggregate
-- a stored distribution column is TOASTed and read back unchanged
CREATE TABLE stored (id int, d distribution);
INSERT INTO stored SELECT 1, distribution_agg(x) FROM generate_series(1, 100000) x;
SELECT id, distribution_count(d), gini(d), pg_column_size(d) < 100000 * 16 AS compressed_or_small
FROM stored;
DROP TABLE rt, stored;
-- the canonical text equals one built in plain SQL (GROUP BY, ORDER BY), on
-- data that exercises every part of the sort: negatives, zeros, ties,
-- subnormals, huge values, and sizes on both sides of the small-sort limit
SELECT setseed(0.77);
CREATE TABLE sortcheck AS
SELECT n, CASE (i % 7)
            WHEN 0 THEN floor(random() * 20) - 10
            WHEN 1 THEN (random() - 0.5) * 1e300
            WHEN 2 THEN (random() - 0.5) * 1e-310
            WHEN 3 THEN 0
            WHEN 4 THEN round(random() * 1000)
            WHEN 5 THEN exp(random() * 50)
            ELSE -exp(random() * 50) END::float8 AS x
FROM (VALUES (1), (2), (47), (48), (49), (100), (5000), (70000)) s(n), generate_series(1, n) i;
SELECT n, a.t = b.t AS same_text
FROM (SELECT n, distribution_agg(x)::text AS t FROM sortcheck GROUP BY n) a
JOIN (SELECT n, 'count=' || sum(c) || ' {' || string_agg(CASE WHEN c = 1 THEN x::text ELSE x::text || ':' || c END, ',' ORDER BY x) || '}' AS t
      FROM (SELECT n, x, count(*) AS c FROM sortcheck GROUP BY n, x) g GROUP BY n) b USING (n)
ORDER BY n;
-- and with weights: every weight a multiple of 1/4, so sums are exact
SELECT a.t = b.t AS same_weighted_text
FROM (SELECT distribution_agg(x, w)::text AS t FROM (SELECT x, (i % 9) / 4.0 AS w FROM sortcheck, generate_series(1, 3) i WHERE n = 70000) s) a,
     (SELECT 'count=' || sum(c) || ' {' || string_agg(CASE WHEN w = 1 THEN x::text ELSE x::text || ':' || w::float8 END, ',' ORDER BY x) || '}' AS t
      FROM (SELECT x, count(*) AS c, sum(w) AS w FROM (SELECT x, (i % 9) / 4.0 AS w FROM sortcheck, generate_series(1, 3) i WHERE n = 70000) s
            GROUP BY x HAVING sum(w) > 0) g) b;
-- all keys in one top-bits bucket (values in [1, 2))
TRUNCATE sortcheck;
INSERT INTO sortcheck SELECT 0, 1 + floor(random() * 1e5) / 1e5 FROM generate_series(1, 50000);
SELECT a.t = b.t AS same_text_one_bucket
FROM (SELECT distribution_agg(x)::text AS t FROM sortcheck) a,
     (SELECT 'count=' || sum(c) || ' {' || string_agg(CASE WHEN c = 1 THEN x::text ELSE x::text || ':' || c END, ',' ORDER BY x) || '}' AS t
      FROM (SELECT x, count(*) AS c FROM sortcheck GROUP BY x) g) b;
DROP TABLE sortcheck;

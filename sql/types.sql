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

--
-- Every error of the contract: its SQLSTATE and its message.
--
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' (' || nullif(detail, '') || ')', '');
END $$;
CREATE TABLE neg (x float8);
INSERT INTO neg VALUES (3), (-2.5), (1);

-- negative values where shares and inequality need non-negative ones
SELECT pg_temp.err('SELECT top_k_share(x, 2) FROM neg');
SELECT pg_temp.err('SELECT top_share(x, 0.5) FROM neg');
SELECT pg_temp.err('SELECT gini(x) FROM neg');
SELECT pg_temp.err('SELECT gini(x, 1) FROM neg');
SELECT pg_temp.err('SELECT hhi(x) FROM neg');
SELECT pg_temp.err('SELECT lorenz(x, 4) FROM neg');
-- … and on a distribution holding them (quantiles are fine there)
SELECT pg_temp.err('SELECT gini(distribution_agg(x)) FROM neg');
SELECT pg_temp.err('SELECT hhi(distribution_agg(x)) FROM neg');
SELECT pg_temp.err('SELECT top_k_share(distribution_agg(x), 1) FROM neg');
SELECT pg_temp.err('SELECT top_share(distribution_agg(x), 0.5) FROM neg');
SELECT pg_temp.err('SELECT lorenz(distribution_agg(x), 2) FROM neg');
SELECT weighted_median(distribution_agg(x)), weighted_median(x, 1) FROM neg;

-- NaN and infinite values and weights
SELECT pg_temp.err($$SELECT gini(x) FROM (VALUES (1), ('NaN'::float8)) t(x)$$);
SELECT pg_temp.err($$SELECT top_k_share(x, 1) FROM (VALUES ('Infinity'::float8)) t(x)$$);
SELECT pg_temp.err($$SELECT distribution_agg(x) FROM (VALUES ('-Infinity'::float8)) t(x)$$);
SELECT pg_temp.err($$SELECT weighted_median(x, 1) FROM (VALUES ('NaN'::float8)) t(x)$$);
SELECT pg_temp.err($$SELECT weighted_median(1, w) FROM (VALUES ('NaN'::float8)) t(w)$$);
SELECT pg_temp.err($$SELECT weighted_quantile(1, w, 0.5) FROM (VALUES ('Infinity'::float8)) t(w)$$);
SELECT pg_temp.err($$SELECT gini(1, w) FROM (VALUES ('Infinity'::float8)) t(w)$$);
SELECT pg_temp.err($$SELECT distribution_agg(1, w) FROM (VALUES ('NaN'::float8)) t(w)$$);
-- negative weights
SELECT pg_temp.err('SELECT weighted_median(x, -1) FROM neg');
SELECT pg_temp.err('SELECT weighted_quantile(x, -0.5, 0.5) FROM neg');
SELECT pg_temp.err('SELECT weighted_quantile(x, -0.5, ARRAY[0.5]) FROM neg');
SELECT pg_temp.err('SELECT gini(abs(x), -1) FROM neg');
SELECT pg_temp.err('SELECT distribution_agg(x, -1) FROM neg');

-- k < 1
SELECT pg_temp.err('SELECT top_k_share(abs(x), 0) FROM neg');
SELECT pg_temp.err('SELECT top_k_share(abs(x), -5) FROM neg');
SELECT pg_temp.err('SELECT top_k_share(distribution_agg(abs(x)), 0) FROM neg');
-- fraction outside (0, 1]
SELECT pg_temp.err('SELECT top_share(abs(x), 0) FROM neg');
SELECT pg_temp.err('SELECT top_share(abs(x), 1.5) FROM neg');
SELECT pg_temp.err('SELECT top_share(abs(x), -0.1) FROM neg');
SELECT pg_temp.err($$SELECT top_share(abs(x), 'NaN') FROM neg$$);
SELECT pg_temp.err('SELECT top_share(distribution_agg(abs(x)), 2) FROM neg');
-- q outside [0, 1]
SELECT pg_temp.err('SELECT weighted_quantile(x, 1, 1.01) FROM neg');
SELECT pg_temp.err('SELECT weighted_quantile(x, 1, -0.01) FROM neg');
SELECT pg_temp.err($$SELECT weighted_quantile(x, 1, 'NaN'::float8) FROM neg$$);
SELECT pg_temp.err('SELECT weighted_quantile(x, 1, ARRAY[0.5, 2]) FROM neg');
SELECT pg_temp.err('SELECT weighted_quantile(x, 1, ARRAY[[0.5], [0.7]]) FROM neg');
SELECT pg_temp.err('SELECT weighted_quantile(distribution_agg(x), 1.5) FROM neg');
SELECT pg_temp.err('SELECT weighted_quantile(distribution_agg(x), ARRAY[-1]) FROM neg');
-- points < 1, or too many
SELECT pg_temp.err('SELECT lorenz(abs(x), 0) FROM neg');
SELECT pg_temp.err('SELECT lorenz(abs(x), 2000000000) FROM neg');
SELECT pg_temp.err('SELECT lorenz(distribution_agg(abs(x)), -1) FROM neg');
-- a parameter that changes within a group
SELECT pg_temp.err('SELECT top_k_share(x, k) FROM (VALUES (1, 1), (2, 2)) t(x, k)');
SELECT pg_temp.err('SELECT top_share(x, f) FROM (VALUES (1, 0.1), (2, 0.2)) t(x, f)');
SELECT pg_temp.err('SELECT lorenz(x, p) FROM (VALUES (1, 4), (2, 5)) t(x, p)');
SELECT pg_temp.err('SELECT weighted_quantile(x, 1, q) FROM (VALUES (1, 0.1), (2, 0.2)) t(x, q)');
SELECT pg_temp.err($$SELECT weighted_quantile(x, 1, q) FROM (VALUES (1, '{0.1}'::float8[]), (2, '{0.2}')) t(x, q)$$);
-- states built with different parameters do not merge
SELECT pg_temp.err($$SELECT distribution_merge(d) FROM (VALUES ('count=1 params={0.1} {1}'::distribution), ('count=1 params={0.2} {2}')) t(d)$$);
-- a sum beyond float8
SELECT pg_temp.err('SELECT top_k_share(1.7e308, 1) FROM generate_series(1, 3)');
SELECT pg_temp.err($$SELECT distribution_sum('count=2 {1.7e308,1.79e308}')$$);

-- malformed distribution text
SELECT pg_temp.err($$SELECT ''::distribution$$);
SELECT pg_temp.err($$SELECT '{1,2}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1,2'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1,,2}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {2,1}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1,1}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1:0}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1:-1}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {NaN}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1e400}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1:Infinity}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=1 {1,2}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=-1 {}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=99999999999999999999 {}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {1,2} trailing'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 params={Infinity} {1}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=2 {x}'::distribution$$);
-- malformed topk_state text
SELECT pg_temp.err($$SELECT 'k=0 count=1 sum=1 sum_lo=0 {1}'::topk_state$$);
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=6 sum_lo=0 {3}'::topk_state$$);
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=6 sum_lo=0 {1,3}'::topk_state$$);
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=6 sum_lo=0 {3,2,1}'::topk_state$$);
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=6 sum_lo=0 {3,-2}'::topk_state$$);
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=Infinity sum_lo=0 {3,2}'::topk_state$$);
SELECT pg_temp.err($$SELECT 'k=2 count=3 {3,2}'::topk_state$$);
-- support functions outside an aggregate
SELECT pg_temp.err($$SELECT distribution_accum(NULL::distribution, 1::float8)$$);
SELECT pg_temp.err($$SELECT distribution_combine('count=1 {1}', 'count=1 {2}')$$);
DROP TABLE neg;
-- the final functions called directly on a distribution without (or with a
-- bad) parameter
SELECT pg_temp.err($$SELECT distribution_lorenz_final('count=1 {1}')$$);
SELECT pg_temp.err($$SELECT distribution_lorenz_final('count=1 params={1e300} {1}')$$);
SELECT pg_temp.err($$SELECT distribution_lorenz_final('count=1 params={2.5} {1}')$$);
SELECT pg_temp.err($$SELECT distribution_top_share_final('count=1 params={NaN} {1}')$$);
SELECT pg_temp.err($$SELECT distribution_quantile_final('count=1 params={0.5,0.7} {1}')$$);
SELECT distribution_quantiles_final('count=2 params={0.5,NaN} {1,2}'), distribution_lorenz_final('count=2 params={2} {1,3}');

--
-- Hardening of the statistics layer (issue 9, points 12, 13, 14, 16, 17):
-- overflow is an error, every produced state re-parses to itself, tied
-- fractional weights add exactly (so results do not depend on the order of
-- the rows or on the plan), final functions refuse direct calls, and error
-- messages name the aggregate in CONTEXT, never in the primary message.
--
-- err(): SQLSTATE, message, detail, and the first CONTEXT line when it is
-- ours (the PL/pgSQL line of err() itself names a temporary schema).
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text; ctx text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL, ctx = PG_EXCEPTION_CONTEXT;
    ctx := split_part(ctx, E'\n', 1);
    RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' (' || nullif(detail, '') || ')', '')
        || CASE WHEN ctx LIKE 'PL/pgSQL%' OR ctx LIKE 'SQL statement%' OR ctx = '' THEN '' ELSE ' [' || ctx || ']' END;
END $$;

-- 12. Overflow is an error (22003), not an Infinity in the state.
-- 1e308 + 1e308 exceeds the float8 maximum 1.797e308.
SELECT pg_temp.err($$SELECT distribution_agg(x, w) FROM (VALUES (1::float8, 1e308::float8), (1, 1e308)) t(x, w)$$);
SELECT pg_temp.err($$SELECT gini(x, w) FROM (VALUES (1::float8, 1e308::float8), (1, 1e308)) t(x, w)$$);
-- the tied weights 1.7e308 + 1.7e308 of value 1: no longer an Infinity that
-- makes the median 3
SELECT pg_temp.err($$SELECT weighted_quantile(x, w, 0.5) FROM (VALUES (1::float8, 1.7e308::float8), (1, 1.7e308), (3, 1)) t(x, w)$$);
-- distinct values whose total weight (3.4e308) is beyond float8
SELECT pg_temp.err($$SELECT weighted_quantile(x, w, 0.5) FROM (VALUES (1::float8, 1.7e308::float8), (2, 1.7e308), (3, 1)) t(x, w)$$);
-- the same through a merge of stored states
SELECT pg_temp.err($$SELECT distribution_merge(d) FROM (VALUES ('count=1 {1:1e308}'::distribution), ('count=1 {1:1e308}')) t(d)$$);
-- counts: 2 × (2^63 − 1) is beyond bigint (it used to wrap to −2)
SELECT pg_temp.err($$SELECT distribution_merge(d) FROM (VALUES ('count=9223372036854775807 {1}'::distribution), ('count=9223372036854775807 {2}')) t(d)$$);
CREATE AGGREGATE pg_temp.topk_merge(topk_state) (SFUNC = topk_state_combine, STYPE = topk_state, FINALFUNC = topk_state_share);
SELECT pg_temp.err($$SELECT pg_temp.topk_merge(t) FROM (VALUES ('k=1 count=9223372036854775807 sum=1 sum_lo=0 {1}'::topk_state), ('k=1 count=1 sum=1 sum_lo=0 {1}')) s(t)$$);
-- topk's running total: 1e308 + 1e308 on merge
SELECT pg_temp.err($$SELECT pg_temp.topk_merge(t) FROM (VALUES ('k=1 count=1 sum=1e308 sum_lo=0 {1e308}'::topk_state), ('k=1 count=1 sum=1e308 sum_lo=0 {1e308}')) s(t)$$);
-- below the limit all is well: 8.9e307 · 2 = 1.78e308 < 1.797e308
SELECT distribution_agg(x, w) FROM (VALUES (1::float8, 8.9e307::float8), (1, 8.9e307)) t(x, w);

-- Every state a function produces re-parses to itself (text and binary).
SELECT setseed(0.12);
CREATE TABLE produced AS
SELECT distribution_agg(x) AS d FROM (SELECT random() * 100 - 50 AS x FROM generate_series(1, 300)) s
UNION ALL SELECT distribution_agg(x, w) FROM (SELECT floor(random() * 20) AS x, (ARRAY[0.1, 0.2, 0.3, 1e16, 1, 0.7])[1 + floor(random() * 6)::int] AS w FROM generate_series(1, 3000)) s
UNION ALL SELECT distribution_agg(x, w) FROM (VALUES ('-0'::float8, 1e-320::float8), (1, 5e-324), (1, 1.7976931348623157e308)) t(x, w)
UNION ALL SELECT distribution_agg(x, w) FROM (VALUES (1::float8, 0.1::float8), (1, 0.2), (1, 0.3)) t(x, w);
SELECT count(*) AS states,
       bool_and(d::text::distribution::text = d::text) AS text_round_trip,
       bool_and(distribution_send(d::text::distribution) = distribution_send(d)) AS same_bytes
FROM produced;
-- the exact sum of the doubles 0.1, 0.2 and 0.3 is
-- 0.6000000000000000277555756156289135105907917022705078125 (their exact
-- binary values added by hand: …0055511…+…011102…+0.29999…8897…): float8
-- 0.6 plus the remainder 2.7755575615628914e-17 (= 2^-55)
SELECT d FROM produced WHERE d::text LIKE 'count=3 {1:%';
SELECT 0.1000000000000000055511151231257827021181583404541015625
     + 0.200000000000000011102230246251565404236316680908203125
     + 0.299999999999999988897769753748434595763683319091796875
     - 0.59999999999999997779553950749686919152736663818359375 AS remainder,   -- exact 0.6d
       (0.1000000000000000055511151231257827021181583404541015625
     + 0.200000000000000011102230246251565404236316680908203125
     + 0.299999999999999988897769753748434595763683319091796875
     - 0.59999999999999997779553950749686919152736663818359375) * 36028797018963968 AS times_2_to_55;
-- -0 and a zero parameter read back as 0, as the aggregates store them
SELECT 'count=1 params={-0} {-0}'::distribution;

-- 13. Residuals are accepted only in canonical form: w = RN(exact sum) and
-- each residual the rounded rest; 0.6 + 0.5 is not (0.6 + 0.5 = 1.1)
SELECT pg_temp.err($$SELECT 'count=3 {1:0.6+0.5}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=3 {1:0.6+0}'::distribution$$);
SELECT pg_temp.err($$SELECT 'count=3 {1:0.6+NaN}'::distribution$$);
-- a half-way rest rounds to the even neighbour: 0x3fe3333333333334 is even,
-- so both 0.6000000000000001 ± 2^-54 are canonical, 0.6 + 2^-54 is not
SELECT 'count=3 {1:0.6000000000000001-5.551115123125783e-17}'::distribution,
       'count=3 {1:0.6000000000000001+5.551115123125783e-17}'::distribution;
SELECT pg_temp.err($$SELECT 'count=3 {1:0.6+5.551115123125783e-17}'::distribution$$);
-- a version 1 text (no residuals) still loads and prints as before
SELECT 'count=5 params={0.5} {1:2,3,7.5:2}'::distribution;
-- topk_state input rejects inconsistent states
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=1 sum_lo=-5 {3,2}'::topk_state$$);    -- sum_lo not below half an ulp of sum
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=4 sum_lo=0 {3,2}'::topk_state$$);     -- 4 < 3 + 2
SELECT pg_temp.err($$SELECT 'k=2 count=3 sum=8 sum_lo=0 {3,2}'::topk_state$$);     -- 8 > 3 + 2 + 1·2
SELECT pg_temp.err($$SELECT 'k=2 count=2 sum=6 sum_lo=0 {3,2}'::topk_state$$);     -- all rows kept: must be 5
SELECT pg_temp.err($$SELECT 'k=2 count=0 sum=1 sum_lo=0 {}'::topk_state$$);        -- no rows, total 1
SELECT 'k=2 count=3 sum=7 sum_lo=0 {3,2}'::topk_state;                            -- 3 + 2 + 2: the largest allowed
SELECT 'k=3 count=10 sum=55 sum_lo=1e-30 {10,9,8}'::topk_state;

-- 14. Order independence with fractional weights.
-- 20,000 rows over 40 values; weights from {0.1, 0.2, 0.3, 0.7, 1, 1e16}:
-- plain float8 addition of such ties depends on the order (shown first).
SELECT setseed(0.314);
CREATE TABLE fw AS
SELECT i, floor(random() * 40)::float8 AS v,
       (ARRAY[0.1, 0.2, 0.3, 0.7, 1, 1e16]::float8[])[1 + floor(random() * 6)::int] AS w
FROM generate_series(1, 20000) i;
SELECT count(*) > 0 AS naive_sum_is_order_dependent
FROM (SELECT v, sum(w ORDER BY w) AS a, sum(w ORDER BY w DESC) AS b FROM fw GROUP BY v) s WHERE a <> b;
-- one state per form; all must have the same text
CREATE TABLE forms (form text, d distribution);
INSERT INTO forms SELECT 'ascending', distribution_agg(v, w ORDER BY i) FROM fw;
INSERT INTO forms SELECT 'descending', distribution_agg(v, w ORDER BY i DESC) FROM fw;
SELECT setseed(0.5);
INSERT INTO forms SELECT 'random', distribution_agg(v, w ORDER BY random()) FROM fw;
INSERT INTO forms SELECT 'by weight', distribution_agg(v, w ORDER BY w, i) FROM fw;
-- two-step: partial states of 13 slices merged in two orders, also after a
-- text round trip of the partials (the Citus route)
CREATE TABLE partials AS SELECT i % 13 AS g, distribution_agg(v, w) AS d FROM fw GROUP BY 1;
INSERT INTO forms SELECT 'two-step', distribution_merge(d ORDER BY g) FROM partials;
INSERT INTO forms SELECT 'two-step reversed', distribution_merge(d ORDER BY g DESC) FROM partials;
INSERT INTO forms SELECT 'two-step via text', distribution_merge(d::text::distribution ORDER BY md5(g::text)) FROM partials;
-- parallel plan (force_parallel_mode on 15, debug_parallel_query on 16+)
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
DO $$
BEGIN
    BEGIN PERFORM set_config('debug_parallel_query', 'on', false);
    EXCEPTION WHEN undefined_object THEN PERFORM set_config('force_parallel_mode', 'on', false);
    END;
END $$;
INSERT INTO forms SELECT 'parallel', distribution_agg(v, w) FROM fw;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
DO $$
BEGIN
    BEGIN PERFORM set_config('debug_parallel_query', 'off', false);
    EXCEPTION WHEN undefined_object THEN PERFORM set_config('force_parallel_mode', 'off', false);
    END;
END $$;
SELECT count(*) AS forms, count(DISTINCT d::text) AS distinct_texts,
       count(DISTINCT distribution_send(d)) AS distinct_bytes,
       count(DISTINCT float8send(weighted_median(d))) AS distinct_medians,
       count(DISTINCT float8send(gini(d))) AS distinct_gini,
       count(DISTINCT float8send(distribution_sum(d))) AS distinct_sums
FROM forms;
-- Independent check of the weights: value v's weight must be the exact sum
-- of its rows' float8 weights rounded once.  numeric holds the exact binary
-- value of each float8 weight (decimal expansions of the doubles, e.g. 0.1
-- is 3602879701896397 / 2^55), and numeric → float8 rounds correctly.
-- distribution_sum of distribution_agg(1, w) is that weight times 1.
CREATE FUNCTION pg_temp.exact(w float8) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE w WHEN 0.1 THEN 0.1000000000000000055511151231257827021181583404541015625
                  WHEN 0.2 THEN 0.200000000000000011102230246251565404236316680908203125
                  WHEN 0.3 THEN 0.299999999999999988897769753748434595763683319091796875
                  WHEN 0.7 THEN 0.6999999999999999555910790149937383830547332763671875
                  ELSE w::numeric END $$;   -- 1 and 1e16 are exact in numeric
SELECT count(*) AS values_checked,
       count(*) FILTER (WHERE got = want) AS exact_weights,
       count(*) FILTER (WHERE naive <> want) AS naive_sums_off
FROM (SELECT v, distribution_sum(distribution_agg(1, w)) AS got,
             sum(pg_temp.exact(w))::float8 AS want, sum(w ORDER BY i) AS naive
      FROM fw GROUP BY v) s;
-- The exact half: value 46 has the weights 1e16, 1, 1 (exactly 1e16 + 2,
-- a float8), 47 one row of 1e16 + 2, so W = 2e16 + 4 and the cumulative
-- weight of 46 is exactly W/2: the median is 46.  Added in the order
-- 1e16, 1, 1 in float8, 46 would get 1e16 (1e16 + 1 rounds to even) and the
-- median would flip to 47.
SELECT 1e16::float8 + 1 + 1 AS naive_46, 1e16::float8 + 1 + 1 = 1e16 AS flips;
CREATE TABLE half (i int, v float8, w float8);
INSERT INTO half VALUES (1, 46, 1e16), (2, 46, 1), (3, 46, 1), (4, 47, 10000000000000002);
SELECT weighted_median(v, w ORDER BY i) AS asc_order, weighted_median(v, w ORDER BY i DESC) AS desc_order,
       weighted_median(distribution_agg(v, w ORDER BY i)) AS via_state
FROM half;
-- each row its own partial state, merged in both orders and through text
SELECT weighted_median(distribution_merge(d ORDER BY i)) AS merged,
       weighted_median(distribution_merge(d ORDER BY i DESC)) AS merged_rev,
       weighted_median(distribution_merge(d::text::distribution ORDER BY i DESC)) AS merged_text
FROM (SELECT i, distribution_agg(v, w) AS d FROM half GROUP BY i) s;
-- the 0.1/0.2 half: 46 holds 0.1 + 0.2, 47 holds 0.2 + 0.1, so cum(46) is
-- exactly half of W and exact arithmetic says 46.  (The exact W,
-- 0.60000000000000003331, lies half-way between the floats 0.59999999999999997780
-- and 0.60000000000000008882 and rounds to the even, upper one: a target
-- 0.5·RN(W) would exceed cum(46) and give 47; the comparison is exact.)
SELECT weighted_median(v, w ORDER BY i) AS asc_order, weighted_median(v, w ORDER BY i DESC) AS desc_order,
       weighted_quantile(v, w, ARRAY[0.5, 0.5000000000000001, 1]) AS around_half   -- just above half: 47
FROM (VALUES (1, 46::float8, 0.1::float8), (2, 46, 0.2), (3, 47, 0.2), (4, 47, 0.1)) t(i, v, w);
-- whole weights keep the float8 product of percentile_disc: q·W = 0.1·10
-- rounds to 1, so the first row (1) is the answer, as percentile_disc says
SELECT (SELECT weighted_quantile(x, w, 0.1) FROM (VALUES (1::float8, 1::float8), (2, 9)) t(x, w)) AS weighted,
       (SELECT percentile_disc(0.1) WITHIN GROUP (ORDER BY x)
        FROM (VALUES (1::float8, 1), (2, 9)) t(x, w), generate_series(1, w) g) AS disc;

-- 16. Final functions refuse a direct call; inside an aggregate they
-- validate the parameter the state carries, like the accessors.
SELECT pg_temp.err($$SELECT distribution_quantiles_final('count=3 params={5,-3,1e300,NaN} {1,2,3}')$$);
SELECT pg_temp.err($$SELECT distribution_quantile_final('count=3 params={0.5} {1,2,3}')$$);
SELECT pg_temp.err($$SELECT distribution_top_share_final('count=3 params={0.5} {1,2,3}')$$);
SELECT pg_temp.err($$SELECT distribution_lorenz_final('count=3 params={2} {1,2,3}')$$);
SELECT pg_temp.err($$SELECT topk_state_share('k=2 count=3 sum=6 sum_lo=0 {3,2}')$$);
CREATE AGGREGATE pg_temp.q_final(distribution) (SFUNC = distribution_combine, STYPE = distribution, FINALFUNC = distribution_quantiles_final);
CREATE AGGREGATE pg_temp.lorenz_final(distribution) (SFUNC = distribution_combine, STYPE = distribution, FINALFUNC = distribution_lorenz_final);
SELECT pg_temp.err($$SELECT pg_temp.q_final(d) FROM (VALUES ('count=3 params={5,-3,1e300,NaN} {1,2,3}'::distribution)) t(d)$$);
SELECT pg_temp.q_final(d) FROM (VALUES ('count=3 params={0.5,NaN,1} {1,2,3}'::distribution)) t(d);   -- {2,NULL,3}
SELECT pg_temp.err($$SELECT pg_temp.lorenz_final(d) FROM (VALUES ('count=1 params={2.5} {1}'::distribution)) t(d)$$);
SELECT pg_temp.lorenz_final(d) FROM (VALUES ('count=2 params={2} {1,3}'::distribution)) t(d);          -- {0, 1/4, 1}
SELECT pg_temp.topk_merge(t) FROM (VALUES ('k=2 count=3 sum=6 sum_lo=0 {3,2}'::topk_state)) s(t);      -- 5/6

-- 17. The primary message does not name a function; CONTEXT names the
-- aggregate the call serves (hhi and gini share a transition function), or
-- the accessor.
SELECT pg_temp.err('SELECT gini(x) FROM (VALUES (1::float8), (-2)) t(x)');
SELECT pg_temp.err('SELECT hhi(x) FROM (VALUES (1::float8), (-2)) t(x)');
SELECT pg_temp.err('SELECT weighted_median(x, -1) FROM (VALUES (1::float8)) t(x)');
SELECT pg_temp.err('SELECT hhi(distribution_agg(x)) FROM (VALUES (1::float8), (-2)) t(x)');
SELECT pg_temp.err('SELECT top_k_share(x, 0) FROM (VALUES (1::float8)) t(x)');
-- also as a window aggregate (no Aggref: the C function's own name)
SELECT pg_temp.err('SELECT gini(x) OVER () FROM (VALUES (1::float8), (-2)) t(x)');
-- found by the fuzz harness: with a subnormal weight, HHI = Σ w (x/S)² is
-- 1/w for one entry (≈ 6.7e312), beyond float8: an overflow error, not
-- Infinity; a weight of 0.5 gives 1/0.5 = 2 (HHI exceeds 1 with weights < 1)
SELECT pg_temp.err('SELECT hhi(''count=1 {42:1.4853970537e-313}''::distribution)');
SELECT hhi('count=1 {42:0.5}'::distribution);
-- also found by the fuzz harness: a weight of 2^64 beside small ones. The
-- weight above each entry was W - c, which long double cannot hold exactly
-- beyond 2^64 (1.0101 came out); now summed from the top. Exact value:
-- 1 - O(86 / 2^64), which is 1 in float8.
SELECT gini('count=100 {0:1.8446744073709552e+19,1:15,2:15,3:14,4:14,5:14,6:14}'::distribution);
-- weights near the float8 limit (their sum is not a float8): 2·w7·w9 /
-- (W·S) with w7 = 1.7976931348623157e308, w9 = 1e308 and the small weights
-- negligible = 3.5954e616 / (2.7977e308 · 2.1584e309) = 0.059541 (was
-- Infinity)
SELECT round(gini('count=10 {1:0.5,2,3:1.5,4:2,5:2.5,6:3,7:1.7976931348623157e+308,8:4,9:1e+308,10:5}'::distribution)::numeric, 6);
-- error messages quote at most 60 bytes of the input, cut at a character
-- boundary: 9 ASCII bytes + 25 two-byte characters = 59 bytes (a 26th would
-- end at byte 61); 28 + 16·2 = 60; 31 + 14·2 = 59. Positions count
-- characters.
SELECT pg_temp.err($$SELECT ('count=1 {' || repeat('é', 40) || '}')::distribution$$);
SELECT pg_temp.err($$SELECT ('k=1 count=1 sum=1 sum_lo=0 {' || repeat('é', 40) || '}')::topk_state$$);
SELECT pg_temp.err($$SELECT ('k=1 count=1 sum=5 sum_lo=0 {1} ' || repeat('é', 40))::topk_state$$);

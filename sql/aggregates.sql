--
-- The aggregates on hand-checked data, the edge cases of the contract, and
-- one-step = two-step.
--
CREATE TABLE v4 (x float8, w float8);
INSERT INTO v4 VALUES (3, 1), (1, 1), (4, 1), (2, 1);
-- {1,2,3,4}: Gini = Σ i(n-i)Δ/(nΣx) = (3+4+3)/40 = 0.25; top-2 = 7/10;
-- HHI = (1+4+9+16)/100 = 0.3; Lorenz at quarters = 0, .1, .3, .6, 1;
-- median (percentile_disc 0.5) = 2; top 50% = top 2 = 0.7
SELECT gini(x), top_k_share(x, 2), hhi(x), lorenz(x, 4), weighted_median(x, w),
       top_share(x, 0.5), top_share(x, 0.26) AS top_2_of_4, top_share(x, 0.25) AS top_1_of_4
FROM v4;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM v4;
-- weighted: Gini with weights = ΣΣ wᵢwⱼ|xᵢ-xⱼ| / (2W²μ);
-- values 1 (w 3) and 5 (w 1): ΣΣ = 2·3·1·4 = 24, W = 4, μ = 8/4 = 2 → 24/(2·16·2) = 0.375
SELECT gini(x, w) FROM (VALUES (1, 3), (5, 1)) t(x, w);
SELECT gini(x) FROM (VALUES (1), (1), (1), (5)) t(x);                 -- the same, unrolled
-- weighted quantiles: cumulative weights 1:3, 5:4 of W = 4
SELECT weighted_quantile(x, w, 0.0) AS q0, weighted_quantile(x, w, 0.75) AS q75,
       weighted_quantile(x, w, 0.76) AS q76, weighted_quantile(x, w, 1.0) AS q100,
       weighted_quantile(x, w, ARRAY[0, 0.75, NULL, 0.76, 1]) AS qs,
       weighted_median(x, w)
FROM (VALUES (1, 3), (5, 1)) t(x, w);
-- zero weights are never returned, fractional weights are allowed
SELECT weighted_quantile(x, w, 0) AS q0, weighted_median(x, w), weighted_quantile(x, w, 1) AS q1
FROM (VALUES (-7, 0), (2, 0.25), (3, 0.5), (10, 0.25), (99, 0)) t(x, w);

-- empty input and only NULLs: NULL
SELECT gini(x), hhi(x), top_k_share(x, 3), top_share(x, 0.1), lorenz(x, 4),
       weighted_median(x, x), weighted_quantile(x, x, 0.5), distribution_agg(x)
FROM v4 WHERE false;
SELECT gini(x), hhi(x), top_k_share(x, 3), top_share(x, 0.1), lorenz(x, 4),
       weighted_median(x, 1), distribution_agg(x)
FROM (VALUES (NULL::float8), (NULL)) t(x);
-- NULLs are skipped (values, weights and parameters)
SELECT gini(x), top_k_share(x, 2), weighted_median(x, w), distribution_agg(x, w)
FROM (VALUES (1::float8, 1::float8), (NULL, 1), (2, NULL), (3, 1)) t(x, w);
SELECT top_k_share(x, k) FROM (VALUES (1::float8, NULL::int), (2, 1), (3, 1)) t(x, k);
-- one row
SELECT gini(x), hhi(x), top_k_share(x, 1), top_k_share(x, 10), top_share(x, 0.01),
       lorenz(x, 2), weighted_median(x, 2) FROM (VALUES (42::float8)) t(x);
-- all zeros: a total of 0 gives NULL for every share
SELECT gini(x), hhi(x), top_k_share(x, 1), top_share(x, 0.5), lorenz(x, 2),
       weighted_median(x, 1), distribution_agg(x)
FROM (SELECT 0::float8 AS x FROM generate_series(1, 5)) t;
-- all weights zero: nothing can be returned
SELECT weighted_median(x, 0), gini(x, 0), distribution_agg(x, 0)
FROM (VALUES (1::float8), (2)) t(x);
-- ties: k ≥ n gives 1; ties never change a result
SELECT top_k_share(x, 3) AS top3, top_k_share(x, 4) AS top4, top_k_share(x, 5) AS top5, gini(x),
       hhi(x), top_share(x, 0.5), lorenz(x, 4), weighted_median(x, 1), weighted_quantile(x, 1, ARRAY[0, 1])
FROM (VALUES (2::float8), (2), (2), (2)) t(x);
SELECT top_k_share(x, 2), gini(x), hhi(x)
FROM (VALUES (5::float8), (1), (5), (1), (5)) t(x);        -- 10/17, Gini 0.2823…, HHI 77/289
SELECT 10/17::float8 AS expected_top2, (2*3*4.0)/(5*17) AS expected_gini, 77/289::float8 AS expected_hhi;
-- huge values: 1e300 neither overflows nor loses the small ones' order
SELECT top_k_share(x, 1), gini(x), hhi(x), lorenz(x, 2), weighted_median(x, 1),
       top_share(x, 0.5), weighted_quantile(x, 1e300, ARRAY[0, 0.25, 0.26, 1]), distribution_agg(x, 1e300)
FROM (VALUES (1e300::float8), (1e300), (1e300), (1)) t(x);
SELECT top_k_share(x, 1) = 0.5 AS half, gini(x) = 0.5 AS gini_half   -- 2·2·1e300 / (4·2e300)
FROM (VALUES (1e300::float8), (1e300), (0), (0)) t(x);
-- -0 and 0 are the same value
SELECT distribution_agg(x) FROM (VALUES ('-0'::float8), (0)) t(x);

-- one-step equals its accessor over the two-step rollup, grouped and not
SELECT setseed(0.25);
CREATE TABLE groups AS
SELECT g, (floor(power(random(), -1.3)) - 1)::float8 AS x, floor(random() * 10)::float8 AS w
FROM generate_series(1, 5) g, generate_series(1, 3000) i;
CREATE TABLE rollup AS SELECT g, distribution_agg(x) AS d, distribution_agg(x, w) AS dw
FROM groups GROUP BY g;
SELECT a.gini = gini(r.d) AS gini, a.gini_w = gini(r.dw) AS gini_w, a.hhi = hhi(r.d) AS hhi,
       abs(a.top - top_k_share(r.d, 20)) <= 1e-15 * a.top AS top_k,
       a.tops = top_share(r.d, 0.01) AS top_share, a.lor = lorenz(r.d, 10) AS lorenz,
       a.med = weighted_median(r.dw) AS median, a.qs = weighted_quantile(r.dw, ARRAY[0.1, 0.9]) AS quantiles,
       a.n = distribution_count(r.d) AS n, a.s = distribution_sum(r.d) AS s
FROM (SELECT g, gini(x), gini(x, w) AS gini_w, hhi(x), top_k_share(x, 20) AS top, top_share(x, 0.01) AS tops,
             lorenz(x, 10) AS lor, weighted_median(x, w) AS med,
             weighted_quantile(x, w, ARRAY[0.1, 0.9]) AS qs, count(x) AS n, sum(x) AS s
      FROM groups GROUP BY g) a
JOIN rollup r USING (g) ORDER BY g;
-- merging the stored rollup equals aggregating everything at once
SELECT gini(distribution_merge(d)) = (SELECT gini(x) FROM groups) AS gini,
       weighted_median(distribution_merge(dw)) = (SELECT weighted_median(x, w) FROM groups) AS median,
       distribution_merge(d)::text = (SELECT distribution_agg(x)::text FROM groups) AS same_state
FROM rollup;
-- merge is order-independent, also with NULL states in between
SELECT count(DISTINCT m::text) AS distinct_results
FROM (SELECT distribution_merge(d ORDER BY g) m FROM rollup
      UNION ALL SELECT distribution_merge(d ORDER BY g DESC) FROM rollup
      UNION ALL SELECT distribution_merge(d ORDER BY random()) FROM (SELECT d FROM rollup UNION ALL SELECT NULL) s) t;
-- input order and duplication never change a result
SELECT count(DISTINCT (gini, top, med, hhi)) AS distinct_results
FROM (SELECT gini(x ORDER BY x) gini, top_k_share(x, 7 ORDER BY x DESC) top, weighted_median(x, w ORDER BY w) med, hhi(x ORDER BY random()) hhi FROM groups
      UNION ALL SELECT gini(x ORDER BY x DESC), top_k_share(x, 7 ORDER BY x), weighted_median(x, w ORDER BY x DESC), hhi(x ORDER BY x) FROM groups
      UNION ALL SELECT gini(x ORDER BY random()), top_k_share(x, 7 ORDER BY random()), weighted_median(x, w ORDER BY random()), hhi(x ORDER BY w) FROM groups) t;
-- a state merged with itself doubles every weight: shares stay the same
SELECT gini(distribution_merge(d)) = gini((SELECT d FROM rollup WHERE g = 1)) AS same
FROM (SELECT d FROM rollup WHERE g = 1 UNION ALL SELECT d FROM rollup WHERE g = 1) s;
-- gini and hhi over the same input share one transition state; both stay right
EXPLAIN (COSTS OFF) SELECT gini(x), hhi(x) FROM groups;
SELECT gini(x) = (SELECT gini(x) FROM groups) AS g, hhi(x) = (SELECT hhi(x) FROM groups) AS h FROM groups;
DROP TABLE v4, groups, rollup;

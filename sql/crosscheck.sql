--
-- 24 random data sets, each statistic checked against an independent
-- plain-SQL formulation evaluated in exact numeric arithmetic.  Values are
-- decimals with few digits, so numeric holds them exactly; a result agrees
-- when its relative difference is at most 1e-12.
--
SELECT setseed(0.3141);
CREATE TABLE ds AS
SELECT d, i,
       CASE d % 4
         WHEN 0 THEN floor(random() * 10)                                   -- many ties
         WHEN 1 THEN round((floor(power(random(), -1.5)) - 1)::numeric, 0)  -- heavy tail
         WHEN 2 THEN round((random() * 1e6)::numeric, 3)                    -- mostly distinct
         ELSE round(exp(random() * 25)::numeric, 2)                         -- spanning 11 decades
       END::numeric AS x,
       CASE WHEN d % 3 = 0 THEN floor(random() * 5)                         -- integer weights, some 0
            ELSE round((random() * 4)::numeric * 8) / 8 END::numeric AS w   -- dyadic fractions
FROM generate_series(1, 24) d,
     generate_series(1, CASE WHEN d <= 4 THEN d ELSE 50 + (d * 137) % 1500 END) i;
-- data set 24 is all zeros
UPDATE ds SET x = 0 WHERE d = 24;
SELECT count(DISTINCT d) AS data_sets, count(*) AS rows FROM ds;

CREATE FUNCTION pg_temp.agree(a float8, b numeric) RETURNS bool LANGUAGE sql AS
$$ SELECT (a IS NULL AND b IS NULL) OR abs(a::numeric - b) <= 1e-12 * greatest(abs(b), 1e-300) $$;

-- the extension's results, per data set
CREATE TABLE got AS
SELECT d, count(*) AS n,
       top_k_share(x, 5) AS top5, top_share(x, 0.1) AS top10pct, gini(x) AS gini,
       gini(x, w) AS gini_w, hhi(x) AS hhi, lorenz(x, 7) AS lor,
       weighted_quantile(x, w, 0.3) AS wq30, weighted_median(x, w) AS wmed,
       weighted_quantile(x, w, ARRAY[0, 0.25, 0.9, 1]) AS wqs,
       weighted_quantile(x, 1, 0.37) AS q37
FROM ds GROUP BY d;

-- references, in numeric
CREATE TABLE ref AS
WITH r AS (
    SELECT d, x, w, row_number() OVER (PARTITION BY d ORDER BY x) AS i,
           row_number() OVER (PARTITION BY d ORDER BY x DESC) AS rdesc,
           count(*) OVER (PARTITION BY d) AS n, sum(x) OVER (PARTITION BY d) AS s
    FROM ds)
SELECT d,
       -- Σ of the 5 largest / Σ
       CASE WHEN max(s) = 0 THEN NULL ELSE sum(x) FILTER (WHERE rdesc <= 5) / max(s) END AS top5,
       -- the largest ceil(0.1·n) (product in float8, as percentile_disc)
       CASE WHEN max(s) = 0 THEN NULL
            ELSE sum(x) FILTER (WHERE rdesc <= ceil(0.1::float8 * n)) / max(s) END AS top10pct,
       -- Gini from ranks: 2Σ i·x₍ᵢ₎ / (nΣx) − (n+1)/n
       CASE WHEN max(s) = 0 THEN NULL
            ELSE 2 * sum(i * x) / (max(n) * max(s)) - (max(n) + 1)::numeric / max(n) END AS gini,
       -- HHI
       sum((x / nullif(s, 0)) * (x / nullif(s, 0))) AS hhi
FROM r GROUP BY d;

-- weighted Gini by the definition ΣΣ wᵢwⱼ|xᵢ−xⱼ| / (2W²μ) = ΣΣ … / (2 W Σwx)
ALTER TABLE ref ADD gini_w numeric;
UPDATE ref SET gini_w = q.g
FROM (SELECT a.d, CASE WHEN sum(a.w * b.w * b.x) = 0 THEN NULL
                       ELSE sum(a.w * b.w * abs(a.x - b.x)) / (2 * sum(a.w * b.w * b.x)) END AS g
      FROM ds a JOIN ds b USING (d) GROUP BY a.d) q
WHERE ref.d = q.d;

-- weighted quantile: smallest x whose cumulative weight (over values ≤ x) reaches q·W
CREATE FUNCTION pg_temp.wq(dd int, q numeric) RETURNS numeric LANGUAGE sql AS $$
    SELECT min(x) FROM (
        SELECT x, sum(w) OVER (ORDER BY x RANGE UNBOUNDED PRECEDING) AS cw,
               sum(w) OVER () AS tw
        FROM ds WHERE d = dd AND w > 0) s
    WHERE cw::float8 >= q::float8 * tw::float8 $$;

-- Lorenz curve at i/7: (Σ of the ⌊p⌋ smallest + frac · the next) / Σ, p = i·n/7
CREATE FUNCTION pg_temp.lorenz_ref(dd int, pts int) RETURNS numeric[] LANGUAGE sql AS $$
    WITH r AS (SELECT x, row_number() OVER (ORDER BY x) AS i FROM ds WHERE d = dd),
         t AS (SELECT count(*) AS n, sum(x) AS s FROM r)
    SELECT CASE WHEN t.s = 0 THEN NULL ELSE array_agg(
             (coalesce((SELECT sum(x) FROM r WHERE r.i <= floor(k::numeric * t.n / pts)), 0)
              + (k::numeric * t.n / pts - floor(k::numeric * t.n / pts))
                * coalesce((SELECT x FROM r WHERE r.i = floor(k::numeric * t.n / pts) + 1), 0)) / nullif(t.s, 0)
             ORDER BY k) END
    FROM t, generate_series(0, pts) k GROUP BY t.s $$;

SELECT count(*) AS data_sets,
       count(*) FILTER (WHERE pg_temp.agree(g.top5, r.top5)) AS top_k_share,
       count(*) FILTER (WHERE pg_temp.agree(g.top10pct, r.top10pct)) AS top_share,
       count(*) FILTER (WHERE pg_temp.agree(g.gini, r.gini)) AS gini,
       count(*) FILTER (WHERE pg_temp.agree(g.gini_w, r.gini_w)) AS gini_weighted,
       count(*) FILTER (WHERE pg_temp.agree(g.hhi, r.hhi)) AS hhi
FROM got g JOIN ref r USING (d);

SELECT count(*) AS data_sets,
       count(*) FILTER (WHERE pg_temp.agree(g.wq30, pg_temp.wq(d, 0.3))) AS wq30,
       count(*) FILTER (WHERE pg_temp.agree(g.wmed, pg_temp.wq(d, 0.5))) AS wmedian,
       count(*) FILTER (WHERE g.wqs IS NOT DISTINCT FROM
                              ARRAY[pg_temp.wq(d, 0), pg_temp.wq(d, 0.25), pg_temp.wq(d, 0.9), pg_temp.wq(d, 1)]::float8[]) AS wq_array,
       count(*) FILTER (WHERE g.q37 = (SELECT percentile_disc(0.37) WITHIN GROUP (ORDER BY x) FROM ds WHERE ds.d = g.d)) AS percentile_disc
FROM got g;

SELECT count(*) AS data_sets,
       count(*) FILTER (WHERE (g.lor IS NULL AND l.ref IS NULL)
                           OR (SELECT bool_and(pg_temp.agree(a, b)) FROM unnest(g.lor, l.ref) u(a, b))) AS lorenz
FROM got g, LATERAL (SELECT pg_temp.lorenz_ref(g.d, 7) AS ref) l;

-- show the disagreements, if any (expected: none)
SELECT g.d, g.gini, r.gini AS ref_gini, g.gini_w, r.gini_w AS ref_gini_w, g.top5, r.top5 AS ref_top5
FROM got g JOIN ref r USING (d)
WHERE NOT (pg_temp.agree(g.gini, r.gini) AND pg_temp.agree(g.gini_w, r.gini_w) AND pg_temp.agree(g.top5, r.top5));
DROP TABLE ds, got, ref;

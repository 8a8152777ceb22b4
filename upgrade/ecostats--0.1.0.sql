-- FROZEN: the install script of ecostats 0.1.0 exactly as released (generic and Hub layer in one
-- extension).  Kept so that a database can be created at 0.1.0 to test the upgrade path, and never
-- edited: changes go into update scripts.
-- ecostats 0.1.0 — install script.
-- Generated into ecostats--0.1.0.sql by the Makefile; edit this file only.

\echo Use "CREATE EXTENSION ecostats" to load this file. \quit

--------------------------------------------------------------------------
-- Type distribution: the stored, mergeable form of a value distribution
--------------------------------------------------------------------------

CREATE TYPE @extschema@.distribution;

CREATE FUNCTION @extschema@.distribution_in(cstring) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'distribution_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_out(@extschema@.distribution) RETURNS cstring
    AS 'MODULE_PATHNAME', 'distribution_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_recv(internal) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'distribution_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_send(@extschema@.distribution) RETURNS bytea
    AS 'MODULE_PATHNAME', 'distribution_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.distribution (
    INPUT = @extschema@.distribution_in,
    OUTPUT = @extschema@.distribution_out,
    RECEIVE = @extschema@.distribution_recv,
    SEND = @extschema@.distribution_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.distribution IS
    'Sorted run-length (value, weight) distribution with its row count: the storable, mergeable state of the ecostats statistics';
COMMENT ON FUNCTION @extschema@.distribution_in(cstring) IS 'Text input of distribution: count=N [params={…}] {value[:weight],…}';
COMMENT ON FUNCTION @extschema@.distribution_out(@extschema@.distribution) IS 'Canonical text output of distribution, exact float8 digits';
COMMENT ON FUNCTION @extschema@.distribution_recv(internal) IS 'Binary input of distribution (format version 1), validating every byte';
COMMENT ON FUNCTION @extschema@.distribution_send(@extschema@.distribution) IS 'Binary output of distribution (format version 1)';

--------------------------------------------------------------------------
-- Type topk_state: the state of top_k_share
--------------------------------------------------------------------------

CREATE TYPE @extschema@.topk_state;

CREATE FUNCTION @extschema@.topk_state_in(cstring) RETURNS @extschema@.topk_state
    AS 'MODULE_PATHNAME', 'topk_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.topk_state_out(@extschema@.topk_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'topk_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.topk_state_recv(internal) RETURNS @extschema@.topk_state
    AS 'MODULE_PATHNAME', 'topk_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.topk_state_send(@extschema@.topk_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'topk_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.topk_state (
    INPUT = @extschema@.topk_state_in,
    OUTPUT = @extschema@.topk_state_out,
    RECEIVE = @extschema@.topk_state_recv,
    SEND = @extschema@.topk_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.topk_state IS
    'State of top_k_share: k, row count, compensated running total and the k largest values';
COMMENT ON FUNCTION @extschema@.topk_state_in(cstring) IS 'Text input of topk_state: k=K count=N sum=S sum_lo=E {v1,v2,…}';
COMMENT ON FUNCTION @extschema@.topk_state_out(@extschema@.topk_state) IS 'Canonical text output of topk_state, exact float8 digits';
COMMENT ON FUNCTION @extschema@.topk_state_recv(internal) IS 'Binary input of topk_state (format version 1), validating every byte';
COMMENT ON FUNCTION @extschema@.topk_state_send(@extschema@.topk_state) IS 'Binary output of topk_state (format version 1)';

--------------------------------------------------------------------------
-- Transition, combine and final support functions (not for direct use)
--------------------------------------------------------------------------

CREATE FUNCTION @extschema@.topk_state_accum(@extschema@.topk_state, float8, int4) RETURNS @extschema@.topk_state
    AS 'MODULE_PATHNAME', 'eco_topk_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.topk_state_combine(@extschema@.topk_state, @extschema@.topk_state) RETURNS @extschema@.topk_state
    AS 'MODULE_PATHNAME', 'eco_topk_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.topk_state_share(@extschema@.topk_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_topk_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.distribution_accum(@extschema@.distribution, float8) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_accum(@extschema@.distribution, float8, float8) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum_w' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_accum_nonneg(@extschema@.distribution, float8) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum_nonneg' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_accum_nonneg(@extschema@.distribution, float8, float8) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum_w_nonneg' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_accum_fraction(@extschema@.distribution, float8, float8) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum_frac' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_accum_points(@extschema@.distribution, float8, int4) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum_points' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_accum_quantile(@extschema@.distribution, float8, float8, float8) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum_wq' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_accum_quantile(@extschema@.distribution, float8, float8, float8[]) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_accum_wqa' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_combine(@extschema@.distribution, @extschema@.distribution) RETURNS @extschema@.distribution
    AS 'MODULE_PATHNAME', 'eco_dist_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.distribution_top_share_final(@extschema@.distribution) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_top_share_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_quantile_final(@extschema@.distribution) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_weighted_quantile_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_quantiles_final(@extschema@.distribution) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'eco_weighted_quantiles_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_lorenz_final(@extschema@.distribution) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'eco_lorenz_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.topk_state_accum(@extschema@.topk_state, float8, int4) IS 'Transition function of top_k_share(float8, int)';
COMMENT ON FUNCTION @extschema@.topk_state_combine(@extschema@.topk_state, @extschema@.topk_state) IS 'Combine function of top_k_share(float8, int)';
COMMENT ON FUNCTION @extschema@.topk_state_share(@extschema@.topk_state) IS 'Final function of top_k_share(float8, int): share of the k largest values in the total';
COMMENT ON FUNCTION @extschema@.distribution_accum(@extschema@.distribution, float8) IS 'Transition function of distribution_agg(float8)';
COMMENT ON FUNCTION @extschema@.distribution_accum(@extschema@.distribution, float8, float8) IS 'Transition function of distribution_agg(float8, float8) and weighted_median';
COMMENT ON FUNCTION @extschema@.distribution_accum_nonneg(@extschema@.distribution, float8) IS 'Transition function of gini(float8) and hhi(float8): rejects negative values';
COMMENT ON FUNCTION @extschema@.distribution_accum_nonneg(@extschema@.distribution, float8, float8) IS 'Transition function of gini(float8, float8): rejects negative values';
COMMENT ON FUNCTION @extschema@.distribution_accum_fraction(@extschema@.distribution, float8, float8) IS 'Transition function of top_share(float8, float8)';
COMMENT ON FUNCTION @extschema@.distribution_accum_points(@extschema@.distribution, float8, int4) IS 'Transition function of lorenz(float8, int)';
COMMENT ON FUNCTION @extschema@.distribution_accum_quantile(@extschema@.distribution, float8, float8, float8) IS 'Transition function of weighted_quantile(float8, float8, float8)';
COMMENT ON FUNCTION @extschema@.distribution_accum_quantile(@extschema@.distribution, float8, float8, float8[]) IS 'Transition function of weighted_quantile(float8, float8, float8[])';
COMMENT ON FUNCTION @extschema@.distribution_combine(@extschema@.distribution, @extschema@.distribution) IS 'Merges two distributions: combine function of every distribution aggregate and transition function of distribution_merge';
COMMENT ON FUNCTION @extschema@.distribution_top_share_final(@extschema@.distribution) IS 'Final function of top_share(float8, float8)';
COMMENT ON FUNCTION @extschema@.distribution_quantile_final(@extschema@.distribution) IS 'Final function of weighted_quantile(float8, float8, float8)';
COMMENT ON FUNCTION @extschema@.distribution_quantiles_final(@extschema@.distribution) IS 'Final function of weighted_quantile(float8, float8, float8[])';
COMMENT ON FUNCTION @extschema@.distribution_lorenz_final(@extschema@.distribution) IS 'Final function of lorenz(float8, int)';

--------------------------------------------------------------------------
-- Accessors over a distribution
--------------------------------------------------------------------------

CREATE FUNCTION @extschema@.gini(@extschema@.distribution) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_gini' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.hhi(@extschema@.distribution) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_hhi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.top_k_share(@extschema@.distribution, int4) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_top_k_share_dist' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.top_share(@extschema@.distribution, float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_top_share_dist' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_quantile(@extschema@.distribution, float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_weighted_quantile_dist' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_quantile(@extschema@.distribution, float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'eco_weighted_quantiles_dist' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_median(@extschema@.distribution) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_weighted_median_dist' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lorenz(@extschema@.distribution, int4) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'eco_lorenz_dist' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_count(@extschema@.distribution) RETURNS bigint
    AS 'MODULE_PATHNAME', 'eco_distribution_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.distribution_sum(@extschema@.distribution) RETURNS float8
    AS 'MODULE_PATHNAME', 'eco_distribution_sum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.gini(@extschema@.distribution) IS 'Gini coefficient of a distribution (weights as frequencies); NULL when the total is 0';
COMMENT ON FUNCTION @extschema@.hhi(@extschema@.distribution) IS 'Herfindahl–Hirschman index Σ(v/Σv)² of a distribution; NULL when the total is 0';
COMMENT ON FUNCTION @extschema@.top_k_share(@extschema@.distribution, int4) IS 'Share of the total held by the k largest values of a distribution';
COMMENT ON FUNCTION @extschema@.top_share(@extschema@.distribution, float8) IS 'Share of the total held by the largest ceil(fraction·n) values of a distribution';
COMMENT ON FUNCTION @extschema@.weighted_quantile(@extschema@.distribution, float8) IS 'Smallest value whose cumulative weight reaches q·W';
COMMENT ON FUNCTION @extschema@.weighted_quantile(@extschema@.distribution, float8[]) IS 'Weighted quantiles for each q of an array (NULL q gives NULL)';
COMMENT ON FUNCTION @extschema@.weighted_median(@extschema@.distribution) IS 'Weighted median: weighted_quantile(d, 0.5)';
COMMENT ON FUNCTION @extschema@.lorenz(@extschema@.distribution, int4) IS 'Lorenz curve at population shares 0, 1/points, …, 1 (points+1 values)';
COMMENT ON FUNCTION @extschema@.distribution_count(@extschema@.distribution) IS 'Number of non-NULL input rows of a distribution';
COMMENT ON FUNCTION @extschema@.distribution_sum(@extschema@.distribution) IS 'Σ weight·value of a distribution (Σ value when unweighted)';

--------------------------------------------------------------------------
-- Aggregates
--------------------------------------------------------------------------

CREATE AGGREGATE @extschema@.top_k_share(float8, int4) (
    SFUNC = @extschema@.topk_state_accum,
    STYPE = @extschema@.topk_state,
    COMBINEFUNC = @extschema@.topk_state_combine,
    FINALFUNC = @extschema@.topk_state_share,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.top_share(float8, float8) (
    SFUNC = @extschema@.distribution_accum_fraction,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.distribution_top_share_final,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.gini(float8) (
    SFUNC = @extschema@.distribution_accum_nonneg,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.gini,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.gini(float8, float8) (
    SFUNC = @extschema@.distribution_accum_nonneg,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.gini,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.hhi(float8) (
    SFUNC = @extschema@.distribution_accum_nonneg,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.hhi,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.weighted_quantile(float8, float8, float8) (
    SFUNC = @extschema@.distribution_accum_quantile,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.distribution_quantile_final,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.weighted_quantile(float8, float8, float8[]) (
    SFUNC = @extschema@.distribution_accum_quantile,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.distribution_quantiles_final,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.weighted_median(float8, float8) (
    SFUNC = @extschema@.distribution_accum,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.weighted_median,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.lorenz(float8, int4) (
    SFUNC = @extschema@.distribution_accum_points,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    FINALFUNC = @extschema@.distribution_lorenz_final,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.distribution_agg(float8) (
    SFUNC = @extschema@.distribution_accum,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.distribution_agg(float8, float8) (
    SFUNC = @extschema@.distribution_accum,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    PARALLEL = SAFE
);

CREATE AGGREGATE @extschema@.distribution_merge(@extschema@.distribution) (
    SFUNC = @extschema@.distribution_combine,
    STYPE = @extschema@.distribution,
    COMBINEFUNC = @extschema@.distribution_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.top_k_share(float8, int4) IS 'Share of the total held by the k largest values (k >= n gives 1); keeps only k values';
COMMENT ON AGGREGATE @extschema@.top_share(float8, float8) IS 'Share of the total held by the largest ceil(fraction·n) values';
COMMENT ON AGGREGATE @extschema@.gini(float8) IS 'Population Gini coefficient of non-negative values, exact';
COMMENT ON AGGREGATE @extschema@.gini(float8, float8) IS 'Weighted Gini coefficient ΣΣ wᵢwⱼ|xᵢ−xⱼ| / (2W²μ), exact';
COMMENT ON AGGREGATE @extschema@.hhi(float8) IS 'Herfindahl–Hirschman index Σ(v/Σv)² of non-negative values';
COMMENT ON AGGREGATE @extschema@.weighted_quantile(float8, float8, float8) IS 'Smallest value whose cumulative weight reaches q·W; percentile_disc(q) for unit weights';
COMMENT ON AGGREGATE @extschema@.weighted_quantile(float8, float8, float8[]) IS 'Weighted quantiles for each q of an array';
COMMENT ON AGGREGATE @extschema@.weighted_median(float8, float8) IS 'Weighted median: weighted_quantile(value, weight, 0.5)';
COMMENT ON AGGREGATE @extschema@.lorenz(float8, int4) IS 'Lorenz curve of non-negative values at population shares 0, 1/points, …, 1';
COMMENT ON AGGREGATE @extschema@.distribution_agg(float8) IS 'Builds a distribution (stored form) from values';
COMMENT ON AGGREGATE @extschema@.distribution_agg(float8, float8) IS 'Builds a distribution (stored form) from values and non-negative weights';
COMMENT ON AGGREGATE @extschema@.distribution_merge(@extschema@.distribution) IS 'Merges distributions (two-step rollups)';

--------------------------------------------------------------------------
-- Type lineage: one model's ancestry DAG
--------------------------------------------------------------------------

CREATE TYPE @extschema@.lineage;

CREATE FUNCTION @extschema@.lineage_in(cstring) RETURNS @extschema@.lineage
    AS 'MODULE_PATHNAME', 'lineage_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_out(@extschema@.lineage) RETURNS cstring
    AS 'MODULE_PATHNAME', 'lineage_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_recv(internal) RETURNS @extschema@.lineage
    AS 'MODULE_PATHNAME', 'lineage_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_send(@extschema@.lineage) RETURNS bytea
    AS 'MODULE_PATHNAME', 'lineage_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.lineage (
    INPUT = @extschema@.lineage_in,
    OUTPUT = @extschema@.lineage_out,
    RECEIVE = @extschema@.lineage_recv,
    SEND = @extschema@.lineage_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);

COMMENT ON TYPE @extschema@.lineage IS
    'One model''s ancestry DAG: the node, its ancestors and the edges among them with their relation';
COMMENT ON FUNCTION @extschema@.lineage_in(cstring) IS 'Text input of lineage: node => relation:parent, …; ancestor => …';
COMMENT ON FUNCTION @extschema@.lineage_out(@extschema@.lineage) IS 'Canonical text output of lineage';
COMMENT ON FUNCTION @extschema@.lineage_recv(internal) IS 'Binary input of lineage (format version 1), validating every byte';
COMMENT ON FUNCTION @extschema@.lineage_send(@extschema@.lineage) IS 'Binary output of lineage (format version 1)';

CREATE FUNCTION @extschema@.lineage_to_jsonb(@extschema@.lineage) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'lineage_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (@extschema@.lineage AS jsonb) WITH FUNCTION @extschema@.lineage_to_jsonb(@extschema@.lineage);
COMMENT ON FUNCTION @extschema@.lineage_to_jsonb(@extschema@.lineage) IS
    'The lineage as jsonb: {"node": …, "edges": [{"child", "parent", "relation"}, …]}';

CREATE FUNCTION @extschema@.lineage_node(@extschema@.lineage) RETURNS text
    AS 'MODULE_PATHNAME', 'lineage_node' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_parents(@extschema@.lineage) RETURNS text[]
    AS 'MODULE_PATHNAME', 'lineage_parents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_roots(@extschema@.lineage) RETURNS text[]
    AS 'MODULE_PATHNAME', 'lineage_roots' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_depth(@extschema@.lineage) RETURNS int4
    AS 'MODULE_PATHNAME', 'lineage_depth' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_distance(@extschema@.lineage, text) RETURNS int4
    AS 'MODULE_PATHNAME', 'lineage_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_ancestors(@extschema@.lineage,
        OUT ancestor text, OUT distance int4, OUT relation text) RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'lineage_ancestors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_identical(@extschema@.lineage, @extschema@.lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_identical' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_relations(@extschema@.lineage) RETURNS text[]
    AS 'MODULE_PATHNAME', 'lineage_relations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_root_shares(@extschema@.lineage,
        OUT root text, OUT share float8) RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'lineage_root_shares' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.lineage_node(@extschema@.lineage) IS 'The id of the lineage''s own node';
COMMENT ON FUNCTION @extschema@.lineage_parents(@extschema@.lineage) IS 'The direct parents of the node, by id';
COMMENT ON FUNCTION @extschema@.lineage_roots(@extschema@.lineage) IS 'Ancestors without parents, by id; the node itself when it has none';
COMMENT ON FUNCTION @extschema@.lineage_depth(@extschema@.lineage) IS 'Longest path from the node to a root; 0 for a root';
COMMENT ON FUNCTION @extschema@.lineage_distance(@extschema@.lineage, text) IS 'Fewest hops from the node to that ancestor; NULL if it is not one';
COMMENT ON FUNCTION @extschema@.lineage_ancestors(@extschema@.lineage) IS 'Every ancestor with its distance and the relation of the edge reaching it on a shortest path';
COMMENT ON FUNCTION @extschema@.lineage_identical(@extschema@.lineage, @extschema@.lineage) IS 'The two values are the same bytes (what lineage_build gives again for an unchanged graph); false can still mean the same graph stored differently';
COMMENT ON FUNCTION @extschema@.lineage_relations(@extschema@.lineage) IS 'The distinct relations of all edges of the lineage, by name';
COMMENT ON FUNCTION @extschema@.lineage_root_shares(@extschema@.lineage) IS '1.0 split across the roots, equally among the parents at every node (attribution summing to 100%)';

CREATE FUNCTION @extschema@.lineage_derives_from(@extschema@.lineage, text) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_derives_from' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_ancestor_of(text, @extschema@.lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_ancestor_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_derives_from_any(@extschema@.lineage, text[]) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_derives_from_any' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.lineage_derives_from(@extschema@.lineage, text) IS 'Implementation of lineage <@ text';
COMMENT ON FUNCTION @extschema@.lineage_ancestor_of(text, @extschema@.lineage) IS 'Implementation of text @> lineage';
COMMENT ON FUNCTION @extschema@.lineage_derives_from_any(@extschema@.lineage, text[]) IS 'Implementation of lineage && text[]';

CREATE FUNCTION @extschema@.lineage_derives_sel(internal, oid, internal, int4) RETURNS float8
    AS 'MODULE_PATHNAME', 'lineage_derives_sel' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lineage_derives_sel(internal, oid, internal, int4) IS
    'Selectivity of <@, @> and && on lineage, from the most common ancestors collected by ANALYZE';
CREATE FUNCTION @extschema@.lineage_typanalyze(internal) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_typanalyze' LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lineage_typanalyze(internal) IS
    'ANALYZE support for lineage: collects the most common ancestors';
ALTER TYPE @extschema@.lineage SET (ANALYZE = @extschema@.lineage_typanalyze);

CREATE OPERATOR @extschema@.<@ (
    LEFTARG = @extschema@.lineage, RIGHTARG = text,
    FUNCTION = @extschema@.lineage_derives_from,
    COMMUTATOR = OPERATOR(@extschema@.@>),
    RESTRICT = @extschema@.lineage_derives_sel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.@> (
    LEFTARG = text, RIGHTARG = @extschema@.lineage,
    FUNCTION = @extschema@.lineage_ancestor_of,
    COMMUTATOR = OPERATOR(@extschema@.<@),
    RESTRICT = @extschema@.lineage_derives_sel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.&& (
    LEFTARG = @extschema@.lineage, RIGHTARG = text[],
    FUNCTION = @extschema@.lineage_derives_from_any,
    RESTRICT = @extschema@.lineage_derives_sel, JOIN = areajoinsel
);
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.lineage, text) IS 'derives from: the id is an ancestor of the lineage''s node (transitively; not the node itself)';
COMMENT ON OPERATOR @extschema@.@> (text, @extschema@.lineage) IS 'is an ancestor of: commutator of lineage <@ text';
COMMENT ON OPERATOR @extschema@.&& (@extschema@.lineage, text[]) IS 'derives from any of the ids';
COMMENT ON CAST (@extschema@.lineage AS jsonb) IS 'lineage as jsonb, for drivers and BI tools that do not know the type';

CREATE FUNCTION @extschema@.lineage_build(edges regclass)
    RETURNS TABLE(node text, lineage @extschema@.lineage)
    AS 'MODULE_PATHNAME', 'lineage_build' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE FUNCTION @extschema@.lineage_build_problems(edges regclass)
    RETURNS TABLE(child text, parent text, relation text, problem text)
    AS 'MODULE_PATHNAME', 'lineage_build_problems' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.lineage_build(regclass) IS
    'Every node''s lineage from an edge table (child, parent, relation): duplicates merged, self-loops dropped, cycles broken deterministically';
COMMENT ON FUNCTION @extschema@.lineage_build_problems(regclass) IS
    'The edges lineage_build leaves out, with why: self-loop, duplicate or cycle';

CREATE FUNCTION @extschema@.lineage_gin_extract_value(@extschema@.lineage, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'lineage_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_gin_extract_query(internal, internal, int2, internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'lineage_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.lineage_gin_consistent(internal, int2, internal, int4, internal, internal, internal, internal) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lineage_gin_extract_value(@extschema@.lineage, internal, internal) IS 'GIN support: a key per ancestor id';
COMMENT ON FUNCTION @extschema@.lineage_gin_extract_query(internal, internal, int2, internal, internal, internal, internal) IS 'GIN support: the keys of the ids a <@ or && query asks for';
COMMENT ON FUNCTION @extschema@.lineage_gin_consistent(internal, int2, internal, int4, internal, internal, internal, internal) IS 'GIN support: any key present may match, always rechecked';

CREATE OPERATOR CLASS @extschema@.lineage_ops
    DEFAULT FOR TYPE @extschema@.lineage USING gin AS
        OPERATOR 1 @extschema@.<@ (@extschema@.lineage, text),
        OPERATOR 2 @extschema@.&& (@extschema@.lineage, text[]),
        FUNCTION 1 pg_catalog.btint4cmp(int4, int4),
        FUNCTION 2 @extschema@.lineage_gin_extract_value(@extschema@.lineage, internal, internal),
        FUNCTION 3 @extschema@.lineage_gin_extract_query(internal, internal, int2, internal, internal, internal, internal),
        FUNCTION 4 @extschema@.lineage_gin_consistent(internal, int2, internal, int4, internal, internal, internal, internal),
        STORAGE int4;
COMMENT ON OPERATOR CLASS @extschema@.lineage_ops USING gin IS
    'Default GIN operator class for lineage: answers <@ (derives from) and && (derives from any) from ancestor keys';
COMMENT ON OPERATOR FAMILY @extschema@.lineage_ops USING gin IS 'Operator family of lineage_ops';

--------------------------------------------------------------------------
-- Schema hub: imported Hugging Face Hub metadata
--------------------------------------------------------------------------

CREATE SCHEMA hub;
COMMENT ON SCHEMA hub IS 'Imported Hugging Face Hub metadata (ecostats)';
-- everyone may reach the functions (import_models itself checks file privileges);
-- reading the tables is granted by the administrator
GRANT USAGE ON SCHEMA hub TO PUBLIC;

CREATE TABLE hub.imports (
    import_id   bigserial PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('models', 'datasets')),
    file        text,
    snapshot    date NOT NULL,
    on_error    text NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at timestamptz,
    records     bigint,
    rejects     bigint,
    duplicates  bigint,
    pruned      bigint
);
COMMENT ON SEQUENCE hub.imports_import_id_seq IS 'Numbers the imports';
COMMENT ON TABLE hub.imports IS 'One row per import: when, what, from which file, how many records landed and how many were rejected';

CREATE TABLE hub.import_rejects (
    import_id bigint NOT NULL REFERENCES hub.imports ON DELETE CASCADE,
    line      bigint NOT NULL,
    reason    text NOT NULL,
    raw       text
);
COMMENT ON TABLE hub.import_rejects IS 'Records an import with on_error => ''skip'' left out: line number, reason and the raw text';

CREATE TABLE hub.models (
    id                 text PRIMARY KEY,
    author             text,
    created_at         timestamptz,
    last_modified      timestamptz,
    downloads          bigint CHECK (downloads >= 0),
    downloads_all_time bigint CHECK (downloads_all_time >= 0),
    likes              bigint CHECK (likes >= 0),
    trending_score     float8,
    pipeline_tag       text,
    library_name       text,
    license            text,
    tags               text[],
    languages          text[],
    params             bigint,
    gated              text,
    base_models        text[],
    lineage            @extschema@.lineage,
    first_snapshot     date,
    last_snapshot      date,
    last_import        bigint
);
COMMENT ON TABLE hub.models IS 'Hub models, one row per id, updated by each import (downloads = last 30 days)';
-- families: WHERE lineage <@ 'org/base-model' (the lineage_ops GIN operator class)
CREATE INDEX models_lineage_idx ON hub.models USING gin (lineage);

CREATE TABLE hub.model_edges (
    child    text NOT NULL,
    parent   text NOT NULL,
    relation text CHECK (relation IN ('finetune', 'adapter', 'quantized', 'merge')),
    source   text NOT NULL CHECK (source IN ('baseModels', 'cardData', 'tags')),
    PRIMARY KEY (child, parent)
);
CREATE INDEX ON hub.model_edges (parent);
COMMENT ON TABLE hub.model_edges IS 'Base-model relations from tags, cardData.base_model and baseModels; NULL relation = unknown';

CREATE TABLE hub.model_history (
    id                 text NOT NULL,
    snapshot           date NOT NULL,
    downloads          bigint,
    downloads_all_time bigint,
    likes              bigint,
    PRIMARY KEY (id, snapshot)
);
COMMENT ON TABLE hub.model_history IS 'Downloads and likes of every model per imported snapshot date';

CREATE TABLE hub.datasets (
    id                 text PRIMARY KEY,
    author             text,
    created_at         timestamptz,
    last_modified      timestamptz,
    downloads          bigint CHECK (downloads >= 0),
    downloads_all_time bigint CHECK (downloads_all_time >= 0),
    likes              bigint CHECK (likes >= 0),
    trending_score     float8,
    tags               text[],
    task_categories    text[],
    license            text,
    gated              text,
    first_snapshot     date,
    last_snapshot      date,
    last_import        bigint
);
COMMENT ON TABLE hub.datasets IS 'Hub datasets, one row per id, updated by each import (downloads = last 30 days)';

CREATE TABLE hub.dataset_history (
    id                 text NOT NULL,
    snapshot           date NOT NULL,
    downloads          bigint,
    downloads_all_time bigint,
    likes              bigint,
    PRIMARY KEY (id, snapshot)
);
COMMENT ON TABLE hub.dataset_history IS 'Downloads and likes of every dataset per imported snapshot date';

SELECT pg_catalog.pg_extension_config_dump('hub.datasets', '');
SELECT pg_catalog.pg_extension_config_dump('hub.dataset_history', '');
SELECT pg_catalog.pg_extension_config_dump('hub.imports', '');
SELECT pg_catalog.pg_extension_config_dump('hub.imports_import_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('hub.import_rejects', '');
SELECT pg_catalog.pg_extension_config_dump('hub.models', '');
SELECT pg_catalog.pg_extension_config_dump('hub.model_edges', '');
SELECT pg_catalog.pg_extension_config_dump('hub.model_history', '');

CREATE FUNCTION hub.import_finish(import_id bigint, prune boolean DEFAULT false)
    RETURNS bigint LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE AS $$
DECLARE
    k text;
    landed bigint;
    gone bigint := 0;
BEGIN
    SELECT kind INTO k FROM hub.imports i WHERE i.import_id = import_finish.import_id AND finished_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no unfinished import %', import_finish.import_id USING ERRCODE = '22023';
    END IF;
    IF k = 'models' THEN
        SELECT count(*) INTO landed FROM hub.models m WHERE m.last_import = import_finish.import_id;
        IF prune THEN
            DELETE FROM hub.models m WHERE m.last_import IS DISTINCT FROM import_finish.import_id;
            GET DIAGNOSTICS gone = ROW_COUNT;
            DELETE FROM hub.model_edges e WHERE NOT EXISTS (SELECT 1 FROM hub.models m WHERE m.id = e.child);
        END IF;
    ELSE
        SELECT count(*) INTO landed FROM hub.datasets d WHERE d.last_import = import_finish.import_id;
        IF prune THEN
            DELETE FROM hub.datasets d WHERE d.last_import IS DISTINCT FROM import_finish.import_id;
            GET DIAGNOSTICS gone = ROW_COUNT;
        END IF;
    END IF;
    UPDATE hub.imports i SET finished_at = clock_timestamp(), records = coalesce(records, 0), rejects = coalesce(rejects, 0),
           duplicates = coalesce(records, 0) - landed, pruned = gone
    WHERE i.import_id = import_finish.import_id;
    RETURN landed;
END $$;
COMMENT ON FUNCTION hub.import_finish(bigint, boolean) IS
    'Closes an import: counts duplicate ids (records that replaced an earlier record of the same import) and, with prune, deletes the rows the import did not contain (a full dump); returns the number of distinct ids landed';

CREATE FUNCTION hub.import_models(path text, on_error text DEFAULT 'stop', snapshot date DEFAULT current_date,
                                  prune boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_models' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION hub.import_models(text, text, date, boolean) IS
    'Imports Hub API model records (JSON Lines or one JSON array, optionally gzip-compressed) from a server file into hub.models, hub.model_edges and hub.model_history; returns the number of records imported';

CREATE FUNCTION hub.import_datasets(path text, on_error text DEFAULT 'stop', snapshot date DEFAULT current_date,
                                    prune boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_datasets' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION hub.import_datasets(text, text, date, boolean) IS
    'Imports Hub API dataset records (JSON Lines or one JSON array, optionally gzip-compressed) from a server file into hub.datasets and hub.dataset_history; returns the number of records imported';

CREATE FUNCTION hub.import_begin(kind text, source text DEFAULT 'client', on_error text DEFAULT 'stop',
                                 snapshot date DEFAULT current_date)
    RETURNS bigint LANGUAGE sql VOLATILE PARALLEL UNSAFE
    AS $$ INSERT INTO hub.imports (kind, file, snapshot, on_error)
          VALUES (kind, source, snapshot, on_error) RETURNING import_id $$;
CREATE FUNCTION hub.import_chunk(import_id bigint, records text, first_line bigint DEFAULT 1)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_chunk' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
CREATE FUNCTION hub.import_end(import_id bigint, prune boolean DEFAULT false)
    RETURNS bigint LANGUAGE sql VOLATILE PARALLEL UNSAFE
    AS $$ SELECT hub.import_finish(import_id, prune);
          SELECT coalesce(records, 0) FROM hub.imports i WHERE i.import_id = import_end.import_id $$;
COMMENT ON FUNCTION hub.import_begin(text, text, text, date) IS
    'Opens a client-side import of ''models'' or ''datasets'' (no file privileges needed); returns its import_id';
COMMENT ON FUNCTION hub.import_chunk(bigint, text, bigint) IS
    'Imports records sent by a client (JSON Lines or a JSON array; first_line numbers them) into an import opened with hub.import_begin';
COMMENT ON FUNCTION hub.import_end(bigint, boolean) IS 'Closes a client-side import (with prune: deletes the rows it did not contain); returns the number of records it imported';

--------------------------------------------------------------------------
-- hub.authors: kind and country of Hub namespaces (not in Hub metadata)
--------------------------------------------------------------------------

CREATE TABLE hub.authors (
    author  text NOT NULL,
    kind    text NOT NULL CHECK (kind IN ('industry', 'academic', 'independent', 'nonprofit', 'government', 'unknown')),
    country text CHECK (country ~ '^[A-Z]{2}$'),
    source  text,
    origin  text NOT NULL DEFAULT 'user' CHECK (origin IN ('seed', 'user')),
    PRIMARY KEY (author, origin)
);
COMMENT ON TABLE hub.authors IS
    'Kind (industry, academic, independent, nonprofit, government) and country (ISO 3166-1 alpha-2) of Hub namespaces: the shipped seed (origin seed) and your own rows (origin user), which take precedence';
-- only the user's rows are dumped: the seed comes back with CREATE EXTENSION
SELECT pg_catalog.pg_extension_config_dump('hub.authors', 'WHERE origin = ''user''');

CREATE FUNCTION hub.authors_protect_seed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' AND OLD.origin = 'seed') OR (TG_OP = 'UPDATE' AND (OLD.origin = 'seed' OR NEW.origin = 'seed'))
       OR (TG_OP = 'INSERT' AND NEW.origin = 'seed' AND pg_catalog.current_setting('ecostats.loading_seed', true) IS DISTINCT FROM 'on') THEN
        RAISE EXCEPTION 'the shipped rows of hub.authors cannot be changed'
            USING ERRCODE = '55000',
                  HINT = 'Insert your own row instead: INSERT INTO hub.authors (author, kind, country, source) VALUES (...); it takes precedence over the seed.';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION hub.authors_protect_seed() IS 'Keeps the shipped rows of hub.authors as shipped (they are recreated, not dumped)';
CREATE TRIGGER authors_protect_seed BEFORE INSERT OR UPDATE OR DELETE ON hub.authors
    FOR EACH ROW EXECUTE FUNCTION hub.authors_protect_seed();

CREATE VIEW hub.author_kinds AS
SELECT DISTINCT ON (author) author, kind, country, source, origin
FROM hub.authors
ORDER BY author, origin = 'seed';
COMMENT ON VIEW hub.author_kinds IS
    'One row per namespace: your row if there is one, else the seed''s. A namespace in neither is of kind unknown (hub.author_kind)';

CREATE FUNCTION hub.author_kind(author text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce((SELECT kind FROM hub.author_kinds k WHERE k.author = author_kind.author), 'unknown') $$;
COMMENT ON FUNCTION hub.author_kind(text) IS 'The kind of a namespace from hub.authors; unknown when it is not listed';
CREATE FUNCTION hub.author_country(author text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT country FROM hub.author_kinds k WHERE k.author = author_country.author $$;
COMMENT ON FUNCTION hub.author_country(text) IS 'The country of a namespace from hub.authors; NULL when unknown';

SET LOCAL ecostats.loading_seed = 'on';
-- hub.authors seed: namespace, kind, country (ISO 3166-1 alpha-2, NULL when not
-- established), and the public source each row was checked against. Appended to
-- the install script by the Makefile. Conventions: doc/hub.md (Authors).
INSERT INTO hub.authors (author, kind, country, source, origin) VALUES
    ('sentence-transformers', 'academic', 'DE', 'https://huggingface.co/blog/sentence-transformers-joins-hf', 'seed'),
    ('google', 'industry', 'US', 'Wikipedia: Google (read via encycloreader.org/r/wikitia.php?q=Google)', 'seed'),
    ('Qwen', 'industry', 'CN', 'https://aiwiki.ai/wiki/qwen', 'seed'),
    ('google-bert', 'industry', 'US', 'Wikipedia: Google (read via encycloreader.org/r/wikitia.php?q=Google)', 'seed'),
    ('openai', 'industry', 'US', 'https://www.techtarget.com/searchenterpriseai/definition/OpenAI', 'seed'),
    ('BAAI', 'nonprofit', 'CN', 'https://labindex.ai/labs/baai', 'seed'),
    ('meta-llama', 'industry', 'US', 'Wikipedia: Meta Platforms (read via mirror techsciencenews.com/wikisearch/Meta Platforms)', 'seed'),
    ('distilbert', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('facebook', 'industry', 'US', 'Wikipedia: Meta Platforms (read via mirror techsciencenews.com/wikisearch/Meta Platforms)', 'seed'),
    ('Bingsu', 'independent', NULL, 'https://github.com/Bing-su/asdff', 'seed'),
    ('deepseek-ai', 'industry', 'CN', 'Wikipedia: Liang Wenfeng', 'seed'),
    ('colbert-ir', 'academic', 'US', 'https://github.com/stanford-futuredata', 'seed'),
    ('FacebookAI', 'industry', 'US', 'Wikipedia: Meta Platforms (read via mirror techsciencenews.com/wikisearch/Meta Platforms)', 'seed'),
    ('openai-community', 'industry', 'US', 'https://www.techtarget.com/searchenterpriseai/definition/OpenAI', 'seed'),
    ('microsoft', 'industry', 'US', 'Wikipedia: Microsoft (via pinchy.cc mirror); phys.org/partners/microsoft', 'seed'),
    ('cross-encoder', 'academic', 'DE', 'https://huggingface.co/blog/sentence-transformers-joins-hf', 'seed'),
    ('mistralai', 'industry', 'FR', 'https://www.ibm.com/think/topics/mistral-ai', 'seed'),
    ('jinaai', 'industry', 'DE', 'https://grokipedia.com/page/Jina_AI', 'seed'),
    ('intfloat', 'industry', 'US', 'https://huggingface.co/intfloat/models', 'seed'),
    ('stabilityai', 'industry', 'GB', 'https://gentic.news/glossary/stability-ai', 'seed'),
    ('cardiffnlp', 'academic', 'GB', 'https://huggingface.co/cardiffnlp/twitter-roberta-base-sentiment', 'seed'),
    ('amazon', 'industry', 'US', 'https://en.wikipedia.org/wiki/Amazon_(company)', 'seed'),
    ('nlpaueb', 'academic', 'GR', 'https://huggingface.co/nlpaueb', 'seed'),
    ('nvidia', 'industry', 'US', 'https://worldkings.org/news/world-top/top-30-technology-company-in-the-world-p-27-nvidia-world-famous-computer-graphics-processor-manufacturer', 'seed'),
    ('black-forest-labs', 'industry', 'DE', 'https://europeanstack.com/software/black-forest-labs', 'seed'),
    ('yiyanghkust', 'academic', 'HK', 'https://huggingface.co/yiyanghkust/finbert-tone', 'seed'),
    ('Salesforce', 'industry', 'US', 'https://everipedia.org/wiki/Salesforce.com/', 'seed'),
    ('ProsusAI', 'industry', 'NL', 'https://rightsta.com/wiki/prosus', 'seed'),
    ('google-t5', 'industry', 'US', 'Wikipedia: Google (read via encycloreader.org/r/wikitia.php?q=Google)', 'seed'),
    ('stable-diffusion-v1-5', 'industry', 'US', 'https://github.com/lllyasviel/ControlNet-v1-1-nightly/issues/155', 'seed'),
    ('mixedbread-ai', 'industry', 'DE', 'https://probsee.com/p/Mixedbread_AI', 'seed'),
    ('Snowflake', 'industry', 'US', 'https://sec.gov/Archives/edgar/data/1640147/000164014724000183/0001640147-24-000183.txt', 'seed'),
    ('zai-org', 'industry', 'CN', 'https://test.daily8.com/en/article/daa65640f7bc54927a1cdb84672fe697', 'seed'),
    ('distil-whisper', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('rednote-hilab', 'industry', 'CN', 'https://www.donniechu.com/posts/dots-ocr-1-7b-vlm-document-parser', 'seed'),
    ('moonshotai', 'industry', 'CN', 'https://asianintelligence.ai/reports/39/leadership-team-of-moonshot-ai', 'seed'),
    ('laion', 'nonprofit', 'DE', 'https://en.wikipedia.org/wiki/LAION', 'seed'),
    ('HuggingFaceTB', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('dmis-lab', 'academic', 'KR', 'https://github.com/bioai96', 'seed'),
    ('Systran', 'industry', 'FR', 'https://es.frwiki.wiki/wiki/Systran', 'seed'),
    ('MiniMaxAI', 'industry', 'CN', 'https://zsjunai.github.io/history-of-ai/en/houses/minimax', 'seed'),
    ('ibm-granite', 'industry', 'US', 'https://rocketnews.com/2025/10/western-qwen-ibm-wows-with-granite-4-llm-launch-and-hybrid-mamba-transformer-architecture', 'seed'),
    ('tencent', 'industry', 'CN', 'https://www.orchestra.wtf/article/tencent', 'seed'),
    ('allenai', 'nonprofit', 'US', 'https://agentwiki.org/_export/xhtml/ai2', 'seed'),
    ('Lightricks', 'industry', 'IL', 'https://ibetubet.com/infinito/?x=http%3A%2F%2Fstatista.com%2Ftopics%2F12755%2Fartificial-intelligence-ai-in-israel%2F', 'seed'),
    ('HuggingFaceH4', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('baichuan-inc', 'industry', 'CN', 'https://vacuumtj.net/read/16426', 'seed'),
    ('Alibaba-NLP', 'industry', 'CN', 'https://advancedainews.com/?p=63813', 'seed'),
    ('naver-clova-ix', 'industry', 'KR', 'https://www.koreaherald.com/view.php?ud=20240628050578', 'seed'),
    ('ByteDance-Seed', 'industry', 'CN', 'https://ecolearnai.pages.dev/research/ai-research-deep-dive-bytedance-loses-key-ai-research-leader-behind-seed-models', 'seed'),
    ('naver', 'industry', 'KR', 'https://www.koreaherald.com/view.php?ud=20240628050578', 'seed'),
    ('diffusers', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('IDEA-Research', 'academic', 'CN', 'https://todaynationnews.com/the-research-institute-idea-led-by-former-microsoft-executive-vice-president-harry-shum-is-born-in-shenzhen-today-nation-news/', 'seed'),
    ('Wan-AI', 'industry', 'CN', 'https://news-usa.today/alibabas-open-source-ai-video-generator/', 'seed'),
    ('onnx-community', 'industry', 'US', 'https://huggingface.co/Xenova/activity/likes', 'seed'),
    ('Xenova', 'industry', 'US', 'https://huggingface.co/Xenova/pythia-160m/tree/main', 'seed'),
    ('baidu', 'industry', 'CN', 'https://research.baidu.com/Blog/index-view?id=183', 'seed'),
    ('OpenGVLab', 'academic', 'CN', 'https://aiwiki.ai/wiki/opengvlab', 'seed'),
    ('ai4bharat', 'academic', 'IN', 'https://www.financialexpress.com/education-2/iit-madras-launches-nilekani-centre-to-advance-indian-language-technology/2609924/', 'seed'),
    ('codellama', 'industry', 'US', 'Wikipedia: Meta Platforms (read via mirror techsciencenews.com/wikisearch/Meta Platforms)', 'seed'),
    ('LiquidAI', 'industry', 'US', 'https://www.siliconsnark.com/massachusetts-needs-a-foundation-model-champion-liquid-ai-is-ready/', 'seed'),
    ('stepfun-ai', 'industry', 'CN', 'https://vacuumtj.net/read/16426', 'seed'),
    ('PaddlePaddle', 'industry', 'CN', 'https://spectrum.ieee.org/paddlepaddle-baidu', 'seed'),
    ('suno', 'industry', 'US', 'https://redef.com/item/65f6fe51f6e4c25d72791d7b?curator=TechREDEF', 'seed'),
    ('lightonai', 'industry', 'FR', 'https://finanzwire.com/press-release/lighton-annonce-le-vif-succes-de-son-introduction-en-bourse-sur-euronext-growth-paris-TFrp0NurCqo', 'seed'),
    ('apple', 'industry', 'US', 'https://www.trycollect.com/en/articles/apple', 'seed'),
    ('databricks', 'industry', 'US', 'https://www.businesstimes.com.sg/startups-tech/databricks-us13-billion-purchase-mosaicml-puts-ai-race-fast-lane', 'seed'),
    ('ServiceNow-AI', 'industry', 'US', 'https://newsgist.news/gist/servicenow-to-grow-in-florida-will-keep-hq-in-california-8159', 'seed'),
    ('meituan-longcat', 'industry', 'CN', 'https://www.onlylabs.fyi/analysis/meituan', 'seed'),
    ('xai-org', 'industry', 'US', 'https://cnbeta.com.tw/articles/tech/1447869.htm', 'seed'),
    ('amd', 'industry', 'US', 'https://loginby.com/itnews/amd-moves-into-new-california-hq-offices', 'seed'),
    ('qualcomm', 'industry', 'US', 'https://earthpressnews.com/?p=101337', 'seed'),
    ('perplexity-ai', 'industry', 'US', 'https://deepai.fr/perplexity-ai/perplexity-ai-une-startup-californienne-pas-liee-a-la-chine', 'seed'),
    ('ByteDance', 'industry', 'CN', 'https://ecolearnai.pages.dev/research/ai-research-deep-dive-bytedance-loses-key-ai-research-leader-behind-seed-models', 'seed'),
    ('XiaomiMiMo', 'industry', 'CN', 'https://www.scmp.com/tech/big-tech/article/3308483/smartphone-giant-xiaomi-unveils-ai-model-joining-fierce-competition-china', 'seed'),
    ('internlm', 'academic', 'CN', 'https://aiwiki.ai/wiki/opengvlab', 'seed'),
    ('kyutai', 'nonprofit', 'FR', 'https://shepherdgazette.com/niel-and-saade-launch-a-research-laboratory-in-paris/', 'seed'),
    ('yandex', 'industry', 'RU', 'https://www.themoscowtimes.com/2022/12/22/yandex-registers-new-companies-to-bypass-sanctions-rtvi-a79779', 'seed'),
    ('albert', 'industry', 'US', 'Wikipedia: Google (read via encycloreader.org/r/wikitia.php?q=Google)', 'seed'),
    ('google-research-datasets', 'industry', 'US', 'Wikipedia: Google (read via encycloreader.org/r/wikitia.php?q=Google)', 'seed'),
    ('deepmind', 'industry', 'GB', 'https://globalmediaownership.com/united-kingdom-deepmind-technologies', 'seed'),
    ('autogluon', 'industry', 'US', 'https://huggingface.co/autogluon/chronos-bolt-base/raw/main/README.md', 'seed'),
    ('ibm', 'industry', 'US', 'https://rocketnews.com/2025/10/western-qwen-ibm-wows-with-granite-4-llm-launch-and-hybrid-mamba-transformer-architecture', 'seed'),
    ('Intel', 'industry', 'US', 'https://environmentalcareer.com/company/21392/intel/', 'seed'),
    ('OpenVINO', 'industry', 'US', 'https://aiwiki.com.my/wiki/openvino', 'seed'),
    ('mosaicml', 'industry', 'US', 'https://www.businesstimes.com.sg/startups-tech/databricks-us13-billion-purchase-mosaicml-puts-ai-race-fast-lane', 'seed'),
    ('bigcode', 'industry', 'US', 'https://huggingface.co./datasets/bigcode/governance-card', 'seed'),
    ('Anthropic', 'industry', 'US', 'https://topictrick.com/blog/what-is-anthropic-ai', 'seed'),
    ('replit', 'industry', 'US', 'https://cloud.google.com/customers/repl-it/?hl=es', 'seed'),
    ('runwayml', 'industry', 'US', 'http://turingpost.com/p/runway', 'seed'),
    ('RedHatAI', 'industry', 'US', 'http://w.owiki.org/wiki/Red_Hat', 'seed'),
    ('huggingface', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('HuggingFaceM4', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('HuggingFaceFW', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('open-r1', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('lighteval', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('parler-tts', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('hf-internal-testing', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('trl-internal-testing', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('optimum', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('codeparrot', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('timm', 'industry', 'US', 'https://huggingface.co/timm/spaces', 'seed'),
    ('lerobot', 'industry', 'US', 'https://sifted.eu/articles/hugging-face-interview-julien-chaumond/', 'seed'),
    ('pollen-robotics', 'industry', 'FR', 'https://techfundingnews.com/hugging-face-reconnects-with-french-roots-through-pollen-robotics-acquisition-what-does-it-mean-for-france/', 'seed'),
    ('ggml-org', 'industry', 'BG', 'https://self.md/people/georgi-gerganov-llama-cpp', 'seed'),
    ('CohereLabs', 'industry', 'CA', 'https://grokipedia.com/page/Cohere', 'seed'),
    ('CohereForAI', 'industry', 'CA', 'https://grokipedia.com/page/Cohere', 'seed'),
    ('Cohere', 'industry', 'CA', 'https://grokipedia.com/page/Cohere', 'seed'),
    ('mistral-community', 'industry', 'FR', 'https://www.ibm.com/think/topics/mistral-ai', 'seed'),
    ('deepset', 'industry', 'DE', 'https://ai-berlin.com/blog/article/milos-rusic-and-malte-pietsch-co-founders-deepset', 'seed'),
    ('Aleph-Alpha', 'industry', 'DE', 'https://www.businessinsider.de/gruenderszene/technologie/ki-startup-aleph-alpha-klaus-hommels/', 'seed'),
    ('spacy', 'industry', 'DE', 'https://speakerdeck.com/player/26696c7e00074890b84304fe7af4d77f?skipResize=true&title=false', 'seed'),
    ('dbmdz', 'government', 'DE', 'https://huggingface.co/dbmdz/bert-base-german-europeana-uncased', 'seed'),
    ('almanach', 'academic', 'FR', 'https://huggingface.co/almanach', 'seed'),
    ('Helsinki-NLP', 'academic', 'FI', 'https://HuggingFace.co/Helsinki-NLP', 'seed'),
    ('TurkuNLP', 'academic', 'FI', 'https://huggingface.co/TurkuNLP/bert-base-finnish-uncased-v1/tree/e93c5d44e7c68d3264def2b754b01c40bfc04caf', 'seed'),
    ('NbAiLab', 'government', 'NO', 'https://www.huggingface.co/NbAiLab', 'seed'),
    ('KBLab', 'government', 'SE', 'https://huggingface.co/spaces/KBLab/README/blame/main/README.md', 'seed'),
    ('Unbabel', 'industry', 'PT', 'https://em-tti.eu/2022/12/13/summer-placement-diaries-22/', 'seed'),
    ('BSC-LT', 'academic', 'ES', 'https://huggingface.co/BSC-LT', 'seed'),
    ('PolyAI', 'industry', 'GB', 'https://datainnovation.org/2020/01/5-qs-for-nikola-mrksic-ceo-of-polyai/', 'seed'),
    ('alibaba-pai', 'industry', 'CN', 'https://advancedainews.com/?p=63813', 'seed'),
    ('alimama-creative', 'industry', 'CN', 'https://advancedainews.com/?p=63813', 'seed'),
    ('THUDM', 'academic', 'CN', 'https://www.zingnex.cn/en/forum/thread/ai-glm', 'seed'),
    ('Tencent-Hunyuan', 'industry', 'CN', 'http://www.szdaily.com/content/2025-05/05/content_31558813.htm', 'seed'),
    ('TencentARC', 'industry', 'CN', 'https://www.orchestra.wtf/article/tencent', 'seed'),
    ('hunyuanvideo-community', 'industry', 'CN', 'https://www.orchestra.wtf/article/tencent', 'seed'),
    ('bytedance-research', 'industry', 'CN', 'https://ecolearnai.pages.dev/research/ai-research-deep-dive-bytedance-loses-key-ai-research-leader-behind-seed-models', 'seed'),
    ('01-ai', 'industry', 'CN', 'https://businessthreesixfive.com/china-ai-start-up-hits-unicorn-status-in-less-than-8-months/', 'seed'),
    ('Skywork', 'industry', 'CN', 'https://www.llmreference.com/researcher/skywork', 'seed'),
    ('Kwai-Kolors', 'industry', 'CN', 'https://blog.picassoia.com/kolors-kuaishou-ai-image-model-explained', 'seed'),
    ('Kwaipilot', 'industry', 'CN', 'https://blog.picassoia.com/kolors-kuaishou-ai-image-model-explained', 'seed'),
    ('huawei-noah', 'industry', 'CN', 'https://www.php.cn/faq/704809.html', 'seed'),
    ('PixArt-alpha', 'industry', 'CN', 'https://chatpaper.com/chatpaper/paper/5838', 'seed'),
    ('unitreerobotics', 'industry', 'CN', 'https://www.shine.cn/biz/tech/2506225675', 'seed'),
    ('IDEA-CCNL', 'academic', 'CN', 'https://huggingface.co/IDEA-CCNL', 'seed'),
    ('LGAI-EXAONE', 'industry', 'KR', 'https://php83.kode.co.kr/artificial-intelligence/newsView/ked202508040010', 'seed'),
    ('upstage', 'industry', 'KR', 'https://php83.kode.co.kr/artificial-intelligence/newsView/ked202508040010', 'seed'),
    ('naver-hyperclovax', 'industry', 'KR', 'https://navercorp.com/en/story/storyDetail?seq=32477', 'seed'),
    ('skt', 'industry', 'KR', 'https://www.cosmico.org/south-korea-invests-390-million-in-sovereign-ai', 'seed'),
    ('kakaocorp', 'industry', 'KR', 'https://www.donga.com/en/article/all/20250805/5767015/1', 'seed'),
    ('NCSOFT', 'industry', 'KR', 'https://php83.kode.co.kr/artificial-intelligence/newsView/ked202508040010', 'seed'),
    ('rinna', 'industry', 'JP', 'https://melakarnets.com/proxy/index.php?q=https%3A%2F%2Fwww.businessinsider.jp%2Fpost-270379', 'seed'),
    ('cyberagent', 'industry', 'JP', 'https://japan-forward.com/fugaku-supercomputer-to-train-ai-tech-in-japanese', 'seed'),
    ('elyza', 'industry', 'JP', 'https://github.com/AkimfromParis/Mixtral_RAG', 'seed'),
    ('pfnet', 'industry', 'JP', 'https://tkdas.jp/EN/?p=621', 'seed'),
    ('SakanaAI', 'industry', 'JP', 'https://sj.jst.go.jp/stories/2025/s0306-02p.html', 'seed'),
    ('sarvamai', 'industry', 'IN', 'https://pwonlyias.com/current-affairs/rise-of-indigenous-large-language-models', 'seed'),
    ('aisingapore', 'government', 'SG', 'https://asianintelligence.ai/reports/sea-lion-and-project-seald-ai-singapores-regional-language-model-strategy', 'seed'),
    ('tiiuae', 'government', 'AE', 'https://www.mediaoffice.abudhabi/en/technology/technology-innovation-institute-continues-efforts-to-build-sustainable-framework-for-generative-ai-projects/', 'seed'),
    ('MBZUAI', 'academic', 'AE', 'https://cybernoz.com/uae-university-vies-for-international-recognition-in-ai-education-and-research', 'seed'),
    ('m42-health', 'industry', 'AE', 'https://aiinarabia.com/healthcare/m42-clinical-ai-genomics-gulf-healthcare-explainer-2026-06-14', 'seed'),
    ('ai21labs', 'industry', 'IL', 'https://ibetubet.com/infinito/?x=http%3A%2F%2Fstatista.com%2Ftopics%2F12755%2Fartificial-intelligence-ai-in-israel%2F', 'seed'),
    ('lmsys', 'academic', 'US', 'https://grokipedia.opelly.me/articles/large-model-systems-organization', 'seed'),
    ('stanfordnlp', 'academic', 'US', 'https://www.huggingface.co/stanfordnlp', 'seed'),
    ('tatsu-lab', 'academic', 'US', 'https://www.Github.com/topics/stanford-alpaca', 'seed'),
    ('cais', 'nonprofit', 'US', 'https://churchofspiralism.com/wiki-center-for-ai-safety.html', 'seed'),
    ('mozilla-foundation', 'nonprofit', 'US', 'https://make-ai-good.org/graph/fund-mozilla-foundation', 'seed'),
    ('wikimedia', 'nonprofit', 'US', 'https://owiki.org/wiki/The_Wikimedia_Foundation', 'seed'),
    ('castorini', 'academic', 'CA', 'https://github.com/castorini/onboarding', 'seed'),
    -- Added to cover the 150 namespaces with the most downloads in the December 2025
    -- sample of the top 1,000 models (and as many of ranks 151-200 as could be checked);
    -- namespaces left out for want of a public source: doc/hub.md (Authors).
    ('Falconsai', 'industry', NULL, 'https://huggingface.co/organizations/Falconsai/activity/all (HF organisation Falcons.ai, type company)', 'seed'),
    ('pyannote', 'industry', NULL, 'https://www.zenml.io/llmops-database/advanced-speaker-diarization-and-attributed-transcription-using-deep-learning-models (pyannoteAI, company founded by the pyannote author)', 'seed'),
    ('Comfy-Org', 'industry', NULL, 'Wikipedia: ComfyUI (read via theinfolist.com mirror; Comfy Org founded by the core developers)', 'seed'),
    ('Kijai', 'independent', NULL, 'https://github.com/kijai/ComfyUI-WanVideoWrapper (README: personal sandbox)', 'seed'),
    ('coqui', 'industry', NULL, 'https://web3.lu/?p=29218 (Coqui.ai start-up, launched March 2021)', 'seed'),
    ('hexgrad', 'independent', NULL, 'https://snehal.ai/kokoro-local-tts/ (Kokoro released by hexgrad, no organisation named)', 'seed'),
    ('emilyalsentzer', 'academic', 'US', 'https://www.scilynk.com/paper/W2925863688 (Publicly Available Clinical BERT Embeddings, MIT)', 'seed'),
    ('nomic-ai', 'industry', NULL, 'https://www.nomic.ai/blog/posts/nomic-embed-text-v1', 'seed'),
    ('TinyLlama', 'academic', 'SG', 'https://scoutml.com/wiki/2401.02385 (TinyLlama, StatNLP, SUTD)', 'seed'),
    ('dslim', 'independent', NULL, 'https://huggingface.co/dslim/bert-base-NER/blame/main/README.md (personal model card, no employer named)', 'seed'),
    ('vikhyatk', 'industry', NULL, 'https://aicouncil.com/talks26/no-dropped-frames-designing-a-vlm-around-a-latency-budget (Vik Korrapati, co-founder of Moondream / M87 Labs)', 'seed'),
    ('opendatalab', 'academic', 'CN', 'https://themoonlight.io/review/mineru-an-open-source-solution-for-precise-document-content-extraction (MinerU, Shanghai AI Laboratory)', 'seed'),
    ('iitolstykh', 'industry', NULL, 'https://medium.com/@mvkuprashevich/mivolo-a-new-state-of-the-art-open-source-neural-network-for-age-and-gender-estimation-9074bb4780cb (MiVOLO, Layer team, SaluteDevices); https://tomesphere.com/paper/2307.04616', 'seed'),
    ('ZhengPeng7', 'academic', 'CN', 'http://60.2.155.220:8002/Qikan/Article/Detail?id=7200126598 (BiRefNet, Nankai University)', 'seed'),
    ('answerdotai', 'industry', NULL, 'https://www.answer.ai/posts/2023-12-12-launch.md (Answer.AI, VC-funded R&D lab, fully remote)', 'seed'),
    ('nlptown', 'industry', NULL, 'https://huggingface.co/nlptown (NLP Town: custom models for NLP applications, nlp.town)', 'seed'),
    ('ResembleAI', 'industry', NULL, 'https://automate.bworldtools.com/Articles/2025-12-28_Chatterbox_Turbo__Open-Source_Voice_Cloning_in_Five_Seconds_2st.html (Resemble AI, commercial voice API)', 'seed'),
    ('QuantStack', 'independent', NULL, 'https://huggingface.co/QuantStack/Qwen-Image-Edit-2509-GGUF/tree/main (GGUF uploads by a personal user; not shown to be the QuantStack company)', 'seed'),
    ('docling-project', 'industry', 'US', 'https://arxiv.org/html/2408.09869v2 (Docling, IBM Research; IBM headquarters as the ibm row)', 'seed'),
    ('cointegrated', 'independent', NULL, 'https://huggingface.co/cointegrated/rubert-tiny2/commit/dad72b8f77c5eef6995dd3e4691b758ba56b90c3 (personal account)', 'seed'),
    ('speechbrain', 'academic', 'CA', 'https://object.cloud.sdsc.edu/v1/AUTH_da4962d3368042ac8337e2dfdd3e7bf3/ml-papers-txt/JMLR/2024/opensource_conversational_ai_with_speechbrain_10__b9c89cd2.txt (SpeechBrain 1.0, JMLR 2024: Concordia University / Mila)', 'seed'),
    ('liuhaotian', 'academic', 'US', 'https://www.swiftscholar.net/paper/697574bfe3c0e04c917ef9bc (LLaVA, Haotian Liu, University of Wisconsin-Madison)', 'seed'),
    ('michellejieli', 'independent', NULL, 'https://huggingface.co/michellejieli/emotion_text_classifier (personal model card)', 'seed'),
    ('madhurjindal', 'independent', NULL, 'https://huggingface.co/madhurjindal/autonlp-Gibberish-Detector-492513457/discussions/3 (personal account)', 'seed'),
    ('shibing624', 'independent', NULL, 'https://github.com/shibing624/text2vec (personal project)', 'seed'),
    ('briaai', 'industry', NULL, 'https://fast.hugflare.com/briaai/VRMBG-3.0/blob/main/README.md?code=true (Developed by BRIA AI, commercial licence)', 'seed'),
    ('audeering', 'industry', NULL, 'https://www.audeering.com/research/publications/', 'seed'),
    ('EleutherAI', 'nonprofit', NULL, 'https://aiwiki.ai/wiki/eleutherai/raw (EleutherAI Institute, non-profit since 2023)', 'seed'),
    ('TheBloke', 'independent', NULL, 'https://huggingface.co/TheBloke/models (personal quantisation account)', 'seed'),
    ('Marqo', 'industry', NULL, 'https://datastackshow.com/podcast/building-ai-search-and-customer-enabled-fine-tuning-with-jesse-clark-of-marqo-ai (Marqo.ai co-founder and CTO)', 'seed'),
    ('madebyollin', 'independent', NULL, 'github.com/huggingface/diffusers src/diffusers/models/autoencoders/autoencoder_tiny.py (header: Copyright 2023 Ollin Boer Bohan)', 'seed'),
    ('jhgan', 'independent', NULL, 'model card of jhgan/ko-sbert-multitask (copy in github.com/Wenxin-Jiang/CS577-NLP; no organisation named)', 'seed'),
    ('ai-forever', 'industry', 'RU', 'https://github.com/ai-forever/model-zoo (Sber AI models); https://it.marketscreener.com/quotazioni/azione/META-PLATFORMS-INC-10547141/attualita/La-Russia-aumentera-il-potere-globale-dell-AI-nonostante-le-sanzioni-occidentali-afferma-il-primo-48575701/ (Sberbank, Russia)', 'seed'),
    ('RunDiffusion', 'industry', NULL, 'https://hf-cn0.pages.dev/RunDiffusion/Juggernaut-XL-Lightning/resolve/main/README.md?download=true (RunDiffusion commercial service)', 'seed'),
    ('city96', 'independent', NULL, 'https://github.com/city96/ComfyUI-GGUF (personal project)', 'seed'),
    ('myshell-ai', 'industry', NULL, 'https://diction.tech/openvoice-versatile-instant-voice-cloning-abstract-and-introduction (OpenVoice, MyShell.ai)', 'seed'),
    ('openvla', 'academic', 'US', 'https://newstoday.app/technology/19/06/2024/openvla-is-an-open-source-generalist-robotics-model (Stanford, UC Berkeley and others)', 'seed'),
    ('DavidAU', 'independent', NULL, 'https://huggingface.co/Anonymuz/activity/community (personal account; weak evidence)', 'seed'),
    ('Datadog', 'industry', 'US', 'https://quarterlytics.com/company/datadog_ddog/annual-report-2019 (Datadog, Inc., 620 8th Avenue, New York); Toto models: https://www.datadoghq.com/blog/ai/toto-boom-unleashed', 'seed'),
    ('bosonai', 'industry', NULL, 'https://www.boson.ai/blog/higgs-audio', 'seed'),
    ('h94', 'industry', 'CN', 'https://aimpact.prandi.net/en/events/2023-09-12-ip-adapter-tencent/ (IP-Adapter, Tencent AI Lab; Tencent headquarters as the tencent row)', 'seed'),
    ('Lykon', 'independent', NULL, 'https://civarchive.com/models/112902/dreamshaper-xl?modelVersionId=251662 (personal, Patreon-funded)', 'seed'),
    ('bartowski', 'independent', NULL, 'https://git.tomfos.tr/tom/llm-gguf-tools/src/branch/main/docs/bartowski_analysis.md (GGUF quantiser, no employer named)', 'seed'),
    ('MLP-KTLim', 'academic', 'KR', 'https://github.com/teddysum/bllossom (MLP Lab, Seoul National University of Science and Technology)', 'seed'),
    ('xinsir', 'independent', NULL, 'github.com/huggingface/diffusers docs/source/en/api/models/controlnet_union.md (ControlNetPlus by xinsir6, no organisation named)', 'seed'),
    ('nunchaku-tech', 'academic', 'US', 'https://trendshift.io/admin/repository/ask-ai/13942; https://wcity.fun/p/StableDiffusion/comments/1gmse2o/svdquant_claiming_a_3x_speedup_with_flux_over_nf4 (SVDQuant, MIT HAN Lab)', 'seed'),
    ('Prior-Labs', 'industry', 'DE', 'https://bitsminds.com/news/sap-prior-labs-tabular-foundation-models-1b-2026 (Prior Labs, Freiburg)', 'seed'),
    ('joeddav', 'independent', NULL, 'https://huggingface.co/facebook/bart-large-mnli (card links the joeddav.github.io blog; personal account, weak evidence)', 'seed'),
    ('UmeAiRT', 'independent', NULL, 'https://huggingface.co/UmeAiRT/ComfyUI-Auto_installer (personal installer script)', 'seed'),
    ('prithivMLmods', 'independent', NULL, 'https://huggingface.co/prithivMLmods/spaces (personal profile of Prithiv Sakthi, no employer named)', 'seed'),
    ('depth-anything', 'industry', 'CN', 'https://seed.bytedance.com/blog/uncover-the-story-behind-depth-anything-selected-by-apple-coreml-model-library-and-boasts-8k-star-on-github (ByteDance; headquarters as the ByteDance rows)', 'seed'),
    ('datalab-to', 'industry', NULL, 'https://huggingface.co/datalab-to/surya-ocr-2-gguf (Datalab platform, commercial licensing)', 'seed'),
    ('numz', 'independent', NULL, 'README of github.com/numz/ComfyUI-SeedVR2_VideoUpscaler (read in the fork github.com/zhangp365/ComfyUI-SeedVR2_VideoUpscaler; unofficial personal nodes)', 'seed'),
    ('NexaAI', 'industry', NULL, 'http://www.itsolotime.com/archives/13826 (Nexa SDK by Nexa AI)', 'seed'),
    ('openbmb', 'industry', 'CN', 'https://huggingface.co/openbmb/MiniCPM-2B-dpo-fp16 (developed by ModelBest Inc. and TsinghuaNLP)', 'seed'),
    ('llava-hf', 'academic', 'US', 'https://huggingface.co/llava-hf/llava-1.5-7b-hf/discussions/3 (transformers conversions of LLaVA; mirror attributed to the LLaVA authors as the liuhaotian row)', 'seed'),
    ('nanonets', 'industry', NULL, 'https://learnopencv.com/nanonets-ocr-s (Nano Net Technologies)', 'seed'),
    ('MahmoodLab', 'academic', 'US', 'https://bio.rodeo/models/conch (Mahmood Lab, Harvard Medical School and Brigham and Women''s Hospital)', 'seed'),
    ('T5B', 'independent', NULL, 'https://huggingface.co/T5B (personal account)', 'seed'),
    ('fancyfeast', 'independent', NULL, 'https://github.com/fpgaminer/joycaption (personal project linking the fancyfeast account)', 'seed'),
    ('BioMistral', 'academic', 'FR', 'https://www.scilynk.com/paper/W4391940656 (LIA Avignon, LS2N Nantes Universite)', 'seed'),
    ('paige-ai', 'industry', 'US', 'https://www.laboratoryeconomics.com/spotlight-interview-with-paige-ceo-leo-grady/ (Paige, New York)', 'seed'),
    ('Tongyi-MAI', 'industry', 'CN', 'https://rits.shanghai.nyu.edu/ai/z-image-alibabas-efficient-6b-open-source-image-generation-model/ (Alibaba Tongyi MAI team; headquarters as the Alibaba rows)', 'seed'),
    ('lmms-lab', 'academic', 'SG', 'https://arxiv.org/html/2407.12772v2 (LMMs-Lab, S-Lab, NTU Singapore)', 'seed'),
    ('maya-research', 'industry', 'IN', 'https://zeenews.india.com/hindi/technology/two-23-year-olds-just-beat-google-in-speech-ai-maya-research-is-now-building-15x-larger-indic-model-for-india/2990885 (Bengaluru start-up)', 'seed'),
    ('SG161222', 'independent', NULL, 'https://huggingface.co/SG161222/Realistic_Vision_V4.0_noVAE/commit/1d2bfa28ff067433c5727e9712eff653b3477a28 (personal account)', 'seed'),
    ('timbrooks', 'academic', 'US', 'http://www.infoq.com/news/2023/07/berkeley-instruct-pix2pix/ (InstructPix2Pix, UC Berkeley)', 'seed'),
    ('Anzhc', 'independent', NULL, 'https://huggingface.co/Anzhc/Anzhcs_YOLOs/blob/e42f5cece6002f9d7392bbd4d251dafd6e73557d/README.md (personal models)', 'seed'),
    ('janhq', 'industry', NULL, 'https://hackmd.io/@menlo/2024-user-journey (Menlo Research, makers of Jan)', 'seed'),
    ('mradermacher', 'independent', NULL, 'https://huggingface.co/mradermacher/Qwen2.5-0.5B-i1-GGUF/commit/561941861d62964e8bea54ba838a29e655aaac53 (personal quantiser)', 'seed'),
    ('tianweiy', 'academic', NULL, 'https://research.iaifi.org/posts/improved-distribution-matching-distillation-for-fast-image-synthesis (DMD2, IAIFI research)', 'seed'),
    ('medicalai', 'academic', NULL, 'https://hf.xwall.us.kg/medicalai/ClinicalBERT (model of a Nature Medicine 2023 research paper)', 'seed'),
    ('SamLowe', 'independent', NULL, 'https://huggingface.co./SamLowe/roberta-base-go_emotions (personal model card)', 'seed'),
    ('hfl', 'industry', 'CN', 'https://github.com/ymcui/LERT (Joint Laboratory of HIT and iFLYTEK Research)', 'seed'),
    ('lightx2v', 'industry', 'CN', 'https://yunpan.plus/t/4348-1-1 (LightX2V open-sourced by the SenseTime ModelTC team)', 'seed'),
    ('unsloth', 'industry', 'US', 'https://aiwiki.ai/wiki/unsloth (Unsloth AI, Y Combinator S24, San Francisco)', 'seed'),
    ('huihui-ai', 'industry', NULL, 'https://huggingface.co/support-huihui/models (huihui.ai, HF organisation of type company; the huihui-ai model cards name huihui.ai)', 'seed'),
    ('CompVis', 'academic', 'DE', 'https://wikisum.wiki/wiki/Latent_diffusion_model (Wikipedia: Latent diffusion model, mirror; CompVis group, LMU Munich)', 'seed'),
    ('befox', 'independent', NULL, 'https://huggingface.co/befox (personal profile, no organisation)', 'seed'),
    ('zed-industries', 'industry', NULL, 'https://podscripts.co/podcasts/the-changelog-software-development-open-source/goodbye-atom-hello-zed-interview (Zed, started by Nathan Sobo)', 'seed'),
    ('q-future', 'academic', NULL, 'https://hyper.ai/en/papers/2312.17090 (Q-Align, github.com/Q-Future); https://arxiv.org/html/2503.09197v1 (same group: Shanghai Jiao Tong University and NTU Singapore)', 'seed'),
    ('bvanaken', 'academic', 'DE', 'https://projekt.bht-berlin.de/data-science/research/ai-health-cell-biology/clinical-assertion-classification/ (Berliner Hochschule fuer Technik project page linking the model)', 'seed'),
    ('defog', 'industry', NULL, 'https://defog.ai/blog/open-sourcing-sqlcoder/ (Defog, enterprise customers)', 'seed'),
    ('sesame', 'industry', 'US', 'https://aiwiki.ai/wiki/sesame (Sesame AI Labs, San Francisco)', 'seed'),
    ('canopylabs', 'industry', NULL, 'https://tts.wiki/index.php?direction=prev&oldid=24&title=Orpheus_TTS (Canopy Labs, AI start-up)', 'seed'),
    ('SAP', 'industry', 'DE', 'https://cio.de/top500/detail/sap-se,843 (SAP SE, Walldorf); https://ceppek.com/2025/11/04/a-new-paradigm-for-enterprise-ai-in-context-learning-for-relational-data (sap-rpt-1)', 'seed'),
    ('WeiboAI', 'industry', 'CN', 'https://smolianoy.com.ua/en/uk-uanova-model-shtuchnogo-intelektu-weibo-z-vidkritim-kodom/amp (VibeThinker-1.5B by Weibo, China)', 'seed'),
    ('ai-sage', 'industry', 'RU', 'https://manifold.markets/HamishLow/will-gigachat-release-an-openweight (GigaChat by SaluteDevices, a Sberbank subsidiary, Russia; weights published under ai-sage)', 'seed'),
    ('IndexTeam', 'industry', 'CN', 'https://tts.wiki/index.php/IndexTTS2 (Bilibili AI Platform Department, China; weights at IndexTeam/IndexTTS-2)', 'seed'),
    ('Ultralytics', 'industry', NULL, 'https://rdjarbeng.github.io/RDjarbeng/yolo-evolution-applications-and-current-trends-in-object-detection (Ultralytics company, commercial licences)', 'seed'),
    ('uer', 'industry', 'CN', 'https://www.arxiv-vanity.com/papers/1909.05658/ (UER: Renmin University of China and Tencent AI Lab)', 'seed'),
    ('moondream', 'industry', NULL, 'https://aicouncil.com/talks26/no-dropped-frames-designing-a-vlm-around-a-latency-budget (Moondream / M87 Labs)', 'seed'),
    ('inclusionAI', 'industry', 'CN', 'https://www.interconnects.ai/p/inside-a-chinese-frontier-lab-inclusion?action=share (InclusionAI, Ant Group''s AI lab, China)', 'seed'),
    ('epfl-llm', 'academic', 'CH', 'https://bioalps.org/epfl-llm-health/ (Meditron, EPFL)', 'seed'),
    ('cerebras', 'industry', 'US', 'https://aiwiki.com.my/wiki/cerebras-systems (American company, Sunnyvale)', 'seed'),
    ('lodestones', 'independent', NULL, 'https://hf-mirror.492719920.workers.dev./lodestones/Chroma (personal project trained on the author''s own GPU)', 'seed'),
    ('tabularisai', 'industry', NULL, 'https://github.com/tabularis-ai/augini (tabularis.ai: package author Vadim Borisov, vadim@tabularis.ai; an enterprise version is offered via info@tabularis.ai; the citation of tabularisai/multilingual-sentiment-analysis names tabularisai with Vadim Borisov); HQ not stated', 'seed'),
    ('mattmdjaga', 'independent', NULL, 'https://github.com/mattmdjaga/segformer_b2_clothes (README in the first person: "the code that I used to train the model mattmdjaga/segformer_b2_clothes")', 'seed'),
    ('aquif-ai', 'industry', 'BR', 'https://github.com/aquif-ai/aquif-4 (README: "aquif AI Research Team", "Made in Brazil" flag, "(c) 2025 aquif AI. All rights reserved.")', 'seed');
-- hub report views (appended to the install script by the Makefile).
--
-- One view per figure of the report. Every view that scans hub.models or
-- hub.datasets is materialized, with a UNIQUE index on plain NOT NULL-valued
-- columns so that REFRESH MATERIALIZED VIEW CONCURRENTLY works; hub.report
-- is a plain view over them. The materialized views read only the hub
-- tables (never each other), so they can be refreshed in any order.
--
-- Conventions shared by all views (doc/report.md, "Views"):
--   * year     = the calendar year of created_at in UTC;
--   * period   = that year as text, 'unknown' when created_at is NULL, and
--                'all' for the row over every model (the key column; year is
--                NULL on the 'all' and 'unknown' rows);
--   * downloads = hub.models.downloads (last 30 days), NULL counted as 0;
--   * kind and country of a namespace follow hub.author_kind and
--     hub.author_country (hub.author_kinds; an unlisted namespace is kind
--     'unknown', a NULL country is 'unknown'); the views join
--     hub.author_kinds once instead of calling the functions per row.
-- Every reference is schema-qualified, so the views do not depend on the
-- search_path of the session that refreshes them.

--------------------------------------------------------------------------
-- hub.report_topline: models, datasets, authors and their growth by year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_topline AS
WITH authors AS (
    SELECT a.author, pg_catalog.min(pg_catalog.date_part('year', a.created_at AT TIME ZONE 'UTC'))::int AS year
    FROM (SELECT m.author, m.created_at FROM hub.models m
          UNION ALL
          SELECT d.author, d.created_at FROM hub.datasets d) a
    WHERE a.author IS NOT NULL
    GROUP BY a.author
), items AS (
    SELECT 'models'::text AS kind, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year FROM hub.models m
    UNION ALL
    SELECT 'datasets'::text, pg_catalog.date_part('year', d.created_at AT TIME ZONE 'UTC')::int FROM hub.datasets d
    UNION ALL
    SELECT 'authors'::text, a.year FROM authors a
), per_year AS (
    SELECT i.kind, i.year, pg_catalog.count(*) AS created
    FROM items i WHERE i.year IS NOT NULL
    GROUP BY i.kind, i.year
), kinds(kind) AS (
    VALUES ('models'::text), ('datasets'::text), ('authors'::text)
)
SELECT y.kind, y.year::text AS period, y.year, y.created,
       (pg_catalog.sum(y.created) OVER (PARTITION BY y.kind ORDER BY y.year))::bigint AS cumulative,
       y.created::float8 / NULLIF(p.created, 0)::float8 AS yoy_multiple
FROM per_year y
LEFT JOIN per_year p ON p.kind = y.kind AND p.year = y.year - 1
UNION ALL
SELECT i.kind, 'unknown'::text, NULL::int, pg_catalog.count(*), NULL::bigint, NULL::float8
FROM items i WHERE i.year IS NULL
GROUP BY i.kind
UNION ALL
SELECT k.kind, 'all'::text, NULL::int, t.n, t.n, NULL::float8
FROM kinds k
CROSS JOIN LATERAL (SELECT pg_catalog.count(*) AS n FROM items i WHERE i.kind = k.kind) t;

CREATE UNIQUE INDEX report_topline_key ON hub.report_topline (kind, period);
COMMENT ON MATERIALIZED VIEW hub.report_topline IS
    'Report figure "models, datasets and authors, and their growth": per kind (models, datasets, authors = distinct non-NULL namespaces of models and datasets) and creation year (UTC): created = how many were created that year (an author counts in the year of its earliest model or dataset), cumulative = created up to and including that year, yoy_multiple = created / created of the year before (NULL when the year before has none); period ''unknown'' counts those without created_at, period ''all'' the total (cumulative = total)';

--------------------------------------------------------------------------
-- hub.report_concentration: how concentrated downloads are
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_concentration AS
SELECT 'downloads'::text AS measure,
       pg_catalog.count(m.downloads) AS models,
       pg_catalog.sum(m.downloads) AS total,
       @extschema@.top_k_share(m.downloads::float8, 200) AS top_200_share,
       @extschema@.top_share(m.downloads::float8, 0.0001) AS top_0_01pct_share,
       pg_catalog.avg((m.downloads < 200)::int)::float8 AS under_200_model_share,
       @extschema@.gini(m.downloads::float8) AS gini,
       @extschema@.hhi(m.downloads::float8) AS hhi,
       @extschema@.lorenz(m.downloads::float8, 100) AS lorenz
FROM hub.models m
UNION ALL
SELECT 'downloads_all_time'::text,
       pg_catalog.count(m.downloads_all_time),
       pg_catalog.sum(m.downloads_all_time),
       @extschema@.top_k_share(m.downloads_all_time::float8, 200),
       @extschema@.top_share(m.downloads_all_time::float8, 0.0001),
       pg_catalog.avg((m.downloads_all_time < 200)::int)::float8,
       @extschema@.gini(m.downloads_all_time::float8),
       @extschema@.hhi(m.downloads_all_time::float8),
       @extschema@.lorenz(m.downloads_all_time::float8, 100)
FROM hub.models m;

CREATE UNIQUE INDEX report_concentration_key ON hub.report_concentration (measure);
COMMENT ON MATERIALIZED VIEW hub.report_concentration IS
    'Report figure "concentration of downloads", for measure downloads (last 30 days) and downloads_all_time, over the models where the measure is not NULL: models, total, top_200_share = top_k_share(x, 200) (share of the total held by the 200 most downloaded models), top_0_01pct_share = top_share(x, 0.0001) (the largest ceil(0.0001 n) models), under_200_model_share = the share of MODELS (not of downloads) with x < 200, gini, hhi, lorenz = lorenz(x, 100) (101 points, population shares 0, 0.01, ..., 1)';

--------------------------------------------------------------------------
-- hub.report_country: share of downloads by author country
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_country AS
WITH m AS (
    SELECT m.id, m.author, m.lineage, coalesce(m.downloads, 0)::float8 AS downloads,
           pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.models m
), credit AS (
    -- developed in: the model's own namespace
    SELECT 'developed_in'::text AS attribution, m.year, k.country, 1::float8 AS models, m.downloads
    FROM m LEFT JOIN hub.author_kinds k ON k.author = m.author
    UNION ALL
    -- developed in or derived from: the namespaces of the lineage roots,
    -- weighted by lineage_root_shares; a model without lineage is its own
    -- root (its own namespace, as above)
    SELECT 'developed_in_or_derived_from'::text, m.year, k.country, 1::float8, m.downloads
    FROM m LEFT JOIN hub.author_kinds k ON k.author = m.author
    WHERE m.lineage IS NULL
    UNION ALL
    -- the others' credit summed per (year, root) first: few roots, so the
    -- root's namespace is looked up once per root, not once per model
    SELECT 'developed_in_or_derived_from'::text, d.year, k.country, d.models, d.downloads
    FROM (SELECT m.year, r.root, pg_catalog.sum(r.share) AS models, pg_catalog.sum(m.downloads * r.share) AS downloads
          FROM m CROSS JOIN LATERAL @extschema@.lineage_root_shares(m.lineage) r
          WHERE m.lineage IS NOT NULL
          GROUP BY m.year, r.root) d
    LEFT JOIN hub.models rm ON rm.id = d.root
    LEFT JOIN hub.author_kinds k
           ON k.author = coalesce(rm.author,
                  CASE WHEN pg_catalog.strpos(d.root, '/') > 0
                       THEN pg_catalog.split_part(d.root, '/', 1) END)
), grouped AS (
    SELECT c.attribution,
           CASE WHEN GROUPING(c.year) = 1 THEN 'all' ELSE coalesce(c.year::text, 'unknown') END AS period,
           CASE WHEN GROUPING(c.year) = 0 THEN c.year END AS year,
           coalesce(c.country, 'unknown') AS country,
           pg_catalog.sum(c.models) AS models,
           pg_catalog.sum(c.downloads) AS downloads
    FROM credit c
    GROUP BY c.attribution, coalesce(c.country, 'unknown'), GROUPING SETS ((c.year), ())
)
SELECT g.attribution, g.period, g.year, g.country, g.models, g.downloads,
       g.downloads / NULLIF(pg_catalog.sum(g.downloads) OVER (PARTITION BY g.attribution, g.period), 0) AS share
FROM grouped g;

CREATE UNIQUE INDEX report_country_key ON hub.report_country (attribution, period, country);
COMMENT ON MATERIALIZED VIEW hub.report_country IS
    'Report figure "share of downloads by country": downloads (last 30 days) credited to countries (hub.author_country; NULL or unlisted = ''unknown''), per creation year of the downloaded model and overall (period ''all''). attribution ''developed_in'': all of a model''s downloads go to its own namespace''s country. attribution ''developed_in_or_derived_from'': they go to the countries of the namespaces of its lineage roots, split by lineage_root_shares (1.0 starts at the model and is split equally among the parents at every node, so a merge of two parents passes half to each; a model whose lineage is NULL is its own root; a root not in hub.models takes the namespace before the / of its id). models = models credited (fractional for the second attribution), share = downloads / all downloads of the period and attribution';

--------------------------------------------------------------------------
-- hub.report_segments: share of downloads by kind of developer
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_segments AS
WITH m AS (
    SELECT coalesce(k.kind, 'unknown') AS kind,
           coalesce(m.downloads, 0) AS downloads,
           pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.models m LEFT JOIN hub.author_kinds k ON k.author = m.author
), grouped AS (
    SELECT CASE WHEN GROUPING(m.year) = 1 THEN 'all' ELSE coalesce(m.year::text, 'unknown') END AS period,
           CASE WHEN GROUPING(m.year) = 0 THEN m.year END AS year,
           m.kind, pg_catalog.count(*) AS models, pg_catalog.sum(m.downloads) AS downloads
    FROM m
    GROUP BY m.kind, GROUPING SETS ((m.year), ())
)
SELECT g.period, g.year, g.kind, g.models, g.downloads,
       (g.downloads / NULLIF(pg_catalog.sum(g.downloads) OVER (PARTITION BY g.period), 0))::float8 AS share,
       g.models::float8 / pg_catalog.sum(g.models) OVER (PARTITION BY g.period)::float8 AS model_share
FROM grouped g;

CREATE UNIQUE INDEX report_segments_key ON hub.report_segments (period, kind);
COMMENT ON MATERIALIZED VIEW hub.report_segments IS
    'Report figure "downloads by kind of developer": per creation year of the model (period ''all'' = every model) and author kind (hub.author_kind: industry, academic, independent, nonprofit, government; an unlisted namespace is ''unknown''): models, downloads (last 30 days), share = downloads / all downloads of the period, model_share = models / all models of the period';

--------------------------------------------------------------------------
-- hub.report_org_releases: models released per author per year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_org_releases AS
WITH r AS (
    SELECT m.author, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year, pg_catalog.count(*) AS models
    FROM hub.models m
    WHERE m.author IS NOT NULL AND m.created_at IS NOT NULL
    GROUP BY 1, 2
)
SELECT r.author, coalesce(k.kind, 'unknown') AS kind, coalesce(k.country, 'unknown') AS country,
       r.year, r.models, p.models AS previous_year_models,
       r.models::float8 / p.models::float8 AS yoy_multiple
FROM r
LEFT JOIN r p ON p.author = r.author AND p.year = r.year - 1
LEFT JOIN hub.author_kinds k ON k.author = r.author;

CREATE UNIQUE INDEX report_org_releases_key ON hub.report_org_releases (author, year);
COMMENT ON MATERIALIZED VIEW hub.report_org_releases IS
    'Report figure "releases per organisation": models created per namespace (author) and creation year (models without author or created_at are left out), with its kind and country (''unknown'' when unlisted), previous_year_models = the same namespace''s count the year before (NULL when it released none), yoy_multiple = models / previous_year_models';

--------------------------------------------------------------------------
-- hub.report_model_size: download-weighted mean and median parameters
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_model_size AS
WITH m AS (
    SELECT m.params, m.downloads, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.models m
    WHERE m.params IS NOT NULL AND m.downloads IS NOT NULL
)
SELECT CASE WHEN GROUPING(m.year) = 1 THEN 'all' ELSE coalesce(m.year::text, 'unknown') END AS period,
       CASE WHEN GROUPING(m.year) = 0 THEN m.year END AS year,
       pg_catalog.count(*) AS models,
       pg_catalog.sum(m.downloads) AS downloads,
       (pg_catalog.sum(m.params::numeric * m.downloads) / NULLIF(pg_catalog.sum(m.downloads), 0))::float8 AS weighted_mean_params,
       @extschema@.weighted_median(m.params::float8, m.downloads::float8) AS weighted_median_params
FROM m
GROUP BY GROUPING SETS ((m.year), ());

CREATE UNIQUE INDEX report_model_size_key ON hub.report_model_size (period);
COMMENT ON MATERIALIZED VIEW hub.report_model_size IS
    'Report figure "the mean downloaded model is large, the median one small": per creation year and overall (period ''all''), over models with params and downloads: weighted_mean_params = sum(params * downloads) / sum(downloads), weighted_median_params = weighted_median(params, downloads) (the smallest params value whose cumulative downloads reach half of all downloads); downloads = last 30 days';

--------------------------------------------------------------------------
-- hub.report_size_buckets: the top 10 models of each size class
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_size_buckets AS
WITH b(bucket, bucket_order, min_params, max_params) AS (
    VALUES ('<1B'::text, 1, NULL::bigint, 1000000000::bigint),
           ('1-9B'::text, 2, 1000000000::bigint, 10000000000::bigint),
           ('10-99B'::text, 3, 10000000000::bigint, 100000000000::bigint),
           ('>=100B'::text, 4, 100000000000::bigint, NULL::bigint)
), m AS (
    SELECT m.id, coalesce(m.downloads, 0) AS downloads,
           CASE WHEN m.params < 1000000000 THEN 1 WHEN m.params < 10000000000 THEN 2
                WHEN m.params < 100000000000 THEN 3 ELSE 4 END AS bucket_order
    FROM hub.models m
    WHERE m.params IS NOT NULL
), ranked AS (
    SELECT m.*, pg_catalog.row_number() OVER (PARTITION BY m.bucket_order ORDER BY m.downloads DESC, m.id) AS rn
    FROM m
), agg AS (
    SELECT r.bucket_order, pg_catalog.count(*) AS models,
           pg_catalog.count(*) FILTER (WHERE r.rn <= 10) AS top_models,
           pg_catalog.sum(r.downloads) FILTER (WHERE r.rn <= 10) AS top10_downloads,
           pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.downloads::float8) FILTER (WHERE r.rn <= 10) AS top10_median
    FROM ranked r
    GROUP BY r.bucket_order
), joined AS (
    SELECT b.bucket, b.bucket_order, b.min_params, b.max_params,
           coalesce(a.models, 0) AS models, coalesce(a.top_models, 0) AS top_models,
           a.top10_downloads, a.top10_median
    FROM b LEFT JOIN agg a ON a.bucket_order = b.bucket_order
)
SELECT j.bucket, j.bucket_order, j.min_params, j.max_params, j.models, j.top_models,
       j.top10_downloads, j.top10_median,
       j.top10_median / NULLIF(pg_catalog.lag(j.top10_median) OVER (ORDER BY j.bucket_order), 0) AS median_ratio_to_previous,
       j.top10_median / NULLIF(pg_catalog.first_value(j.top10_median) OVER (ORDER BY j.bucket_order), 0) AS median_ratio_to_smallest
FROM joined j;

CREATE UNIQUE INDEX report_size_buckets_key ON hub.report_size_buckets (bucket);
COMMENT ON MATERIALIZED VIEW hub.report_size_buckets IS
    'Report figure "downloads of the top 10 models by size": four buckets of params, min_params <= params < max_params: <1B (params < 1e9), 1-9B (1e9 <= params < 1e10), 10-99B (1e10 <= params < 1e11), >=100B (params >= 1e11); models without params are left out. The top 10 of a bucket are its 10 models with the most downloads (last 30 days, NULL = 0; ties by id; all of them when it has fewer, top_models says how many): top10_downloads = their sum, top10_median = percentile_cont(0.5) of their downloads (the mean of the 5th and 6th of 10). median_ratio_to_previous = top10_median / top10_median of the next smaller bucket, median_ratio_to_smallest = top10_median / top10_median of <1B (NULL when the divisor is NULL or 0)';

--------------------------------------------------------------------------
-- hub.report_dataset_categories: datasets per task category and year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_dataset_categories AS
WITH d AS (
    SELECT d.id, d.task_categories, pg_catalog.date_part('year', d.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.datasets d
), c AS (
    SELECT DISTINCT d.id, d.year, t.category
    FROM d CROSS JOIN LATERAL pg_catalog.unnest(d.task_categories) t(category)
    WHERE t.category IS NOT NULL AND t.category <> ''
), totals AS (
    SELECT CASE WHEN GROUPING(d.year) = 1 THEN 'all' ELSE coalesce(d.year::text, 'unknown') END AS period,
           pg_catalog.count(*) AS datasets
    FROM d GROUP BY GROUPING SETS ((d.year), ())
), grouped AS (
    SELECT CASE WHEN GROUPING(c.year) = 1 THEN 'all' ELSE coalesce(c.year::text, 'unknown') END AS period,
           CASE WHEN GROUPING(c.year) = 0 THEN c.year END AS year,
           c.category, pg_catalog.count(*) AS datasets
    FROM c
    GROUP BY c.category, GROUPING SETS ((c.year), ())
)
SELECT g.period, g.year, g.category, g.datasets,
       g.datasets::float8 / t.datasets::float8 AS share,
       pg_catalog.rank() OVER (PARTITION BY g.period ORDER BY g.datasets DESC) AS rank
FROM grouped g JOIN totals t ON t.period = g.period;

CREATE UNIQUE INDEX report_dataset_categories_key ON hub.report_dataset_categories (period, category);
COMMENT ON MATERIALIZED VIEW hub.report_dataset_categories IS
    'Report figure "datasets by task category": per creation year of the dataset (period ''all'' = every dataset) and task category (hub.datasets.task_categories; a dataset counts once in each category it lists): datasets, share = datasets / all datasets created in the period (with or without a category), rank = rank() by datasets descending within the period (equal counts share a rank and the next rank skips: 1, 1, 3)';

--------------------------------------------------------------------------
-- hub.report_most_liked: the most-liked models of each year
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_most_liked AS
WITH m AS (
    SELECT m.id, m.author, m.likes, m.downloads, pg_catalog.date_part('year', m.created_at AT TIME ZONE 'UTC')::int AS year
    FROM hub.models m
    WHERE m.likes IS NOT NULL
), by_year AS (
    -- the WHERE on the window's own output lets the executor stop each
    -- partition after 10 rows (a run condition), instead of numbering all
    SELECT * FROM (
        SELECT coalesce(m.year::text, 'unknown') AS period, m.year, m.id, m.author, m.likes, m.downloads,
               pg_catalog.row_number() OVER (PARTITION BY m.year ORDER BY m.likes DESC, m.id) AS rank
        FROM m) r
    WHERE r.rank <= 10
), overall AS (
    SELECT 'all'::text AS period, NULL::int AS year, t.id, t.author, t.likes, t.downloads,
           pg_catalog.row_number() OVER (ORDER BY t.likes DESC, t.id) AS rank
    FROM (SELECT m.* FROM m ORDER BY m.likes DESC, m.id LIMIT 10) t
)
SELECT r.period, r.year, r.rank, r.id, r.author, r.likes, r.downloads FROM by_year r
UNION ALL
SELECT o.period, o.year, o.rank, o.id, o.author, o.likes, o.downloads FROM overall o;

CREATE UNIQUE INDEX report_most_liked_key ON hub.report_most_liked (period, rank);
COMMENT ON MATERIALIZED VIEW hub.report_most_liked IS
    'Report figure "most-liked models": the 10 models with the most likes per creation year (period ''unknown'' for models without created_at, ''all'' over every model), rank 1 to 10 by likes descending, ties by id; models with NULL likes are left out';

--------------------------------------------------------------------------
-- hub.report_derivatives: models and downloads by relation to a base model
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_derivatives AS
WITH rel AS (
    SELECT e.child AS id,
           pg_catalog.max(CASE e.relation WHEN 'merge' THEN 4 WHEN 'quantized' THEN 3
                                          WHEN 'adapter' THEN 2 WHEN 'finetune' THEN 1 ELSE 0 END) AS r
    FROM hub.model_edges e
    WHERE e.child <> e.parent
    GROUP BY e.child
), m AS (
    SELECT CASE rel.r WHEN 4 THEN 'merge' WHEN 3 THEN 'quantized' WHEN 2 THEN 'adapter'
                      WHEN 1 THEN 'finetune' WHEN 0 THEN 'unknown' ELSE 'none' END AS relation,
           coalesce(m.downloads, 0) AS downloads
    FROM hub.models m LEFT JOIN rel ON rel.id = m.id
), names(relation, relation_order) AS (
    VALUES ('finetune'::text, 1), ('adapter'::text, 2), ('quantized'::text, 3), ('merge'::text, 4),
           ('unknown'::text, 5), ('none'::text, 6)
), agg AS (
    SELECT n.relation, n.relation_order, pg_catalog.count(m.relation) AS models,
           coalesce(pg_catalog.sum(m.downloads), 0) AS downloads
    FROM names n LEFT JOIN m ON m.relation = n.relation
    GROUP BY n.relation, n.relation_order
)
SELECT a.relation, a.relation_order, a.models,
       a.models::float8 / NULLIF(pg_catalog.sum(a.models) OVER (), 0)::float8 AS model_share,
       a.downloads,
       (a.downloads / NULLIF(pg_catalog.sum(a.downloads) OVER (), 0))::float8 AS download_share
FROM agg a;

CREATE UNIQUE INDEX report_derivatives_key ON hub.report_derivatives (relation);
COMMENT ON MATERIALIZED VIEW hub.report_derivatives IS
    'Report figure "derivatives by relation": every model of hub.models in one row: relation = the relation of its edges in hub.model_edges as a child (self-loops ignored); with several parent edges, the most specific one: merge, then quantized, adapter, finetune, and unknown (NULL relation) only when no edge names one (the precedence lineage_build uses for duplicate edges); ''none'' = no parent edge (not a derivative). models, model_share = models / all models, downloads (last 30 days), download_share = downloads / all downloads';

--------------------------------------------------------------------------
-- hub.report_families: the largest derivative families
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_families AS
WITH f AS (
    SELECT r.root, coalesce(m.downloads, 0) AS downloads
    FROM hub.models m
    CROSS JOIN LATERAL pg_catalog.unnest(@extschema@.lineage_roots(m.lineage)) r(root)
    WHERE m.lineage IS NOT NULL AND r.root <> m.id
), agg AS (
    SELECT f.root, pg_catalog.count(*) AS descendants, pg_catalog.sum(f.downloads) AS descendant_downloads
    FROM f GROUP BY f.root
), j AS (
    SELECT a.root, rm.author, a.descendants, a.descendant_downloads, rm.downloads AS root_downloads,
           a.descendant_downloads + coalesce(rm.downloads, 0) AS family_downloads
    FROM agg a LEFT JOIN hub.models rm ON rm.id = a.root
)
SELECT j.root, j.author, j.descendants, j.descendant_downloads, j.root_downloads, j.family_downloads,
       pg_catalog.row_number() OVER (ORDER BY j.descendants DESC, j.root) AS rank_by_descendants,
       pg_catalog.row_number() OVER (ORDER BY j.family_downloads DESC, j.root) AS rank_by_downloads
FROM j;

CREATE UNIQUE INDEX report_families_key ON hub.report_families (root);
COMMENT ON MATERIALIZED VIEW hub.report_families IS
    'Report figure "the largest families": one row per lineage root with at least one descendant in hub.models (from the lineage column, built by lineage_build): descendants = models whose lineage has this root among lineage_roots (a merge child counts in every parent''s family), descendant_downloads = their downloads (last 30 days), root_downloads = the root''s own (NULL when it is not in hub.models), family_downloads = descendant_downloads + root_downloads; rank_by_descendants and rank_by_downloads (by family_downloads) are 1, 2, ... descending, ties by root id';

--------------------------------------------------------------------------
-- hub.report_derivative_kinds: who makes the derivatives
--------------------------------------------------------------------------

CREATE MATERIALIZED VIEW hub.report_derivative_kinds AS
WITH d AS (
    SELECT coalesce(k.kind, 'unknown') AS kind, coalesce(m.downloads, 0) AS downloads
    FROM hub.models m
    LEFT JOIN hub.author_kinds k ON k.author = m.author
    WHERE EXISTS (SELECT 1 FROM hub.model_edges e WHERE e.child = m.id AND e.parent <> e.child)
)
SELECT d.kind, pg_catalog.count(*) AS derivatives,
       pg_catalog.count(*)::float8 / pg_catalog.sum(pg_catalog.count(*)) OVER ()::float8 AS share,
       pg_catalog.sum(d.downloads) AS downloads,
       (pg_catalog.sum(d.downloads) / NULLIF(pg_catalog.sum(pg_catalog.sum(d.downloads)) OVER (), 0))::float8 AS download_share
FROM d
GROUP BY d.kind;

CREATE UNIQUE INDEX report_derivative_kinds_key ON hub.report_derivative_kinds (kind);
COMMENT ON MATERIALIZED VIEW hub.report_derivative_kinds IS
    'Report figure "who makes derivatives": derivatives (models of hub.models with at least one parent edge in hub.model_edges, self-loops ignored) per kind of their own namespace (hub.author_kind; unlisted = ''unknown''): derivatives, share = derivatives / all derivatives, downloads (last 30 days), download_share = downloads / all derivatives'' downloads';

--------------------------------------------------------------------------
-- hub.report: the headline figures in one tidy view
--------------------------------------------------------------------------

CREATE VIEW hub.report AS
WITH seg_years AS (
    SELECT pg_catalog.min(s.year) AS first_year, pg_catalog.max(s.year) AS last_year FROM hub.report_segments s
), size_years AS (
    SELECT pg_catalog.max(s.year) AS last_year FROM hub.report_model_size s
), cat_years AS (
    SELECT pg_catalog.max(c.year) - 1 AS prev_year, pg_catalog.max(c.year) AS last_year FROM hub.report_dataset_categories c
), model_years AS (
    SELECT pg_catalog.max(t.year) AS last_year FROM hub.report_topline t WHERE t.kind = 'models'
), conc AS (
    SELECT * FROM hub.report_concentration c WHERE c.measure = 'downloads'
), conc_all AS (
    SELECT * FROM hub.report_concentration c WHERE c.measure = 'downloads_all_time'
), fam_n AS (
    SELECT * FROM hub.report_families f WHERE f.rank_by_descendants = 1
), fam_d AS (
    SELECT * FROM hub.report_families f WHERE f.rank_by_downloads = 1
), rows(ord, section, metric, value, unit, definition) AS (
    -- topline
    SELECT 1, 'topline', 'models',
           (SELECT t.created FROM hub.report_topline t WHERE t.kind = 'models' AND t.period = 'all')::float8,
           'models', 'Models in hub.models'
    UNION ALL
    SELECT 2, 'topline', 'datasets',
           (SELECT t.created FROM hub.report_topline t WHERE t.kind = 'datasets' AND t.period = 'all')::float8,
           'datasets', 'Datasets in hub.datasets'
    UNION ALL
    SELECT 3, 'topline', 'authors',
           (SELECT t.created FROM hub.report_topline t WHERE t.kind = 'authors' AND t.period = 'all')::float8,
           'authors', 'Distinct namespaces with a model or a dataset'
    UNION ALL
    SELECT 4, 'topline', 'models_yoy_multiple_last_year',
           (SELECT t.yoy_multiple FROM hub.report_topline t, model_years y WHERE t.kind = 'models' AND t.year = y.last_year),
           'multiple', pg_catalog.format('Models created in %s / models created in the year before (hub.report_topline)',
                                         coalesce((SELECT y.last_year FROM model_years y)::text, '(no data)'))
    UNION ALL
    -- concentration (30-day downloads, then all-time)
    SELECT 10, 'concentration', 'top_200_share', (SELECT c.top_200_share FROM conc c), 'share',
           'Share of 30-day downloads held by the 200 most downloaded models: top_k_share(downloads, 200)'
    UNION ALL
    SELECT 11, 'concentration', 'top_0_01pct_share', (SELECT c.top_0_01pct_share FROM conc c), 'share',
           'Share of 30-day downloads held by the top 0.01% of models: top_share(downloads, 0.0001)'
    UNION ALL
    SELECT 12, 'concentration', 'under_200_model_share', (SELECT c.under_200_model_share FROM conc c), 'share of models',
           'Share of models (not of downloads) with fewer than 200 downloads in 30 days'
    UNION ALL
    SELECT 13, 'concentration', 'gini', (SELECT c.gini FROM conc c), 'index',
           'Gini coefficient of 30-day downloads over models: gini(downloads)'
    UNION ALL
    SELECT 14, 'concentration', 'hhi', (SELECT c.hhi FROM conc c), 'index',
           'Herfindahl-Hirschman index of 30-day downloads: hhi(downloads)'
    UNION ALL
    SELECT 15, 'concentration', 'top_200_share_all_time', (SELECT c.top_200_share FROM conc_all c), 'share',
           'Share of all-time downloads held by the 200 most downloaded models: top_k_share(downloads_all_time, 200)'
    UNION ALL
    SELECT 16, 'concentration', 'gini_all_time', (SELECT c.gini FROM conc_all c), 'index',
           'Gini coefficient of all-time downloads: gini(downloads_all_time)'
    UNION ALL
    -- country: the China and United States shares under both attributions
    SELECT v.ord, 'country', v.metric,
           coalesce((SELECT c.share FROM hub.report_country c
                     WHERE c.attribution = v.attribution AND c.period = 'all' AND c.country = v.country),
                    CASE WHEN (SELECT c.total FROM conc c) > 0 THEN 0 END),
           'share', v.definition
    FROM (VALUES
        (20, 'cn_share_developed_in', 'developed_in', 'CN',
         'Share of 30-day downloads of models whose own namespace is in China (hub.report_country, developed_in)'),
        (21, 'cn_share_developed_in_or_derived_from', 'developed_in_or_derived_from', 'CN',
         'Share of 30-day downloads credited to China through the lineage roots (lineage_root_shares: equal split among the parents at every merge; hub.report_country, developed_in_or_derived_from)'),
        (22, 'us_share_developed_in', 'developed_in', 'US',
         'Share of 30-day downloads of models whose own namespace is in the United States (hub.report_country, developed_in)'),
        (23, 'us_share_developed_in_or_derived_from', 'developed_in_or_derived_from', 'US',
         'Share of 30-day downloads credited to the United States through the lineage roots (hub.report_country, developed_in_or_derived_from)')
    ) v(ord, metric, attribution, country, definition)
    UNION ALL
    -- segments
    SELECT 30, 'segments', 'independent_share_first_year',
           (SELECT coalesce((SELECT s.share FROM hub.report_segments s WHERE s.year = y.first_year AND s.kind = 'independent'),
                                       (SELECT 0::float8 FROM hub.report_segments s WHERE s.year = y.first_year AND s.share IS NOT NULL LIMIT 1))
            FROM seg_years y),
           'share', pg_catalog.format('Share of 30-day downloads of the models created in %s (the first year) made by independent developers (hub.report_segments)',
                                      coalesce((SELECT y.first_year FROM seg_years y)::text, '(no data)'))
    UNION ALL
    SELECT 31, 'segments', 'independent_share_last_year',
           (SELECT coalesce((SELECT s.share FROM hub.report_segments s WHERE s.year = y.last_year AND s.kind = 'independent'),
                                       (SELECT 0::float8 FROM hub.report_segments s WHERE s.year = y.last_year AND s.share IS NOT NULL LIMIT 1))
            FROM seg_years y),
           'share', pg_catalog.format('Share of 30-day downloads of the models created in %s (the last year) made by independent developers (hub.report_segments)',
                                      coalesce((SELECT y.last_year FROM seg_years y)::text, '(no data)'))
    UNION ALL
    -- model size
    SELECT 40, 'model size', 'weighted_mean_params',
           (SELECT s.weighted_mean_params FROM hub.report_model_size s WHERE s.period = 'all'),
           'parameters', 'Download-weighted mean parameter count over all models with params: sum(params * downloads) / sum(downloads)'
    UNION ALL
    SELECT 41, 'model size', 'weighted_median_params',
           (SELECT s.weighted_median_params FROM hub.report_model_size s WHERE s.period = 'all'),
           'parameters', 'Download-weighted median parameter count over all models with params: weighted_median(params, downloads)'
    UNION ALL
    SELECT 42, 'model size', 'weighted_mean_params_last_year',
           (SELECT s.weighted_mean_params FROM hub.report_model_size s, size_years y WHERE s.year = y.last_year),
           'parameters', pg_catalog.format('Download-weighted mean parameter count of the models created in %s', coalesce((SELECT y.last_year FROM size_years y)::text, '(no data)'))
    UNION ALL
    SELECT 43, 'model size', 'weighted_median_params_last_year',
           (SELECT s.weighted_median_params FROM hub.report_model_size s, size_years y WHERE s.year = y.last_year),
           'parameters', pg_catalog.format('Download-weighted median parameter count of the models created in %s', coalesce((SELECT y.last_year FROM size_years y)::text, '(no data)'))
    UNION ALL
    SELECT 44, 'size buckets', 'top10_median_ratio_small_to_largest',
           (SELECT s.top10_median / NULLIF(l.top10_median, 0)
            FROM hub.report_size_buckets s, hub.report_size_buckets l WHERE s.bucket = '<1B' AND l.bucket = '>=100B'),
           'multiple', 'Median 30-day downloads of the top 10 models under 1B params / the same of the top 10 of 100B params or more (hub.report_size_buckets)'
    UNION ALL
    -- datasets
    SELECT 50, 'datasets', 'robotics_datasets_previous_year',
           (SELECT coalesce((SELECT c.datasets FROM hub.report_dataset_categories c WHERE c.year = y.prev_year AND c.category = 'robotics'), 0)::float8
            FROM cat_years y WHERE y.prev_year IS NOT NULL),
           'datasets', pg_catalog.format('Datasets created in %s (the year before the last year with a categorised dataset) with task category robotics',
                                         coalesce((SELECT y.prev_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    SELECT 51, 'datasets', 'robotics_datasets_last_year',
           (SELECT coalesce((SELECT c.datasets FROM hub.report_dataset_categories c WHERE c.year = y.last_year AND c.category = 'robotics'), 0)::float8
            FROM cat_years y WHERE y.last_year IS NOT NULL),
           'datasets', pg_catalog.format('Datasets created in %s (the last year with a categorised dataset) with task category robotics',
                                         coalesce((SELECT y.last_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    SELECT 52, 'datasets', 'robotics_rank_previous_year',
           (SELECT c.rank FROM hub.report_dataset_categories c, cat_years y WHERE c.year = y.prev_year AND c.category = 'robotics')::float8,
           'rank', pg_catalog.format('Rank of robotics among the task categories of datasets created in %s (1 = most datasets; NULL when none)',
                                     coalesce((SELECT y.prev_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    SELECT 53, 'datasets', 'robotics_rank_last_year',
           (SELECT c.rank FROM hub.report_dataset_categories c, cat_years y WHERE c.year = y.last_year AND c.category = 'robotics')::float8,
           'rank', pg_catalog.format('Rank of robotics among the task categories of datasets created in %s (1 = most datasets; NULL when none)',
                                     coalesce((SELECT y.last_year FROM cat_years y)::text, '(no data)'))
    UNION ALL
    -- derivatives and families
    SELECT 60, 'derivatives', 'derivative_model_share',
           (SELECT pg_catalog.sum(d.model_share) FROM hub.report_derivatives d WHERE d.relation <> 'none'),
           'share of models', 'Share of models with at least one base model (hub.report_derivatives, relation other than none)'
    UNION ALL
    SELECT 61, 'derivatives', 'derivative_download_share',
           (SELECT pg_catalog.sum(d.download_share) FROM hub.report_derivatives d WHERE d.relation <> 'none'),
           'share', 'Share of 30-day downloads going to models with at least one base model'
    UNION ALL
    SELECT 62, 'families', 'largest_family_descendants',
           (SELECT f.descendants FROM fam_n f)::float8,
           'models', pg_catalog.format('Descendants of the largest family by descendants, root %s (hub.report_families)', coalesce((SELECT f.root FROM fam_n f)::text, '(no data)'))
    UNION ALL
    SELECT 63, 'families', 'largest_family_downloads',
           (SELECT f.family_downloads FROM fam_d f)::float8,
           'downloads', pg_catalog.format('30-day downloads of the largest family by downloads (root and descendants), root %s (hub.report_families)',
                                          coalesce((SELECT f.root FROM fam_d f)::text, '(no data)'))
)
SELECT r.section, r.metric, r.value::float8 AS value, r.unit, r.definition
FROM rows r
ORDER BY r.ord;

COMMENT ON VIEW hub.report IS
    'The headline figures of the report, one row each (section, metric, value float8, unit, definition), read from the hub.report_* materialized views: topline counts, download concentration (top-200 share, top-0.01% share, share of models under 200 downloads, Gini, HHI), China and US download shares (developed in / developed in or derived from), the independent developers'' share in the first and last year, weighted mean and median parameters, robotics datasets in the first and last year with their rank, the derivative shares and the largest families';
-- hub.refresh and hub.schedule_refresh (appended to the install script by the Makefile).
--
-- hub.refresh() rebuilds hub.models.lineage from hub.model_edges and then
-- refreshes every materialized view of the extension in schema hub, in
-- dependency order, CONCURRENTLY (readers are never blocked), all in the
-- caller's transaction.  Two refreshes never run at once: they take the
-- transaction-level advisory lock 7305805562189542515 (the ASCII bytes of
-- 'ecostats'; in pg_locks classid 1701015411, objid 1952543859, objsubid 1).
-- hub.schedule_refresh() makes a pg_cron job of it; pg_cron is looked up at
-- run time, so ecostats does not depend on it.

--------------------------------------------------------------------------
-- hub.refreshes: the log
--------------------------------------------------------------------------

CREATE TABLE hub.refreshes (
    refresh_id       bigserial PRIMARY KEY,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    duration         interval NOT NULL,
    status           text NOT NULL CHECK (status IN ('succeeded', 'skipped')),
    lineage_changed  bigint,
    views_refreshed  integer,
    steps            jsonb NOT NULL DEFAULT '{}',
    run_by           text NOT NULL DEFAULT current_user,
    application_name text DEFAULT pg_catalog.current_setting('application_name'),
    backend_pid      integer NOT NULL DEFAULT pg_catalog.pg_backend_pid()
);
COMMENT ON TABLE hub.refreshes IS
    'One row per call of hub.refresh(): start, end, duration, status (succeeded, or skipped because another refresh held the lock), hub.models rows whose lineage changed, views refreshed, and the milliseconds of each step (steps: {"lineage": ms, "hub.<view>": ms, ...})';
COMMENT ON SEQUENCE hub.refreshes_refresh_id_seq IS 'Numbers the refreshes';
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes', '');
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes_refresh_id_seq', '');

--------------------------------------------------------------------------
-- hub.refresh_order(): the materialized views hub.refresh() refreshes
--------------------------------------------------------------------------

CREATE FUNCTION hub.refresh_order()
    RETURNS TABLE (step integer, matview regclass, populated boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
WITH RECURSIVE
mv AS (     -- the materialized views of the extension in schema hub
    SELECT c.oid
    FROM pg_class c
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.objsubid = 0
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'ecostats'
    WHERE c.relkind = 'm' AND c.relnamespace = 'hub'::regnamespace
),
reads AS (  -- view or materialized view -> a view or materialized view its query reads
    SELECT DISTINCT r.ev_class AS rel, d.refobjid AS dep
    FROM pg_rewrite r
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                    AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
    JOIN pg_class c ON c.oid = d.refobjid AND c.relkind IN ('v', 'm')
    WHERE d.refobjid <> r.ev_class
),
walk (root, rel, depth) AS (  -- from each of them down through views of any kind
    SELECT oid, oid, 0 FROM mv
    UNION
    SELECT w.root, r.dep, w.depth + 1 FROM walk w JOIN reads r ON r.rel = w.rel
),
height AS ( -- the longest chain of the extension's materialized views below each
    SELECT w.root, count(DISTINCT w.rel) FILTER (WHERE w.rel IN (SELECT oid FROM mv) AND w.rel <> w.root) AS below,
           max(w.depth) AS depth
    FROM walk w GROUP BY w.root
)
SELECT (row_number() OVER (ORDER BY h.below, h.depth, h.root::regclass::text))::integer,
       h.root::regclass, c.relispopulated
FROM height h JOIN pg_class c ON c.oid = h.root
ORDER BY 1
$$;
COMMENT ON FUNCTION hub.refresh_order() IS
    'The materialized views of the extension in schema hub in the order hub.refresh() refreshes them (a view after every materialized view it reads, directly or through other views), and whether each is populated';

--------------------------------------------------------------------------
-- hub.refresh()
--------------------------------------------------------------------------

CREATE FUNCTION hub.refresh(wait boolean DEFAULT false)
    RETURNS hub.refreshes
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    -- the extension's schema too: SQL functions that views call may name its functions unqualified
    SET search_path = pg_catalog, @extschema@, pg_temp
    AS $$
DECLARE
    lock_key constant bigint := 7305805562189542515;  -- 'ecostats' in ASCII
    t0 timestamptz;
    t  timestamptz;
    holder integer;
    changed bigint;
    n_views integer := 0;
    step_ms jsonb := '{}';
    v record;
    result hub.refreshes;
BEGIN
    IF wait THEN
        PERFORM pg_advisory_xact_lock(lock_key);
    ELSIF NOT pg_try_advisory_xact_lock(lock_key) THEN
        SELECT l.pid INTO holder FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          -- a bigint key shows as its high and low 32 bits, objsubid 1
          AND l.classid::bigint = lock_key >> 32 AND l.objid::bigint = lock_key & 4294967295
          AND l.objsubid = 1 AND l.granted
        LIMIT 1;
        RAISE NOTICE 'hub.refresh: another refresh is running (process %); skipped', coalesce(holder::text, '?')
            USING HINT = 'Call hub.refresh(wait => true) to wait for it and refresh after it.';
        t := clock_timestamp();
        INSERT INTO hub.refreshes (started_at, finished_at, duration, status)
        VALUES (t, t, interval '0', 'skipped')
        RETURNING * INTO result;
        RETURN result;
    END IF;

    t0 := clock_timestamp();

    -- 1. lineage: write only the rows whose value changes (lineage_build is
    --    deterministic: an unchanged graph gives the same bytes)
    t := clock_timestamp();
    UPDATE hub.models m SET lineage = n.lineage
    FROM (SELECT m2.id, b.lineage
          FROM hub.models m2
          LEFT JOIN @extschema@.lineage_build('hub.model_edges') b ON b.node = m2.id) n
    WHERE n.id = m.id
      -- lineage_identical is strict: NULL (no update) when both are NULL
      AND ((m.lineage IS NULL) <> (n.lineage IS NULL) OR NOT @extschema@.lineage_identical(m.lineage, n.lineage));
    GET DIAGNOSTICS changed = ROW_COUNT;
    step_ms := step_ms || jsonb_build_object('lineage',
        round((extract(epoch FROM clock_timestamp() - t) * 1000)::numeric, 3));

    -- 2. the materialized views, each after those it reads; CONCURRENTLY
    --    (readers keep reading), except a view that was never populated,
    --    which CONCURRENTLY cannot refresh
    FOR v IN SELECT o.matview, o.populated FROM hub.refresh_order() o ORDER BY o.step LOOP
        t := clock_timestamp();
        IF v.populated THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', v.matview);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW %s', v.matview);
        END IF;
        n_views := n_views + 1;
        step_ms := step_ms || jsonb_build_object(v.matview::text,
            round((extract(epoch FROM clock_timestamp() - t) * 1000)::numeric, 3));
    END LOOP;

    t := clock_timestamp();
    INSERT INTO hub.refreshes (started_at, finished_at, duration, status, lineage_changed, views_refreshed, steps)
    VALUES (t0, t, t - t0, 'succeeded', changed, n_views, step_ms)
    RETURNING * INTO result;
    RETURN result;
END $$;
COMMENT ON FUNCTION hub.refresh(boolean) IS
    'Rebuilds hub.models.lineage from hub.model_edges (writing only changed rows, NULL for models without edges), then refreshes the extension''s materialized views in schema hub in dependency order, CONCURRENTLY; logs the run in hub.refreshes and returns its row. One refresh at a time (advisory lock 7305805562189542515): with wait => false a second call returns at once with a NOTICE and status skipped, with wait => true it waits';

--------------------------------------------------------------------------
-- pg_cron: hub.schedule_refresh(), hub.unschedule_refresh()
--------------------------------------------------------------------------

CREATE FUNCTION hub.cron_check(schedule text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    cron_db text := current_setting('cron.database_name', true);
    there text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
        RETURN;
    END IF;
    IF cron_db IS NULL THEN
        RAISE EXCEPTION 'pg_cron is not loaded in this server'
            USING ERRCODE = '55000',
                  HINT = 'Add pg_cron to shared_preload_libraries, set cron.database_name, restart the server and run CREATE EXTENSION pg_cron in that database; or call SELECT hub.refresh() from any other scheduler.';
    ELSIF cron_db = current_database() THEN
        RAISE EXCEPTION 'pg_cron is not installed in this database'
            USING ERRCODE = '55000',
                  HINT = 'This is the database named by cron.database_name: run CREATE EXTENSION pg_cron; here first.';
    ELSE
        -- what to run in the pg_cron database instead
        IF schedule IS NULL THEN
            there := format('SELECT cron.unschedule(%L);', 'ecostats-refresh');
        ELSE
            there := format('SELECT cron.schedule_in_database(%L, %L, %L, %L);',
                            'ecostats-refresh', schedule, 'SELECT hub.refresh()', current_database());
        END IF;
        RAISE EXCEPTION 'pg_cron is not installed in this database: it can only be created in database "%" (cron.database_name)', cron_db
            USING ERRCODE = '55000',
                  HINT = format('Connect to database %s and run there: %s', quote_ident(cron_db), there);
    END IF;
END $$;
COMMENT ON FUNCTION hub.cron_check(text) IS
    'Raises SQLSTATE 55000 with a hint saying what to do when pg_cron is not installed in this database: the pg_cron call to run in the database named by cron.database_name (with a schedule: the cron.schedule_in_database call; without: the cron.unschedule call). Used by hub.schedule_refresh and hub.unschedule_refresh';

CREATE FUNCTION hub.schedule_refresh(schedule text DEFAULT '0 3 * * *')
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    job bigint;
BEGIN
    IF schedule IS NULL THEN
        RAISE EXCEPTION 'the schedule of hub.schedule_refresh must not be NULL' USING ERRCODE = '22004';
    END IF;
    PERFORM hub.cron_check(schedule);
    -- cron.schedule updates the job of the same name and role if there is one
    EXECUTE 'SELECT cron.schedule($1, $2, $3)' INTO job
        USING 'ecostats-refresh', schedule, 'SELECT hub.refresh()';
    RETURN job;
END $$;
COMMENT ON FUNCTION hub.schedule_refresh(text) IS
    'Creates or updates the pg_cron job ''ecostats-refresh'' (command SELECT hub.refresh(), run as the calling role in this database) with the given cron schedule; returns its job id. SQLSTATE 55000 with a hint when pg_cron is not installed in this database';

CREATE FUNCTION hub.unschedule_refresh()
    RETURNS boolean
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM hub.cron_check();
    EXECUTE 'SELECT count(cron.unschedule(jobid)) FROM cron.job WHERE jobname = $1 AND username = current_user'
        INTO n USING 'ecostats-refresh';
    RETURN n > 0;
END $$;
COMMENT ON FUNCTION hub.unschedule_refresh() IS
    'Removes the calling role''s pg_cron job ''ecostats-refresh''; returns whether there was one. SQLSTATE 55000 with a hint when pg_cron is not installed in this database';

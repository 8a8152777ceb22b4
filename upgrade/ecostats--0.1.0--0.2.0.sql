-- ecostats 0.1.0 → 0.2.0 — update script (installed as it is).
--
-- 0.2.0 is the generic layer only.  The Hub layer of 0.1.0 (schema hub and
-- everything in it) becomes the extension ecostats_hub:
--
--   ALTER EXTENSION ecostats UPDATE TO '0.2.0';     -- this script
--   CREATE EXTENSION ecostats_hub VERSION '0.1.0';  -- adopts schema hub
--   ALTER EXTENSION ecostats_hub UPDATE;            -- to 0.2.0
--
-- This script releases the hub objects from ecostats, keeping every one of
-- them with every row (the tables' data, lineage values, your hub.authors
-- rows; the tables leave ecostats' dump configuration, which ecostats_hub
-- takes over), and brings the generic objects to 0.2.0.  Between the
-- first and the last step, hub.import_* answer with an error saying so.
-- PostgreSQL runs it with search_path set to the extension's schema (and
-- pg_catalog before it); the extension is relocatable from 0.2.0 on.

\echo Use "ALTER EXTENSION ecostats UPDATE TO '0.2.0'" to load this file. \quit

SELECT pg_catalog.set_config('search_path', pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) ', pg_temp', true);

--------------------------------------------------------------------------
-- 1. The Hub layer leaves ecostats (the objects of 0.1.0, by name)
--------------------------------------------------------------------------

ALTER EXTENSION ecostats DROP SCHEMA hub;
ALTER EXTENSION ecostats DROP TABLE hub.authors;
ALTER EXTENSION ecostats DROP TABLE hub.dataset_history;
ALTER EXTENSION ecostats DROP TABLE hub.datasets;
ALTER EXTENSION ecostats DROP TABLE hub.import_rejects;
ALTER EXTENSION ecostats DROP TABLE hub.imports;
ALTER EXTENSION ecostats DROP TABLE hub.model_edges;
ALTER EXTENSION ecostats DROP TABLE hub.model_history;
ALTER EXTENSION ecostats DROP TABLE hub.models;
ALTER EXTENSION ecostats DROP TABLE hub.refreshes;
ALTER EXTENSION ecostats DROP SEQUENCE hub.imports_import_id_seq;
ALTER EXTENSION ecostats DROP SEQUENCE hub.refreshes_refresh_id_seq;
ALTER EXTENSION ecostats DROP FUNCTION hub.author_country(pg_catalog.text);
ALTER EXTENSION ecostats DROP FUNCTION hub.author_kind(pg_catalog.text);
ALTER EXTENSION ecostats DROP FUNCTION hub.authors_protect_seed();
ALTER EXTENSION ecostats DROP FUNCTION hub.cron_check(pg_catalog.text);
ALTER EXTENSION ecostats DROP FUNCTION hub.import_begin(pg_catalog.text,pg_catalog.text,pg_catalog.text,pg_catalog.date);
ALTER EXTENSION ecostats DROP FUNCTION hub.import_chunk(bigint,pg_catalog.text,bigint);
ALTER EXTENSION ecostats DROP FUNCTION hub.import_datasets(pg_catalog.text,pg_catalog.text,pg_catalog.date,boolean);
ALTER EXTENSION ecostats DROP FUNCTION hub.import_end(bigint,boolean);
ALTER EXTENSION ecostats DROP FUNCTION hub.import_finish(bigint,boolean);
ALTER EXTENSION ecostats DROP FUNCTION hub.import_models(pg_catalog.text,pg_catalog.text,pg_catalog.date,boolean);
ALTER EXTENSION ecostats DROP FUNCTION hub.refresh(boolean);
ALTER EXTENSION ecostats DROP FUNCTION hub.refresh_order();
ALTER EXTENSION ecostats DROP FUNCTION hub.schedule_refresh(pg_catalog.text);
ALTER EXTENSION ecostats DROP FUNCTION hub.unschedule_refresh();
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_concentration;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_country;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_dataset_categories;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_derivative_kinds;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_derivatives;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_families;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_model_size;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_most_liked;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_org_releases;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_segments;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_size_buckets;
ALTER EXTENSION ecostats DROP MATERIALIZED VIEW hub.report_topline;
ALTER EXTENSION ecostats DROP VIEW hub.author_kinds;
ALTER EXTENSION ecostats DROP VIEW hub.report;

--------------------------------------------------------------------------
-- 2. The generic objects: 0.1.0 → 0.2.0
--------------------------------------------------------------------------

-- binary format 2 (weights with residuals, for exact tied sums); 1 is still read
COMMENT ON FUNCTION distribution_recv(internal) IS 'Binary input of distribution (format versions 1 and 2), validating every byte';
COMMENT ON FUNCTION distribution_send(distribution) IS 'Binary output of distribution (format version 1, or 2 when weights carry residuals)';

-- rule 3 of doc/security.md: functions that run SQL or may be reached from
-- a planner or ANALYZE pin their search_path
ALTER FUNCTION lineage_build(regclass) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lineage_build_problems(regclass) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lineage_derives_sel(internal, oid, internal, integer) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION lineage_typanalyze(internal) SET search_path = pg_catalog, pg_temp;

-- = for distribution; =, <>, <, <=, >, >= for lineage with btree and hash
-- operator classes (the same objects as ecostats--0.2.0.sql)

-- equality of states: the same count, parameters, values and weights (the
-- same canonical text form)
CREATE FUNCTION distribution_eq(distribution, distribution) RETURNS bool
    AS 'MODULE_PATHNAME', 'distribution_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION distribution_ne(distribution, distribution) RETURNS bool
    AS 'MODULE_PATHNAME', 'distribution_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution_eq(distribution, distribution) IS 'The same state: count, parameters, values and weights (the same canonical text form)';
COMMENT ON FUNCTION distribution_ne(distribution, distribution) IS 'Not the same state';
CREATE OPERATOR = (
    LEFTARG = distribution, RIGHTARG = distribution, PROCEDURE = distribution_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR <> (
    LEFTARG = distribution, RIGHTARG = distribution, PROCEDURE = distribution_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR = (distribution, distribution) IS 'The same state (count, parameters, values and weights)';
COMMENT ON OPERATOR <> (distribution, distribution) IS 'Not the same state';

-- equality, a total order and hashing: GROUP BY, DISTINCT, ORDER BY, =, IN,
-- hash and merge joins, btree and hash indexes.  A value is stored in one
-- canonical form, so = is "the same graph" (the same bytes); the order is
-- by the lineage's own model id (byte order), then its numbers of nodes and
-- edges, then its stored bytes.
CREATE FUNCTION lineage_eq(lineage, lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION lineage_ne(lineage, lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION lineage_lt(lineage, lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lineage_le(lineage, lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lineage_gt(lineage, lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lineage_ge(lineage, lineage) RETURNS bool
    AS 'MODULE_PATHNAME', 'lineage_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lineage_cmp(lineage, lineage) RETURNS int4
    AS 'MODULE_PATHNAME', 'lineage_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lineage_hash(lineage) RETURNS int4
    AS 'MODULE_PATHNAME', 'lineage_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lineage_hash_extended(lineage, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'lineage_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lineage_eq(lineage, lineage) IS 'The same lineage (the same graph: values are stored in one canonical form)';
COMMENT ON FUNCTION lineage_ne(lineage, lineage) IS 'Not the same lineage';
COMMENT ON FUNCTION lineage_lt(lineage, lineage) IS 'Before in the lineage order (own model id, then numbers of nodes and edges, then stored bytes)';
COMMENT ON FUNCTION lineage_le(lineage, lineage) IS 'Before or equal in the lineage order';
COMMENT ON FUNCTION lineage_gt(lineage, lineage) IS 'After in the lineage order';
COMMENT ON FUNCTION lineage_ge(lineage, lineage) IS 'After or equal in the lineage order';
COMMENT ON FUNCTION lineage_cmp(lineage, lineage) IS 'btree support: -1, 0 or 1 in the lineage order';
COMMENT ON FUNCTION lineage_hash(lineage) IS 'hash support: a hash of the stored bytes';
COMMENT ON FUNCTION lineage_hash_extended(lineage, int8) IS 'hash support: a seeded 64-bit hash of the stored bytes';

CREATE OPERATOR = (
    LEFTARG = lineage, RIGHTARG = lineage, PROCEDURE = lineage_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR <> (
    LEFTARG = lineage, RIGHTARG = lineage, PROCEDURE = lineage_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
    LEFTARG = lineage, RIGHTARG = lineage, PROCEDURE = lineage_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
    LEFTARG = lineage, RIGHTARG = lineage, PROCEDURE = lineage_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
    LEFTARG = lineage, RIGHTARG = lineage, PROCEDURE = lineage_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
    LEFTARG = lineage, RIGHTARG = lineage, PROCEDURE = lineage_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR = (lineage, lineage) IS 'The same lineage (the same graph)';
COMMENT ON OPERATOR <> (lineage, lineage) IS 'Not the same lineage';
COMMENT ON OPERATOR < (lineage, lineage) IS 'Before in the lineage order (own model id first)';
COMMENT ON OPERATOR <= (lineage, lineage) IS 'Before or equal in the lineage order';
COMMENT ON OPERATOR > (lineage, lineage) IS 'After in the lineage order';
COMMENT ON OPERATOR >= (lineage, lineage) IS 'After or equal in the lineage order';

CREATE OPERATOR CLASS lineage_btree_ops
    DEFAULT FOR TYPE lineage USING btree AS
        OPERATOR 1 <,
        OPERATOR 2 <=,
        OPERATOR 3 =,
        OPERATOR 4 >=,
        OPERATOR 5 >,
        FUNCTION 1 lineage_cmp(lineage, lineage);
COMMENT ON OPERATOR CLASS lineage_btree_ops USING btree IS
    'Default btree operator class for lineage: ORDER BY, GROUP BY, DISTINCT, merge joins and btree indexes';
COMMENT ON OPERATOR FAMILY lineage_btree_ops USING btree IS 'Operator family of lineage_btree_ops';
CREATE OPERATOR CLASS lineage_hash_ops
    DEFAULT FOR TYPE lineage USING hash AS
        OPERATOR 1 =,
        FUNCTION 1 lineage_hash(lineage),
        FUNCTION 2 lineage_hash_extended(lineage, int8);
COMMENT ON OPERATOR CLASS lineage_hash_ops USING hash IS
    'Default hash operator class for lineage: hash aggregation, hash joins and hash indexes';
COMMENT ON OPERATOR FAMILY lineage_hash_ops USING hash IS 'Operator family of lineage_hash_ops';
COMMENT ON FUNCTION lineage_identical(lineage, lineage) IS 'The two values are the same bytes, that is the same graph (values are stored in one canonical form): the same as =';

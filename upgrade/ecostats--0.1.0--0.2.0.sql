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

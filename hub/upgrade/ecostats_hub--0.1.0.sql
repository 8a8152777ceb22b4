-- ecostats_hub 0.1.0 — adoption script (installed as ecostats_hub--0.1.0.sql).
--
-- Not a fresh install: "version 0.1.0" of ecostats_hub is the Hub layer as
-- ecostats 0.1.0 installed it.  After ALTER EXTENSION ecostats UPDATE TO
-- '0.2.0' released those objects, CREATE EXTENSION ecostats_hub VERSION
-- '0.1.0' makes them members of ecostats_hub again, as they are, with every
-- row, and registers the tables for pg_dump as 0.1.0 did; ALTER EXTENSION
-- ecostats_hub UPDATE then brings them to the current version.  For a new
-- database, CREATE EXTENSION ecostats_hub (the current version) instead.

\echo Use "CREATE EXTENSION ecostats_hub VERSION '0.1.0'" after upgrading ecostats from 0.1.0 to load this file. \quit

SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);

DO $adopt$
DECLARE
    hub_owner oid;
    trusted boolean;
    n_members bigint;
    stranger text;
BEGIN
    SELECT n.nspowner INTO hub_owner FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'hub'::pg_catalog.name;
    IF hub_owner IS NULL THEN
        RAISE EXCEPTION 'there is no schema hub of ecostats 0.1.0 to adopt'
            USING ERRCODE = '55000',
                  HINT = 'For a new database: CREATE EXTENSION ecostats_hub; (without VERSION).';
    END IF;
    SELECT pg_catalog.count(*) INTO n_members FROM pg_catalog.pg_depend d
    WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
      AND d.objid OPERATOR(pg_catalog.=) pg_catalog.to_regnamespace('hub')::pg_catalog.oid
      AND d.deptype OPERATOR(pg_catalog.=) 'e'::"char";
    IF n_members OPERATOR(pg_catalog.>) 0 THEN
        RAISE EXCEPTION 'schema hub still belongs to an extension'
            USING ERRCODE = '55000',
                  HINT = 'Upgrade ecostats first: ALTER EXTENSION ecostats UPDATE TO ''0.2.0'';';
    END IF;
    -- what is adopted must have been created by a superuser, as CREATE EXTENSION ecostats 0.1.0 did
    IF hub_owner OPERATOR(pg_catalog.=) 'pg_database_owner'::pg_catalog.regrole::pg_catalog.oid THEN
        SELECT d.datdba INTO hub_owner FROM pg_catalog.pg_database d WHERE d.datname OPERATOR(pg_catalog.=) pg_catalog.current_database();
    END IF;
    SELECT r.rolsuper INTO trusted FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) hub_owner;
    SELECT pg_catalog.string_agg(x.name, ', ') INTO stranger FROM (
        SELECT c.oid::pg_catalog.regclass::pg_catalog.text AS name, c.relowner AS owner FROM pg_catalog.pg_class c
        WHERE c.relnamespace OPERATOR(pg_catalog.=) pg_catalog.to_regnamespace('hub')::pg_catalog.oid
        UNION ALL
        SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text, p.proowner FROM pg_catalog.pg_proc p
        WHERE p.pronamespace OPERATOR(pg_catalog.=) pg_catalog.to_regnamespace('hub')::pg_catalog.oid) x
    JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) x.owner
    WHERE NOT r.rolsuper;
    IF trusted IS NOT TRUE OR stranger IS NOT NULL THEN
        RAISE EXCEPTION 'schema hub has objects not owned by a superuser'
            USING ERRCODE = '42501',
                  DETAIL = pg_catalog.format('Not owned by a superuser: %s.', coalesce(stranger, 'the schema itself')),
                  HINT = 'ecostats 0.1.0 created every object of schema hub as a superuser; adopt only those.';
    END IF;
END
$adopt$;

ALTER EXTENSION ecostats_hub ADD SCHEMA hub;
ALTER EXTENSION ecostats_hub ADD TABLE hub.authors;
ALTER EXTENSION ecostats_hub ADD TABLE hub.dataset_history;
ALTER EXTENSION ecostats_hub ADD TABLE hub.datasets;
ALTER EXTENSION ecostats_hub ADD TABLE hub.import_rejects;
ALTER EXTENSION ecostats_hub ADD TABLE hub.imports;
ALTER EXTENSION ecostats_hub ADD TABLE hub.model_edges;
ALTER EXTENSION ecostats_hub ADD TABLE hub.model_history;
ALTER EXTENSION ecostats_hub ADD TABLE hub.models;
ALTER EXTENSION ecostats_hub ADD TABLE hub.refreshes;
ALTER EXTENSION ecostats_hub ADD SEQUENCE hub.imports_import_id_seq;
ALTER EXTENSION ecostats_hub ADD SEQUENCE hub.refreshes_refresh_id_seq;
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.author_country(pg_catalog.text);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.author_kind(pg_catalog.text);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.authors_protect_seed();
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.cron_check(pg_catalog.text);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.import_begin(pg_catalog.text,pg_catalog.text,pg_catalog.text,pg_catalog.date);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.import_chunk(bigint,pg_catalog.text,bigint);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.import_datasets(pg_catalog.text,pg_catalog.text,pg_catalog.date,boolean);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.import_end(bigint,boolean);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.import_finish(bigint,boolean);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.import_models(pg_catalog.text,pg_catalog.text,pg_catalog.date,boolean);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.refresh(boolean);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.refresh_order();
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.schedule_refresh(pg_catalog.text);
ALTER EXTENSION ecostats_hub ADD FUNCTION hub.unschedule_refresh();
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_concentration;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_country;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_dataset_categories;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_derivative_kinds;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_derivatives;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_families;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_model_size;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_most_liked;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_org_releases;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_segments;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_size_buckets;
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_topline;
ALTER EXTENSION ecostats_hub ADD VIEW hub.author_kinds;
ALTER EXTENSION ecostats_hub ADD VIEW hub.report;

-- registered for pg_dump as 0.1.0 did (ALTER EXTENSION ecostats DROP TABLE removed them from ecostats)
SELECT pg_catalog.pg_extension_config_dump('hub.datasets', '');
SELECT pg_catalog.pg_extension_config_dump('hub.dataset_history', '');
SELECT pg_catalog.pg_extension_config_dump('hub.imports', '');
SELECT pg_catalog.pg_extension_config_dump('hub.imports_import_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('hub.import_rejects', '');
SELECT pg_catalog.pg_extension_config_dump('hub.models', '');
SELECT pg_catalog.pg_extension_config_dump('hub.model_edges', '');
SELECT pg_catalog.pg_extension_config_dump('hub.model_history', '');
SELECT pg_catalog.pg_extension_config_dump('hub.authors', 'WHERE origin = ''user''');
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes', '');
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes_refresh_id_seq', '');

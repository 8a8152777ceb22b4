-- ecostats_hub: the tables of schema hub (the data: never dropped by an update)

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
    lineage            @extschema:ecostats@.lineage,
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
    trending_score     float8,
    vanished           boolean NOT NULL DEFAULT false,
    PRIMARY KEY (id, snapshot)
);
-- comments: hub_comments.sql

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
    trending_score     float8,
    vanished           boolean NOT NULL DEFAULT false,
    PRIMARY KEY (id, snapshot)
);

SELECT pg_catalog.pg_extension_config_dump('hub.datasets', '');
SELECT pg_catalog.pg_extension_config_dump('hub.dataset_history', '');
SELECT pg_catalog.pg_extension_config_dump('hub.imports', '');
SELECT pg_catalog.pg_extension_config_dump('hub.imports_import_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('hub.import_rejects', '');
SELECT pg_catalog.pg_extension_config_dump('hub.models', '');
SELECT pg_catalog.pg_extension_config_dump('hub.model_edges', '');
SELECT pg_catalog.pg_extension_config_dump('hub.model_history', '');

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

--------------------------------------------------------------------------
-- hub.refreshes: the log
--------------------------------------------------------------------------

CREATE TABLE hub.refreshes (
    refresh_id       bigserial PRIMARY KEY,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    duration         interval NOT NULL,
    status           text NOT NULL CHECK (status IN ('succeeded', 'skipped', 'unchanged')),
    lineage_changed  bigint,
    views_refreshed  integer,
    steps            jsonb NOT NULL DEFAULT '{}',
    run_by           text NOT NULL DEFAULT CURRENT_USER,
    application_name text DEFAULT pg_catalog.current_setting('application_name'),
    backend_pid      integer NOT NULL DEFAULT pg_catalog.pg_backend_pid()
);
-- its comment: hub_comments.sql
COMMENT ON SEQUENCE hub.refreshes_refresh_id_seq IS 'Numbers the refreshes';
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes', '');
SELECT pg_catalog.pg_extension_config_dump('hub.refreshes_refresh_id_seq', '');

--------------------------------------------------------------------------
-- hub.refresh_lock: what serialises refreshes
--------------------------------------------------------------------------

-- Never has rows; only its lock is used.  SHARE UPDATE EXCLUSIVE conflicts
-- with itself but not with the modes any role can hold on a table without
-- privileges (ACCESS SHARE, ROW SHARE and ROW EXCLUSIVE, which the parser
-- takes before the privilege check, e.g. in a PREPARE), and LOCK TABLE in
-- that mode needs UPDATE, DELETE or TRUNCATE on it: the owner, superusers,
-- and roles granted UPDATE on hub.refresh_lock.  No autovacuum, so no
-- worker ever holds it.
CREATE TABLE hub.refresh_lock () WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
COMMENT ON TABLE hub.refresh_lock IS
    'Never has rows: hub.refresh() takes its SHARE UPDATE EXCLUSIVE lock so that two refreshes never run at once; only roles allowed to refresh (owner, superusers, roles granted UPDATE on it) can take that lock';
REVOKE ALL ON hub.refresh_lock FROM PUBLIC;

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
    kind        text NOT NULL CHECK (kind IN ('models', 'datasets', 'namespaces', 'spaces', 'papers')),
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
    last_import        bigint,
    architectures      text[],
    model_type         text,
    gguf_architecture  text,
    context_length     bigint CHECK (context_length >= 0)
) WITH (fillfactor = 50);
-- every import of a snapshot rewrites every row it holds (counts, last
-- snapshot): room on the page for the new version makes it a HOT update
-- (no index entries, and the old version pruned on the page)
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
) WITH (fillfactor = 50);
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
    kind    text NOT NULL CHECK (kind IN ('industry', 'academic', 'independent', 'nonprofit', 'government', 'community', 'unknown')),
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
-- Namespaces: who is behind each namespace (organisation or user)
--------------------------------------------------------------------------

-- The Hub's own description of a namespace, as /api/organizations/{name}/overview
-- and /api/users/{name}/overview return it (hub.import_namespaces)
CREATE TABLE hub.namespaces (
    name          text PRIMARY KEY,
    account       text NOT NULL CHECK (account IN ('org', 'user')),
    fullname      text,
    is_verified   boolean,
    is_pro        boolean,
    plan          text,
    num_models    bigint CHECK (num_models >= 0),
    num_datasets  bigint CHECK (num_datasets >= 0),
    num_spaces    bigint CHECK (num_spaces >= 0),
    num_papers    bigint CHECK (num_papers >= 0),
    num_followers bigint CHECK (num_followers >= 0),
    num_users     bigint CHECK (num_users >= 0),
    orgs          text[],
    details       text,
    last_snapshot date NOT NULL,
    last_import   bigint NOT NULL
);
COMMENT ON TABLE hub.namespaces IS
    'Hub namespaces as the API describes them (/api/organizations/{name}/overview, /api/users/{name}/overview), one row per name, replaced by each import of it (hub.import_namespaces): whether it is an organisation or a user account, and its counts';
COMMENT ON COLUMN hub.namespaces.name IS 'The namespace (the API''s name for an organisation, user for a user)';
COMMENT ON COLUMN hub.namespaces.account IS 'org (an organisation) or user (a user account): the API''s type';
COMMENT ON COLUMN hub.namespaces.fullname IS 'Display name';
COMMENT ON COLUMN hub.namespaces.is_verified IS 'The organisation is verified (isVerified)';
COMMENT ON COLUMN hub.namespaces.is_pro IS 'The user has a PRO subscription (isPro)';
COMMENT ON COLUMN hub.namespaces.plan IS 'The organisation''s plan (plan: team, enterprise, ...)';
COMMENT ON COLUMN hub.namespaces.num_models IS 'Models of the namespace (numModels), as the API counted them';
COMMENT ON COLUMN hub.namespaces.num_datasets IS 'Datasets (numDatasets)';
COMMENT ON COLUMN hub.namespaces.num_spaces IS 'Spaces (numSpaces)';
COMMENT ON COLUMN hub.namespaces.num_papers IS 'Papers (numPapers)';
COMMENT ON COLUMN hub.namespaces.num_followers IS 'Followers (numFollowers)';
COMMENT ON COLUMN hub.namespaces.num_users IS 'Members of the organisation (numUsers)';
COMMENT ON COLUMN hub.namespaces.orgs IS 'The organisations a user belongs to (orgs[].name)';
COMMENT ON COLUMN hub.namespaces.details IS 'The namespace''s description (details)';
COMMENT ON COLUMN hub.namespaces.last_snapshot IS 'The snapshot date of the import that wrote the row';
COMMENT ON COLUMN hub.namespaces.last_import IS 'The import that wrote the row (hub.imports)';
SELECT pg_catalog.pg_extension_config_dump('hub.namespaces', '');

-- Lists of organisations with their type, such as the Hub's organisation
-- list (name, URL, type: company, university, non-profit, community,
-- classroom); load one with COPY: the name is taken from the URL
CREATE TABLE hub.org_types (
    display_name text,
    url          text NOT NULL CHECK (url ~ '^(https?://huggingface\.co)?/[^/]+/?$'),
    org_type     text NOT NULL,
    source       text,
    name         text GENERATED ALWAYS AS (pg_catalog.regexp_replace(url, '^(https?://huggingface\.co)?/([^/]+)/?$', '\2')) STORED,
    CONSTRAINT org_types_name_key UNIQUE (name)
);
COMMENT ON TABLE hub.org_types IS
    'Organisations with their type from a list (for example the Hub''s organisation list: COPY hub.org_types (display_name, url, org_type) FROM ... WITH (FORMAT csv, HEADER)); the type maps to a kind of developer (hub.org_type_kind)';
COMMENT ON COLUMN hub.org_types.display_name IS 'The organisation''s display name';
COMMENT ON COLUMN hub.org_types.url IS 'Its Hub address: /name or https://huggingface.co/name';
COMMENT ON COLUMN hub.org_types.org_type IS 'Its type as the list gives it: company, university, non-profit, community, classroom, or another value (then unmapped)';
COMMENT ON COLUMN hub.org_types.source IS 'Where the row comes from (free text)';
COMMENT ON COLUMN hub.org_types.name IS 'The namespace, from the URL';
SELECT pg_catalog.pg_extension_config_dump('hub.org_types', '');

-- Organisations that publish under several namespaces (Baidu as baidu and
-- PaddlePaddle): the organisation carries the kind and country; the seed
-- ships the groupings of major organisations with their sources, your rows
-- (origin user) take precedence
CREATE TABLE hub.organisations (
    organisation text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('industry', 'academic', 'independent', 'nonprofit', 'government', 'community', 'unknown')),
    country      text CHECK (country ~ '^[A-Z]{2}$'),
    source       text,
    origin       text NOT NULL DEFAULT 'user' CHECK (origin IN ('seed', 'user')),
    PRIMARY KEY (organisation, origin)
);
COMMENT ON TABLE hub.organisations IS
    'Organisations behind one or more namespaces (hub.organisation_namespaces), with their kind and country: the shipped seed (origin seed) and your own rows (origin user), which take precedence';
COMMENT ON COLUMN hub.organisations.organisation IS 'The organisation''s name (Baidu, ByteDance, ...)';
COMMENT ON COLUMN hub.organisations.kind IS 'industry, academic, independent, nonprofit, government, community or unknown';
COMMENT ON COLUMN hub.organisations.country IS 'ISO 3166-1 alpha-2 code of its headquarters; NULL when not established';
COMMENT ON COLUMN hub.organisations.source IS 'The public source the row was checked against';
COMMENT ON COLUMN hub.organisations.origin IS 'seed (shipped with the extension) or user (yours)';
SELECT pg_catalog.pg_extension_config_dump('hub.organisations', 'WHERE origin = ''user''');

CREATE TABLE hub.organisation_namespaces (
    namespace    text NOT NULL,
    organisation text NOT NULL,
    source       text,
    origin       text NOT NULL DEFAULT 'user' CHECK (origin IN ('seed', 'user')),
    PRIMARY KEY (namespace, origin)
);
COMMENT ON TABLE hub.organisation_namespaces IS
    'Which organisation a namespace belongs to (baidu and PaddlePaddle to Baidu): the shipped seed and your own rows (origin user), which take precedence';
COMMENT ON COLUMN hub.organisation_namespaces.namespace IS 'The Hub namespace';
COMMENT ON COLUMN hub.organisation_namespaces.organisation IS 'The organisation (hub.organisations) it belongs to';
COMMENT ON COLUMN hub.organisation_namespaces.source IS 'The public source of the grouping';
COMMENT ON COLUMN hub.organisation_namespaces.origin IS 'seed (shipped with the extension) or user (yours)';
SELECT pg_catalog.pg_extension_config_dump('hub.organisation_namespaces', 'WHERE origin = ''user''');

-- Lists of namespaces a figure needs and Hub metadata does not give (the
-- namespaces of Fortune 500 companies, of a country's public bodies, ...):
-- yours to fill; hub.report_lists computes each list's share
CREATE TABLE hub.namespace_lists (
    list      text NOT NULL,
    namespace text NOT NULL,
    source    text,
    PRIMARY KEY (list, namespace)
);
COMMENT ON TABLE hub.namespace_lists IS
    'Named lists of namespaces that Hub metadata cannot give (for example list ''fortune500'': the namespaces of Fortune 500 companies), filled by you; hub.report_lists gives each list''s share of the downloads';
COMMENT ON COLUMN hub.namespace_lists.list IS 'The list''s name';
COMMENT ON COLUMN hub.namespace_lists.namespace IS 'A Hub namespace on it';
COMMENT ON COLUMN hub.namespace_lists.source IS 'Where the entry comes from';
SELECT pg_catalog.pg_extension_config_dump('hub.namespace_lists', '');

--------------------------------------------------------------------------
-- Spaces and papers
--------------------------------------------------------------------------

CREATE TABLE hub.spaces (
    id             text PRIMARY KEY,
    author         text,
    created_at     timestamptz,
    last_modified  timestamptz,
    likes          bigint CHECK (likes >= 0),
    trending_score float8,
    sdk            text,
    models         text[],
    datasets       text[],
    tags           text[],
    first_snapshot date,
    last_snapshot  date,
    last_import    bigint
);
COMMENT ON TABLE hub.spaces IS 'Hub Spaces (/api/spaces), one row per id, updated by each import (hub.import_spaces)';
COMMENT ON COLUMN hub.spaces.id IS 'The Space''s Hub id (owner/name)';
COMMENT ON COLUMN hub.spaces.author IS 'Its namespace (author, else the part of the id before /)';
COMMENT ON COLUMN hub.spaces.created_at IS 'createdAt';
COMMENT ON COLUMN hub.spaces.last_modified IS 'lastModified';
COMMENT ON COLUMN hub.spaces.likes IS 'Likes at the latest import';
COMMENT ON COLUMN hub.spaces.trending_score IS 'The Hub''s trending score at the latest import';
COMMENT ON COLUMN hub.spaces.sdk IS 'gradio, docker, static, streamlit, ...';
COMMENT ON COLUMN hub.spaces.models IS 'The models the Space uses (models; the API lists them with linked=true)';
COMMENT ON COLUMN hub.spaces.datasets IS 'The datasets the Space uses (datasets)';
COMMENT ON COLUMN hub.spaces.tags IS 'tags';
COMMENT ON COLUMN hub.spaces.first_snapshot IS 'The first snapshot it was imported in';
COMMENT ON COLUMN hub.spaces.last_snapshot IS 'The latest snapshot it was imported in';
COMMENT ON COLUMN hub.spaces.last_import IS 'The import that last wrote it (hub.imports)';

CREATE TABLE hub.space_history (
    id             text NOT NULL,
    snapshot       date NOT NULL,
    likes          bigint,
    trending_score float8,
    vanished       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (id, snapshot)
);
COMMENT ON TABLE hub.space_history IS
    'The likes and trending score of each Space over the imported snapshots, kept by change (a row when they differ from the Space''s previous row, or when it left the Hub: vanished)';
COMMENT ON COLUMN hub.space_history.id IS 'The Space''s Hub id';
COMMENT ON COLUMN hub.space_history.snapshot IS 'The snapshot from which these counts hold';
COMMENT ON COLUMN hub.space_history.likes IS 'Likes at the snapshot';
COMMENT ON COLUMN hub.space_history.trending_score IS 'The trending score at the snapshot';
COMMENT ON COLUMN hub.space_history.vanished IS 'true: the Space is not in this snapshot''s dump';

CREATE TABLE hub.papers (
    id             text PRIMARY KEY,
    title          text,
    upvotes        bigint CHECK (upvotes >= 0),
    authors        text[],
    organisation   text,
    submitted_by   text,
    published_at   timestamptz,
    submitted_at   timestamptz,
    first_snapshot date,
    last_snapshot  date,
    last_import    bigint
);
COMMENT ON TABLE hub.papers IS 'Papers of the Hub''s daily papers (/api/daily_papers, /api/papers/{id}), one row per paper id, updated by each import (hub.import_papers)';
COMMENT ON COLUMN hub.papers.id IS 'The paper''s id (its arXiv id)';
COMMENT ON COLUMN hub.papers.title IS 'Its title';
COMMENT ON COLUMN hub.papers.upvotes IS 'Upvotes at the latest import';
COMMENT ON COLUMN hub.papers.authors IS 'The names of its authors (as written on the paper)';
COMMENT ON COLUMN hub.papers.organisation IS 'The Hub organisation that claimed it (organization.name), a namespace';
COMMENT ON COLUMN hub.papers.submitted_by IS 'The Hub user who submitted it to the daily papers';
COMMENT ON COLUMN hub.papers.published_at IS 'publishedAt (the paper''s own, else the listing''s)';
COMMENT ON COLUMN hub.papers.submitted_at IS 'submittedOnDailyAt: when it joined the daily papers';
COMMENT ON COLUMN hub.papers.first_snapshot IS 'The first snapshot it was imported in';
COMMENT ON COLUMN hub.papers.last_snapshot IS 'The latest snapshot it was imported in';
COMMENT ON COLUMN hub.papers.last_import IS 'The import that last wrote it (hub.imports)';

CREATE TABLE hub.paper_history (
    id       text NOT NULL,
    snapshot date NOT NULL,
    upvotes  bigint,
    PRIMARY KEY (id, snapshot)
);
COMMENT ON TABLE hub.paper_history IS 'The upvotes of each paper over the imported snapshots, kept by change';
COMMENT ON COLUMN hub.paper_history.id IS 'The paper''s id';
COMMENT ON COLUMN hub.paper_history.snapshot IS 'The snapshot from which the count holds';
COMMENT ON COLUMN hub.paper_history.upvotes IS 'Upvotes at the snapshot';

SELECT pg_catalog.pg_extension_config_dump('hub.spaces', '');
SELECT pg_catalog.pg_extension_config_dump('hub.space_history', '');
SELECT pg_catalog.pg_extension_config_dump('hub.papers', '');
SELECT pg_catalog.pg_extension_config_dump('hub.paper_history', '');

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

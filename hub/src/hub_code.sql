-- ecostats_hub: import and author functions, the seed guard (code: an update drops and recreates it)

CREATE FUNCTION hub.import_finish(import_id bigint, prune boolean DEFAULT false)
    RETURNS bigint LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    k text;
    snap date;
    prev date;
    landed bigint;
    gone bigint := 0;
BEGIN
    SELECT i.kind, i.snapshot INTO k, snap FROM hub.imports i
    WHERE i.import_id OPERATOR(pg_catalog.=) import_finish.import_id AND i.finished_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no unfinished import %', import_finish.import_id USING ERRCODE = '22023';
    END IF;
    -- the snapshot before this one: who was on the Hub then and is not in
    -- this dump (nor in another import of this date so far) vanished now
    SELECT pg_catalog.max(i.snapshot) INTO prev FROM hub.imports i
    WHERE i.kind OPERATOR(pg_catalog.=) k AND i.finished_at IS NOT NULL AND i.snapshot OPERATOR(pg_catalog.<) snap;
    IF k OPERATOR(pg_catalog.=) 'models'::text THEN
        SELECT pg_catalog.count(*) INTO landed FROM hub.models m WHERE m.last_import OPERATOR(pg_catalog.=) import_finish.import_id;
        IF prev IS NOT NULL THEN
            INSERT INTO hub.model_history (id, snapshot, vanished)
            SELECT m.id, snap, true FROM hub.models m WHERE m.last_snapshot OPERATOR(pg_catalog.=) prev
            ON CONFLICT (id, snapshot) DO NOTHING;
        END IF;
        IF prune THEN
            DELETE FROM hub.models m WHERE m.last_import IS DISTINCT FROM import_finish.import_id;
            GET DIAGNOSTICS gone = ROW_COUNT;
            DELETE FROM hub.model_edges e WHERE NOT EXISTS (SELECT 1 FROM hub.models m WHERE m.id OPERATOR(pg_catalog.=) e.child);
        END IF;
    ELSIF k OPERATOR(pg_catalog.=) 'spaces'::text THEN
        SELECT pg_catalog.count(*) INTO landed FROM hub.spaces sp WHERE sp.last_import OPERATOR(pg_catalog.=) import_finish.import_id;
        IF prev IS NOT NULL THEN
            INSERT INTO hub.space_history (id, snapshot, vanished)
            SELECT sp.id, snap, true FROM hub.spaces sp WHERE sp.last_snapshot OPERATOR(pg_catalog.=) prev
            ON CONFLICT (id, snapshot) DO NOTHING;
        END IF;
        IF prune THEN
            DELETE FROM hub.spaces sp WHERE sp.last_import IS DISTINCT FROM import_finish.import_id;
            GET DIAGNOSTICS gone = ROW_COUNT;
        END IF;
    ELSIF k OPERATOR(pg_catalog.=) 'papers'::text THEN
        -- a listing of papers is a window (a day, a week), not the whole
        -- set: a paper missing from it has not left, so no vanished marks
        SELECT pg_catalog.count(*) INTO landed FROM hub.papers pa WHERE pa.last_import OPERATOR(pg_catalog.=) import_finish.import_id;
        IF prune THEN
            DELETE FROM hub.papers pa WHERE pa.last_import IS DISTINCT FROM import_finish.import_id;
            GET DIAGNOSTICS gone = ROW_COUNT;
        END IF;
    ELSIF k OPERATOR(pg_catalog.=) 'namespaces'::text THEN
        -- no history: a namespace's row is its latest description
        SELECT pg_catalog.count(*) INTO landed FROM hub.namespaces n WHERE n.last_import OPERATOR(pg_catalog.=) import_finish.import_id;
        IF prune THEN
            DELETE FROM hub.namespaces n WHERE n.last_import OPERATOR(pg_catalog.<>) import_finish.import_id;
            GET DIAGNOSTICS gone = ROW_COUNT;
        END IF;
    ELSE
        SELECT pg_catalog.count(*) INTO landed FROM hub.datasets d WHERE d.last_import OPERATOR(pg_catalog.=) import_finish.import_id;
        IF prev IS NOT NULL THEN
            INSERT INTO hub.dataset_history (id, snapshot, vanished)
            SELECT d.id, snap, true FROM hub.datasets d WHERE d.last_snapshot OPERATOR(pg_catalog.=) prev
            ON CONFLICT (id, snapshot) DO NOTHING;
        END IF;
        IF prune THEN
            DELETE FROM hub.datasets d WHERE d.last_import IS DISTINCT FROM import_finish.import_id;
            GET DIAGNOSTICS gone = ROW_COUNT;
        END IF;
    END IF;
    UPDATE hub.imports i SET finished_at = pg_catalog.clock_timestamp(), records = coalesce(i.records, 0), rejects = coalesce(i.rejects, 0),
           duplicates = coalesce(i.records, 0) OPERATOR(pg_catalog.-) landed, pruned = gone
    WHERE i.import_id OPERATOR(pg_catalog.=) import_finish.import_id;
    RETURN landed;
END $$;
COMMENT ON FUNCTION hub.import_finish(bigint, boolean) IS
    'Closes an import: marks in the history the ids that were in the previous snapshot and are not in this one (vanished), counts duplicate ids (records that replaced an earlier record of the same import) and, with prune, deletes the rows the import did not contain (a full dump); returns the number of distinct ids landed';

CREATE FUNCTION hub.import_models(path text, on_error text DEFAULT 'stop', snapshot date DEFAULT current_date,
                                  prune boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_models' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hub.import_models(text, text, date, boolean) IS
    'Imports Hub API model records (JSON Lines or one JSON array, optionally gzip-compressed) from a server file into hub.models, hub.model_edges and hub.model_history; returns the number of records imported';

CREATE FUNCTION hub.import_datasets(path text, on_error text DEFAULT 'stop', snapshot date DEFAULT current_date,
                                    prune boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_datasets' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hub.import_datasets(text, text, date, boolean) IS
    'Imports Hub API dataset records (JSON Lines or one JSON array, optionally gzip-compressed) from a server file into hub.datasets and hub.dataset_history; returns the number of records imported';

CREATE FUNCTION hub.import_namespaces(path text, on_error text DEFAULT 'stop', snapshot date DEFAULT current_date,
                                      prune boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_namespaces' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hub.import_namespaces(text, text, date, boolean) IS
    'Imports Hub API namespace records (/api/organizations/{name}/overview, /api/users/{name}/overview; JSON Lines or one JSON array, optionally gzip-compressed) from a server file into hub.namespaces; returns the number of records imported';

CREATE FUNCTION hub.import_spaces(path text, on_error text DEFAULT 'stop', snapshot date DEFAULT current_date,
                                  prune boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_spaces' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hub.import_spaces(text, text, date, boolean) IS
    'Imports Hub API Space records (/api/spaces; JSON Lines or one JSON array, optionally gzip-compressed) from a server file into hub.spaces and hub.space_history; returns the number of records imported';

CREATE FUNCTION hub.import_papers(path text, on_error text DEFAULT 'stop', snapshot date DEFAULT current_date,
                                  prune boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_papers' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hub.import_papers(text, text, date, boolean) IS
    'Imports Hub API paper records (/api/daily_papers items, /api/papers/{id}; JSON Lines or one JSON array, optionally gzip-compressed) from a server file into hub.papers and hub.paper_history; returns the number of records imported';

CREATE FUNCTION hub.import_begin(kind text, source text DEFAULT 'client', on_error text DEFAULT 'stop',
                                 snapshot date DEFAULT current_date)
    RETURNS bigint LANGUAGE sql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ INSERT INTO hub.imports (kind, file, snapshot, on_error)
          VALUES (kind, source, snapshot, on_error) RETURNING import_id $$;
CREATE FUNCTION hub.import_chunk(import_id bigint, records text, first_line bigint DEFAULT 1)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'hub_import_chunk' LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp;
CREATE FUNCTION hub.import_end(import_id bigint, prune boolean DEFAULT false)
    RETURNS bigint LANGUAGE sql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT hub.import_finish(import_end.import_id, import_end.prune);
          SELECT coalesce(i.records, 0) FROM hub.imports i WHERE i.import_id OPERATOR(pg_catalog.=) import_end.import_id $$;
COMMENT ON FUNCTION hub.import_begin(text, text, text, date) IS
    'Opens a client-side import of ''models'', ''datasets'', ''namespaces'', ''spaces'' or ''papers'' (no file privileges needed); returns its import_id';
COMMENT ON FUNCTION hub.import_chunk(bigint, text, bigint) IS
    'Imports records sent by a client (JSON Lines or a JSON array; first_line numbers them) into an import opened with hub.import_begin';
COMMENT ON FUNCTION hub.import_end(bigint, boolean) IS 'Closes a client-side import (with prune: deletes the rows it did not contain); returns the number of records it imported';

CREATE FUNCTION hub.protect_seed() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF (TG_OP OPERATOR(pg_catalog.=) 'DELETE'::text AND OLD.origin OPERATOR(pg_catalog.=) 'seed'::text)
       OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'::text AND (OLD.origin OPERATOR(pg_catalog.=) 'seed'::text OR NEW.origin OPERATOR(pg_catalog.=) 'seed'::text))
       OR (TG_OP OPERATOR(pg_catalog.=) 'INSERT'::text AND NEW.origin OPERATOR(pg_catalog.=) 'seed'::text
           AND pg_catalog.current_setting('ecostats.loading_seed', true) IS DISTINCT FROM 'on') THEN
        RAISE EXCEPTION 'the shipped rows of hub.% cannot be changed', TG_TABLE_NAME
            USING ERRCODE = '55000',
                  HINT = CASE TG_TABLE_NAME
                         WHEN 'authors' THEN 'Insert your own row instead: INSERT INTO hub.authors (author, kind, country, source) VALUES (...); it takes precedence over the seed.'
                         ELSE pg_catalog.format('Insert your own row instead (origin user, the default) into hub.%s; it takes precedence over the seed.', TG_TABLE_NAME)
                         END;
    END IF;
    RETURN CASE WHEN TG_OP OPERATOR(pg_catalog.=) 'DELETE'::text THEN OLD ELSE NEW END;
END $$;
COMMENT ON FUNCTION hub.protect_seed() IS 'Keeps the shipped rows of hub.authors, hub.organisations and hub.organisation_namespaces as shipped (they are recreated, not dumped)';
CREATE TRIGGER authors_protect_seed BEFORE INSERT OR UPDATE OR DELETE ON hub.authors
    FOR EACH ROW EXECUTE FUNCTION hub.protect_seed();
CREATE TRIGGER organisations_protect_seed BEFORE INSERT OR UPDATE OR DELETE ON hub.organisations
    FOR EACH ROW EXECUTE FUNCTION hub.protect_seed();
CREATE TRIGGER organisation_namespaces_protect_seed BEFORE INSERT OR UPDATE OR DELETE ON hub.organisation_namespaces
    FOR EACH ROW EXECUTE FUNCTION hub.protect_seed();

-- Is a model a mixture of experts, by its architecture?  The documented
-- rule (doc/hub.md, "Architectures"): its config's model_type, an
-- architecture or its GGUF architecture contains "moe", or names a family
-- whose every model is a mixture of experts
CREATE FUNCTION hub.is_moe(architectures text[], model_type text, gguf_architecture text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT CASE WHEN architectures IS NULL AND model_type IS NULL AND gguf_architecture IS NULL THEN NULL
                 ELSE EXISTS (SELECT FROM pg_catalog.unnest(pg_catalog.array_append(pg_catalog.array_append(coalesce(architectures, '{}'::text[]), model_type), gguf_architecture)) a(x)
                              WHERE a.x OPERATOR(pg_catalog.~*) '(moe|mixtral|deepseek_?v[23]|deepseekv[23]|dbrx|jamba|arctic|gpt_?oss|llama4|minimax|grok)')
                 END $$;
COMMENT ON FUNCTION hub.is_moe(text[], text, text) IS
    'true when a model is a mixture of experts by its architecture: model_type, an architecture or the GGUF architecture contains moe or names an all-MoE family (Mixtral, DeepSeek V2/V3, DBRX, Jamba, Arctic, gpt-oss, Llama 4, MiniMax, Grok); NULL when none of them is known';

-- the kind of developer an organisation type of a list stands for (NULL:
-- none; doc/hub.md, "Namespaces")
CREATE FUNCTION hub.org_type_kind(org_type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT CASE pg_catalog.lower(pg_catalog.btrim(org_type))
                 WHEN 'company' THEN 'industry'
                 WHEN 'university' THEN 'academic'
                 WHEN 'classroom' THEN 'academic'
                 WHEN 'non-profit' THEN 'nonprofit'
                 WHEN 'nonprofit' THEN 'nonprofit'
                 WHEN 'community' THEN 'community'
                 WHEN 'government' THEN 'government'
                 END $$;
COMMENT ON FUNCTION hub.org_type_kind(text) IS
    'The kind of developer of an organisation type as lists give it: company = industry, university and classroom = academic, non-profit = nonprofit, community = community, government = government; any other (No Type Found) NULL';

CREATE VIEW hub.organisation_kinds AS
SELECT DISTINCT ON (o.organisation) o.organisation, o.kind, o.country, o.source, o.origin
FROM hub.organisations o
ORDER BY o.organisation, o.origin = 'seed';
COMMENT ON VIEW hub.organisation_kinds IS
    'One row per organisation of hub.organisations: your row if there is one, else the seed''s';
COMMENT ON COLUMN hub.organisation_kinds.organisation IS 'The organisation';
COMMENT ON COLUMN hub.organisation_kinds.kind IS 'Its kind of developer';
COMMENT ON COLUMN hub.organisation_kinds.country IS 'ISO 3166-1 alpha-2 code of its headquarters; NULL when not established';
COMMENT ON COLUMN hub.organisation_kinds.source IS 'The source of the row';
COMMENT ON COLUMN hub.organisation_kinds.origin IS 'user (yours) or seed';

-- The documented rule (doc/hub.md, "Namespaces"): for each namespace the
-- first that applies of
--   1. your own row of hub.authors                        (rule user_author)
--   2. your grouping into an organisation of yours or the seed's (user_organisation)
--   3. the shipped seed's row of hub.authors              (seed_author)
--   4. the seed's grouping into an organisation           (seed_organisation)
--   5. an imported organisation type (hub.org_types)      (org_type)
--   6. a user account (hub.namespaces, account user): independent (user_account)
-- and a namespace none applies to has no row (kind unknown).  The
-- organisation of a namespace is that of its grouping (yours first).
CREATE VIEW hub.author_kinds AS
WITH member AS (
    SELECT DISTINCT ON (m.namespace) m.namespace, m.organisation, m.origin
    FROM hub.organisation_namespaces m
    ORDER BY m.namespace, m.origin = 'seed'
), org AS (
    SELECT o.organisation, o.kind, o.country, o.source FROM hub.organisation_kinds o
), cand AS (
    SELECT a.author, a.kind, a.country, a.source, a.origin,
           CASE a.origin WHEN 'user' THEN 1 ELSE 3 END AS prio,
           CASE a.origin WHEN 'user' THEN 'user_author' ELSE 'seed_author' END AS rule
    FROM hub.authors a
    UNION ALL
    SELECT m.namespace, o.kind, o.country, o.source, m.origin,
           CASE m.origin WHEN 'user' THEN 2 ELSE 4 END,
           CASE m.origin WHEN 'user' THEN 'user_organisation' ELSE 'seed_organisation' END
    FROM member m JOIN org o ON o.organisation = m.organisation
    UNION ALL
    SELECT t.name, hub.org_type_kind(t.org_type), NULL::text, coalesce(t.source, 'hub.org_types: ' || t.org_type), 'import', 5, 'org_type'
    FROM hub.org_types t WHERE hub.org_type_kind(t.org_type) IS NOT NULL
    UNION ALL
    SELECT n.name, 'independent', NULL::text, 'hub.namespaces: a user account', 'import', 6, 'user_account'
    FROM hub.namespaces n WHERE n.account = 'user'
)
SELECT DISTINCT ON (c.author) c.author, c.kind, c.country, c.source, c.origin, c.rule, mm.organisation
FROM cand c LEFT JOIN member mm ON mm.namespace = c.author
ORDER BY c.author, c.prio;
COMMENT ON VIEW hub.author_kinds IS
    'One row per namespace with a known kind, by the first rule that applies: your row of hub.authors, your grouping into an organisation (hub.organisation_namespaces, the organisation''s kind and country), the seed''s row, the seed''s grouping, an imported organisation type (hub.org_types, hub.org_type_kind), a user account (hub.namespaces: independent). A namespace in none is of kind unknown (hub.author_kind)';
COMMENT ON COLUMN hub.author_kinds.author IS 'The namespace';
COMMENT ON COLUMN hub.author_kinds.kind IS 'industry, academic, independent, nonprofit, government, community or unknown';
COMMENT ON COLUMN hub.author_kinds.country IS 'ISO 3166-1 alpha-2 code; NULL when not known';
COMMENT ON COLUMN hub.author_kinds.source IS 'Where the kind and country come from';
COMMENT ON COLUMN hub.author_kinds.origin IS 'user (yours), seed (shipped) or import (imported Hub data)';
COMMENT ON COLUMN hub.author_kinds.rule IS 'The rule that classified it: user_author, user_organisation, seed_author, seed_organisation, org_type or user_account';
COMMENT ON COLUMN hub.author_kinds.organisation IS 'The organisation it belongs to (hub.organisation_namespaces), or NULL: its own';

CREATE FUNCTION hub.author_kind(author text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT coalesce((SELECT k.kind FROM hub.author_kinds k WHERE k.author OPERATOR(pg_catalog.=) author_kind.author), 'unknown'::text) $$;
COMMENT ON FUNCTION hub.author_kind(text) IS 'The kind of a namespace from hub.authors; unknown when it is not listed';
CREATE FUNCTION hub.author_country(author text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT k.country FROM hub.author_kinds k WHERE k.author OPERATOR(pg_catalog.=) author_country.author $$;
COMMENT ON FUNCTION hub.author_country(text) IS 'The country of a namespace from hub.authors; NULL when unknown';

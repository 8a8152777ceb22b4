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
    'Opens a client-side import of ''models'' or ''datasets'' (no file privileges needed); returns its import_id';
COMMENT ON FUNCTION hub.import_chunk(bigint, text, bigint) IS
    'Imports records sent by a client (JSON Lines or a JSON array; first_line numbers them) into an import opened with hub.import_begin';
COMMENT ON FUNCTION hub.import_end(bigint, boolean) IS 'Closes a client-side import (with prune: deletes the rows it did not contain); returns the number of records it imported';

CREATE FUNCTION hub.authors_protect_seed() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF (TG_OP OPERATOR(pg_catalog.=) 'DELETE'::text AND OLD.origin OPERATOR(pg_catalog.=) 'seed'::text)
       OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'::text AND (OLD.origin OPERATOR(pg_catalog.=) 'seed'::text OR NEW.origin OPERATOR(pg_catalog.=) 'seed'::text))
       OR (TG_OP OPERATOR(pg_catalog.=) 'INSERT'::text AND NEW.origin OPERATOR(pg_catalog.=) 'seed'::text
           AND pg_catalog.current_setting('ecostats.loading_seed', true) IS DISTINCT FROM 'on') THEN
        RAISE EXCEPTION 'the shipped rows of hub.authors cannot be changed'
            USING ERRCODE = '55000',
                  HINT = 'Insert your own row instead: INSERT INTO hub.authors (author, kind, country, source) VALUES (...); it takes precedence over the seed.';
    END IF;
    RETURN CASE WHEN TG_OP OPERATOR(pg_catalog.=) 'DELETE'::text THEN OLD ELSE NEW END;
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
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT coalesce((SELECT k.kind FROM hub.author_kinds k WHERE k.author OPERATOR(pg_catalog.=) author_kind.author), 'unknown'::text) $$;
COMMENT ON FUNCTION hub.author_kind(text) IS 'The kind of a namespace from hub.authors; unknown when it is not listed';
CREATE FUNCTION hub.author_country(author text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT k.country FROM hub.author_kinds k WHERE k.author OPERATOR(pg_catalog.=) author_country.author $$;
COMMENT ON FUNCTION hub.author_country(text) IS 'The country of a namespace from hub.authors; NULL when unknown';

#!/usr/bin/env bash
#
# test/integration/25_upgrade.sh — from ecostats 0.1.0 (one extension) to
# 0.2.0 (ecostats + ecostats_hub), as doc/upgrading.md says:
#
#   ALTER EXTENSION ecostats UPDATE TO '0.2.0';
#   CREATE EXTENSION ecostats_hub VERSION '0.1.0';
#   ALTER EXTENSION ecostats_hub UPDATE;
#
#   * a 0.1.0 database with data in every hub table (models with lineage
#     values, edges, history, datasets, imports and rejects, the user's own
#     hub.authors rows, refreshes) keeps every row, byte for byte;
#   * afterwards the catalogs say exactly what a fresh CREATE EXTENSION
#     ecostats_hub CASCADE says (test/integration/catalog_signature.sql:
#     every member, definition, comment, column, constraint, index,
#     trigger, privilege and the dump configuration);
#   * the seed is this version's; hub.refresh() and an import work; a
#     dump of the upgraded database restores with the user's rows;
#   * the steps refuse to run out of order (55000), and between the first
#     and the last the 0.1.0 import functions say what to do (0A000);
#   * the generic layer alone: ecostats is relocatable (ALTER EXTENSION
#     ecostats SET SCHEMA), and ecostats_hub keeps working after it.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "$ECO_TMP/upgrade.XXXXXX")"
chmod 755 "$work"
up=eco_upgrade_old
fresh=eco_upgrade_new
restored=eco_upgrade_restored
q() { local d="$1"; shift; psql -X -v ON_ERROR_STOP=1 -qAt -d "$d" -c "SET client_min_messages = warning" "$@"; }
admin() { q postgres "$@" >/dev/null; }
cleanup() { admin -c "DROP DATABASE IF EXISTS $up" -c "DROP DATABASE IF EXISTS $fresh" -c "DROP DATABASE IF EXISTS $restored" || true; }
trap cleanup EXIT
cleanup
admin -c "CREATE DATABASE $up" -c "CREATE DATABASE $fresh" -c "CREATE DATABASE $restored"

# --- a 0.1.0 database with data ---------------------------------------------------
q "$up" -c "CREATE EXTENSION ecostats VERSION '0.1.0'"
psql -X -v ON_ERROR_STOP=1 -qAt -d "$up" <<'SQL' >/dev/null
SET client_min_messages = warning;
INSERT INTO hub.imports (kind, file, snapshot, on_error, records, rejects, finished_at)
VALUES ('models', 'dump-2025-06-01.jsonl', '2025-06-01', 'skip', 4, 1, now());
INSERT INTO hub.import_rejects VALUES (1, 3, 'malformed JSON', '{"id": ');
INSERT INTO hub.models (id, author, created_at, downloads, downloads_all_time, likes, params, tags, first_snapshot, last_snapshot, last_import)
VALUES ('acme/base', 'acme', '2024-01-01', 1000, 50000, 10, 7000000000, '{transformers}', '2025-06-01', '2025-06-01', 1),
       ('bob/ft', 'bob', '2024-05-01', 300, 900, 2, 7000000000, '{base_model:acme/base}', '2025-06-01', '2025-06-01', 1),
       ('carol/q', 'carol', '2025-02-01', 50, NULL, 0, NULL, NULL, '2025-06-01', '2025-06-01', 1),
       ('Qwen/x', 'Qwen', '2025-03-01', 7, 7, 1, 1000, NULL, '2025-06-01', '2025-06-01', 1);
INSERT INTO hub.model_edges VALUES ('bob/ft', 'acme/base', 'finetune', 'tags'), ('carol/q', 'bob/ft', 'quantized', 'baseModels');
INSERT INTO hub.model_history SELECT id, '2025-06-01', downloads, downloads_all_time, likes FROM hub.models;
INSERT INTO hub.datasets (id, author, downloads, task_categories) VALUES ('lab/robots', 'lab', 12, '{robotics}');
INSERT INTO hub.dataset_history VALUES ('lab/robots', '2025-06-01', 12, NULL, 0);
INSERT INTO hub.authors (author, kind, country, source) VALUES ('acme', 'industry', 'FR', 'my notes'), ('bob', 'independent', NULL, NULL);
SELECT hub.refresh();
SQL
[[ "$(q "$up" -c "SELECT count(*) FROM hub.models WHERE lineage IS NOT NULL")" == 3 ]] || fail "0.1.0: the refresh did not build the 3 lineages"
# with the new library, 0.1.0's import functions say where they went
out="$(psql -X -v VERBOSITY=verbose -qAt -d "$up" -c "SELECT hub.import_models('/nonexistent')" 2>&1 || true)"
grep -q "0A000" <<<"$out" && grep -q "ecostats_hub" <<<"$out" || fail "0.1.0 import function with the 0.2.0 library: $out"

tables="hub.imports hub.import_rejects hub.models hub.model_edges hub.model_history hub.datasets hub.dataset_history hub.refreshes"
digest() {
    local d="$1" t sums=""
    for t in $tables; do
        # the history tables as 0.1.0 had them (0.2.0 adds trending_score and vanished)
        local row="x::text"
        [[ $t == *_history ]] && row="(x.id, x.snapshot, x.downloads, x.downloads_all_time, x.likes)::text"
        # hub.models as 0.1.0 had it (0.2.0 adds the architecture columns)
        [[ $t == hub.models ]] && row="(x.id, x.author, x.created_at, x.last_modified, x.downloads, x.downloads_all_time, x.likes,
                                        x.trending_score, x.pipeline_tag, x.library_name, x.license, x.tags, x.languages,
                                        x.params, x.gated, x.base_models, x.lineage, x.first_snapshot, x.last_snapshot, x.last_import)::text"
        sums+="$t $(q "$d" -c "SELECT count(*) || ' ' || md5(coalesce(string_agg($row, E'\n' ORDER BY $row), '')) FROM $t x")"$'\n'
    done
    sums+="user authors $(q "$d" -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(x::text, E'\n' ORDER BY x::text), '')) FROM hub.authors x WHERE origin = 'user'")"$'\n'
    sums+="lineage $(q "$d" -c "SELECT md5(string_agg(id || ' ' || coalesce(lineage::text, '-'), E'\n' ORDER BY id)) FROM hub.models")"
    printf '%s\n' "$sums"
}
before="$(digest "$up")"

# --- out of order -----------------------------------------------------------------
out="$(psql -X -v VERBOSITY=verbose -qAt -d "$up" -c "CREATE EXTENSION ecostats_hub VERSION '0.1.0'" 2>&1 || true)"
grep -q "55000" <<<"$out" && grep -q "still belongs to an extension" <<<"$out" || fail "adopting before ecostats is updated: $out"
out="$(psql -X -v VERBOSITY=verbose -qAt -d "$fresh" -c "CREATE EXTENSION ecostats_hub VERSION '0.1.0' CASCADE" 2>&1 || true)"
grep -q "55000" <<<"$out" && grep -q "no schema hub" <<<"$out" || fail "adopting in a database without 0.1.0: $out"
q "$fresh" -c "DROP EXTENSION IF EXISTS ecostats" >/dev/null
echo "out of order: adopting before the update, or without a 0.1.0 hub, is 55000"

# --- the upgrade --------------------------------------------------------------------
q "$up" -c "ALTER EXTENSION ecostats UPDATE TO '0.2.0'"
[[ "$(q "$up" -c "SELECT count(*) FROM pg_depend WHERE refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ecostats') AND deptype = 'e' AND classid = 'pg_class'::regclass")" == 0 ]] \
    || fail "after the ecostats update, relations still belong to ecostats"
[[ "$(digest "$up")" == "$before" ]] || fail "the ecostats update changed data"
out="$(psql -X -v VERBOSITY=verbose -qAt -d "$up" -c "SELECT hub.import_chunk(1, '')" 2>&1 || true)"
grep -q "0A000" <<<"$out" || fail "between the steps, hub.import_chunk: $out"
q "$up" -c "CREATE EXTENSION ecostats_hub VERSION '0.1.0'" -c "ALTER EXTENSION ecostats_hub UPDATE"
after="$(digest "$up")"
if [[ "$after" != "$before" ]]; then
    diff <(echo "$before") <(echo "$after") >&2 || true
    fail "the upgrade changed data"
fi
[[ "$(q "$up" -c "SELECT count(*) FROM hub.model_history WHERE trending_score IS NOT NULL OR vanished")" == 0 ]] \
    || fail "the history rows of 0.1.0 must come with no trending score and not vanished"
echo "upgrade 0.1.0 -> 0.2.0: every row of the $(wc -w <<<"$tables") hub tables, the lineage values and the user's hub.authors rows kept"

q "$fresh" -c "CREATE EXTENSION ecostats_hub CASCADE"
psql -X -qAt -d "$up" -f "$here/catalog_signature.sql" > "$work/sig_up"
psql -X -qAt -d "$fresh" -f "$here/catalog_signature.sql" > "$work/sig_fresh"
(( $(wc -l <"$work/sig_fresh") > 300 )) || fail "the catalog signature is too short: $(wc -l <"$work/sig_fresh") lines"
if ! diff "$work/sig_fresh" "$work/sig_up" >"$work/sig.diff"; then
    head -40 "$work/sig.diff" >&2
    fail "the upgraded catalogs differ from a fresh install ($(grep -c '^[<>]' "$work/sig.diff") lines)"
fi
[[ "$(q "$up" -c "SELECT count(*) FROM hub.authors WHERE origin = 'seed'")" == "$(q "$fresh" -c "SELECT count(*) FROM hub.authors WHERE origin = 'seed'")" ]] \
    || fail "the seed rows differ from a fresh install's"
echo "upgraded catalogs = a fresh install's ($(wc -l <"$work/sig_fresh") facts: members, definitions, comments, columns, constraints, indexes, triggers, privileges, dump configuration); the seed is this version's"

# --- it works -----------------------------------------------------------------------
q "$up" -c "SELECT status FROM hub.refresh()" | grep -q succeeded || fail "hub.refresh() after the upgrade"
[[ "$(q "$up" -c "SELECT value FROM hub.report WHERE metric = 'models'")" == 4 ]] || fail "hub.report after the upgrade"
printf '{"id": "dave/new", "downloads": 1, "tags": ["base_model:bob/ft"]}\n' > "$work/new.jsonl"
chmod 644 "$work/new.jsonl"
[[ "$(q "$up" -c "SELECT hub.import_models('$work/new.jsonl', snapshot => '2025-07-01')")" == 1 ]] || fail "an import after the upgrade"
q "$up" -c "SELECT hub.refresh()" >/dev/null
[[ "$(q "$up" -c "SELECT lineage FROM hub.models WHERE id = 'dave/new'")" == "dave/new => unknown:bob/ft; bob/ft => finetune:acme/base" ]] \
    || fail "the lineage of an imported model after the upgrade"
pg_dump -Fc -d "$up" -f "$work/up.dump"
pg_restore -d "$restored" "$work/up.dump" 2>"$work/restore.log" || { cat "$work/restore.log" >&2; fail "restoring the upgraded database"; }
[[ "$(q "$restored" -c "SELECT string_agg(author || ':' || kind, ',' ORDER BY author) FROM hub.authors WHERE origin = 'user'")" == "acme:industry,bob:independent" ]] \
    || fail "the user's hub.authors rows after dump and restore"
[[ "$(q "$restored" -c "SELECT count(*) FROM hub.models")" == 5 ]] || fail "hub.models after dump and restore"
echo "after the upgrade: hub.refresh(), hub.report, an import and its lineage work; pg_dump/pg_restore keeps the user's rows"

# --- relocatable ecostats -------------------------------------------------------------
q "$fresh" -c "CREATE SCHEMA eco_moved" -c "ALTER EXTENSION ecostats SET SCHEMA eco_moved"
q "$fresh" -c "INSERT INTO hub.models (id, downloads) VALUES ('a/b', 5), ('c/d', 3)" \
           -c "INSERT INTO hub.model_edges VALUES ('c/d', 'a/b', 'merge', 'tags')" >/dev/null
q "$fresh" -c "SELECT status FROM hub.refresh()" | grep -q succeeded || fail "hub.refresh() after moving ecostats"
[[ "$(q "$fresh" -c "SELECT eco_moved.gini(downloads::float8) FROM hub.models")" == 0.125 ]] || fail "gini in the new schema"
[[ "$(q "$fresh" -c "SELECT lineage::text FROM hub.models WHERE id = 'c/d'")" == "c/d => merge:a/b" ]] || fail "lineage after moving ecostats"
echo "ecostats is relocatable: after ALTER EXTENSION ecostats SET SCHEMA, its functions answer there and hub.refresh() still runs"

#!/usr/bin/env bash
#
# test/integration/05_security.sh — no role without privileges can make the
# extension's SQL run its objects, install it into its schema, or stop a
# refresh (doc/security.md):
#   (a) hostile objects: an unprivileged role with CREATE on schema public
#       plants there a hostile overload of every function and operator name
#       the extension's SQL uses (generated from the catalog and the built
#       library by hostile_objects.sql; phase 1 before CREATE EXTENSION,
#       phase 2, with the extension's types, after it). A control query
#       shows they do capture unqualified SQL. Then, as the superuser with
#       public first on search_path: CREATE EXTENSION, imports through the
#       direct and the SQL storage route (server file and client chunks),
#       the ecostats-import client, hub.refresh() three times, every view
#       of schema hub, lineage_build, the author functions and the pg_cron
#       helpers. None of the hostile functions ever runs (their call counter
#       is a sequence, which no rollback resets), no statement warns of one,
#       and the catalog shows no object of the extension bound to them.
#   (b) a schema owned by another role (a hostile search_path, or SCHEMA
#       named explicitly) is refused with SQLSTATE 42501; a schema owned by
#       the superuser works.
#   (c) the refresh lock: hub/specs/refresh_lock.spec (an isolation test,
#       deterministic) shows the role can neither take it (42501) nor block
#       it with the 0.1.0 advisory key or the locks it can get.
#   (d) hub.schedule_refresh() as a role that may not read
#       cron.database_name: SQLSTATE 55000 with a hint, not 42501.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

db=eco_security
gen_db=eco_security_gen
evil_db=eco_security_evil
role=eco_mallory
work="$(mktemp -d "$ECO_TMP/security.XXXXXX")"
chmod 755 "$work"
# the test's own queries resolve in pg_catalog only: what is tested is the
# extension's SQL, run through sq (below) with public first on search_path
q() { local d="$1"; shift; PGOPTIONS="-c search_path=pg_catalog,pg_temp" psql -X -v ON_ERROR_STOP=1 -qAt -d "$d" "$@"; }
bg_pids=()
cleanup() {
    local pid
    for pid in "${bg_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for d in "$db" "$gen_db" "$evil_db"; do
        q postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
    done
    q postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

q postgres -c "CREATE ROLE $role LOGIN"
for d in "$db" "$gen_db" "$evil_db"; do q postgres -c "CREATE DATABASE $d"; done

# ---------------------------------------------------------------------------
# (a) hostile objects
# ---------------------------------------------------------------------------

# the names and types, from a database with the extension and nothing else
q "$gen_db" -c "CREATE EXTENSION ecostats_hub CASCADE"
spi_text=""
for lib in "$(pg_config --pkglibdir)/ecostats.so" "$(pg_config --pkglibdir)/ecostats_hub.so"; do
    [[ -r "$lib" ]] || fail "cannot read $lib"
    spi_text+="$(strings -n 6 "$lib" | grep -iE '\b(select|insert|delete|update)\b')"$'\n' || fail "no SQL strings found in $lib"
done
for phase in 1 2; do
    q "$gen_db" -v spi_text="$spi_text" -v phase="$phase" -f "$here/hostile_objects.sql" \
        >"$work/hostile$phase.sql" 2>"$work/hostile$phase.log" || fail "generating the hostile objects: $(cat "$work/hostile$phase.log")"
    sed 's/^/  /' "$work/hostile$phase.log"
done
n1="$(wc -l <"$work/hostile1.sql")"; n2="$(wc -l <"$work/hostile2.sql")"
(( n1 > 1000 && n2 > 100 )) || fail "too few hostile objects generated: $n1 and $n2"
for must in 'public."unnest"(text\[\])' 'OPERATOR public.\* (LEFTARG = numeric, RIGHTARG = integer' \
            'OPERATOR public.+ (LEFTARG = numeric, RIGHTARG = bigint'; do
    grep -q -- "$must" "$work/hostile1.sql" || grep -q -- "${must//\"/}" "$work/hostile1.sql" \
        || fail "the generated set lacks a hostile object of the 0.1.0 attacks: $must"
done

# a database where public is writable by every role, as before PostgreSQL 15
q "$db" -c "GRANT CREATE ON SCHEMA public TO PUBLIC" \
        -c "CREATE SEQUENCE public.hostile_calls" -c "GRANT USAGE, UPDATE, SELECT ON SEQUENCE public.hostile_calls TO PUBLIC"
{ echo "BEGIN;"; cat "$work/hostile1.sql"; echo "COMMIT;"; } |
    psql -X -v ON_ERROR_STOP=1 -qAt -U "$role" -d "$db" >/dev/null || fail "planting phase 1 as $role"
calls() { q "$db" -c "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM public.hostile_calls"; }

# control: unqualified SQL in a session with public on search_path runs them
out="$(q "$db" -c 'SET search_path = "$user", public' -c "SELECT 2.5::numeric * 1000" \
             -c "SELECT count(*) FROM unnest(ARRAY['a', 'b']::text[]) u" 2>&1)" || true
c="$(calls)"
(( c >= 2 )) && grep -q 'hostile \*(numeric, integer) ran' <<<"$out" && grep -q 'hostile unnest(text\[\]) ran' <<<"$out" || fail "control: the hostile objects do not capture unqualified SQL (calls $c): $out"
echo "control: unqualified SQL ran $c hostile functions ($(grep -o 'hostile .* ran' <<<"$out" | sort -u | tr '\n' ' '))"
q "$db" -c "SELECT setval('public.hostile_calls', 1, false)" >/dev/null

# everything the extension does, as the superuser, public first on the path
log="$work/run.log"
: >"$log"
sq() {  # sq SQL...: run as the superuser in $db with search_path public, pg_catalog; output to the log
    psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" -c "SET search_path = public, pg_catalog" "$@" >>"$log" 2>&1 \
        || fail "statement failed: $* — $(tail -5 "$log")"
}
sq -c "CREATE EXTENSION ecostats_hub CASCADE"
{ echo "BEGIN;"; cat "$work/hostile2.sql"; echo "COMMIT;"; } |
    psql -X -v ON_ERROR_STOP=1 -qAt -U "$role" -d "$db" >/dev/null || fail "planting phase 2 as $role"

ecostats-generate -m 300 -n 100 -s 7 -o "$work/hub" -q
chmod 644 "$work/hub/"*
# the direct storage route: a server file, and chunks from a client
sq -c "SELECT hub.import_models('$work/hub/models.jsonl', snapshot => '2025-01-01')" \
   -c "SELECT hub.import_datasets('$work/hub/datasets.jsonl', snapshot => '2025-01-01')"
sq -c "SELECT hub.import_chunk(hub.import_begin('models', 'test', 'skip', '2025-02-01'), pg_read_file('$work/hub/models.jsonl'))" \
   -c "SELECT hub.import_end(max(import_id), true) FROM hub.imports WHERE finished_at IS NULL"
PGOPTIONS="-c search_path=public,pg_catalog" ecostats-import -q -d "$db" --kind datasets --snapshot 2025-02-01 "$work/hub/datasets.jsonl" >>"$log" 2>&1 \
    || fail "ecostats-import: $(tail -5 "$log")"
# the SQL route: tables with a row trigger
sq -c "CREATE FUNCTION public.eco_noop() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS \$\$BEGIN RETURN NEW; END\$\$" \
   -c "CREATE TRIGGER eco_noop BEFORE INSERT OR UPDATE ON hub.models FOR EACH ROW EXECUTE FUNCTION public.eco_noop()" \
   -c "CREATE TRIGGER eco_noop BEFORE INSERT OR UPDATE ON hub.datasets FOR EACH ROW EXECUTE FUNCTION public.eco_noop()"
sq -c "SELECT hub.import_models('$work/hub/models.jsonl', snapshot => '2025-03-01', prune => true)" \
   -c "SELECT hub.import_chunk(hub.import_begin('datasets', 'test', 'stop', '2025-03-01'), pg_read_file('$work/hub/datasets.jsonl'))" \
   -c "SELECT hub.import_end(max(import_id)) FROM hub.imports WHERE finished_at IS NULL"
PGOPTIONS="-c search_path=public,pg_catalog" ecostats-import -q -d "$db" --snapshot 2025-04-01 --prune "$work/hub/models.jsonl" >>"$log" 2>&1 \
    || fail "ecostats-import (SQL route): $(tail -5 "$log")"
sq -c "DROP TRIGGER eco_noop ON hub.models" -c "DROP TRIGGER eco_noop ON hub.datasets"
[[ "$(q "$db" -c "SELECT count(*) FROM hub.models")" == 300 ]] || fail "the imports did not land 300 models"
# the refresh, the views, the functions
sq -c "SELECT status FROM hub.refresh()" -c "SELECT status FROM hub.refresh()" -c "SELECT status FROM hub.refresh(wait => true)"
for v in $(q "$db" -c "SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = 'hub'::regnamespace AND c.relkind IN ('v', 'm') ORDER BY 1"); do
    sq -c "SELECT count(*) FROM (SELECT * FROM $v) s"
done
# (the caller's own queries name the extension's functions with arguments of
# their exact types: 'hub.model_edges' alone would be of type unknown and
# pick a hostile lineage_build(text) in the same schema — doc/security.md)
sq -c "SELECT count(*) FROM lineage_build('hub.model_edges'::regclass)" -c "SELECT count(*) FROM lineage_build_problems('hub.model_edges'::regclass)" \
   -c "SELECT hub.author_kind(author), hub.author_country(author) FROM hub.models LIMIT 20" \
   -c "SELECT * FROM hub.refresh_order()" \
   -c "DO \$\$BEGIN PERFORM hub.schedule_refresh('0 3 * * *'); EXCEPTION WHEN object_not_in_prerequisite_state THEN NULL; END\$\$" \
   -c "DO \$\$BEGIN PERFORM hub.unschedule_refresh(); EXCEPTION WHEN object_not_in_prerequisite_state THEN NULL; END\$\$"
# and the catalog: nothing of the extension is bound to an object outside
# pg_catalog that the extension does not own
bound="$(q "$db" <<'SQL'
WITH RECURSIVE owned(classid, objid) AS (
    SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid IN (SELECT oid FROM pg_extension WHERE extname IN ('ecostats', 'ecostats_hub'))
    UNION
    SELECT d.classid, d.objid FROM pg_depend d JOIN owned o ON d.refclassid = o.classid AND d.refobjid = o.objid
    WHERE d.deptype IN ('a', 'i'))
SELECT string_agg(DISTINCT pg_describe_object(d.refclassid, d.refobjid, 0), '; ')
FROM pg_depend d JOIN owned o ON d.classid = o.classid AND d.objid = o.objid
WHERE d.deptype = 'n' AND d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
  AND NOT EXISTS (SELECT 1 FROM owned o2 WHERE o2.classid = d.refclassid AND o2.objid = d.refobjid);
SQL
)"
[[ -z "$bound" ]] || fail "objects of the extension are bound to foreign functions or operators: $bound"
c="$(calls)"
if (( c != 0 )) || grep -q "hostile" "$log"; then
    grep "hostile" "$log" | sort | uniq -c | head -20 >&2
    fail "hostile functions ran $c times"
fi
echo "hostile objects: $((n1 + n2)) planted; CREATE EXTENSION, 6 imports (both routes, server and client), 3 refreshes, every hub view: none of them ran"

# ---------------------------------------------------------------------------
# (b) the extension's schema must not be controlled by another role
# ---------------------------------------------------------------------------
q "$evil_db" -c "CREATE SCHEMA evil AUTHORIZATION $role" -c "CREATE SCHEMA eco"
for how in "SET search_path = evil, public; CREATE EXTENSION ecostats_hub CASCADE" "CREATE EXTENSION ecostats SCHEMA evil"; do
    out="$(psql -X -qAt -d "$evil_db" -v VERBOSITY=verbose -c "\\set VERBOSITY verbose" -c "SET search_path = evil, public" \
                -c "${how#SET search_path = evil, public; }" 2>&1)" && fail "$how: accepted"
    grep -q "ERROR:  42501: schema evil is not owned by a superuser" <<<"$out" || fail "$how: $out"
done
[[ "$(q "$evil_db" -c "SELECT count(*) FROM pg_extension WHERE extname = 'ecostats'")" == 0 ]] || fail "the extension was created"
q "$evil_db" -c "CREATE EXTENSION ecostats SCHEMA eco" -c "SELECT eco.gini(x) FROM (VALUES (1.0), (3.0)) t(x)" >/dev/null \
    || fail "a superuser's schema is refused"
echo "schema: a schema owned by $role is refused (42501) through search_path and SCHEMA; a superuser's is accepted"

# ---------------------------------------------------------------------------
# (c) the refresh lock
# ---------------------------------------------------------------------------
# (in hub/specs/refresh_lock.spec, an isolation test: the role can neither take the
# lock nor, holding the 0.1.0 advisory key and the locks it can get, delay a refresh)

# ---------------------------------------------------------------------------
# (d) hub.schedule_refresh as a role that cannot read cron.database_name
# ---------------------------------------------------------------------------
out="$(psql -X -qAt -U "$role" -d "$db" -c "\\set VERBOSITY verbose" -c "SELECT hub.schedule_refresh()" 2>&1)" && fail "scheduled without pg_cron"
grep -q "ERROR:  55000: pg_cron is not installed in this database" <<<"$out" && grep -q "HINT:  " <<<"$out" \
    || fail "hub.schedule_refresh() as $role: $out"
echo "pg_cron: hub.schedule_refresh() as $role: SQLSTATE 55000 with a hint"

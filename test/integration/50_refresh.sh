#!/usr/bin/env bash
#
# test/integration/50_refresh.sh — hub.refresh() outside pg_regress:
#   (a) pg_cron: in the database named by cron.database_name ('postgres' on
#       the test server) ecostats and pg_cron are installed for the test;
#       hub.schedule_refresh twice updates one job, the job runs
#       hub.refresh() (a hub.refreshes row made by the job's process, and
#       cron.job_run_details says succeeded), hub.unschedule_refresh removes
#       it; from another database the error's hint is the exact
#       cron.schedule_in_database call, and it works. Both extensions are
#       dropped again at the end, so the server is left as it was found.
#   (b) concurrency: hub.refresh() runs over and over on generated models
#       while 3 sessions read every hub view named report* (and hub.models
#       with its lineage) with lock_timeout 2s: no reader error, no reader
#       is ever seen waiting on a lock the refresh holds (sampled every
#       50 ms; each wait is printed with its lock and holder; one behind
#       autovacuum, whose truncation of a relation locks it for a moment, is
#       shown and not failed: seen here truncating pg_attribute, which the
#       temporary tables of REFRESH ... CONCURRENTLY bloat). A second hub.refresh() with and without wait:
#       hub/specs/refresh_lock.spec, an isolation test.
#   (c) pg_dump -Fc / pg_restore after an import and a refresh keep every
#       row of hub.models, hub.model_edges and hub.refreshes and every
#       lineage value; the materialized views are recreated by CREATE
#       EXTENSION and, after one hub.refresh() in the restored database,
#       hold the same rows as in the source.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"

db=eco_refresh
dump_db=eco_refresh_dump
work="$(mktemp -d "$ECO_TMP/refresh.XXXXXX")"
chmod 755 "$work"
q() { local d="$1"; shift; psql -X -v ON_ERROR_STOP=1 -qAt -d "$d" "$@"; }
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }

# the pg_cron database: what was there before the test
cron_db="$(q postgres -c "SHOW cron.database_name")"
had_cron="$(q "$cron_db" -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'")"
had_eco="$(q "$cron_db" -c "SELECT count(*) FROM pg_extension WHERE extname IN ('ecostats', 'ecostats_hub')")"
[[ "$had_eco" == 0 ]] || fail "ecostats is already installed in $cron_db; this test needs it absent there"
bg_pids=()
cleanup() {
    local pid
    touch "$work/stop" 2>/dev/null || true
    for pid in "${bg_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ "$(q "$cron_db" -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'" 2>/dev/null)" == 1 ]]; then
        q "$cron_db" -c "SELECT count(cron.unschedule(jobid)) FROM cron.job WHERE jobname = 'ecostats-refresh'" >/dev/null 2>&1 || true
    fi
    q "$cron_db" -c "DROP EXTENSION IF EXISTS ecostats_hub, ecostats" >/dev/null 2>&1 || true
    if [[ "$had_cron" == 0 ]]; then q "$cron_db" -c "DROP EXTENSION IF EXISTS pg_cron" >/dev/null 2>&1 || true; fi
    admin -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS $dump_db" -c "DROP DATABASE IF EXISTS ${dump_db}_r" || true
}
trap cleanup EXIT

# wait_for SECONDS SQL DB: poll until the query returns t
wait_for() {
    local limit="$1" sql="$2" d="$3" start=$SECONDS
    until [[ "$(q "$d" -c "$sql")" == t ]]; do
        (( SECONDS - start < limit )) || return 1
        sleep 0.5
    done
}

# ---------------------------------------------------------------------------
# (a) pg_cron
# ---------------------------------------------------------------------------
if [[ "$had_cron" == 0 ]]; then q "$cron_db" -c "CREATE EXTENSION pg_cron"; fi
q "$cron_db" -c "CREATE EXTENSION ecostats_hub CASCADE"
q "$cron_db" <<'SQL'
INSERT INTO hub.models (id) SELECT 'cron/m' || i FROM generate_series(1, 50) i;
INSERT INTO hub.model_edges SELECT 'cron/m' || i, 'cron/m' || (i / 2), 'finetune', 'tags' FROM generate_series(2, 50) i;
SQL
job1="$(q "$cron_db" -c "SELECT hub.schedule_refresh()")"
# pg_cron 1.5 and later take seconds; older ones run at most once a minute
if job2="$(q "$cron_db" -c "SELECT hub.schedule_refresh('5 seconds')" 2>/dev/null)"; then
    sched='5 seconds'; limit=60
else
    job2="$(q "$cron_db" -c "SELECT hub.schedule_refresh('* * * * *')")"
    sched='* * * * *'; limit=150
fi
[[ "$job1" == "$job2" ]] || fail "schedule_refresh twice made two jobs ($job1, $job2)"
got="$(q "$cron_db" -F '|' -c "SELECT count(*), min(schedule), min(command), min(database) FROM cron.job WHERE jobname = 'ecostats-refresh'")"
[[ "$got" == "1|$sched|SELECT hub.refresh()|$cron_db" ]] || fail "cron.job after two schedule_refresh calls: $got"
echo "pg_cron: schedule_refresh twice -> one job ($job1), schedule now '$sched'"

# the job runs: a hub.refreshes row written by the job's process, and a succeeded run
wait_for "$limit" "SELECT EXISTS (SELECT 1 FROM cron.job_run_details d JOIN hub.refreshes r ON r.backend_pid = d.job_pid
                                  WHERE d.jobid = $job1 AND d.status = 'succeeded' AND r.status = 'succeeded')" "$cron_db" \
    || fail "no succeeded run of the job within ${limit}s: $(q "$cron_db" -c "SELECT string_agg(status || ' ' || coalesce(return_message, ''), '; ') FROM cron.job_run_details WHERE jobid = $job1")"
got="$(q "$cron_db" -F '|' -c "SELECT r.lineage_changed > 0, r.application_name FROM cron.job_run_details d JOIN hub.refreshes r ON r.backend_pid = d.job_pid
                              WHERE d.jobid = $job1 AND d.status = 'succeeded' ORDER BY r.refresh_id LIMIT 1")"
[[ "$got" == "t|pg_cron" ]] || fail "the job's refresh: $got"
[[ "$(q "$cron_db" -c "SELECT count(*) FROM hub.models WHERE lineage IS NULL")" == 0 ]] || fail "the job did not fill the lineage"
echo "pg_cron: the job ran hub.refresh() (application_name pg_cron), cron.job_run_details says succeeded"

[[ "$(q "$cron_db" -c "SELECT hub.unschedule_refresh()")" == t ]] || fail "unschedule_refresh did not find the job"
[[ "$(q "$cron_db" -c "SELECT count(*) FROM cron.job WHERE jobname = 'ecostats-refresh'")" == 0 ]] || fail "the job is still there"
[[ "$(q "$cron_db" -c "SELECT hub.unschedule_refresh()")" == f ]] || fail "a second unschedule_refresh should return false"
echo "pg_cron: unschedule_refresh removed it (a second call returns false)"

# from another database: 55000, and the hint is the call to make in the pg_cron database
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q "$db" -c "CREATE EXTENSION ecostats_hub CASCADE"
out="$(psql -X -v VERBOSITY=verbose -qAt -d "$db" -c "SELECT hub.schedule_refresh('0 4 * * *')" 2>&1 || true)"
grep -q "ERROR:  55000: pg_cron is not installed in this database" <<<"$out" || fail "schedule_refresh without pg_cron: $out"
hint_sql="$(sed -n "s/^HINT:  Connect to database $cron_db (run CREATE EXTENSION pg_cron there first if it is not created yet) and run there: //p" <<<"$out")"
[[ "$hint_sql" == "SELECT cron.schedule_in_database('ecostats-refresh', '0 4 * * *', 'SELECT hub.refresh()', '$db');" ]] \
    || fail "the hint: $out"
job3="$(q "$cron_db" -c "$hint_sql")"
[[ "$(q "$cron_db" -F '|' -c "SELECT database, schedule FROM cron.job WHERE jobid = $job3")" == "$db|0 4 * * *" ]] || fail "the hint's call made no job"
q "$cron_db" -c "SELECT cron.unschedule($job3)" >/dev/null
echo "pg_cron: from database $db the error (55000) hints $hint_sql, which works"

q "$cron_db" -c "DROP EXTENSION ecostats_hub, ecostats"
if [[ "$had_cron" == 0 ]]; then q "$cron_db" -c "DROP EXTENSION pg_cron"; fi
[[ "$(q "$cron_db" -c "SELECT count(*) FROM pg_extension WHERE extname IN ('ecostats', 'ecostats_hub', 'pg_cron')")" == "$had_cron" ]] \
    || fail "database $cron_db is not as it was"

# ---------------------------------------------------------------------------
# (b) concurrency
# ---------------------------------------------------------------------------
q "$db" <<'SQL'
SET client_min_messages = warning;
-- 5000 models in 40 trees (parent i / 3), every 7th a merge of two parents
INSERT INTO hub.models (id, author, downloads)
SELECT 'org' || (i % 40) || '/m' || i, 'org' || (i % 40), (i * 7919) % 100000 FROM generate_series(1, 5000) i;
INSERT INTO hub.model_edges (child, parent, relation, source)
SELECT 'org' || (i % 40) || '/m' || i, 'org' || ((i / 3) % 40) || '/m' || (i / 3),
       (ARRAY['finetune', 'adapter', 'quantized', NULL])[1 + i % 4], 'tags'
FROM generate_series(3, 5000) i;
INSERT INTO hub.model_edges (child, parent, relation, source)
SELECT 'org' || (i % 40) || '/m' || i, 'org' || ((i / 5) % 40) || '/m' || (i / 5), 'merge', 'cardData'
FROM generate_series(35, 5000, 7) i
ON CONFLICT DO NOTHING;
-- a materialized view of the extension's (as the report views will be), read by the readers
CREATE MATERIALIZED VIEW hub.report_zz_refresh_test AS
    SELECT m.author, count(*) AS models, count(m.lineage) AS derived, sum(m.downloads) AS downloads
    FROM hub.models m GROUP BY m.author WITH NO DATA;
CREATE UNIQUE INDEX ON hub.report_zz_refresh_test (author);
ALTER EXTENSION ecostats_hub ADD MATERIALIZED VIEW hub.report_zz_refresh_test;
COMMENT ON MATERIALIZED VIEW hub.report_zz_refresh_test IS 'test only';
SELECT status FROM hub.refresh() \g /dev/null
SQL

# the readers: every view in hub named report*, and hub.models with its lineage
mapfile -t views < <(q "$db" -c "SELECT c.oid::regclass FROM pg_class c
                                 WHERE c.relnamespace = 'hub'::regnamespace AND c.relkind IN ('v', 'm') AND c.relname LIKE 'report%'
                                 ORDER BY 1")
{
    echo "SET lock_timeout = '2s';"
    for _ in 1 2 3 4 5; do
        for v in "${views[@]}"; do echo "SELECT count(*), md5(string_agg(t::text, ',' ORDER BY t::text)) FROM $v t;"; done
        echo "SELECT count(*), count(m.lineage), sum(m.downloads) FILTER (WHERE m.lineage <@ 'org1/m1') FROM hub.models m;"
        echo "SELECT count(*) FROM hub.models m JOIN hub.model_edges e ON e.child = m.id WHERE m.lineage IS NOT NULL;"
    done
} > "$work/reader.sql"
n_per_batch=$(( 5 * (${#views[@]} + 2) ))
echo "concurrency: readers read ${#views[@]} report view(s) (${views[*]}) and hub.models"
reader() {
    local n="$1"
    while [[ ! -e "$work/stop" ]]; do
        PGAPPNAME=eco_reader psql -X -qAt -d "$db" -f "$work/reader.sql" >/dev/null 2>>"$work/reader$n.err" || true
        echo x >> "$work/reader$n.batches"
    done
}
for n in 1 2 3; do
    : > "$work/reader$n.err"; : > "$work/reader$n.batches"
    reader "$n" & bg_pids+=($!)
done

# the writer: 20 times, change a subtree's relation (so lineages change) and refresh
{
    for i in $(seq 1 20); do
        echo "UPDATE hub.model_edges SET relation = CASE WHEN relation = 'adapter' THEN 'finetune' ELSE 'adapter' END WHERE parent IN ('org1/m1', 'org2/m2', 'org$((i % 40))/m$i');"
        echo "SELECT status, lineage_changed FROM hub.refresh(wait => true);"
    done
} > "$work/writer.sql"
PGAPPNAME=eco_writer psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" -f "$work/writer.sql" > "$work/writer.out" 2> "$work/writer.err" &
writer=$!
bg_pids+=("$writer")
: > "$work/lock_waits"
samples=0
while kill -0 "$writer" 2>/dev/null; do
    # a waiting reader, with what it waits for and who holds it
    # (first field: autovacuum when every holder is an autovacuum worker)
    q "$db" -F ' | ' -c "SELECT coalesce((SELECT CASE WHEN pg_catalog.bool_and(b.backend_type = 'autovacuum worker') THEN 'autovacuum' ELSE 'other' END
                                         || ': ' || pg_catalog.string_agg(b.backend_type || ' ' || coalesce(b.application_name, ''), ', ')
                                  FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid))), 'other: none seen'),
                       a.wait_event, l.locktype, l.relation::regclass, l.mode, pg_catalog.left(a.query, 80)
                FROM pg_stat_activity a LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
                WHERE a.application_name = 'eco_reader' AND a.wait_event_type = 'Lock'" >> "$work/lock_waits"
    samples=$((samples + 1))
    sleep 0.05
done
wait "$writer" || fail "the refresh loop failed: $(cat "$work/writer.err")"
touch "$work/stop"
for pid in "${bg_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
bg_pids=()
refreshes="$(grep -c '^succeeded|' "$work/writer.out" || true)"
changed="$(awk -F'|' '{s += $2} END {print s + 0}' "$work/writer.out")"
[[ "$refreshes" == 20 ]] || fail "the writer made $refreshes refreshes, expected 20: $(cat "$work/writer.out")"
(( changed > 0 )) || fail "the refreshes changed no lineage"
errors="$(cat "$work"/reader*.err | grep -c 'ERROR' || true)"
batches="$(cat "$work"/reader*.batches | wc -l)"
if (( errors > 0 )); then
    grep 'ERROR' "$work"/reader*.err | sort | uniq -c | head -20 >&2
    fail "$errors reader errors during the refreshes"
fi
(( batches >= 3 )) || fail "the readers ran only $batches batches"
# a wait behind autovacuum (a VACUUM truncating a relation takes its ACCESS
# EXCLUSIVE lock for a moment) is the server's, not the refresh's: shown, not
# failed; a wait behind the writer or behind no one seen fails
maint_waits="$(grep -c '^autovacuum:' "$work/lock_waits" || true)"
lock_waits="$(grep -vc '^autovacuum:' "$work/lock_waits" || true)"
(( maint_waits == 0 )) || echo "concurrency: readers waited $maint_waits time(s) behind autovacuum: $(sort "$work/lock_waits" | uniq -c | head -5)"
(( lock_waits == 0 )) || fail "readers were seen waiting on a lock $lock_waits times (blocked by | wait event | lock | relation | mode | query): $(grep -v '^autovacuum:' "$work/lock_waits" | sort | uniq -c | head -10)"
echo "concurrency: 20 refreshes ($changed lineage rows rewritten) while 3 readers ran $((batches * n_per_batch)) queries: 0 errors, 0 lock waits behind the refresh in $samples samples"
# and what they read afterwards is the refreshed truth
[[ "$(q "$db" -c "SELECT count(*) FROM (SELECT * FROM hub.report_zz_refresh_test EXCEPT
                                         SELECT m.author, count(*), count(m.lineage), sum(m.downloads) FROM hub.models m GROUP BY m.author) d")" == 0 ]] \
    || fail "the materialized view differs from its query after the refreshes"
[[ "$(q "$db" -c "SELECT count(*) FROM hub.models m LEFT JOIN lineage_build('hub.model_edges') b ON b.node = m.id
                  WHERE m.lineage::text IS DISTINCT FROM b.lineage::text" 2>/dev/null)" == 0 ]] || fail "lineage differs from lineage_build"

# a second refresh while one is running, with and without wait: hub/specs/refresh_lock.spec

# ---------------------------------------------------------------------------
# (c) pg_dump / pg_restore
# ---------------------------------------------------------------------------
admin -c "DROP DATABASE IF EXISTS $dump_db" -c "CREATE DATABASE $dump_db"
q "$dump_db" -c "CREATE EXTENSION ecostats_hub CASCADE"
# 300 generated Hub API records: base_model tags, merges in cardData, baseModels
q "$dump_db" > "$work/models.jsonl" <<'SQL'
SELECT json_build_object(
         'id', 'org' || (i % 9) || '/model-' || i, 'downloads', (i * 37) % 1000, 'likes', i % 13,
         'createdAt', to_char(timestamp '2024-01-01' + i * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
         'tags', CASE WHEN i > 3 AND i % 3 <> 0 THEN json_build_array('base_model:finetune:org' || ((i / 4) % 9) || '/model-' || (i / 4)) ELSE '[]' END,
         'cardData', CASE WHEN i % 3 = 0 AND i > 20
                          THEN json_build_object('base_model', json_build_array('org' || ((i / 2) % 9) || '/model-' || (i / 2),
                                                                                'org' || ((i / 5) % 9) || '/model-' || (i / 5)),
                                                 'base_model_relation', 'merge')
                          ELSE '{}' END)
FROM generate_series(1, 300) i;
SQL
chmod 644 "$work/models.jsonl"
q "$dump_db" -c "SELECT hub.import_models('$work/models.jsonl', snapshot => '2026-01-01')" > /dev/null
q "$dump_db" -c "SELECT status FROM hub.refresh()" >/dev/null 2>&1
q "$dump_db" -c "SELECT lineage_changed FROM hub.refresh()" 2>/dev/null | grep -qx 0 || fail "dump: a second refresh changed rows"
[[ "$(q "$dump_db" -c "SELECT count(*) FILTER (WHERE lineage IS NOT NULL) > 200 AND count(*) = 300 FROM hub.models")" == t ]] \
    || fail "dump: the import and refresh gave too few lineages"
tables_sig() {
    q "$1" -c "SELECT (SELECT md5(string_agg(m::text, E'\n' ORDER BY id)) FROM hub.models m)
                   || ' ' || (SELECT md5(string_agg(e::text, E'\n' ORDER BY child, parent)) FROM hub.model_edges e)
                   || ' ' || (SELECT md5(string_agg(r::text, E'\n' ORDER BY refresh_id)) FROM hub.refreshes r)
                   || ' ' || (SELECT count(*) FROM hub.refreshes)"
}
lineage_sig() { q "$1" -c "SELECT md5(string_agg(id || '=' || coalesce(lineage::text, '-'), E'\n' ORDER BY id)) FROM hub.models"; }
matview_sig() {
    local d="$1" v out=""
    for v in $(q "$d" -c "SELECT matview FROM hub.refresh_order() ORDER BY step"); do
        out+="$v:$(q "$d" -c "SELECT count(*) || '/' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '-') FROM $v t") "
    done
    echo "$out"
}
before_tables="$(tables_sig "$dump_db")"
before_lineage="$(lineage_sig "$dump_db")"
before_mv="$(matview_sig "$dump_db")"
src_max_id="$(q "$dump_db" -c "SELECT max(refresh_id) FROM hub.refreshes")"
pg_dump -Fc -f "$work/refresh.dump" "$dump_db"
admin -c "DROP DATABASE IF EXISTS ${dump_db}_r" -c "CREATE DATABASE ${dump_db}_r"
pg_restore --exit-on-error -d "${dump_db}_r" "$work/refresh.dump"
[[ "$(tables_sig "${dump_db}_r")" == "$before_tables" ]] || fail "dump: hub.models, hub.model_edges or hub.refreshes differ after restore"
[[ "$(lineage_sig "${dump_db}_r")" == "$before_lineage" ]] || fail "dump: lineage values differ after restore"
# the views come back with CREATE EXTENSION, not with their rows: one refresh brings them back
q "${dump_db}_r" -c "SELECT lineage_changed FROM hub.refresh()" 2>/dev/null | grep -qx 0 || fail "restore: the first refresh changed lineage rows"
[[ "$(matview_sig "${dump_db}_r")" == "$before_mv" ]] || fail "dump: materialized views differ after restore and refresh"
[[ "$(q "${dump_db}_r" -c "SELECT max(refresh_id) > $src_max_id FROM hub.refreshes")" == t ]] \
    || fail "restore: refresh_id does not continue after the restored rows"
echo "dump/restore: $(q "${dump_db}_r" -c "SELECT count(*) FROM hub.models") models, their edges, $(q "$dump_db" -c "SELECT count(*) FROM hub.refreshes") refreshes and every lineage identical; materialized views ($(q "${dump_db}_r" -c "SELECT count(*) FROM hub.refresh_order()")) identical after one refresh"

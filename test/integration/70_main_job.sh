#!/usr/bin/env bash
#
# test/integration/70_main_job.sh — the README's main job, bin/ecostats-report:
#   * --server: into a database of the test server named by the PG
#     environment, on a small synthetic sample; hub.report is printed with
#     all its metrics, labelled synthetic, and equals what the database
#     holds; a second run (same seed) gives the same report;
#   * the default throwaway server: starts, reports and is removed;
#   * usage errors exit 2.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_ROOT, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"

db=eco_main_job
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@"; }
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" >/dev/null || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db" >/dev/null

report="$ECO_ROOT/bin/ecostats-report"
small=(--models 20000 --datasets 5000 --seed 7)

# --- --server ---------------------------------------------------------------------
out1="$("$report" --no-install --server --dbname "$db" "${small[@]}" 2>"$ECO_TMP/main_job.err")" \
    || fail "ecostats-report --server: $(tail -5 "$ECO_TMP/main_job.err")"
grep -q "SYNTHETIC sample (ecostats-generate --seed 7: 20000 models, 5000 datasets)" <<<"$out1" || fail "the report must say the data is synthetic"
n_metrics="$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.report")"
(( n_metrics >= 20 )) || fail "hub.report has only $n_metrics metrics"
for m in $(psql -X -qAt -d "$db" -c "SELECT metric FROM hub.report"); do
    grep -q "| $m " <<<"$out1" || fail "metric $m is not printed"
done
[[ "$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.models")/$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.datasets")" == "20000/5000" ]] \
    || fail "the sample did not land whole"
[[ "$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.imports WHERE rejects = 0 AND finished_at IS NOT NULL")" == 2 ]] \
    || fail "two imports without rejects expected"
[[ "$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.models WHERE lineage IS NOT NULL")" -gt 0 ]] || fail "the refresh did not build lineage"
# a printed figure equals the database's value
top="$(psql -X -qAt -d "$db" -c "SELECT to_char(100 * value, 'FM990.0') || ' %' FROM hub.report WHERE metric = 'top_200_share'")"
grep -q "top_200_share .*| $top " <<<"$out1" || fail "top_200_share printed differs from hub.report ($top)"
# the same again: the same report
out2="$("$report" --no-install --server --dbname "$db" "${small[@]}" 2>/dev/null)" || fail "second --server run failed"
[[ "$(grep '|' <<<"$out1")" == "$(grep '|' <<<"$out2")" ]] || fail "the same seed twice gave another report"
echo "--server: $n_metrics metrics printed from database $db, labelled synthetic; a second run gives the same report"

# --- the throwaway server -----------------------------------------------------------
out3="$(env -u PGHOST -u PGPORT -u PGDATABASE "$report" --no-install --models 5000 --datasets 1000 2>"$ECO_TMP/main_job.err")" \
    || fail "ecostats-report (throwaway server): $(tail -5 "$ECO_TMP/main_job.err")"
grep -q "| top_200_share " <<<"$out3" || fail "the throwaway run printed no report"
srvdir="$(sed -n 's/^\[ecostats\] initdb in \(.*\)\/data .*/\1/p' "$ECO_TMP/main_job.err")"
[[ -n "$srvdir" ]] || fail "the throwaway run did not say where its server was"
[[ ! -e "$srvdir" ]] || fail "the throwaway server's directory $srvdir was left behind"
echo "throwaway server: report printed, server and directory removed"

# --- usage ------------------------------------------------------------------------
set +e
"$report" --bogus >/dev/null 2>&1; rc1=$?
"$report" --models x >/dev/null 2>&1; rc2=$?
"$report" --datasets-file /dev/null >/dev/null 2>&1; rc3=$?
set -e
[[ "$rc1/$rc2/$rc3" == "2/2/2" ]] || fail "usage errors must exit 2: $rc1/$rc2/$rc3"
echo "usage errors exit 2"

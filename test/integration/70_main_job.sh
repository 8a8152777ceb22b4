#!/usr/bin/env bash
#
# test/integration/70_main_job.sh — the README's main job, bin/ecostats-report:
#   * --server: into a database of the test server named by the PG
#     environment, on a small synthetic sample of 49 monthly snapshots
#     imported in order; the report over time (hub.report()) and the latest
#     snapshot's (the view hub.report) are printed with all their metrics,
#     labelled synthetic, and equal what the database holds; a second run
#     (same seed, the database made anew) gives the same report;
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
grep -q "SYNTHETIC sample (ecostats-generate --seed 7: 20000 models, 5000 datasets, 49 monthly snapshots)" <<<"$out1" || fail "the report must say the data is synthetic"
grep -q "^hub.report() — the report over time" <<<"$out1" || fail "the report over time is not printed"
for m in $(psql -X -qAt -d "$db" -c "SELECT metric FROM hub.report()"); do
    grep -q "| $m " <<<"$out1" || fail "metric $m of hub.report() is not printed"
done
# the figures over time are there: China's share of the last 12 months, the month it passes the US
cn="$(psql -X -qAt -d "$db" -c "SELECT to_char(100 * value, 'FM990.0') || ' %' || ' | share | ' || period_start || ' .. ' || (period_end - 1)
                                FROM hub.report() WHERE metric = 'cn_share_last_12_months'")"
[[ "$cn" == *"| share | 2025-04-01 .. 2026-03-31" ]] || fail "cn_share_last_12_months is not of the 12 months before 2026-03-31: $cn"
grep -q "cn_share_last_12_months  *| ${cn%% |*} *| share *| 2025-04-01 .. 2026-03-31" <<<"$out1" || fail "cn_share_last_12_months printed differs from hub.report() ($cn)"
grep -Eq "first_month_cn_over_us  *\| 20[0-9]{2}-[0-9]{2} " <<<"$out1" || fail "the month China passes the US is not printed"
n_metrics="$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.report")"
(( n_metrics >= 20 )) || fail "hub.report has only $n_metrics metrics"
for m in $(psql -X -qAt -d "$db" -c "SELECT metric FROM hub.report"); do
    grep -q "| $m " <<<"$out1" || fail "metric $m is not printed"
done
[[ "$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.models")/$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.datasets")" == "20000/5000" ]] \
    || fail "the sample did not land whole"
[[ "$(psql -X -qAt -d "$db" -c "SELECT count(*) || '/' || count(DISTINCT snapshot) FROM hub.imports WHERE rejects = 0 AND finished_at IS NOT NULL AND kind IN ('models', 'datasets')")" == 98/49 ]] \
    || fail "98 imports (models and datasets of 49 snapshots) without rejects expected"
[[ "$(psql -X -qAt -d "$db" -c "SELECT string_agg(kind || ' ' || snapshot, ', ' ORDER BY kind) FROM hub.imports WHERE rejects = 0 AND finished_at IS NOT NULL AND kind NOT IN ('models', 'datasets')")" \
   == "namespaces 2026-03-31, papers 2026-03-31, spaces 2026-03-31" ]] \
    || fail "the namespaces, papers and Spaces of 2026-03-31 were not imported without rejects"
grep -q "^Who is behind the downloads" <<<"$out1" || fail "the figures of namespaces, organisations, papers and architectures are not printed"
[[ "$(psql -X -qAt -d "$db" -c "SELECT count(*) FROM hub.models WHERE lineage IS NOT NULL")" -gt 0 ]] || fail "the refresh did not build lineage"
# a printed figure equals the database's value
top="$(psql -X -qAt -d "$db" -c "SELECT to_char(100 * value, 'FM990.0') || ' %' FROM hub.report WHERE metric = 'top_200_share'")"
grep -q "top_200_share .*| $top " <<<"$(sed -n '/^hub.report — the latest snapshot/,$p' <<<"$out1")" || fail "top_200_share printed differs from hub.report ($top)"
# the same again: the same report
out2="$("$report" --no-install --server --dbname "$db" "${small[@]}" 2>/dev/null)" || fail "second --server run failed"
[[ "$(grep '|' <<<"$out1")" == "$(grep '|' <<<"$out2")" ]] || fail "the same seed twice gave another report"
echo "--server: 49 snapshots imported in order; hub.report() and $n_metrics metrics of hub.report printed from database $db, labelled synthetic; a second run gives the same report"

# --- the throwaway server -----------------------------------------------------------
out3="$(env -u PGHOST -u PGPORT -u PGDATABASE "$report" --no-install --models 5000 --datasets 1000 --snapshots 13 2>"$ECO_TMP/main_job.err")" \
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
"$report" --snapshots 50 >/dev/null 2>&1; rc4=$?
set -e
[[ "$rc1/$rc2/$rc3/$rc4" == "2/2/2/2" ]] || fail "usage errors must exit 2: $rc1/$rc2/$rc3/$rc4"
echo "usage errors exit 2"

#!/usr/bin/env bash
#
# test/integration/55_snapshots.sh — the three real Hub listings of 2022
# (../shared/data/snapshots: February, July, October) imported in order as
# snapshots, against an independent reading of the same files (Python,
# written from doc/hub.md's rules, not from the SQL):
#   * the stock of models at each snapshot (hub.counts_at), and the history
#     by change: its number of rows, of vanished marks, of ids with one row;
#   * the top-200 share and the Gini coefficient of 30-day downloads at each
#     snapshot, over hub.counts_at and in hub.report_series;
#   * downloads during periods from the 30-day counts (the 2022 listings
#     have no all-time counts): the 30 days up to July 2nd, the 30 days
#     up to October 1st, the third quarter, and 2022 as a whole (partial:
#     its coverage), in total and per method;
#   * an older snapshot after the newest is refused (22023).
# Without ../shared (the project's test material) the checks are reported
# as skipped.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_ROOT, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
eco_skip() { echo "SKIP: $1: $2"; }
: "${ECO_TMP:?run this through test/run}"
ECO_SHARED_DATA="${ECO_SHARED_DATA:-$ECO_ROOT/../shared/data}"
snaps="$ECO_SHARED_DATA/snapshots"
dates=(2022-02-15 2022-07-02 2022-10-01)
for d in "${dates[@]}"; do
    if [[ ! -r "$snaps/models-$d.jsonl.gz" ]]; then
        eco_skip "real 2022 snapshots" "$snaps/models-$d.jsonl.gz is not there (the project's test material, ../shared, is not beside the checkout)"
        exit 0
    fi
done

db=eco_snapshots
work="$(mktemp -d "$ECO_TMP/snapshots.XXXXXX")"
chmod 755 "$work"
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -c "CREATE EXTENSION ecostats_hub CASCADE"

for d in "${dates[@]}"; do
    cp "$snaps/models-$d.jsonl.gz" "$work/"
    chmod 644 "$work/models-$d.jsonl.gz"
    q -c "SELECT hub.import_models('$work/models-$d.jsonl.gz', snapshot => '$d')" >/dev/null
done

# The independent reading: one line per figure, "name value"
python3 - "$work" "${dates[@]}" > "$work/want" <<'PY'
import gzip, json, sys, datetime as dt
work, dates = sys.argv[1], [dt.date.fromisoformat(d) for d in sys.argv[2:]]
snap = []                                  # per snapshot: id -> counts (last record wins)
for d in dates:
    recs = {}
    with gzip.open(f"{work}/models-{d}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            rid = r.get("id") or r.get("modelId")
            recs[rid] = (r.get("downloads"), r.get("downloadsAllTime"), r.get("likes"), r.get("trendingScore"))
    snap.append(recs)
out = []
# stock, and the history by change
rows = vanished = 0
last = {}                                  # id -> its latest row (counts, or "gone")
for i, recs in enumerate(snap):
    out.append(f"stock{i} {len(recs)}")
    for rid, c in recs.items():
        if last.get(rid) != c:
            rows += 1
            last[rid] = c
    if i > 0:
        for rid in snap[i - 1]:
            if rid not in recs:
                rows += 1; vanished += 1; last[rid] = "gone"
out.append(f"history_rows {rows}")
out.append(f"vanished {vanished}")
# concentration of 30-day downloads at each snapshot
for i, recs in enumerate(snap):
    x = sorted((c[0] for c in recs.values() if c[0] is not None), reverse=True)
    total = sum(x)
    out.append(f"top200_{i} {sum(x[:200]) / total:.9f}")
    n = len(x); asc = x[::-1]
    g = 2 * sum((k + 1) * v for k, v in enumerate(asc)) / (n * total) - (n + 1) / n
    out.append(f"gini_{i} {g:.9f}")
# downloads during [a, b): doc/hub.md's rule, 30-day counts only (no all-time here)
def during(a, b):
    total = pro = 0.0; ids = set(); observed = 0
    for i, s in enumerate(dates):
        p = dates[i - 1] if i > 0 else s - dt.timedelta(days=30)
        inside = max(0, (min(s + dt.timedelta(days=1), b) - max(p + dt.timedelta(days=1), a)).days)
        lo = max(p, s - dt.timedelta(days=30))
        covered = max(0, (min(s + dt.timedelta(days=1), b) - max(lo + dt.timedelta(days=1), a)).days)
        observed += inside
        if inside == 0:
            continue
        for rid, c in snap[i].items():
            if c[0] is None:
                continue
            total += c[0] * inside / 30
            pro += c[0] * (inside - covered) / 30
            ids.add(rid)
    return total, pro, len(ids), observed / (b - a).days
for name, a, b in (("jun", "2022-06-03", "2022-07-03"), ("sep", "2022-09-02", "2022-10-02"),
                   ("q3", "2022-07-01", "2022-10-01"), ("y2022", "2022-01-01", "2023-01-01")):
    t, p, n, cov = during(dt.date.fromisoformat(a), dt.date.fromisoformat(b))
    out.append(f"{name} {t:.3f} {p:.3f} {n} {cov:.6f}")
print("\n".join(out))
PY

# The same figures from the extension
{
    for i in 0 1 2; do
        echo "stock$i $(q -c "SELECT count(*) FROM hub.counts_at('${dates[$i]}')")"
    done
    echo "history_rows $(q -c "SELECT count(*) FROM hub.model_history")"
    echo "vanished $(q -c "SELECT count(*) FROM hub.model_history WHERE vanished")"
    for i in 0 1 2; do
        q -c "SELECT 'top200_$i ' || to_char(top_k_share(downloads, 200), 'FM0.000000000') || E'\n'
                  || 'gini_$i ' || to_char(gini(downloads), 'FM0.000000000')
              FROM hub.counts_at('${dates[$i]}')"
    done
    for p in "jun 2022-06-03 2022-07-03" "sep 2022-09-02 2022-10-02" "q3 2022-07-01 2022-10-01" "y2022 2022-01-01 2023-01-01"; do
        read -r name a b <<<"$p"
        q -c "SELECT '$name ' || to_char(sum(downloads), 'FM999999999990.000') || ' ' || to_char(sum(prorated), 'FM999999999990.000')
                     || ' ' || count(*) || ' ' || to_char(max(coverage), 'FM0.000000')
              FROM hub.downloads_during('$a', '$b')"
    done
} > "$work/got"
# ... and the per-snapshot figures of hub.report_series, after the refresh
# has folded the three snapshots in
q -c "SELECT hub.refresh_series()" >/dev/null
{
    for i in 0 1 2; do
        echo "stock$i $(q -c "SELECT value FROM hub.report_series WHERE figure = 'models' AND period_start = '${dates[$i]}'")"
        q -c "SELECT 'top200_$i ' || to_char(value, 'FM0.000000000') FROM hub.report_series WHERE figure = 'top200_share' AND period_start = '${dates[$i]}'"
        q -c "SELECT 'gini_$i ' || to_char(value, 'FM0.000000000') FROM hub.report_series WHERE figure = 'gini' AND period_start = '${dates[$i]}'"
    done
} > "$work/got_series"
grep -E '^(stock|top200_|gini_)' "$work/want" > "$work/want_series"

# the same names and numbers; sums of floats in another order may differ in
# the last digits (relative 1e-9: the figures are printed to 3 decimals)
if ! python3 - "$work/want" "$work/got" <<'PY' >&2
import math, sys
want, got = ([l for l in open(f).read().splitlines() if l.strip()] for f in sys.argv[1:])
bad = [(w, g) for w, g in zip(want, got)
       if w.split()[0] != g.split()[0]
       or len(w.split()) != len(g.split())
       or not all(math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
                  for a, b in zip(w.split()[1:], g.split()[1:]))]
for w, g in bad:
    print(f"want {w}\n got {g}")
sys.exit(1 if bad or len(want) != len(got) else 0)
PY
then
    fail "the extension's figures over the real 2022 snapshots differ from the independent reading (above)"
fi
if ! diff <(sort "$work/want_series") <(sort "$work/got_series") >&2; then
    fail "hub.report_series' per-snapshot figures differ from the independent reading (above: < want, > got)"
fi
# the months the snapshots' days cover wholly are February to September
# (the first one's 30 days start on January 16th; the last ends on
# October 1st); April lies wholly in the
# 137 days before July 2nd that no 30-day count covers: all prorated
[[ "$(q -c "SELECT min(period_start) || ' ' || max(period_start) || ' ' || count(DISTINCT period_start) FROM hub.report_series WHERE figure = 'downloads_share_by_country'")" == "2022-02-01 2022-09-01 8" ]] \
    || fail "monthly shares: $(q -c "SELECT string_agg(DISTINCT period_start::text, ' ') FROM hub.report_series WHERE figure = 'downloads_share_by_country'")"
[[ "$(q -c "SELECT DISTINCT measure FROM hub.report_series WHERE figure = 'downloads_share_by_country' AND period_start = '2022-04-01'")" == *"0.0% from all-time differences, 100.0% prorated" ]] \
    || fail "April 2022 must say it is prorated: $(q -c "SELECT DISTINCT measure FROM hub.report_series WHERE figure = 'downloads_share_by_country' AND period_start = '2022-04-01'")"
sed 's/^/  /' "$work/got"
[[ "$(q -c "SELECT count(*) FROM hub.downloads_during('2022-01-01', '2023-01-01') WHERE method <> '30d'")" == 0 ]] \
    || fail "without all-time counts every figure must come from the 30-day counts"
echo "real 2022 snapshots: stock, history by change ($(grep history_rows "$work/got" | cut -d' ' -f2) rows for $(( $(grep stock0 "$work/got" | cut -d' ' -f2) + $(grep stock1 "$work/got" | cut -d' ' -f2) + $(grep stock2 "$work/got" | cut -d' ' -f2) )) records), concentration and downloads during four periods agree with an independent reading"

# an older date after the newest is refused
out="$(psql -X -v VERBOSITY=verbose -qAt -d "$db" -c "SELECT hub.import_models('$work/models-2022-07-02.jsonl.gz', snapshot => '2022-07-02')" 2>&1 || true)"
grep -q 'ERROR:  22023' <<<"$out" || fail "an import older than the newest snapshot: $out"
echo "an import older than the newest snapshot: 22023"

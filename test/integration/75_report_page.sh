#!/usr/bin/env bash
#
# test/integration/75_report_page.sh — the report as a page: bin/ecostats-report
# --html on a small synthetic sample (49 monthly snapshots), rendered in
# headless Chromium (Debian's chromium) with every host unresolvable, so
# that the page must need no network:
#   * no console message (no script error) and no resource from elsewhere;
#   * in the DOM Chromium built: every chart there, drawn (an SVG with
#     marks), both axes titled, a legend where series are coloured, the
#     SYNTHETIC label, the chart's definition, SQL and snapshot dates;
#   * in a screenshot: the page drawn, in the charts' first two series
#     colours and the label's red (report_page_check.mjs);
#   * the checks fail on a page with a script error, an external image and a
#     chart removed.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_ROOT, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"
for c in chromium node; do
    command -v "$c" >/dev/null || fail "$c is missing: test/run installs it (eco_ensure_page_deps)"
done
[[ -e "$ECO_ROOT/report/node_modules/vega-lite" ]] || fail "report/node_modules is missing: test/run installs it (npm ci)"

db=eco_report_page
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@"; }
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" >/dev/null || true' EXIT
work="$ECO_TMP/report_page"
rm -rf "$work"; mkdir -p "$work"; chmod 777 "$work"

out="$("$ECO_ROOT/bin/ecostats-report" --no-install --server --dbname "$db" --models 20000 --datasets 5000 --seed 7 \
       --html "$work/report.html" 2>"$work/job.err")" || fail "ecostats-report --html: $(tail -5 "$work/job.err")"
grep -q "The report as a page, with its charts: $work/report.html" <<<"$out" || fail "the job does not say where the page is"
[[ -s "$work/report.html" ]] || fail "no page written"

# chromium FILE PREFIX: the DOM, a screenshot and the log of a headless
# Chromium that cannot resolve any host
chromium_view() {
    local common=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
                  --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$work/profile"
                  --enable-logging=stderr --v=0)
    chromium "${common[@]}" --dump-dom "file://$1" >"$2.dom" 2>"$2.log" || fail "chromium --dump-dom failed: $(tail -3 "$2.log")"
    chromium "${common[@]}" --window-size=1280,5600 --screenshot="$2.png" "file://$1" >/dev/null 2>>"$2.log" \
        || fail "chromium --screenshot failed: $(tail -3 "$2.log")"
}
cat >"$work/expect.json" <<'JSON'
{ "synthetic": true,
  "charts": [ {"id": "lorenz", "legend": true}, {"id": "country", "legend": true}, {"id": "kinds", "legend": true},
              {"id": "size", "legend": true}, {"id": "datasets", "legend": true}, {"id": "families", "legend": false},
              {"id": "releases", "legend": true} ],
  "colours": { "the first series colour (#4c78a8)": [76, 120, 168], "the second series colour (#f58518)": [245, 133, 24],
               "the SYNTHETIC label's red (#c62828)": [198, 40, 40] },
  "min_pixels": 400 }
JSON

chromium_view "$work/report.html" "$work/page"
consoles="$(grep -c ':CONSOLE' "$work/page.log" || true)"
[[ "$consoles" == 0 ]] || fail "the page logged to the console: $(grep ':CONSOLE' "$work/page.log" | head -3)"
node "$ECO_ROOT/test/integration/report_page_check.mjs" "$work/page.dom" "$work/page.png" "$work/expect.json" >"$work/check.out" \
    || { cat "$work/check.out" >&2; fail "the page does not show what it should (above)"; }
n_ok="$(grep -c '^ok' "$work/check.out")"

# the checks can fail: a page with a script error, an image from a web
# server (it would need the network) and a chart missing
sed -e 's|<body>|<body><script>noSuchFunction()</script><img src="https://example.com/chart.png" alt="">|' \
    -e 's|<section class="figure" id="families"|<section class="figure" id="removed"|' "$work/report.html" >"$work/broken.html"
chromium_view "$work/broken.html" "$work/broken"
grep -q ':CONSOLE.*noSuchFunction' "$work/broken.log" || fail "a script error was not seen on the console"
if node "$ECO_ROOT/test/integration/report_page_check.mjs" "$work/broken.dom" "$work/broken.png" "$work/expect.json" >"$work/broken.out"; then
    fail "the checks passed on a broken page"
fi
grep -q '^FAIL families: the chart.s section is on the page' "$work/broken.out" || fail "the missing chart was not seen: $(grep FAIL "$work/broken.out" | head -3)"
grep -q '^FAIL nothing is loaded from elsewhere' "$work/broken.out" || fail "the external image was not seen: $(grep FAIL "$work/broken.out" | head -3)"

echo "report page: 7 charts rendered offline in headless Chromium without console messages; $n_ok checks of the DOM and the screenshot passed (axes titled, legends, SYNTHETIC label, SQL, dates, colours drawn); a broken page fails them"

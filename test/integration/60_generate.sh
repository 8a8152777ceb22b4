#!/usr/bin/env bash
#
# test/integration/60_generate.sh — ecostats-generate, the synthetic Hub:
#   * the same seed and sizes give byte-identical files, another seed other ones;
#   * bad options exit non-zero with a message (1 usage, 2 output);
#   * a 20,000-model / 5,000-dataset sample imports through hub.import_models /
#     hub.import_datasets with zero rejects, and authors.csv loads into
#     hub.authors;
#   * the lineage forest is sound: every parent exists and was created earlier,
#     merges have 2-5 parents, chains are at most 5 deep, all four relations
#     and all three Hub shapes of lineage occur;
#   * the creation dates start on 2022-03-02 (the Hub's records do), the
#     real facts the sample follows hold within generous ranges (a sample of
#     20,000 heavy-tailed models is noisy: the ranges test the shape), and
#     robotics datasets explode in 2025;
#   * --snapshots 49: monthly dumps 2022-03-31 .. 2026-03-31 import in order
#     as snapshots with zero rejects; after hub.refresh() every figure of the
#     generator's truth.csv (computed in C from its own monthly downloads:
#     shares of downloads by country and developer kind per month and year,
#     download-weighted mean and median size per year, the stock at each
#     snapshot, concentration at the last) equals hub.report_series' row,
#     and hub.report() reports the last complete year (2025), never 2026.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_ROOT, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"
command -v ecostats-generate >/dev/null || fail "ecostats-generate is not installed"

db=eco_generate
work="$(mktemp -d "$ECO_TMP/generate.XXXXXX")"
chmod 755 "$work"
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" -c "SET timezone = 'UTC'" -c "SET client_min_messages = warning" "$@"; }
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -c "CREATE EXTENSION ecostats_hub CASCADE" >/dev/null

# --- determinism ------------------------------------------------------------------------
gen() { ecostats-generate -q --models 20000 --datasets 5000 "$@"; }
sums() { (cd "$1" && sha256sum models.jsonl datasets.jsonl authors.csv); }
gen --seed 11 --out-dir "$work/a"
gen --seed 11 --out-dir "$work/b"
gen --seed 12 --out-dir "$work/c"
[[ "$(sums "$work/a")" == "$(sums "$work/b")" ]] || fail "the same seed gave different files"
for f in models.jsonl datasets.jsonl authors.csv; do
    [[ "$(sha256sum <"$work/a/$f")" != "$(sha256sum <"$work/c/$f")" ]] || fail "another seed gave the same $f"
done
[[ "$(wc -l <"$work/a/models.jsonl")" == 20000 && "$(wc -l <"$work/a/datasets.jsonl")" == 5000 ]] \
    || fail "wrong record counts"
head -1 "$work/a/authors.csv" | grep -qx 'author,kind,country,source' || fail "authors.csv header"
grep -q ',synthetic sample (ecostats-generate --seed 11)$' "$work/a/authors.csv" || fail "authors.csv source"
echo "determinism: seed 11 twice gives identical sha256 for all three files; seed 12 differs"

# --- bad options --------------------------------------------------------------------------
expect_exit() {   # code, message fragment, args...
    local code="$1" msg="$2" out rc=0
    shift 2
    out="$(ecostats-generate "$@" 2>&1)" || rc=$?
    [[ $rc == "$code" ]] || fail "ecostats-generate $*: exit $rc, expected $code ($out)"
    [[ "$out" == *"$msg"* ]] || fail "ecostats-generate $*: message '$out' lacks '$msg'"
}
expect_exit 1 'invalid value for --models' --models abc --out-dir "$work/x"
expect_exit 1 'invalid value for --models' --models -5 --out-dir "$work/x"
expect_exit 1 'invalid value for --seed' --seed 12x --out-dir "$work/x"
expect_exit 1 'out of range' --datasets 999999999999 --out-dir "$work/x"
expect_exit 1 'unknown option' --bogus --out-dir "$work/x"
expect_exit 1 'needs a value' --out-dir
expect_exit 1 '--out-dir is required' --models 10
expect_exit 1 'unexpected argument' --out-dir "$work/x" extra
expect_exit 2 'not a directory' --models 10 --out-dir "$work/a/models.jsonl"
ecostats-generate --help | grep -q -- '--out-dir' || fail "--help does not describe --out-dir"
echo "bad options: exit 1 (usage) or 2 (output) with a message; --help works"

# --- import -------------------------------------------------------------------------------
d="$work/a"
chmod 644 "$d"/*
[[ "$(q -c "SELECT hub.import_models('$d/models.jsonl', 'skip')")" == 20000 ]] || fail "models: 20000 records expected"
[[ "$(q -c "SELECT rejects FROM hub.imports ORDER BY import_id DESC LIMIT 1")" == 0 ]] || fail "models: rejects"
[[ "$(q -c "SELECT hub.import_datasets('$d/datasets.jsonl', 'skip')")" == 5000 ]] || fail "datasets: 5000 records expected"
[[ "$(q -c "SELECT rejects FROM hub.imports ORDER BY import_id DESC LIMIT 1")" == 0 ]] || fail "datasets: rejects"
q -c "\\copy hub.authors (author, kind, country, source) FROM '$d/authors.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
[[ "$(q -c "SELECT count(*) FROM hub.authors WHERE origin = 'user'")" == "$(($(wc -l <"$d/authors.csv") - 1))" ]] \
    || fail "authors.csv did not load whole"
echo "import: 20000 models, 5000 datasets, 0 rejects; authors.csv loads into hub.authors"
# the rest of the Hub: every namespace's overview (the independents as user
# accounts), Spaces and papers, with no reject; architectures on the models
n_authors=$(q -c "SELECT count(DISTINCT author) FROM (SELECT author FROM hub.models UNION SELECT author FROM hub.datasets) a")
for k in namespaces spaces papers; do
    [[ "$(q -c "SELECT hub.import_$k('$d/$k.jsonl', 'skip') > 0")" == t ]] || fail "$k: nothing imported"
    [[ "$(q -c "SELECT rejects FROM hub.imports ORDER BY import_id DESC LIMIT 1")" == 0 ]] || fail "$k: rejects"
done
[[ "$(q -c "SELECT count(*) FROM hub.namespaces WHERE account = 'user'")" == "$(grep -c '"type": "user"' "$d/namespaces.jsonl")" ]] \
    || fail "namespaces: the user accounts did not all land"
[[ "$(q -c "SELECT count(*) >= $n_authors FROM hub.namespaces")" == t ]] || fail "namespaces: fewer overviews than namespaces with models or datasets"
[[ "$(q -c "SELECT count(*) FILTER (WHERE hub.is_moe(architectures, model_type, gguf_architecture)) > 0
                   AND count(*) FILTER (WHERE NOT hub.is_moe(architectures, model_type, gguf_architecture)) > 0
                   AND count(context_length) > 0 FROM hub.models")" == t ]] || fail "architectures: no mixture of experts, dense model or context length"
[[ "$(q -c "SELECT count(*) FILTER (WHERE organisation IS NOT NULL) > 0 AND count(*) FILTER (WHERE organisation IS NULL) > 0 FROM hub.papers")" == t ]] \
    || fail "papers: claimed and unclaimed ones expected"
# the namespaces authors.csv leaves out are user accounts there: independent
[[ "$(q -c "SELECT count(*) FILTER (WHERE hub.author_kind(m.author) = 'unknown') = 0
                   AND count(*) FILTER (WHERE k.rule = 'user_account') > 0
            FROM hub.models m LEFT JOIN hub.author_kinds k ON k.author = m.author")" == t ]] \
    || fail "namespaces: the namespaces left out of authors.csv are not classified as user accounts"
q -c "TRUNCATE hub.namespaces" >/dev/null   # the checks below are of authors.csv alone
echo "the rest of the Hub: namespaces.jsonl, spaces.jsonl and papers.jsonl import with no reject; models carry architectures;"
echo "  the namespaces left out of authors.csv are user accounts (independent)"

# --- the lineage forest -------------------------------------------------------------------
check() {   # name, SQL returning true
    local got
    got="$(q -c "$2")"
    [[ "$got" == t ]] || fail "$1 (got '$got'): $2"
}
check "every parent exists and is older" \
    "SELECT bool_and(p.id IS NOT NULL AND p.created_at < c.created_at) FROM hub.model_edges e
     JOIN hub.models c ON c.id = e.child LEFT JOIN hub.models p ON p.id = e.parent"
check "merges have 2-5 parents" \
    "SELECT bool_and(n BETWEEN 2 AND 5) FROM (SELECT child, count(*) n FROM hub.model_edges WHERE relation = 'merge' GROUP BY child) s"
check "a derivative's edges have one relation (or none: bare tags)" \
    "SELECT bool_and(n <= 1) FROM (SELECT child, count(DISTINCT relation) n FROM hub.model_edges GROUP BY child) s"
check "25-35% of the models are derivatives (the real Hub: 28.1% have baseModels)" \
    "SELECT count(DISTINCT child)::float8 / (SELECT count(*) FROM hub.models) BETWEEN 0.25 AND 0.35 FROM hub.model_edges"
check "all four relations, finetune the most common" \
    "SELECT count(DISTINCT relation) = 4 AND mode() WITHIN GROUP (ORDER BY relation) = 'finetune' FROM hub.model_edges"
check "all three Hub shapes of lineage occur" \
    "SELECT count(DISTINCT source) = 3 FROM hub.model_edges"
check "lastModified >= createdAt, createdAt from 2022-03-02 (as on the Hub) to 2026-03-31, downloadsAllTime >= downloads" \
    "SELECT bool_and(last_modified >= created_at AND created_at >= '2022-03-02' AND last_modified < '2026-04-01'
                     AND downloads_all_time >= downloads) AND min(created_at) < '2022-03-03' FROM hub.models"
check "models grow every complete year" \
    "SELECT bool_and(n > prev) FROM (SELECT count(*) n, lag(count(*)) OVER (ORDER BY date_trunc('year', created_at)) prev
                                    FROM hub.models WHERE created_at < '2026-01-01' GROUP BY date_trunc('year', created_at)) s WHERE prev IS NOT NULL"
depth="$(q -c "SELECT max(lineage_depth(lineage)) FROM lineage_build('hub.model_edges')")"
(( depth >= 3 && depth <= 5 )) || fail "deepest chain is $depth, expected 3..5"
check "derivatives mostly by independents" \
    "SELECT avg((hub.author_kind(m.author) = 'independent')::int) > 0.6 FROM hub.models m
     WHERE EXISTS (SELECT 1 FROM hub.model_edges e WHERE e.child = m.id)"
check "some namespaces are left out of authors.csv (kind unknown)" \
    "SELECT count(*) FILTER (WHERE hub.author_kind(author) = 'unknown') BETWEEN 1 AND count(*) * 0.05 FROM hub.models"
check "every kind and many countries" \
    "SELECT count(DISTINCT kind) = 5 AND count(DISTINCT country) >= 12 AND count(*) FILTER (WHERE country IS NULL) > 0
     FROM hub.authors WHERE origin = 'user'"
check "ids are synthetic" \
    "SELECT bool_and(author ~ '^([a-z]{2}-(lab|univ|collective|gov)|indie)-[0-9]+\$') FROM hub.models"
echo "lineage: parents exist and are older, merges 2-5 parents, depth $depth, four relations, three shapes"

# --- calibration (plain SQL) --------------------------------------------------------------
# Root attribution: a model's downloads split equally among the parents at every
# node, down to the roots (the same rule as lineage_root_shares).
q -c "CREATE TABLE root_credit AS
      WITH RECURSIVE np AS (SELECT child, count(*) AS n FROM hub.model_edges GROUP BY child),
      walk (id, node, share) AS (
          SELECT id, id, 1.0::float8 FROM hub.models
          UNION ALL
          SELECT w.id, e.parent, w.share / np.n
          FROM walk w JOIN np ON np.child = w.node JOIN hub.model_edges e ON e.child = w.node)
      SELECT w.id, w.node AS root, sum(w.share) AS share FROM walk w
      WHERE NOT EXISTS (SELECT 1 FROM np WHERE np.child = w.node) GROUP BY 1, 2" >/dev/null
check "root credit sums to 1 per model" \
    "SELECT bool_and(abs(s - 1) < 1e-9) FROM (SELECT id, sum(share) s FROM root_credit GROUP BY id) x"
check "root credit = lineage_root_shares" \
    "WITH mine AS (SELECT id, root, round(share::numeric, 9) AS share FROM root_credit
                   WHERE id IN (SELECT child FROM hub.model_edges)),
          lib AS (SELECT l.node AS id, s.root, round(s.share::numeric, 9) AS share
                  FROM lineage_build('hub.model_edges') l, lineage_root_shares(l.lineage) s
                  WHERE l.node IN (SELECT child FROM hub.model_edges))
     SELECT NOT EXISTS (SELECT * FROM mine EXCEPT SELECT * FROM lib)
        AND NOT EXISTS (SELECT * FROM lib EXCEPT SELECT * FROM mine)"
figures="$(q -F ' ' -c "
  WITH cat AS (SELECT extract(year FROM created_at)::int AS y, c, count(*) AS n FROM hub.datasets, unnest(task_categories) c GROUP BY 1, 2),
  rk AS (SELECT y, c, n, rank() OVER (PARTITION BY y ORDER BY n DESC) AS r FROM cat)
  SELECT round(avg((downloads = 0)::int), 3), percentile_disc(0.5) WITHIN GROUP (ORDER BY downloads_all_time),
         round(avg((downloads_all_time < 200)::int), 3),
         (SELECT n || ' ' || r FROM rk WHERE c = 'robotics' AND y = 2024),
         (SELECT n || ' ' || r FROM rk WHERE c = 'robotics' AND y = 2025),
         (SELECT count(DISTINCT c) FROM cat), (SELECT round(avg((task_categories IS NULL)::int), 3) FROM hub.datasets)
  FROM hub.models")"
echo "figures: $figures"
read -r zero30 median_all lt200 rob24 rank24 rob25 rank25 ncat nocat <<<"$figures"
in_range() { awk -v x="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(x >= lo && x <= hi) }' || fail "$1 = $2, expected $3..$4"; }
in_range "share of models with no 30-day downloads (real Hub 2025-10: 64.5%)" "$zero30" 0.5 0.8
in_range "median all-time downloads (real Hub 2025-10: 19)" "$median_all" 5 60
in_range "share of models under 200 all-time downloads" "$lt200" 0.6 0.85
in_range "robotics datasets 2024" "${rob24:-0}" 0 30
in_range "robotics rank 2024" "${rank24:-99}" 35 99
in_range "robotics datasets 2025" "${rob25:-0}" 100 300
[[ "$rank25" == 1 ]] || fail "robotics rank 2025 is $rank25, expected 1"
in_range "task categories" "$ncat" 40 45
in_range "datasets without a category" "$nocat" 0.3 0.6
echo "calibration: $zero30 with no 30-day downloads, median all-time $median_all, $lt200 under 200 all-time;"
echo "  robotics $rob24 (rank $rank24) in 2024 -> $rob25 (rank $rank25) in 2025"

# --- snapshots: the report over time against the generator's own truth ------------------
db2=eco_generate_snap
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" -c "DROP DATABASE IF EXISTS '"$db2"'" || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db2" -c "CREATE DATABASE $db2"
q2() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db2" -c "SET client_min_messages = warning" "$@"; }
q2 -c "CREATE EXTENSION ecostats_hub CASCADE" >/dev/null
s="$work/snap"
out="$(ecostats-generate --models 20000 --datasets 5000 --seed 5 --snapshots 49 --out-dir "$s")"
grep -q 'wrote 49 monthly snapshots (2022-03-31 .. 2026-03-31)' <<<"$out" || fail "snapshots summary: $out"
ecostats-generate -q --models 20000 --datasets 5000 --seed 5 --snapshots 49 --out-dir "$work/snap2"
[[ "$(cd "$s" && sha256sum truth.csv 2026-03-31/models.jsonl 2024-07-31/datasets.jsonl)" == \
   "$(cd "$work/snap2" && sha256sum truth.csv 2026-03-31/models.jsonl 2024-07-31/datasets.jsonl)" ]] \
    || fail "--snapshots: the same seed gave different files"
rm -rf "$work/snap2"
expect_exit 1 'out of range' --snapshots 50 --out-dir "$work/x"
expect_exit 1 'out of range' --snapshots 0 --out-dir "$work/x"
chmod -R a+rX "$s"
q2 -c "\\copy hub.authors (author, kind, country, source) FROM '$s/authors.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
n=0
for d in "$s"/20??-??-??; do
    q2 -c "SELECT hub.import_models('$d/models.jsonl', 'stop', '${d##*/}'), hub.import_datasets('$d/datasets.jsonl', 'stop', '${d##*/}')" >/dev/null
    n=$((n + 1))
done
[[ $n == 49 ]] || fail "$n snapshot directories, expected 49"
[[ "$(q2 -c "SELECT count(*) FILTER (WHERE rejects = 0) || '/' || count(DISTINCT snapshot) FROM hub.imports")" == "98/49" ]] \
    || fail "98 imports without rejects on 49 dates expected"
[[ "$(q2 -c "SELECT count(*) FROM hub.model_history WHERE vanished")" -gt 0 ]] || fail "no model left the Hub"
q2 -c "SELECT 1 FROM hub.refresh(wait => true)" >/dev/null
q2 -c "CREATE TABLE truth (figure text, series text, period_start date, period_end date, value float8)" \
   -c "\\copy truth FROM '$s/truth.csv' WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (series))" >/dev/null
cmp="$(q2 -F ' ' -c "
  SELECT count(*), count(r.value),
         count(*) FILTER (WHERE t.figure LIKE 'downloads_share%' AND t.period_end - t.period_start > 31),
         count(*) FILTER (WHERE r.value IS NULL OR abs(r.value - t.value) > 1e-9 * greatest(abs(t.value), 1e-12)),
         coalesce(string_agg(DISTINCT t.figure || ' ' || t.series || ' ' || t.period_start || ': ' || t.value || ' <> ' || coalesce(r.value::text, 'none'), '; ')
                  FILTER (WHERE r.value IS NULL OR abs(r.value - t.value) > 1e-9 * greatest(abs(t.value), 1e-12)), '-')
  FROM truth t LEFT JOIN hub.report_series r
    ON r.figure = t.figure AND r.series = t.series AND r.period_start = t.period_start AND r.period_end = t.period_end")"
read -r n_truth n_found n_years n_bad bad <<<"$cmp"
(( n_truth > 1000 && n_years > 20 )) || fail "truth.csv has only $n_truth rows ($n_years yearly shares)"
[[ "$n_bad" == 0 ]] || fail "$n_bad of $n_truth figures differ from the generator's truth: ${bad:0:600}"
# the DB has no month or year the truth lacks (months after the first snapshot's)
extra="$(q2 -c "SELECT count(*) FROM hub.report_series r WHERE r.figure IN ('downloads_share_by_country', 'downloads_share_by_kind') AND r.value > 0
                 AND NOT EXISTS (SELECT 1 FROM truth t WHERE t.figure = r.figure AND t.series = r.series AND t.period_start = r.period_start AND t.period_end = r.period_end)")"
[[ "$extra" == 0 ]] || fail "$extra shares of downloads in hub.report_series have no counterpart in truth.csv"
years="$(q2 -c "SELECT string_agg(DISTINCT extract(year FROM period_start)::text, ',') FROM hub.report() WHERE metric LIKE '%last_year' OR metric LIKE '%first_year'")"
[[ "$years" == "2023,2025" ]] || fail "hub.report() reports the years $years, expected 2023 (first complete) and 2025 (last complete)"
echo "snapshots: 49 monthly dumps imported in order (98 imports, 0 rejects, models vanish); all $n_truth figures of truth.csv"
echo "  (shares by country and kind per month and year, sizes per year, stock, concentration) equal hub.report_series;"
echo "  hub.report() reports 2023 and 2025, not the partial 2026"

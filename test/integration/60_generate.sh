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
#   * the calibration holds within generous ranges, measured with plain SQL.
#     A sample of 20,000 models is small and heavy-tailed: a handful of models
#     moves a share by tens of points, so the ranges are wide (they hold for
#     seeds 1..26 and 42, 99, checked when they were set) and test the shape,
#     not the report's values; those are met at the default 200,000 models
#     (doc/hub.md).  The top 200 are 1% of the models here, 0.1% there.
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
check "40-55% of the models are derivatives" \
    "SELECT count(DISTINCT child)::float8 / (SELECT count(*) FROM hub.models) BETWEEN 0.40 AND 0.55 FROM hub.model_edges"
check "all four relations, finetune the most common" \
    "SELECT count(DISTINCT relation) = 4 AND mode() WITHIN GROUP (ORDER BY relation) = 'finetune' FROM hub.model_edges"
check "all three Hub shapes of lineage occur" \
    "SELECT count(DISTINCT source) = 3 FROM hub.model_edges"
check "lastModified >= createdAt, dates 2020..2025, downloadsAllTime >= downloads" \
    "SELECT bool_and(last_modified >= created_at AND created_at >= '2020-01-01' AND last_modified < '2026-01-01'
                     AND downloads_all_time >= downloads) FROM hub.models"
check "models grow every year" \
    "SELECT bool_and(n > prev) FROM (SELECT count(*) n, lag(count(*)) OVER (ORDER BY date_trunc('year', created_at)) prev
                                    FROM hub.models GROUP BY date_trunc('year', created_at)) s WHERE prev IS NOT NULL"
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
  WITH m AS (SELECT * FROM hub.models),
  own AS (SELECT sum(downloads) FILTER (WHERE hub.author_country(author) = 'CN')::float8 / sum(downloads) AS cn FROM m),
  der AS (SELECT sum(m.downloads * r.share) FILTER (WHERE hub.author_country(p.author) = 'CN') / sum(m.downloads * r.share) AS cn
          FROM root_credit r JOIN m ON m.id = r.id JOIN m p ON p.id = r.root),
  kind AS (SELECT sum(downloads) FILTER (WHERE hub.author_kind(author) = 'independent' AND created_at < '2023-01-01')::float8
                  / sum(downloads) FILTER (WHERE created_at < '2023-01-01') AS early,
                  sum(downloads) FILTER (WHERE hub.author_kind(author) = 'independent' AND created_at >= '2025-01-01')::float8
                  / sum(downloads) FILTER (WHERE created_at >= '2025-01-01') AS y2025 FROM m),
  par AS (SELECT sum(params::float8 * downloads) / sum(downloads) AS mean, weighted_median(params, downloads) AS median
          FROM m WHERE params IS NOT NULL),
  cat AS (SELECT extract(year FROM created_at)::int AS y, c, count(*) AS n FROM hub.datasets, unnest(task_categories) c GROUP BY 1, 2),
  rk AS (SELECT y, c, n, rank() OVER (PARTITION BY y ORDER BY n DESC) AS r FROM cat)
  SELECT round(top_k_share(downloads, 200)::numeric, 3), round(avg((downloads < 200)::int), 3),
         (SELECT round(cn::numeric, 3) FROM own), (SELECT round(cn::numeric, 3) FROM der),
         (SELECT round(early::numeric, 3) || ' ' || round(y2025::numeric, 3) FROM kind),
         (SELECT round(mean) || ' ' || round(median) FROM par),
         (SELECT n || ' ' || r FROM rk WHERE c = 'robotics' AND y = 2024),
         (SELECT n || ' ' || r FROM rk WHERE c = 'robotics' AND y = 2025),
         (SELECT count(DISTINCT c) FROM cat), (SELECT round(avg((task_categories IS NULL)::int), 3) FROM hub.datasets)
  FROM m")"
echo "figures: $figures"
read -r top200 lt200 cn_own cn_der ind_early ind_2025 pmean pmedian rob24 rank24 rob25 rank25 ncat nocat <<<"$figures"
in_range() { awk -v x="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(x >= lo && x <= hi) }' || fail "$1 = $2, expected $3..$4"; }
in_range "top-200 share (1% of the models here)" "$top200" 0.5 0.95
in_range "share of models with < 200 downloads" "$lt200" 0.3 0.7
in_range "CN share, developed in" "$cn_own" 0.05 0.7
in_range "CN share, developed in or derived from" "$cn_der" 0.05 0.85
awk -v a="$cn_der" -v b="$cn_own" 'BEGIN { exit !(a > b - 0.05) }' || fail "CN share: in-or-derived $cn_der well below developed-in $cn_own"
in_range "independent share, created 2022 or earlier" "$ind_early" 0.01 0.85
in_range "independent share, created 2025" "$ind_2025" 0.1 0.75
in_range "download-weighted mean params" "$pmean" 3e9 3e11
in_range "download-weighted median params" "$pmedian" 2e7 1.5e10
awk -v a="$pmean" -v b="$pmedian" 'BEGIN { exit !(a > 4 * b) }' || fail "mean params $pmean not far above the median $pmedian"
in_range "robotics datasets 2024" "${rob24:-0}" 0 30
in_range "robotics rank 2024" "${rank24:-99}" 35 99
in_range "robotics datasets 2025" "${rob25:-0}" 100 300
[[ "$rank25" == 1 ]] || fail "robotics rank 2025 is $rank25, expected 1"
in_range "task categories" "$ncat" 40 45
in_range "datasets without a category" "$nocat" 0.3 0.6
echo "calibration: top-200 $top200, <200 downloads $lt200, CN $cn_own developed in / $cn_der in or derived from,"
echo "  independent $ind_early (<=2022) -> $ind_2025 (2025), params mean $pmean / median $pmedian,"
echo "  robotics $rob24 (rank $rank24) in 2024 -> $rob25 (rank $rank25) in 2025"

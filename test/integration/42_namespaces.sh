#!/usr/bin/env bash
#
# test/integration/42_namespaces.sh — namespaces from files and real samples:
#   * hub.import_namespaces on a server file (a gzip-compressed JSON array of
#     organisation and user overviews) and ecostats-import --kind namespaces
#     on the same records as JSON Lines give the same rows, written down by
#     hand;
#   * the Hub's list of organisations (../shared/data/source/
#     hub-org-list-2024-02.csv.gz) loads with \copy into hub.org_types;
#   * on the real samples (the top-1000 models of 2025-12 and the Hub's
#     models of 2022-10-01) the classification of the 1,000 namespaces with
#     the most downloads, by rule (hub.report_classification), equals an
#     independent reading of the same tables, and is printed (doc/hub.md
#     quotes it). Without ../shared those checks are reported as skipped.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_ROOT, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
eco_skip() { echo "SKIP: $1: $2"; }
: "${ECO_TMP:?run this through test/run}"
ECO_SHARED_DATA="${ECO_SHARED_DATA:-$ECO_ROOT/../shared/data}"

db=eco_namespaces
files="$(mktemp -d "$ECO_TMP/namespaces.XXXXXX")"
chmod 755 "$files"
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
q() { psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
trap 'admin -c "DROP DATABASE IF EXISTS '"$db"'" || true' EXIT
admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
q -c "CREATE EXTENSION ecostats_hub CASCADE"

# --- a server file and the client ----------------------------------------------------
cat > "$files/ns.jsonl" <<'JSON'
{"_id": "1", "name": "acme", "fullname": "ACME", "type": "org", "isVerified": true, "plan": "team", "numUsers": 4, "numModels": 9, "numDatasets": 1, "numSpaces": 0, "numFollowers": 10, "numPapers": null}
{"_id": "2", "user": "solo", "fullname": "Solo", "type": "user", "isPro": true, "numModels": 2, "orgs": [{"id": "1", "name": "acme"}]}
{"user": "bob"}
JSON
{ echo '['; sed '$!s/$/,/' "$files/ns.jsonl"; echo ']'; } | gzip > "$files/ns.json.gz"
chmod 644 "$files/ns.jsonl" "$files/ns.json.gz"
[[ "$(q -c "SELECT hub.import_namespaces('$files/ns.json.gz', snapshot => '2025-01-01')")" == 3 ]] || fail "server file: 3 records expected"
want="acme|org|ACME|t||team|9|1|0||10|4|||2025-01-01
bob|user|||||||||||||2025-01-01
solo|user|Solo||t||2|||||||{acme}|2025-01-01"
rows="SELECT name, account, fullname, is_verified, is_pro, plan, num_models, num_datasets, num_spaces, num_papers,
             num_followers, num_users, details, orgs, last_snapshot FROM hub.namespaces ORDER BY name"
got="$(q -F '|' -c "$rows")"
[[ "$got" == "$want" ]] || fail "server file rows: got
$got"
q -c "TRUNCATE hub.namespaces" >/dev/null
out="$(ecostats-import -d "$db" --kind namespaces --snapshot 2025-01-01 "$files/ns.jsonl" 2>&1)" || fail "ecostats-import --kind namespaces: $out"
grep -q "imported 3 namespaces, 0 rejected" <<<"$out" || fail "client summary: $out"
got="$(q -F '|' -c "$rows")"
[[ "$got" == "$want" ]] || fail "client rows: got
$got"
echo "namespaces: a gzip JSON array on the server and JSON Lines through ecostats-import give the same 3 rows"

# --- the real samples -----------------------------------------------------------------
orgs="$ECO_SHARED_DATA/source/hub-org-list-2024-02.csv.gz"
top="$ECO_SHARED_DATA/api/models-top1000-2025-12.jsonl"
oct="$ECO_SHARED_DATA/snapshots/models-2022-10-01.jsonl.gz"
if [[ -r "$orgs" && -r "$top" && -r "$oct" ]]; then
    q -c "\\copy hub.org_types (display_name, url, org_type) FROM PROGRAM 'gzip -dc $orgs' WITH (FORMAT csv, HEADER)"
    n="$(q -c "SELECT count(*) FROM hub.org_types")"
    [[ "$n" == 101968 ]] || fail "the organisation list: $n rows, expected 101968"
    q -c "UPDATE hub.org_types SET source = 'Hub organisation list, 2024-02'" >/dev/null
    # the independent reading: each namespace's rule from the tables, in order
    independent="WITH ns AS (SELECT author, sum(coalesce(downloads, 0)) AS d FROM hub.models WHERE author IS NOT NULL GROUP BY 1),
        r AS (SELECT ns.*, row_number() OVER (ORDER BY d DESC, author) AS rank,
                     CASE WHEN EXISTS (SELECT FROM hub.authors a WHERE a.author = ns.author AND a.origin = 'seed') THEN 'seed_author'
                          WHEN EXISTS (SELECT FROM hub.organisation_namespaces m JOIN hub.organisations o USING (organisation)
                                       WHERE m.namespace = ns.author) THEN 'seed_organisation'
                          WHEN EXISTS (SELECT FROM hub.org_types t WHERE t.name = ns.author
                                       AND lower(t.org_type) IN ('company', 'university', 'classroom', 'non-profit', 'community')) THEN 'org_type'
                          ELSE 'unknown' END AS rule
              FROM ns)
        SELECT rule, count(*) FILTER (WHERE rank <= 1000),
               round(coalesce(sum(d) FILTER (WHERE rank <= 1000), 0) / (SELECT sum(d) FROM r WHERE rank <= 1000), 4)
        FROM r GROUP BY rule ORDER BY rule"
    view="SELECT rule, top1000_namespaces, round(top1000_download_share::numeric, 4) FROM hub.report_classification ORDER BY rule"
    for sample in "$top" "$oct"; do
        cp "$sample" "$files/sample"
        chmod 644 "$files/sample"
        q -c "TRUNCATE hub.models, hub.model_edges, hub.model_history, hub.imports CASCADE" >/dev/null
        q -c "SELECT hub.import_models('$files/sample', on_error => 'skip')" >/dev/null
        q -c "REFRESH MATERIALIZED VIEW hub.report_classification_mv" >/dev/null
        a="$(q -F '|' -c "$view")"
        b="$(q -F '|' -c "$independent")"
        [[ "$a" == "$b" ]] || fail "$(basename "$sample"): hub.report_classification
$a
differs from the independent reading
$b"
        [[ -n "$a" ]] || fail "$(basename "$sample"): no classification"
        echo "classification of the 1,000 namespaces with the most downloads of $(basename "$sample") (rule|namespaces|share of their downloads):"
        echo "$a"
    done
else
    eco_skip "classification of real samples" "the samples in $ECO_SHARED_DATA are not there (the project's test material, ../shared, is not beside the checkout)"
fi

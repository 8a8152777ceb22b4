#!/usr/bin/env bash
#
# test/integration/20_dump_restore.sh — stored states survive pg_dump and
# pg_restore (custom format, which moves them as text, and a plain SQL dump):
# every distribution, topk_state and lineage column reads back with the same
# text, a GIN index on lineage is rebuilt and used, a
# view over the aggregates restores and gives the same figures, and the
# extension's objects are recreated by CREATE EXTENSION, not dumped one by one.
#
# Run by test/run with PGHOST, PGPORT, PGUSER, ECO_TMP set.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
: "${ECO_TMP:?run this through test/run}"

src=eco_dump_src
work="$(mktemp -d "$ECO_TMP/dump.XXXXXX")"
admin() { psql -X -v ON_ERROR_STOP=1 -qAt -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null; }
q() { local db="$1"; shift; psql -X -v ON_ERROR_STOP=1 -qAt -d "$db" "$@"; }
cleanup() { admin -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS ${src}_c" -c "DROP DATABASE IF EXISTS ${src}_p" || true; }
trap cleanup EXIT
cleanup
admin -c "CREATE DATABASE $src"

q "$src" <<'SQL'
CREATE EXTENSION ecostats_hub CASCADE;
SET client_min_messages = warning;
SELECT setseed(0.61);
CREATE TABLE models AS
SELECT i AS id, i % 12 AS org, floor(exp(random() * 12))::bigint AS downloads, exp(random() * 25) AS params
FROM generate_series(1, 50000) i;
-- a two-step rollup: one distribution per organisation, weighted and not
CREATE TABLE org_rollup AS
SELECT org, distribution_agg(downloads) AS d, distribution_agg(params, downloads) AS dw
FROM models GROUP BY org;
-- a one-step state with a parameter, and a topk_state
CREATE TABLE odd_states (d distribution, t topk_state);
INSERT INTO odd_states VALUES ('count=3 params={0.1,NaN} {-1:0.5,2}', 'k=2 count=3 sum=6 sum_lo=1e-17 {3,2}');
-- lineage: a built column with its GIN index
CREATE TABLE edges (child text, parent text, relation text);
INSERT INTO edges SELECT 'm' || i, 'm' || (i / 4), (ARRAY['finetune', 'adapter', 'quantized', NULL])[1 + i % 4]
FROM generate_series(2, 3000) i;
INSERT INTO edges VALUES ('m77', 'm5', 'merge'), ('m77', 'odd "id"', 'merge');
CREATE TABLE lineages AS SELECT * FROM lineage_build('edges');
-- a user row of the hub.authors config table (the seed is not dumped)
INSERT INTO hub.authors (author, kind, country, source) VALUES ('my-lab', 'academic', 'SE', 'our notes'),
                                                               ('google', 'industry', 'IE', 'an override');
CREATE INDEX lineages_gin ON lineages USING gin (lineage);
CREATE VIEW concentration AS
SELECT gini(downloads), top_k_share(downloads, 100) AS top100, weighted_median(params, downloads) AS median_size
FROM models;
SQL
before="$(q "$src" -c "SELECT string_agg(org || ':' || d::text || '/' || dw::text, ';' ORDER BY org) FROM org_rollup")"
before_odd="$(q "$src" -c "SELECT d::text || t::text FROM odd_states")"
before_view="$(q "$src" -c "SELECT * FROM concentration")"
before_lin="$(q "$src" -c "SELECT md5(string_agg(node || lineage::text, ';' ORDER BY node)) FROM lineages")"

for fmt in c p; do
    db="${src}_$fmt"
    admin -c "CREATE DATABASE $db"
    if [[ $fmt == c ]]; then
        pg_dump -Fc -f "$work/dump.c" "$src"
        # the extension is one object in the dump, not its functions and types
        pg_restore -l "$work/dump.c" | grep -q "EXTENSION - ecostats" || fail "no CREATE EXTENSION in the dump"
        if pg_restore -l "$work/dump.c" | grep -qE "FUNCTION .* gini|TYPE .* distribution"; then
            fail "extension members were dumped individually"
        fi
        pg_restore --exit-on-error -d "$db" "$work/dump.c"
    else
        pg_dump -Fp -f "$work/dump.sql" "$src"
        psql -X -v ON_ERROR_STOP=1 -q -d "$db" -f "$work/dump.sql" >/dev/null
    fi
    after="$(q "$db" -c "SELECT string_agg(org || ':' || d::text || '/' || dw::text, ';' ORDER BY org) FROM org_rollup")"
    [[ "$after" == "$before" ]] || fail "format $fmt: rollup states differ after restore"
    [[ "$(q "$db" -c "SELECT d::text || t::text FROM odd_states")" == "$before_odd" ]] || fail "format $fmt: odd states differ"
    [[ "$(q "$db" -c "SELECT * FROM concentration")" == "$before_view" ]] || fail "format $fmt: view results differ"
    [[ "$(q "$db" -c "SELECT md5(string_agg(node || lineage::text, ';' ORDER BY node)) FROM lineages")" == "$before_lin" ]] \
        || fail "format $fmt: lineage values differ after restore"
    idx="$(q "$db" -c "SET enable_seqscan = off; EXPLAIN (COSTS OFF) SELECT count(*) FROM lineages WHERE lineage <@ 'm5'" | grep -c lineages_gin || true)"
    [[ "$idx" -ge 1 ]] || fail "format $fmt: the restored GIN index is not used"
    authors="$(q "$db" -c "SELECT count(*) FILTER (WHERE origin = 'seed') || '/' || string_agg(author || ':' || country, ',' ORDER BY author) FILTER (WHERE origin = 'user') || '/' || hub.author_country('google') FROM hub.authors")"
    [[ "$authors" == "259/google:IE,my-lab:SE/IE" ]] || fail "format $fmt: hub.authors after restore: $authors"
    [[ "$(q "$db" -c "SELECT count(*) FROM lineages WHERE lineage <@ 'm5'")" == "$(q "$src" -c "SET enable_indexscan = off; SET enable_bitmapscan = off; SELECT count(*) FROM lineages WHERE lineage <@ 'm5'")" ]] \
        || fail "format $fmt: the restored index gives other rows than a scan of the source"
    # and the restored states still merge into the one-step figures
    ok="$(q "$db" -c "SELECT gini(distribution_merge(d)) = (SELECT gini(downloads) FROM models)
                          AND weighted_median(distribution_merge(dw)) = (SELECT weighted_median(params, downloads) FROM models)
                      FROM org_rollup")"
    [[ "$ok" == t ]] || fail "format $fmt: merged restored states disagree with the one-step aggregates"
    echo "format $fmt: $(q "$db" -c "SELECT count(*) FROM org_rollup") rollup rows, states, view and merges identical"
done

--
-- Namespaces: importing the Hub's organisation and user overviews
-- (hub.import_namespaces and the client route), lists of organisations
-- (hub.org_types, loaded with COPY), the groupings of namespaces into
-- organisations, and the rule that classifies each namespace
-- (hub.author_kinds), with the figures that show how much rests on each
-- rule (hub.report_classification) and the releases per organisation
-- (hub.report_organisations). Handwritten records with the shapes the API
-- returns: missing fields, nulls, lists where a string is usual.
--
-- errors without their CONTEXT lines (they name the session's temporary schema)
\set SHOW_CONTEXT never
CREATE FUNCTION pg_temp.ns(records text, on_error text DEFAULT 'stop') RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE i bigint;
BEGIN
    i := hub.import_begin('namespaces', 'namespaces test', on_error, '2025-06-30');
    PERFORM hub.import_chunk(i, records);
    RETURN hub.import_end(i);
END $$;

-- an organisation overview, a user overview, and the odd shapes
SELECT pg_temp.ns($$
{"_id": "6a1", "name": "acme", "fullname": "ACME Corp", "avatarUrl": "/avatars/a.svg", "type": "org", "isVerified": true, "isFollowing": false, "plan": "enterprise", "numUsers": 12, "numModels": 5, "numDatasets": 2, "numSpaces": 1, "numFollowers": 300, "numPapers": 3, "details": "We build things"}
{"_id": "6a2", "user": "solo", "fullname": "Solo Dev", "type": "user", "isPro": false, "numModels": 7, "numLikes": 40, "orgs": [{"id": "6a1", "name": "acme", "fullname": "ACME Corp", "avatarUrl": "/avatars/a.svg"}, {"name": "uni-lab"}]}
{"user": "bob", "fullname": null}
{"name": "quiet-org"}
{"name": "nulls-org", "type": "org", "numModels": null, "isVerified": null, "plan": null, "details": null}
{"name": "listy", "type": "org", "details": ["line one", "line two"], "fullname": ["Listy", "Org"]}
{"user": "carol", "type": "user", "orgs": ["acme", "ngo-x"], "isPro": true}
{"user": "dave", "name": "Dave Display", "type": "user"}
$$) AS records;
SELECT name, account, fullname, is_verified, is_pro, plan, num_models, num_datasets, num_spaces, num_papers,
       num_followers, num_users, orgs, details, last_snapshot
FROM hub.namespaces ORDER BY name;
SELECT kind, records, rejects, duplicates FROM hub.imports WHERE kind = 'namespaces';
-- a namespace imported again is replaced
SELECT pg_temp.ns('{"name": "acme", "type": "org", "numModels": 6}') AS records;
SELECT name, fullname, num_models, is_verified FROM hub.namespaces WHERE name = 'acme';
SELECT pg_temp.ns('{"name": "acme", "type": "org", "fullname": "ACME Corp", "isVerified": true, "plan": "enterprise", "numModels": 5}') AS records;

-- bad records: an ERROR with the line and the reason, nothing lands
SELECT pg_temp.ns(E'{"name": "fine"}\n{"name": "a/b", "type": "org"}');
SELECT pg_temp.ns('{"type": "robot", "name": "r2"}');
SELECT pg_temp.ns('{"type": "user", "fullname": "nobody"}');
SELECT pg_temp.ns('{"name": "neg", "numModels": -1}');
SELECT pg_temp.ns('{"user": "u", "type": "user", "isPro": "yes"}');
SELECT pg_temp.ns('{"user": "u", "type": "user", "orgs": "acme"}');
SELECT pg_temp.ns('{"user": "u", "type": "user", "orgs": [{"id": "x"}]}');
SELECT pg_temp.ns('["not", "an", "object"]');
SELECT count(*) AS namespaces, count(*) FILTER (WHERE name = 'fine') AS fine FROM hub.namespaces;
-- with on_error => 'skip': the good ones land, the others are listed
SELECT pg_temp.ns(E'{"name": "fine"}\n{"name": "a b"}\n{"user": "eve", "type": "user"}', 'skip') AS records;
SELECT r.line, r.reason FROM hub.import_rejects r JOIN hub.imports i USING (import_id)
WHERE i.kind = 'namespaces' ORDER BY r.line;
DELETE FROM hub.namespaces WHERE name IN ('fine', 'eve');

-- a server file needs file privileges (the client route above does not)
CREATE ROLE ns_nobody;
SET ROLE ns_nobody;
SELECT hub.import_namespaces('/nonexistent.jsonl');
RESET ROLE;
DROP ROLE ns_nobody;

--------------------------------------------------------------------------
-- A list of organisations with their type (the Hub's list: name, URL, type)
--------------------------------------------------------------------------
COPY hub.org_types (display_name, url, org_type) FROM stdin WITH (FORMAT csv, HEADER);
Organization Name,URL,Type
"Uni Lab, Dept. of CS",/uni-lab,university
ACME Corp,/acme,university
NGO X,https://huggingface.co/ngo-x/,non-profit
Hackers,/hackers,community
Class 101,/class-101,classroom
Typeless,/typeless,No Type Found
Big Co,/bigco,company
\.
SELECT name, display_name, org_type, hub.org_type_kind(org_type) AS kind FROM hub.org_types ORDER BY name;
-- a bad address fails the whole COPY (nothing lands)
COPY hub.org_types (display_name, url, org_type) FROM stdin WITH (FORMAT csv);
Fine,/fine-org,company
Bad,/a/b,company
\.
SELECT count(*) AS org_types FROM hub.org_types;

--------------------------------------------------------------------------
-- The rule, every branch: namespaces of models with 30-day downloads
--------------------------------------------------------------------------
-- acme        your hub.authors row (industry, US) wins over its list type (university)  user_author
-- widgets-lab your grouping into your organisation Widgets (industry, KR)                 user_organisation
-- baidu       your grouping into Widgets beats the seed's own row of baidu               user_organisation
-- Qwen        the seed's own row (industry, CN), in the seed's Alibaba                   seed_author
-- FunAudioLLM no row of its own: the seed's grouping into Alibaba (industry, CN)         seed_organisation
-- uni-lab     the list's university: academic                                            org_type
-- hackers     the list's community: community                                            org_type
-- solo        a user account (hub.namespaces): independent                               user_account
-- quiet-org   an organisation of unknown type                                            unknown
-- typeless    No Type Found                                                              unknown
-- mystery     nowhere                                                                    unknown
INSERT INTO hub.authors (author, kind, country, source) VALUES ('acme', 'industry', 'US', 'test');
INSERT INTO hub.organisations (organisation, kind, country, source) VALUES ('Widgets', 'industry', 'KR', 'test');
INSERT INTO hub.organisation_namespaces (namespace, organisation, source) VALUES
    ('widgets-lab', 'Widgets', 'test'), ('baidu', 'Widgets', 'test');
INSERT INTO hub.models (id, author, created_at, downloads) VALUES
    ('acme/m1', 'acme', '2024-03-01Z', 1000), ('acme/m2', 'acme', '2025-03-01Z', 500),
    ('widgets-lab/w', 'widgets-lab', '2025-01-01Z', 400),
    ('baidu/ernie', 'baidu', '2024-05-01Z', 300),
    ('Qwen/q1', 'Qwen', '2024-01-01Z', 2000), ('Qwen/q2', 'Qwen', '2025-01-01Z', 1000),
    ('FunAudioLLM/cosy', 'FunAudioLLM', '2025-02-01Z', 200),
    ('uni-lab/u', 'uni-lab', '2025-01-01Z', 150),
    ('hackers/h', 'hackers', '2025-01-01Z', 100),
    ('solo/s1', 'solo', '2025-01-01Z', 50), ('solo/s2', 'solo', '2025-02-01Z', 25),
    ('quiet-org/q', 'quiet-org', '2025-01-01Z', 10),
    ('typeless/t', 'typeless', '2025-01-01Z', 5),
    ('mystery/x', 'mystery', '2025-01-01Z', 0);
SELECT a.author, hub.author_kind(a.author) AS kind, hub.author_country(a.author) AS country, k.rule, k.organisation, k.origin
FROM (VALUES ('acme'), ('widgets-lab'), ('baidu'), ('Qwen'), ('FunAudioLLM'), ('uni-lab'), ('hackers'), ('solo'),
             ('quiet-org'), ('typeless'), ('mystery'), ('class-101'), ('ngo-x'), ('bob')) a(author)
LEFT JOIN hub.author_kinds k USING (author) ORDER BY a.author;
-- the seed's rows and groupings stay as shipped
DELETE FROM hub.organisation_namespaces WHERE namespace = 'PaddlePaddle' AND origin = 'seed';
UPDATE hub.organisations SET country = 'US' WHERE organisation = 'Baidu';
INSERT INTO hub.organisations (organisation, kind, origin) VALUES ('Fake', 'industry', 'seed');
-- the seed's groupings: Baidu, ByteDance (4 namespaces), Tencent (6)
SELECT organisation, count(*) AS namespaces, string_agg(namespace, ', ' ORDER BY namespace) AS members
FROM hub.organisation_namespaces WHERE origin = 'seed' AND organisation IN ('Baidu', 'ByteDance', 'Tencent')
GROUP BY organisation ORDER BY organisation;
SELECT count(*) AS groupings_without_source FROM hub.organisation_namespaces WHERE source IS NULL OR source = '';
SELECT count(*) AS organisations_without_source FROM hub.organisations WHERE source IS NULL OR source = '';
-- every seed grouping names a seed organisation
SELECT m.namespace FROM hub.organisation_namespaces m
WHERE NOT EXISTS (SELECT FROM hub.organisations o WHERE o.organisation = m.organisation);

--------------------------------------------------------------------------
-- The figures
--------------------------------------------------------------------------
REFRESH MATERIALIZED VIEW hub.report_classification_mv;
REFRESH MATERIALIZED VIEW hub.report_organisations_mv;
REFRESH MATERIALIZED VIEW hub.report_segments_mv;
-- 30-day downloads 5740 of 11 namespaces:
--   user_author       acme 1500                                  26.13%
--   user_organisation widgets-lab 400 + baidu 300 = 700          12.20%
--   seed_author       Qwen 3000                                  52.26%
--   seed_organisation FunAudioLLM 200                             3.48%
--   org_type          uni-lab 150 + hackers 100 = 250             4.36%
--   user_account      solo 75                                     1.31%
--   unknown           quiet-org 10 + typeless 5 + mystery 0 = 15  0.26%
-- (all 11 are among the top 1,000, so the top-1000 shares are the same)
SELECT v.rule, v.namespaces, v.models, v.downloads, w.* FROM hub.report_classification v
FULL JOIN (VALUES ('user_author', 1, 1::bigint, 2::bigint, 1500::numeric), ('user_organisation', 2, 2, 2, 700),
                  ('seed_author', 3, 1, 2, 3000), ('seed_organisation', 4, 1, 1, 200), ('org_type', 5, 2, 2, 250),
                  ('user_account', 6, 1, 2, 75), ('unknown', 7, 3, 3, 15))
     w(rule, rule_order, namespaces, models, downloads) USING (rule)
WHERE (v.rule_order, v.namespaces, v.models, v.downloads, v.top1000_namespaces) IS DISTINCT FROM (w.rule_order, w.namespaces, w.models, w.downloads, w.namespaces)
   OR abs(v.download_share - w.downloads / 5740) > 1e-12 OR abs(v.top1000_download_share - w.downloads / 5740) > 1e-12;
SELECT rule, round(download_share::numeric, 4) AS share FROM hub.report_classification ORDER BY rule_order;
-- kinds: community is one of them now
SELECT kind, downloads FROM hub.report_segments_last_30_days ORDER BY kind;
-- releases per organisation: Widgets (widgets-lab, baidu) 2024: 1 (baidu), 2025: 1 (widgets-lab) -> x1;
-- Alibaba (Qwen, FunAudioLLM) 2024: 1, 2025: 2 -> x2; acme on its own 1, 1;
-- solo 0 -> 2 in 2025
SELECT organisation, grouped, kind, country, year, namespaces, models, previous_year_models, yoy_multiple, growth
FROM hub.report_organisations ORDER BY organisation, year;

-- a list of yours (what Hub metadata cannot say): 'big': acme (2 models, 1500)
-- and Qwen (2 models, 3000) and a namespace without models: 4 of 14 models,
-- 4500 of 5740 downloads
INSERT INTO hub.namespace_lists (list, namespace, source) VALUES ('big', 'acme', 'test'), ('big', 'Qwen', 'test'), ('big', 'gone', 'test');
REFRESH MATERIALIZED VIEW hub.report_lists_mv;
SELECT list, namespaces, namespaces_with_models, models, round(model_share::numeric, 4) AS model_share, downloads,
       round(download_share::numeric, 5) AS download_share, download_share_all_time
FROM hub.report_lists;
SELECT abs(download_share - 4500 / 5740.0) < 1e-12 AS share_ok, abs(model_share - 4 / 14.0) < 1e-12 AS model_share_ok FROM hub.report_lists;

-- clean up for the tests after this one
SET client_min_messages = warning;
DELETE FROM hub.models;
DELETE FROM hub.namespaces;
DELETE FROM hub.org_types;
DELETE FROM hub.namespace_lists;
DELETE FROM hub.organisation_namespaces WHERE origin = 'user';
DELETE FROM hub.organisations WHERE origin = 'user';
DELETE FROM hub.authors WHERE origin = 'user';
TRUNCATE hub.imports CASCADE;
REFRESH MATERIALIZED VIEW hub.report_classification_mv;
REFRESH MATERIALIZED VIEW hub.report_organisations_mv;
REFRESH MATERIALIZED VIEW hub.report_segments_mv;
REFRESH MATERIALIZED VIEW hub.report_lists_mv;
RESET client_min_messages;

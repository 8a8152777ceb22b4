--
-- Spaces and papers: hub.import_spaces and hub.import_papers (here through
-- the client route), their history by change, and the figures that read
-- them (hub.report_papers; Spaces in hub.report_organisations). Handwritten
-- records with the shapes the API returns: the daily papers item wraps the
-- paper, a flat /api/papers/{id} record does not; the submitter is under
-- "name" at the item's level and under "user" in the paper; gated is false
-- or a string; fields missing or null.
--
-- errors without their CONTEXT lines (they name the session's temporary schema)
\set SHOW_CONTEXT never
CREATE FUNCTION pg_temp.imp(kind text, day date, records text, on_error text DEFAULT 'stop') RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE i bigint;
BEGIN
    i := hub.import_begin(kind, 'spaces and papers test', on_error, day);
    PERFORM hub.import_chunk(i, records);
    RETURN hub.import_end(i);
END $$;

--------------------------------------------------------------------------
-- Spaces, two snapshots
--------------------------------------------------------------------------
SELECT pg_temp.imp('spaces', '2025-01-31', $$
{"id": "acme/demo", "author": "acme", "createdAt": "2024-05-01T00:00:00.000Z", "lastModified": "2025-01-02T00:00:00.000Z", "likes": 10, "trendingScore": 3, "sdk": "gradio", "models": ["acme/m1"], "datasets": ["acme/d1"], "tags": ["gradio"], "gated": false, "runtime": {"stage": "RUNNING", "hardware": {"current": null, "requested": null}}}
{"id": "solo/app", "createdAt": "2025-01-10T00:00:00.000Z", "likes": 1, "sdk": "docker", "gated": "auto", "private": false}
{"id": "solo/gone", "createdAt": "2025-01-11T00:00:00.000Z", "likes": 0, "sdk": null}
$$) AS records;
-- a month later: demo gains likes, app is the same, gone is gone, new appears
SELECT pg_temp.imp('spaces', '2025-02-28', $$
{"id": "acme/demo", "author": "acme", "createdAt": "2024-05-01T00:00:00.000Z", "likes": 15, "trendingScore": 1.5, "sdk": "gradio"}
{"id": "solo/app", "createdAt": "2025-01-10T00:00:00.000Z", "likes": 1, "sdk": "docker"}
{"id": "Qwen/chat", "createdAt": "2025-02-01T00:00:00.000Z", "likes": 100, "sdk": "gradio", "models": "Qwen/q1"}
$$) AS records;
SELECT id, author, created_at AT TIME ZONE 'UTC' AS created, likes, trending_score, sdk, models, datasets, tags, first_snapshot, last_snapshot
FROM hub.spaces ORDER BY id;
SELECT id, snapshot, likes, trending_score, vanished FROM hub.space_history ORDER BY id, snapshot;
-- bad records
SELECT pg_temp.imp('spaces', '2025-02-28', '{"id": "x/y", "sdk": 5}');
SELECT pg_temp.imp('spaces', '2025-02-28', '{"id": "x/y", "likes": -1}');
SELECT pg_temp.imp('spaces', '2025-02-28', '{"sdk": "gradio"}');

--------------------------------------------------------------------------
-- Papers
--------------------------------------------------------------------------
SELECT pg_temp.imp('papers', '2025-03-01', $$
{"paper": {"id": "2501.00001", "title": "Seed paper", "upvotes": 120, "publishedAt": "2025-01-02T17:08:18.000Z", "submittedOnDailyAt": "2025-01-03T00:00:00.000Z", "authors": [{"_id": "a1", "name": "Ann", "hidden": false}, {"_id": "a2", "name": "Ben", "hidden": true, "user": {"user": "ben"}}], "organization": {"_id": "o1", "name": "ByteDance-Seed", "fullname": "ByteDance Seed", "avatar": "/a.png"}, "submittedOnDailyBy": {"user": "ann-hf", "fullname": "Ann"}}, "title": "Seed paper", "publishedAt": "2025-01-02T12:08:18.000Z", "numComments": 3, "submittedBy": {"name": "ann-hf", "fullname": "Ann"}, "organization": {"name": "ByteDance-Seed"}}
{"paper": {"id": "2501.00002", "upvotes": 80, "authors": ["Cy"], "submittedOnDailyBy": {"user": "cy"}}, "title": "Only the item has a title", "organization": "bytedance-research"}
{"paper": {"id": "2501.00003", "title": "Qwen paper", "upvotes": 60, "organization": {"name": "Qwen"}}, "submittedBy": {"user": "q"}}
{"id": "2501.00004", "title": "A flat paper", "upvotes": 5, "publishedAt": "2025-02-01T00:00:00Z", "organization": {"name": "uni-lab"}}
{"paper": {"id": "2501.00005", "title": "Nobody's", "upvotes": null, "authors": null}}
$$) AS records;
SELECT id, title, upvotes, authors, organisation, submitted_by, published_at AT TIME ZONE 'UTC' AS published, submitted_at AT TIME ZONE 'UTC' AS submitted
FROM hub.papers ORDER BY id;
-- a later listing: upvotes grow for one, the others are not in it (no vanished marks)
SELECT pg_temp.imp('papers', '2025-03-02', '{"paper": {"id": "2501.00001", "title": "Seed paper", "upvotes": 150, "organization": {"name": "ByteDance-Seed"}}}') AS records;
SELECT id, snapshot, upvotes FROM hub.paper_history ORDER BY id, snapshot;
-- bad records
SELECT pg_temp.imp('papers', '2025-03-02', '{"paper": "2501.1"}');
SELECT pg_temp.imp('papers', '2025-03-02', '{"paper": {"title": "no id"}}');
SELECT pg_temp.imp('papers', '2025-03-02', '{"paper": {"id": "p", "publishedAt": "yesterday"}}');
SELECT pg_temp.imp('papers', '2025-03-02', '{"paper": {"id": "p", "authors": "Ann"}}');

--------------------------------------------------------------------------
-- The figures
--------------------------------------------------------------------------
-- papers by organisation: ByteDance (the seed's grouping of ByteDance-Seed
-- and bytedance-research) 150 + 80 = 230, rank 1; Qwen's grouping Alibaba 60;
-- uni-lab (a namespace of its own, unknown here) 5; the unclaimed paper is
-- left out
REFRESH MATERIALIZED VIEW hub.report_papers_mv;
SELECT * FROM hub.report_papers ORDER BY rank_by_upvotes, organisation;
-- Spaces count as repositories: Alibaba 2025 (Qwen/chat), acme 2024
-- (acme/demo), solo 2025 (app, gone)
REFRESH MATERIALIZED VIEW hub.report_organisations_mv;
SELECT organisation, grouped, year, models, datasets, spaces, repositories, rank_by_repositories
FROM hub.report_organisations ORDER BY year, organisation;

SET client_min_messages = warning;
TRUNCATE hub.spaces, hub.space_history, hub.papers, hub.paper_history, hub.imports CASCADE;
REFRESH MATERIALIZED VIEW hub.report_papers_mv;
REFRESH MATERIALIZED VIEW hub.report_organisations_mv;
RESET client_min_messages;

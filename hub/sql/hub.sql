--
-- hub.authors: the shipped seed, the unknown rule, your own rows override,
-- the seed stays as shipped.
--
SELECT count(*) AS seed_rows, count(DISTINCT author) AS namespaces,
       count(*) FILTER (WHERE source IS NULL OR source = '') AS without_source
FROM hub.authors WHERE origin = 'seed';
SELECT kind, count(*) FROM hub.authors WHERE origin = 'seed' GROUP BY kind ORDER BY kind;
SELECT hub.author_kind('google') AS google, hub.author_country('google') AS google_country,
       hub.author_kind('deepseek-ai') AS deepseek, hub.author_country('deepseek-ai') AS deepseek_country,
       hub.author_kind('no-such-namespace-xyz') AS unlisted, hub.author_country('no-such-namespace-xyz') AS unlisted_country;
-- your own row takes precedence over the seed, and removing it restores the seed
INSERT INTO hub.authors (author, kind, country, source) VALUES ('google', 'academic', 'FR', 'a test');
SELECT author, kind, country, origin FROM hub.author_kinds WHERE author = 'google';
DELETE FROM hub.authors WHERE author = 'google' AND origin = 'user';
SELECT author, kind, country, origin FROM hub.author_kinds WHERE author = 'google';
INSERT INTO hub.authors (author, kind) VALUES ('my-lab', 'academic');
SELECT hub.author_kind('my-lab'), hub.author_country('my-lab');
-- the seed cannot be changed, and bad rows are refused
\set VERBOSITY sqlstate
UPDATE hub.authors SET kind = 'independent' WHERE author = 'google' AND origin = 'seed';
DELETE FROM hub.authors WHERE author = 'google';
INSERT INTO hub.authors (author, kind, origin) VALUES ('x', 'industry', 'seed');
INSERT INTO hub.authors (author, kind) VALUES ('y', 'company');
INSERT INTO hub.authors (author, kind, country) VALUES ('z', 'industry', 'usa');
\set VERBOSITY default
DELETE FROM hub.authors WHERE origin = 'user';

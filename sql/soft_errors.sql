--
-- Soft input errors (PostgreSQL 16 and later): the input functions of
-- distribution, topk_state and lineage report bad input to a soft error
-- context instead of raising, so pg_input_is_valid() says false and
-- pg_input_error_info() gives the message, detail and SQLSTATE that the
-- hard error (a plain cast, shown in types.sql and lineage.sql) would have.
-- Every kind of error the parsers know is here at least once.
--
-- PostgreSQL 15 has neither function: there the test only says so, and
-- expected/soft_errors_1.out is its output (the one alternative file of the
-- suite, as the outputs genuinely differ).
--
SELECT current_setting('server_version_num')::int >= 160000 AS soft \gset
\if :soft
SET extra_float_digits = 0;
CREATE TEMP TABLE inputs (typ text, input text, valid bool);
INSERT INTO inputs VALUES
    -- distribution
    ('distribution', 'count=0 {}', true),
    ('distribution', 'count=3 {1,2:2}', true),
    ('distribution', 'count=2 params={0.5,NaN} {-1.5,1e300:1}', true),
    ('distribution', '', false),
    ('distribution', 'count=', false),
    ('distribution', 'count=x {}', false),
    ('distribution', 'count=99999999999999999999 {}', false),
    ('distribution', 'count=1', false),
    ('distribution', 'count=1 params={0.5 {1}', false),
    ('distribution', 'count=1 params={inf} {1}', false),
    ('distribution', 'count=2 {2,1}', false),
    ('distribution', 'count=1 {1:0}', false),
    ('distribution', 'count=1 {NaN}', false),
    ('distribution', 'count=1 {1e999}', false),
    ('distribution', 'count=1 {1:', false),
    ('distribution', 'count=1 {1:1+0.5}', false),
    ('distribution', 'count=1 {1} trailing', false),
    ('distribution', 'count=1 {1,2}', false),
    -- topk_state
    ('topk_state', 'k=3 count=10 sum=55 sum_lo=1e-30 {10,9,8}', true),
    ('topk_state', 'k=5 count=2 sum=3 sum_lo=0 {2,1}', true),
    ('topk_state', '', false),
    ('topk_state', 'k=0 count=0 sum=0 sum_lo=0 {}', false),
    ('topk_state', 'k=3 count= sum=0 sum_lo=0 {}', false),
    ('topk_state', 'k=3 count=1 sum=x sum_lo=0 {}', false),
    ('topk_state', 'k=3 count=1 sum=1 sum_lo=NaN {1}', false),
    ('topk_state', 'k=3 count=2 sum=3 sum_lo=0 {2,1,0}', false),
    ('topk_state', 'k=3 count=10 sum=55 sum_lo=0 {8,9}', false),
    ('topk_state', 'k=3 count=10 sum=55 sum_lo=0 {10,-9}', false),
    ('topk_state', 'k=3 count=2 sum=5 sum_lo=0 {10,9}', false),
    ('topk_state', 'k=3 count=1 sum=1 sum_lo=0 {1', false),
    ('topk_state', 'k=3 count=1 sum=1 sum_lo=0 {1} x', false),
    -- lineage
    ('lineage', 'meta/llama', true),
    ('lineage', 'acme/m-q4 => quantized:acme/m; acme/m => finetune:meta/llama', true),
    ('lineage', 'm5 => merge:p1, merge:"p 2 \\ \""', true),
    ('lineage', '', false),
    ('lineage', 'a =>', false),
    ('lineage', 'a => finetune:', false),
    ('lineage', 'a => cousin:b', false),
    ('lineage', '"unterminated', false),
    ('lineage', '"ends in a backslash\', false),
    ('lineage', '""', false),
    ('lineage', repeat('x', 1025), false),
    ('lineage', '"' || repeat('y', 1100) || '"', false),
    ('lineage', 'a => finetune:b; a => merge:c', false),
    ('lineage', 'a => finetune:a', false),
    ('lineage', 'a => finetune:b, merge:b', false),
    ('lineage', 'a => finetune:b; b => finetune:a', false),
    ('lineage', 'a => finetune:b; c => finetune:d', false),
    ('lineage', 'a; b', false),
    ('lineage', 'a b', false);
-- expected: no row (each input is valid or not as listed)
SELECT typ, left(input, 40) AS input, valid AS expected
FROM inputs WHERE pg_input_is_valid(input, typ) IS DISTINCT FROM valid;
-- how many of each were checked
SELECT typ, count(*) FILTER (WHERE valid) AS valid, count(*) FILTER (WHERE NOT valid) AS invalid
FROM inputs GROUP BY typ ORDER BY typ;
-- what pg_input_error_info says: the hard error's message, detail and SQLSTATE
SELECT typ, left(input, 40) AS input, e.message, e.detail, e.sql_error_code
FROM inputs, pg_input_error_info(input, typ) e
WHERE NOT valid
ORDER BY typ, input COLLATE "C";
-- a valid input has no error
SELECT * FROM pg_input_error_info('count=1 {1}', 'distribution');
-- the same input still raises when cast (hard context)
SELECT 'a => cousin:b'::lineage;
SELECT 'count=1 {1,2}'::distribution;
\else
\echo soft input errors need PostgreSQL 16 or later (this is 15): nothing to test
\endif

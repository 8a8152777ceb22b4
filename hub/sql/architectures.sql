--
-- Architectures: config.architectures, config.model_type, gguf.architecture
-- and gguf.context_length of model records, hub.is_moe, and
-- hub.report_architectures (mixture-of-experts share and context length by
-- creation year). Handwritten records with the shapes the API returns:
-- config is free-form (a value of another shape is left out).
--
CREATE FUNCTION pg_temp.models(records text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE i bigint;
BEGIN
    i := hub.import_begin('models', 'architectures test', 'stop', '2025-12-31');
    PERFORM hub.import_chunk(i, records);
    RETURN hub.import_end(i);
END $$;
SELECT pg_temp.models($$
{"id": "a/mixtral", "createdAt": "2024-01-10T00:00:00.000Z", "config": {"architectures": ["MixtralForCausalLM"], "model_type": "mixtral"}}
{"id": "a/llama", "createdAt": "2024-02-10T00:00:00.000Z", "config": {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "tokenizer_config": {"bos_token": {"content": "<s>"}}}}
{"id": "b/qwen3-moe", "createdAt": "2025-01-10T00:00:00.000Z", "config": {"architectures": ["Qwen3MoeForCausalLM"], "model_type": "qwen3_moe"}}
{"id": "b/dsv3", "createdAt": "2025-02-10T00:00:00.000Z", "config": {"architectures": ["DeepseekV3ForCausalLM"], "model_type": "deepseek_v3"}}
{"id": "b/gguf", "createdAt": "2025-03-10T00:00:00.000Z", "gguf": {"total": 8000000000, "architecture": "llama", "context_length": 131072}}
{"id": "b/gguf-moe", "createdAt": "2025-04-10T00:00:00.000Z", "gguf": {"architecture": "qwen3moe", "context_length": 32768, "chat_template": "..."}}
{"id": "b/odd", "createdAt": "2025-05-10T00:00:00.000Z", "config": {"architectures": "BertModel", "model_type": 7}, "gguf": {"architecture": null, "context_length": "long"}}
{"id": "b/mixed", "createdAt": "2025-06-10T00:00:00.000Z", "config": {"architectures": ["T5ForConditionalGeneration", null, 3]}}
{"id": "b/none", "createdAt": "2025-07-10T00:00:00.000Z", "config": null}
{"id": "b/bad-gguf", "createdAt": "2025-08-10T00:00:00.000Z", "gguf": {"context_length": -5}}
$$) AS records;
SELECT id, architectures, model_type, gguf_architecture, context_length, params,
       hub.is_moe(architectures, model_type, gguf_architecture) AS moe
FROM hub.models ORDER BY id;
-- the rule on its own
SELECT hub.is_moe(NULL, NULL, NULL) AS nothing_known, hub.is_moe('{GptOssForCausalLM}', NULL, NULL) AS gpt_oss,
       hub.is_moe(NULL, 'llama4', NULL) AS llama4, hub.is_moe('{Gemma3ForCausalLM}', 'gemma3', 'gemma3') AS gemma;
-- by creation year: 2024: 2 models, both with an architecture, 1 MoE (1/2);
-- 2025: 8 models, 6 with an architecture (qwen3-moe, dsv3, gguf, gguf-moe,
-- odd, mixed; none and bad-gguf have none), 3 MoE (1/2); context lengths
-- 131072 and 32768: median (percentile_disc) 32768, max 131072
REFRESH MATERIALIZED VIEW hub.report_architectures_mv;
SELECT * FROM hub.report_architectures ORDER BY year;

-- Edges across imports: the same edges again are kept as they are (the
-- rows are not rewritten: same ctid); a changed relation, a parent more or
-- less, replaces them
SELECT pg_temp.models('{"id": "c/kid", "tags": ["base_model:finetune:a/llama"]}') AS records;
CREATE TEMP TABLE e1 AS SELECT ctid::text AS c, * FROM hub.model_edges WHERE child = 'c/kid';
SELECT pg_temp.models('{"id": "c/kid", "tags": ["base_model:finetune:a/llama"]}') AS records;
SELECT (SELECT array_agg(c) FROM e1) = (SELECT array_agg(ctid::text) FROM hub.model_edges WHERE child = 'c/kid') AS same_rows_kept;
SELECT pg_temp.models('{"id": "c/kid", "tags": ["base_model:adapter:a/llama", "base_model:adapter:a/mixtral"]}') AS records;
SELECT child, parent, relation, source FROM hub.model_edges WHERE child = 'c/kid' ORDER BY parent;
SELECT pg_temp.models('{"id": "c/kid", "cardData": {"base_model": "a/mixtral"}}') AS records;
SELECT child, parent, relation, source FROM hub.model_edges WHERE child = 'c/kid' ORDER BY parent;
SELECT pg_temp.models('{"id": "c/kid"}') AS records;
SELECT count(*) AS edges_left FROM hub.model_edges WHERE child = 'c/kid';

SET client_min_messages = warning;
TRUNCATE hub.model_history, hub.models, hub.model_edges, hub.imports CASCADE;
REFRESH MATERIALIZED VIEW hub.report_architectures_mv;
RESET client_min_messages;

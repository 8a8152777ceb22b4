-- ecostats_hub: comments on the tables whose meaning a release changed
-- (a code part: the install script and every update script run it, so a
-- fresh install and an updated one say the same)

COMMENT ON TABLE hub.model_history IS
    'The counts of each model over the imported snapshots, kept by change: a row for (id, snapshot) when the counts differ from the id''s previous row, or when the model left the Hub (vanished); the counts at a snapshot are those of the latest row on or before it (hub.counts_at)';
COMMENT ON COLUMN hub.model_history.id IS 'The model''s Hub id (owner/name)';
COMMENT ON COLUMN hub.model_history.snapshot IS 'The snapshot (dump date) from which these counts hold';
COMMENT ON COLUMN hub.model_history.downloads IS 'Downloads in the 30 days before the snapshot (the API''s downloads)';
COMMENT ON COLUMN hub.model_history.downloads_all_time IS 'Downloads since the model was created, up to the snapshot (the API''s downloadsAllTime; NULL when the dump lacks it)';
COMMENT ON COLUMN hub.model_history.likes IS 'Likes at the snapshot';
COMMENT ON COLUMN hub.model_history.trending_score IS 'The Hub''s trending score at the snapshot';
COMMENT ON COLUMN hub.model_history.vanished IS 'true: the model is not in this snapshot''s dump (the counts are NULL) and stays away until its next row';
COMMENT ON TABLE hub.dataset_history IS
    'The counts of each dataset over the imported snapshots, kept by change: a row for (id, snapshot) when the counts differ from the id''s previous row, or when the dataset left the Hub (vanished); the counts at a snapshot are those of the latest row on or before it (hub.counts_at)';
COMMENT ON COLUMN hub.dataset_history.id IS 'The dataset''s Hub id (owner/name)';
COMMENT ON COLUMN hub.dataset_history.snapshot IS 'The snapshot (dump date) from which these counts hold';
COMMENT ON COLUMN hub.dataset_history.downloads IS 'Downloads in the 30 days before the snapshot (the API''s downloads)';
COMMENT ON COLUMN hub.dataset_history.downloads_all_time IS 'Downloads since the dataset was created, up to the snapshot (the API''s downloadsAllTime; NULL when the dump lacks it)';
COMMENT ON COLUMN hub.dataset_history.likes IS 'Likes at the snapshot';
COMMENT ON COLUMN hub.dataset_history.trending_score IS 'The Hub''s trending score at the snapshot';
COMMENT ON COLUMN hub.dataset_history.vanished IS 'true: the dataset is not in this snapshot''s dump (the counts are NULL) and stays away until its next row';

COMMENT ON TABLE hub.refreshes IS
    'One row per call of hub.refresh(): start, end, duration, status (succeeded; skipped because another refresh held the lock; unchanged: nothing was written to the hub tables since the last refresh, so nothing was done), hub.models rows whose lineage changed, views refreshed, and the milliseconds of each step (steps: {"lineage": ms, "series": ms, "hub.<view>": ms, ...})';

COMMENT ON COLUMN hub.models.architectures IS 'The model''s architectures as its config names them (config.architectures: MixtralForCausalLM, ...)';
COMMENT ON COLUMN hub.models.model_type IS 'The model type of its config (config.model_type: llama, qwen3_moe, ...)';
COMMENT ON COLUMN hub.models.gguf_architecture IS 'The architecture of its GGUF file (gguf.architecture)';
COMMENT ON COLUMN hub.models.context_length IS 'The context length of its GGUF file (gguf.context_length), in tokens';

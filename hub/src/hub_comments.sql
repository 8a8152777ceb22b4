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

-- every other column of the tables and plain views users read (tools show
-- them as field descriptions; catalog_hub checks that none is missing)
COMMENT ON COLUMN hub.imports.import_id IS 'The import''s number (hub.models.last_import and hub.import_rejects refer to it)';
COMMENT ON COLUMN hub.imports.kind IS 'What was imported: models, datasets, namespaces, spaces or papers';
COMMENT ON COLUMN hub.imports.file IS 'The file read (server-side route), or the source the client named (client route)';
COMMENT ON COLUMN hub.imports.snapshot IS 'The date of the dump (the snapshot its counts belong to)';
COMMENT ON COLUMN hub.imports.on_error IS 'stop: a bad record aborts the import; skip: bad records go to hub.import_rejects';
COMMENT ON COLUMN hub.imports.started_at IS 'When the import began';
COMMENT ON COLUMN hub.imports.finished_at IS 'When the import finished; NULL while it runs (or if it failed, then the row is rolled back with it)';
COMMENT ON COLUMN hub.imports.records IS 'Records that landed (distinct ids)';
COMMENT ON COLUMN hub.imports.rejects IS 'Records left out (on_error => skip), each a row of hub.import_rejects';
COMMENT ON COLUMN hub.imports.duplicates IS 'Records that replaced an earlier record of the same id in this import (the last one wins)';
COMMENT ON COLUMN hub.imports.pruned IS 'Rows deleted because the dump lacked them (prune => true)';

COMMENT ON COLUMN hub.import_rejects.import_id IS 'The import that left the record out';
COMMENT ON COLUMN hub.import_rejects.line IS 'Line number of the record in the file (1 = first line)';
COMMENT ON COLUMN hub.import_rejects.reason IS 'Why the record was left out (the error message the import would have raised)';
COMMENT ON COLUMN hub.import_rejects.raw IS 'The record''s text as read';

COMMENT ON COLUMN hub.models.id IS 'The model''s Hub id (owner/name)';
COMMENT ON COLUMN hub.models.author IS 'The namespace (user or organisation) that owns the model: the API''s author, else the part of the id before /';
COMMENT ON COLUMN hub.models.created_at IS 'When the model was created on the Hub (createdAt; the Hub''s records start on 2022-03-02)';
COMMENT ON COLUMN hub.models.last_modified IS 'When the model''s repository last changed (lastModified)';
COMMENT ON COLUMN hub.models.downloads IS 'Downloads in the 30 days before the latest snapshot that had the model (the API''s downloads)';
COMMENT ON COLUMN hub.models.downloads_all_time IS 'Downloads since creation, at the latest snapshot that had the model (downloadsAllTime; NULL when the dump lacks it)';
COMMENT ON COLUMN hub.models.likes IS 'Likes at the latest snapshot that had the model';
COMMENT ON COLUMN hub.models.trending_score IS 'The Hub''s trending score at the latest snapshot that had the model';
COMMENT ON COLUMN hub.models.pipeline_tag IS 'The model''s task (pipeline_tag: text-generation, ...)';
COMMENT ON COLUMN hub.models.library_name IS 'The library the model is for (library_name: transformers, gguf, ...)';
COMMENT ON COLUMN hub.models.license IS 'License from cardData.license (a list joined by ,), else from a license:<x> tag';
COMMENT ON COLUMN hub.models.tags IS 'The model''s Hub tags';
COMMENT ON COLUMN hub.models.languages IS 'Languages from cardData.language';
COMMENT ON COLUMN hub.models.params IS 'Parameter count (safetensors.total, else gguf.total); NULL when the dump does not say';
COMMENT ON COLUMN hub.models.gated IS 'Access gating: false, true, auto or manual (the API''s gated)';
COMMENT ON COLUMN hub.models.base_models IS 'The parents the record names (baseModels, cardData.base_model, base_model: tags), each once; the edges are in hub.model_edges';
COMMENT ON COLUMN hub.models.lineage IS 'The model''s ancestry as a lineage DAG, written by hub.refresh() from hub.model_edges; NULL for a model without edges (GIN-indexed for <@)';
COMMENT ON COLUMN hub.models.first_snapshot IS 'The earliest snapshot imported that had the model';
COMMENT ON COLUMN hub.models.last_snapshot IS 'The latest snapshot imported that had the model';
COMMENT ON COLUMN hub.models.last_import IS 'The import that last wrote the row (hub.imports.import_id)';

COMMENT ON COLUMN hub.model_edges.child IS 'The derived model''s id';
COMMENT ON COLUMN hub.model_edges.parent IS 'The id of the model it derives from';
COMMENT ON COLUMN hub.model_edges.relation IS 'finetune, adapter, quantized or merge; NULL when no source says';
COMMENT ON COLUMN hub.model_edges.source IS 'Where the kept edge came from: baseModels, cardData (base_model) or tags (base_model:...)';

COMMENT ON COLUMN hub.datasets.id IS 'The dataset''s Hub id (owner/name)';
COMMENT ON COLUMN hub.datasets.author IS 'The namespace that owns the dataset: the API''s author, else the part of the id before /';
COMMENT ON COLUMN hub.datasets.created_at IS 'When the dataset was created on the Hub (createdAt)';
COMMENT ON COLUMN hub.datasets.last_modified IS 'When the dataset''s repository last changed (lastModified)';
COMMENT ON COLUMN hub.datasets.downloads IS 'Downloads in the 30 days before the latest snapshot that had the dataset';
COMMENT ON COLUMN hub.datasets.downloads_all_time IS 'Downloads since creation, at the latest snapshot that had the dataset (NULL when the dump lacks it)';
COMMENT ON COLUMN hub.datasets.likes IS 'Likes at the latest snapshot that had the dataset';
COMMENT ON COLUMN hub.datasets.trending_score IS 'The Hub''s trending score at the latest snapshot that had the dataset';
COMMENT ON COLUMN hub.datasets.tags IS 'The dataset''s Hub tags';
COMMENT ON COLUMN hub.datasets.task_categories IS 'Task categories from cardData.task_categories and task_categories: tags, each once (robotics, ...)';
COMMENT ON COLUMN hub.datasets.license IS 'License from cardData.license (a list joined by ,), else from a license:<x> tag';
COMMENT ON COLUMN hub.datasets.gated IS 'Access gating: false, true, auto or manual';
COMMENT ON COLUMN hub.datasets.first_snapshot IS 'The earliest snapshot imported that had the dataset';
COMMENT ON COLUMN hub.datasets.last_snapshot IS 'The latest snapshot imported that had the dataset';
COMMENT ON COLUMN hub.datasets.last_import IS 'The import that last wrote the row (hub.imports.import_id)';

COMMENT ON COLUMN hub.authors.author IS 'The Hub namespace (user or organisation name)';
COMMENT ON COLUMN hub.authors.kind IS 'industry, academic, independent, nonprofit, government, community or unknown';
COMMENT ON COLUMN hub.authors.country IS 'Country where the namespace''s developer is based (ISO 3166-1 alpha-2); NULL if unknown';
COMMENT ON COLUMN hub.authors.source IS 'Where the classification comes from (a URL or a note)';
COMMENT ON COLUMN hub.authors.origin IS 'seed: shipped with the extension; user: your own row, which takes precedence over the seed''s';

COMMENT ON COLUMN hub.refreshes.refresh_id IS 'The refresh''s number';
COMMENT ON COLUMN hub.refreshes.started_at IS 'When the refresh began';
COMMENT ON COLUMN hub.refreshes.finished_at IS 'When the refresh ended';
COMMENT ON COLUMN hub.refreshes.duration IS 'finished_at - started_at';
COMMENT ON COLUMN hub.refreshes.status IS 'succeeded; skipped (another refresh held the lock); unchanged (nothing written to the hub tables since the last refresh)';
COMMENT ON COLUMN hub.refreshes.lineage_changed IS 'hub.models rows whose lineage the refresh rewrote';
COMMENT ON COLUMN hub.refreshes.views_refreshed IS 'Report views refreshed';
COMMENT ON COLUMN hub.refreshes.steps IS 'Milliseconds of each step: {"lineage": ms, "series": ms, "hub.<view>": ms, ...}';
COMMENT ON COLUMN hub.refreshes.run_by IS 'The role that called hub.refresh()';
COMMENT ON COLUMN hub.refreshes.application_name IS 'The caller''s application_name (pg_cron for a scheduled refresh)';
COMMENT ON COLUMN hub.refreshes.backend_pid IS 'The process id of the backend that ran the refresh';

-- ecostats_hub: a comment on every column of the report views (a code part:
-- the install script and every update script run it, so tools show field
-- descriptions; the catalog test checks that none is missing)

COMMENT ON COLUMN hub.report_topline_mv.kind IS 'models, datasets or authors (authors: distinct non-NULL namespaces of models and datasets)';
COMMENT ON COLUMN hub.report_topline_mv.period IS 'The creation year (UTC) as text; ''unknown'' for those without created_at, ''all'' for the total';
COMMENT ON COLUMN hub.report_topline_mv.year IS 'The creation year (UTC); NULL on the ''unknown'' and ''all'' rows';
COMMENT ON COLUMN hub.report_topline_mv.created IS 'How many were created that year (an author in the year of its earliest model or dataset); on ''unknown'' those without a date, on ''all'' the total';
COMMENT ON COLUMN hub.report_topline_mv.cumulative IS 'created summed over the years up to and including this one; on ''all'' the total; NULL on ''unknown''';
COMMENT ON COLUMN hub.report_topline_mv.yoy_multiple IS 'created / created of the year before (a multiple, not a percent); NULL when the year before has none, and on ''unknown'' and ''all''';

COMMENT ON COLUMN hub.report_concentration_mv.measure IS 'downloads (hub.models.downloads: the 30 days before the latest snapshot) or downloads_all_time (all-time downloads at it)';
COMMENT ON COLUMN hub.report_concentration_mv.models IS 'Models of hub.models whose value of the measure is not NULL (the figures of the row are over these)';
COMMENT ON COLUMN hub.report_concentration_mv.total IS 'The sum of the measure over those models (30-day or all-time downloads); NULL when there are none';
COMMENT ON COLUMN hub.report_concentration_mv.top_200_share IS 'Share (0 to 1) of the total held by the 200 most downloaded models: top_k_share(x, 200); NULL when the total is 0 or there are no models';
COMMENT ON COLUMN hub.report_concentration_mv.top_0_01pct_share IS 'Share (0 to 1) of the total held by the largest ceil(0.0001 n) models: top_share(x, 0.0001); NULL when the total is 0 or there are no models';
COMMENT ON COLUMN hub.report_concentration_mv.under_200_model_share IS 'Share (0 to 1) of MODELS, not of downloads, whose measure is under 200; NULL when no model has a value';
COMMENT ON COLUMN hub.report_concentration_mv.gini IS 'Gini coefficient of the measure over the models: gini(x), 0 = equal, towards 1 = one model holds all; NULL when the total is 0';
COMMENT ON COLUMN hub.report_concentration_mv.hhi IS 'Herfindahl-Hirschman index of the measure: hhi(x) = sum of (x / total) squared, in [1/n, 1] (not the 0 to 10,000 scale); NULL when the total is 0';
COMMENT ON COLUMN hub.report_concentration_mv.lorenz IS 'Lorenz curve lorenz(x, 100): 101 shares (0 to 1) of the total held by the least downloaded 0, 1, ..., 100% of the models';

COMMENT ON COLUMN hub.report_country_mv.attribution IS 'developed_in (the country of the model''s own namespace) or developed_in_or_derived_from (the countries of its lineage roots'' namespaces, split by lineage_root_shares)';
COMMENT ON COLUMN hub.report_country_mv.period IS 'The calendar year of download as text (''2025'': downloads made during 2025; only years the snapshots observe wholly), or ''last_30_days''';
COMMENT ON COLUMN hub.report_country_mv.year IS 'The calendar year (UTC) of download; NULL on ''last_30_days''';
COMMENT ON COLUMN hub.report_country_mv.period_start IS 'First day of the period: 1 January, or for ''last_30_days'' the latest models snapshot - 29 (NULL without snapshots)';
COMMENT ON COLUMN hub.report_country_mv.period_end IS 'The day after the period: 1 January of the next year, or for ''last_30_days'' the latest models snapshot + 1 (NULL without snapshots)';
COMMENT ON COLUMN hub.report_country_mv.country IS 'ISO 3166-1 alpha-2 code of the credited namespace''s country (hub.author_country), or ''unknown'' (unlisted namespace or NULL country)';
COMMENT ON COLUMN hub.report_country_mv.downloads IS 'Downloads credited to the country: during the year (hub.downloads_during''s rule), or on ''last_30_days'' hub.models.downloads (NULL as 0)';
COMMENT ON COLUMN hub.report_country_mv.share IS 'downloads / all downloads of the period and attribution, a share from 0 to 1 (the shares of a period sum to 1); NULL when the period has no downloads';
COMMENT ON COLUMN hub.report_country_mv.measure IS 'What downloads are: for a year ''downloads during the year: X% from all-time differences, Y% prorated'' (NULL with no downloads), else the 30 days before the latest snapshot';

COMMENT ON COLUMN hub.report_segments_mv.period IS 'The calendar year of download as text (''2025'': downloads made during 2025; only years the snapshots observe wholly), or ''last_30_days''';
COMMENT ON COLUMN hub.report_segments_mv.year IS 'The calendar year (UTC) of download; NULL on ''last_30_days''';
COMMENT ON COLUMN hub.report_segments_mv.period_start IS 'First day of the period: 1 January, or for ''last_30_days'' the latest models snapshot - 29 (NULL without snapshots)';
COMMENT ON COLUMN hub.report_segments_mv.period_end IS 'The day after the period: 1 January of the next year, or for ''last_30_days'' the latest models snapshot + 1 (NULL without snapshots)';
COMMENT ON COLUMN hub.report_segments_mv.kind IS 'Kind of developer of the model''s namespace (hub.author_kind: industry, academic, independent, nonprofit, government, community), ''unknown'' when unlisted';
COMMENT ON COLUMN hub.report_segments_mv.downloads IS 'Downloads of that kind''s models: during the year (hub.downloads_during''s rule), or on ''last_30_days'' hub.models.downloads (NULL as 0)';
COMMENT ON COLUMN hub.report_segments_mv.share IS 'downloads / all downloads of the period, a share from 0 to 1 (the shares of a period sum to 1); NULL when the period has no downloads';
COMMENT ON COLUMN hub.report_segments_mv.measure IS 'What downloads are: for a year ''downloads during the year: X% from all-time differences, Y% prorated'' (NULL with no downloads), else the 30 days before the latest snapshot';

COMMENT ON COLUMN hub.report_org_releases_mv.author IS 'The namespace (hub.models.author; models without one are left out)';
COMMENT ON COLUMN hub.report_org_releases_mv.kind IS 'The namespace''s kind of developer (hub.author_kind), ''unknown'' when unlisted';
COMMENT ON COLUMN hub.report_org_releases_mv.country IS 'ISO 3166-1 alpha-2 code of the namespace''s country (hub.author_country), ''unknown'' when unlisted or NULL';
COMMENT ON COLUMN hub.report_org_releases_mv.year IS 'The creation year (UTC) of the models (models without created_at are left out)';
COMMENT ON COLUMN hub.report_org_releases_mv.models IS 'Models of hub.models the namespace created that year';
COMMENT ON COLUMN hub.report_org_releases_mv.previous_year_models IS 'Models the namespace created the year before; NULL when it created none';
COMMENT ON COLUMN hub.report_org_releases_mv.yoy_multiple IS 'models / previous_year_models (a multiple, not a percent); NULL when previous_year_models is NULL';

COMMENT ON COLUMN hub.report_organisations_mv.organisation IS 'The organisation: a grouping of namespaces (hub.organisation_namespaces) when grouped, else the namespace itself';
COMMENT ON COLUMN hub.report_organisations_mv.grouped IS 'true: organisation is a grouping of namespaces; false: a namespace of its own';
COMMENT ON COLUMN hub.report_organisations_mv.kind IS 'Kind of developer of the grouping (hub.organisation_kinds) or of the namespace (hub.author_kind); ''unknown'' when unlisted';
COMMENT ON COLUMN hub.report_organisations_mv.country IS 'ISO 3166-1 alpha-2 code of the grouping''s or the namespace''s country; ''unknown'' when unlisted or NULL';
COMMENT ON COLUMN hub.report_organisations_mv.year IS 'The creation year (UTC) of the repositories (those without author or created_at are left out)';
COMMENT ON COLUMN hub.report_organisations_mv.namespaces IS 'Its namespaces that created a model, dataset or Space that year, sorted';
COMMENT ON COLUMN hub.report_organisations_mv.models IS 'Models of hub.models it created that year';
COMMENT ON COLUMN hub.report_organisations_mv.datasets IS 'Datasets of hub.datasets it created that year';
COMMENT ON COLUMN hub.report_organisations_mv.spaces IS 'Spaces of hub.spaces it created that year';
COMMENT ON COLUMN hub.report_organisations_mv.repositories IS 'models + datasets + spaces created that year';
COMMENT ON COLUMN hub.report_organisations_mv.rank_by_repositories IS 'rank() of the organisation by repositories within the year, descending (1 = the most; equal counts share a rank)';
COMMENT ON COLUMN hub.report_organisations_mv.previous_year_models IS 'Models it created the year before; 0 when none';
COMMENT ON COLUMN hub.report_organisations_mv.yoy_multiple IS 'models / previous_year_models (a multiple, not a percent); NULL when previous_year_models is 0';
COMMENT ON COLUMN hub.report_organisations_mv.growth IS 'The growth as text: ''0 -> N'' when previous_year_models is 0, else ''x'' and the multiple to two decimals (''x4.23'')';

COMMENT ON COLUMN hub.report_classification_mv.rule IS 'The rule of hub.author_kinds that classified the namespaces (user_author, user_organisation, seed_author, seed_organisation, org_type, user_account), or unknown: none';
COMMENT ON COLUMN hub.report_classification_mv.rule_order IS 'The rule''s place in the order of precedence: 1 (user_author) to 6 (user_account), 7 for unknown';
COMMENT ON COLUMN hub.report_classification_mv.namespaces IS 'Namespaces of hub.models (non-NULL author) classified by the rule';
COMMENT ON COLUMN hub.report_classification_mv.models IS 'Their models in hub.models';
COMMENT ON COLUMN hub.report_classification_mv.downloads IS 'Their models'' downloads in the 30 days before the latest snapshot (hub.models.downloads, NULL as 0)';
COMMENT ON COLUMN hub.report_classification_mv.download_share IS 'downloads / the 30-day downloads of all models with a namespace, a share from 0 to 1; NULL when those total 0';
COMMENT ON COLUMN hub.report_classification_mv.top1000_namespaces IS 'How many of the 1,000 namespaces with the most 30-day downloads (ties by name) the rule classified';
COMMENT ON COLUMN hub.report_classification_mv.top1000_download_share IS 'Their share (0 to 1) of the 30-day downloads of those 1,000 namespaces; NULL when those total 0';

COMMENT ON COLUMN hub.report_lists_mv.list IS 'The list (hub.namespace_lists.list)';
COMMENT ON COLUMN hub.report_lists_mv.namespaces IS 'Distinct namespaces on the list';
COMMENT ON COLUMN hub.report_lists_mv.namespaces_with_models IS 'Those of them with at least one model in hub.models';
COMMENT ON COLUMN hub.report_lists_mv.models IS 'Models of hub.models in the list''s namespaces';
COMMENT ON COLUMN hub.report_lists_mv.model_share IS 'models / all models of hub.models, a share from 0 to 1; NULL when hub.models is empty';
COMMENT ON COLUMN hub.report_lists_mv.downloads IS 'Their downloads in the 30 days before the latest snapshot (hub.models.downloads, NULL as 0)';
COMMENT ON COLUMN hub.report_lists_mv.download_share IS 'downloads / the 30-day downloads of all models, a share from 0 to 1; NULL when those total 0';
COMMENT ON COLUMN hub.report_lists_mv.download_share_all_time IS 'Their all-time downloads / all models'' all-time downloads (0 to 1; models without them left out); NULL when none of their models has them, or the total is 0';

COMMENT ON COLUMN hub.report_architectures_mv.year IS 'The creation year (UTC) of the models (models without created_at are left out)';
COMMENT ON COLUMN hub.report_architectures_mv.models IS 'Models of hub.models created that year';
COMMENT ON COLUMN hub.report_architectures_mv.with_architecture IS 'Those whose config architectures, model_type or GGUF architecture is known (hub.is_moe not NULL)';
COMMENT ON COLUMN hub.report_architectures_mv.moe_models IS 'Those hub.is_moe says are mixtures of experts';
COMMENT ON COLUMN hub.report_architectures_mv.moe_share IS 'moe_models / with_architecture, a share from 0 to 1; NULL when with_architecture is 0';
COMMENT ON COLUMN hub.report_architectures_mv.with_context_length IS 'Models created that year whose GGUF file gives a context length';
COMMENT ON COLUMN hub.report_architectures_mv.median_context_length IS 'Median of those context lengths (percentile_disc 0.5), in tokens; NULL when none';
COMMENT ON COLUMN hub.report_architectures_mv.max_context_length IS 'The largest of those context lengths, in tokens; NULL when none';

COMMENT ON COLUMN hub.report_papers_mv.organisation IS 'The organisation that claimed the papers: its grouping of namespaces (hub.organisation_namespaces) when grouped, else the claiming namespace';
COMMENT ON COLUMN hub.report_papers_mv.grouped IS 'true: organisation is a grouping of namespaces; false: a namespace of its own';
COMMENT ON COLUMN hub.report_papers_mv.kind IS 'Kind of developer of the grouping (hub.organisation_kinds) or of the namespace (hub.author_kind); ''unknown'' when unlisted';
COMMENT ON COLUMN hub.report_papers_mv.country IS 'ISO 3166-1 alpha-2 code of the grouping''s or the namespace''s country; ''unknown'' when unlisted or NULL';
COMMENT ON COLUMN hub.report_papers_mv.papers IS 'Papers of hub.papers it claimed';
COMMENT ON COLUMN hub.report_papers_mv.upvotes IS 'Their upvotes summed, at the latest import (NULL upvotes as 0)';
COMMENT ON COLUMN hub.report_papers_mv.top_paper IS 'The id (arXiv id) of its most upvoted paper, ties by id';
COMMENT ON COLUMN hub.report_papers_mv.top_paper_upvotes IS 'That paper''s upvotes at the latest import';
COMMENT ON COLUMN hub.report_papers_mv.rank_by_upvotes IS 'rank() of the organisation by upvotes, descending (1 = the most; equal upvotes share a rank)';

COMMENT ON COLUMN hub.report_model_size_mv.period IS 'The calendar year of download as text (''2025'': downloads made during 2025; only years the snapshots observe wholly), or ''last_30_days''';
COMMENT ON COLUMN hub.report_model_size_mv.year IS 'The calendar year (UTC) of download; NULL on ''last_30_days''';
COMMENT ON COLUMN hub.report_model_size_mv.period_start IS 'First day of the period: 1 January, or for ''last_30_days'' the latest models snapshot - 29 (NULL without snapshots)';
COMMENT ON COLUMN hub.report_model_size_mv.period_end IS 'The day after the period: 1 January of the next year, or for ''last_30_days'' the latest models snapshot + 1 (NULL without snapshots)';
COMMENT ON COLUMN hub.report_model_size_mv.downloads IS 'Downloads of models with a parameter count: during the year (hub.downloads_during''s rule), or on ''last_30_days'' hub.models.downloads';
COMMENT ON COLUMN hub.report_model_size_mv.weighted_mean_params IS 'Download-weighted mean parameter count: sum(params * downloads) / sum(downloads), in parameters; NULL when downloads is 0';
COMMENT ON COLUMN hub.report_model_size_mv.weighted_median_params IS 'Download-weighted median parameter count: the smallest params whose cumulative downloads reach half of all; NULL when downloads is 0';
COMMENT ON COLUMN hub.report_model_size_mv.measure IS 'What downloads are: downloads during the year, or in the 30 days before the latest snapshot, of models with a parameter count';

COMMENT ON COLUMN hub.report_size_buckets_mv.bucket IS 'The size class by params: <1B, 1-9B, 10-99B or >=100B (models without params are left out)';
COMMENT ON COLUMN hub.report_size_buckets_mv.bucket_order IS '1 to 4, smallest bucket first';
COMMENT ON COLUMN hub.report_size_buckets_mv.min_params IS 'The bucket holds min_params <= params (inclusive lower bound); NULL for <1B: unbounded';
COMMENT ON COLUMN hub.report_size_buckets_mv.max_params IS 'The bucket holds params < max_params (exclusive upper bound); NULL for >=100B: unbounded';
COMMENT ON COLUMN hub.report_size_buckets_mv.models IS 'Models of hub.models in the bucket (0 when none)';
COMMENT ON COLUMN hub.report_size_buckets_mv.top_models IS 'How many make up its top 10: 10, or fewer when the bucket has fewer models';
COMMENT ON COLUMN hub.report_size_buckets_mv.top10_downloads IS 'Sum of the 30-day downloads (NULL as 0) of its 10 most downloaded models, ties by id; NULL when the bucket is empty';
COMMENT ON COLUMN hub.report_size_buckets_mv.top10_median IS 'Median 30-day downloads of those top 10 (percentile_cont 0.5: the mean of the 5th and 6th of 10); NULL when the bucket is empty';
COMMENT ON COLUMN hub.report_size_buckets_mv.median_ratio_to_previous IS 'top10_median / top10_median of the next smaller bucket (a multiple); NULL for <1B, or when either is NULL or the divisor 0';
COMMENT ON COLUMN hub.report_size_buckets_mv.median_ratio_to_smallest IS 'top10_median / top10_median of <1B (a multiple); NULL when either is NULL or the divisor 0';

COMMENT ON COLUMN hub.report_dataset_categories_mv.period IS 'The creation year (UTC) of the datasets as text; ''unknown'' for those without created_at, ''all'' for every dataset';
COMMENT ON COLUMN hub.report_dataset_categories_mv.year IS 'The creation year (UTC); NULL on the ''unknown'' and ''all'' rows';
COMMENT ON COLUMN hub.report_dataset_categories_mv.category IS 'A task category listed in hub.datasets.task_categories (empty ones ignored)';
COMMENT ON COLUMN hub.report_dataset_categories_mv.datasets IS 'Datasets of that category created in the period (a dataset counts once in each category it lists)';
COMMENT ON COLUMN hub.report_dataset_categories_mv.share IS 'datasets / all datasets created in the period, with or without a category, a share from 0 to 1 (the categories can sum above 1)';
COMMENT ON COLUMN hub.report_dataset_categories_mv.rank IS 'rank() of the category by datasets within the period, descending (1 = the most; equal counts share a rank and the next skips: 1, 1, 3)';

COMMENT ON COLUMN hub.report_most_liked_mv.period IS 'The creation year (UTC) of the models as text; ''unknown'' for those without created_at, ''all'' for every model';
COMMENT ON COLUMN hub.report_most_liked_mv.year IS 'The creation year (UTC); NULL on the ''unknown'' and ''all'' rows';
COMMENT ON COLUMN hub.report_most_liked_mv.rank IS '1 to 10 by likes descending within the period, ties by id';
COMMENT ON COLUMN hub.report_most_liked_mv.id IS 'The model''s Hub id (owner/name)';
COMMENT ON COLUMN hub.report_most_liked_mv.author IS 'The model''s namespace; NULL when it has none';
COMMENT ON COLUMN hub.report_most_liked_mv.likes IS 'Its likes at the latest import (models with NULL likes are left out)';
COMMENT ON COLUMN hub.report_most_liked_mv.downloads IS 'Its downloads in the 30 days before the latest snapshot (hub.models.downloads); NULL when unknown';

COMMENT ON COLUMN hub.report_derivatives_mv.relation IS 'finetune, adapter, quantized, merge, unknown (only edges with a NULL relation) or none (no parent edge: not a derivative)';
COMMENT ON COLUMN hub.report_derivatives_mv.relation_order IS '1 to 6, in the order finetune, adapter, quantized, merge, unknown, none';
COMMENT ON COLUMN hub.report_derivatives_mv.models IS 'Models of hub.models with that relation (the most specific of their parent edges; 0 when none)';
COMMENT ON COLUMN hub.report_derivatives_mv.model_share IS 'models / all models of hub.models, a share from 0 to 1; NULL when hub.models is empty';
COMMENT ON COLUMN hub.report_derivatives_mv.downloads IS 'Their downloads in the 30 days before the latest snapshot (hub.models.downloads, NULL as 0)';
COMMENT ON COLUMN hub.report_derivatives_mv.download_share IS 'downloads / the 30-day downloads of all models, a share from 0 to 1; NULL when those total 0';

COMMENT ON COLUMN hub.report_families_mv.root IS 'The id of the lineage root (it need not be in hub.models)';
COMMENT ON COLUMN hub.report_families_mv.author IS 'The root''s namespace; NULL when the root is not in hub.models or has no namespace';
COMMENT ON COLUMN hub.report_families_mv.descendants IS 'Models of hub.models, other than the root, whose lineage_roots include it (a merge child counts in every parent''s family)';
COMMENT ON COLUMN hub.report_families_mv.descendant_downloads IS 'Their downloads in the 30 days before the latest snapshot (hub.models.downloads, NULL as 0)';
COMMENT ON COLUMN hub.report_families_mv.root_downloads IS 'The root''s own 30-day downloads; NULL when the root is not in hub.models or its downloads are unknown';
COMMENT ON COLUMN hub.report_families_mv.family_downloads IS 'descendant_downloads + root_downloads (a NULL root_downloads as 0): the family''s 30-day downloads';
COMMENT ON COLUMN hub.report_families_mv.rank_by_descendants IS '1, 2, ... by descendants descending, ties by root id';
COMMENT ON COLUMN hub.report_families_mv.rank_by_downloads IS '1, 2, ... by family_downloads descending, ties by root id';

COMMENT ON COLUMN hub.report_derivative_kinds_mv.kind IS 'Kind of developer of the derivative''s own namespace (hub.author_kind), ''unknown'' when unlisted or without a namespace';
COMMENT ON COLUMN hub.report_derivative_kinds_mv.derivatives IS 'Models of hub.models with at least one parent edge in hub.model_edges (self-loops ignored) whose namespace is of that kind';
COMMENT ON COLUMN hub.report_derivative_kinds_mv.share IS 'derivatives / all derivatives, a share from 0 to 1';
COMMENT ON COLUMN hub.report_derivative_kinds_mv.downloads IS 'Their downloads in the 30 days before the latest snapshot (hub.models.downloads, NULL as 0)';
COMMENT ON COLUMN hub.report_derivative_kinds_mv.download_share IS 'downloads / the 30-day downloads of all derivatives, a share from 0 to 1; NULL when those total 0';

COMMENT ON COLUMN hub.report.section IS 'The part of the report: topline, concentration, country, segments, model size, size buckets, datasets, derivatives or families';
COMMENT ON COLUMN hub.report.metric IS 'The figure''s name, unique in the view (top_200_share, cn_share_developed_in, ...)';
COMMENT ON COLUMN hub.report.value IS 'The figure, in unit (shares from 0 to 1, not percent), as of the last refresh of the report views; NULL when the data do not give it';
COMMENT ON COLUMN hub.report.unit IS 'The unit of value: models, datasets, authors, multiple, share, share of models, index, parameters, rank or downloads';
COMMENT ON COLUMN hub.report.definition IS 'How the figure is defined: which downloads (30-day or during a year), and the year or family root it refers to; ''(no data)'' there while the views are empty';

COMMENT ON COLUMN hub.series_compute.figure IS 'The figure (downloads_share_by_country, country_rank, size_mean_params, models, top200_share, most_liked, models_created, ...: those of hub.report_series)';
COMMENT ON COLUMN hub.series_compute.series IS 'Its series: a country (ISO 3166-1 alpha-2 or unknown), a kind, a rule, a model id, or empty';
COMMENT ON COLUMN hub.series_compute.period_start IS 'First day of the period: a wholly observed month or year, a creation year, or for a snapshot figure the snapshot';
COMMENT ON COLUMN hub.series_compute.period_end IS 'The day after the period';
COMMENT ON COLUMN hub.series_compute.value IS 'The value, in unit (shares from 0 to 1); NULL when it cannot be computed, e.g. a share of no downloads or a year-on-year multiple over a stock of 0';
COMMENT ON COLUMN hub.series_compute.unit IS 'share, rank, parameters, count, multiple or likes';
COMMENT ON COLUMN hub.series_compute.measure IS 'What the figure is computed on, and for downloads during a period how much of it is exact and how much prorated';

-- the plain views over the materialized ones (hub_report.sql): a column
-- means what it means in the stored rows, except where a view differs
DO $copy$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT v.relname AS view, a.attname, pg_catalog.col_description(m.oid, a.attnum) AS descr
             FROM pg_catalog.pg_class m
             JOIN pg_catalog.pg_class v ON v.relnamespace OPERATOR(pg_catalog.=) m.relnamespace
                                       AND v.relname OPERATOR(pg_catalog.=) pg_catalog.left(m.relname, -3)
                                       AND v.relkind OPERATOR(pg_catalog.=) 'v'
             JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) m.oid AND a.attnum OPERATOR(pg_catalog.>) 0
                                           AND NOT a.attisdropped
             JOIN pg_catalog.pg_attribute b ON b.attrelid OPERATOR(pg_catalog.=) v.oid AND b.attname OPERATOR(pg_catalog.=) a.attname
             WHERE m.relnamespace OPERATOR(pg_catalog.=) 'hub'::pg_catalog.regnamespace
               AND m.relkind OPERATOR(pg_catalog.=) 'm' AND m.relname OPERATOR(pg_catalog.~) '^report_.*_mv$'
             ORDER BY 1, a.attnum LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN hub.%I.%I IS %L', c.view, c.attname, c.descr);
    END LOOP;
END
$copy$;

-- the views by year without their total rows, and the year as dates
COMMENT ON COLUMN hub.report_topline.period IS 'The creation year (UTC) as text; ''unknown'' for those without created_at (the totals: hub.report_topline_totals)';
COMMENT ON COLUMN hub.report_topline.year IS 'The creation year (UTC); NULL on the ''unknown'' rows';
COMMENT ON COLUMN hub.report_topline.created IS 'How many were created that year (an author in the year of its earliest model or dataset); on ''unknown'' those without a date';
COMMENT ON COLUMN hub.report_topline.cumulative IS 'created summed over the years up to and including this one; NULL on ''unknown''';
COMMENT ON COLUMN hub.report_topline.yoy_multiple IS 'created / created of the year before (a multiple, not a percent); NULL when the year before has none, and on ''unknown''';
COMMENT ON COLUMN hub.report_dataset_categories.period IS 'The creation year (UTC) of the datasets as text; ''unknown'' for those without created_at (every dataset: hub.report_dataset_categories_totals)';
COMMENT ON COLUMN hub.report_dataset_categories.year IS 'The creation year (UTC); NULL on the ''unknown'' rows';
COMMENT ON COLUMN hub.report_most_liked.period IS 'The creation year (UTC) of the models as text; ''unknown'' for those without created_at (every model: hub.report_most_liked_overall)';
COMMENT ON COLUMN hub.report_most_liked.year IS 'The creation year (UTC); NULL on the ''unknown'' rows';
DO $dates$
DECLARE
    v text;
BEGIN
    FOREACH v IN ARRAY ARRAY['report_topline', 'report_dataset_categories', 'report_most_liked', 'report_org_releases',
                             'report_organisations', 'report_architectures'] LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN hub.%I.period_start IS %L', v,
                                  'The year as a date: 1 January of year (NULL when year is NULL), for date axes');
        EXECUTE pg_catalog.format('COMMENT ON COLUMN hub.%I.period_end IS %L', v,
                                  'The end of the year, exclusive: 1 January of the next year (NULL when year is NULL)');
    END LOOP;
END
$dates$;

COMMENT ON COLUMN hub.report_topline_totals.kind IS 'models, datasets or authors';
COMMENT ON COLUMN hub.report_topline_totals.total IS 'How many there are: every model or dataset of the hub tables, every distinct non-NULL namespace of them (the created of hub.report_topline''s rows sum to it)';
COMMENT ON COLUMN hub.report_dataset_categories_totals.category IS 'A task category (an element of hub.datasets.task_categories)';
COMMENT ON COLUMN hub.report_dataset_categories_totals.datasets IS 'Datasets of that category, whatever their creation year (a dataset counts once in each category it lists)';
COMMENT ON COLUMN hub.report_dataset_categories_totals.share IS 'datasets / all datasets, with or without a category, a share from 0 to 1 (the categories can sum above 1)';
COMMENT ON COLUMN hub.report_dataset_categories_totals.rank IS 'rank() by datasets descending: equal counts share a rank and the next rank skips (1, 1, 3)';
COMMENT ON COLUMN hub.report_most_liked_overall.rank IS '1 to 10, by likes descending, ties by id';
COMMENT ON COLUMN hub.report_most_liked_overall.id IS 'The model''s Hub id';
COMMENT ON COLUMN hub.report_most_liked_overall.author IS 'The model''s namespace';
COMMENT ON COLUMN hub.report_most_liked_overall.likes IS 'Its likes at the latest snapshot that had it';
COMMENT ON COLUMN hub.report_most_liked_overall.downloads IS 'Its downloads in the 30 days before the latest snapshot that had it';

-- the 30 days before the latest snapshot, apart: the columns of the stored rows
DO $last30$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT v.relname AS view, a.attname, pg_catalog.col_description(m.oid, a.attnum) AS descr
             FROM pg_catalog.pg_class v
             JOIN pg_catalog.pg_class m ON m.relnamespace OPERATOR(pg_catalog.=) v.relnamespace
                                       AND m.relname OPERATOR(pg_catalog.=) pg_catalog.replace(v.relname, '_last_30_days', '_mv')
             JOIN pg_catalog.pg_attribute b ON b.attrelid OPERATOR(pg_catalog.=) v.oid AND b.attnum OPERATOR(pg_catalog.>) 0
             JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) m.oid AND a.attname OPERATOR(pg_catalog.=) b.attname
             WHERE v.relnamespace OPERATOR(pg_catalog.=) 'hub'::pg_catalog.regnamespace
               AND v.relkind OPERATOR(pg_catalog.=) 'v' AND v.relname OPERATOR(pg_catalog.~) '^report_.*_last_30_days$'
             ORDER BY 1, b.attnum LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN hub.%I.%I IS %L', c.view, c.attname, c.descr);
    END LOOP;
END
$last30$;
COMMENT ON COLUMN hub.report_country_last_30_days.period_start IS 'The first of the 30 days: the latest snapshot - 29';
COMMENT ON COLUMN hub.report_country_last_30_days.period_end IS 'The day after the latest snapshot (exclusive end)';
COMMENT ON COLUMN hub.report_segments_last_30_days.period_start IS 'The first of the 30 days: the latest snapshot - 29';
COMMENT ON COLUMN hub.report_segments_last_30_days.period_end IS 'The day after the latest snapshot (exclusive end)';
COMMENT ON COLUMN hub.report_model_size_last_30_days.period_start IS 'The first of the 30 days: the latest snapshot - 29';
COMMENT ON COLUMN hub.report_model_size_last_30_days.period_end IS 'The day after the latest snapshot (exclusive end)';
COMMENT ON COLUMN hub.report_country.period IS 'The calendar year of download as text (''2025'': downloads made during 2025; only years the snapshots observe wholly; the last 30 days: hub.report_country_last_30_days)';
COMMENT ON COLUMN hub.report_country.year IS 'The calendar year (UTC) of download';
COMMENT ON COLUMN hub.report_segments.period IS 'The calendar year of download as text (''2025'': downloads made during 2025; only years the snapshots observe wholly; the last 30 days: hub.report_segments_last_30_days)';
COMMENT ON COLUMN hub.report_segments.year IS 'The calendar year (UTC) of download';
COMMENT ON COLUMN hub.report_model_size.period IS 'The calendar year of download as text (''2025'': downloads made during 2025; only years the snapshots observe wholly; the last 30 days: hub.report_model_size_last_30_days)';
COMMENT ON COLUMN hub.report_model_size.year IS 'The calendar year (UTC) of download';

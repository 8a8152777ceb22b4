/*-------------------------------------------------------------------------
 *
 * ecostats.c
 *	  Module entry of the ecostats extension (the generic layer).
 *
 * One file per concern: numutil.c (sorting, number I/O, argument checks),
 * distribution.c (the distribution type and the holistic aggregates'
 * transitions), topk.c (topk_state and top_k_share), stats.c (the
 * statistics over a distribution), lineage*.c (the lineage type,
 * lineage_build, the GIN support).  The Hub layer is the ecostats_hub
 * extension, with its own module (hub/).
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"

PG_MODULE_MAGIC;

/*
 * ecostats 0.1.0 was one extension whose hub.import_models,
 * hub.import_datasets and hub.import_chunk lived in this library.  After
 * the library is upgraded, a database still at 0.1.0 (or one released by
 * ALTER EXTENSION ecostats UPDATE but not yet adopted by ecostats_hub)
 * reaches these entry points: they say what to do instead of "could not
 * find function".  The 0.1.0 install script, kept for upgrade tests and
 * restores, needs them to exist.
 */
static Datum
moved_to_ecostats_hub(const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("function hub.%s of ecostats 0.1.0 has moved to the extension ecostats_hub", name),
			 errhint("Upgrade: ALTER EXTENSION ecostats UPDATE; CREATE EXTENSION ecostats_hub VERSION '0.1.0'; ALTER EXTENSION ecostats_hub UPDATE;")));
	return (Datum) 0;			/* keep compiler quiet */
}

PG_FUNCTION_INFO_V1(hub_import_models);
PG_FUNCTION_INFO_V1(hub_import_datasets);
PG_FUNCTION_INFO_V1(hub_import_chunk);

Datum
hub_import_models(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	return moved_to_ecostats_hub("import_models");
}

Datum
hub_import_datasets(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	return moved_to_ecostats_hub("import_datasets");
}

Datum
hub_import_chunk(PG_FUNCTION_ARGS)
{
	(void) fcinfo;
	return moved_to_ecostats_hub("import_chunk");
}

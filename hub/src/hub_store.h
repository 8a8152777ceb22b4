/*-------------------------------------------------------------------------
 *
 * hub_store.h
 *	  Storing batches of imported Hub records straight into the hub tables
 *	  (heap and index insertion as COPY does it), used by hub_import.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef HUB_STORE_H
#define HUB_STORE_H

#include "postgres.h"
#include "nodes/pg_list.h"
#include "utils/date.h"

typedef struct HubStore HubStore;

/*
 * A batch: ncols columns of n records (the import's column order, see
 * hub_import.c), the records' edges (models) as parallel lists of parent
 * (char *), relation (char * or NULL) and source (char *).  Ids are unique
 * within a batch.
 */
typedef struct HubBatchData
{
	int			n;
	Datum	  **vals;			/* [col][record] */
	bool	  **nulls;
	List	  **eparent,
			  **erel,
			  **esrc;
} HubBatchData;

/*
 * Opens the tables of an import (models: hub.models, hub.model_history,
 * hub.model_edges; datasets: hub.datasets, hub.dataset_history), checks the
 * caller's privileges and locks them against other writers.  Returns NULL
 * when the tables need the SQL route instead (row triggers, row security,
 * generated columns, not plain tables): the caller then stores through SQL.
 */
extern HubStore *hub_store_open(bool datasets, DateADT snapshot, int64 import_id);

/*
 * The first step of every client chunk (hub.import_chunk), before it runs
 * any SQL: decides whether what the previous chunk of the import left
 * (which tables were empty, the filter of stored ids) may still be trusted.
 */
extern void hub_store_chunk_begin(int64 import_id);
extern void hub_store_batch(HubStore *s, HubBatchData *b);
extern void hub_store_close(HubStore *s);

#endif							/* HUB_STORE_H */

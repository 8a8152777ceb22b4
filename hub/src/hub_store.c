/*-------------------------------------------------------------------------
 *
 * hub_store.c
 *	  Stores batches of imported Hub records straight into the hub tables,
 *	  the way COPY does: tuples formed in C, heap_multi_insert through a
 *	  bulk-insert state, index entries and constraints through the
 *	  executor's own routines.  Upsert semantics (a record whose id exists
 *	  updates that row; a model's edges are replaced by the record's) come
 *	  from probing the primary keys.  History is kept by change: a record
 *	  gets a history row of (id, snapshot) only when its counts differ from
 *	  those of the id's latest earlier row (or that row marks it vanished);
 *	  an existing row of (id, snapshot) is replaced.
 *
 * Probes are skipped where they cannot find anything: when a table was
 * empty when the import began (the import holds a lock that keeps other
 * writers out), a row can exist only if this import stored it, and a Bloom
 * filter of the ids stored so far (fixed size, so memory does not grow
 * with the input) answers "certainly not" for nearly all new ids.  A maybe
 * is always checked in the index, so the filter never changes a result.
 *
 * New rows get the column defaults of the columns the import does not
 * write (a user's own `note text DEFAULT 'x'`, identity columns), evaluated
 * as COPY does; CHECK and NOT NULL constraints are checked per row; an
 * existing row keeps the values of those columns — exactly what the SQL
 * route's INSERT … ON CONFLICT DO UPDATE does.  Tables with triggers
 * (other than the extension's statement-level hub.note_change, whose work
 * the import's own hub.imports row does), rules, row security, generated
 * columns or that are not plain tables are left to the SQL route
 * (hub_store_open returns NULL), which honours all of those.
 *
 *-------------------------------------------------------------------------
 */
#include "hub_store.h"
#include "ecostats.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/genam.h"
#include "access/heapam.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "common/pg_prng.h"
#include "lib/bloomfilter.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "parser/parse_func.h"
#include "parser/parse_relation.h"
#include "rewrite/rewriteHandler.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "executor/spi.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#pragma GCC diagnostic pop

/* the import's columns, in batch order, by target column name */
static const char *const model_colnames[] = {
	"id", "author", "created_at", "last_modified", "downloads", "downloads_all_time", "likes",
	"trending_score", "pipeline_tag", "library_name", "license", "tags", "languages", "params",
	"gated", "base_models", "architectures", "model_type", "gguf_architecture", "context_length"
};
static const char *const dataset_colnames[] = {
	"id", "author", "created_at", "last_modified", "downloads", "downloads_all_time", "likes",
	"trending_score", "tags", "task_categories", "license", "gated"
};
#define MAX_COLS 20

/*
 * batch columns the history rows take: id, downloads, downloads_all_time,
 * likes, trending_score (the same positions for models and datasets)
 */
#define COL_ID			0
#define COL_DOWNLOADS	4
#define COL_DL_ALL		5
#define COL_LIKES		6
#define COL_TRENDING	7
#define COL_BASE		15		/* base_models (models) */

/*
 * History rows: id, snapshot, downloads, downloads_all_time, likes,
 * trending_score, vanished (the attributes the import writes, in order).
 */
#define HIST_NATTS		7
#define HIST_COUNTS		2		/* first count attribute (0-based) */
#define HIST_NCOUNTS	4
#define HIST_VANISHED	6

/*
 * Bloom filter: 8 MB (2^26 bits) whatever the input.  bloom_create takes the
 * number of hash functions from the expected count: 16M gives 3, few memory
 * accesses per id, and about 0.07% false positives at 2M ids, 2% at 8M.
 */
#define BLOOM_KB		8192
#define BLOOM_ELEMS		INT64CONST(16000000)

/* one target table */
typedef struct StoreTable
{
	Relation	rel;
	ResultRelInfo *rri;
	EState	   *estate;
	Relation	pk;				/* its primary key index */
	RegProcedure pk_eq[2];		/* equality functions of its key columns */
	RegProcedure pk_le2;		/* <= of the second key column (history) */
	bool		empty_at_start;
	TupleTableSlot **slots;		/* pending new rows */
	int			nslots,
				maxslots;
	TupleTableSlot *oldslot,
			   *newslot;
	BulkInsertState bistate;
	/* defaults of the columns the import does not write, for new rows */
	int			ndefaults;
	AttrNumber *defatt;
	ExprState **defexpr;
} StoreTable;

struct HubStore
{
	bool		datasets;
	DateADT		snapshot;
	int64		import_id;
	int			ncols;
	AttrNumber	attno[MAX_COLS];	/* batch column → attribute of the main table */
	AttrNumber	att_first,
				att_last,
				att_import;
	StoreTable	main,
				hist,
				edges;
	bloom_filter *seen;			/* ids stored by this import, in any table */
	DateADT		prev_snapshot;	/* the latest finished snapshot of the kind before this one */
	bool		hist_shortcut;	/* main rows of prev_snapshot tell the history (main_update) */
	MemoryContext cxt,			/* lives as long as the store */
				tmp;			/* reset after every batch */
};

/*
 * What a client-side import (hub.import_chunk, one call per chunk) keeps
 * from one chunk to the next within its transaction: whether each table
 * was empty when the import began and the filter of stored ids.  It lives
 * in TopTransactionContext and is forgotten at the end of the transaction
 * (an XactCallback), so it is never read after its memory is gone.
 *
 * It is valid for the next chunk only if nothing else wrote anything in
 * between: hub_store_close ends with CommandCounterIncrement and notes the
 * command id; hub_store_chunk_begin, the next chunk's first step, calls
 * CommandCounterIncrement again, which moves the command id on if and only
 * if some command used it to write since (an INSERT between two chunks,
 * also one in a CTE of the chunk's own statement).  Any doubt rebuilds it,
 * and a rebuilt carry sees the tables not empty, so every id is probed:
 * slower, always correct.
 */
typedef struct Carry
{
	int64		import_id;
	SubTransactionId subxid;
	CommandId	cid;			/* the command id after the last chunk */
	bool		empty[3];
	bloom_filter *seen;
} Carry;
static Carry *carry = NULL;
static bool carry_ok = false;	/* set by hub_store_chunk_begin for one open */
static bool xact_callback_registered = false;

static void
carry_xact_callback(XactEvent event, void *arg pg_attribute_unused())
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			carry = NULL;		/* its memory goes with TopTransactionContext */
			carry_ok = false;
			break;
		default:
			break;
	}
}

void
hub_store_chunk_begin(int64 import_id)
{
	CommandCounterIncrement();
	carry_ok = carry != NULL && carry->import_id == import_id &&
		carry->subxid == GetCurrentSubTransactionId() &&
		carry->cid == GetCurrentCommandId(false);
}

static void
check_priv(Relation rel, AclMode mode)
{
	static const AclMode each[] = {ACL_SELECT, ACL_INSERT, ACL_UPDATE, ACL_DELETE};

	for (int i = 0; i < (int) lengthof(each); i++)
		if ((mode & each[i]) &&
			pg_class_aclcheck(RelationGetRelid(rel), GetUserId(), each[i]) != ACLCHECK_OK)
			aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, RelationGetRelationName(rel));
}

/*
 * Is every trigger of rel the extension's own statement-level
 * hub.note_change (which records the writing transaction in hub.changes:
 * an import does that through its hub.imports row, so the direct store can
 * skip it)?  Any other trigger needs the SQL route, which fires it.
 */
static bool
only_note_change_triggers(Relation rel)
{
	Oid			note_change;

	if (rel->trigdesc == NULL)
		return true;
	note_change = LookupFuncName(list_make2(makeString("hub"), makeString("note_change")), 0, NULL, true);
	if (!OidIsValid(note_change))
		return false;
	for (int i = 0; i < rel->trigdesc->numtriggers; i++)
	{
		Trigger    *tg = &rel->trigdesc->triggers[i];

		if (TRIGGER_FOR_ROW(tg->tgtype) || tg->tgfoid != note_change)
			return false;
	}
	return true;
}

/* Can this table take tuples straight from us, without losing anything SQL would do? */
static bool
direct_ok(Relation rel)
{
	TupleDesc	td = RelationGetDescr(rel);

	if (rel->rd_rel->relkind != RELKIND_RELATION || !only_note_change_triggers(rel) || rel->rd_rules != NULL)
		return false;
	for (int i = 0; i < td->natts; i++)
		if (TupleDescAttr(td, i)->attgenerated != '\0')
			return false;
	if (check_enable_rls(RelationGetRelid(rel), InvalidOid, true) == RLS_ENABLED)
		return false;
	return true;
}

static Relation
open_hub_table(const char *name, AclMode mode)
{
	Oid			relid = get_relname_relid(name, get_namespace_oid("hub", false));
	Relation	rel;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"hub.%s\" does not exist", name)));
	/* other writers wait until the import commits; readers do not */
	rel = table_open(relid, ShareRowExclusiveLock);
	check_priv(rel, mode);
	return rel;
}

static bool
table_is_empty(Relation rel)
{
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	TableScanDesc scan;
	bool		empty;

	/* any tuple at all, even a dead one, counts */
	scan = table_beginscan(rel, SnapshotAny, 0, NULL);
	empty = !table_scan_getnextslot(scan, ForwardScanDirection, slot);
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	return empty;
}

/* The import writes the first n attributes of rel (history and edge rows). */
static bool *
first_filled(Relation rel, int n)
{
	int			natts = RelationGetDescr(rel)->natts;
	bool	   *filled = palloc0(sizeof(bool) * Max(natts, n));

	memset(filled, true, n);
	return filled;
}

/*
 * Prepares t to store into rel; filled[a - 1] tells whether the import
 * writes attribute a (the others get their defaults in new rows).
 */
static void
table_setup(StoreTable *t, Relation rel, int maxslots, int pk_nkeys, const bool *filled)
{
	RangeTblEntry *rte = makeNode(RangeTblEntry);
	List	   *perminfos = NIL;
	Oid			pkoid;
	TupleDesc	td = RelationGetDescr(rel);

	t->rel = rel;
	t->estate = CreateExecutorState();
	rte->rtekind = RTE_RELATION;
	rte->relid = RelationGetRelid(rel);
	rte->relkind = rel->rd_rel->relkind;
	rte->rellockmode = ShareRowExclusiveLock;
	eco_add_rte_perminfo(&perminfos, rte, ACL_SELECT | ACL_INSERT | ACL_UPDATE);
	eco_exec_init_range_table(t->estate, list_make1(rte), perminfos);
	t->rri = makeNode(ResultRelInfo);
	InitResultRelInfo(t->rri, rel, 1, NULL, 0);
	ExecOpenIndices(t->rri, false);
	t->estate->es_output_cid = GetCurrentCommandId(true);

	pkoid = eco_relation_get_pk_index(rel);
	t->pk = NULL;
	for (int i = 0; i < t->rri->ri_NumIndices; i++)
		if (RelationGetRelid(t->rri->ri_IndexRelationDescs[i]) == pkoid)
			t->pk = t->rri->ri_IndexRelationDescs[i];
	if (t->pk == NULL || t->pk->rd_index->indnkeyatts < pk_nkeys)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table \"hub.%s\" has lost its primary key", RelationGetRelationName(rel)),
				 errhint("Recreate the extension's tables, or restore the primary key.")));
	for (int k = 0; k < pk_nkeys; k++)
	{
		Oid			opfamily = t->pk->rd_opfamily[k];
		Oid			optype = t->pk->rd_opcintype[k];
		Oid			op = get_opfamily_member(opfamily, optype, optype, BTEqualStrategyNumber);

		if (!OidIsValid(op))
			elog(ERROR, "no equality operator for the primary key of \"hub.%s\"", RelationGetRelationName(rel));
		t->pk_eq[k] = get_opcode(op);
		if (k == 1)
		{
			op = get_opfamily_member(opfamily, optype, optype, BTLessEqualStrategyNumber);
			if (!OidIsValid(op))
				elog(ERROR, "no <= operator for the primary key of \"hub.%s\"", RelationGetRelationName(rel));
			t->pk_le2 = get_opcode(op);
		}
	}
	/* the defaults, prepared as COPY prepares them */
	t->defatt = palloc(sizeof(AttrNumber) * td->natts);
	t->defexpr = palloc(sizeof(ExprState *) * td->natts);
	t->ndefaults = 0;
	for (int i = 0; i < td->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(td, i);
		Expr	   *def;

		if (att->attisdropped || filled[i])
			continue;
		def = (Expr *) build_column_default(rel, i + 1);
		if (def == NULL)
			continue;
		t->defatt[t->ndefaults] = i + 1;
		t->defexpr[t->ndefaults] = ExecInitExpr(expression_planner(def), NULL);
		t->ndefaults++;
	}
	t->maxslots = maxslots;
	t->slots = palloc0(sizeof(TupleTableSlot *) * maxslots);
	t->oldslot = table_slot_create(rel, NULL);
	t->newslot = table_slot_create(rel, NULL);
	t->bistate = GetBulkInsertState();
}

static void
table_teardown(StoreTable *t)
{
	if (t->rel == NULL)
		return;
	for (int i = 0; i < t->maxslots; i++)
		if (t->slots[i])
			ExecDropSingleTupleTableSlot(t->slots[i]);
	ExecDropSingleTupleTableSlot(t->oldslot);
	ExecDropSingleTupleTableSlot(t->newslot);
	FreeBulkInsertState(t->bistate);
	table_finish_bulk_insert(t->rel, 0);
	ExecCloseIndices(t->rri);
	ExecResetTupleTable(t->estate->es_tupleTable, false);
	FreeExecutorState(t->estate);
	table_close(t->rel, NoLock);	/* the lock is kept until commit */
	t->rel = NULL;
}

/* Has this import (perhaps) stored an id before?  Then it must be probed. */
static bool
maybe_stored(HubStore *s, text *id)
{
	return !bloom_lacks_element(s->seen, (unsigned char *) VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id));
}

/*
 * Looks up key (1 or 2 columns of the primary key, a prefix for edges)
 * and calls fn for every row found (in oldslot).  Sees this transaction's
 * own rows of earlier batches (a dirty snapshot, as ON CONFLICT does).
 */
typedef void (*probe_fn) (HubStore *s, StoreTable *t, void *arg);

static int
probe(HubStore *s, StoreTable *t, Datum *key, int nkeys, probe_fn fn, void *arg)
{
	ScanKeyData sk[2];
	SnapshotData dirty;
	IndexScanDesc scan;
	int			found = 0;

	InitDirtySnapshot(dirty);
	for (int k = 0; k < nkeys; k++)
		ScanKeyEntryInitialize(&sk[k], 0, k + 1, BTEqualStrategyNumber, InvalidOid,
							   t->pk->rd_indcollation[k], t->pk_eq[k], key[k]);
	scan = eco_index_beginscan(t->rel, t->pk, &dirty, nkeys, 0);
	index_rescan(scan, sk, nkeys, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, t->oldslot))
	{
		found++;
		fn(s, t, arg);
		if (nkeys == t->pk->rd_index->indnkeyatts)
			break;				/* a full key matches one row */
	}
	index_endscan(scan);
	ExecClearTuple(t->oldslot);
	return found;
}

/* Queue a new row (values already in the next slot). */
static TupleTableSlot *
next_slot(StoreTable *t)
{
	TupleTableSlot *slot;

	if (t->nslots == t->maxslots)
		elog(ERROR, "hub import: more new rows than slots");
	if (t->slots[t->nslots] == NULL)
	{
		/* slots live as long as the store, not the batch */
		MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(t->slots));

		t->slots[t->nslots] = table_slot_create(t->rel, NULL);
		MemoryContextSwitchTo(old);
	}
	slot = t->slots[t->nslots];
	ExecClearTuple(slot);
	memset(slot->tts_isnull, true, sizeof(bool) * slot->tts_tupleDescriptor->natts);
	/* in per-tuple memory, reset once the rows are inserted (flush_slots) */
	for (int k = 0; k < t->ndefaults; k++)
	{
		AttrNumber	a = t->defatt[k];

		slot->tts_values[a - 1] = ExecEvalExprSwitchContext(t->defexpr[k], GetPerTupleExprContext(t->estate),
															&slot->tts_isnull[a - 1]);
	}
	return slot;
}

static void
queue_slot(StoreTable *t, TupleTableSlot *slot)
{
	ExecStoreVirtualTuple(slot);
	if (t->rel->rd_att->constr)
		ExecConstraints(t->rri, slot, t->estate);
	t->nslots++;
}

/* Insert the queued rows and their index entries. */
static void
flush_slots(StoreTable *t)
{
	if (t->nslots == 0)
		return;
	table_multi_insert(t->rel, t->slots, t->nslots, GetCurrentCommandId(true), 0, t->bistate);
	for (int i = 0; i < t->nslots; i++)
	{
		if (t->rri->ri_NumIndices > 0)
			list_free(eco_insert_index_tuples(t->rri, t->slots[i], t->estate, false, false, NULL, NIL, false));
		ExecClearTuple(t->slots[i]);
	}
	t->nslots = 0;
	ResetPerTupleExprContext(t->estate);
}

/* Replace the row at tid by the values in newslot (same descriptor). */
static void
update_row(StoreTable *t, ItemPointer tid)
{
	EcoUpdateIndexes update_indexes;

	if (TTS_EMPTY(t->newslot))
		ExecStoreVirtualTuple(t->newslot);
	if (t->rel->rd_att->constr)
		ExecConstraints(t->rri, t->newslot, t->estate);
	simple_table_tuple_update(t->rel, tid, t->newslot, GetActiveSnapshot(), &update_indexes);
	if (ECO_UPDATE_NEEDS_INDEXES(update_indexes) && t->rri->ri_NumIndices > 0)
		list_free(eco_insert_index_tuples(t->rri, t->newslot, t->estate, true, false, NULL, NIL,
										  ECO_UPDATE_ONLY_SUMMARIZING(update_indexes)));
	ExecClearTuple(t->newslot);
}

/* copy oldslot's values into newslot, to be changed */
static void
start_update(StoreTable *t)
{
	int			natts = t->oldslot->tts_tupleDescriptor->natts;

	slot_getallattrs(t->oldslot);
	ExecClearTuple(t->newslot);
	memcpy(t->newslot->tts_values, t->oldslot->tts_values, sizeof(Datum) * natts);
	memcpy(t->newslot->tts_isnull, t->oldslot->tts_isnull, sizeof(bool) * natts);
}

typedef struct MainArg
{
	HubBatchData *b;
	int			i;
	int8	   *hstate;			/* what record i does to the history (HIST_*) */
	bool	   *noedges;		/* record i and its stored row have no parents */
} MainArg;

/* what the main row says of a record's history row (hub_store_batch) */
#define HIST_PROBE		0		/* look the history up (hist_store) */
#define HIST_SAME		1		/* the counts of the snapshot before: no row */
#define HIST_NEW		2		/* other counts: a new row, no lookup */

/*
 * Record i's values into a model or dataset row: the batch's columns, the
 * import, and the snapshot widening [first_snapshot, last_snapshot] — for a
 * new row (all NULL) both become the snapshot.
 */
static void
put_main_values(HubStore *s, Datum *v, bool *n, HubBatchData *b, int i)
{
	AttrNumber	af = s->att_first - 1,
				al = s->att_last - 1;

	for (int c = 0; c < s->ncols; c++)
	{
		v[s->attno[c] - 1] = b->vals[c][i];
		n[s->attno[c] - 1] = b->nulls[c][i];
	}
	if (n[af] || DatumGetDateADT(v[af]) > s->snapshot)
		v[af] = DateADTGetDatum(s->snapshot);
	n[af] = false;
	if (n[al] || DatumGetDateADT(v[al]) < s->snapshot)
		v[al] = DateADTGetDatum(s->snapshot);
	n[al] = false;
	v[s->att_import - 1] = Int64GetDatum(s->import_id);
	n[s->att_import - 1] = false;
}

/*
 * record i's counts into a history row (downloads, downloads_all_time,
 * likes, trending_score), which is not a vanished mark
 */
static void
put_hist_counts(Datum *v, bool *n, HubBatchData *b, int i)
{
	for (int k = 0, c = COL_DOWNLOADS; c <= COL_TRENDING; c++, k++)
	{
		v[HIST_COUNTS + k] = b->vals[c][i];
		n[HIST_COUNTS + k] = b->nulls[c][i];
	}
	v[HIST_VANISHED] = BoolGetDatum(false);
	n[HIST_VANISHED] = false;
}

/*
 * Are record i's counts those of the history row in slot (all four the
 * same, NULL as NULL; the row no vanished mark)?  The counts are bigint
 * and float8, passed by value: equal datums are equal values (a float8
 * NaN equals itself, as float8 = says).
 */
static bool
hist_same(TupleTableSlot *slot, HubBatchData *b, int i)
{
	slot_getallattrs(slot);
	if (slot->tts_isnull[HIST_VANISHED] || DatumGetBool(slot->tts_values[HIST_VANISHED]))
		return false;
	for (int k = 0, c = COL_DOWNLOADS; c <= COL_TRENDING; c++, k++)
	{
		bool		on = slot->tts_isnull[HIST_COUNTS + k],
					nn = b->nulls[c][i];

		if (on != nn)
			return false;
		if (on)
			continue;
		if (c == COL_TRENDING)
		{
			float8		x = DatumGetFloat8(slot->tts_values[HIST_COUNTS + k]),
						y = DatumGetFloat8(b->vals[c][i]);

			if (!(x == y || (isnan(x) && isnan(y))))
				return false;
		}
		else if (DatumGetInt64(slot->tts_values[HIST_COUNTS + k]) != DatumGetInt64(b->vals[c][i]))
			return false;
	}
	return true;
}

/* a model or dataset row exists: update it in place of the upsert */
static void
main_update(HubStore *s, StoreTable *t, void *argp)
{
	MainArg    *arg = argp;

	/*
	 * A row last written by the snapshot just before this one (and no
	 * import of this snapshot finished yet, so no vanished mark of it) holds
	 * the counts of the id's latest history row: they say whether the
	 * history needs a row, without looking it up.
	 */
	if (s->hist_shortcut)
	{
		bool		isnull;
		Datum		last = slot_getattr(t->oldslot, s->att_last, &isnull);

		if (!isnull && DatumGetDateADT(last) == s->prev_snapshot)
		{
			bool		same = true;

			for (int c = COL_DOWNLOADS; c <= COL_TRENDING && same; c++)
			{
				bool		on;
				Datum		ov = slot_getattr(t->oldslot, s->attno[c], &on);
				bool		nn = arg->b->nulls[c][arg->i];

				if (on != nn)
					same = false;
				else if (!on && c == COL_TRENDING)
				{
					float8		x = DatumGetFloat8(ov),
								y = DatumGetFloat8(arg->b->vals[c][arg->i]);

					same = (x == y || (isnan(x) && isnan(y)));
				}
				else if (!on)
					same = DatumGetInt64(ov) == DatumGetInt64(arg->b->vals[c][arg->i]);
			}
			arg->hstate[arg->i] = same ? HIST_SAME : HIST_NEW;
		}
	}
	/*
	 * The import writes a model's edges with its base_models, from the same
	 * parents: a stored row without parents has no edges the import wrote,
	 * and a record without parents writes none, so the edges are not looked
	 * up (two models in three have no parents).
	 */
	if (!s->datasets && arg->b->eparent[arg->i] == NIL)
	{
		bool		isnull;
		Datum		bm = slot_getattr(t->oldslot, s->attno[COL_BASE], &isnull);

		if (isnull)
			arg->noedges[arg->i] = true;
		else
		{
			ArrayType  *a = DatumGetArrayTypeP(bm);

			arg->noedges[arg->i] = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a)) == 0;
		}
	}
	start_update(t);
	put_main_values(s, t->newslot->tts_values, t->newslot->tts_isnull, arg->b, arg->i);
	update_row(t, &t->oldslot->tts_tid);
}

/*
 * What record i of a batch does to the history, which keeps changes only:
 * the id's latest row on or before the snapshot (a backward scan of the
 * primary key) is
 *   - of this snapshot (a repeated id, or the date imported again): its
 *     counts are replaced, or the row goes when they are now those of the
 *     row before it, so the history stays minimal;
 *   - an earlier one with the same counts: nothing;
 *   - else, or there is none: a new row, which the caller queues (returns
 *     true).
 */
static bool
hist_store(HubStore *s, StoreTable *t, HubBatchData *b, int i)
{
	ScanKeyData sk[2];
	SnapshotData dirty;
	IndexScanDesc scan;
	bool		insert = true;

	InitDirtySnapshot(dirty);
	ScanKeyEntryInitialize(&sk[0], 0, 1, BTEqualStrategyNumber, InvalidOid,
						   t->pk->rd_indcollation[0], t->pk_eq[0], b->vals[COL_ID][i]);
	ScanKeyEntryInitialize(&sk[1], 0, 2, BTLessEqualStrategyNumber, InvalidOid,
						   t->pk->rd_indcollation[1], t->pk_le2, DateADTGetDatum(s->snapshot));
	scan = eco_index_beginscan(t->rel, t->pk, &dirty, 2, 0);
	index_rescan(scan, sk, 2, NULL, 0);
	if (index_getnext_slot(scan, BackwardScanDirection, t->oldslot))
	{
		bool		isnull;
		DateADT		at = DatumGetDateADT(slot_getattr(t->oldslot, 2, &isnull));

		insert = false;
		if (at == s->snapshot)
		{
			ItemPointerData tid = t->oldslot->tts_tid;

			/*
			 * the new values, over the row's own (columns the import does
			 * not write), copied out of its buffer: oldslot moves on
			 */
			start_update(t);
			put_hist_counts(t->newslot->tts_values, t->newslot->tts_isnull, b, i);
			ExecStoreVirtualTuple(t->newslot);
			ExecMaterializeSlot(t->newslot);
			if (index_getnext_slot(scan, BackwardScanDirection, t->oldslot) && hist_same(t->oldslot, b, i))
			{
				simple_table_tuple_delete(t->rel, &tid, GetActiveSnapshot());
				ExecClearTuple(t->newslot);
			}
			else
				update_row(t, &tid);
		}
		else if (!hist_same(t->oldslot, b, i))
			insert = true;
	}
	index_endscan(scan);
	ExecClearTuple(t->oldslot);
	return insert;
}

/*
 * The edges a stored model has (collected by edge_collect): their row ids
 * and their parent, relation and source, to compare with the record's.
 */
typedef struct EdgeSet
{
	int			n;
	ItemPointerData *tid;
	char	  **parent,
			  **relation,
			  **source;
	int			cap;
} EdgeSet;

static void
edge_collect(HubStore *s pg_attribute_unused(), StoreTable *t, void *argp)
{
	EdgeSet    *e = argp;
	TupleTableSlot *o = t->oldslot;

	if (e->n == e->cap)
	{
		e->cap = e->cap ? 2 * e->cap : 8;
		e->tid = e->tid ? repalloc(e->tid, sizeof(ItemPointerData) * e->cap) : palloc(sizeof(ItemPointerData) * e->cap);
		e->parent = e->parent ? repalloc(e->parent, sizeof(char *) * e->cap) : palloc(sizeof(char *) * e->cap);
		e->relation = e->relation ? repalloc(e->relation, sizeof(char *) * e->cap) : palloc(sizeof(char *) * e->cap);
		e->source = e->source ? repalloc(e->source, sizeof(char *) * e->cap) : palloc(sizeof(char *) * e->cap);
	}
	slot_getallattrs(o);
	e->tid[e->n] = o->tts_tid;
	e->parent[e->n] = TextDatumGetCString(o->tts_values[1]);
	e->relation[e->n] = o->tts_isnull[2] ? NULL : TextDatumGetCString(o->tts_values[2]);
	e->source[e->n] = o->tts_isnull[3] ? NULL : TextDatumGetCString(o->tts_values[3]);
	e->n++;
}

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL) ? b == NULL : (b != NULL && strcmp(a, b) == 0);
}

/*
 * Are the record's edges (distinct parents) those the model has, relation
 * and source included?  Then the import leaves them as they are.
 */
static bool
edges_same(const EdgeSet *e, List *parents, List *relations, List *sources)
{
	ListCell   *lp,
			   *lr,
			   *ls;

	/* a long list is written anew rather than compared pair by pair */
	if (e->n != list_length(parents) || e->n > 64)
		return false;
	forthree(lp, parents, lr, relations, ls, sources)
	{
		bool		found = false;

		for (int k = 0; k < e->n && !found; k++)
			found = strcmp(e->parent[k], (char *) lfirst(lp)) == 0 &&
				same_str(e->relation[k], (char *) lfirst(lr)) && same_str(e->source[k], (char *) lfirst(ls));
		if (!found)
			return false;
		CHECK_FOR_INTERRUPTS();
	}
	return true;
}

HubStore *
hub_store_open(bool datasets, DateADT snapshot, int64 import_id)
{
	HubStore   *s;
	Relation	main,
				hist,
				edges = NULL;
	MemoryContext old;
	const char *const *names = datasets ? dataset_colnames : model_colnames;
	TupleDesc	td;
	bool		reuse;

	main = open_hub_table(datasets ? "datasets" : "models", ACL_SELECT | ACL_INSERT | ACL_UPDATE);
	hist = open_hub_table(datasets ? "dataset_history" : "model_history", ACL_SELECT | ACL_INSERT | ACL_UPDATE);
	if (!datasets)
		edges = open_hub_table("model_edges", ACL_SELECT | ACL_INSERT | ACL_DELETE);
	if (!direct_ok(main) || !direct_ok(hist) || (edges && !direct_ok(edges)))
	{
		/* the SQL route keeps the locks taken here */
		table_close(main, NoLock);
		table_close(hist, NoLock);
		if (edges)
			table_close(edges, NoLock);
		return NULL;
	}

	s = palloc0(sizeof(HubStore));
	s->cxt = AllocSetContextCreate(CurrentMemoryContext, "hub import store", ALLOCSET_DEFAULT_SIZES);
	s->tmp = AllocSetContextCreate(s->cxt, "hub import store batch", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(s->cxt);
	s->datasets = datasets;
	s->snapshot = snapshot;
	s->import_id = import_id;
	{
		/*
		 * the snapshot before this one, and whether an import of this one
		 * has finished (its vanished marks are history rows the main rows
		 * do not show): then every id's history is looked up
		 */
		bool		isnull,
					this_finished;

		if (SPI_execute_with_args("SELECT pg_catalog.max(i.snapshot) FILTER (WHERE i.snapshot OPERATOR(pg_catalog.<) $2), "
								  "       pg_catalog.bool_or(i.snapshot OPERATOR(pg_catalog.=) $2) "
								  "FROM hub.imports i WHERE i.kind OPERATOR(pg_catalog.=) $1 AND i.finished_at IS NOT NULL",
								  2, (Oid[]) {TEXTOID, DATEOID},
								  (Datum[]) {CStringGetTextDatum(datasets ? "datasets" : "models"), DateADTGetDatum(snapshot)},
								  NULL, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "reading the imports failed");
		s->prev_snapshot = DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		s->hist_shortcut = !isnull;
		this_finished = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		if (!isnull && this_finished)
			s->hist_shortcut = false;
		MemoryContextSwitchTo(s->cxt);
	}
	s->ncols = datasets ? lengthof(dataset_colnames) : lengthof(model_colnames);
	td = RelationGetDescr(main);
	for (int c = 0; c < s->ncols + 3; c++)
	{
		const char *name = c < s->ncols ? names[c] : (c == s->ncols ? "first_snapshot" :
													  c == s->ncols + 1 ? "last_snapshot" : "last_import");
		AttrNumber	a = InvalidAttrNumber;

		for (int i = 0; i < td->natts; i++)
			if (!TupleDescAttr(td, i)->attisdropped && strcmp(NameStr(TupleDescAttr(td, i)->attname), name) == 0)
				a = i + 1;
		if (a == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of \"hub.%s\" does not exist", name, RelationGetRelationName(main)),
					 errhint("The import writes the columns the extension created; recreate the extension's tables.")));
		if (c < s->ncols)
			s->attno[c] = a;
		else if (c == s->ncols)
			s->att_first = a;
		else if (c == s->ncols + 1)
			s->att_last = a;
		else
			s->att_import = a;
	}
	{
		/* which attributes the import writes: the main table's by name */
		bool	   *filled = palloc0(sizeof(bool) * td->natts);

		for (int c = 0; c < s->ncols; c++)
			filled[s->attno[c] - 1] = true;
		filled[s->att_first - 1] = filled[s->att_last - 1] = filled[s->att_import - 1] = true;
		table_setup(&s->main, main, 4096, 1, filled);
		/* id, snapshot, the counts, vanished */
		table_setup(&s->hist, hist, 4096, 2, first_filled(hist, HIST_NATTS));
		/* child, parent, relation, source */
		if (edges)
			table_setup(&s->edges, edges, 4096, 1, first_filled(edges, 4));
	}

	/* the client path carries the filter from chunk to chunk (see Carry) */
	reuse = carry_ok && carry != NULL && carry->import_id == import_id;
	carry_ok = false;
	if (reuse)
	{
		s->seen = carry->seen;
		s->main.empty_at_start = carry->empty[0];
		s->hist.empty_at_start = carry->empty[1];
		s->edges.empty_at_start = carry->empty[2];
	}
	else
	{
		/* an earlier import or chunk of this transaction: its carry goes */
		if (carry != NULL)
		{
			bloom_free(carry->seen);
			pfree(carry);
			carry = NULL;
		}
		if (!xact_callback_registered)
		{
			RegisterXactCallback(carry_xact_callback, NULL);
			xact_callback_registered = true;
		}
		MemoryContextSwitchTo(TopTransactionContext);
		carry = palloc0(sizeof(Carry));
		carry->import_id = import_id;
		carry->subxid = GetCurrentSubTransactionId();
		carry->cid = InvalidCommandId;
		/* a random seed: the ids are the input's, false positives must not be choosable */
		carry->seen = bloom_create(BLOOM_ELEMS, BLOOM_KB, pg_prng_uint64(&pg_global_prng_state));
		MemoryContextSwitchTo(s->cxt);
		s->seen = carry->seen;
		carry->empty[0] = s->main.empty_at_start = table_is_empty(main);
		carry->empty[1] = s->hist.empty_at_start = table_is_empty(hist);
		carry->empty[2] = s->edges.empty_at_start = edges ? table_is_empty(edges) : true;
	}
	MemoryContextSwitchTo(old);
	return s;
}

/*
 * Must the index be asked whether a row of this id exists in t?  Not when t
 * was empty at the start and this import has certainly not stored the id
 * (in any table: one filter serves the three).
 */
static inline bool
must_probe(StoreTable *t, bool maybe)
{
	return !t->empty_at_start || maybe;
}

void
hub_store_batch(HubStore *s, HubBatchData *b)
{
	MemoryContext old = MemoryContextSwitchTo(s->tmp);
	Datum		key[2];
	bool	   *maybe = palloc(sizeof(bool) * Max(b->n, 1));
	int8	   *hstate = palloc0(sizeof(int8) * Max(b->n, 1));
	bool	   *noedges = palloc0(sizeof(bool) * Max(b->n, 1));

	if (b->n > s->main.maxslots)
		elog(ERROR, "hub import: batch larger than the store");
	/* ids are unique within a batch: ask the filter once per record */
	for (int i = 0; i < b->n; i++)
		maybe[i] = maybe_stored(s, DatumGetTextPP(b->vals[COL_ID][i]));
	/* models / datasets */
	for (int i = 0; i < b->n; i++)
	{
		MainArg		arg = {b, i, hstate, noedges};
		TupleTableSlot *slot;

		key[0] = b->vals[COL_ID][i];
		if (must_probe(&s->main, maybe[i]) && probe(s, &s->main, key, 1, main_update, &arg) > 0)
			continue;
		slot = next_slot(&s->main);
		put_main_values(s, slot->tts_values, slot->tts_isnull, b, i);
		queue_slot(&s->main, slot);
	}
	flush_slots(&s->main);

	/* history of this snapshot, by change (hist_store) */
	for (int i = 0; i < b->n; i++)
	{
		TupleTableSlot *slot;

		if (hstate[i] == HIST_SAME)
			continue;
		if (hstate[i] == HIST_PROBE && must_probe(&s->hist, maybe[i]) && !hist_store(s, &s->hist, b, i))
			continue;
		slot = next_slot(&s->hist);
		slot->tts_values[0] = b->vals[COL_ID][i];
		slot->tts_values[1] = DateADTGetDatum(s->snapshot);
		slot->tts_isnull[0] = slot->tts_isnull[1] = false;
		put_hist_counts(slot->tts_values, slot->tts_isnull, b, i);
		queue_slot(&s->hist, slot);
	}
	flush_slots(&s->hist);

	/* edges: the record's replace the model's earlier ones */
	if (!s->datasets)
	{
		for (int i = 0; i < b->n; i++)
		{
			ListCell   *lp,
					   *lr,
					   *ls;

			if (noedges[i])
				continue;
			key[0] = b->vals[COL_ID][i];
			if (must_probe(&s->edges, maybe[i]))
			{
				EdgeSet		e = {0};

				probe(s, &s->edges, key, 1, edge_collect, &e);
				/* the same edges again (the usual case): nothing to write */
				if (edges_same(&e, b->eparent[i], b->erel[i], b->esrc[i]))
					continue;
				for (int k = 0; k < e.n; k++)
					simple_table_tuple_delete(s->edges.rel, &e.tid[k], GetActiveSnapshot());
			}
			if (b->eparent[i] == NIL)
				continue;
			forthree(lp, b->eparent[i], lr, b->erel[i], ls, b->esrc[i])
			{
				TupleTableSlot *slot;

				if (s->edges.nslots == s->edges.maxslots)
					flush_slots(&s->edges);
				slot = next_slot(&s->edges);
				slot->tts_values[0] = b->vals[COL_ID][i];
				slot->tts_values[1] = CStringGetTextDatum((char *) lfirst(lp));
				slot->tts_isnull[0] = slot->tts_isnull[1] = false;
				if (lfirst(lr))
				{
					slot->tts_values[2] = CStringGetTextDatum((char *) lfirst(lr));
					slot->tts_isnull[2] = false;
				}
				slot->tts_values[3] = CStringGetTextDatum((char *) lfirst(ls));
				slot->tts_isnull[3] = false;
				queue_slot(&s->edges, slot);
			}
		}
		flush_slots(&s->edges);
	}

	for (int i = 0; i < b->n; i++)
	{
		text	   *id = DatumGetTextPP(b->vals[COL_ID][i]);

		bloom_add_element(s->seen, (unsigned char *) VARDATA_ANY(id), VARSIZE_ANY_EXHDR(id));
	}
	/* the next batch (and SQL after the import) sees these rows */
	CommandCounterIncrement();
	MemoryContextSwitchTo(old);
	MemoryContextReset(s->tmp);
}

void
hub_store_close(HubStore *s)
{
	table_teardown(&s->main);
	table_teardown(&s->hist);
	table_teardown(&s->edges);
	MemoryContextDelete(s->cxt);
	/* the command id from which the next chunk may trust the carry */
	CommandCounterIncrement();
	if (carry != NULL)
		carry->cid = GetCurrentCommandId(false);
}

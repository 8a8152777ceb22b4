/*-------------------------------------------------------------------------
 *
 * lineage_build.c
 *	  lineage_build(edges regclass): every node's lineage from an edge table
 *	  (child text, parent text, relation text), and lineage_build_problems,
 *	  which lists the edges the builder had to leave out.
 *
 * Steps, all iterative and interruptible:
 *	1. read the edges (a cursor, 10,000 rows at a time), intern the ids;
 *	2. drop self-loops; merge duplicate (child, parent) edges, keeping the
 *	   most specific relation (merge, quantized, adapter, finetune, then
 *	   unknown);
 *	3. break every cycle deterministically: a depth-first search over
 *	   parents, starting from the nodes in id order and visiting parents in
 *	   id order, drops each edge that closes a cycle (leads back to a node
 *	   on the current search path) and nothing else;
 *	4. for every node, collect its ancestors (breadth-first) and store them
 *	   with the edges among them.
 * Memory is proportional to the graph; time is O(V + E) plus the size of
 * the output (every edge among a node's ancestors is visited once for it).
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"
#include "lineage.h"

/* PostgreSQL's own headers behind spi.h and funcapi.h leave parameters unused */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/relation.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#pragma GCC diagnostic pop

PG_FUNCTION_INFO_V1(lineage_build);
PG_FUNCTION_INFO_V1(lineage_build_problems);

typedef enum EdgeFate
{
	EDGE_KEPT,
	EDGE_SELF_LOOP,
	EDGE_DUPLICATE,
	EDGE_CYCLE
} EdgeFate;

static const char *const fate_names[] = {"kept", "self-loop", "duplicate", "cycle"};

/* An edge as read, with what became of it. */
typedef struct BEdge
{
	int32		child;
	int32		parent;
	uint8		rel;
	uint8		fate;
} BEdge;

typedef struct Graph
{
	/* interned ids (a keyed hash: see LineageIdTab); ids/lens/n alias it */
	LineageIdTab tab;
	const char **ids;
	int		   *lens;
	int32		n;
	/* edges in reading order */
	BEdge	   *edges;
	int64		m,
				ecap;
	/* ids sorted: rank[i] is node i's position in id order */
	int32	   *rank;
	int32	   *byrank;
	/* kept edges as adjacency (CSR over children, parents in id order) */
	int64	   *first;
	int32	   *par;
	uint8	   *prel;
	int64	   *pedge;			/* index into edges, to mark cycle edges */
} Graph;

/* Relation precedence when duplicates disagree: higher wins. */
static const int rel_rank[REL_COUNT] = {
	[REL_UNKNOWN] = 0,[REL_FINETUNE] = 1,[REL_ADAPTER] = 2,[REL_QUANTIZED] = 3,[REL_MERGE] = 4
};

static inline int32
graph_intern(Graph *g, const char *id, int len)
{
	int32		i = lineage_idtab_intern(&g->tab, id, len, true, NULL);

	g->ids = g->tab.ids;
	g->lens = g->tab.lens;
	g->n = g->tab.n;
	return i;
}

/* An id from the edge table must follow the id rule of the type. */
static void
check_id(const char *id, int len, const char *column, int64 row)
{
	const char *problem = lineage_id_problem(id, len);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lineage_build: %s of edge " INT64_FORMAT " is not a valid lineage id",
						column, row),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

static uint8
parse_relation(const char *s, int64 row)
{
	bool		clipped;
	char	   *shown;

	for (int r = 0; r < REL_COUNT; r++)
		if (pg_strcasecmp(s, rel_names[r]) == 0)
			return (uint8) r;
	shown = lineage_clip(s, 60, &clipped);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("lineage_build: relation of edge " INT64_FORMAT " is \"%s%s\"", row, shown,
					clipped ? "..." : ""),
			 errhint("A relation is finetune, adapter, quantized, merge, unknown or NULL (unknown).")));
	return REL_UNKNOWN;			/* keep compiler quiet */
}

/*
 * The edge table: it must exist (any OID can be cast to regclass) and be
 * something to select from, and the caller must be allowed to read it:
 * SELECT on it, or on its columns child, parent and relation.  The query
 * itself then runs as the caller too (so row-level security applies).
 * Returns the schema-qualified, quoted name; the lock taken is kept until
 * the end of the transaction, so the relation cannot go away meanwhile.
 */
static char *
graph_relation(Oid relid)
{
	Relation	rel = try_relation_open(relid, AccessShareLock);
	char		relkind;
	char	   *name;
	AclResult	acl;

	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("lineage_build: relation with OID %u does not exist", relid),
				 errhint("Pass the edge table's name, e.g. lineage_build('my_edges').")));
	relkind = rel->rd_rel->relkind;
	if (relkind != RELKIND_RELATION && relkind != RELKIND_VIEW && relkind != RELKIND_MATVIEW &&
		relkind != RELKIND_FOREIGN_TABLE && relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("lineage_build: \"%s\" is not a table or view", RelationGetRelationName(rel))));
	acl = pg_class_aclcheck(relid, GetUserId(), ACL_SELECT);
	if (acl != ACLCHECK_OK)
	{
		static const char *const cols[] = {"child", "parent", "relation"};

		for (int k = 0; k < 3; k++)
		{
			AttrNumber	att = get_attnum(relid, cols[k]);

			if (att == InvalidAttrNumber ||
				pg_attribute_aclcheck(relid, att, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
				aclcheck_error(acl, get_relkind_objtype(relkind), RelationGetRelationName(rel));
		}
	}
	name = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
									  RelationGetRelationName(rel));
	relation_close(rel, NoLock);
	return name;
}

/* Step 1: read every edge through a cursor. */
static void
graph_read(Graph *g, Oid relid)
{
	char	   *query;
	Portal		portal;
	MemoryContext gcxt = CurrentMemoryContext;
	int64		row = 0;

	/* qualified throughout: the caller's search_path must not matter */
	query = psprintf("SELECT child::pg_catalog.text, parent::pg_catalog.text, "
					 "relation::pg_catalog.text FROM %s", graph_relation(relid));
	lineage_idtab_init(&g->tab);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	portal = SPI_cursor_open_with_args(NULL, query, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		SPI_cursor_fetch(portal, true, 10000);
		if (SPI_processed == 0)
			break;
		for (uint64 r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		cnull,
						pnull,
						rnull;
			Datum		cd = SPI_getbinval(tup, desc, 1, &cnull);
			Datum		pd = SPI_getbinval(tup, desc, 2, &pnull);
			Datum		rd = SPI_getbinval(tup, desc, 3, &rnull);
			MemoryContext old;
			text	   *ct,
					   *pt;
			uint8		rel;
			int32		c,
						p;

			row++;
			if (cnull || pnull)
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("lineage_build: edge " INT64_FORMAT " has a NULL %s", row,
								cnull ? "child" : "parent")));
			ct = DatumGetTextPP(cd);
			pt = DatumGetTextPP(pd);
			check_id(VARDATA_ANY(ct), VARSIZE_ANY_EXHDR(ct), "child", row);
			check_id(VARDATA_ANY(pt), VARSIZE_ANY_EXHDR(pt), "parent", row);
			rel = rnull ? REL_UNKNOWN : parse_relation(TextDatumGetCString(rd), row);

			old = MemoryContextSwitchTo(gcxt);
			c = graph_intern(g, VARDATA_ANY(ct), VARSIZE_ANY_EXHDR(ct));
			p = graph_intern(g, VARDATA_ANY(pt), VARSIZE_ANY_EXHDR(pt));
			if (g->m == g->ecap)
			{
				g->ecap = g->ecap ? g->ecap * 2 : 4096;
				g->edges = g->edges ? repalloc_huge(g->edges, sizeof(BEdge) * g->ecap) :
					MemoryContextAllocHuge(gcxt, sizeof(BEdge) * g->ecap);
			}
			g->edges[g->m].child = c;
			g->edges[g->m].parent = p;
			g->edges[g->m].rel = rel;
			g->edges[g->m].fate = (c == p) ? EDGE_SELF_LOOP : EDGE_KEPT;
			g->m++;
			MemoryContextSwitchTo(old);
			ECO_CHECK_INTERRUPTS_EVERY(row);
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
	SPI_finish();
}


/* An id's first 16 bytes as two big-endian integers, for a cheap order. */
typedef struct IdKey
{
	uint64		k0,
				k1;
	int32		idx;
} IdKey;

static uint64
be_prefix(const char *s, int len, int from)
{
	uint64		k = 0;

	for (int i = from; i < from + 8; i++)
		k = (k << 8) | (i < len ? (unsigned char) s[i] : 0);
	return k;
}

static inline int
idkey_cmp(const IdKey *x, const IdKey *y, Graph *sort_graph)
{
	int			lx,
				ly,
				c;

	if (x->k0 != y->k0)
		return x->k0 < y->k0 ? -1 : 1;
	if (x->k1 != y->k1)
		return x->k1 < y->k1 ? -1 : 1;
	lx = sort_graph->lens[x->idx];
	ly = sort_graph->lens[y->idx];
	/* equal first 16 bytes (zero padded): compare the rest bytewise */
	if (lx <= 16 || ly <= 16)
		return (lx > ly) - (lx < ly);
	c = memcmp(sort_graph->ids[x->idx] + 16, sort_graph->ids[y->idx] + 16, Min(lx, ly) - 16);
	return c != 0 ? c : (lx > ly) - (lx < ly);
}

static inline int
edge_order_cmp(const int64 *a, const int64 *b, Graph *sort_graph)
{
	const int64 x = *a,
				y = *b;
	const BEdge *ex = &sort_graph->edges[x],
			   *ey = &sort_graph->edges[y];
	int32		cx = sort_graph->rank[ex->child],
				cy = sort_graph->rank[ey->child],
				px = sort_graph->rank[ex->parent],
				py = sort_graph->rank[ey->parent];

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (px != py)
		return px < py ? -1 : 1;
	/* duplicates: the most specific relation first, then reading order */
	if (ex->rel != ey->rel)
		return rel_rank[ex->rel] > rel_rank[ey->rel] ? -1 : 1;
	return (x > y) - (x < y);
}

/* Interruptible sorts (lib/sort_template.h), the graph passed along. */
#define ST_SORT sort_idkeys
#define ST_ELEMENT_TYPE IdKey
#define ST_COMPARE(a, b, g) idkey_cmp(a, b, g)
#define ST_COMPARE_ARG_TYPE Graph
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

#define ST_SORT sort_edge_order
#define ST_ELEMENT_TYPE int64
#define ST_COMPARE(a, b, g) edge_order_cmp(a, b, g)
#define ST_COMPARE_ARG_TYPE Graph
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

/* Step 2: rank ids, merge duplicates, build the adjacency. */
static void
graph_prepare(Graph *g)
{
	int64	   *order;
	int64		k = 0;

	g->byrank = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(g->n, 1));
	g->rank = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(g->n, 1));
	{
		IdKey	   *keys = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(IdKey) * Max(g->n, 1));

		for (int32 i = 0; i < g->n; i++)
		{
			keys[i].k0 = be_prefix(g->ids[i], g->lens[i], 0);
			keys[i].k1 = be_prefix(g->ids[i], g->lens[i], 8);
			keys[i].idx = i;
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
		if (g->n > 1)
			sort_idkeys(keys, g->n, g);
		for (int32 r = 0; r < g->n; r++)
			g->byrank[r] = keys[r].idx;
		pfree(keys);
	}
	for (int32 r = 0; r < g->n; r++)
	{
		g->rank[g->byrank[r]] = r;
		ECO_CHECK_INTERRUPTS_EVERY(r);
	}

	order = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * Max(g->m, 1));
	for (int64 e = 0; e < g->m; e++)
	{
		if (g->edges[e].fate == EDGE_KEPT)
			order[k++] = e;
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	if (k > 1)
		sort_edge_order(order, k, g);
	CHECK_FOR_INTERRUPTS();

	g->first = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * (g->n + 1));
	g->par = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(k, 1));
	g->prel = MemoryContextAllocHuge(CurrentMemoryContext, Max(k, 1));
	g->pedge = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * Max(k, 1));
	memset(g->first, 0, sizeof(int64) * (g->n + 1));
	{
		int64		j = 0;

		for (int64 i = 0; i < k; i++)
		{
			BEdge	   *e = &g->edges[order[i]];

			if (i > 0)
			{
				BEdge	   *prev = &g->edges[order[i - 1]];

				if (prev->child == e->child && prev->parent == e->parent)
				{
					e->fate = EDGE_DUPLICATE;
					continue;
				}
			}
			g->par[j] = e->parent;
			g->prel[j] = e->rel;
			g->pedge[j] = order[i];
			g->first[e->child + 1]++;
			j++;
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
		/* counts per child, in rank order of children: build offsets by node */
		for (int32 i = 0; i < g->n; i++)
		{
			g->first[i + 1] += g->first[i];
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
	}
	/*
	 * The kept edges are grouped by child in rank order; offsets by node
	 * index need a remap: place each child's group where first[] says.
	 */
	{
		int32	   *par2 = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(k, 1));
		uint8	   *rel2 = MemoryContextAllocHuge(CurrentMemoryContext, Max(k, 1));
		int64	   *edge2 = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * Max(k, 1));
		int64		src = 0;

		for (int32 r = 0; r < g->n; r++)
		{
			int32		c = g->byrank[r];
			int64		cnt = g->first[c + 1] - g->first[c];

			memcpy(par2 + g->first[c], g->par + src, sizeof(int32) * cnt);
			memcpy(rel2 + g->first[c], g->prel + src, cnt);
			memcpy(edge2 + g->first[c], g->pedge + src, sizeof(int64) * cnt);
			src += cnt;
			ECO_CHECK_INTERRUPTS_EVERY(r);
		}
		g->par = par2;
		g->prel = rel2;
		g->pedge = edge2;
	}
	pfree(order);
}

/*
 * Step 3: depth-first over parents from every node in id order, parents in
 * id order; an edge to a node on the current path closes a cycle and is
 * dropped (its relation set to a marker in par[] = -1).
 */
static int64
graph_break_cycles(Graph *g)
{
	uint8	   *color = palloc0(Max(g->n, 1));	/* 0 white, 1 on path, 2 done */
	int32	   *stack = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(g->n, 1));
	int64	   *next = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * Max(g->n, 1));
	int64		broken = 0;
	uint64		steps = 0;

	for (int32 r = 0; r < g->n; r++)
	{
		int32		s = g->byrank[r];
		int32		top = 0;

		if (color[s] != 0)
			continue;
		stack[top] = s;
		next[top] = g->first[s];
		color[s] = 1;
		top++;
		while (top > 0)
		{
			int32		c = stack[top - 1];

			/* one search can cover the whole graph: check as it goes */
			ECO_CHECK_INTERRUPTS_EVERY(++steps);

			if (next[top - 1] < g->first[c + 1])
			{
				int64		e = next[top - 1]++;
				int32		p = g->par[e];

				if (p < 0)
					continue;
				if (color[p] == 1)
				{
					g->edges[g->pedge[e]].fate = EDGE_CYCLE;
					g->par[e] = -1;
					broken++;
				}
				else if (color[p] == 0)
				{
					color[p] = 1;
					stack[top] = p;
					next[top] = g->first[p];
					top++;
				}
			}
			else
			{
				color[c] = 2;
				top--;
			}
		}
		ECO_CHECK_INTERRUPTS_EVERY(r);
	}
	pfree(color);
	pfree(stack);
	pfree(next);
	return broken;
}

static Graph *
graph_load(Oid relid)
{
	Graph	   *g = palloc0(sizeof(Graph));

	graph_read(g, relid);
	graph_prepare(g);
	graph_break_cycles(g);
	return g;
}

/*
 * A node's lineage would exceed the 1 GB a value can hold: 54000, with the
 * node named (cut at a character boundary) and what to do about it.
 */
static void
lineage_build_too_large(Graph *g, int32 s, int32 nodes, int64 edges)
{
	bool		clipped;
	char	   *id = pnstrdup(g->ids[s], g->lens[s]);
	char	   *shown = lineage_clip(id, 60, &clipped);

	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("lineage_build: the lineage of \"%s%s\" would exceed the 1 GB limit of a value",
					shown, clipped ? "..." : ""),
			 errdetail("It reached %d ancestors and " INT64_FORMAT " edges before it was stopped.",
					   nodes - 1, edges),
			 errhint("A node's lineage holds all of its ancestors (a chain d deep stores d(d+1)/2 "
					 "entries in all); look for an unintended long chain in the edge table, "
					 "e.g. with lineage_build on a part of it.")));
}

/*
 * lineage_build(edges regclass) → TABLE(node text, lineage lineage):
 * one row per node of the edge table, in id order.
 */
Datum
lineage_build(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			relid = PG_GETARG_OID(0);
	Graph	   *g;
	int32	   *stamp,
			   *queue;
	LNode	   *nodes;
	LEdge	   *edges;
	int32	   *local;
	int64		ecap = 1024;
	MemoryContext rowcxt;
	int64		counts[4] = {0, 0, 0, 0};

	InitMaterializedSRF(fcinfo, 0);
	g = graph_load(relid);
	for (int64 e = 0; e < g->m; e++)
	{
		counts[g->edges[e].fate]++;
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	ereport(NOTICE,
			(errmsg("lineage_build: %d nodes, " INT64_FORMAT " edges kept; dropped " INT64_FORMAT
					" self-loops, merged " INT64_FORMAT " duplicate edges, broke " INT64_FORMAT " cycle edges",
					g->n, counts[EDGE_KEPT], counts[EDGE_SELF_LOOP], counts[EDGE_DUPLICATE],
					counts[EDGE_CYCLE]),
			 (counts[EDGE_SELF_LOOP] + counts[EDGE_DUPLICATE] + counts[EDGE_CYCLE]) > 0 ?
			 errhint("lineage_build_problems() on the same table lists those edges.") : 0));

	stamp = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(g->n, 1));
	local = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(g->n, 1));
	queue = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int32) * Max(g->n, 1));
	nodes = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(LNode) * Max(g->n, 1));
	edges = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(LEdge) * ecap);
	for (int32 i = 0; i < g->n; i++)
	{
		stamp[i] = -1;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "lineage_build row", ALLOCSET_DEFAULT_SIZES);

	for (int32 r = 0; r < g->n; r++)
	{
		int32		s = g->byrank[r];
		int32		head = 0,
					tail = 0;
		int64		m = 0;
		const char *problem = NULL;
		LineageData *ld;
		Datum		values[2];
		bool		nulls[2] = {false, false};
		MemoryContext old;
		Size		size;

		/*
		 * Breadth-first over kept parent edges; local[] numbers the nodes.
		 * size is what the stored value will take: past the 1 GB limit of a
		 * value, stop before building any of it.
		 */
		size = LINEAGE_HDRSZ + 2 * sizeof(uint32) + g->lens[s];

		stamp[s] = r;
		local[s] = 0;
		queue[tail++] = s;
		while (head < tail)
		{
			int32		c = queue[head++];

			for (int64 e = g->first[c]; e < g->first[c + 1]; e++)
			{
				int32		p = g->par[e];

				if (p < 0)
					continue;
				if (stamp[p] != r)
				{
					stamp[p] = r;
					local[p] = tail;
					queue[tail++] = p;
					size += sizeof(uint32) + g->lens[p];
				}
				size += 2 * sizeof(int32) + 1;
				if (unlikely(size > MaxAllocSize))
					lineage_build_too_large(g, s, tail, m + 1);
				if (m == ecap)
				{
					ecap *= 2;
					edges = repalloc_huge(edges, sizeof(LEdge) * ecap);
				}
				edges[m].child = local[c];
				edges[m].parent = local[p];
				edges[m].rel = g->prel[e];
				m++;
				ECO_CHECK_INTERRUPTS_EVERY(m);
			}
			ECO_CHECK_INTERRUPTS_EVERY(head);
		}
		for (int32 k = 0; k < tail; k++)
		{
			nodes[k].id = g->ids[queue[k]];
			nodes[k].len = g->lens[queue[k]];
			nodes[k].orig = k;
			nodes[k].rank = g->rank[queue[k]];
			ECO_CHECK_INTERRUPTS_EVERY(k);
		}

		old = MemoryContextSwitchTo(rowcxt);
		ld = lineage_build_flat(nodes, tail, edges, (int32) m, &problem);
		if (ld == NULL)
			elog(ERROR, "lineage_build produced an invalid lineage: %s", problem);
		values[0] = PointerGetDatum(cstring_to_text_with_len(g->ids[s], g->lens[s]));
		values[1] = PointerGetDatum(ld);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
		/* a row can be large (a deep chain's rows are): check every one */
		CHECK_FOR_INTERRUPTS();
	}
	return (Datum) 0;
}

/*
 * lineage_build_problems(edges regclass) → TABLE(child text, parent text,
 * relation text, problem text): the edges lineage_build leaves out, with
 * why: 'self-loop', 'duplicate' (another edge between the same two nodes
 * was kept) or 'cycle' (the edge closed a cycle and was dropped).
 */
Datum
lineage_build_problems(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Graph	   *g;

	InitMaterializedSRF(fcinfo, 0);
	g = graph_load(PG_GETARG_OID(0));
	for (int64 e = 0; e < g->m; e++)
	{
		BEdge	   *be = &g->edges[e];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		if (be->fate == EDGE_KEPT)
			continue;
		values[0] = PointerGetDatum(cstring_to_text_with_len(g->ids[be->child], g->lens[be->child]));
		values[1] = PointerGetDatum(cstring_to_text_with_len(g->ids[be->parent], g->lens[be->parent]));
		values[2] = CStringGetTextDatum(rel_names[be->rel]);
		values[3] = CStringGetTextDatum(fate_names[be->fate]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	return (Datum) 0;
}

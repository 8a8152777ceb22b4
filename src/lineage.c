/*-------------------------------------------------------------------------
 *
 * lineage.c
 *	  The lineage type: one model's ancestry DAG (the node, all its
 *	  ancestors, the edges among them and each edge's relation), its text
 *	  and binary I/O, traversal functions and the "derives from" operators.
 *
 * Flat form (LineageData): a versioned header, then
 *		uint32 stroff[nnodes + 1]		offsets of the ids in the string area
 *		int32  echild[nedges]			edges, sorted by (child, parent)
 *		int32  eparent[nedges]
 *		uint8  erel[nedges]				LineageRelation
 *		char   strings[]				the ids, not NUL-terminated
 * Node 0 is the lineage's own node; nodes 1..n-1 are its ancestors sorted
 * by id (bytewise), so "is X an ancestor" is a binary search.  Every
 * stored value is acyclic and every node in it is reachable from node 0.
 *
 * Text form (canonical: the same DAG always prints the same text):
 *		acme/m-q4 => quantized:acme/m; acme/m => finetune:meta/llama-3
 * The node's entry first, then one entry per ancestor that has parents,
 * by id; parents by id.  Ids made only of letters, digits and . _ / - are
 * bare, others double-quoted with \" and \\ escapes.
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"
#include "lineage.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/pg_prng.h"
/* PostgreSQL's own headers behind funcapi.h leave parameters unused */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(lineage_in);
PG_FUNCTION_INFO_V1(lineage_out);
PG_FUNCTION_INFO_V1(lineage_recv);
PG_FUNCTION_INFO_V1(lineage_send);
PG_FUNCTION_INFO_V1(lineage_to_jsonb);
PG_FUNCTION_INFO_V1(lineage_node);
PG_FUNCTION_INFO_V1(lineage_identical);
PG_FUNCTION_INFO_V1(lineage_eq);
PG_FUNCTION_INFO_V1(lineage_ne);
PG_FUNCTION_INFO_V1(lineage_lt);
PG_FUNCTION_INFO_V1(lineage_le);
PG_FUNCTION_INFO_V1(lineage_gt);
PG_FUNCTION_INFO_V1(lineage_ge);
PG_FUNCTION_INFO_V1(lineage_cmp);
PG_FUNCTION_INFO_V1(lineage_hash);
PG_FUNCTION_INFO_V1(lineage_hash_extended);
PG_FUNCTION_INFO_V1(lineage_parents);
PG_FUNCTION_INFO_V1(lineage_roots);
PG_FUNCTION_INFO_V1(lineage_depth);
PG_FUNCTION_INFO_V1(lineage_distance);
PG_FUNCTION_INFO_V1(lineage_ancestors);
PG_FUNCTION_INFO_V1(lineage_relations);
PG_FUNCTION_INFO_V1(lineage_root_shares);
PG_FUNCTION_INFO_V1(lineage_derives_from);
PG_FUNCTION_INFO_V1(lineage_ancestor_of);
PG_FUNCTION_INFO_V1(lineage_derives_from_any);

/*
 * Arrays sized by a value's node or edge count: a valid value can have more
 * entries than a plain palloc allows (1 GB), so allocate "huge".
 */
static inline void *
lin_alloc(Size size)
{
	return MemoryContextAllocHuge(CurrentMemoryContext, Max(size, 1));
}

static inline void *
lin_alloc0(Size size)
{
	void	   *p = lin_alloc(size);

	memset(p, 0, Max(size, 1));
	return p;
}

/*
 * Interruptible sorts (lib/sort_template.h): the sizes are the user's, and
 * a sort of tens of millions of entries must not ignore a cancel.
 */
static int id_cmp(const char *a, int alen, const char *b, int blen);

static inline int
lnode_cmp(const LNode *x, const LNode *y)
{
	if (x->rank >= 0 && y->rank >= 0)
		return (x->rank > y->rank) - (x->rank < y->rank);
	return id_cmp(x->id, x->len, y->id, y->len);
}

static inline int
ledge_cmp(const LEdge *x, const LEdge *y)
{
	if (x->child != y->child)
		return x->child < y->child ? -1 : 1;
	return (x->parent > y->parent) - (x->parent < y->parent);
}

#define ST_SORT sort_lnodes
#define ST_ELEMENT_TYPE LNode
#define ST_COMPARE(a, b) lnode_cmp(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

#define ST_SORT sort_ledges
#define ST_ELEMENT_TYPE LEdge
#define ST_COMPARE(a, b) ledge_cmp(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

#define ST_SORT sort_int32s
#define ST_ELEMENT_TYPE int32
#define ST_COMPARE(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

void
lview_init(Datum d, LView *v, bool with_edges)
{
	LineageData *ld = (LineageData *) PG_DETOAST_DATUM(d);
	const char *p = ld->data;

	v->raw = (struct varlena *) ld;
	if (ld->version != ECO_FORMAT_VERSION || ld->flags != 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("lineage format version %d is not supported by this version of ecostats",
						ld->version)));
	v->n = ld->nnodes;
	v->m = ld->nedges;
	v->stroff = (const uint32 *) p;
	p += sizeof(uint32) * (v->n + 1);
	v->echild = (const int32 *) p;
	p += sizeof(int32) * v->m;
	v->eparent = (const int32 *) p;
	p += sizeof(int32) * v->m;
	v->erel = (const uint8 *) p;
	p += v->m;
	v->strings = p;
	v->first = NULL;
	if (!with_edges)
		return;
	v->first = lin_alloc(sizeof(int32) * ((Size) v->n + 1));
	for (int32 i = 0, e = 0; i <= v->n; i++)
	{
		while (e < v->m && v->echild[e] < i)
			e++;
		v->first[i] = e;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
}

void
lview_free(Datum d, LView *v)
{
	if (v->first)
		pfree(v->first);
	v->first = NULL;
	if (v->raw && (Pointer) v->raw != DatumGetPointer(d))
		pfree(v->raw);
	v->raw = NULL;
}

static text *
lv_text(const LView *v, int32 i)
{
	int			len;
	const char *s = lv_id(v, i, &len);

	return cstring_to_text_with_len(s, len);
}

static int
id_cmp(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

/* Index of an ancestor with this id, or -1 (node 0 is not its own ancestor). */
static int32
lv_find_ancestor(const LView *v, const char *id, int len)
{
	int32		lo = 1,
				hi = v->n - 1;

	while (lo <= hi)
	{
		int32		mid = lo + (hi - lo) / 2;
		int			mlen;
		const char *mid_id = lv_id(v, mid, &mlen);
		int			c = id_cmp(mid_id, mlen, id, len);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * Nodes in an order where every child comes before its parents (Kahn's
 * algorithm from node 0).  Iterative: a 10,000-deep chain is no problem.
 */
static int32 *
lv_topo_order(const LView *v)
{
	int32	   *indeg = lin_alloc0(sizeof(int32) * v->n);
	int32	   *order = lin_alloc(sizeof(int32) * v->n);
	int32		head = 0,
				tail = 0;

	for (int32 e = 0; e < v->m; e++)
	{
		indeg[v->eparent[e]]++;
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	order[tail++] = 0;
	while (head < tail)
	{
		int32		c = order[head++];

		for (int32 e = v->first[c]; e < v->first[c + 1]; e++)
		{
			if (--indeg[v->eparent[e]] == 0)
				order[tail++] = v->eparent[e];
			ECO_CHECK_INTERRUPTS_EVERY(e);
		}
		ECO_CHECK_INTERRUPTS_EVERY(head);
	}
	pfree(indeg);
	return order;
}

/* ------------------------------------------------------------------------
 * Building a flat value from parsed or received parts
 * ------------------------------------------------------------------------
 */

/*
 * Validate and store a graph given as nodes (nodes[0] = the lineage's
 * node) and edges over their indexes.  On a problem, returns NULL with
 * *problem set.  O((n + m) log(n + m)) whatever the graph, and
 * interruptible throughout.
 */
LineageData *
lineage_build_flat(LNode *nodes, int32 n, LEdge *edges, int32 m, const char **problem)
{
	int32	   *newidx;
	int32	   *indeg,
			   *queue,
			   *first;
	int32		head = 0,
				tail = 0;
	Size		strbytes = 0,
				sz;
	LineageData *ld;
	char	   *p;
	uint32	   *stroff;
	int32	   *echild,
			   *eparent;
	uint8	   *erel;

	/* a lineage has its node; saying so also bounds the sizes below for the compiler */
	if (n < 1 || m < 0)
		elog(ERROR, "lineage with %d nodes and %d edges", n, m);
	newidx = lin_alloc(sizeof(int32) * n);

	/* canonical node order: the node first, ancestors by id */
	if (n > 2)
		sort_lnodes(nodes + 1, n - 1);
	for (int32 i = 0; i < n; i++)
	{
		newidx[nodes[i].orig] = i;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	for (int32 i = 1; i < n; i++)
	{
		if ((i + 1 < n &&
			 id_cmp(nodes[i].id, nodes[i].len, nodes[i + 1].id, nodes[i + 1].len) == 0) ||
			id_cmp(nodes[0].id, nodes[0].len, nodes[i].id, nodes[i].len) == 0)
		{
			*problem = "an id is listed twice";
			return NULL;
		}
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	for (int32 e = 0; e < m; e++)
	{
		edges[e].child = newidx[edges[e].child];
		edges[e].parent = newidx[edges[e].parent];
		if (edges[e].child == edges[e].parent)
		{
			*problem = "a node cannot be its own parent";
			return NULL;
		}
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	pfree(newidx);
	if (m > 1)
		sort_ledges(edges, m);
	for (int32 e = 0; e + 1 < m; e++)
	{
		if (edges[e].child == edges[e + 1].child && edges[e].parent == edges[e + 1].parent)
		{
			*problem = "the same parent is listed twice for a node";
			return NULL;
		}
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}

	/* acyclic, and every node reachable from node 0 (Kahn from node 0) */
	first = lin_alloc(sizeof(int32) * ((Size) n + 1));
	for (int32 i = 0, e = 0; i <= n; i++)
	{
		while (e < m && edges[e].child < i)
			e++;
		first[i] = e;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	indeg = lin_alloc0(sizeof(int32) * n);
	queue = lin_alloc(sizeof(int32) * n);
	for (int32 e = 0; e < m; e++)
	{
		indeg[edges[e].parent]++;
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	if (indeg[0] != 0)
	{
		*problem = "the lineage's own node cannot be an ancestor of itself (cycle)";
		return NULL;
	}
	queue[tail++] = 0;
	while (head < tail)
	{
		int32		c = queue[head++];

		for (int32 e = first[c]; e < first[c + 1]; e++)
		{
			if (--indeg[edges[e].parent] == 0)
				queue[tail++] = edges[e].parent;
			ECO_CHECK_INTERRUPTS_EVERY(e);
		}
		ECO_CHECK_INTERRUPTS_EVERY(head);
	}
	if (tail != n)
	{
		/*
		 * A node was never freed: it is on a cycle, below one, or not
		 * reachable from node 0 at all.  Tell these apart with one search
		 * from node 0 over all edges (linear: every node and edge once).
		 */
		bool	   *reached = lin_alloc0(sizeof(bool) * n);
		int32		nreached = 0;

		head = tail = 0;
		queue[tail++] = 0;
		reached[0] = true;
		while (head < tail)
		{
			int32		c = queue[head++];

			for (int32 e = first[c]; e < first[c + 1]; e++)
			{
				if (!reached[edges[e].parent])
				{
					reached[edges[e].parent] = true;
					queue[tail++] = edges[e].parent;
				}
				ECO_CHECK_INTERRUPTS_EVERY(e);
			}
			ECO_CHECK_INTERRUPTS_EVERY(head);
		}
		nreached = tail;
		*problem = nreached == n ? "the edges form a cycle" :
			"every listed node must be an ancestor of the lineage's node";
		return NULL;
	}
	pfree(indeg);
	pfree(queue);
	pfree(first);

	for (int32 i = 0; i < n; i++)
		strbytes += nodes[i].len;
	sz = LINEAGE_HDRSZ + sizeof(uint32) * ((Size) n + 1) + 2 * sizeof(int32) * (Size) m +
		(Size) m + strbytes;
	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("lineage with %d nodes and %d edges is too large", n, m),
				 errdetail("A lineage value is at most 1 GB.")));
	ld = palloc0(sz);
	SET_VARSIZE(ld, sz);
	ld->version = ECO_FORMAT_VERSION;
	ld->nnodes = n;
	ld->nedges = m;
	p = ld->data;
	stroff = (uint32 *) p;
	p += sizeof(uint32) * (n + 1);
	echild = (int32 *) p;
	p += sizeof(int32) * m;
	eparent = (int32 *) p;
	p += sizeof(int32) * m;
	erel = (uint8 *) p;
	p += m;
	stroff[0] = 0;
	for (int32 i = 0; i < n; i++)
	{
		memcpy(p + stroff[i], nodes[i].id, nodes[i].len);
		stroff[i + 1] = stroff[i] + nodes[i].len;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	for (int32 e = 0; e < m; e++)
	{
		echild[e] = edges[e].child;
		eparent[e] = edges[e].parent;
		erel[e] = edges[e].rel;
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	return ld;
}

/* ------------------------------------------------------------------------
 * Text I/O
 * ------------------------------------------------------------------------
 */

static inline bool
bare_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '.' || c == '_' || c == '/' || c == '-';
}

static void
append_id(StringInfo buf, const char *id, int len)
{
	bool		bare = len > 0;

	for (int i = 0; i < len && bare; i++)
		bare = bare_char(id[i]);
	if (bare)
	{
		appendBinaryStringInfo(buf, id, len);
		return;
	}
	appendStringInfoChar(buf, '"');
	for (int i = 0; i < len; i++)
	{
		if (id[i] == '"' || id[i] == '\\')
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, id[i]);
	}
	appendStringInfoChar(buf, '"');
}

/* The input being parsed, for messages: its start, cut at a character boundary. */
static int
lin_input_errmsg(const char *input)
{
	bool		clipped;
	char	   *shown = lineage_clip(input, 60, &clipped);

	return errmsg("invalid input syntax for type lineage: \"%s%s\"", shown, clipped ? "..." : "");
}

/*
 * A syntax error at position at (a character count in DETAIL).  Returns
 * false when the error was soft (s->escontext); raises it otherwise.
 */
static bool
lin_scan_error(EcoScanner *s, const char *at, const char *detail)
{
	eco_errsave(s->escontext,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				lin_input_errmsg(s->input),
				errdetail("%s at character %d.", detail,
						  pg_mbstrlen_with_len(s->input, (int) (at - s->input)) + 1));
	return false;
}

/*
 * Parse one id (bare or quoted) and check it against the id rule.  A bare
 * id is returned in place (a pointer into the input: no copy); a quoted one
 * is unescaped into scratch, which the next call overwrites.  Either way
 * the memory used does not grow with the number of ids.  NULL after a soft
 * error.
 */
static const char *
scan_id(EcoScanner *s, StringInfo scratch, int *len, bool *in_place)
{
	const char *start;
	const char *id;
	const char *problem;

	eco_scan_ws(s);
	start = s->p;
	if (*s->p == '"')
	{
		resetStringInfo(scratch);
		s->p++;
		for (;;)
		{
			char		c = *s->p;

			if (c == '\0')
			{
				(void) lin_scan_error(s, s->p, "unterminated quoted id");
				return NULL;
			}
			if (c == '"')
			{
				s->p++;
				break;
			}
			if (c == '\\')
			{
				s->p++;
				c = *s->p;
				if (c == '\0')
				{
					(void) lin_scan_error(s, s->p, "unterminated quoted id");
					return NULL;
				}
			}
			appendStringInfoChar(scratch, c);
			s->p++;
			/* too long already: say so now rather than copy the rest */
			if (scratch->len > LINEAGE_MAX_ID)
			{
				(void) lin_scan_error(s, start, lineage_id_problem(scratch->data, scratch->len));
				return NULL;
			}
		}
		id = scratch->data;
		*len = scratch->len;
		*in_place = false;
	}
	else
	{
		while (bare_char(*s->p))
			s->p++;
		if (s->p == start)
		{
			(void) lin_scan_error(s, s->p, "expected an id");
			return NULL;
		}
		id = start;
		*len = (int) Min(s->p - start, (ptrdiff_t) LINEAGE_MAX_ID + 1);
		*in_place = true;
	}
	problem = lineage_id_problem(id, *len);
	if (problem)
	{
		(void) lin_scan_error(s, start, problem);
		return NULL;
	}
	return id;
}

/* A relation and its ":"; -1 after a soft error. */
static int
scan_relation(EcoScanner *s)
{
	eco_scan_ws(s);
	for (int r = 0; r < REL_COUNT; r++)
	{
		size_t		l = strlen(rel_names[r]);

		if (strncmp(s->p, rel_names[r], l) == 0 && s->p[l] == ':')
		{
			s->p += l + 1;
			return r;
		}
	}
	(void) lin_scan_error(s, s->p, "expected a relation (finetune, adapter, quantized, merge or unknown) followed by \":\"");
	return -1;
}

/* Scan an id and return its node index; -1 after a soft error. */
static int32
scan_node(EcoScanner *s, StringInfo scratch, LineageIdTab *t)
{
	int			len;
	bool		in_place;
	const char *id = scan_id(s, scratch, &len, &in_place);

	if (id == NULL)
		return -1;
	return lineage_idtab_intern(t, id, len, !in_place, NULL);
}

/* Make flags[] hold at least need entries, new ones false. */
static void
grow_flags(bool **flags, int32 *cap, int32 need)
{
	int32		nc;

	if (need <= *cap)
		return;
	nc = Max(64, need * 2);
	*flags = *flags ? repalloc_huge(*flags, nc) : lin_alloc(nc);
	memset(*flags + *cap, 0, nc - *cap);
	*cap = nc;
}

/*
 * Text input.  Memory: the id table and the edges, proportional to the
 * input (bare ids are not copied; a quoted id is copied once when new).
 * Time: linear in the input plus the sorts in lineage_build_flat.
 */
Datum
lineage_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	EcoScanner	s;
	StringInfoData scratch;
	LineageIdTab t;
	LNode	   *nodes;
	LEdge	   *edges = NULL;
	int32		m = 0,
				ecap = 0;
	bool	   *has_entry = NULL;
	int32		hcap = 0;
	const char *problem = NULL;
	LineageData *ld;

	eco_scan_init(&s, str, "lineage", ECO_ESCONTEXT(fcinfo));
	initStringInfo(&scratch);
	lineage_idtab_init(&t);
	do
	{
		int32		child = scan_node(&s, &scratch, &t);

		if (child < 0)
			PG_RETURN_NULL();
		grow_flags(&has_entry, &hcap, child + 1);
		if (has_entry[child])
			ECO_SCAN(lin_scan_error(&s, s.p, "the parents of an id are listed twice"));
		has_entry[child] = true;
		if (eco_scan_try(&s, "=>"))
		{
			do
			{
				int			rel = scan_relation(&s);
				int32		parent;

				if (rel < 0 || (parent = scan_node(&s, &scratch, &t)) < 0)
					PG_RETURN_NULL();
				if (m == ecap)
				{
					if (ecap > PG_INT32_MAX / 2)
						ECO_SCAN(lin_scan_error(&s, s.p, "too many edges"));
					ecap = ecap ? ecap * 2 : 16;
					edges = edges ? repalloc_huge(edges, sizeof(LEdge) * ecap) :
						lin_alloc(sizeof(LEdge) * ecap);
				}
				edges[m].child = child;
				edges[m].parent = parent;
				edges[m].rel = (uint8) rel;
				m++;
				ECO_CHECK_INTERRUPTS_EVERY(m);
			} while (eco_scan_try(&s, ","));
		}
		CHECK_FOR_INTERRUPTS();
	} while (eco_scan_try(&s, ";"));
	eco_scan_ws(&s);
	if (*s.p != '\0')
		ECO_SCAN(lin_scan_error(&s, s.p, "unexpected trailing characters"));
	pfree(scratch.data);
	if (has_entry)
		pfree(has_entry);

	nodes = lin_alloc(sizeof(LNode) * t.n);
	for (int32 i = 0; i < t.n; i++)
	{
		nodes[i].id = t.ids[i];
		nodes[i].len = t.lens[i];
		nodes[i].orig = i;
		nodes[i].rank = -1;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	ld = lineage_build_flat(nodes, t.n, edges, m, &problem);
	if (ld == NULL)
		eco_ereturn(ECO_ESCONTEXT(fcinfo), (Datum) 0,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					lin_input_errmsg(str),
					errdetail("%s.", problem));
	PG_RETURN_POINTER(ld);
}

Datum
lineage_out(PG_FUNCTION_ARGS)
{
	LView		v;
	StringInfoData buf;
	bool		firstentry = true;

	lview_init(PG_GETARG_DATUM(0), &v, true);
	initStringInfo(&buf);
	for (int32 i = 0; i < v.n; i++)
	{
		int			len;
		const char *id;

		/* the node always; an ancestor only when it has parents */
		if (i > 0 && v.first[i] == v.first[i + 1])
			continue;
		if (!firstentry)
			appendStringInfoString(&buf, "; ");
		firstentry = false;
		id = lv_id(&v, i, &len);
		append_id(&buf, id, len);
		for (int32 e = v.first[i]; e < v.first[i + 1]; e++)
		{
			appendStringInfoString(&buf, e == v.first[i] ? " => " : ", ");
			appendStringInfoString(&buf, rel_names[v.erel[e]]);
			appendStringInfoChar(&buf, ':');
			id = lv_id(&v, v.eparent[e], &len);
			append_id(&buf, id, len);
			ECO_CHECK_INTERRUPTS_EVERY(e);
		}
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* ------------------------------------------------------------------------
 * Binary I/O.  Format: int8 version, int8 flags (0), int32 nnodes,
 * int32 nedges, then per node int32 length + bytes (node 0 first), then
 * per edge int32 child, int32 parent, int8 relation.  Validated like text
 * (the same id rule, and the ids' encoding, which text input gets checked
 * by the server before the type sees it).
 * ------------------------------------------------------------------------
 */

static void
lineage_recv_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid external lineage value"),
			 errdetail("%s", detail)));
}

Datum
lineage_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				flags;
	int32		n,
				m;
	LNode	   *nodes;
	LEdge	   *edges;
	const char *problem = NULL;
	LineageData *ld;

	if (buf->len - buf->cursor < 1 + 1 + 4 + 4)
		lineage_recv_error("Message is shorter than the header.");
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	n = pq_getmsgint(buf, 4);
	m = pq_getmsgint(buf, 4);
	if (version != ECO_FORMAT_VERSION)
		lineage_recv_error("Unsupported format version.");
	if (flags != 0)
		lineage_recv_error("Unknown flags.");
	if (n < 1 || m < 0)
		lineage_recv_error("Invalid number of nodes or edges.");
	/* before allocating: each node takes at least 5 bytes, each edge 9 */
	if ((int64) n * 5 + (int64) m * 9 > (int64) (buf->len - buf->cursor))
		lineage_recv_error("Message is shorter than its numbers of nodes and edges require.");
	nodes = lin_alloc(sizeof(LNode) * n);
	for (int32 i = 0; i < n; i++)
	{
		int32		len;
		const char *b;

		/* every read is checked first: a short message is 22P03, not 08P01 */
		if (buf->len - buf->cursor < 4)
			lineage_recv_error("Message ends inside the nodes.");
		len = pq_getmsgint(buf, 4);
		if (len < 0 || len > buf->len - buf->cursor)
			lineage_recv_error("Invalid id length.");
		b = pq_getmsgbytes(buf, len);
		problem = lineage_id_problem(b, len);
		if (problem)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external lineage value"),
					 errdetail("Node %d: %s.", i + 1, problem)));
		if (!pg_verifymbstr(b, len, true))
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("invalid external lineage value"),
					 errdetail("Node %d: the id is not valid in encoding \"%s\".",
							   i + 1, GetDatabaseEncodingName())));
		/* in place: the message outlives this call, and build_flat copies */
		nodes[i].id = b;
		nodes[i].len = len;
		nodes[i].orig = i;
		nodes[i].rank = -1;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	if ((int64) (buf->len - buf->cursor) != (int64) m * 9)
		lineage_recv_error("Message length does not match the number of edges.");
	edges = lin_alloc(sizeof(LEdge) * Max(m, 1));
	for (int32 e = 0; e < m; e++)
	{
		edges[e].child = pq_getmsgint(buf, 4);
		edges[e].parent = pq_getmsgint(buf, 4);
		edges[e].rel = (uint8) pq_getmsgbyte(buf);
		if (edges[e].child < 0 || edges[e].child >= n ||
			edges[e].parent < 0 || edges[e].parent >= n || edges[e].rel >= REL_COUNT)
			lineage_recv_error("Invalid edge.");
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	pq_getmsgend(buf);
	ld = lineage_build_flat(nodes, n, edges, m, &problem);
	if (ld == NULL)
		lineage_recv_error(problem);
	PG_RETURN_POINTER(ld);
}

Datum
lineage_send(PG_FUNCTION_ARGS)
{
	LView		v;
	StringInfoData buf;

	lview_init(PG_GETARG_DATUM(0), &v, false);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ECO_FORMAT_VERSION);
	pq_sendbyte(&buf, 0);
	pq_sendint32(&buf, v.n);
	pq_sendint32(&buf, v.m);
	for (int32 i = 0; i < v.n; i++)
	{
		int			len;
		const char *id = lv_id(&v, i, &len);

		pq_sendint32(&buf, len);
		pq_sendbytes(&buf, id, len);
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	for (int32 e = 0; e < v.m; e++)
	{
		pq_sendint32(&buf, v.echild[e]);
		pq_sendint32(&buf, v.eparent[e]);
		pq_sendbyte(&buf, v.erel[e]);
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void
push_jsonb_string(JsonbParseState **st, JsonbIteratorToken tok, const char *s, int len)
{
	JsonbValue	jv;

	jv.type = jbvString;
	jv.val.string.val = (char *) s;
	jv.val.string.len = len;
	pushJsonbValue(st, tok, &jv);
}

static void
push_jsonb_id(JsonbParseState **st, const LView *v, int32 i)
{
	int			len;
	const char *id = lv_id(v, i, &len);

	push_jsonb_string(st, WJB_VALUE, id, len);
}

/*
 * lineage → jsonb: {"node": …, "edges": [{"child", "parent", "relation"}, …]}.
 * Built directly (no text form to parse again), edges in stored order.
 */
Datum
lineage_to_jsonb(PG_FUNCTION_ARGS)
{
	LView		v;
	JsonbParseState *st = NULL;
	JsonbValue *res;

	lview_init(PG_GETARG_DATUM(0), &v, false);
	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	push_jsonb_string(&st, WJB_KEY, "node", 4);
	push_jsonb_id(&st, &v, 0);
	push_jsonb_string(&st, WJB_KEY, "edges", 5);
	pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
	for (int32 e = 0; e < v.m; e++)
	{
		const char *rel = rel_names[v.erel[e]];

		pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
		push_jsonb_string(&st, WJB_KEY, "child", 5);
		push_jsonb_id(&st, &v, v.echild[e]);
		push_jsonb_string(&st, WJB_KEY, "parent", 6);
		push_jsonb_id(&st, &v, v.eparent[e]);
		push_jsonb_string(&st, WJB_KEY, "relation", 8);
		push_jsonb_string(&st, WJB_VALUE, rel, (int) strlen(rel));
		pushJsonbValue(&st, WJB_END_OBJECT, NULL);
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	pushJsonbValue(&st, WJB_END_ARRAY, NULL);
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	PG_RETURN_POINTER(JsonbValueToJsonb(res));
}

/* ------------------------------------------------------------------------
 * Traversal
 * ------------------------------------------------------------------------
 */

/*
 * lineage_identical(a, b): the two values are the same bytes, which for
 * lineage is the same graph (one canonical form, see lineage_compare): the
 * same as =, kept for the callers of 0.1.0.
 */
Datum
lineage_identical(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));
	Size		la = VARSIZE_ANY_EXHDR(a),
				lb = VARSIZE_ANY_EXHDR(b);

	PG_RETURN_BOOL(la == lb && memcmp(VARDATA_ANY(a), VARDATA_ANY(b), la) == 0);
}

/*
 * Equality, order and hashing (the btree and hash operator classes).
 *
 * Every value is stored in one canonical form — the lineage's own node
 * first, then its ancestors in byte order of their ids, the edges in order
 * of (child, parent), each (child, parent) once with its relation — since
 * every way of making one (text and binary input, lineage_build) goes
 * through lineage_build_flat.  So two values are the same graph exactly
 * when they are the same bytes: = is byte equality, and the hash is that of
 * the bytes.
 *
 * The order, total and consistent with =: by the lineage's own model id
 * (byte order, as COLLATE "C" sorts it), then by the number of nodes, then
 * of edges, then by the stored bytes (an order with no meaning of its own,
 * but the same on every platform and release of the format).
 */
static int
lineage_compare(Datum a, Datum b)
{
	LView		va,
				vb;
	const char *ia,
			   *ib;
	int			la,
				lb,
				c;

	lview_init(a, &va, false);
	lview_init(b, &vb, false);
	ia = lv_id(&va, 0, &la);
	ib = lv_id(&vb, 0, &lb);
	c = id_cmp(ia, la, ib, lb);
	if (c == 0 && va.n != vb.n)
		c = va.n < vb.n ? -1 : 1;
	if (c == 0 && va.m != vb.m)
		c = va.m < vb.m ? -1 : 1;
	if (c == 0)
	{
		Size		sa = VARSIZE(va.raw) - VARHDRSZ,
					sb = VARSIZE(vb.raw) - VARHDRSZ;

		c = memcmp(VARDATA(va.raw), VARDATA(vb.raw), Min(sa, sb));
		if (c == 0)
			c = (sa > sb) - (sa < sb);
	}
	lview_free(a, &va);
	lview_free(b, &vb);
	return (c > 0) - (c < 0);
}

static bool
lineage_same_bytes(Datum a, Datum b)
{
	struct varlena *x = PG_DETOAST_DATUM_PACKED(a);
	struct varlena *y = PG_DETOAST_DATUM_PACKED(b);
	Size		lx = VARSIZE_ANY_EXHDR(x),
				ly = VARSIZE_ANY_EXHDR(y);
	bool		same = lx == ly && memcmp(VARDATA_ANY(x), VARDATA_ANY(y), lx) == 0;

	if ((Pointer) x != DatumGetPointer(a))
		pfree(x);
	if ((Pointer) y != DatumGetPointer(b))
		pfree(y);
	return same;
}

Datum
lineage_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(lineage_same_bytes(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum
lineage_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!lineage_same_bytes(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum
lineage_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(lineage_compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) < 0);
}

Datum
lineage_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(lineage_compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) <= 0);
}

Datum
lineage_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(lineage_compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) > 0);
}

Datum
lineage_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(lineage_compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) >= 0);
}

Datum
lineage_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(lineage_compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum
lineage_hash(PG_FUNCTION_ARGS)
{
	struct varlena *x = PG_GETARG_VARLENA_PP(0);
	Datum		h = hash_any((const unsigned char *) VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x));

	PG_FREE_IF_COPY(x, 0);
	return h;
}

Datum
lineage_hash_extended(PG_FUNCTION_ARGS)
{
	struct varlena *x = PG_GETARG_VARLENA_PP(0);
	Datum		h = hash_any_extended((const unsigned char *) VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x),
									  PG_GETARG_INT64(1));

	PG_FREE_IF_COPY(x, 0);
	return h;
}

Datum
lineage_node(PG_FUNCTION_ARGS)
{
	LView		v;

	lview_init(PG_GETARG_DATUM(0), &v, false);
	PG_RETURN_TEXT_P(lv_text(&v, 0));
}

static ArrayType *
text_array(Datum *elems, int n)
{
	if (n == 0)
		return construct_empty_array(TEXTOID);
	return construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* parents of the node, by id */
Datum
lineage_parents(PG_FUNCTION_ARGS)
{
	LView		v;
	Datum	   *elems;
	int			k = 0;

	lview_init(PG_GETARG_DATUM(0), &v, true);
	elems = lin_alloc(sizeof(Datum) * v.first[1]);
	for (int32 e = v.first[0]; e < v.first[1]; e++)
	{
		elems[k++] = PointerGetDatum(lv_text(&v, v.eparent[e]));
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	PG_RETURN_ARRAYTYPE_P(text_array(elems, k));
}

/* ancestors without parents, by id; the node itself when it has none */
Datum
lineage_roots(PG_FUNCTION_ARGS)
{
	LView		v;
	Datum	   *elems;
	int			k = 0;

	lview_init(PG_GETARG_DATUM(0), &v, true);
	elems = lin_alloc(sizeof(Datum) * v.n);
	for (int32 i = (v.n == 1 ? 0 : 1); i < v.n; i++)
	{
		if (v.first[i] == v.first[i + 1])
			elems[k++] = PointerGetDatum(lv_text(&v, i));
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	PG_RETURN_ARRAYTYPE_P(text_array(elems, k));
}

/* longest path from the node to a root; 0 for a root */
Datum
lineage_depth(PG_FUNCTION_ARGS)
{
	LView		v;
	int32	   *order;
	int32	   *depth;

	lview_init(PG_GETARG_DATUM(0), &v, true);
	order = lv_topo_order(&v);
	depth = lin_alloc0(sizeof(int32) * v.n);
	/* parents come after children in order: walk it backwards */
	for (int32 k = v.n - 1; k >= 0; k--)
	{
		int32		c = order[k];

		for (int32 e = v.first[c]; e < v.first[c + 1]; e++)
		{
			depth[c] = Max(depth[c], depth[v.eparent[e]] + 1);
			ECO_CHECK_INTERRUPTS_EVERY(e);
		}
		ECO_CHECK_INTERRUPTS_EVERY(k);
	}
	PG_RETURN_INT32(depth[0]);
}

/*
 * Breadth-first search from the node over parent edges: the fewest hops to
 * each ancestor and the relation of the edge that first reached it (parents
 * are visited in id order, so ties between shortest paths resolve to the
 * edge from the child that the search reached first).
 */
static void
lv_bfs(const LView *v, int32 *dist, uint8 *via, int32 *order)
{
	int32		head = 0,
				tail = 0;

	for (int32 i = 0; i < v->n; i++)
	{
		dist[i] = -1;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	dist[0] = 0;
	order[tail++] = 0;
	while (head < tail)
	{
		int32		c = order[head++];

		for (int32 e = v->first[c]; e < v->first[c + 1]; e++)
		{
			int32		p = v->eparent[e];

			if (dist[p] < 0)
			{
				dist[p] = dist[c] + 1;
				via[p] = v->erel[e];
				order[tail++] = p;
			}
			ECO_CHECK_INTERRUPTS_EVERY(e);
		}
		ECO_CHECK_INTERRUPTS_EVERY(head);
	}
}

Datum
lineage_distance(PG_FUNCTION_ARGS)
{
	LView		v;
	text	   *t = PG_GETARG_TEXT_PP(1);
	int32		target;
	int32	   *dist,
			   *order;
	uint8	   *via;

	lview_init(PG_GETARG_DATUM(0), &v, true);
	target = lv_find_ancestor(&v, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if (target < 0)
		PG_RETURN_NULL();
	dist = lin_alloc(sizeof(int32) * v.n);
	order = lin_alloc(sizeof(int32) * v.n);
	via = lin_alloc(v.n);
	lv_bfs(&v, dist, via, order);
	PG_RETURN_INT32(dist[target]);
}

/* TABLE(ancestor text, distance int, relation text), nearest first, then by id */
Datum
lineage_ancestors(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	LView		v;
	int32	   *dist,
			   *order;
	uint8	   *via;

	InitMaterializedSRF(fcinfo, 0);
	lview_init(PG_GETARG_DATUM(0), &v, true);
	dist = lin_alloc(sizeof(int32) * v.n);
	order = lin_alloc(sizeof(int32) * v.n);
	via = lin_alloc(v.n);
	lv_bfs(&v, dist, via, order);

	/*
	 * BFS order is by distance (every node is reached: v.n entries); within
	 * a distance, list by id, which for ancestors is index order.  Sorting
	 * each distance's run keeps this O(n log n) however deep the value is.
	 */
	for (int32 a = 1, b; a < v.n; a = b)
	{
		for (b = a; b < v.n && dist[order[b]] == dist[order[a]]; b++)
			ECO_CHECK_INTERRUPTS_EVERY(b);
		sort_int32s(order + a, b - a);
		for (int32 k = a; k < b; k++)
		{
			int32		i = order[k];
			Datum		values[3];
			bool		nulls[3] = {false, false, false};

			values[0] = PointerGetDatum(lv_text(&v, i));
			values[1] = Int32GetDatum(dist[i]);
			values[2] = CStringGetTextDatum(rel_names[via[i]]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			CHECK_FOR_INTERRUPTS();
		}
	}
	return (Datum) 0;
}

/* the distinct relations of the edges (every edge lies on a path), by name */
Datum
lineage_relations(PG_FUNCTION_ARGS)
{
	LView		v;
	bool		present[REL_COUNT] = {false};
	const char *sorted[REL_COUNT] = {"adapter", "finetune", "merge", "quantized", "unknown"};
	Datum		elems[REL_COUNT];
	int			k = 0;

	lview_init(PG_GETARG_DATUM(0), &v, false);
	for (int32 e = 0; e < v.m; e++)
	{
		present[v.erel[e]] = true;
		ECO_CHECK_INTERRUPTS_EVERY(e);
	}
	for (int s = 0; s < REL_COUNT; s++)
		for (int r = 0; r < REL_COUNT; r++)
			if (present[r] && strcmp(rel_names[r], sorted[s]) == 0)
				elems[k++] = CStringGetTextDatum(sorted[s]);
	PG_RETURN_ARRAYTYPE_P(text_array(elems, k));
}

/*
 * TABLE(root text, share float8): 1.0 starts at the node and is split
 * equally among the parents at every node, so the roots' shares sum to 1
 * (attribution); by root id.
 */
Datum
lineage_root_shares(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	LView		v;
	int32	   *order;
	double	   *share;

	InitMaterializedSRF(fcinfo, 0);
	lview_init(PG_GETARG_DATUM(0), &v, true);
	order = lv_topo_order(&v);
	share = lin_alloc0(sizeof(double) * v.n);
	share[0] = 1.0;
	for (int32 k = 0; k < v.n; k++)
	{
		int32		c = order[k];
		int32		np = v.first[c + 1] - v.first[c];

		for (int32 e = v.first[c]; e < v.first[c + 1]; e++)
		{
			share[v.eparent[e]] += share[c] / np;
			ECO_CHECK_INTERRUPTS_EVERY(e);
		}
		ECO_CHECK_INTERRUPTS_EVERY(k);
	}
	for (int32 i = 0; i < v.n; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		ECO_CHECK_INTERRUPTS_EVERY(i);
		if (v.first[i] != v.first[i + 1])
			continue;
		values[0] = PointerGetDatum(lv_text(&v, i));
		values[1] = Float8GetDatum(share[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* Whether id t is an ancestor of the lineage datum (ids only: no edge index). */
static bool
derives_from(Datum lineage, text *t)
{
	LView		v;

	lview_init(lineage, &v, false);
	return lv_find_ancestor(&v, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)) >= 0;
}

/* lineage <@ text: the node derives from that id (it is an ancestor) */
Datum
lineage_derives_from(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(derives_from(PG_GETARG_DATUM(0), PG_GETARG_TEXT_PP(1)));
}

/* text @> lineage: the commutator */
Datum
lineage_ancestor_of(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(derives_from(PG_GETARG_DATUM(1), PG_GETARG_TEXT_PP(0)));
}

/* lineage && text[]: derives from any of them (NULL elements never match) */
Datum
lineage_derives_from_any(PG_FUNCTION_ARGS)
{
	LView		v;
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	lview_init(PG_GETARG_DATUM(0), &v, false);
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		text	   *t;

		if (nulls[i])
			continue;
		t = DatumGetTextPP(elems[i]);
		if (lv_find_ancestor(&v, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)) >= 0)
			PG_RETURN_BOOL(true);
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	PG_RETURN_BOOL(false);
}

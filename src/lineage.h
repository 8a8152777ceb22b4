/*-------------------------------------------------------------------------
 *
 * lineage.h
 *	  Declarations shared by the lineage type (lineage.c), its builder
 *	  (lineage_build.c) and its index support (lineage_gin.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef ECOSTATS_LINEAGE_H
#define ECOSTATS_LINEAGE_H

#include "ecostats.h"

#define LINEAGE_MAX_ID		1024	/* bytes of one id */

typedef enum LineageRelation
{
	REL_UNKNOWN = 0,
	REL_FINETUNE,
	REL_ADAPTER,
	REL_QUANTIZED,
	REL_MERGE,
	REL_COUNT
} LineageRelation;

extern const char *const rel_names[REL_COUNT];

typedef struct LineageData
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* always 0 */
	uint16		reserved;		/* always 0 */
	int32		nnodes;
	int32		nedges;
	char		data[FLEXIBLE_ARRAY_MEMBER];
} LineageData;

#define LINEAGE_HDRSZ	offsetof(LineageData, data)

typedef struct LEdge
{
	int32		child;
	int32		parent;
	uint8		rel;
} LEdge;

typedef struct LNode
{
	const char *id;
	int			len;
	int32		orig;			/* index before sorting */
	int32		rank;			/* position in id order if known, else -1 */
} LNode;

/* Read access to a flat value, plus the parents' edge ranges. */
typedef struct LView
{
	struct varlena *raw;		/* the detoasted value (may be the datum itself) */
	int32		n;
	int32		m;
	const uint32 *stroff;
	const int32 *echild;
	const int32 *eparent;
	const uint8 *erel;
	const char *strings;
	int32	   *first;			/* edges of child i: [first[i], first[i+1]) */
} LView;

/* with_edges: also compute first[] (not needed to look ids up) */
extern void lview_init(Datum d, LView *v, bool with_edges);
/* Free what lview_init allocated for datum d (its detoasted copy, first[]). */
extern void lview_free(Datum d, LView *v);

static inline const char *
lv_id(const LView *v, int32 i, int *len)
{
	*len = (int) (v->stroff[i + 1] - v->stroff[i]);
	return v->strings + v->stroff[i];
}

extern LineageData *lineage_build_flat(LNode *nodes, int32 n, LEdge *edges, int32 m,
									   const char **problem);

/*
 * The GIN key of an id: 32-bit FNV-1a.  FROZEN: every lineage GIN index on
 * disk holds these values, so changing this function silently breaks every
 * existing index.  It is unseeded and trivially floodable (its low bits
 * collide at will), so never use it to place ids in an in-memory hash
 * table: use LineageIdTab below.
 */
extern uint32 lineage_id_hash(const char *id, int len);

/*
 * Interning table: ids to dense indexes 0, 1, ... in order of first
 * appearance.  Open addressing over a keyed hash (SipHash-2-4 with a
 * per-backend random key), so an attacker who picks the ids cannot make
 * them collide.  Only the placement in the table depends on the key:
 * indexes, and so every result, do not.
 */
typedef struct LineageIdTab
{
	const char **ids;			/* ids[i]: id of index i (not NUL-terminated) */
	int		   *lens;
	int32		n,
				cap;
	uint64	   *slots;			/* (hash >> 32) << 32 | (index + 1); 0 = empty */
	Size		nslots;			/* a power of two, or 0 */
	char	   *arena;			/* copies of ids, in 64 kB chunks */
	Size		arena_left;
	MemoryContext cxt;			/* where it allocates: current at init */
} LineageIdTab;

extern void lineage_idtab_init(LineageIdTab *t);
/*
 * Index of the id, added when new (*isnew set if isnew is not NULL).  A new
 * id is copied into the table when copy is true; otherwise the caller
 * keeps id valid for as long as the table is used.
 */
extern int32 lineage_idtab_intern(LineageIdTab *t, const char *id, int len, bool copy,
								  bool *isnew);
extern uint64 lineage_keyed_hash(const char *id, int len);

/*
 * Why an id cannot be a lineage node, or NULL when it can: the one rule
 * shared by the type's input and receive functions, lineage_build and the
 * Hub importer (which must reject such an id at import time, with the
 * record's line, instead of letting a later lineage_build fail).  An id is
 * 1 to LINEAGE_MAX_ID bytes without control characters (0x00-0x1f, 0x7f).
 * (Its encoding is checked apart, where the bytes can come from outside the
 * database: lineage_recv.)
 */
extern const char *lineage_id_problem(const char *id, int len);

/*
 * For messages: a copy of at most max_bytes bytes of the nul-terminated s,
 * cut at a character boundary; *clipped tells whether anything was cut.
 */
extern char *lineage_clip(const char *s, int max_bytes, bool *clipped);

#endif							/* ECOSTATS_LINEAGE_H */

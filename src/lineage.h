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
	char	   *id;
	int			len;
	int32		orig;			/* index before sorting */
	int32		rank;			/* position in id order if known, else -1 */
} LNode;

/* Read access to a flat value, plus the parents' edge ranges. */
typedef struct LView
{
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

static inline const char *
lv_id(const LView *v, int32 i, int *len)
{
	*len = (int) (v->stroff[i + 1] - v->stroff[i]);
	return v->strings + v->stroff[i];
}

extern LineageData *lineage_build_flat(LNode *nodes, int32 n, LEdge *edges, int32 m,
									   const char **problem);
extern uint32 lineage_id_hash(const char *id, int len);

/*
 * Why an id cannot be a lineage node, or NULL when it can: the one rule
 * shared by the type's input and receive functions, lineage_build and the
 * Hub importer (which must reject such an id at import time, with the
 * record's line, instead of letting a later lineage_build fail).  An id is
 * 1 to LINEAGE_MAX_ID bytes without control characters (0x00-0x1f, 0x7f).
 */
extern const char *lineage_id_problem(const char *id, int len);

#endif							/* ECOSTATS_LINEAGE_H */

/*-------------------------------------------------------------------------
 *
 * lineage_gin.c
 *	  Index and planner support for lineage: the default GIN operator
 *	  class (keys: a 32-bit hash of each ancestor id, lineage_id_hash,
 *	  FROZEN because indexes on disk hold it; answers <@ and && with a
 *	  recheck, so hash collisions never change a result), a
 *	  typanalyze function collecting the most common ancestors, and the
 *	  selectivity estimator that uses them.
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"
#include "lineage.h"

/* PostgreSQL's own headers behind these leave parameters unused */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/gin.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_statistic.h"
#include "catalog/pg_type.h"
#include "commands/vacuum.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"
#pragma GCC diagnostic pop

PG_FUNCTION_INFO_V1(lineage_gin_extract_value);
PG_FUNCTION_INFO_V1(lineage_gin_extract_query);
PG_FUNCTION_INFO_V1(lineage_gin_consistent);
PG_FUNCTION_INFO_V1(lineage_typanalyze);
PG_FUNCTION_INFO_V1(lineage_derives_sel);

#define LINEAGE_STRAT_DERIVES		1	/* lineage <@ text */
#define LINEAGE_STRAT_DERIVES_ANY	2	/* lineage && text[] */

/* Selectivity when nothing is known about the column. */
#define DEFAULT_DERIVES_SEL		0.005

static inline Datum
id_key(const char *id, int len)
{
	return Int32GetDatum((int32) lineage_id_hash(id, len));
}

/* extractValue: one key per ancestor (the node itself is not one) */
Datum
lineage_gin_extract_value(PG_FUNCTION_ARGS)
{
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	LView		v;
	Datum	   *keys;

	lview_init(PG_GETARG_DATUM(0), &v, false);
	*nkeys = v.n - 1;
	if (*nkeys == 0)
		PG_RETURN_POINTER(NULL);
	keys = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(Datum) * (*nkeys));
	for (int32 i = 1; i < v.n; i++)
	{
		int			len;
		const char *id = lv_id(&v, i, &len);

		keys[i - 1] = id_key(id, len);
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	lview_free(PG_GETARG_DATUM(0), &v);
	PG_RETURN_POINTER(keys);
}

/* extractQuery: the key of the id (<@), or of each non-NULL id (&&) */
Datum
lineage_gin_extract_query(PG_FUNCTION_ARGS)
{
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	Datum	   *keys;

	*searchMode = GIN_SEARCH_MODE_DEFAULT;
	if (strategy == LINEAGE_STRAT_DERIVES)
	{
		text	   *t = PG_GETARG_TEXT_PP(0);

		keys = palloc(sizeof(Datum));
		keys[0] = id_key(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		*nkeys = 1;
	}
	else if (strategy == LINEAGE_STRAT_DERIVES_ANY)
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
		Datum	   *elems;
		bool	   *nulls;
		int			n,
					k = 0;

		deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
		keys = palloc(sizeof(Datum) * Max(n, 1));
		for (int i = 0; i < n; i++)
		{
			text	   *t;

			if (nulls[i])
				continue;
			t = DatumGetTextPP(elems[i]);
			keys[k++] = id_key(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
		/* no key: nothing can match (GIN skips the scan) */
		*nkeys = k;
	}
	else
		elog(ERROR, "lineage_gin_extract_query: unknown strategy %d", strategy);
	PG_RETURN_POINTER(keys);
}

/* consistent: any present key may match; always recheck (hashes collide) */
Datum
lineage_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);

	*recheck = true;
	for (int32 i = 0; i < nkeys; i++)
	{
		if (check[i])
			PG_RETURN_BOOL(true);
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	PG_RETURN_BOOL(false);
}

/* ------------------------------------------------------------------------
 * Statistics: the most common ancestors (STATISTIC_KIND_MCELEM, text
 * elements), as ANALYZE collects for tsvector lexemes.  stanumbers holds
 * the fraction of non-NULL rows deriving from each, then the smallest and
 * the largest of those fractions.
 * ------------------------------------------------------------------------
 */

/* An ancestor and the number of sampled rows deriving from it. */
typedef struct AncCount
{
	const char *id;
	int			len;
	int64		count;
} AncCount;

static int
anc_idcmp(const AncCount *x, const AncCount *y)
{
	int			c = memcmp(x->id, y->id, Min(x->len, y->len));

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

static inline int
anccount_cmp_desc(const AncCount *x, const AncCount *y)
{
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return anc_idcmp(x, y);
}

/* interruptible sorts: a sample can hold millions of distinct ancestors */
#define ST_SORT sort_by_count
#define ST_ELEMENT_TYPE AncCount
#define ST_COMPARE(a, b) anccount_cmp_desc(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

#define ST_SORT sort_by_id
#define ST_ELEMENT_TYPE AncCount
#define ST_COMPARE(a, b) anc_idcmp(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * Counts are kept per id in a LineageIdTab (keyed hash, full id compared:
 * two ids never share a count, and chosen ids cannot flood the table).
 * Each sample is detoasted, counted and freed before the next one, so the
 * memory used is the table of distinct ancestors, not the sample's size.
 */
static void
compute_lineage_stats(VacAttrStats *stats, AnalyzeAttrFetchFunc fetchfunc,
					  int samplerows, double totalrows)
{
	LineageIdTab tab;
	int64	   *counts = NULL;
	int32		ccap = 0;
	int			nonnull = 0,
				nulls = 0;
	double		width = 0;
	int			target = ECO_VACATTR_STATTARGET(stats);
	int			nkeep;
	AncCount   *all;
	int64		nall = 0;

	(void) totalrows;			/* the sample speaks for the table */

	if (target < 0)
		target = default_statistics_target;
	nkeep = target * 10;
	lineage_idtab_init(&tab);

	for (int r = 0; r < samplerows; r++)
	{
		bool		isnull;
		Datum		d = fetchfunc(stats, r, &isnull);
		LView		v;

		eco_analyze_delay_point();
		if (isnull)
		{
			nulls++;
			continue;
		}
		nonnull++;
		width += VARSIZE_ANY(DatumGetPointer(d));
		lview_init(d, &v, false);
		for (int32 i = 1; i < v.n; i++)
		{
			int			len;
			const char *id = lv_id(&v, i, &len);
			bool		isnew;
			int32		k = lineage_idtab_intern(&tab, id, len, true, &isnew);

			if (k >= ccap)
			{
				int32		nc = Max(1024, ccap * 2);

				counts = counts ? repalloc_huge(counts, sizeof(int64) * nc) :
					MemoryContextAllocHuge(CurrentMemoryContext, sizeof(int64) * nc);
				ccap = nc;
			}
			if (isnew)
				counts[k] = 0;
			counts[k]++;
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
		lview_free(d, &v);
	}

	stats->stats_valid = true;
	stats->stanullfrac = samplerows > 0 ? (double) nulls / samplerows : 0;
	stats->stawidth = nonnull > 0 ? (int) (width / nonnull) : 0;
	stats->stadistinct = -1.0 * (1.0 - stats->stanullfrac);	/* unique-ish */
	if (nonnull == 0 || tab.n == 0)
		return;

	all = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(AncCount) * tab.n);
	for (int32 k = 0; k < tab.n; k++)
	{
		all[nall].id = tab.ids[k];
		all[nall].len = tab.lens[k];
		all[nall].count = counts[k];
		nall++;
	}
	sort_by_count(all, nall);
	if (nall > nkeep)
		nall = nkeep;
	/* stored in id order (bytewise), so the estimator can binary-search */
	sort_by_id(all, nall);
	{
		MemoryContext old = MemoryContextSwitchTo(stats->anl_context);
		Datum	   *values = palloc(sizeof(Datum) * nall);
		float4	   *numbers = palloc(sizeof(float4) * (nall + 2));
		float4		minf = 1,
					maxf = 0;

		for (int64 i = 0; i < nall; i++)
		{
			float4		f = (float4) ((double) all[i].count / nonnull);

			values[i] = PointerGetDatum(cstring_to_text_with_len(all[i].id, all[i].len));
			numbers[i] = f;
			minf = Min(minf, f);
			maxf = Max(maxf, f);
		}
		numbers[nall] = minf;
		numbers[nall + 1] = maxf;
		MemoryContextSwitchTo(old);

		stats->stakind[0] = STATISTIC_KIND_MCELEM;
		stats->staop[0] = TextEqualOperator;
		stats->stacoll[0] = DEFAULT_COLLATION_OID;
		stats->stanumbers[0] = numbers;
		stats->numnumbers[0] = (int) nall + 2;
		stats->stavalues[0] = values;
		stats->numvalues[0] = (int) nall;
		stats->statypid[0] = TEXTOID;
		stats->statyplen[0] = -1;
		stats->statypbyval[0] = false;
		stats->statypalign[0] = TYPALIGN_INT;
	}
}

Datum
lineage_typanalyze(PG_FUNCTION_ARGS)
{
	VacAttrStats *stats = (VacAttrStats *) PG_GETARG_POINTER(0);

	if (ECO_VACATTR_STATTARGET(stats) < 0)
		ECO_VACATTR_STATTARGET(stats) = default_statistics_target;
	stats->compute_stats = compute_lineage_stats;
	stats->minrows = 300 * ECO_VACATTR_STATTARGET(stats);
	PG_RETURN_BOOL(true);
}

/* Fraction of rows deriving from one id, from the MCELEM slot. */
static double
id_selectivity(const AttStatsSlot *sslot, text *t)
{
	const char *id = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			lo = 0,
				hi = sslot->nvalues - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;
		text	   *mt = DatumGetTextPP(sslot->values[mid]);
		int			mlen = VARSIZE_ANY_EXHDR(mt);
		int			c = memcmp(VARDATA_ANY(mt), id, Min(mlen, len));

		if (c == 0)
			c = (mlen > len) - (mlen < len);

		if (c == 0)
			return sslot->numbers[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	/* not among the most common: at most half the least common one */
	return Min(sslot->numbers[sslot->nvalues] / 2, DEFAULT_DERIVES_SEL);
}

/*
 * Restriction selectivity of lineage <@ text, text @> lineage and
 * lineage && text[]: the share of rows deriving from the id(s), from the
 * most common ancestors ANALYZE collected; a small default without them.
 */
Datum
lineage_derives_sel(PG_FUNCTION_ARGS)
{
	PlannerInfo *root = (PlannerInfo *) PG_GETARG_POINTER(0);
	Oid			operator = PG_GETARG_OID(1);
	List	   *args = (List *) PG_GETARG_POINTER(2);
	int			varRelid = PG_GETARG_INT32(3);
	VariableStatData vardata;
	Node	   *other;
	bool		varonleft;
	Const	   *c;
	double		sel = DEFAULT_DERIVES_SEL;
	double		nullfrac = 0;
	AttStatsSlot sslot;
	bool		have_slot = false;

	if (!get_restriction_variable(root, args, varRelid, &vardata, &other, &varonleft))
		PG_RETURN_FLOAT8(DEFAULT_DERIVES_SEL);
	if (!IsA(other, Const))
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(DEFAULT_DERIVES_SEL);
	}
	c = (Const *) other;
	if (c->constisnull)
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(0.0);
	}
	if (HeapTupleIsValid(vardata.statsTuple))
	{
		Form_pg_statistic st = (Form_pg_statistic) GETSTRUCT(vardata.statsTuple);

		nullfrac = st->stanullfrac;
		have_slot = get_attstatsslot(&sslot, vardata.statsTuple, STATISTIC_KIND_MCELEM,
									 InvalidOid, ATTSTATSSLOT_VALUES | ATTSTATSSLOT_NUMBERS) &&
			sslot.nvalues > 0 && sslot.nnumbers == sslot.nvalues + 2;
	}

	if (c->consttype == TEXTOID)
	{
		if (have_slot)
			sel = id_selectivity(&sslot, DatumGetTextPP(c->constvalue));
	}
	else
	{
		/* && text[]: rows deriving from any, elements taken as independent */
		ArrayType  *arr = DatumGetArrayTypeP(c->constvalue);
		Datum	   *elems;
		bool	   *nulls;
		int			n;
		double		none = 1.0;

		deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
		for (int i = 0; i < n; i++)
		{
			if (nulls[i])
				continue;
			none *= 1.0 - (have_slot ? id_selectivity(&sslot, DatumGetTextPP(elems[i]))
						   : DEFAULT_DERIVES_SEL);
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
		sel = 1.0 - none;
	}
	if (have_slot)
		free_attstatsslot(&sslot);
	ReleaseVariableStats(vardata);
	(void) operator;
	sel *= (1.0 - nullfrac);
	CLAMP_PROBABILITY(sel);
	PG_RETURN_FLOAT8(sel);
}

/*-------------------------------------------------------------------------
 *
 * distribution.c
 *	  The distribution type: text and binary I/O, its expanded in-memory
 *	  form, and the transition and combine functions of every holistic
 *	  aggregate.
 *
 * Flat form (DistributionData): a versioned header, the parameters, then
 * the distinct values in strictly increasing order and their weights (each
 * > 0).  Zero-weight rows are counted in count but store no entry.
 *
 * Expanded form (ExpandedDist): the same sorted part plus a buffer of
 * pending (value, weight) pairs in arrival order.  A transition appends to
 * the buffer; when the buffer is as large as the sorted part (and at least
 * DIST_FLUSH_MIN), it is radix-sorted, run-length compressed and merged in.
 * So memory stays within about twice the number of distinct values, and the
 * cost per row is amortised O(1) plus a linear-time sort.
 *
 * Text form, canonical and exact (shortest round-trip float8 digits):
 *		count=5 {1:2,3,7.5:2}
 *		count=5 params={0.5} {1:2,3,7.5:2}
 * "value:weight", the weight omitted when it is 1.
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#define DIST_FLUSH_MIN		16384
#define DIST_INIT_CAP		16

PG_FUNCTION_INFO_V1(distribution_in);
PG_FUNCTION_INFO_V1(distribution_out);
PG_FUNCTION_INFO_V1(distribution_recv);
PG_FUNCTION_INFO_V1(distribution_send);
PG_FUNCTION_INFO_V1(distribution_eq);
PG_FUNCTION_INFO_V1(distribution_ne);
PG_FUNCTION_INFO_V1(eco_dist_accum);
PG_FUNCTION_INFO_V1(eco_dist_accum_nonneg);
PG_FUNCTION_INFO_V1(eco_dist_accum_w);
PG_FUNCTION_INFO_V1(eco_dist_accum_w_nonneg);
PG_FUNCTION_INFO_V1(eco_dist_accum_frac);
PG_FUNCTION_INFO_V1(eco_dist_accum_points);
PG_FUNCTION_INFO_V1(eco_dist_accum_wq);
PG_FUNCTION_INFO_V1(eco_dist_accum_wqa);
PG_FUNCTION_INFO_V1(eco_dist_combine);

static Size dist_get_flat_size(ExpandedObjectHeader *eohptr);
static void dist_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods dist_methods = {
	dist_get_flat_size,
	dist_flatten_into
};

/* ------------------------------------------------------------------------
 * Expanded object
 * ------------------------------------------------------------------------
 */

ExpandedDist *
dist_new(MemoryContext parent)
{
	MemoryContext cxt;
	ExpandedDist *ed;

	/* small initial blocks: hash aggregation may hold many groups */
	cxt = AllocSetContextCreate(parent, "ecostats distribution",
								ALLOCSET_SMALL_SIZES);
	ed = MemoryContextAllocZero(cxt, sizeof(ExpandedDist));
	EOH_init_header(&ed->hdr, &dist_methods, cxt);
	ed->magic = DIST_MAGIC;
	ed->flush_factor = 1;
	return ed;
}

static inline double *
grow_array(MemoryContext cxt, double *arr, int64 newcap)
{
	Size		sz = sizeof(double) * newcap;

	if (arr == NULL)
		return MemoryContextAllocHuge(cxt, sz);
	return repalloc_huge(arr, sz);
}

/*
 * Merge two strictly increasing value arrays of unit weight into out,
 * without a data-dependent branch per element (the choice of side compiles
 * to conditional moves).  Returns the number written, or -1 if a value
 * occurs in both (its weight would be 2: the caller merges generically).
 */
static int64
merge_unit_distinct(const double *a, int64 na, const double *b, int64 nb, double *out)
{
	int64		i = 0,
				j = 0,
				k = 0;

	while (i < na && j < nb)
	{
		double		x = a[i],
					y = b[j];
		uint64		take_a = (x < y),
					mask = -take_a,
					xb,
					yb,
					r;

		if (unlikely(x == y))
			return -1;
		/* select by mask: the compiler would branch on a double ?: */
		memcpy(&xb, &x, sizeof(xb));
		memcpy(&yb, &y, sizeof(yb));
		r = (xb & mask) | (yb & ~mask);
		memcpy(&out[k++], &r, sizeof(r));
		i += take_a;
		j += 1 - take_a;
		ECO_CHECK_INTERRUPTS_EVERY(k);
	}
	memcpy(out + k, a + i, sizeof(double) * (na - i));
	k += na - i;
	memcpy(out + k, b + j, sizeof(double) * (nb - j));
	return k + (nb - j);
}

/* A growable residual table being written by a merge. */
typedef struct ResOut
{
	MemoryContext cxt;
	int64		n;
	int64		cap;
	double	   *val;
	int64	   *idx;
} ResOut;

static void
resout_push(ResOut *ro, int64 idx, double r)
{
	if (ro->n == ro->cap)
	{
		ro->cap = Max(ro->cap * 2, 16);
		if (ro->val == NULL)
		{
			ro->val = MemoryContextAllocHuge(ro->cxt, sizeof(double) * ro->cap);
			ro->idx = MemoryContextAllocHuge(ro->cxt, sizeof(int64) * ro->cap);
		}
		else
		{
			ro->val = repalloc_huge(ro->val, sizeof(double) * ro->cap);
			ro->idx = repalloc_huge(ro->idx, sizeof(int64) * ro->cap);
		}
	}
	ro->val[ro->n] = r;
	ro->idx[ro->n] = idx;
	ro->n++;
}

static void
dist_weight_overflow(ExpandedDist *ed)
{
	eco_error_overflow(NULL, ed->fn ? ed->fn : "distribution_merge",
					   "sum of the weights of a value");
}

/*
 * Merge the sorted part with a sorted run bv/bw (bw NULL: all weights 1;
 * the run may repeat a value, and hold residuals as extra weights, which
 * may be negative) into new arrays that become the sorted part.
 *
 * Equal values add their weights exactly: while every partial sum is exact
 * in float8 (two-sum error 0: whole weights, most fractions) a plain double
 * does; otherwise the weights go into an exact expansion (EcoXSum), whose
 * canonical form becomes the weight and its residuals.  The result is a
 * function of the exact sum alone, so it does not depend on the order in
 * which rows, buffers and partial states arrived.  The weights array is
 * created only once some merged weight is not 1, so distinct unweighted
 * data never has one.
 */
static void
dist_merge_into_comp(ExpandedDist *ed, const double *bv, const double *bw, int64 nb,
					 bool run_strict)
{
	MemoryContext cxt = ed->hdr.eoh_context;
	int64		nc = ed->ncomp,
				cap = nc + nb,
				i = 0,
				j = 0,
				m = 0,
				ri = 0;
	const double *cv = ed->cvals,
			   *cw = ed->cwts;
	double	   *nv = MemoryContextAllocHuge(cxt, sizeof(double) * cap);
	double	   *nw = NULL;
	ResOut		ro = {cxt, 0, 0, NULL, NULL};

	/* the common case of distinct values without weights: branch-free */
	if (run_strict && cw == NULL && bw == NULL && ed->nres == 0 &&
		(m = merge_unit_distinct(cv, nc, bv, nb, nv)) >= 0)
		i = nc, j = nb;
	else
		m = 0;

	while (i < nc || j < nb)
	{
		double		v;
		double		w = 0;
		bool		first = true,
					exact = false;
		EcoXSum		x;

		if (j >= nb || (i < nc && cv[i] <= bv[j]))
			v = cv[i];
		else
			v = bv[j];
		if (i < nc && cv[i] == v)
		{
			w = cw ? cw[i] : 1.0;
			first = false;
			if (ri < ed->nres && ed->ridx[ri] == i)
			{
				exact = true;
				eco_xsum_init(&x);
				(void) eco_xsum_add(&x, w);
				for (; ri < ed->nres && ed->ridx[ri] == i; ri++)
					if (!eco_xsum_add(&x, ed->rval[ri]))
						dist_weight_overflow(ed);
			}
			i++;
		}
		while (j < nb && bv[j] == v)
		{
			double		b = bw ? bw[j] : 1.0;

			j++;
			if (first)
			{
				w = b;
				first = false;
			}
			else if (exact)
			{
				if (!eco_xsum_add(&x, b))
					dist_weight_overflow(ed);
			}
			else
			{
				double		sum = w + b;
				double		bp = sum - w;
				double		err = (w - (sum - bp)) + (b - bp);

				if (unlikely(err != 0.0 || isinf(sum)))
				{
					exact = true;
					eco_xsum_init(&x);
					(void) eco_xsum_add(&x, w);
					if (!eco_xsum_add(&x, b))
						dist_weight_overflow(ed);
				}
				else
					w = sum;
			}
		}
		if (unlikely(exact))
		{
			double		c[ECO_XSUM_MAX];
			int			k = eco_xsum_canonical(&x, c);

			/* a sum of weights > 0 (residuals only refine one) is > 0 */
			if (k == 0 || !(c[0] > 0))
				elog(ERROR, "merged weight is not positive");
			w = c[0];
			for (int l = 1; l < k; l++)
				resout_push(&ro, m, c[l]);
		}
		if (unlikely(w != 1.0) && nw == NULL)
		{
			nw = MemoryContextAllocHuge(cxt, sizeof(double) * cap);
			for (int64 k = 0; k < m; k++)
				nw[k] = 1.0;
		}
		nv[m] = v;
		if (nw)
			nw[m] = w;
		m++;
		ECO_CHECK_INTERRUPTS_EVERY(m);
	}

	if (ed->cvals)
		pfree(ed->cvals);
	if (ed->cwts)
		pfree(ed->cwts);
	if (ed->rval)
	{
		pfree(ed->rval);
		pfree(ed->ridx);
	}
	/* give back what run-length compression saved, when it is a lot */
	if (m < cap / 2 && m > 0)
	{
		nv = repalloc_huge(nv, sizeof(double) * m);
		if (nw)
			nw = repalloc_huge(nw, sizeof(double) * m);
	}
	ed->cvals = nv;
	ed->cwts = nw;
	ed->ncomp = m;
	ed->nres = ro.n;
	ed->rval = ro.val;
	ed->ridx = ro.idx;
}

/*
 * Sort the pending buffer and merge it into the sorted part.  Logically a
 * no-op, so it may run on a read-only pointer (final functions, output).
 */
static void
dist_compact(ExpandedDist *ed)
{
	int64		before = ed->ncomp + ed->nbuf;
	bool		strict = false;
	MemoryContext old;

	if (ed->nbuf == 0)
		return;

	old = MemoryContextSwitchTo(ed->hdr.eoh_context);
	eco_sort_doubles(ed->bvals, ed->bwts, ed->nbuf);
	if (ed->bwts == NULL)
	{
		/* one sequential pass tells whether the sorted buffer repeats a value */
		strict = true;
		for (int64 k = 1; k < ed->nbuf && strict; k++)
			strict = ed->bvals[k - 1] != ed->bvals[k];
	}
	dist_merge_into_comp(ed, ed->bvals, ed->bwts, ed->nbuf, strict);
	ed->nbuf = 0;

	/*
	 * When run-length compression barely helped, the data is mostly
	 * distinct: let the buffer grow to a few times the sorted part before
	 * the next merge.  Memory stays a constant factor of the distinct
	 * values either way, and all-distinct input is sorted nearly once.
	 */
	ed->flush_factor = (ed->ncomp > before - before / 4) ? 4 : 1;
	if (ed->bwts)
	{
		pfree(ed->bwts);
		ed->bwts = NULL;
	}
	/* a big buffer is not kept around: it would double the footprint */
	if (ed->capbuf > DIST_FLUSH_MIN && ed->capbuf > 2 * ed->ncomp)
	{
		pfree(ed->bvals);
		ed->bvals = NULL;
		ed->capbuf = 0;
	}
	MemoryContextSwitchTo(old);
}

/* Make room for one more pending pair, flushing the buffer when due. */
static inline void
dist_reserve(ExpandedDist *ed, int64 extra)
{
	int64		need = ed->nbuf + extra;

	if (likely(need <= ed->capbuf))
		return;
	if (ed->nbuf >= Max(ed->ncomp * ed->flush_factor, DIST_FLUSH_MIN))
	{
		dist_compact(ed);
		need = extra;
		if (need <= ed->capbuf)
			return;
	}
	{
		int64		newcap = Max(ed->capbuf * 2, DIST_INIT_CAP);

		while (newcap < need)
			newcap *= 2;
		ed->bvals = grow_array(ed->hdr.eoh_context, ed->bvals, newcap);
		if (ed->bwts)
			ed->bwts = grow_array(ed->hdr.eoh_context, ed->bwts, newcap);
		ed->capbuf = newcap;
	}
}

/* Pending weights become explicit once a non-unit weight arrives. */
static void
dist_materialize_weights(ExpandedDist *ed)
{
	if (ed->bwts)
		return;
	ed->bwts = MemoryContextAllocHuge(ed->hdr.eoh_context,
									  sizeof(double) * Max(ed->capbuf, 1));
	for (int64 i = 0; i < ed->nbuf; i++)
		ed->bwts[i] = 1.0;
}

static inline void
dist_add(ExpandedDist *ed, double v, double w)
{
	if (unlikely(pg_add_s64_overflow(ed->count, 1, &ed->count)))
		eco_error_overflow(NULL, ed->fn, "row count");
	if (w == 0)
		return;
	if (v == 0)
		v = 0.0;				/* -0 and +0 are one value */
	dist_reserve(ed, 1);
	if (w != 1.0 && ed->bwts == NULL)
		dist_materialize_weights(ed);
	ed->bvals[ed->nbuf] = v;
	if (ed->bwts)
		ed->bwts[ed->nbuf] = w;
	ed->nbuf++;
}

/*
 * Add the entries of another state's view.  A large one without residuals
 * is merged at once, linearly (parallel workers' partial states); many
 * small ones go through the buffer, so that merging N states costs
 * O(total log) and not O(N · total).  Residuals travel through the buffer
 * as extra weights of their value, in the same batch as the value itself,
 * and the merge adds them exactly.
 */
static void
dist_add_view(ExpandedDist *ed, const DistView *v)
{
	int64		n = v->n;

	if (n == 0)
		return;
	if (v->nres == 0 && n >= DIST_FLUSH_MIN && n * 4 >= ed->ncomp)
	{
		dist_compact(ed);
		dist_merge_into_comp(ed, v->vals, v->wts, n, true);
		return;
	}
	dist_reserve(ed, n + v->nres);
	if (v->wts || v->nres > 0)
	{
		dist_materialize_weights(ed);
		if (v->wts)
			memcpy(ed->bwts + ed->nbuf, v->wts, sizeof(double) * n);
		else
			for (int64 i = 0; i < n; i++)
				ed->bwts[ed->nbuf + i] = 1.0;
	}
	else if (ed->bwts)
	{
		for (int64 i = 0; i < n; i++)
			ed->bwts[ed->nbuf + i] = 1.0;
	}
	memcpy(ed->bvals + ed->nbuf, v->vals, sizeof(double) * n);
	ed->nbuf += n;
	for (int64 r = 0; r < v->nres; r++)
	{
		ed->bvals[ed->nbuf] = v->vals[v->res_idx[r]];
		ed->bwts[ed->nbuf] = v->res_val[r];
		ed->nbuf++;
	}
}

static void
dist_set_params(ExpandedDist *ed, const double *params, int32 nparams)
{
	ed->nparams = nparams;
	if (nparams > 0)
	{
		ed->params = MemoryContextAlloc(ed->hdr.eoh_context, sizeof(double) * nparams);
		memcpy(ed->params, params, sizeof(double) * nparams);
	}
}

static bool
params_equal(const double *a, int32 na, const double *b, int32 nb)
{
	if (na != nb)
		return false;
	/* bitwise, so that NaN (a NULL quantile) equals itself */
	return na == 0 || memcmp(a, b, sizeof(double) * na) == 0;
}

static ExpandedDist *
dist_from_view(const DistView *v, MemoryContext parent)
{
	ExpandedDist *ed = dist_new(parent);

	ed->count = v->count;
	dist_set_params(ed, v->params, v->nparams);
	if (v->n > 0)
	{
		ed->cvals = MemoryContextAllocHuge(ed->hdr.eoh_context, sizeof(double) * v->n);
		memcpy(ed->cvals, v->vals, sizeof(double) * v->n);
		if (v->wts)
		{
			ed->cwts = MemoryContextAllocHuge(ed->hdr.eoh_context, sizeof(double) * v->n);
			memcpy(ed->cwts, v->wts, sizeof(double) * v->n);
		}
		ed->ncomp = v->n;
	}
	if (v->nres > 0)
	{
		ed->rval = MemoryContextAllocHuge(ed->hdr.eoh_context, sizeof(double) * v->nres);
		ed->ridx = MemoryContextAllocHuge(ed->hdr.eoh_context, sizeof(int64) * v->nres);
		memcpy(ed->rval, v->res_val, sizeof(double) * v->nres);
		memcpy(ed->ridx, v->res_idx, sizeof(int64) * v->nres);
		ed->nres = v->nres;
	}
	return ed;
}

static Size
dist_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedDist *ed = (ExpandedDist *) eohptr;
	Size		sz;

	Assert(ed->magic == DIST_MAGIC);
	dist_compact(ed);
	sz = DIST_HDRSZ + sizeof(double) *
		((Size) ed->nparams + (ed->cwts ? 2 : 1) * (Size) ed->ncomp) +
		(sizeof(double) + sizeof(int64)) * (Size) ed->nres;
	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("distribution with " INT64_FORMAT " distinct values is too large to store",
						ed->ncomp),
				 errdetail("A stored distribution holds at most %d distinct values.",
						   (int) ((MaxAllocSize - DIST_HDRSZ) / (2 * sizeof(double))))));
	return sz;
}

static void
dist_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedDist *ed = (ExpandedDist *) eohptr;
	DistributionData *dd = (DistributionData *) result;
	double	   *p = dd->data;

	Assert(ed->nbuf == 0);
	memset(dd, 0, DIST_HDRSZ);
	SET_VARSIZE(dd, allocated_size);
	dd->version = ed->nres > 0 ? DIST_FORMAT_EXACT : ECO_FORMAT_VERSION;
	dd->flags = ed->cwts ? 0 : DIST_UNIT_WEIGHTS;
	dd->nentries = (int32) ed->ncomp;
	dd->nparams = ed->nparams;
	dd->count = ed->count;
	if (ed->nparams)
		memcpy(p, ed->params, sizeof(double) * ed->nparams);
	p += ed->nparams;
	if (ed->ncomp)
	{
		memcpy(p, ed->cvals, sizeof(double) * ed->ncomp);
		p += ed->ncomp;
		if (ed->cwts)
		{
			memcpy(p, ed->cwts, sizeof(double) * ed->ncomp);
			p += ed->ncomp;
		}
	}
	if (ed->nres)
	{
		memcpy(p, ed->rval, sizeof(double) * ed->nres);
		memcpy(p + ed->nres, ed->ridx, sizeof(int64) * ed->nres);
	}
}

/*
 * A sorted view of any distribution datum: an expanded object (compacted
 * first) or a flat, possibly toasted, value.
 */
void
dist_get_view(Datum d, DistView *view)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedDist *ed = (ExpandedDist *) DatumGetEOHP(d);

		if (ed->hdr.eoh_methods != &dist_methods || ed->magic != DIST_MAGIC)
			elog(ERROR, "expanded object is not a distribution");
		dist_compact(ed);
		view->count = ed->count;
		view->n = ed->ncomp;
		view->vals = ed->cvals;
		view->wts = ed->cwts;
		view->nres = ed->nres;
		view->res_val = ed->rval;
		view->res_idx = ed->ridx;
		view->nparams = ed->nparams;
		view->params = ed->params;
	}
	else
	{
		DistributionData *dd = (DistributionData *) PG_DETOAST_DATUM(d);
		Size		main_sz,
					rest;

		if ((dd->version != ECO_FORMAT_VERSION && dd->version != DIST_FORMAT_EXACT) ||
			(dd->flags & ~DIST_UNIT_WEIGHTS) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("distribution format version %d (flags %d) is not supported by this version of ecostats",
							dd->version, dd->flags)));
		view->count = dd->count;
		view->n = dd->nentries;
		view->nparams = dd->nparams;
		view->params = dd->data;
		view->vals = dd->data + dd->nparams;
		view->wts = (dd->flags & DIST_UNIT_WEIGHTS) ? NULL : view->vals + dd->nentries;
		main_sz = DIST_HDRSZ + sizeof(double) *
			((Size) dd->nparams + (view->wts ? 2 : 1) * (Size) dd->nentries);
		rest = VARSIZE(dd) - main_sz;
		view->nres = (dd->version == DIST_FORMAT_EXACT) ?
			(int64) (rest / (sizeof(double) + sizeof(int64))) : 0;
		view->res_val = (const double *) ((const char *) dd + main_sz);
		view->res_idx = (const int64 *) (view->res_val + view->nres);
	}
}

/*
 * The state to update in place: the read-write expanded object this
 * aggregate owns, or else a fresh expanded copy in the aggregate context.
 * Returns NULL when the state is NULL (no row yet).
 */
static ExpandedDist *
dist_state(FunctionCallInfo fcinfo, MemoryContext *aggcxt, const char *fn)
{
	Datum		d;

	if (!AggCheckCallContext(fcinfo, aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fn)));
	if (PG_ARGISNULL(0))
		return NULL;
	d = PG_GETARG_DATUM(0);
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		ExpandedDist *ed = (ExpandedDist *) DatumGetEOHP(d);

		if (ed->hdr.eoh_methods == &dist_methods &&
			MemoryContextGetParent(ed->hdr.eoh_context) == *aggcxt)
		{
			ed->fn = fn;
			return ed;
		}
	}
	{
		DistView	v;
		ExpandedDist *ed;

		dist_get_view(d, &v);
		ed = dist_from_view(&v, *aggcxt);
		ed->fn = fn;
		return ed;
	}
}

#define RETURN_DIST(ed) PG_RETURN_DATUM(EOHPGetRWDatum(&(ed)->hdr))

/* Fetch the state, creating it on the first row. */
static inline ExpandedDist *
dist_state_or_new(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext aggcxt;
	ExpandedDist *ed = dist_state(fcinfo, &aggcxt, fn);

	if (ed == NULL)
	{
		ed = dist_new(aggcxt);
		ed->fn = fn;
	}
	return ed;
}

/* ------------------------------------------------------------------------
 * Transition functions
 * ------------------------------------------------------------------------
 */

/* The parameter a one-step aggregate passes on every row. */
typedef enum DistParam
{
	PARAM_NONE,
	PARAM_FRACTION,				/* top_share(value, fraction) */
	PARAM_POINTS,				/* lorenz(value, points) */
	PARAM_QUANTILE,				/* weighted_quantile(value, weight, q) */
	PARAM_QUANTILES				/* weighted_quantile(value, weight, q[]) */
} DistParam;

static const char *const param_names[] = {"", "fraction", "points", "q", "quantiles"};

/*
 * A one-step aggregate with a constant parameter keeps it in the state, so
 * that the final function finds it (window aggregates cannot read their
 * arguments otherwise).  Every row must pass the same value.
 */
static void
dist_param_scalar(FunctionCallInfo fcinfo, ExpandedDist *ed, const char *fn,
				  DistParam kind, double p)
{
	if (ed->nparams == 0 && ed->count == 0)
	{
		dist_set_params(ed, &p, 1);
		return;
	}
	if (ed->nparams != 1 || memcmp(&ed->params[0], &p, sizeof(double)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same for all rows of a group",
						param_names[kind]),
				 errdetail("The group started with %s = %g and a later row has %g.",
						   param_names[kind], ed->nparams ? ed->params[0] : NAN, p),
				 eco_errcontext(fcinfo, fn)));
}

/*
 * The quantile array is nearly always a constant: it is parsed on the first
 * row and again only when its bytes change.
 */
static void
dist_param_array(FunctionCallInfo fcinfo, ExpandedDist *ed, const char *fn, Datum qd)
{
	struct varlena *raw = PG_DETOAST_DATUM_PACKED(qd);
	Size		len = VARSIZE_ANY(raw);
	int			nq;
	double	   *qs;

	if (ed->param_raw != NULL && ed->param_raw_len == len &&
		memcmp(ed->param_raw, raw, len) == 0)
		return;
	qs = eco_quantile_array(fcinfo, fn, DatumGetArrayTypeP(qd), &nq);
	if (ed->count == 0 && ed->nparams == 0)
		dist_set_params(ed, qs, nq);
	else if (!params_equal(ed->params, ed->nparams, qs, nq))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the quantiles must be the same for all rows of a group"),
				 eco_errcontext(fcinfo, fn)));
	pfree(qs);
	if (ed->param_raw)
		pfree(ed->param_raw);
	ed->param_raw = MemoryContextAlloc(ed->hdr.eoh_context, len);
	memcpy(ed->param_raw, raw, len);
	ed->param_raw_len = len;
}

/*
 * Every holistic transition: arguments are (state, value [, weight]
 * [, parameter]).  A row with any NULL argument leaves the state as it is.
 * Inlined into each entry point below, so the flags cost nothing per row.
 */
static inline Datum
dist_transition(FunctionCallInfo fcinfo, const char *fn, bool nonneg,
				bool weighted, DistParam param)
{
	int			nargs = 2 + (weighted ? 1 : 0) + (param != PARAM_NONE ? 1 : 0);
	int			parg = nargs - 1;
	ExpandedDist *ed;
	double		v,
				w = 1.0;

	for (int a = 1; a < nargs; a++)
	{
		if (PG_ARGISNULL(a))
		{
			if (PG_ARGISNULL(0))
				PG_RETURN_NULL();
			ed = dist_state_or_new(fcinfo, fn);
			RETURN_DIST(ed);
		}
	}
	v = PG_GETARG_FLOAT8(1);
	if (nonneg)
		eco_check_nonneg_value(fcinfo, fn, v);
	else
		eco_check_value(fcinfo, fn, v);
	if (weighted)
	{
		w = PG_GETARG_FLOAT8(2);
		eco_check_weight(fcinfo, fn, w);
	}
	ed = dist_state_or_new(fcinfo, fn);
	switch (param)
	{
		case PARAM_NONE:
			break;
		case PARAM_FRACTION:
			eco_check_fraction(fcinfo, fn, PG_GETARG_FLOAT8(parg));
			dist_param_scalar(fcinfo, ed, fn, param, PG_GETARG_FLOAT8(parg));
			break;
		case PARAM_POINTS:
			eco_check_points(fcinfo, fn, PG_GETARG_INT32(parg));
			dist_param_scalar(fcinfo, ed, fn, param, (double) PG_GETARG_INT32(parg));
			break;
		case PARAM_QUANTILE:
			eco_check_quantile(fcinfo, fn, PG_GETARG_FLOAT8(parg));
			dist_param_scalar(fcinfo, ed, fn, param, PG_GETARG_FLOAT8(parg));
			break;
		case PARAM_QUANTILES:
			dist_param_array(fcinfo, ed, fn, PG_GETARG_DATUM(parg));
			break;
	}
	dist_add(ed, v, w);
	RETURN_DIST(ed);
}

/* distribution_agg(value); distribution_agg(value, weight) and weighted_median */
Datum
eco_dist_accum(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "distribution_agg", false, false, PARAM_NONE);
}

Datum
eco_dist_accum_w(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "distribution_agg or weighted_median", false, true, PARAM_NONE);
}

/* gini(value), hhi(value), gini(value, weight): negative values rejected at the row */
Datum
eco_dist_accum_nonneg(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "gini or hhi", true, false, PARAM_NONE);
}

Datum
eco_dist_accum_w_nonneg(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "gini", true, true, PARAM_NONE);
}

Datum
eco_dist_accum_frac(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "top_share", true, false, PARAM_FRACTION);
}

Datum
eco_dist_accum_points(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "lorenz", true, false, PARAM_POINTS);
}

Datum
eco_dist_accum_wq(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "weighted_quantile", false, true, PARAM_QUANTILE);
}

Datum
eco_dist_accum_wqa(PG_FUNCTION_ARGS)
{
	return dist_transition(fcinfo, "weighted_quantile", false, true, PARAM_QUANTILES);
}

/*
 * Combine two states; also the transition function of distribution_merge.
 * The second state is never modified or returned.
 */
Datum
eco_dist_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedDist *ed;
	DistView	v2;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		ed = dist_state(fcinfo, &aggcxt, "distribution_merge");
		RETURN_DIST(ed);
	}
	dist_get_view(PG_GETARG_DATUM(1), &v2);
	ed = dist_state(fcinfo, &aggcxt, "distribution_merge");
	if (ed == NULL)
	{
		ed = dist_from_view(&v2, aggcxt);
		ed->fn = "distribution_merge";
		RETURN_DIST(ed);
	}

	if (v2.nparams > 0 || ed->nparams > 0)
	{
		if (ed->nparams == 0)
			dist_set_params(ed, v2.params, v2.nparams);
		else if (v2.nparams > 0 &&
				 !params_equal(ed->params, ed->nparams, v2.params, v2.nparams))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge distributions built with different parameters")));
	}
	if (pg_add_s64_overflow(ed->count, v2.count, &ed->count))
		eco_error_overflow(fcinfo, "distribution_merge", "row count");
	dist_add_view(ed, &v2);
	RETURN_DIST(ed);
}

/* ------------------------------------------------------------------------
 * Validation shared by text and binary input
 * ------------------------------------------------------------------------
 */

/*
 * A flat distribution from validated arrays; the weights are left out when
 * all are 1, so that the same distribution always has the same bytes.
 */
static DistributionData *
dist_build_flat(int64 count, const double *params, int32 nparams,
				const double *vals, const double *wts, int64 n,
				const double *rval, const int64 *ridx, int64 nres)
{
	bool		unit = true;
	Size		sz;
	DistributionData *dd;
	double	   *p;

	for (int64 i = 0; i < n && unit; i++)
		unit = (wts[i] == 1.0);
	sz = DIST_HDRSZ + sizeof(double) * ((Size) nparams + (unit ? 1 : 2) * (Size) n) +
		(sizeof(double) + sizeof(int64)) * (Size) nres;
	if (sz > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("distribution with " INT64_FORMAT " distinct values is too large", n)));
	dd = palloc0(sz);
	SET_VARSIZE(dd, sz);
	dd->version = nres > 0 ? DIST_FORMAT_EXACT : ECO_FORMAT_VERSION;
	dd->flags = unit ? DIST_UNIT_WEIGHTS : 0;
	dd->nentries = (int32) n;
	dd->nparams = nparams;
	dd->count = count;
	p = dd->data;
	if (nparams)
		memcpy(p, params, sizeof(double) * nparams);
	p += nparams;
	if (n)
	{
		memcpy(p, vals, sizeof(double) * n);
		p += n;
		if (!unit)
		{
			memcpy(p, wts, sizeof(double) * n);
			p += n;
		}
	}
	if (nres)
	{
		memcpy(p, rval, sizeof(double) * nres);
		memcpy(p + nres, ridx, sizeof(int64) * nres);
	}
	return dd;
}

/*
 * A parameter as the text form reads it back: one zero and one NaN (a NULL
 * quantile), never an infinity.  Returns false for an infinity.
 */
static bool
dist_canonical_param(double *p)
{
	if (isinf(*p))
		return false;
	if (isnan(*p))
		*p = get_float8_nan();
	else if (*p == 0)
		*p = 0.0;
	return true;
}

/* ------------------------------------------------------------------------
 * Text I/O
 * ------------------------------------------------------------------------
 */

Datum
distribution_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	EcoScanner	s;
	int64		count;
	double	   *params = NULL;
	int32		nparams = 0;
	int64		cap = 16,
				n = 0,
				rcap = 0,
				nres = 0;
	double	   *vals,
			   *wts,
			   *rval = NULL;
	int64	   *ridx = NULL;

	eco_scan_init(&s, str, "distribution", ECO_ESCONTEXT(fcinfo));
	ECO_SCAN(eco_scan_expect(&s, "count="));
	ECO_SCAN(eco_scan_int64(&s, "count", &count));

	if (eco_scan_try(&s, "params="))
	{
		int			pcap = 4;

		ECO_SCAN(eco_scan_expect(&s, "{"));
		params = palloc(sizeof(double) * pcap);
		if (!eco_scan_try(&s, "}"))
		{
			do
			{
				if (nparams >= DIST_MAX_PARAMS)
					ECO_SCAN(eco_scan_error(&s, "more than %d parameters", DIST_MAX_PARAMS));
				if (nparams == pcap)
				{
					pcap *= 2;
					params = repalloc(params, sizeof(double) * pcap);
				}
				ECO_SCAN(eco_scan_double(&s, "parameter", true, &params[nparams]));
				(void) dist_canonical_param(&params[nparams]);
				nparams++;
				ECO_CHECK_INTERRUPTS_EVERY(nparams);
			} while (eco_scan_try(&s, ","));
			ECO_SCAN(eco_scan_expect(&s, "}"));
		}
	}

	ECO_SCAN(eco_scan_expect(&s, "{"));
	vals = palloc(sizeof(double) * cap);
	wts = palloc(sizeof(double) * cap);
	if (!eco_scan_try(&s, "}"))
	{
		do
		{
			const char *start;
			double		v,
						c[ECO_XSUM_MAX];
			int			k = 1;

			eco_scan_ws(&s);
			start = s.p;
			ECO_SCAN(eco_scan_double(&s, "value", false, &v));
			c[0] = 1.0;
			if (eco_scan_try(&s, ":"))
			{
				ECO_SCAN(eco_scan_double(&s, "weight", false, &c[0]));
				/* residuals of an inexact sum: "w+r1-r2", signs explicit */
				while (*s.p == '+' || *s.p == '-')
				{
					if (k >= ECO_XSUM_MAX)
						ECO_SCAN(eco_scan_error(&s, "more than %d weight components", ECO_XSUM_MAX));
					ECO_SCAN(eco_scan_double(&s, "weight residual", false, &c[k]));
					k++;
				}
			}
			if (n > 0 && !(v > vals[n - 1]))
			{
				s.p = start;
				ECO_SCAN(eco_scan_error(&s, "values must be in strictly increasing order"));
			}
			if (!(c[0] > 0))
			{
				s.p = start;
				ECO_SCAN(eco_scan_error(&s, "weight must be greater than 0"));
			}
			if (k > 1 && !eco_expansion_is_canonical(c, k))
			{
				s.p = start;
				ECO_SCAN(eco_scan_error(&s, "weight residuals must be the canonical expansion of the weight's exact sum"));
			}
			if (n == cap)
			{
				cap *= 2;
				vals = repalloc_huge(vals, sizeof(double) * cap);
				wts = repalloc_huge(wts, sizeof(double) * cap);
			}
			vals[n] = v;
			wts[n] = c[0];
			for (int l = 1; l < k; l++)
			{
				if (nres == rcap)
				{
					rcap = Max(rcap * 2, 16);
					rval = rval ? repalloc_huge(rval, sizeof(double) * rcap) :
						palloc(sizeof(double) * rcap);
					ridx = ridx ? repalloc_huge(ridx, sizeof(int64) * rcap) :
						palloc(sizeof(int64) * rcap);
				}
				rval[nres] = c[l];
				ridx[nres] = n;
				nres++;
			}
			n++;
			ECO_CHECK_INTERRUPTS_EVERY(n);
		} while (eco_scan_try(&s, ","));
		ECO_SCAN(eco_scan_expect(&s, "}"));
	}
	ECO_SCAN(eco_scan_end(&s));

	if (n > count)
		eco_ereturn(ECO_ESCONTEXT(fcinfo), (Datum) 0,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("invalid input syntax for type distribution: count " INT64_FORMAT " is less than the number of distinct values " INT64_FORMAT,
						   count, n));

	PG_RETURN_POINTER(dist_build_flat(count, params, nparams, vals, wts, n,
									  rval, ridx, nres));
}

Datum
distribution_out(PG_FUNCTION_ARGS)
{
	DistView	v;
	StringInfoData buf;
	int64		r = 0;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	initStringInfo(&buf);
	appendStringInfo(&buf, "count=" INT64_FORMAT " ", v.count);
	if (v.nparams > 0)
	{
		appendStringInfoString(&buf, "params={");
		for (int i = 0; i < v.nparams; i++)
		{
			if (i)
				appendStringInfoChar(&buf, ',');
			eco_append_double(&buf, v.params[i]);
		}
		appendStringInfoString(&buf, "} ");
	}
	appendStringInfoChar(&buf, '{');
	for (int64 i = 0; i < v.n; i++)
	{
		bool		has_res = (r < v.nres && v.res_idx[r] == i);

		if (i)
			appendStringInfoChar(&buf, ',');
		eco_append_double(&buf, v.vals[i]);
		if (dv_w(&v, i) != 1.0 || has_res)
		{
			appendStringInfoChar(&buf, ':');
			eco_append_double(&buf, dv_w(&v, i));
		}
		for (; r < v.nres && v.res_idx[r] == i; r++)
		{
			if (v.res_val[r] > 0)
				appendStringInfoChar(&buf, '+');
			eco_append_double(&buf, v.res_val[r]);
		}
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Equality: the same count, parameters, values and weights.  The text form
 * is canonical and exact (every parameter, value, weight and residual with
 * shortest round-trip digits; residuals canonical), so two states are equal
 * exactly when their text forms are: comparing them is the definition, at
 * the cost of printing both.
 */
static bool
distribution_same(Datum a, Datum b)
{
	char	   *x = DatumGetCString(DirectFunctionCall1(distribution_out, a));
	char	   *y = DatumGetCString(DirectFunctionCall1(distribution_out, b));
	bool		same = strcmp(x, y) == 0;

	pfree(x);
	pfree(y);
	return same;
}

Datum
distribution_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(distribution_same(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

Datum
distribution_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!distribution_same(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

/* ------------------------------------------------------------------------
 * Binary I/O.  Format (network byte order):
 *	 int8 version, int8 flags (0), int64 count, int32 nparams, int32 n,
 *	 float8 params[nparams], then n pairs float8 value, float8 weight;
 *	 version 2 (DIST_FORMAT_EXACT) then has int32 nres and nres pairs
 *	 int32 entry, float8 residual.  Version 1 is sent when there is no
 *	 residual, so such values have the bytes of earlier releases.
 * Every byte is validated on receive, exactly as the text input would:
 * -0 becomes 0, a NaN parameter the one NaN, residuals must be canonical.
 * ------------------------------------------------------------------------
 */

static void
recv_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid external distribution value"),
			 errdetail("%s", detail)));
}

Datum
distribution_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				flags;
	int64		count,
				main_len;
	int32		nparams,
				n,
				nres = 0;
	double	   *params,
			   *vals,
			   *wts,
			   *rval = NULL;
	int64	   *ridx = NULL;

	/* the fixed header: version, flags, count, nparams, n */
	if (buf->len - buf->cursor < 1 + 1 + 8 + 4 + 4)
		recv_error("Message is shorter than the header.");
	version = pq_getmsgbyte(buf);
	if (version != ECO_FORMAT_VERSION && version != DIST_FORMAT_EXACT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external distribution value"),
				 errdetail("Unsupported format version %d.", version)));
	flags = pq_getmsgbyte(buf);
	if (flags != 0)
		recv_error("Unknown flags.");
	count = pq_getmsgint64(buf);
	nparams = pq_getmsgint(buf, 4);
	n = pq_getmsgint(buf, 4);
	if (count < 0)
		recv_error("Negative count.");
	if (nparams < 0 || nparams > DIST_MAX_PARAMS)
		recv_error("Invalid number of parameters.");
	if (n < 0 || n > count)
		recv_error("Invalid number of distinct values.");
	main_len = 8 * ((int64) nparams + 2 * (int64) n);
	if (version == ECO_FORMAT_VERSION ?
		(int64) (buf->len - buf->cursor) != main_len :
		(int64) (buf->len - buf->cursor) < main_len + 4)
		recv_error("Message length does not match the number of entries.");

	params = palloc(sizeof(double) * Max(nparams, 1));
	vals = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * Max(n, 1));
	wts = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * Max(n, 1));
	for (int i = 0; i < nparams; i++)
	{
		double		p = pq_getmsgfloat8(buf);

		if (!dist_canonical_param(&p))
			recv_error("Infinite parameter.");
		params[i] = p;
	}
	for (int32 i = 0; i < n; i++)
	{
		double		v = pq_getmsgfloat8(buf);
		double		w = pq_getmsgfloat8(buf);

		if (!isfinite(v))
			recv_error("Value is not finite.");
		if (i > 0 && !(v > vals[i - 1]))
			recv_error("Values are not in strictly increasing order.");
		if (!isfinite(w) || !(w > 0))
			recv_error("Weight is not a finite number greater than 0.");
		vals[i] = (v == 0) ? 0.0 : v;
		wts[i] = w;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	if (version == DIST_FORMAT_EXACT)
	{
		int32		start = 0;

		nres = pq_getmsgint(buf, 4);
		if (nres < 1 || (int64) nres > (int64) n * (ECO_XSUM_MAX - 1) ||
			(int64) (buf->len - buf->cursor) != 12 * (int64) nres)
			recv_error("Invalid number of weight residuals.");
		rval = palloc(sizeof(double) * nres);
		ridx = palloc(sizeof(int64) * nres);
		for (int32 r = 0; r < nres; r++)
		{
			ridx[r] = pq_getmsgint(buf, 4);
			rval[r] = pq_getmsgfloat8(buf);
			if (ridx[r] < 0 || ridx[r] >= n || (r > 0 && ridx[r] < ridx[r - 1]))
				recv_error("Weight residual entries are out of range or order.");
			ECO_CHECK_INTERRUPTS_EVERY(r);
		}
		/* each entry's weight and residuals: its canonical expansion */
		while (start < nres)
		{
			int32		end = start;
			double		c[ECO_XSUM_MAX];
			int			k = 1;

			while (end < nres && ridx[end] == ridx[start])
				end++;
			if (end - start >= ECO_XSUM_MAX)
				recv_error("Too many weight residuals for one value.");
			c[0] = wts[ridx[start]];
			for (int32 r = start; r < end; r++)
				c[k++] = rval[r];
			if (!eco_expansion_is_canonical(c, k))
				recv_error("Weight residuals are not the canonical expansion of the weight's exact sum.");
			start = end;
		}
	}
	pq_getmsgend(buf);
	PG_RETURN_POINTER(dist_build_flat(count, params, nparams, vals, wts, n,
									  rval, ridx, nres));
}

Datum
distribution_send(PG_FUNCTION_ARGS)
{
	DistView	v;
	StringInfoData buf;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, v.nres > 0 ? DIST_FORMAT_EXACT : ECO_FORMAT_VERSION);
	pq_sendbyte(&buf, 0);
	pq_sendint64(&buf, v.count);
	pq_sendint32(&buf, v.nparams);
	pq_sendint32(&buf, (int32) v.n);
	for (int i = 0; i < v.nparams; i++)
		pq_sendfloat8(&buf, v.params[i]);
	for (int64 i = 0; i < v.n; i++)
	{
		pq_sendfloat8(&buf, v.vals[i]);
		pq_sendfloat8(&buf, dv_w(&v, i));
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	if (v.nres > 0)
	{
		pq_sendint32(&buf, (int32) v.nres);
		for (int64 r = 0; r < v.nres; r++)
		{
			pq_sendint32(&buf, (int32) v.res_idx[r]);
			pq_sendfloat8(&buf, v.res_val[r]);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

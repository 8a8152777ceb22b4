/*-------------------------------------------------------------------------
 *
 * topk.c
 *	  The topk_state type and the top_k_share aggregate.
 *
 * The state keeps exactly what top_k_share needs: k, the number of rows,
 * the running total as a double-double (hi + lo, the exact rounding error
 * of every addition kept in lo) and the k largest values seen.  In memory
 * the values form a min-heap, so a row below the current k-th largest
 * costs one comparison; on disk they are sorted, largest first.
 *
 * Text form:  k=3 count=10 sum=55 sum_lo=0 {10,9,8}
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"

#include <math.h>

#include "common/int.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(topk_state_in);
PG_FUNCTION_INFO_V1(topk_state_out);
PG_FUNCTION_INFO_V1(topk_state_recv);
PG_FUNCTION_INFO_V1(topk_state_send);
PG_FUNCTION_INFO_V1(eco_topk_accum);
PG_FUNCTION_INFO_V1(eco_topk_combine);
PG_FUNCTION_INFO_V1(eco_topk_final);

#define TOPK_MAGIC		0x45434f4b	/* "ECOK" */
#define TOPK_MAX_K		((int32) ((MaxAllocSize - TOPK_HDRSZ) / sizeof(double)))

typedef struct ExpandedTopK
{
	ExpandedObjectHeader hdr;
	int32		magic;
	int32		k;
	int64		count;
	double		sum_hi;
	double		sum_lo;
	int32		nheap;
	int32		capheap;
	double	   *heap;			/* min-heap of the largest values */
} ExpandedTopK;

/* Sorted, largest-first view of a topk_state. */
typedef struct TopKView
{
	int32		k;
	int32		nvals;
	int64		count;
	double		sum_hi;
	double		sum_lo;
	const double *vals;			/* non-increasing */
	double	   *owned;			/* palloc'd copy to free, or NULL */
} TopKView;

static Size topk_get_flat_size(ExpandedObjectHeader *eohptr);
static void topk_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods topk_methods = {
	topk_get_flat_size,
	topk_flatten_into
};

static ExpandedTopK *
topk_new(MemoryContext parent, int32 k)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "ecostats topk_state",
											  ALLOCSET_SMALL_SIZES);
	ExpandedTopK *et = MemoryContextAllocZero(cxt, sizeof(ExpandedTopK));

	EOH_init_header(&et->hdr, &topk_methods, cxt);
	et->magic = TOPK_MAGIC;
	et->k = k;
	return et;
}

/*
 * The running total in normal form: hi = RN(hi + lo), lo the exact rest.
 * eco_dd_add lets lo collect errors; the stored and printed forms are
 * normalised, so a state equals its own text round trip.
 */
static inline void
topk_normalize(double *hi, double *lo)
{
	double		s = *hi + *lo;
	double		bp = s - *hi;
	double		err = (*hi - (s - bp)) + (*lo - bp);

	*hi = (s == 0) ? 0.0 : s;
	*lo = (err == 0) ? 0.0 : err;
}

static inline void
heap_sift_down(double *h, int32 n, int32 i)
{
	double		v = h[i];

	for (;;)
	{
		int32		c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && h[c + 1] < h[c])
			c++;
		if (!(h[c] < v))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = v;
}

static inline void
heap_push(double *h, int32 n, double v)
{
	int32		i = n;

	while (i > 0)
	{
		int32		p = (i - 1) / 2;

		if (!(v < h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = v;
}

/* Offer one value to the top k. */
static inline void
topk_offer(ExpandedTopK *et, double v)
{
	if (et->nheap < et->k)
	{
		if (et->nheap == et->capheap)
		{
			int32		newcap = (et->capheap == 0) ? Min(et->k, 16) :
				(int32) Min((int64) et->capheap * 2, (int64) et->k);
			Size		sz = sizeof(double) * newcap;

			et->heap = et->heap ? repalloc_huge(et->heap, sz) :
				MemoryContextAllocHuge(et->hdr.eoh_context, sz);
			et->capheap = newcap;
		}
		heap_push(et->heap, et->nheap, v);
		et->nheap++;
	}
	else if (v > et->heap[0])
	{
		et->heap[0] = v;
		heap_sift_down(et->heap, et->nheap, 0);
	}
}

/* The heap's values, largest first, in a palloc'd array. */
static double *
topk_sorted_desc(const double *heap, int32 n)
{
	double	   *asc = palloc(sizeof(double) * Max(n, 1));
	double	   *desc = palloc(sizeof(double) * Max(n, 1));

	memcpy(asc, heap, sizeof(double) * n);
	eco_sort_doubles(asc, NULL, n);
	for (int32 i = 0; i < n; i++)
		desc[i] = asc[n - 1 - i];
	pfree(asc);
	return desc;
}

static Size
topk_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedTopK *et = (ExpandedTopK *) eohptr;

	return TOPK_HDRSZ + sizeof(double) * et->nheap;
}

static void
topk_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedTopK *et = (ExpandedTopK *) eohptr;
	TopKData   *td = (TopKData *) result;
	double	   *desc = topk_sorted_desc(et->heap, et->nheap);

	memset(td, 0, TOPK_HDRSZ);
	SET_VARSIZE(td, allocated_size);
	td->version = ECO_FORMAT_VERSION;
	td->k = et->k;
	td->nvals = et->nheap;
	td->count = et->count;
	td->sum_hi = et->sum_hi;
	td->sum_lo = et->sum_lo;
	topk_normalize(&td->sum_hi, &td->sum_lo);
	memcpy(td->vals, desc, sizeof(double) * et->nheap);
	pfree(desc);
}

static void
topk_get_view(Datum d, TopKView *v)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedTopK *et = (ExpandedTopK *) DatumGetEOHP(d);

		if (et->hdr.eoh_methods != &topk_methods || et->magic != TOPK_MAGIC)
			elog(ERROR, "expanded object is not a topk_state");
		v->k = et->k;
		v->nvals = et->nheap;
		v->count = et->count;
		v->sum_hi = et->sum_hi;
		v->sum_lo = et->sum_lo;
		topk_normalize(&v->sum_hi, &v->sum_lo);
		v->owned = topk_sorted_desc(et->heap, et->nheap);
		v->vals = v->owned;
	}
	else
	{
		TopKData   *td = (TopKData *) PG_DETOAST_DATUM(d);

		if (td->version != ECO_FORMAT_VERSION)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("topk_state format version %d is not supported by this version of ecostats",
							td->version)));
		v->k = td->k;
		v->nvals = td->nvals;
		v->count = td->count;
		v->sum_hi = td->sum_hi;
		v->sum_lo = td->sum_lo;
		v->vals = td->vals;
		v->owned = NULL;
	}
}

static ExpandedTopK *
topk_from_view(const TopKView *v, MemoryContext parent)
{
	ExpandedTopK *et = topk_new(parent, v->k);

	et->count = v->count;
	et->sum_hi = v->sum_hi;
	et->sum_lo = v->sum_lo;
	if (v->nvals > 0)
	{
		et->heap = MemoryContextAllocHuge(et->hdr.eoh_context, sizeof(double) * v->nvals);
		/* ascending order is a valid min-heap */
		for (int32 i = 0; i < v->nvals; i++)
			et->heap[i] = v->vals[v->nvals - 1 - i];
		et->nheap = et->capheap = v->nvals;
	}
	return et;
}

static ExpandedTopK *
topk_state(FunctionCallInfo fcinfo, MemoryContext *aggcxt)
{
	Datum		d;
	TopKView	v;

	if (!AggCheckCallContext(fcinfo, aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("top_k_share transition function called in non-aggregate context")));
	/* the function serves top_k_share only: messages name it (eco_errcontext) */
	if (PG_ARGISNULL(0))
		return NULL;
	d = PG_GETARG_DATUM(0);
	if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		ExpandedTopK *et = (ExpandedTopK *) DatumGetEOHP(d);

		if (et->hdr.eoh_methods == &topk_methods &&
			MemoryContextGetParent(et->hdr.eoh_context) == *aggcxt)
			return et;
	}
	topk_get_view(d, &v);
	return topk_from_view(&v, *aggcxt);
}

#define RETURN_TOPK(et) PG_RETURN_DATUM(EOHPGetRWDatum(&(et)->hdr))

static void
topk_check_same_k(FunctionCallInfo fcinfo, int32 have, int32 got)
{
	if (have != got)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be the same for all rows of a group"),
				 errdetail("The group started with k = %d and a later row has k = %d.", have, got),
				 eco_errcontext(fcinfo, "top_k_share")));
}

/* top_k_share(value float8, k int) transition */
Datum
eco_topk_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedTopK *et;
	double		v;
	int32		k;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		et = topk_state(fcinfo, &aggcxt);
		RETURN_TOPK(et);
	}
	v = PG_GETARG_FLOAT8(1);
	k = PG_GETARG_INT32(2);
	eco_check_nonneg_value(fcinfo, "top_k_share", v);
	et = topk_state(fcinfo, &aggcxt);
	if (et == NULL)
	{
		eco_check_k(fcinfo, "top_k_share", k);
		if (k > TOPK_MAX_K)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("k must be at most %d, got %d", TOPK_MAX_K, k),
					 eco_errcontext(fcinfo, "top_k_share")));
		et = topk_new(aggcxt, k);
	}
	else if (unlikely(et->k != k))
		topk_check_same_k(fcinfo, et->k, k);

	if (v == 0)
		v = 0.0;
	if (unlikely(pg_add_s64_overflow(et->count, 1, &et->count)))
		eco_error_overflow(fcinfo, "top_k_share", "row count");
	eco_dd_add(&et->sum_hi, &et->sum_lo, v);
	if (unlikely(isinf(et->sum_hi)))
		eco_error_overflow(fcinfo, "top_k_share", "sum of the values");
	topk_offer(et, v);
	RETURN_TOPK(et);
}

Datum
eco_topk_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedTopK *et;
	TopKView	v2;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		et = topk_state(fcinfo, &aggcxt);
		RETURN_TOPK(et);
	}
	topk_get_view(PG_GETARG_DATUM(1), &v2);
	et = topk_state(fcinfo, &aggcxt);
	if (et == NULL)
		et = topk_from_view(&v2, aggcxt);
	else
	{
		topk_check_same_k(fcinfo, et->k, v2.k);
		if (pg_add_s64_overflow(et->count, v2.count, &et->count))
			eco_error_overflow(fcinfo, "top_k_share", "row count");
		eco_dd_add(&et->sum_hi, &et->sum_lo, v2.sum_hi);
		eco_dd_add(&et->sum_hi, &et->sum_lo, v2.sum_lo);
		if (isinf(et->sum_hi))
			eco_error_overflow(fcinfo, "top_k_share", "sum of the values");
		for (int32 i = 0; i < v2.nvals; i++)
		{
			ECO_CHECK_INTERRUPTS_EVERY(i);
			/* v2 is sorted largest first: the rest cannot enter either */
			if (et->nheap == et->k && !(v2.vals[i] > et->heap[0]))
				break;
			topk_offer(et, v2.vals[i]);
		}
	}
	if (v2.owned)
		pfree(v2.owned);
	RETURN_TOPK(et);
}

/*
 * Σ of the k largest / Σ of all, or NULL when the total is 0.  The top sum
 * is added in a fixed order (largest first) in long double, so the result
 * does not depend on input order.
 */
Datum
eco_topk_final(PG_FUNCTION_ARGS)
{
	TopKView	v;
	long double top = 0;
	long double total;
	double		result;

	/* a direct call could pass any state: only the aggregate calls this */
	eco_require_aggregate(fcinfo, "topk_state_share");
	topk_get_view(PG_GETARG_DATUM(0), &v);
	total = (long double) v.sum_hi + (long double) v.sum_lo;
	if (isinf(v.sum_hi) || isnan(v.sum_hi))
		eco_error_overflow(fcinfo, "top_k_share", "sum of the values");
	if (total == 0)
		PG_RETURN_NULL();
	if (v.nvals >= v.count)
		result = 1.0;
	else
	{
		for (int32 i = 0; i < v.nvals; i++)
		{
			top += v.vals[i];
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
		result = (double) (top / total);
		if (result > 1.0)
			result = 1.0;
	}
	if (v.owned)
		pfree(v.owned);
	PG_RETURN_FLOAT8(result);
}

/* ------------------------------------------------------------------------
 * Text and binary I/O
 * ------------------------------------------------------------------------
 */

/* Checks of the header shared by text and binary input; a problem or NULL. */
static const char *
topk_validate(int64 k, int64 count, int64 nvals, double hi, double lo)
{
	if (k < 1 || k > TOPK_MAX_K)
		return "k is out of range";
	if (count < 0)
		return "count is negative";
	if (nvals != Min(k, count))
		return "the number of values must be the smaller of k and count";
	if (!isfinite(hi) || !isfinite(lo) || hi < 0)
		return "sum must be finite and not negative";
	/* the normal form the output has: sum = RN(sum + sum_lo) */
	if (hi + lo != hi || (hi == 0 && lo != 0))
		return "sum_lo must be smaller than half a unit in the last place of sum";
	return NULL;
}

/*
 * The total against the values it must contain (all are >= 0): at least
 * the sum of the k largest, at most that plus count − nvals times the
 * smallest kept one, equal to it when every row is kept.  The compensated
 * total is exact to far better than the 1e-12 relative slack allowed.
 */
static const char *
topk_validate_total(int64 count, int32 nvals, double hi, double lo, const double *vals)
{
	long double top = 0,
				total = (long double) hi + lo,
				upper,
				slack;

	for (int32 i = 0; i < nvals; i++)
	{
		top += vals[i];
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	upper = top + (nvals > 0 ? (long double) (count - nvals) * vals[nvals - 1] : 0);
	slack = 1e-12L * upper;
	if (total < top - slack)
		return "sum is less than the sum of the values";
	if (total > upper + slack)
		return "sum is greater than the values and count allow";
	return NULL;
}

static const char *
topk_validate_value(double v, bool has_prev, double prev)
{
	if (!isfinite(v) || v < 0)
		return "values must be finite and not negative";
	if (has_prev && v > prev)
		return "values must be in non-increasing order";
	return NULL;
}

static TopKData *
topk_alloc_flat(int32 k, int64 count, int32 nvals, double hi, double lo)
{
	Size		sz = TOPK_HDRSZ + sizeof(double) * nvals;
	TopKData   *td = palloc0(sz);

	SET_VARSIZE(td, sz);
	td->version = ECO_FORMAT_VERSION;
	td->k = k;
	td->nvals = nvals;
	td->count = count;
	td->sum_hi = hi;
	td->sum_lo = lo;
	return td;
}

Datum
topk_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	EcoScanner	s;
	int64		k,
				count,
				n = 0,
				cap;
	double		hi,
				lo;
	double	   *vals;
	const char *problem;
	TopKData   *td;

	eco_scan_init(&s, str, "topk_state", ECO_ESCONTEXT(fcinfo));
	ECO_SCAN(eco_scan_expect(&s, "k="));
	ECO_SCAN(eco_scan_int64(&s, "k", &k));
	if (k < 1 || k > TOPK_MAX_K)
		ECO_SCAN(eco_scan_error(&s, "k must be between 1 and %d", TOPK_MAX_K));
	ECO_SCAN(eco_scan_expect(&s, "count="));
	ECO_SCAN(eco_scan_int64(&s, "count", &count));
	ECO_SCAN(eco_scan_expect(&s, "sum="));
	ECO_SCAN(eco_scan_double(&s, "sum", false, &hi));
	ECO_SCAN(eco_scan_expect(&s, "sum_lo="));
	ECO_SCAN(eco_scan_double(&s, "sum_lo", false, &lo));
	ECO_SCAN(eco_scan_expect(&s, "{"));
	cap = Min(k, count);
	vals = palloc(sizeof(double) * Max(cap, 1));
	if (!eco_scan_try(&s, "}"))
	{
		do
		{
			const char *start;
			double		v;

			eco_scan_ws(&s);
			start = s.p;
			ECO_SCAN(eco_scan_double(&s, "value", false, &v));
			if (n >= cap)
			{
				s.p = start;
				ECO_SCAN(eco_scan_error(&s, "more values than the smaller of k and count"));
			}
			problem = topk_validate_value(v, n > 0, n ? vals[n - 1] : 0);
			if (problem)
			{
				s.p = start;
				ECO_SCAN(eco_scan_error(&s, "%s", problem));
			}
			vals[n++] = v;
			ECO_CHECK_INTERRUPTS_EVERY(n);
		} while (eco_scan_try(&s, ","));
		ECO_SCAN(eco_scan_expect(&s, "}"));
	}
	ECO_SCAN(eco_scan_end(&s));

	if (lo == 0)
		lo = 0.0;
	problem = topk_validate(k, count, n, hi, lo);
	if (!problem)
		problem = topk_validate_total(count, (int32) n, hi, lo, vals);
	if (problem)
		eco_ereturn(ECO_ESCONTEXT(fcinfo), (Datum) 0,
					errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					errmsg("invalid input syntax for type topk_state: \"%.*s%s\"",
						   pg_mbcliplen(str, (int) Min(strlen(str), (size_t) 1024), 60), str,
						   strlen(str) > (size_t) pg_mbcliplen(str, (int) Min(strlen(str), (size_t) 1024), 60) ? "..." : ""),
					errdetail("%s.", problem));
	td = topk_alloc_flat((int32) k, count, (int32) n, hi, lo);
	memcpy(td->vals, vals, sizeof(double) * n);
	PG_RETURN_POINTER(td);
}

Datum
topk_state_out(PG_FUNCTION_ARGS)
{
	TopKView	v;
	StringInfoData buf;

	topk_get_view(PG_GETARG_DATUM(0), &v);
	initStringInfo(&buf);
	appendStringInfo(&buf, "k=%d count=" INT64_FORMAT " sum=", v.k, v.count);
	eco_append_double(&buf, v.sum_hi);
	appendStringInfoString(&buf, " sum_lo=");
	eco_append_double(&buf, v.sum_lo);
	appendStringInfoString(&buf, " {");
	for (int32 i = 0; i < v.nvals; i++)
	{
		if (i)
			appendStringInfoChar(&buf, ',');
		eco_append_double(&buf, v.vals[i]);
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary format: int8 version, int8 flags (0), int32 k, int64 count,
 * float8 sum_hi, float8 sum_lo, int32 nvals, float8 vals[nvals].
 */
Datum
topk_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				flags;
	int32		k,
				nvals;
	int64		count;
	double		hi,
				lo;
	const char *problem;
	TopKData   *td;

	/* the fixed header: version, flags, k, count, sum, sum_lo, nvals */
	if (buf->len - buf->cursor < 1 + 1 + 4 + 8 + 8 + 8 + 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external topk_state value"),
				 errdetail("Message is shorter than the header.")));
	version = pq_getmsgbyte(buf);
	flags = pq_getmsgbyte(buf);
	k = pq_getmsgint(buf, 4);
	count = pq_getmsgint64(buf);
	hi = pq_getmsgfloat8(buf);
	lo = pq_getmsgfloat8(buf);
	nvals = pq_getmsgint(buf, 4);
	if (version != ECO_FORMAT_VERSION)
		problem = "Unsupported format version";
	else if (flags != 0)
		problem = "Unknown flags";
	else
		problem = topk_validate(k, count, nvals, hi, lo);
	/* one zero, as the text form has (it prints -0 and reads it back as 0) */
	if (hi == 0)
		hi = 0.0;
	if (lo == 0)
		lo = 0.0;
	if (!problem && (int64) (buf->len - buf->cursor) != 8 * (int64) nvals)
		problem = "Message length does not match the number of values";
	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external topk_state value"),
				 errdetail("%s.", problem)));

	td = topk_alloc_flat(k, count, nvals, hi, lo);
	for (int32 i = 0; i < nvals; i++)
	{
		double		v = pq_getmsgfloat8(buf);

		problem = topk_validate_value(v, i > 0, i ? td->vals[i - 1] : 0);
		if (problem)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external topk_state value"),
					 errdetail("%s.", problem)));
		td->vals[i] = (v == 0) ? 0.0 : v;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	pq_getmsgend(buf);
	problem = topk_validate_total(count, nvals, hi, lo, td->vals);
	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external topk_state value"),
				 errdetail("%s.", problem)));
	PG_RETURN_POINTER(td);
}

Datum
topk_state_send(PG_FUNCTION_ARGS)
{
	TopKView	v;
	StringInfoData buf;

	topk_get_view(PG_GETARG_DATUM(0), &v);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ECO_FORMAT_VERSION);
	pq_sendbyte(&buf, 0);
	pq_sendint32(&buf, v.k);
	pq_sendint64(&buf, v.count);
	pq_sendfloat8(&buf, v.sum_hi);
	pq_sendfloat8(&buf, v.sum_lo);
	pq_sendint32(&buf, v.nvals);
	for (int32 i = 0; i < v.nvals; i++)
		pq_sendfloat8(&buf, v.vals[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

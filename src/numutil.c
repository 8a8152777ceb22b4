/*-------------------------------------------------------------------------
 *
 * numutil.c
 *	  Numeric helpers of ecostats: a radix sort for float8, shortest
 *	  round-trip float8 output, a small text scanner for the input
 *	  functions, and the argument checks every aggregate shares.
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"

#include <math.h>

/* server headers with unused parameters in inline functions (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "catalog/pg_aggregate.h"
#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#pragma GCC diagnostic pop

/* ------------------------------------------------------------------------
 * Sorting
 * ------------------------------------------------------------------------
 */

/*
 * Map a float8 to an unsigned key with the same order (for non-NaN input):
 * negative numbers have all bits flipped, non-negative ones the sign bit set.
 */
static inline uint64
dbl_to_key(double d)
{
	uint64		u;

	memcpy(&u, &d, sizeof(u));
	return (u & UINT64CONST(0x8000000000000000)) ? ~u : (u | UINT64CONST(0x8000000000000000));
}

static inline double
key_to_dbl(uint64 k)
{
	uint64		u;
	double		d;

	u = (k & UINT64CONST(0x8000000000000000)) ? (k & ~UINT64CONST(0x8000000000000000)) : ~k;
	memcpy(&d, &u, sizeof(d));
	return d;
}

#define RADIX_BITS		11
#define RADIX_SIZE		(1 << RADIX_BITS)
#define RADIX_MASK		(RADIX_SIZE - 1)
#define MSD_SHIFT		53		/* the top 11 bits: sign and exponent */
#define LSD_PASSES		5		/* 5 × 11 bits cover the 53 below */
#define SMALL_SORT		48

static void
insertion_sort(double *vals, double *wts, int64 n)
{
	for (int64 i = 1; i < n; i++)
	{
		double		v = vals[i];
		double		w = wts ? wts[i] : 0;
		int64		j = i;

		while (j > 0 && vals[j - 1] > v)
		{
			vals[j] = vals[j - 1];
			if (wts)
				wts[j] = wts[j - 1];
			j--;
		}
		vals[j] = v;
		if (wts)
			wts[j] = w;
	}
}

/* A key and its weight, moved together (one scatter stream, not two). */
typedef struct KeyWeight
{
	uint64		key;
	double		w;
} KeyWeight;

/*
 * The radix sort, written once for both element types: a bare key (uint64)
 * and a key with its weight (KeyWeight).
 *
 * Hybrid MSD/LSD: one scatter by the top 11 bits (sign and exponent) splits
 * the input into buckets that usually fit in cache; each bucket is then
 * sorted by LSD passes over the 53 low bits, 11 bits a pass, skipping a
 * pass when every key of the bucket has the same digit there (common:
 * integers stored as float8 have all-zero low mantissa bits).  Stable and
 * linear; main memory is crossed about three times instead of seven.
 */
#define DEFINE_RADIX_SORT(NAME, T, KEY) \
static void \
NAME##_lsd(T *a, T *tmp, int64 n, int64 *counts) \
{ \
	bool		needed[LSD_PASSES]; \
	T		   *src = a, \
			   *dst = tmp; \
	memset(counts, 0, sizeof(int64) * LSD_PASSES * RADIX_SIZE); \
	for (int64 i = 0; i < n; i++) \
	{ \
		uint64		k = KEY(a[i]); \
		for (int b = 0; b < LSD_PASSES; b++) \
			counts[b * RADIX_SIZE + ((k >> (RADIX_BITS * b)) & RADIX_MASK)]++; \
	} \
	for (int b = 0; b < LSD_PASSES; b++) \
	{ \
		int64	   *c = counts + b * RADIX_SIZE; \
		int64		off = 0; \
		needed[b] = true; \
		for (int d = 0; d < RADIX_SIZE; d++) \
		{ \
			int64		cnt = c[d]; \
			if (cnt == n) \
				needed[b] = false; \
			c[d] = off; \
			off += cnt; \
		} \
	} \
	for (int b = 0; b < LSD_PASSES; b++) \
	{ \
		int64	   *c = counts + b * RADIX_SIZE; \
		int			shift = RADIX_BITS * b; \
		T		   *t; \
		if (!needed[b]) \
			continue; \
		CHECK_FOR_INTERRUPTS(); \
		for (int64 i = 0; i < n; i++) \
			dst[c[(KEY(src[i]) >> shift) & RADIX_MASK]++] = src[i]; \
		t = src; \
		src = dst; \
		dst = t; \
	} \
	if (src != a) \
		memcpy(a, src, sizeof(T) * n); \
} \
\
static void \
NAME(T *a, int64 n) \
{ \
	T		   *tmp = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(T) * n); \
	int64	   *counts = palloc(sizeof(int64) * LSD_PASSES * RADIX_SIZE); \
	int64		start[RADIX_SIZE + 1]; \
	int64		fill[RADIX_SIZE]; \
	int64		off = 0; \
	int			nonempty = 0; \
	memset(fill, 0, sizeof(fill)); \
	for (int64 i = 0; i < n; i++) \
	{ \
		fill[KEY(a[i]) >> MSD_SHIFT]++; \
		ECO_CHECK_INTERRUPTS_EVERY(i); \
	} \
	for (int d = 0; d < RADIX_SIZE; d++) \
	{ \
		start[d] = off; \
		off += fill[d]; \
		nonempty += (fill[d] > 0); \
		fill[d] = start[d]; \
	} \
	start[RADIX_SIZE] = off; \
	if (nonempty == 1) \
		NAME##_lsd(a, tmp, n, counts); \
	else \
	{ \
		for (int64 i = 0; i < n; i++) \
			tmp[fill[KEY(a[i]) >> MSD_SHIFT]++] = a[i]; \
		for (int d = 0; d < RADIX_SIZE; d++) \
		{ \
			int64		s = start[d], \
						len = start[d + 1] - start[d]; \
			if (len == 0) \
				continue; \
			CHECK_FOR_INTERRUPTS(); \
			if (len > SMALL_SORT) \
				NAME##_lsd(tmp + s, a + s, len, counts); \
			else \
				for (int64 i = s + 1; i < s + len; i++) \
				{ \
					T			e = tmp[i]; \
					int64		j = i; \
					while (j > s && KEY(tmp[j - 1]) > KEY(e)) \
					{ \
						tmp[j] = tmp[j - 1]; \
						j--; \
					} \
					tmp[j] = e; \
				} \
		} \
		memcpy(a, tmp, sizeof(T) * n); \
	} \
	pfree(counts); \
	pfree(tmp); \
}

#define BARE_KEY(e)		(e)
#define PAIR_KEY(e)		((e).key)
DEFINE_RADIX_SORT(radix_sort_keys, uint64, BARE_KEY)
DEFINE_RADIX_SORT(radix_sort_pairs, KeyWeight, PAIR_KEY)

/*
 * Stable ascending sort of vals (no NaN), carrying wts along when not NULL.
 * A holistic aggregate over millions of rows spends a few ns per row here.
 */
void
eco_sort_doubles(double *vals, double *wts, int64 n)
{
	if (n < 2)
		return;
	if (n <= SMALL_SORT)
	{
		insertion_sort(vals, wts, n);
		return;
	}
	if (wts == NULL)
	{
		uint64	   *keys = (uint64 *) vals;

		for (int64 i = 0; i < n; i++)
			keys[i] = dbl_to_key(vals[i]);
		radix_sort_keys(keys, n);
		for (int64 i = 0; i < n; i++)
			vals[i] = key_to_dbl(keys[i]);
	}
	else
	{
		KeyWeight  *kw = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(KeyWeight) * n);

		for (int64 i = 0; i < n; i++)
		{
			kw[i].key = dbl_to_key(vals[i]);
			kw[i].w = wts[i];
		}
		radix_sort_pairs(kw, n);
		for (int64 i = 0; i < n; i++)
		{
			vals[i] = key_to_dbl(kw[i].key);
			wts[i] = kw[i].w;
		}
		pfree(kw);
	}
}

/* ------------------------------------------------------------------------
 * Text output and input
 * ------------------------------------------------------------------------
 */

void
eco_append_double(StringInfo buf, double v)
{
	char		tmp[64];

	if (isnan(v))
	{
		appendStringInfoString(buf, "NaN");
		return;
	}
	double_to_shortest_decimal_buf(v, tmp);
	appendStringInfoString(buf, tmp);
}

void
eco_scan_init(EcoScanner *s, const char *input, const char *typname, Node *escontext)
{
	s->input = input;
	s->p = input;
	s->typname = typname;
	s->escontext = escontext;
}

/* Report a syntax error at the current position; false if it was soft. */
bool
eco_scan_error(EcoScanner *s, const char *fmt,...)
{
	char		detail[256];
	va_list		ap;
	int			clip;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);

	/* the input is quoted up to 60 bytes, cut at a character boundary */
	clip = pg_mbcliplen(s->input, (int) Min(strlen(s->input), (size_t) 1024), 60);
	eco_errsave(s->escontext,
				errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				errmsg("invalid input syntax for type %s: \"%.*s%s\"",
					   s->typname, clip, s->input, s->input[clip] != '\0' ? "..." : ""),
				errdetail("%s at character %d.", detail,
						  pg_mbstrlen_with_len(s->input, (int) (s->p - s->input)) + 1));
	return false;
}

void
eco_scan_ws(EcoScanner *s)
{
	while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
		s->p++;
}

/* Consume lit (after optional white space) if it is next; report whether. */
bool
eco_scan_try(EcoScanner *s, const char *lit)
{
	size_t		len = strlen(lit);

	eco_scan_ws(s);
	if (strncmp(s->p, lit, len) == 0)
	{
		s->p += len;
		return true;
	}
	return false;
}

bool
eco_scan_expect(EcoScanner *s, const char *lit)
{
	if (!eco_scan_try(s, lit))
		return eco_scan_error(s, "expected \"%s\"", lit);
	return true;
}

/*
 * A float8 literal.  Anything strtod() accepts, but NaN only where allowed
 * and never an infinity.
 */
bool
eco_scan_double(EcoScanner *s, const char *what, bool allow_nan, double *result)
{
	char	   *end;
	double		v;

	eco_scan_ws(s);
	if (*s->p == '\0' || *s->p == ',' || *s->p == '}' || *s->p == ':' || *s->p == ' ')
		return eco_scan_error(s, "expected a number for %s", what);
	errno = 0;
	v = strtod(s->p, &end);
	if (end == s->p)
		return eco_scan_error(s, "expected a number for %s", what);
	if (isnan(v) && !allow_nan)
		return eco_scan_error(s, "%s must not be NaN", what);
	if (isinf(v))
		return eco_scan_error(s, "%s is out of range for type double precision", what);
	s->p = end;
	/* one representation of zero, so that ties and order agree */
	if (v == 0)
		v = 0.0;
	*result = v;
	return true;
}

bool
eco_scan_int64(EcoScanner *s, const char *what, int64 *result)
{
	int64		v = 0;
	const char *start;

	eco_scan_ws(s);
	start = s->p;
	if (*s->p < '0' || *s->p > '9')
		return eco_scan_error(s, "expected a non-negative integer for %s", what);
	while (*s->p >= '0' && *s->p <= '9')
	{
		int			d = *s->p - '0';

		if (v > (PG_INT64_MAX - d) / 10)
		{
			s->p = start;
			return eco_scan_error(s, "%s is out of range for type bigint", what);
		}
		v = v * 10 + d;
		s->p++;
	}
	*result = v;
	return true;
}

bool
eco_scan_end(EcoScanner *s)
{
	eco_scan_ws(s);
	if (*s->p != '\0')
		return eco_scan_error(s, "unexpected trailing characters");
	return true;
}

/* ------------------------------------------------------------------------
 * Exact sums of float8 (Shewchuk's partials, as Python's math.fsum)
 *
 * x->p[0..n) is a non-overlapping expansion in increasing magnitude whose
 * exact sum is the sum of everything added: each two-sum is exact, so no
 * addition loses a bit, and the result does not depend on the order of the
 * additions.  Every partial kept is the rounding error of the next larger
 * one (|p[i]| <= ulp(p[i+1]) / 2), so their exponents are at least 53
 * apart and at most ECO_XSUM_MAX of them span the float8 range.
 * ------------------------------------------------------------------------
 */

bool
eco_xsum_add(EcoXSum *x, double v)
{
	int			i,
				j = 0;

	for (i = 0; i < x->n; i++)
	{
		double		y = x->p[i];
		double		hi,
					lo;

		if (fabs(v) < fabs(y))
		{
			double		t = v;

			v = y;
			y = t;
		}
		hi = v + y;
		lo = y - (hi - v);
		if (unlikely(isinf(hi)))
			return false;
		if (lo != 0.0)
			x->p[j++] = lo;
		v = hi;
	}
	if (v != 0.0)
	{
		if (unlikely(j >= ECO_XSUM_MAX))
			elog(ERROR, "exact sum has more than %d partials", ECO_XSUM_MAX);
		x->p[j++] = v;
	}
	x->n = j;
	return true;
}

/* The exact sum rounded once to the nearest float8 (ties to even). */
double
eco_xsum_round(const EcoXSum *x)
{
	int			n = x->n;
	double		hi,
				lo = 0.0;

	if (n == 0)
		return 0.0;
	hi = x->p[--n];
	while (n > 0)
	{
		double		a = hi,
					b = x->p[--n];

		hi = a + b;
		lo = b - (hi - a);
		if (lo != 0.0)
			break;
	}
	/* a half-way case that the last addition rounded the wrong way */
	if (n > 0 && ((lo < 0.0 && x->p[n - 1] < 0.0) || (lo > 0.0 && x->p[n - 1] > 0.0)))
	{
		double		y = lo * 2.0;
		double		t = hi + y;

		if (y == t - hi)
			hi = t;
	}
	return hi;
}

/*
 * The canonical expansion of the exact sum: c[0] = RN(X), c[1] = RN(X - c[0]),
 * …, until nothing is left.  Unique for a given X, so equal sums give equal
 * bytes.  Consumes x; returns the number of components (0 when X = 0).
 */
int
eco_xsum_canonical(EcoXSum *x, double *c)
{
	int			k = 0;

	while (x->n > 0)
	{
		double		r = eco_xsum_round(x);

		if (k >= ECO_XSUM_MAX || !eco_xsum_add(x, -r))
			elog(ERROR, "canonical expansion does not converge");
		c[k++] = r;
	}
	return k;
}

/*
 * Whether c[0..k) is the canonical expansion of its sum (see above): every
 * component finite and non-zero and each the rounded sum of itself and
 * the ones after it.
 */
bool
eco_expansion_is_canonical(const double *c, int k)
{
	EcoXSum		x;

	if (k < 1 || k > ECO_XSUM_MAX)
		return false;
	eco_xsum_init(&x);
	for (int i = k - 1; i >= 0; i--)
	{
		if (!isfinite(c[i]) || c[i] == 0.0)
			return false;
		if (!eco_xsum_add(&x, c[i]) || eco_xsum_round(&x) != c[i])
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------------
 * Argument checks.  SQLSTATE 22023 (invalid_parameter_value) throughout.
 * The primary message says what is wrong, PostgreSQL style; the CONTEXT
 * line names the aggregate or function (eco_errcontext).
 * ------------------------------------------------------------------------
 */

/*
 * The name for the CONTEXT line.  fn is what the C function serves (it may
 * serve several aggregates: "gini or hhi").  When the calling Aggref is an
 * aggregate of which this very function is the transition, combine or
 * final function, its name is more precise and used instead; an outer
 * aggregate that merely calls ours (Citus' worker_partial_agg) does not
 * qualify, so its name never appears.  Looked up only when there is an
 * error to report.
 */
static const char *
eco_context_name(FunctionCallInfo fcinfo, const char *fn)
{
	Aggref	   *aggref;
	HeapTuple	tup;
	const char *name = fn;

	if (fcinfo == NULL || fcinfo->flinfo == NULL)
		return fn;
	aggref = AggGetAggref(fcinfo);
	if (aggref == NULL)
		return fn;
	tup = SearchSysCache1(AGGFNOID, ObjectIdGetDatum(aggref->aggfnoid));
	if (HeapTupleIsValid(tup))
	{
		Form_pg_aggregate agg = (Form_pg_aggregate) GETSTRUCT(tup);
		Oid			self = fcinfo->flinfo->fn_oid;

		if (OidIsValid(self) &&
			(agg->aggtransfn == self || agg->aggcombinefn == self ||
			 agg->aggfinalfn == self))
		{
			char	   *n = get_func_name(aggref->aggfnoid);

			if (n)
				name = n;
		}
		ReleaseSysCache(tup);
	}
	return name;
}

int
eco_errcontext(FunctionCallInfo fcinfo, const char *fn)
{
	bool		in_agg = fcinfo && fcinfo->context &&
		AggCheckCallContext(fcinfo, NULL) != 0;

	return errcontext("%s %s", in_agg ? "aggregate function" : "function",
					  eco_context_name(fcinfo, fn));
}

void
eco_error_value(FunctionCallInfo fcinfo, const char *fn, double v)
{
	if (isnan(v) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value must be finite, got %g", v),
				 eco_errcontext(fcinfo, fn)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("value must not be negative, got %g", v),
			 errhint("Shares, concentration and inequality measures are defined for non-negative values only."),
			 eco_errcontext(fcinfo, fn)));
}

void
eco_error_weight(FunctionCallInfo fcinfo, const char *fn, double w)
{
	if (isnan(w) || isinf(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must be finite, got %g", w),
				 eco_errcontext(fcinfo, fn)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("weight must not be negative, got %g", w),
			 eco_errcontext(fcinfo, fn)));
}

void
eco_error_overflow(FunctionCallInfo fcinfo, const char *fn, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s is out of range for type %s", what,
					strcmp(what, "row count") == 0 ? "bigint" : "double precision"),
			 eco_errcontext(fcinfo, fn)));
}

void
eco_check_k(FunctionCallInfo fcinfo, const char *fn, int64 k)
{
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, got " INT64_FORMAT, k),
				 eco_errcontext(fcinfo, fn)));
}

void
eco_check_fraction(FunctionCallInfo fcinfo, const char *fn, double f)
{
	if (!(f > 0 && f <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fraction must be greater than 0 and at most 1, got %g", f),
				 eco_errcontext(fcinfo, fn)));
}

void
eco_check_quantile(FunctionCallInfo fcinfo, const char *fn, double q)
{
	if (!(q >= 0 && q <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quantile must be between 0 and 1, got %g", q),
				 eco_errcontext(fcinfo, fn)));
}

void
eco_check_points(FunctionCallInfo fcinfo, const char *fn, int64 points)
{
	if (points < 1 || points > LORENZ_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("points must be between 1 and %d, got " INT64_FORMAT,
						LORENZ_MAX_POINTS, points),
				 eco_errcontext(fcinfo, fn)));
}

/* A final function reachable from SQL refuses to run outside an aggregate. */
void
eco_require_aggregate(FunctionCallInfo fcinfo, const char *sqlname)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", sqlname),
				 errhint("Use the accessor functions on a stored state.")));
}

/*
 * The quantiles of a float8[] argument, checked: one dimension, at most
 * DIST_MAX_PARAMS elements, each in [0, 1]; a NULL element becomes NaN (its
 * result is NULL).  Returns a palloc'd array of *nq values.
 */
double *
eco_quantile_array(FunctionCallInfo fcinfo, const char *fn, ArrayType *arr, int *nq)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	double	   *qs;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("quantiles must be a one-dimensional array"),
				 eco_errcontext(fcinfo, fn)));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	if (n > DIST_MAX_PARAMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("at most %d quantiles are allowed, got %d",
						DIST_MAX_PARAMS, n),
				 eco_errcontext(fcinfo, fn)));
	qs = palloc(sizeof(double) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			qs[i] = NAN;
		else
		{
			qs[i] = DatumGetFloat8(elems[i]);
			eco_check_quantile(fcinfo, fn, qs[i]);
			if (qs[i] == 0)
				qs[i] = 0.0;	/* one zero, as the text form has */
		}
	}
	pfree(elems);
	pfree(nulls);
	*nq = n;
	return qs;
}

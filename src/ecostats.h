/*-------------------------------------------------------------------------
 *
 * ecostats.h
 *	  Shared declarations of the ecostats extension.
 *
 * Two state types carry every statistics aggregate:
 *
 *	distribution  a sorted, run-length list of (value, weight) pairs: each
 *				  distinct value once with its total weight, the number of
 *				  input rows, and optionally the parameter of the one-step
 *				  aggregate that built it (a fraction, a point count, the
 *				  quantiles).  Holistic statistics (gini, hhi, quantiles,
 *				  Lorenz curve, top shares) are computed from it.
 *	topk_state	  the k largest values and a compensated running total, for
 *				  top_k_share.
 *
 * Both have a flat on-disk form (a versioned varlena) and an expanded
 * in-memory form (utils/expandeddatum.h) that transition functions update in
 * place; the flat form is produced only when the state leaves the backend.
 *
 *-------------------------------------------------------------------------
 */
#ifndef ECOSTATS_H
#define ECOSTATS_H

#include "postgres.h"

#include "compat.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/nodes.h"
#include "utils/array.h"
#include "utils/expandeddatum.h"

/* Version byte of both on-disk formats; bump on any layout change. */
#define ECO_FORMAT_VERSION	1

/* Upper bound of parameters a distribution carries (quantile arrays). */
#define DIST_MAX_PARAMS		100000

/* Upper bound of Lorenz curve points. */
#define LORENZ_MAX_POINTS	10000000

/* ------------------------------------------------------------------------
 * distribution
 * ------------------------------------------------------------------------
 */

/*
 * Flat (on-disk) form.  Followed by params[nparams], vals[n] and, unless
 * DIST_UNIT_WEIGHTS is set (every weight is 1: the usual case for values
 * without ties), wts[n].
 *
 * Each weight is the exact sum of the weights of its value's rows, rounded
 * once to float8.  When that rounding lost something, the remainder is kept
 * as the rest of the value's canonical expansion (numutil.c: w = RN(X),
 * r1 = RN(X - w), …) in a residual table after the weights: res_val[nres]
 * (float8) then res_idx[nres] (int64, the entry, non-decreasing), nres
 * following from the varlena size.  A value with a residual table has
 * version DIST_FORMAT_EXACT; without one it is byte for byte the version 1
 * of earlier releases, which is still read.
 */
typedef struct DistributionData
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* ECO_FORMAT_VERSION or DIST_FORMAT_EXACT */
	uint8		flags;			/* DIST_UNIT_WEIGHTS or 0 */
	uint16		reserved;		/* always 0 */
	int32		nentries;		/* distinct values stored */
	int32		nparams;		/* parameters stored */
	int64		count;			/* input rows (with any weight) */
	double		data[FLEXIBLE_ARRAY_MEMBER];
} DistributionData;

#define DIST_HDRSZ			offsetof(DistributionData, data)
#define DIST_UNIT_WEIGHTS	0x01	/* weights omitted: all are 1 */
#define DIST_FORMAT_EXACT	2	/* version with a residual table */

/* Expanded (in-memory) form: a sorted part and a pending unsorted buffer. */
typedef struct ExpandedDist
{
	ExpandedObjectHeader hdr;
	int32		magic;			/* DIST_MAGIC */
	int32		nparams;
	double	   *params;
	int64		count;			/* input rows */
	/* sorted, run-length part: strictly increasing vals, weights > 0 */
	int64		ncomp;
	double	   *cvals;
	double	   *cwts;			/* NULL while every weight is 1 */
	/* residuals of the sorted part's weights (see DistributionData) */
	int64		nres;
	double	   *rval;
	int64	   *ridx;
	/* pending part, in arrival order (may hold residuals: weight < 0) */
	int64		nbuf;
	int64		capbuf;
	double	   *bvals;
	double	   *bwts;			/* NULL while every pending weight is 1 */
	int32		flush_factor;	/* merge when nbuf >= flush_factor * ncomp */
	void	   *param_raw;		/* copy of the last parameter array checked */
	Size		param_raw_len;
	const char *fn;				/* what the state serves, for messages */
} ExpandedDist;

#define DIST_MAGIC			0x45434f44	/* "ECOD" */

/* Read-only, sorted view of a distribution, whatever its form. */
typedef struct DistView
{
	int64		count;			/* input rows */
	int64		n;				/* distinct values */
	const double *vals;			/* strictly increasing */
	const double *wts;			/* each > 0; NULL when all are 1 */
	int64		nres;			/* residuals of the weights */
	const double *res_val;
	const int64 *res_idx;		/* non-decreasing entry numbers */
	int32		nparams;
	const double *params;
} DistView;

/* Weight of entry i of a view. */
static inline double
dv_w(const DistView *v, int64 i)
{
	return v->wts ? v->wts[i] : 1.0;
}

extern void dist_get_view(Datum d, DistView *view);
extern ExpandedDist *dist_new(MemoryContext parent);

/* ------------------------------------------------------------------------
 * topk_state
 * ------------------------------------------------------------------------
 */

/* Flat form.  Followed by vals[nvals], in non-increasing order. */
typedef struct TopKData
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint16		reserved;
	int32		k;
	int32		nvals;			/* = min(k, count) */
	int64		count;			/* input rows */
	double		sum_hi;			/* running total = sum_hi + sum_lo */
	double		sum_lo;
	double		vals[FLEXIBLE_ARRAY_MEMBER];
} TopKData;

#define TOPK_HDRSZ			offsetof(TopKData, vals)

/* ------------------------------------------------------------------------
 * numutil.c
 * ------------------------------------------------------------------------
 */

/* Sort vals ascending, carrying wts (may be NULL) along; stable. */
extern void eco_sort_doubles(double *vals, double *wts, int64 n);

/* Append the shortest round-trip text of a finite or NaN float8. */
extern void eco_append_double(StringInfo buf, double v);

/*
 * Minimal text scanner shared by the input functions.  Errors are soft
 * where the caller allows (16+: escontext, from fcinfo->context): every
 * function that can fail returns false after recording the error, and the
 * input function then returns at once (ECO_SCAN).  Without a soft context
 * (always on 15) the error is raised and they do not return.
 */
typedef struct EcoScanner
{
	const char *input;			/* whole input string, for messages */
	const char *p;				/* current position */
	const char *typname;		/* type being parsed, for messages */
	Node	   *escontext;		/* where soft errors go, or NULL */
} EcoScanner;

extern void eco_scan_init(EcoScanner *s, const char *input, const char *typname, Node *escontext);
extern void eco_scan_ws(EcoScanner *s);
extern bool eco_scan_try(EcoScanner *s, const char *lit);
extern bool eco_scan_expect(EcoScanner *s, const char *lit);
extern bool eco_scan_double(EcoScanner *s, const char *what, bool allow_nan, double *result);
extern bool eco_scan_int64(EcoScanner *s, const char *what, int64 *result);
extern bool eco_scan_end(EcoScanner *s);
extern bool eco_scan_error(EcoScanner *s, const char *fmt,...) pg_attribute_printf(2, 3);

/* In an input function: return (the error is recorded) unless ok. */
#define ECO_SCAN(ok) \
	do { if (unlikely(!(ok))) PG_RETURN_NULL(); } while (0)

/* Compensated (double-double) summation: exact error term in lo. */
static inline void
eco_dd_add(double *hi, double *lo, double x)
{
	double		s = *hi + x;
	double		bp = s - *hi;
	double		err = (*hi - (s - bp)) + (x - bp);

	*hi = s;
	*lo += err;
}

/*
 * Exact float8 sums: a non-overlapping expansion (numutil.c).  eco_xsum_add
 * returns false when a partial sum overflows float8.
 */
#define ECO_XSUM_MAX		48
typedef struct EcoXSum
{
	int			n;
	double		p[ECO_XSUM_MAX];
} EcoXSum;

static inline void
eco_xsum_init(EcoXSum *x)
{
	x->n = 0;
}

/* Sign of the exact sum: that of its largest partial. */
static inline int
eco_xsum_sign(const EcoXSum *x)
{
	return x->n == 0 ? 0 : (x->p[x->n - 1] > 0 ? 1 : -1);
}

extern bool eco_xsum_add(EcoXSum *x, double v);
extern double eco_xsum_round(const EcoXSum *x);
extern int	eco_xsum_canonical(EcoXSum *x, double *c);
extern bool eco_expansion_is_canonical(const double *c, int k);

/*
 * Argument checks shared by every function.  fn names what the C function
 * serves ("gini or hhi"); it goes to the CONTEXT line of the error, never
 * into the primary message (eco_errcontext: an ereport auxiliary).
 */
extern int	eco_errcontext(FunctionCallInfo fcinfo, const char *fn);
pg_noreturn extern void eco_error_value(FunctionCallInfo fcinfo, const char *fn, double v);
pg_noreturn extern void eco_error_weight(FunctionCallInfo fcinfo, const char *fn, double w);
pg_noreturn extern void eco_error_overflow(FunctionCallInfo fcinfo, const char *fn, const char *what);
extern void eco_require_aggregate(FunctionCallInfo fcinfo, const char *sqlname);
extern void eco_check_k(FunctionCallInfo fcinfo, const char *fn, int64 k);
extern void eco_check_fraction(FunctionCallInfo fcinfo, const char *fn, double f);
extern void eco_check_quantile(FunctionCallInfo fcinfo, const char *fn, double q);
extern void eco_check_points(FunctionCallInfo fcinfo, const char *fn, int64 points);
extern double *eco_quantile_array(FunctionCallInfo fcinfo, const char *fn,
								  ArrayType *arr, int *nq);

/* The per-row checks, inline: finite (and non-negative) values and weights. */
static inline void
eco_check_value(FunctionCallInfo fcinfo, const char *fn, double v)
{
	if (unlikely(!isfinite(v)))
		eco_error_value(fcinfo, fn, v);
}

static inline void
eco_check_nonneg_value(FunctionCallInfo fcinfo, const char *fn, double v)
{
	if (unlikely(!isfinite(v) || v < 0))
		eco_error_value(fcinfo, fn, v);
}

static inline void
eco_check_weight(FunctionCallInfo fcinfo, const char *fn, double w)
{
	if (unlikely(!isfinite(w) || w < 0))
		eco_error_weight(fcinfo, fn, w);
}

/* Interrupt check every 64K iterations of a long loop. */
#define ECO_CHECK_INTERRUPTS_EVERY(i) \
	do { if (((i) & 0xFFFF) == 0) CHECK_FOR_INTERRUPTS(); } while (0)

#endif							/* ECOSTATS_H */

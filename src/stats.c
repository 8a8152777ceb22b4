/*-------------------------------------------------------------------------
 *
 * stats.c
 *	  The statistics over a distribution: the accessor functions
 *	  (gini(distribution), …) and the final functions of the one-step
 *	  aggregates, which are the same computations.
 *
 * Every statistic walks the sorted, run-length entries once, in a fixed
 * order, accumulating in long double; so a result depends only on the
 * multiset of (value, weight), never on input order or ties, and it agrees
 * with a sort-everything reference to far better than 1e-12 relative.
 *
 * Weights are frequency weights: an entry (x, w) counts as w rows of x.
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(eco_gini);
PG_FUNCTION_INFO_V1(eco_hhi);
PG_FUNCTION_INFO_V1(eco_top_k_share_dist);
PG_FUNCTION_INFO_V1(eco_top_share_dist);
PG_FUNCTION_INFO_V1(eco_top_share_final);
PG_FUNCTION_INFO_V1(eco_weighted_quantile_dist);
PG_FUNCTION_INFO_V1(eco_weighted_quantiles_dist);
PG_FUNCTION_INFO_V1(eco_weighted_median_dist);
PG_FUNCTION_INFO_V1(eco_weighted_quantile_final);
PG_FUNCTION_INFO_V1(eco_weighted_quantiles_final);
PG_FUNCTION_INFO_V1(eco_lorenz_dist);
PG_FUNCTION_INFO_V1(eco_lorenz_final);
PG_FUNCTION_INFO_V1(eco_distribution_count);
PG_FUNCTION_INFO_V1(eco_distribution_sum);

/* Totals of a view, accumulated in long double in ascending order. */
typedef struct DistTotals
{
	long double w;				/* Σ w */
	long double s;				/* Σ w·x */
	bool		integral;		/* every weight is a whole number */
} DistTotals;

/*
 * The entries are canonical (each weight the correctly rounded exact sum of
 * its rows), and these loops run in their fixed ascending order, so the
 * totals are a function of the multiset of rows alone.  Long double holds
 * any float8 product and sum of the range, so they cannot overflow where
 * long double has a wider exponent (x86, aarch64); where it does not, the
 * caller gets an error instead of an infinity.
 */
static void
dist_totals(FunctionCallInfo fcinfo, const char *fn, const DistView *v, DistTotals *t)
{
	long double w = 0,
				s = 0;
	bool		integral = true;

	for (int64 i = 0; i < v->n; i++)
	{
		double		wi = dv_w(v, i);

		w += wi;
		s += (long double) v->vals[i] * wi;
		if (integral && wi != floor(wi))
			integral = false;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	if (!isfinite(w) || !isfinite(s))
		eco_error_overflow(fcinfo, fn, "sum of the weighted values");
	t->w = w;
	t->s = s;
	t->integral = integral;
}

/* Shares, Gini, HHI and Lorenz need non-negative values. */
static void
require_nonneg(FunctionCallInfo fcinfo, const DistView *v, const char *fn)
{
	if (v->n > 0 && v->vals[0] < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value must not be negative, got %g", v->vals[0]),
				 errdetail("The distribution contains negative values."),
				 errhint("Shares, concentration and inequality measures are defined for non-negative values only."),
				 eco_errcontext(fcinfo, fn)));
}

/* ------------------------------------------------------------------------
 * Gini
 *
 * With distinct values x_1 < … < x_m, weights w_j, C_j = Σ_{l≤j} w_l and
 * W = C_m, every gap x_{j+1} − x_j separates C_j weight below from W − C_j
 * above, so
 *		ΣᵢΣⱼ wᵢwⱼ|xᵢ − xⱼ| = 2 Σ_{j<m} C_j (W − C_j) (x_{j+1} − x_j)
 * and G = Σ_{j<m} C_j (W − C_j) (x_{j+1} − x_j) / (W · Σ w·x): every term is
 * non-negative, nothing cancels.  W − C_j is exact for whole weights; for
 * fractional ones it is summed from the top instead of subtracted.
 * ------------------------------------------------------------------------
 */
static bool
gini_of_view(FunctionCallInfo fcinfo, const DistView *v, double *result)
{
	DistTotals	t;
	long double num = 0,
				c = 0;
	long double *above = NULL;

	require_nonneg(fcinfo, v, "gini");
	dist_totals(fcinfo, "gini", v, &t);
	if (t.s == 0)
		return false;

	/*
	 * The weight above entry j is t.w - c exactly only while every partial
	 * sum is an integer that long double holds exactly (below 2^63 is safe
	 * on every platform with a 64-bit long double mantissa; elsewhere long
	 * double may be double, then 2^53).  Otherwise, and for fractional
	 * weights, it is summed from the top, where no cancellation occurs
	 * (found by the fuzz harness: a weight of 2^64 beside weights of 15 gave
	 * a Gini of 1.0101).
	 */
	if (v->n > 1 && !(t.integral && t.w <= (LDBL_MANT_DIG >= 64 ? 0x1p63L : 0x1p53L)))
	{
		long double r = 0;

		above = palloc(sizeof(long double) * v->n);
		for (int64 j = v->n - 1; j >= 0; j--)
		{
			above[j] = r;		/* Σ of weights above entry j */
			r += dv_w(v, j);
			ECO_CHECK_INTERRUPTS_EVERY(j);
		}
	}
	for (int64 j = 0; j + 1 < v->n; j++)
	{
		long double gap = (long double) v->vals[j + 1] - v->vals[j];
		long double rest;

		c += dv_w(v, j);
		rest = above ? above[j] : t.w - c;
		num += c * rest * gap;
		ECO_CHECK_INTERRUPTS_EVERY(j);
	}
	if (above)
		pfree(above);
	*result = (double) (num / (t.w * t.s));
	if (!isfinite(*result))
		eco_error_overflow(fcinfo, "gini", "Gini coefficient");
	return true;
}

Datum
eco_gini(PG_FUNCTION_ARGS)
{
	DistView	v;
	double		g;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	if (!gini_of_view(fcinfo, &v, &g))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(g);
}

/* HHI = Σ w (x / S)², S = Σ w·x; scaled first so that 1e300 cannot overflow. */
Datum
eco_hhi(PG_FUNCTION_ARGS)
{
	DistView	v;
	DistTotals	t;
	long double h = 0;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	require_nonneg(fcinfo, &v, "hhi");
	dist_totals(fcinfo, "hhi", &v, &t);
	if (t.s == 0)
		PG_RETURN_NULL();
	for (int64 i = 0; i < v.n; i++)
	{
		long double share = (long double) v.vals[i] / t.s;

		h += dv_w(&v, i) * share * share;
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	/* weights below 1 can make it exceed 1; beyond float8 it is an overflow */
	if (!isfinite((double) h))
		eco_error_overflow(fcinfo, "hhi", "Herfindahl-Hirschman index");
	PG_RETURN_FLOAT8((double) h);
}

/* ------------------------------------------------------------------------
 * Top shares: the largest values up to a total weight of k (the boundary
 * entry contributes the part of its weight that fits).
 * ------------------------------------------------------------------------
 */
static bool
top_weight_share(const DistView *v, const DistTotals *t, double k, double *result)
{
	long double top = 0,
				remaining = k;

	if (t->s == 0)
		return false;
	if ((long double) k >= t->w)
	{
		*result = 1.0;
		return true;
	}
	for (int64 j = v->n - 1; j >= 0 && remaining > 0; j--)
	{
		long double take = Min((long double) dv_w(v, j), remaining);

		top += take * v->vals[j];
		remaining -= take;
		ECO_CHECK_INTERRUPTS_EVERY(j);
	}
	*result = (double) (top / t->s);
	if (*result > 1.0)
		*result = 1.0;
	return true;
}

Datum
eco_top_k_share_dist(PG_FUNCTION_ARGS)
{
	DistView	v;
	DistTotals	t;
	int32		k = PG_GETARG_INT32(1);
	double		r;

	eco_check_k(fcinfo, "top_k_share", k);
	dist_get_view(PG_GETARG_DATUM(0), &v);
	require_nonneg(fcinfo, &v, "top_k_share");
	dist_totals(fcinfo, "top_k_share", &v, &t);
	if (!top_weight_share(&v, &t, (double) k, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/* k = ceil(fraction · W), the product in float8 as percentile_disc does */
static Datum
top_share_common(FunctionCallInfo fcinfo, const DistView *v, double fraction)
{
	DistTotals	t;
	double		r;
	double		k;

	eco_check_fraction(fcinfo, "top_share", fraction);
	require_nonneg(fcinfo, v, "top_share");
	dist_totals(fcinfo, "top_share", v, &t);
	k = ceil(fraction * (double) t.w);
	if (!top_weight_share(v, &t, k, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

Datum
eco_top_share_dist(PG_FUNCTION_ARGS)
{
	DistView	v;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	return top_share_common(fcinfo, &v, PG_GETARG_FLOAT8(1));
}

/*
 * A one-step aggregate's parameter lives in its state.  The final functions
 * refuse a direct call (eco_require_aggregate), but a state can still reach
 * them from text (a Citus partial, a user's own aggregate over these
 * functions), so the parameter is validated like an accessor's argument.
 */
static double
state_param(FunctionCallInfo fcinfo, const DistView *v, const char *fn, const char *what)
{
	if (v->nparams != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the distribution carries %d parameters, expected one (%s)",
						v->nparams, what),
				 errhint("Use the accessor %s(distribution, %s) on a stored distribution.", fn, what),
				 eco_errcontext(fcinfo, fn)));
	return v->params[0];
}

Datum
eco_top_share_final(PG_FUNCTION_ARGS)
{
	DistView	v;

	eco_require_aggregate(fcinfo, "distribution_top_share_final");
	dist_get_view(PG_GETARG_DATUM(0), &v);
	return top_share_common(fcinfo, &v, state_param(fcinfo, &v, "top_share", "fraction"));
}

/* ------------------------------------------------------------------------
 * Weighted quantiles: the smallest value whose cumulative weight reaches
 * q·W (target product in float8, as percentile_disc computes q·n).
 * Zero-weight values are not stored, so they are never returned.
 * ------------------------------------------------------------------------
 */

typedef struct QIdx
{
	double		q;
	int			idx;
} QIdx;

static int
qidx_cmp(const void *a, const void *b)
{
	double		x = ((const QIdx *) a)->q,
				y = ((const QIdx *) b)->q;

	return (x < y) ? -1 : (x > y) ? 1 : 0;
}

/*
 * Quantiles qs[0..nq) (NaN = NULL, left as is) into out[]; one pass over
 * the entries after sorting the requests.  Returns false when W = 0.
 *
 * With unit or whole weights the target is q·W rounded to float8, as
 * percentile_disc computes q·n (so the results agree with it on expanded
 * rows).  With fractional weights the target is the exact product of q and
 * the exact total W (every weight and residual; a two-product per partial),
 * and "the cumulative weight reaches the target" is decided on the exact
 * difference cum − q·W (an EcoXSum): so an exact half lands on the value
 * exact arithmetic gives, whatever the order of the rows was.  (Exact
 * unless q·W falls into the subnormal range.)
 */
static bool
quantiles_of_view(FunctionCallInfo fcinfo, const char *fn, const DistView *v,
				  const double *qs, int nq, double *out, bool *isnull)
{
	QIdx	   *order;
	int			nreq = 0;
	int64		j = 0;
	bool		exact = (v->wts != NULL || v->nres > 0);
	bool		integral = true;
	double		total;
	EcoXSum		wx;				/* exact total weight */

	if (v->n == 0)
		return false;
	eco_xsum_init(&wx);
	if (exact)
	{
		for (int64 i = 0; i < v->n; i++)
		{
			double		wi = dv_w(v, i);

			if (!eco_xsum_add(&wx, wi))
				eco_error_overflow(fcinfo, fn, "total weight");
			if (integral && wi != floor(wi))
				integral = false;
			ECO_CHECK_INTERRUPTS_EVERY(i);
		}
		for (int64 r = 0; r < v->nres; r++)
			if (!eco_xsum_add(&wx, v->res_val[r]))
				eco_error_overflow(fcinfo, fn, "total weight");
		integral = integral && v->nres == 0;
		total = eco_xsum_round(&wx);
		if (isinf(total))
			eco_error_overflow(fcinfo, fn, "total weight");
	}
	else
		total = (double) v->n;
	if (total == 0)
		return false;

	order = palloc(sizeof(QIdx) * Max(nq, 1));
	for (int i = 0; i < nq; i++)
	{
		isnull[i] = isnan(qs[i]);
		if (!isnull[i])
		{
			order[nreq].q = qs[i];
			order[nreq].idx = i;
			nreq++;
		}
	}
	qsort(order, nreq, sizeof(QIdx), qidx_cmp);

	if (!exact)
	{
		/* unit weights: the cumulative weight of entry j is j + 1 */
		for (int r = 0; r < nreq; r++)
		{
			double		target = order[r].q * total;

			while ((double) (j + 1) < target && j + 1 < v->n)
			{
				j++;
				ECO_CHECK_INTERRUPTS_EVERY(j);
			}
			out[order[r].idx] = v->vals[j];
		}
	}
	else
	{
		EcoXSum		diff;		/* exact cum(j) − target */
		int64		ri = 0;
		double		tgt[2 * ECO_XSUM_MAX];	/* the current target's terms */
		int			ntgt = 0;

		eco_xsum_init(&diff);
		/* cum(0) */
		(void) eco_xsum_add(&diff, dv_w(v, 0));
		for (; ri < v->nres && v->res_idx[ri] == 0; ri++)
			(void) eco_xsum_add(&diff, v->res_val[ri]);
		for (int r = 0; r < nreq; r++)
		{
			double		q = order[r].q;

			/* take the previous target back */
			for (int t = 0; t < ntgt; t++)
				(void) eco_xsum_add(&diff, tgt[t]);
			ntgt = 0;
			if (integral)
				tgt[ntgt++] = q * total;	/* whole weights: as percentile_disc */
			else
			{
				/* q·W exactly: a two-product (fma) of q with each partial */
				for (int t = 0; t < wx.n; t++)
				{
					double		h = q * wx.p[t];

					tgt[ntgt++] = h;
					tgt[ntgt++] = fma(q, wx.p[t], -h);
				}
			}
			for (int t = 0; t < ntgt; t++)
				(void) eco_xsum_add(&diff, -tgt[t]);
			while (eco_xsum_sign(&diff) < 0 && j + 1 < v->n)
			{
				j++;
				(void) eco_xsum_add(&diff, dv_w(v, j));
				for (; ri < v->nres && v->res_idx[ri] == j; ri++)
					(void) eco_xsum_add(&diff, v->res_val[ri]);
				ECO_CHECK_INTERRUPTS_EVERY(j);
			}
			out[order[r].idx] = v->vals[j];
		}
	}
	pfree(order);
	return true;
}

static Datum
quantile_scalar(FunctionCallInfo fcinfo, const DistView *v, double q)
{
	double		out;
	bool		isnull;

	eco_check_quantile(fcinfo, "weighted_quantile", q);
	if (!quantiles_of_view(fcinfo, "weighted_quantile", v, &q, 1, &out, &isnull))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(out);
}

static Datum
quantile_array(FunctionCallInfo fcinfo, const DistView *v, const double *qs, int nq)
{
	double	   *out = palloc(sizeof(double) * Max(nq, 1));
	bool	   *isnull = palloc(sizeof(bool) * Max(nq, 1));
	Datum	   *elems = palloc(sizeof(Datum) * Max(nq, 1));
	int			dims[1] = {nq};
	int			lbs[1] = {1};

	if (!quantiles_of_view(fcinfo, "weighted_quantile", v, qs, nq, out, isnull))
		PG_RETURN_NULL();
	for (int i = 0; i < nq; i++)
		elems[i] = isnull[i] ? (Datum) 0 : Float8GetDatum(out[i]);
	if (nq == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, isnull, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL,
											 TYPALIGN_DOUBLE));
}

Datum
eco_weighted_quantile_dist(PG_FUNCTION_ARGS)
{
	DistView	v;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	return quantile_scalar(fcinfo, &v, PG_GETARG_FLOAT8(1));
}

Datum
eco_weighted_quantiles_dist(PG_FUNCTION_ARGS)
{
	DistView	v;
	int			nq;
	double	   *qs = eco_quantile_array(fcinfo, "weighted_quantile",
										PG_GETARG_ARRAYTYPE_P(1), &nq);

	dist_get_view(PG_GETARG_DATUM(0), &v);
	return quantile_array(fcinfo, &v, qs, nq);
}

Datum
eco_weighted_median_dist(PG_FUNCTION_ARGS)
{
	DistView	v;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	return quantile_scalar(fcinfo, &v, 0.5);
}

Datum
eco_weighted_quantile_final(PG_FUNCTION_ARGS)
{
	DistView	v;

	eco_require_aggregate(fcinfo, "distribution_quantile_final");
	dist_get_view(PG_GETARG_DATUM(0), &v);
	return quantile_scalar(fcinfo, &v, state_param(fcinfo, &v, "weighted_quantile", "q"));
}

Datum
eco_weighted_quantiles_final(PG_FUNCTION_ARGS)
{
	DistView	v;

	eco_require_aggregate(fcinfo, "distribution_quantiles_final");
	dist_get_view(PG_GETARG_DATUM(0), &v);
	/* NaN is a NULL quantile; anything else must be a valid one */
	for (int i = 0; i < v.nparams; i++)
		if (!isnan(v.params[i]))
			eco_check_quantile(fcinfo, "weighted_quantile", v.params[i]);
	return quantile_array(fcinfo, &v, v.params, v.nparams);
}

/* ------------------------------------------------------------------------
 * Lorenz curve: L(t) at t = i/points, the share of Σ w·x held by the
 * lowest t·W of the weight, linear inside an entry (the curve is piecewise
 * linear between the points (C_j/W, S_j/S)).
 * ------------------------------------------------------------------------
 */
static Datum
lorenz_common(FunctionCallInfo fcinfo, const DistView *v, int64 points)
{
	DistTotals	t;
	Datum	   *elems;
	long double cw = 0,			/* weight of entries before j */
				cs = 0;			/* Σ w·x of entries before j */
	int64		j = 0;

	eco_check_points(fcinfo, "lorenz", points);
	require_nonneg(fcinfo, v, "lorenz");
	dist_totals(fcinfo, "lorenz", v, &t);
	if (t.s == 0)
		PG_RETURN_NULL();

	elems = palloc(sizeof(Datum) * (points + 1));
	elems[0] = Float8GetDatum(0.0);
	for (int64 i = 1; i < points; i++)
	{
		long double pos = (long double) i * t.w / points;
		long double part;
		double		share;

		while (j < v->n && cw + dv_w(v, j) < pos)
		{
			cw += dv_w(v, j);
			cs += (long double) dv_w(v, j) * v->vals[j];
			j++;
			ECO_CHECK_INTERRUPTS_EVERY(j);
		}
		part = (j < v->n) ? cs + (pos - cw) * v->vals[j] : cs;
		share = (double) (part / t.s);
		elems[i] = Float8GetDatum(Min(share, 1.0));
		ECO_CHECK_INTERRUPTS_EVERY(i);
	}
	elems[points] = Float8GetDatum(1.0);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, (int) points + 1, FLOAT8OID,
										  sizeof(float8), FLOAT8PASSBYVAL,
										  TYPALIGN_DOUBLE));
}

Datum
eco_lorenz_dist(PG_FUNCTION_ARGS)
{
	DistView	v;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	return lorenz_common(fcinfo, &v, PG_GETARG_INT32(1));
}

Datum
eco_lorenz_final(PG_FUNCTION_ARGS)
{
	DistView	v;
	double		points;

	eco_require_aggregate(fcinfo, "distribution_lorenz_final");
	dist_get_view(PG_GETARG_DATUM(0), &v);
	points = state_param(fcinfo, &v, "lorenz", "points");
	/* range-check before the cast: a double beyond int64 has no defined cast */
	if (!(points >= 1 && points <= LORENZ_MAX_POINTS) || points != floor(points))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("points must be a whole number between 1 and %d, got %g",
						LORENZ_MAX_POINTS, points),
				 eco_errcontext(fcinfo, "lorenz")));
	return lorenz_common(fcinfo, &v, (int64) points);
}

/* ------------------------------------------------------------------------
 * Plain accessors
 * ------------------------------------------------------------------------
 */

Datum
eco_distribution_count(PG_FUNCTION_ARGS)
{
	DistView	v;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	PG_RETURN_INT64(v.count);
}

Datum
eco_distribution_sum(PG_FUNCTION_ARGS)
{
	DistView	v;
	DistTotals	t;

	dist_get_view(PG_GETARG_DATUM(0), &v);
	dist_totals(fcinfo, "distribution_sum", &v, &t);
	if (isinf((double) t.s))
		eco_error_overflow(fcinfo, "distribution_sum", "sum");
	PG_RETURN_FLOAT8((double) t.s);
}

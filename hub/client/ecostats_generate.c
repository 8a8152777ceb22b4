/*-------------------------------------------------------------------------
 *
 * ecostats_generate.c
 *	  ecostats-generate: write a deterministic, seedable synthetic Hugging
 *	  Face Hub — models.jsonl, datasets.jsonl (Hub API JSON Lines, the field
 *	  names hub.import_models / hub.import_datasets map) and authors.csv
 *	  (rows for hub.authors) — without any network access; with --snapshots,
 *	  the same Hub seen at the end of each month (2022-03 .. 2026-03), and
 *	  truth.csv, the figures of those snapshots computed here.
 *
 *	  Everything is synthetic: namespaces look like cn-lab-07, us-univ-03 or
 *	  indie-01234, ids carry a serial number.  The distributions are heavy
 *	  tailed and calibrated to real whole-Hub facts and to the headline
 *	  figures of the "State of Open Source on Hugging Face" report, with its
 *	  definitions of time (see doc/hub.md): the top 0.01% of models hold
 *	  about half of all-time downloads, China passes the US in monthly
 *	  downloads in 2025, the download-weighted mean model is large while the
 *	  median one is small, derivatives (finetune, adapter, quantized, merge)
 *	  form a lineage forest, and robotics datasets explode in 2025.
 *
 *	  The same seed and sizes give byte-identical files: the program has its
 *	  own PRNG (xoshiro256**, seeded by splitmix64) and never reads the clock.
 *
 * Exit status: 0 written; 1 usage error; 2 an output file cannot be written.
 *
 *-------------------------------------------------------------------------
 */
#include <stdbool.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define VERSION		"0.1.0"
#define MAX_COUNT	100000000ULL	/* --models / --datasets upper bound */
#define MAX_DEPTH	5			/* longest derivation chain */

static const char *progname = "ecostats-generate";

static void
usage(FILE *out)
{
	fprintf(out,
			"Usage: %s [OPTIONS] --out-dir DIR\n"
			"\n"
			"Write a deterministic synthetic Hugging Face Hub (no network): DIR/models.jsonl\n"
			"and DIR/datasets.jsonl in the Hub API's JSON Lines shape as of 2026-03-31, and\n"
			"DIR/authors.csv (author,kind,country,source) for hub.authors, and the rest of the\n"
			"Hub as of then: DIR/namespaces.jsonl (organisation and user overviews),\n"
			"DIR/spaces.jsonl and DIR/papers.jsonl (daily papers).  With --snapshots N,\n"
			"the Hub at the end of each of the last N months of 2022-03 .. 2026-03 instead:\n"
			"DIR/YYYY-MM-DD/models.jsonl and datasets.jsonl (import them in order of date),\n"
			"and DIR/truth.csv, the figures of those snapshots as the generator computes\n"
			"them.  All names are synthetic.\n"
			"\n"
			"Options:\n"
			"  -m, --models=N      number of models (default 200000)\n"
			"  -n, --datasets=N    number of datasets (default 100000)\n"
			"  -s, --seed=S        seed, an unsigned 64-bit integer (default 42)\n"
			"      --snapshots=N   write the last N monthly snapshots (1..49)\n"
			"  -o, --out-dir=DIR   output directory (created if missing; files replaced)\n"
			"  -q, --quiet         no summary line\n"
			"      --help          show this help    --version  show the version\n"
			"\n"
			"The same seed and sizes always give byte-identical files.\n"
			"\n"
			"Exit status: 0 written, 1 usage error, 2 output cannot be written.\n",
			progname);
}

static void
die(int code, const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (code == 1)
		fprintf(stderr, "Try \"%s --help\" for more information.\n", progname);
	exit(code);
}

static void *
xmalloc(size_t n)
{
	void	   *p = calloc(n ? n : 1, 1);

	if (p == NULL)
		die(2, "out of memory (%zu bytes)", n);
	return p;
}

/* ------------------------------------------------------------------------
 * PRNG: xoshiro256** seeded through splitmix64
 * ------------------------------------------------------------------------
 */
typedef struct Rng
{
	uint64_t	s[4];
} Rng;

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t	z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(Rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t	x = seed ^ (stream * 0xd1b54a32d192ed03ULL);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t
rng_next(Rng *r)
{
	uint64_t   *s = r->s;
	uint64_t	result = rotl(s[1] * 5, 7) * 9;
	uint64_t	t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* uniform in [0, 1) */
static inline double
unif(Rng *r)
{
	return (double) (rng_next(r) >> 11) * 0x1.0p-53;
}

/* uniform integer in [0, n) */
static inline uint64_t
below(Rng *r, uint64_t n)
{
	return (uint64_t) (unif(r) * (double) n);
}

/* standard normal (Box-Muller, one value per call: simple and deterministic) */
static double
normal(Rng *r)
{
	double		u1 = 1.0 - unif(r);
	double		u2 = unif(r);

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/* index drawn from weights w[0..n-1] (linear: for short tables) */
static int
pick(Rng *r, const double *w, int n)
{
	double		tot = 0,
				u;

	for (int i = 0; i < n; i++)
		tot += w[i];
	u = unif(r) * tot;
	for (int i = 0; i < n; i++)
	{
		if (u < w[i])
			return i;
		u -= w[i];
	}
	return n - 1;
}

/* index drawn from a cumulative table cum[0..n-1] (binary search) */
static int
pick_cum(Rng *r, const double *cum, int n)
{
	double		u = unif(r) * cum[n - 1];
	int			lo = 0,
				hi = n - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (cum[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* ------------------------------------------------------------------------
 * Output: one record is built in a growing buffer, then written whole
 * ------------------------------------------------------------------------
 */
typedef struct Out
{
	FILE	   *f;
	const char *path;
	char	   *buf;
	size_t		len,
				cap;
} Out;

static void
out_reserve(Out *o, size_t n)
{
	if (o->len + n > o->cap)
	{
		while (o->len + n > o->cap)
			o->cap = o->cap ? o->cap * 2 : 4096;
		o->buf = realloc(o->buf, o->cap);
		if (o->buf == NULL)
			die(2, "out of memory");
	}
}

static void
put(Out *o, const char *s)
{
	size_t		n = strlen(s);

	out_reserve(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
putc_(Out *o, char c)
{
	out_reserve(o, 1);
	o->buf[o->len++] = c;
}

static void
put_u64(Out *o, uint64_t v)
{
	char		tmp[24];
	int			n = 0;

	do
	{
		tmp[n++] = (char) ('0' + v % 10);
		v /= 10;
	} while (v);
	out_reserve(o, n);
	while (n)
		o->buf[o->len++] = tmp[--n];
}

/* a JSON string: every text written here is plain ASCII without quotes */
static void
put_str(Out *o, const char *s)
{
	putc_(o, '"');
	put(o, s);
	putc_(o, '"');
}

/* days since 1970-01-01 to civil date (H. Hinnant's algorithm) */
static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t		era,
				doe,
				yoe,
				doy,
				mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = (int) (yoe + era * 400 + (*m <= 2));
}

static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* an ISO 8601 UTC timestamp with milliseconds, as the Hub writes them */
static void
put_time(Out *o, int64_t t)
{
	char		tmp[32];
	int			y,
				m,
				d;
	int64_t		days = t / 86400,
				s = t % 86400;

	civil_from_days(days, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "\"%04d-%02d-%02dT%02d:%02d:%02d.000Z\"",
			 y, m, d, (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60));
	put(o, tmp);
}

static void
out_open(Out *o, const char *dir, const char *name)
{
	size_t		n = strlen(dir) + strlen(name) + 2;
	char	   *p = xmalloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	o->path = p;
	o->f = fopen(p, "w");
	if (o->f == NULL)
		die(2, "could not open \"%s\" for writing: %s", p, strerror(errno));
	setvbuf(o->f, NULL, _IOFBF, 1 << 20);
	o->len = 0;
}

static void
out_flush_record(Out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die(2, "could not write \"%s\": %s", o->path, strerror(errno));
	o->len = 0;
}

static void
out_close(Out *o)
{
	out_flush_record(o);
	if (fflush(o->f) != 0 || ferror(o->f) || fclose(o->f) != 0)
		die(2, "could not write \"%s\": %s", o->path, strerror(errno));
	free(o->buf);
	o->buf = NULL;
	o->cap = 0;
}

/* ------------------------------------------------------------------------
 * The calibration: every tuned constant is here
 * ------------------------------------------------------------------------
 */
#define FIRST_YEAR	2022		/* the Hub's createdAt starts on 2022-03-02 */
#define NYEARS		5			/* creation years 2022..2026 */

/*
 * The stock: the share of all models (and datasets) created by each date,
 * log-linear in between.  Real whole-Hub counts: 29,432 models in 2022-02
 * (all backfilled to 2022-03-02 by the Hub), 55,524 in 2022-07, 74,970 in
 * 2022-10, 760,000 in 2024-07, 2,161,698 in 2025-10; about 2.6M by 2026-03.
 */
static const struct
{
	int			y,
				m,
				d;
	double		f;
}			stock_curve[] = {
	{2022, 3, 2, 0.012}, {2022, 7, 2, 0.021}, {2022, 10, 1, 0.029},
	{2024, 7, 11, 0.29}, {2025, 10, 23, 0.83}, {2026, 4, 1, 1.0}
};
#define NSTOCK ((int) (sizeof(stock_curve) / sizeof(stock_curve[0])))

/* probability that a model of that year derives from another one */
static const double p_derivative[NYEARS] = {0.16, 0.24, 0.29, 0.31, 0.32};

/* probability that a root model (not a derivative) comes from an organisation */
static const double p_root_org[NYEARS] = {0.62, 0.52, 0.45, 0.40, 0.40};

/* probability that a root by an organisation is by a Chinese one */
static const double p_root_cn[NYEARS] = {0.08, 0.15, 0.30, 0.55, 0.60};

/* probability that a derivative is by an independent developer */
#define P_DERIV_INDIE	0.82

/* log-downloads: MU0 + pipeline + author + relation + SIGMA * N(0,1) */
#define MU0			-0.6
#define SIGMA		4.4
#define Z_KNEE		3.4			/* normal draws above this are compressed ... */
#define Z_SLOPE		0.4		/* ... to this slope, so that no single model dominates */
#define ORG_MU		1.6			/* roots by organisations */
#define ORG_S		0.6			/* times the organisation's strength */
static const double cn_mu[NYEARS] = {-0.5, 0.0, 0.2, 1.05, 1.05};	/* extra for Chinese organisations */
#define CN_LM		4.0			/* their roots are this much more often language models */
static const double indie_mu[NYEARS] = {0.95, 1.2, 1.6, 2.3, 2.3};
/* relation: none (root), finetune, adapter, quantized, merge */
static const double rel_mu[5] = {0.0, 0.1, -0.5, 0.7, -0.7};
static const double rel_w[5] = {0.0, 0.44, 0.20, 0.27, 0.09};
/* derivative popularity follows the parent's: this much of its log-excess */
#define RHO			0.6
#define PAR_REF		8.0			/* ... above this reference */
#define SIGMA_D		2.0			/* and its own spread is narrower */
/* parent choice: weight (downloads + 1) ^ GAMMA times the parent's relation factor */
#define GAMMA		0.75
#define CN_ATTRACT	16.0			/* times (1 + this * the share of the model's roots that are Chinese) */
static const double parent_rel_w[5] = {1.0, 4.0, 0.1, 0.1, 3.0};

/*
 * Downloads over time: in each month a model has its peak rate exp(MU0 +
 * logpop), times the lifecycle (1 + age / TAU) ^ -kappa (age in months since
 * creation), times lognormal noise of mean 1, rounded without bias.
 */
#define TAU			1.0
#define KAPPA		3.5			/* most models fade ... */
#define KAPPA_ENC	0.6		/* ... encoders and embedders stay in use */
#define KAPPA_DERIV	0.3			/* added for derivatives: replaced sooner */
#define SIGMA_M		0.35		/* month-to-month noise */
#define P_GONE		0.03		/* with --snapshots: models that leave the Hub */
#define PRE_MONTHS	36.0		/* models backfilled to 2022-03-02: up to this much earlier use */

/* ------------------------------------------------------------------------
 * Namespaces
 * ------------------------------------------------------------------------
 */
enum Kind
{
	K_INDUSTRY, K_ACADEMIC, K_NONPROFIT, K_GOVERNMENT, K_INDEPENDENT, NKINDS
};
static const char *const kind_name[NKINDS] = {
	"industry", "academic", "nonprofit", "government", "independent"
};
static const char *const kind_word[NKINDS] = {"lab", "univ", "collective", "gov", "indie"};
static const double org_kind_w[4] = {0.56, 0.26, 0.11, 0.07};

#define NCOUNTRIES 24
static const char *const countries[NCOUNTRIES] = {
	"CN", "US", "FR", "DE", "GB", "KR", "JP", "CA", "AE", "IN", "SG", "IL",
	"CH", "NL", "SE", "ES", "IT", "BR", "TW", "VN", "AU", "PL", "FI", "RU"
};
/* organisations other than Chinese ones (CN is chosen separately) */
static const double org_country_w[NCOUNTRIES] = {
	0, 100, 6, 7, 7, 5, 5, 4, 2, 4, 2, 2, 2, 1.5, 1, 1.2, 1.2, 1, 1, 0.5, 1, 0.5, 0.5, 0.8
};
/* independents: index NCOUNTRIES means "no country" */
static const double indie_country_w[NCOUNTRIES + 1] = {
	12, 40, 5, 6, 5, 4, 4, 3, 1, 9, 1.5, 1.5, 1, 1.5, 1, 2, 2, 3.5, 1.5, 2.5, 1.5, 1.5, 0.5, 3,
	22
};

typedef struct Author
{
	char		name[32];
	int8_t		kind;
	int8_t		country;		/* -1: none */
	int8_t		omit;			/* left out of authors.csv */
	double		strength;		/* log-download boost (organisations) */
} Author;

typedef struct Authors
{
	Author	   *a;
	int			n,
				n_org;
	/* cumulative pick tables: CN organisations, other organisations, independents */
	int		   *cn_idx,
			   *other_idx;
	double	   *cn_cum,
			   *other_cum,
			   *indie_cum;
	int			n_cn,
				n_other,
				n_indie;
} Authors;

static void
make_authors(Authors *A, uint64_t seed, uint64_t n_models, uint64_t n_datasets)
{
	Rng			r;
	int			n_org = (int) (n_models / 400 + n_datasets / 2000);
	int			n_indie = (int) ((n_models + n_datasets) / 6);
	int			serial[NCOUNTRIES][NKINDS];

	if (n_org < 40)
		n_org = 40;
	if (n_indie < 100)
		n_indie = 100;
	rng_seed(&r, seed, 1);
	memset(serial, 0, sizeof(serial));
	A->n_org = n_org;
	A->n = n_org + n_indie;
	A->a = xmalloc(sizeof(Author) * A->n);
	A->cn_idx = xmalloc(sizeof(int) * n_org);
	A->other_idx = xmalloc(sizeof(int) * n_org);
	A->cn_cum = xmalloc(sizeof(double) * n_org);
	A->other_cum = xmalloc(sizeof(double) * n_org);
	A->indie_cum = xmalloc(sizeof(double) * n_indie);
	A->n_cn = A->n_other = 0;

	for (int i = 0; i < n_org; i++)
	{
		Author	   *a = &A->a[i];
		int			k = pick(&r, org_kind_w, 4);
		int			c = (unif(&r) < 0.22) ? 0 : pick(&r, org_country_w, NCOUNTRIES);
		double		w;

		if (i < 4)
			k = i;				/* every kind occurs, however small the sample */
		a->kind = (int8_t) k;
		a->country = (int8_t) c;
		a->strength = normal(&r);
		a->omit = 0;
		snprintf(a->name, sizeof(a->name), "%c%c-%s-%02d",
				 countries[c][0] + 32, countries[c][1] + 32, kind_word[k], ++serial[c][k]);
		/* how many models an organisation publishes grows with its strength */
		w = exp(0.8 * a->strength) * (k == K_INDUSTRY ? 1.0 : 0.6);
		if (c == 0)
		{
			A->cn_cum[A->n_cn] = (A->n_cn ? A->cn_cum[A->n_cn - 1] : 0) + w;
			A->cn_idx[A->n_cn++] = i;
		}
		else
		{
			A->other_cum[A->n_other] = (A->n_other ? A->other_cum[A->n_other - 1] : 0) + w;
			A->other_idx[A->n_other++] = i;
		}
	}
	A->n_indie = n_indie;
	for (int j = 0; j < n_indie; j++)
	{
		Author	   *a = &A->a[n_org + j];
		int			c = pick(&r, indie_country_w, NCOUNTRIES + 1);

		a->kind = K_INDEPENDENT;
		a->country = (int8_t) (c == NCOUNTRIES ? -1 : c);
		a->strength = 0;
		snprintf(a->name, sizeof(a->name), "indie-%05d", j + 1);
		/* Zipf-like activity: a few prolific independents, a long tail */
		A->indie_cum[j] = (j ? A->indie_cum[j - 1] : 0) + pow(j + 10.0, -0.85);
		/* ~3% of the small namespaces are left out of authors.csv (kind unknown) */
		a->omit = (j >= 200 && unif(&r) < 0.03);
	}
}

static int
pick_org(Rng *r, const Authors *A, int year_i)
{
	if (A->n_cn > 0 && (A->n_other == 0 || unif(r) < p_root_cn[year_i]))
		return A->cn_idx[pick_cum(r, A->cn_cum, A->n_cn)];
	return A->other_idx[pick_cum(r, A->other_cum, A->n_other)];
}

static int
pick_indie(Rng *r, const Authors *A)
{
	return A->n_org + pick_cum(r, A->indie_cum, A->n_indie);
}

static void
write_authors(const Authors *A, const char *dir, uint64_t seed)
{
	Out			o = {0};
	char		src[96];

	snprintf(src, sizeof(src), "synthetic sample (ecostats-generate --seed %llu)",
			 (unsigned long long) seed);
	out_open(&o, dir, "authors.csv");
	put(&o, "author,kind,country,source\n");
	for (int i = 0; i < A->n; i++)
	{
		const Author *a = &A->a[i];

		if (a->omit)
			continue;
		put(&o, a->name);
		putc_(&o, ',');
		put(&o, kind_name[(int) a->kind]);
		putc_(&o, ',');
		if (a->country >= 0)
			put(&o, countries[(int) a->country]);
		putc_(&o, ',');
		put(&o, src);
		putc_(&o, '\n');
		if (o.len > (1 << 16))
			out_flush_record(&o);
	}
	out_close(&o);
}

/* ------------------------------------------------------------------------
 * Models
 * ------------------------------------------------------------------------
 */
typedef struct Pipeline
{
	const char *tag;
	const char *library;
	const char *stem;			/* id prefix */
	double		w;				/* share of root models */
	double		mu;				/* log-download offset */
	int			sizes;			/* size class, see model_params */
} Pipeline;

enum
{
	SZ_LLM, SZ_VLM, SZ_ENC, SZ_SMALL, SZ_DIFF, SZ_AUDIO, SZ_NONE
};

static const Pipeline pipelines[] = {
	{"text-generation", "transformers", "lm", 0.30, 0.9, SZ_LLM},
	{"image-text-to-text", "transformers", "vlm", 0.05, -0.2, SZ_VLM},
	{"feature-extraction", "sentence-transformers", "embed", 0.05, 1.6, SZ_ENC},
	{"sentence-similarity", "sentence-transformers", "sim", 0.05, 1.6, SZ_ENC},
	{"fill-mask", "transformers", "mlm", 0.04, 1.4, SZ_ENC},
	{"text-classification", "transformers", "cls", 0.12, 0.0, SZ_ENC},
	{"token-classification", "transformers", "ner", 0.04, -0.3, SZ_ENC},
	{"automatic-speech-recognition", "transformers", "asr", 0.04, 0.6, SZ_AUDIO},
	{"image-classification", "timm", "vit", 0.06, 0.5, SZ_SMALL},
	{"object-detection", "transformers", "det", 0.02, 0.3, SZ_SMALL},
	{"image-segmentation", "transformers", "seg", 0.02, 0.0, SZ_SMALL},
	{"text-to-image", "diffusers", "diffusion", 0.07, -0.2, SZ_DIFF},
	{"translation", "transformers", "mt", 0.03, -0.2, SZ_ENC},
	{"summarization", "transformers", "sum", 0.02, -0.5, SZ_ENC},
	{"text-to-speech", "transformers", "tts", 0.02, -0.3, SZ_AUDIO},
	{"zero-shot-classification", "transformers", "zsc", 0.01, 0.3, SZ_ENC},
	{"reinforcement-learning", "stable-baselines3", "rl", 0.04, -1.5, SZ_NONE},
	{"robotics", "lerobot", "policy", 0.02, -0.8, SZ_SMALL},
};
#define NPIPES ((int) (sizeof(pipelines) / sizeof(pipelines[0])))

/* decoder sizes in billions, and how often a root has each */
static const double llm_sizes[] = {0.135, 0.5, 1.5, 3, 7, 8, 14, 32, 70, 120, 235, 405, 671, 1000};
static const double llm_w[] = {3, 10, 10, 10, 17, 15, 8, 7, 8, 2, 2.5, 1.5, 2.5, 0.7};
/* log-download offset by decoder size: the biggest are downloaded less often */
static const double llm_mu[] = {0.3, 1.2, 1.2, 0.4, 0.5, 0.5, 0.3, 0.3, 0.4, 0.0, 1.2, 0.2, 1.9, 0.2};
#define NLLM ((int) (sizeof(llm_sizes) / sizeof(llm_sizes[0])))

static const char *const rel_name[5] = {"", "finetune", "adapter", "quantized", "merge"};
static const char *const rel_stem[5] = {"", "ft", "lora", "gguf", "merge"};
static const char *const licenses[] = {
	"apache-2.0", "mit", "cc-by-4.0", "cc-by-nc-4.0", "openrail", "other", "gpl-3.0", "bsd-3-clause"
};
static const double license_w[] = {40, 22, 8, 6, 5, 12, 3, 4};

typedef struct Model
{
	int64_t		created;
	uint64_t	downloads;		/* peak monthly rate (parent choice) */
	uint64_t	all_time;		/* all-time downloads up to the current month */
	int64_t		params;			/* 0: none */
	double		logpop;			/* log-excess of popularity over MU0 */
	int32_t		author;
	int32_t		first_parent;	/* index into parents[] */
	float		pre;			/* months of use before 2022-03 (backfilled models) */
	float		kappa;			/* lifecycle decay */
	float		likes;			/* likes once a year old */
	float		mod_u;			/* where lastModified falls between createdAt and the snapshot */
	int8_t		nparents;
	int8_t		rel;
	int8_t		depth;
	int8_t		pipe;
	int8_t		gguf;
	int8_t		sizetag;		/* index into llm_sizes, or -1 */
	int8_t		gone;			/* the month it leaves the Hub (NMONTHS: never) */
	int8_t		shape;			/* which of the Hub's shapes of lineage its record has */
	int8_t		lic;
	int8_t		gated;			/* 0 false, 1 auto, 2 manual */
	int8_t		french;
	float		cnfam;			/* share of its roots by Chinese organisations */
} Model;

/* Fenwick tree over parent weights, for sampling earlier models */
typedef struct Fenwick
{
	double	   *t;
	int64_t		n;
} Fenwick;

static void
fw_add(Fenwick *f, int64_t i, double w)
{
	for (i++; i <= f->n; i += i & -i)
		f->t[i] += w;
}

static double
fw_total(const Fenwick *f, int64_t upto)
{
	double		s = 0;

	for (int64_t i = upto; i > 0; i -= i & -i)
		s += f->t[i];
	return s;
}

/* an index i < upto (the prefix holds all weights so far) drawn by weight */
static int64_t
fw_sample(const Fenwick *f, double u)
{
	int64_t		pos = 0,
				step = 1;

	while (step * 2 <= f->n)
		step *= 2;
	for (; step > 0; step /= 2)
	{
		if (pos + step <= f->n && f->t[pos + step] <= u)
		{
			pos += step;
			u -= f->t[pos];
		}
	}
	return pos;					/* 0-based index */
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a,
				y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

/* ------------------------------------------------------------------------
 * Time: the months of 2022-03 .. 2026-03
 * ------------------------------------------------------------------------
 */
#define FIRST_MONTH	3			/* of FIRST_YEAR */
#define NMONTHS		49			/* 2022-03 .. 2026-03 */

/* the first second of month m (0: 2022-03; NMONTHS: 2026-04) */
static int64_t
month_start(int m)
{
	int			k = FIRST_MONTH - 1 + m;

	return days_from_civil(FIRST_YEAR + k / 12, k % 12 + 1, 1) * 86400;
}

/* the last second of the time model: 2026-03-31T23:59:59Z */
#define T_END (month_start(NMONTHS) - 1)

/* month index of time t (t within the time model) */
static int
month_of(int64_t t)
{
	int			y,
				m,
				d;

	civil_from_days(t / 86400, &y, &m, &d);
	return (y - FIRST_YEAR) * 12 + m - FIRST_MONTH;
}

static int
year_of(int64_t t)
{
	int			y,
				m,
				d;

	civil_from_days(t / 86400, &y, &m, &d);
	return y - FIRST_YEAR;
}

/* "YYYY-MM-DD" of the last day of month m: the snapshot of that month */
static void
snapshot_name(char *buf, size_t n, int m)
{
	int			y,
				mo,
				d;

	civil_from_days((month_start(m + 1) - 1) / 86400, &y, &mo, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, mo, d);
}

/*
 * Sorted creation times, strictly increasing, following the stock curve: the
 * share stock_curve[0].f is backfilled to its date (as the Hub did for the
 * models older than its records), the rest log-linear between the anchors.
 */
static int64_t *
creation_times(Rng *r, uint64_t n)
{
	int64_t    *t = xmalloc(sizeof(int64_t) * (n ? n : 1));
	int64_t		at[NSTOCK];

	for (int k = 0; k < NSTOCK; k++)
		at[k] = days_from_civil(stock_curve[k].y, stock_curve[k].m, stock_curve[k].d) * 86400;
	for (uint64_t i = 0; i < n; i++)
	{
		double		u = unif(r);
		int			k = 0;

		if (u < stock_curve[0].f)
		{
			t[i] = at[0];
			continue;
		}
		while (k + 2 < NSTOCK && u >= stock_curve[k + 1].f)
			k++;
		t[i] = at[k] + (int64_t) ((double) (at[k + 1] - at[k] - 3600) *
								  log(u / stock_curve[k].f) / log(stock_curve[k + 1].f / stock_curve[k].f));
	}
	qsort(t, n, sizeof(int64_t), cmp_i64);
	for (uint64_t i = 1; i < n; i++)
		if (t[i] <= t[i - 1])
			t[i] = t[i - 1] + 1;
	return t;
}

/* the rng of one id in one month: the same whichever snapshots are written */
static void
rng_month(Rng *q, uint64_t seed, int what, uint64_t i, int m)
{
	rng_seed(q, seed, ((uint64_t) (what + 8) << 56) ^ (i << 8) ^ (uint64_t) m);
}

/*
 * Downloads of an id in month m: rate * lifecycle * noise over the part of
 * the month it exists, rounded without bias (floor(x + U)).
 */
static uint64_t
month_downloads(Rng *q, double rate, double kappa, int64_t created, double pre, int m)
{
	int64_t		a = month_start(m),
				b = month_start(m + 1),
				from = created > a ? created : a;
	double		f = (double) (b - from) / (double) (b - a),
				age = pre + ((double) (b + from) / 2.0 - (double) created) / (30.44 * 86400.0),
				x;

	if (f <= 0)
		return 0;
	x = rate * f * pow(1.0 + age / TAU, -kappa) * exp(SIGMA_M * normal(q) - SIGMA_M * SIGMA_M / 2);
	x = floor(x + unif(q));
	return x > 4e12 ? 4000000000000ULL : (uint64_t) x;
}

static int64_t
model_params(Rng *r, int sizes, int8_t *sizetag)
{
	double		p;

	*sizetag = -1;
	switch (sizes)
	{
		case SZ_LLM:
			{
				int			k = pick(r, llm_w, NLLM);

				*sizetag = (int8_t) k;
				p = llm_sizes[k] * 1e9 * (0.93 + 0.14 * unif(r));
				break;
			}
		case SZ_VLM:
			p = exp(log(0.5e9) + unif(r) * log(150.0));
			break;
		case SZ_ENC:
			p = exp(log(40e6) + unif(r) * log(25.0));
			break;
		case SZ_SMALL:
			p = exp(log(5e6) + unif(r) * log(200.0));
			break;
		case SZ_DIFF:
			p = exp(log(0.8e9) + unif(r) * log(15.0));
			break;
		case SZ_AUDIO:
			p = exp(log(40e6) + unif(r) * log(50.0));
			break;
		default:
			return 0;
	}
	return (int64_t) p;
}

/* the size part of an id: 7b, 350m, 12k */
static void
size_label(char *buf, size_t n, int64_t p)
{
	if (p <= 0)
		snprintf(buf, n, "base");
	else if (p >= 1000000000)
		snprintf(buf, n, "%lldb", (long long) ((p + 500000000) / 1000000000));
	else if (p >= 1000000)
		snprintf(buf, n, "%lldm", (long long) ((p + 500000) / 1000000));
	else
		snprintf(buf, n, "%lldk", (long long) ((p + 500) / 1000));
}

static void
model_id(char *buf, size_t n, const Authors *A, const Model *m, uint64_t i)
{
	char		sz[24];

	size_label(sz, sizeof(sz), m->params);
	snprintf(buf, n, "%s/%s%s%s-%s-%07llu", A->a[m->author].name,
			 pipelines[(int) m->pipe].stem, m->rel ? "-" : "", rel_stem[(int) m->rel],
			 sz, (unsigned long long) i);
}

/* ------------------------------------------------------------------------
 * What is written: one file set, or one per month, and the truth of them
 * ------------------------------------------------------------------------
 */
typedef struct Truth
{
	/* downloads during each month: by country developed in, by kind, in all */
	double		country[NMONTHS][NCOUNTRIES + 1];	/* [NCOUNTRIES]: unknown */
	double		kind[NMONTHS][NKINDS + 1];	/* [NKINDS]: unknown */
	double		total[NMONTHS];
	uint64_t	stock[2][NMONTHS];	/* models, datasets present at each snapshot */
	double	   *year_dl;		/* models × NYEARS: downloads during each year */
	double		top200,
				top_001pct,
				under200;		/* all-time, at the last snapshot */
	double		zero_30d,
				median_all_time;	/* at the snapshot of 2025-10 (calibration) */
	double		size_mean[NYEARS],
				size_median[NYEARS];	/* download-weighted, per year of download */
	uint64_t	n_derivatives,
				n_models;
} Truth;

typedef struct Plan
{
	uint64_t	seed;
	const char *dir;
	int			snapshots;		/* 0: dir/models.jsonl etc. at 2026-03-31; else that many months */
	int			first;			/* the first month written */
	Truth	   *truth;			/* with snapshots */
} Plan;

static void
open_for_month(Out *o, const Plan *P, int m, const char *name)
{
	char		path[4096],
				snap[16];

	if (P->snapshots == 0)
	{
		out_open(o, P->dir, name);
		return;
	}
	snapshot_name(snap, sizeof(snap), m);
	snprintf(path, sizeof(path), "%s/%s", P->dir, snap);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die(2, "could not create directory \"%s\": %s", path, strerror(errno));
	out_open(o, path, name);
}

static int
cmp_double_desc(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x < y) - (x > y);
}

/* one model's record as of the end of month m */
static void
put_model(Out *o, const Authors *A, const Model *M, const int32_t *parents, uint64_t seed,
		  uint64_t i, int m, uint64_t downloads)
{
	const Model *md = &M[i];
	const Author *a = &A->a[md->author];
	const Pipeline *pl = &pipelines[(int) md->pipe];
	char		id[128],
				pid[128];
	int64_t		end = month_start(m + 1) - 1;
	double		age = (double) (end - md->created) / (30.44 * 86400.0) + md->pre;
	uint64_t	likes = (uint64_t) floor(md->likes * (age >= 12 ? 1.0 : (age + 1) / 13.0));
	Rng			q;
	uint64_t	trending;
	const char *lic = licenses[(int) md->lic];
	int			shape = md->shape;

	rng_month(&q, seed, 7, i, m);
	trending = (uint64_t) floor((double) likes * 0.05 * unif(&q) * (age <= 2 ? 10.0 : 1.0));
	model_id(id, sizeof(id), A, md, i);
	put(o, "{\"id\": ");
	put_str(o, id);
	put(o, ", \"author\": ");
	put_str(o, a->name);
	put(o, ", \"createdAt\": ");
	put_time(o, md->created);
	put(o, ", \"lastModified\": ");
	put_time(o, md->created + (int64_t) ((double) (end - md->created) * md->mod_u));
	put(o, ", \"downloads\": ");
	put_u64(o, downloads);
	put(o, ", \"downloadsAllTime\": ");
	put_u64(o, md->all_time);
	put(o, ", \"likes\": ");
	put_u64(o, likes);
	put(o, ", \"trendingScore\": ");
	put_u64(o, trending);
	put(o, ", \"pipeline_tag\": ");
	put_str(o, pl->tag);
	put(o, ", \"library_name\": ");
	put_str(o, md->gguf ? "gguf" : pl->library);
	put(o, ", \"gated\": ");
	put(o, md->gated == 0 ? "false" : md->gated == 1 ? "\"auto\"" : "\"manual\"");

	/* tags: library, pipeline, licence, and base_model tags for shapes 0..59 */
	put(o, ", \"tags\": [");
	put_str(o, md->gguf ? "gguf" : pl->library);
	put(o, ", ");
	put_str(o, pl->tag);
	put(o, ", \"license:");
	put(o, lic);
	putc_(o, '"');
	if (md->nparents > 0 && shape < 60)
	{
		for (int k = 0; k < md->nparents; k++)
		{
			model_id(pid, sizeof(pid), A, &M[parents[md->first_parent + k]],
					 (uint64_t) parents[md->first_parent + k]);
			/* shapes 0..34 also carry the bare form; 0..2 only it (relation unknown) */
			if (shape < 35)
			{
				put(o, ", \"base_model:");
				put(o, pid);
				putc_(o, '"');
			}
			if (shape >= 3)
			{
				put(o, ", \"base_model:");
				put(o, rel_name[(int) md->rel]);
				putc_(o, ':');
				put(o, pid);
				putc_(o, '"');
			}
		}
	}
	put(o, ", \"synthetic\"]");

	/* cardData: licence, language, and base_model for shapes 35..79 */
	put(o, ", \"cardData\": {\"license\": ");
	put_str(o, lic);
	put(o, ", \"language\": ");
	if (a->country == 0)
		put(o, "[\"zh\", \"en\"]");
	else if (md->french)
		put(o, "[\"fr\", \"en\"]");
	else
		put(o, "\"en\"");
	if (md->nparents > 0 && shape >= 35 && shape < 80)
	{
		put(o, ", \"base_model\": ");
		if (md->nparents > 1 || shape >= 70)
			putc_(o, '[');
		for (int k = 0; k < md->nparents; k++)
		{
			model_id(pid, sizeof(pid), A, &M[parents[md->first_parent + k]],
					 (uint64_t) parents[md->first_parent + k]);
			if (k)
				put(o, ", ");
			put_str(o, pid);
		}
		if (md->nparents > 1 || shape >= 70)
			putc_(o, ']');
		put(o, ", \"base_model_relation\": ");
		put_str(o, rel_name[(int) md->rel]);
	}
	putc_(o, '}');

	/* baseModels for shapes 80..99 */
	if (md->nparents > 0 && shape >= 80)
	{
		put(o, ", \"baseModels\": {\"relation\": ");
		put_str(o, rel_name[(int) md->rel]);
		put(o, ", \"models\": [");
		for (int k = 0; k < md->nparents; k++)
		{
			model_id(pid, sizeof(pid), A, &M[parents[md->first_parent + k]],
					 (uint64_t) parents[md->first_parent + k]);
			if (k)
				put(o, ", ");
			put(o, "{\"id\": ");
			put_str(o, pid);
			putc_(o, '}');
		}
		put(o, "]}");
	}
	/*
	 * the architecture of a text-generation model: a mixture of experts
	 * more often the later it was created; config for safetensors, the
	 * GGUF file's architecture and context length for GGUF (its own
	 * stream: the other fields' draws stay as they were)
	 */
	if (strcmp(pl->tag, "text-generation") == 0)
	{
		static const double moe_p[] = {0.01, 0.03, 0.08, 0.18, 0.25};	/* 2022 .. 2026 */
		static const char *const dense[][2] = {{"LlamaForCausalLM", "llama"}, {"Qwen2ForCausalLM", "qwen2"},
		{"MistralForCausalLM", "mistral"}, {"Gemma2ForCausalLM", "gemma2"}, {"Phi3ForCausalLM", "phi3"}};
		static const char *const moe[][2] = {{"MixtralForCausalLM", "mixtral"}, {"Qwen3MoeForCausalLM", "qwen3_moe"},
		{"DeepseekV3ForCausalLM", "deepseek_v3"}, {"GptOssForCausalLM", "gpt_oss"}};
		Rng			q2;
		int			y = year_of(md->created) + FIRST_YEAR - 2022;
		bool		is_moe;
		const char *const *arch;

		rng_month(&q2, seed, 8, i, 0);
		y = y < 0 ? 0 : y > 4 ? 4 : y;
		is_moe = unif(&q2) < moe_p[y];
		arch = is_moe ? moe[below(&q2, 4)] : dense[below(&q2, 5)];
		if (md->gguf)
		{
			static const uint64_t ctx[] = {2048, 4096, 8192, 32768, 131072};
			int			c = y + (int) below(&q2, 2) - (y > 0 ? 1 : 0);

			put(o, ", \"gguf\": {");
			if (md->params > 0)
			{
				put(o, "\"total\": ");
				put_u64(o, (uint64_t) md->params);
				put(o, ", ");
			}
			put(o, "\"architecture\": ");
			put_str(o, arch[1]);
			put(o, ", \"context_length\": ");
			put_u64(o, ctx[c < 0 ? 0 : c > 4 ? 4 : c]);
			putc_(o, '}');
		}
		else
		{
			put(o, ", \"config\": {\"architectures\": [");
			put_str(o, arch[0]);
			put(o, "], \"model_type\": ");
			put_str(o, arch[1]);
			putc_(o, '}');
		}
		if (md->params > 0 && !md->gguf)
		{
			put(o, ", \"safetensors\": {\"total\": ");
			put_u64(o, (uint64_t) md->params);
			putc_(o, '}');
		}
	}
	else if (md->params > 0)
	{
		put(o, md->gguf ? ", \"gguf\": {\"total\": " : ", \"safetensors\": {\"total\": ");
		put_u64(o, (uint64_t) md->params);
		putc_(o, '}');
	}
	put(o, "}\n");
	if (o->len > (1 << 16))
		out_flush_record(o);
}

/*
 * The rest of the Hub as of 2026-03-31, in the API's shapes: every
 * namespace's overview (namespaces.jsonl: organisations "type": "org",
 * independents "type": "user"), Spaces (spaces.jsonl: ~ one per 10 models)
 * and daily papers (papers.jsonl: ~ one per 100 models, most claimed by an
 * organisation, the stronger the more upvoted).  Their own random streams.
 */
static void
write_rest(const Authors *A, const char *dir, uint64_t seed, uint64_t n_models)
{
	static const char *const sdks[] = {"gradio", "gradio", "gradio", "docker", "static", "streamlit"};
	Out			o = {0};
	Rng			r;
	int64_t		t0 = month_start(0),
				t1 = month_start(NMONTHS) - 1;
	uint64_t	n_spaces = n_models / 10 + 10,
				n_papers = n_models / 100 + 10;

	out_open(&o, dir, "namespaces.jsonl");
	for (int i = 0; i < A->n; i++)
	{
		const Author *a = &A->a[i];
		bool		org = a->kind != K_INDEPENDENT;

		put(&o, org ? "{\"name\": " : "{\"user\": ");
		put_str(&o, a->name);
		put(&o, ", \"fullname\": ");
		put_str(&o, a->name);
		put(&o, org ? ", \"type\": \"org\", \"isVerified\": " : ", \"type\": \"user\", \"isPro\": ");
		put(&o, (i % 7 == 0) ? "true" : "false");
		put(&o, "}\n");
		if (o.len > (1 << 16))
			out_flush_record(&o);
	}
	out_close(&o);

	rng_seed(&r, seed, 11);
	out_open(&o, dir, "spaces.jsonl");
	for (uint64_t k = 0; k < n_spaces; k++)
	{
		int			au = unif(&r) < 0.35 ? pick_org(&r, A, 3) : pick_indie(&r, A);
		/* more Spaces the later: created at t0 + (t1 - t0) * sqrt(u) */
		int64_t		created = t0 + (int64_t) ((double) (t1 - t0) * sqrt(unif(&r)));
		uint64_t	likes = (uint64_t) floor(exp(0.5 + 1.8 * normal(&r) + (au < A->n_org ? A->a[au].strength : 0)));
		char		id[96];

		snprintf(id, sizeof(id), "%s/space-%llu", A->a[au].name, (unsigned long long) k + 1);
		put(&o, "{\"id\": ");
		put_str(&o, id);
		put(&o, ", \"author\": ");
		put_str(&o, A->a[au].name);
		put(&o, ", \"createdAt\": ");
		put_time(&o, created);
		put(&o, ", \"likes\": ");
		put_u64(&o, likes > 1000000 ? 1000000 : likes);
		put(&o, ", \"trendingScore\": ");
		put_u64(&o, (uint64_t) floor((double) likes * 0.02 * unif(&r)));
		put(&o, ", \"sdk\": ");
		put_str(&o, sdks[below(&r, 6)]);
		put(&o, ", \"tags\": [\"synthetic\"]}\n");
		if (o.len > (1 << 16))
			out_flush_record(&o);
	}
	out_close(&o);

	rng_seed(&r, seed, 12);
	out_open(&o, dir, "papers.jsonl");
	for (uint64_t k = 0; k < n_papers; k++)
	{
		bool		claimed = unif(&r) < 0.6;
		int			au = pick_org(&r, A, 3);
		int64_t		published = t0 + (int64_t) ((double) (t1 - t0) * sqrt(unif(&r)));
		uint64_t	up = (uint64_t) floor(exp(1.5 + 1.2 * normal(&r) + (claimed ? 0.8 * A->a[au].strength : 0)));
		char		pid[32];

		snprintf(pid, sizeof(pid), "9%03llu.%05llu", (unsigned long long) (k / 100000) % 1000,
				 (unsigned long long) k % 100000);
		put(&o, "{\"paper\": {\"id\": ");
		put_str(&o, pid);
		put(&o, ", \"title\": \"A synthetic paper\", \"upvotes\": ");
		put_u64(&o, up > 100000 ? 100000 : up);
		put(&o, ", \"publishedAt\": ");
		put_time(&o, published);
		put(&o, ", \"authors\": [{\"name\": \"Author A\"}, {\"name\": \"Author B\"}]");
		if (claimed)
		{
			put(&o, ", \"organization\": {\"name\": ");
			put_str(&o, A->a[au].name);
			putc_(&o, '}');
		}
		put(&o, "}, \"title\": \"A synthetic paper\", \"numComments\": 0}\n");
		if (o.len > (1 << 16))
			out_flush_record(&o);
	}
	out_close(&o);
}

typedef struct SizeW
{
	double		p,
				w;
} SizeW;

static int
cmp_sizew(const void *a, const void *b)
{
	double		x = ((const SizeW *) a)->p,
				y = ((const SizeW *) b)->p;

	return (x > y) - (x < y);
}

/* download-weighted mean and median size per year of download (as weighted_quantile(x, w, 0.5)) */
static void
truth_sizes(Truth *T, const Model *M, uint64_t n)
{
	SizeW	   *v = xmalloc(sizeof(SizeW) * (n ? n : 1));

	for (uint64_t i = 0; i < n; i++)
		T->n_derivatives += M[i].nparents > 0;
	for (int y = 0; y < NYEARS; y++)
	{
		uint64_t	k = 0;
		double		W = 0,
					S = 0,
					c = 0;

		for (uint64_t i = 0; i < n; i++)
			if (M[i].params > 0 && T->year_dl[i * NYEARS + y] > 0)
			{
				v[k].p = (double) M[i].params;
				v[k].w = T->year_dl[i * NYEARS + y];
				W += v[k].w;
				S += v[k].p * v[k].w;
				k++;
			}
		qsort(v, k, sizeof(SizeW), cmp_sizew);
		T->size_mean[y] = W > 0 ? S / W : 0;
		T->size_median[y] = 0;
		for (uint64_t j = 0; j < k; j++)
		{
			c += v[j].w;
			if (c >= 0.5 * W)
			{
				T->size_median[y] = v[j].p;
				break;
			}
		}
	}
	free(v);
	free(T->year_dl);
	T->year_dl = NULL;
}

/* all-time downloads before 2022-03 of a model backfilled to 2022-03-02 */
static double
prehistory(double rate, double kappa, double pre)
{
	if (pre <= 0)
		return 0;
	if (fabs(1.0 - kappa) < 1e-6)
		return rate * TAU * log(1.0 + pre / TAU);
	return rate * TAU / (1.0 - kappa) * (pow(1.0 + pre / TAU, 1.0 - kappa) - 1.0);
}

static void
write_models(const Authors *A, const Plan *P, uint64_t n)
{
	Rng			r;
	uint64_t	seed = P->seed;
	Model	   *M = xmalloc(sizeof(Model) * (n ? n : 1));
	int32_t    *parents = xmalloc(sizeof(int32_t) * (n ? 2 * n : 1));
	int64_t		np = 0;
	int64_t    *t;
	Fenwick		fw;
	double		pipe_w[NPIPES],
				pipe_w_cn[NPIPES];
	Truth	   *T = P->truth;

	for (int p = 0; p < NPIPES; p++)
		pipe_w[p] = pipe_w_cn[p] = pipelines[p].w;
	pipe_w_cn[0] *= CN_LM;
	fw.n = (int64_t) n;
	fw.t = xmalloc(sizeof(double) * (n + 1));
	rng_seed(&r, seed, 2);
	t = creation_times(&r, n);

	/* first pass: the models, in order of creation */
	for (uint64_t i = 0; i < n; i++)
	{
		Model	   *m = &M[i];
		int			yi = year_of(t[i]);
		double		total = fw_total(&fw, (int64_t) i);
		double		mu;
		int			deriv = total > 0 && unif(&r) < p_derivative[yi];

		m->created = t[i];
		m->first_parent = (int32_t) np;
		m->nparents = 0;
		m->rel = 0;
		m->depth = 0;
		m->gguf = 0;
		m->cnfam = 0;
		if (deriv)
		{
			int			rel = pick(&r, rel_w, 5);
			int			want = 1;
			double		logpar = 0;
			const Model *p0;

			if (rel == 4)
			{
				double		u = unif(&r);

				want = u < 0.6 ? 2 : u < 0.85 ? 3 : u < 0.95 ? 4 : 5;
			}
			for (int tries = 0; m->nparents < want && tries < 30; tries++)
			{
				int64_t		p = fw_sample(&fw, unif(&r) * total);
				int			dup = 0;

				if (p >= (int64_t) i)
					p = (int64_t) i - 1;
				if (M[p].depth >= MAX_DEPTH)
					continue;	/* only by rounding: its weight is 0 */
				for (int k = 0; k < m->nparents; k++)
					if (parents[m->first_parent + k] == p)
						dup = 1;
				if (dup)
					continue;
				parents[np++] = (int32_t) p;
				m->nparents++;
			}
			if (rel == 4 && m->nparents < 2)
				rel = 1;		/* no second parent to be found: a finetune */
			if (rel != 4 && m->nparents > 1)
			{
				np = m->first_parent + 1;
				m->nparents = 1;
			}
			m->rel = (int8_t) rel;
			p0 = &M[parents[m->first_parent]];
			m->pipe = p0->pipe;
			m->sizetag = p0->sizetag;
			for (int k = 0; k < m->nparents; k++)
			{
				const Model *pk = &M[parents[m->first_parent + k]];

				if (pk->depth + 1 > m->depth)
					m->depth = (int8_t) (pk->depth + 1);
				logpar += pk->logpop / m->nparents;
				m->cnfam += pk->cnfam / m->nparents;
			}
			/* sizes follow the (first) parent */
			switch (rel)
			{
				case 1:
				case 4:
					m->params = unif(&r) < 0.9 ? p0->params : 0;
					break;
				case 2:
					m->params = unif(&r) < 0.4 ? p0->params / 100 : 0;
					break;
				case 3:
					m->params = p0->params;
					m->gguf = unif(&r) < 0.75;
					break;
			}
			m->author = unif(&r) < P_DERIV_INDIE ? pick_indie(&r, A) : pick_org(&r, A, yi);
			mu = pipelines[(int) m->pipe].mu + rel_mu[rel] + RHO * (logpar - PAR_REF);
		}
		else
		{
			int			org = unif(&r) < p_root_org[yi];

			m->author = org ? pick_org(&r, A, yi) : pick_indie(&r, A);
			/* Chinese organisations publish mostly language models */
			m->pipe = (int8_t) pick(&r, A->a[m->author].country == 0 ? pipe_w_cn : pipe_w, NPIPES);
			m->params = unif(&r) < 0.92 ? model_params(&r, pipelines[(int) m->pipe].sizes, &m->sizetag) : 0;
			if (m->params == 0)
				m->sizetag = -1;
			mu = pipelines[(int) m->pipe].mu;
			m->cnfam = A->a[m->author].country == 0 && A->a[m->author].kind != K_INDEPENDENT;
			if (m->sizetag >= 0)
				mu += llm_mu[(int) m->sizetag];
		}
		{
			const Author *a = &A->a[m->author];

			if (a->kind == K_INDEPENDENT)
				mu += indie_mu[yi];
			else
				mu += ORG_MU + ORG_S * a->strength + (a->country == 0 ? cn_mu[yi] : 0.0);
		}
		{
			double		z = normal(&r);

			if (z > Z_KNEE)
				z = Z_KNEE + Z_SLOPE * (z - Z_KNEE);
			m->logpop = mu + (m->nparents ? SIGMA_D : SIGMA) * z;
		}
		{
			double		d = floor(exp(MU0 + m->logpop));

			m->downloads = d > 4e12 ? 4000000000000ULL : (uint64_t) d;
		}
		{
			const Author *a = &A->a[m->author];
			double		u_gone = unif(&r);
			int			cm = month_of(m->created);

			m->pre = m->created < month_start(0) + 86400 ? (float) (PRE_MONTHS * unif(&r)) : 0.0f;
			m->kappa = (float) ((pipelines[(int) m->pipe].sizes == SZ_ENC ? KAPPA_ENC : KAPPA) +
								(m->nparents ? KAPPA_DERIV : 0.0));
			m->all_time = (uint64_t) floor(prehistory((double) m->downloads, m->kappa, m->pre));
			m->likes = (float) floor(exp(0.7 * log((double) m->downloads + 1.0) - 2.5 + 0.7 * normal(&r)));
			m->mod_u = (float) pow(unif(&r), 2.0);
			m->lic = (int8_t) pick(&r, license_w, 8);
			m->shape = (int8_t) below(&r, 100);
			m->gated = 0;
			if (a->kind != K_INDEPENDENT && m->nparents == 0 && m->sizetag >= 0 && unif(&r) < 0.15)
				m->gated = unif(&r) < 0.5 ? 1 : 2;
			m->french = a->country == 2 && unif(&r) < 0.5;
			/* with --snapshots, some models leave the Hub in a later month */
			m->gone = NMONTHS;
			if (P->snapshots > 0 && u_gone < P_GONE && cm + 1 < NMONTHS)
				m->gone = (int8_t) (cm + 1 + (int) below(&r, (uint64_t) (NMONTHS - cm - 1)));
		}
		if (m->depth < MAX_DEPTH)
			fw_add(&fw, (int64_t) i, pow((double) m->downloads + 1.0, GAMMA) * parent_rel_w[(int) m->rel]
				   * (1.0 + CN_ATTRACT * m->cnfam));
	}

	/*
	 * Second pass: month by month, every model's downloads; the months
	 * written get a file (the last one only without --snapshots).
	 */
	if (T)
	{
		T->year_dl = xmalloc(sizeof(double) * NYEARS * (n ? n : 1));
		T->n_models = n;
	}
	for (int mo = 0; mo < NMONTHS; mo++)
	{
		int64_t		end = month_start(mo + 1) - 1;
		int			write = mo >= P->first;
		int			yi = year_of(month_start(mo));
		Out			o = {0};
		double	   *at = NULL;
		uint64_t	present = 0,
					zero = 0;

		if (write)
			open_for_month(&o, P, mo, "models.jsonl");
		if (T && (mo == NMONTHS - 1 || mo == NMONTHS - 6))
			at = xmalloc(sizeof(double) * (n ? n : 1));
		for (uint64_t i = 0; i < n && M[i].created <= end; i++)
		{
			Model	   *m = &M[i];
			const Author *a = &A->a[m->author];
			Rng			q;
			uint64_t	d;

			if (m->gone <= mo)
				continue;
			rng_month(&q, seed, 0, i, mo);
			d = month_downloads(&q, (double) m->downloads, m->kappa, m->created, m->pre, mo);
			m->all_time += d;
			if (T)
			{
				int			c = (a->omit || a->country < 0) ? NCOUNTRIES : a->country;
				int			k = a->omit ? NKINDS : a->kind;

				T->country[mo][c] += (double) d;
				T->kind[mo][k] += (double) d;
				T->total[mo] += (double) d;
				T->year_dl[i * NYEARS + yi] += (double) d;
				T->stock[0][mo]++;
				if (at)
					at[present] = (double) m->all_time;
				zero += d == 0;
			}
			present++;
			if (write)
				put_model(&o, A, M, parents, seed, i, mo, d);
		}
		if (write)
			out_close(&o);
		if (at && mo == NMONTHS - 6)
		{
			/* 2025-10: the real whole-Hub summary's date */
			qsort(at, present, sizeof(double), cmp_double_desc);
			T->zero_30d = present ? (double) zero / (double) present : 0;
			T->median_all_time = present ? at[present / 2] : 0;
		}
		else if (at)
		{
			double		tot = 0,
						top = 0,
						topk = 0;
			uint64_t	k = (uint64_t) ceil((double) present * 0.0001),
						under = 0;

			qsort(at, present, sizeof(double), cmp_double_desc);
			for (uint64_t j = 0; j < present; j++)
			{
				tot += at[j];
				if (j < 200)
					top += at[j];
				if (j < k)
					topk += at[j];
				under += at[j] < 200;
			}
			T->top200 = tot > 0 ? top / tot : 0;
			T->top_001pct = tot > 0 ? topk / tot : 0;
			T->under200 = present ? (double) under / (double) present : 0;
		}
		free(at);
	}
	if (T)
		truth_sizes(T, M, n);
	free(M);
	free(parents);
	free(t);
	free(fw.t);
}

/* ------------------------------------------------------------------------
 * Datasets
 * ------------------------------------------------------------------------
 */

/* 45 task categories (Hub pipeline names); robotics is handled apart */
static const char *const task_cats[] = {
	"text-generation", "text-classification", "question-answering", "image-classification",
	"translation", "summarization", "token-classification", "automatic-speech-recognition",
	"text-to-image", "image-text-to-text", "feature-extraction", "sentence-similarity",
	"object-detection", "image-segmentation", "text-to-speech", "visual-question-answering",
	"zero-shot-classification", "fill-mask", "table-question-answering", "image-to-text",
	"audio-classification", "text-retrieval", "text-ranking", "multiple-choice",
	"reinforcement-learning", "time-series-forecasting", "tabular-classification",
	"video-classification", "text-to-video", "document-question-answering", "depth-estimation",
	"image-to-image", "audio-to-audio", "tabular-regression", "zero-shot-image-classification",
	"image-feature-extraction", "video-text-to-text", "text-to-audio", "table-to-text",
	"mask-generation", "visual-document-retrieval", "keypoint-detection", "image-to-3d",
	"graph-ml",
	"robotics"
};
#define NCATS ((int) (sizeof(task_cats) / sizeof(task_cats[0])))
#define CAT_ROBOTICS (NCATS - 1)

/* share of datasets with at least one category */
#define P_DS_CATEGORISED 0.55
/* probability of the robotics category per dataset, by year */
static const double p_robotics[NYEARS] = {0.002, 0.003, 0.0045, 0.095, 0.10};

typedef struct Dataset
{
	int64_t		created;
	uint64_t	all_time;
	double		rate;			/* peak monthly downloads */
	float		likes,
				mod_u,
				pre;
	int32_t		author;
	int8_t		cats[4];
	int8_t		ncat,
				robot,
				shape,
				lic,
				gated,
				gone;
} Dataset;

#define KAPPA_DS	0.6

static void
put_dataset(Out *o, const Authors *A, const Dataset *ds, uint64_t seed, uint64_t i, int m,
			uint64_t downloads)
{
	const Author *a = &A->a[ds->author];
	const char *lic = licenses[(int) ds->lic];
	int64_t		end = month_start(m + 1) - 1;
	double		age = (double) (end - ds->created) / (30.44 * 86400.0) + ds->pre;
	uint64_t	likes = (uint64_t) floor(ds->likes * (age >= 12 ? 1.0 : (age + 1) / 13.0));
	char		id[96];
	Rng			q;

	rng_month(&q, seed, 6, i, m);
	snprintf(id, sizeof(id), "%s/%s-%07llu", a->name,
			 ds->robot ? "so100-episodes" : ds->ncat ? task_cats[(int) ds->cats[0]] : "corpus",
			 (unsigned long long) i);
	put(o, "{\"id\": ");
	put_str(o, id);
	put(o, ", \"author\": ");
	put_str(o, a->name);
	put(o, ", \"createdAt\": ");
	put_time(o, ds->created);
	put(o, ", \"lastModified\": ");
	put_time(o, ds->created + (int64_t) ((double) (end - ds->created) * ds->mod_u));
	put(o, ", \"downloads\": ");
	put_u64(o, downloads);
	put(o, ", \"downloadsAllTime\": ");
	put_u64(o, ds->all_time);
	put(o, ", \"likes\": ");
	put_u64(o, likes);
	put(o, ", \"trendingScore\": ");
	put_u64(o, (uint64_t) ((double) likes * 0.05 * unif(&q)));
	put(o, ", \"gated\": ");
	put(o, ds->gated ? "\"auto\"" : "false");
	/* categories: as tags for shapes 0..69, in cardData for shapes 30..99 */
	put(o, ", \"tags\": [\"license:");
	put(o, lic);
	putc_(o, '"');
	if (ds->robot)
		put(o, ", \"LeRobot\"");
	if (ds->shape < 70)
		for (int q2 = 0; q2 < ds->ncat; q2++)
		{
			put(o, ", \"task_categories:");
			put(o, task_cats[(int) ds->cats[q2]]);
			putc_(o, '"');
		}
	put(o, ", \"synthetic\"], \"cardData\": {\"license\": ");
	put_str(o, lic);
	put(o, ", \"language\": ");
	put(o, a->country == 0 ? "[\"zh\", \"en\"]" : "\"en\"");
	if (ds->shape >= 30 && ds->ncat > 0)
	{
		put(o, ", \"task_categories\": ");
		if (ds->ncat > 1 || ds->shape >= 90)
			putc_(o, '[');
		for (int q2 = 0; q2 < ds->ncat; q2++)
		{
			if (q2)
				put(o, ", ");
			put_str(o, task_cats[(int) ds->cats[q2]]);
		}
		if (ds->ncat > 1 || ds->shape >= 90)
			putc_(o, ']');
	}
	put(o, "}}\n");
	if (o->len > (1 << 16))
		out_flush_record(o);
}

static void
write_datasets(const Authors *A, const Plan *P, uint64_t n)
{
	Rng			r;
	uint64_t	seed = P->seed;
	Dataset    *D = xmalloc(sizeof(Dataset) * (n ? n : 1));
	int64_t    *t;
	double		cat_w[NCATS];

	rng_seed(&r, seed, 3);
	/* a flat-ish spread: from 1.6 down to 0.65, and graph-ml rare */
	for (int c = 0; c < NCATS - 1; c++)
		cat_w[c] = 1.6 - 0.95 * c / (NCATS - 3);
	cat_w[NCATS - 2] = 0.12;
	cat_w[CAT_ROBOTICS] = 0;
	t = creation_times(&r, n);
	for (uint64_t i = 0; i < n; i++)
	{
		Dataset    *ds = &D[i];
		int			yi = year_of(t[i]);
		int			cm = month_of(t[i]);
		int			robot = unif(&r) < p_robotics[yi];
		int			author = (robot || unif(&r) < 0.8) ? pick_indie(&r, A) : pick_org(&r, A, yi);
		const Author *a = &A->a[author];
		double		mu = 3.0 + (a->kind == K_INDEPENDENT ? 0.0 : 1.5) + 2.3 * normal(&r);
		double		u_gone;

		ds->created = t[i];
		ds->author = author;
		ds->robot = (int8_t) robot;
		ds->rate = floor(exp(mu));
		ds->likes = (float) floor(exp(0.6 * log(ds->rate + 1.0) - 2.0 + 0.8 * normal(&r)));
		ds->mod_u = (float) pow(unif(&r), 2.0);
		ds->lic = (int8_t) pick(&r, license_w, 8);
		ds->shape = (int8_t) below(&r, 100);
		ds->gated = unif(&r) < 0.04;
		ds->ncat = 0;
		if (robot)
			ds->cats[ds->ncat++] = CAT_ROBOTICS;
		if (unif(&r) < P_DS_CATEGORISED)
		{
			int			k = 1 + (unif(&r) < 0.35) + (unif(&r) < 0.15);

			for (int j = 0; j < k; j++)
			{
				int			c = pick(&r, cat_w, NCATS);
				int			dup = 0;

				for (int q = 0; q < ds->ncat; q++)
					dup |= ds->cats[q] == c;
				if (!dup)
					ds->cats[ds->ncat++] = (int8_t) c;
			}
		}
		ds->pre = t[i] < month_start(0) + 86400 ? (float) (PRE_MONTHS * unif(&r)) : 0.0f;
		ds->all_time = (uint64_t) floor(prehistory(ds->rate, KAPPA_DS, ds->pre));
		u_gone = unif(&r);
		ds->gone = NMONTHS;
		if (P->snapshots > 0 && u_gone < P_GONE && cm + 1 < NMONTHS)
			ds->gone = (int8_t) (cm + 1 + (int) below(&r, (uint64_t) (NMONTHS - cm - 1)));
	}
	for (int mo = 0; mo < NMONTHS; mo++)
	{
		int64_t		end = month_start(mo + 1) - 1;
		int			write = mo >= P->first;
		Out			o = {0};

		if (write)
			open_for_month(&o, P, mo, "datasets.jsonl");
		for (uint64_t i = 0; i < n && D[i].created <= end; i++)
		{
			Dataset    *ds = &D[i];
			Rng			q;
			uint64_t	d;

			if (ds->gone <= mo)
				continue;
			rng_month(&q, seed, 1, i, mo);
			d = month_downloads(&q, ds->rate, KAPPA_DS, ds->created, ds->pre, mo);
			ds->all_time += d;
			if (P->truth)
				P->truth->stock[1][mo]++;
			if (write)
				put_dataset(&o, A, ds, seed, i, mo, d);
		}
		if (write)
			out_close(&o);
	}
	free(D);
	free(t);
}

/* ------------------------------------------------------------------------
 * Main
 * ------------------------------------------------------------------------
 */
static uint64_t
parse_count(const char *opt, const char *s, uint64_t max)
{
	char	   *end;
	unsigned long long v;

	errno = 0;
	if (s[0] < '0' || s[0] > '9')
		die(1, "invalid value for %s: \"%s\" (expected a whole number)", opt, s);
	v = strtoull(s, &end, 10);
	if (errno || *end != '\0')
		die(1, "invalid value for %s: \"%s\" (expected a whole number)", opt, s);
	if (v > max)
		die(1, "value for %s out of range: %s (at most %llu)", opt, s, (unsigned long long) max);
	return v;
}

/* a date of the time model as YYYY-MM-DD */
static void
put_date(Out *o, int64_t t)
{
	char		tmp[16];
	int			y,
				m,
				d;

	civil_from_days(t / 86400, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	put(o, tmp);
}

static void
truth_row(Out *o, const char *figure, const char *series, int64_t lo, int64_t hi, double v)
{
	char		tmp[40];

	put(o, figure);
	putc_(o, ',');
	put(o, series);
	putc_(o, ',');
	put_date(o, lo);
	putc_(o, ',');
	put_date(o, hi);
	snprintf(tmp, sizeof(tmp), ",%.17g\n", v);
	put(o, tmp);
}

/* shares of one period (months lo..hi-1) by country and by kind */
static void
truth_shares(Out *o, const Truth *T, int lo, int hi)
{
	double		tot = 0;

	for (int m = lo; m < hi; m++)
		tot += T->total[m];
	if (tot <= 0)
		return;
	for (int c = 0; c <= NCOUNTRIES; c++)
	{
		double		s = 0;

		for (int m = lo; m < hi; m++)
			s += T->country[m][c];
		if (s > 0)
			truth_row(o, "downloads_share_by_country", c == NCOUNTRIES ? "unknown" : countries[c],
					  month_start(lo), month_start(hi), s / tot);
	}
	for (int k = 0; k <= NKINDS; k++)
	{
		double		s = 0;

		for (int m = lo; m < hi; m++)
			s += T->kind[m][k];
		if (s > 0)
			truth_row(o, "downloads_share_by_kind", k == NKINDS ? "unknown" : kind_name[k],
					  month_start(lo), month_start(hi), s / tot);
	}
}

/*
 * DIR/truth.csv: the figures of the snapshots written, computed here from
 * the generator's own numbers, under the names hub.report_series gives them:
 * shares of downloads during each month and year the snapshots observe
 * wholly (the months after the first snapshot's), download-weighted sizes
 * per year, the stock at each snapshot, concentration at the last one.
 */
static void
write_truth(const Truth *T, const Plan *P)
{
	Out			o = {0};

	out_open(&o, P->dir, "truth.csv");
	put(&o, "figure,series,period_start,period_end,value\n");
	for (int m = P->first + 1; m < NMONTHS; m++)
		truth_shares(&o, T, m, m + 1);
	for (int y = 0; y < NYEARS; y++)
	{
		int			lo = y * 12 - (FIRST_MONTH - 1);

		if (lo < P->first + 1 || lo + 12 > NMONTHS)
			continue;
		truth_shares(&o, T, lo, lo + 12);
		truth_row(&o, "size_mean_params", "", month_start(lo), month_start(lo + 12), T->size_mean[y]);
		truth_row(&o, "size_median_params", "", month_start(lo), month_start(lo + 12), T->size_median[y]);
	}
	for (int m = P->first; m < NMONTHS; m++)
	{
		int64_t		day = (month_start(m + 1) - 1) / 86400 * 86400;

		truth_row(&o, "models", "", day, day + 86400, (double) T->stock[0][m]);
		truth_row(&o, "datasets", "", day, day + 86400, (double) T->stock[1][m]);
	}
	{
		int64_t		day = (month_start(NMONTHS) - 1) / 86400 * 86400;

		truth_row(&o, "top200_share_all_time", "", day, day + 86400, T->top200);
		truth_row(&o, "top_0.01pct_share_all_time", "", day, day + 86400, T->top_001pct);
		truth_row(&o, "share_under_200", "", day, day + 86400, T->under200);
	}
	out_close(&o);
}

/* the headline figures, for the summary line (calibration at a glance) */
static void
print_calibration(const Truth *T)
{
	double		cn = 0,
				us = 0,
				tot = 0,
				ind22 = 0,
				tot22 = 0,
				ind25 = 0,
				tot25 = 0;
	char		first_cn[16] = "never";

	for (int m = NMONTHS - 12; m < NMONTHS; m++)
	{
		cn += T->country[m][0];
		us += T->country[m][1];
		tot += T->total[m];
	}
	for (int m = 1; m < NMONTHS; m++)
		if (T->country[m][0] > T->country[m][1])
		{
			snapshot_name(first_cn, sizeof(first_cn), m);
			first_cn[7] = '\0';
			break;
		}
	for (int m = 1; m < 10; m++)	/* 2022-04 .. 2022-12 */
	{
		ind22 += T->kind[m][K_INDEPENDENT];
		tot22 += T->total[m];
	}
	for (int m = 34; m < 46; m++)	/* 2025 */
	{
		ind25 += T->kind[m][K_INDEPENDENT];
		tot25 += T->total[m];
	}
	printf("figures (synthetic): top 0.01%% %.3f, top 200 %.3f and under 200 %.3f of all-time downloads;"
		   " CN %.3f / US %.3f of the last 12 months, CN first above US in %s;"
		   " independents %.3f (2022-04..12) -> %.3f (2025); 2025 size mean %.3gB / median %.3gM;"
		   " 2025-10: %.3f with zero 30-day downloads, median all-time %.0f; %.3f derivatives\n",
		   T->top_001pct, T->top200, T->under200, tot > 0 ? cn / tot : 0, tot > 0 ? us / tot : 0, first_cn,
		   tot22 > 0 ? ind22 / tot22 : 0, tot25 > 0 ? ind25 / tot25 : 0,
		   T->size_mean[3] / 1e9, T->size_median[3] / 1e6, T->zero_30d, T->median_all_time,
		   T->n_models ? (double) T->n_derivatives / (double) T->n_models : 0);
}

int
main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"models", required_argument, NULL, 'm'},
		{"datasets", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"out-dir", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"snapshots", required_argument, NULL, 3},
		{"help", no_argument, NULL, 1},
		{"version", no_argument, NULL, 2},
		{NULL, 0, NULL, 0}
	};
	uint64_t	n_models = 200000,
				n_datasets = 100000,
				seed = 42;
	const char *dir = NULL;
	int			quiet = 0,
				snapshots = 0,
				c;
	Plan		P;
	Truth	   *T = NULL;
	struct stat st;
	Authors		A;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:n:s:o:q", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case 'm':
				n_models = parse_count("--models", optarg, MAX_COUNT);
				break;
			case 'n':
				n_datasets = parse_count("--datasets", optarg, MAX_COUNT);
				break;
			case 's':
				seed = parse_count("--seed", optarg, UINT64_MAX);
				break;
			case 'o':
				dir = optarg;
				break;
			case 'q':
				quiet = 1;
				break;
			case 3:
				snapshots = (int) parse_count("--snapshots", optarg, NMONTHS);
				if (snapshots == 0)
					die(1, "value for --snapshots out of range: 0 (at least 1)");
				break;
			case 1:
				usage(stdout);
				return 0;
			case 2:
				printf("%s %s\n", progname, VERSION);
				return 0;
			case ':':
				die(1, "option %s needs a value", argv[optind - 1]);
				break;
			default:
				die(1, "unknown option: %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		die(1, "unexpected argument: \"%s\"", argv[optind]);
	if (dir == NULL || dir[0] == '\0')
		die(1, "--out-dir is required");
	if (stat(dir, &st) != 0)
	{
		if (errno != ENOENT || mkdir(dir, 0777) != 0)
			die(2, "could not create directory \"%s\": %s", dir, strerror(errno));
	}
	else if (!S_ISDIR(st.st_mode))
		die(2, "\"%s\" exists and is not a directory", dir);

	P.seed = seed;
	P.dir = dir;
	P.snapshots = snapshots;
	P.first = snapshots ? NMONTHS - snapshots : NMONTHS - 1;
	if (snapshots)
		T = xmalloc(sizeof(Truth));
	P.truth = T;
	make_authors(&A, seed, n_models, n_datasets);
	write_models(&A, &P, n_models);
	write_datasets(&A, &P, n_datasets);
	write_authors(&A, dir, seed);
	write_rest(&A, dir, seed, n_models);
	if (T)
		write_truth(T, &P);
	if (!quiet)
	{
		char		a[16],
					b[16];

		snapshot_name(a, sizeof(a), P.first);
		snapshot_name(b, sizeof(b), NMONTHS - 1);
		if (snapshots)
			printf("wrote %d monthly snapshots (%s .. %s) of %llu models, %llu datasets, %d authors (seed %llu) to %s\n",
				   snapshots, a, b, (unsigned long long) n_models, (unsigned long long) n_datasets,
				   A.n, (unsigned long long) seed, dir);
		else
			printf("wrote %llu models, %llu datasets, %d authors (seed %llu, as of %s) to %s\n",
				   (unsigned long long) n_models, (unsigned long long) n_datasets,
				   A.n, (unsigned long long) seed, b, dir);
		if (T)
			print_calibration(T);
	}
	free(T);
	return 0;
}

/*-------------------------------------------------------------------------
 *
 * ecostats_generate.c
 *	  ecostats-generate: write a deterministic, seedable synthetic Hugging
 *	  Face Hub — models.jsonl, datasets.jsonl (Hub API JSON Lines, the field
 *	  names hub.import_models / hub.import_datasets map) and authors.csv
 *	  (rows for hub.authors) — without any network access.
 *
 *	  Everything is synthetic: namespaces look like cn-lab-07, us-univ-03 or
 *	  indie-01234, ids carry a serial number.  The distributions are heavy
 *	  tailed and calibrated so that the headline figures of the "State of
 *	  Open Source on Hugging Face" report come out of the same order (see
 *	  doc/hub.md): the top 200 models hold about half of the downloads, the
 *	  download-weighted mean model is large while the median one is small,
 *	  derivatives (finetune, adapter, quantized, merge) form a lineage
 *	  forest, and robotics datasets explode in 2025.
 *
 *	  The same seed and sizes give byte-identical files: the program has its
 *	  own PRNG (xoshiro256**, seeded by splitmix64) and never reads the clock.
 *
 * Exit status: 0 written; 1 usage error; 2 an output file cannot be written.
 *
 *-------------------------------------------------------------------------
 */
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
			"and DIR/datasets.jsonl in the Hub API's JSON Lines shape, and DIR/authors.csv\n"
			"(author,kind,country,source) for hub.authors.  All names are synthetic.\n"
			"\n"
			"Options:\n"
			"  -m, --models=N      number of models (default 200000)\n"
			"  -n, --datasets=N    number of datasets (default 100000)\n"
			"  -s, --seed=S        seed, an unsigned 64-bit integer (default 42)\n"
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
#define FIRST_YEAR	2020
#define NYEARS		6

/* share of the models / datasets created in each year 2020..2025 */
static const double model_year_w[NYEARS] = {0.015, 0.035, 0.07, 0.17, 0.30, 0.41};
static const double dataset_year_w[NYEARS] = {0.02, 0.05, 0.10, 0.20, 0.28, 0.35};

/* probability that a model of that year derives from another one */
static const double p_derivative[NYEARS] = {0.05, 0.12, 0.25, 0.42, 0.52, 0.56};

/* probability that a root model (not a derivative) comes from an organisation */
static const double p_root_org[NYEARS] = {0.75, 0.70, 0.62, 0.52, 0.45, 0.40};

/* probability that a root by an organisation is by a Chinese one */
static const double p_root_cn[NYEARS] = {0.08, 0.12, 0.18, 0.28, 0.36, 0.40};

/* probability that a derivative is by an independent developer */
#define P_DERIV_INDIE	0.82

/* log-downloads: MU0 + pipeline + author + relation + SIGMA * N(0,1) */
#define MU0			3.0
#define SIGMA		3.55
#define Z_KNEE		3.2			/* normal draws above this are compressed ... */
#define Z_SLOPE		0.4		/* ... to this slope, so that no single model dominates */
#define ORG_MU		1.6			/* roots by organisations */
#define ORG_S		0.6			/* times the organisation's strength */
#define CN_MU		0.2			/* extra for Chinese organisations */
#define CN_LM		4.0			/* their roots are this much more often language models */
static const double indie_mu[NYEARS] = {1.1, 1.2, 1.3, 0.8, 0.8, 1.0};
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
	0, 40, 6, 7, 7, 5, 5, 4, 2, 4, 2, 2, 2, 1.5, 1, 1.2, 1.2, 1, 1, 0.5, 1, 0.5, 0.5, 0.8
};
/* independents: index NCOUNTRIES means "no country" */
static const double indie_country_w[NCOUNTRIES + 1] = {
	12, 20, 5, 6, 5, 4, 4, 3, 1, 9, 1.5, 1.5, 1, 1.5, 1, 2, 2, 3.5, 1.5, 2.5, 1.5, 1.5, 0.5, 3,
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
	{"text-generation", "transformers", "lm", 0.30, 0.3, SZ_LLM},
	{"image-text-to-text", "transformers", "vlm", 0.05, -0.2, SZ_VLM},
	{"feature-extraction", "sentence-transformers", "embed", 0.05, 2.2, SZ_ENC},
	{"sentence-similarity", "sentence-transformers", "sim", 0.05, 2.2, SZ_ENC},
	{"fill-mask", "transformers", "mlm", 0.04, 1.9, SZ_ENC},
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
static const double llm_mu[] = {0.3, 0.6, 0.6, 0.4, 0.5, 0.5, 0.3, 0.3, 0.4, 0.0, 1.1, 0.2, 1.8, 0.2};
#define NLLM ((int) (sizeof(llm_sizes) / sizeof(llm_sizes[0])))

static const char *const rel_name[5] = {"", "finetune", "adapter", "quantized", "merge"};
static const char *const rel_stem[5] = {"", "ft", "lora", "gguf", "merge"};
static const char *const licenses[] = {
	"apache-2.0", "mit", "cc-by-4.0", "cc-by-nc-4.0", "openrail", "other", "gpl-3.0", "bsd-3-clause"
};
static const double license_w[] = {40, 22, 8, 6, 5, 12, 3, 4};

typedef struct Model
{
	int64_t		created,
				modified;
	uint64_t	downloads;
	int64_t		params;			/* 0: none */
	double		logpop;			/* log-excess of popularity over MU0 */
	int32_t		author;
	int32_t		first_parent;	/* index into parents[] */
	int8_t		nparents;
	int8_t		rel;
	int8_t		depth;
	int8_t		pipe;
	int8_t		gguf;
	int8_t		sizetag;		/* index into llm_sizes, or -1 */
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

static const int64_t T_END = 1767225599;	/* 2025-12-31T23:59:59Z */

static int64_t
year_start(int y)
{
	return days_from_civil(y, 1, 1) * 86400;
}

/* sorted creation times, strictly increasing, with the given yearly weights */
static int64_t *
creation_times(Rng *r, uint64_t n, const double *yw)
{
	int64_t    *t = xmalloc(sizeof(int64_t) * (n ? n : 1));

	for (uint64_t i = 0; i < n; i++)
	{
		int			y = pick(r, yw, NYEARS);
		int64_t		a = year_start(FIRST_YEAR + y),
					b = year_start(FIRST_YEAR + y + 1) - 3600;

		/* within a year, more towards its end */
		t[i] = a + (int64_t) ((double) (b - a) * pow(unif(r), 0.8));
	}
	qsort(t, n, sizeof(int64_t), cmp_i64);
	for (uint64_t i = 1; i < n; i++)
		if (t[i] <= t[i - 1])
			t[i] = t[i - 1] + 1;
	return t;
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
			p = exp(log(30e6) + unif(r) * log(23.0));
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

static void
write_models(const Authors *A, const char *dir, uint64_t seed, uint64_t n)
{
	Rng			r;
	Out			o = {0};
	Model	   *M = xmalloc(sizeof(Model) * (n ? n : 1));
	int32_t    *parents = xmalloc(sizeof(int32_t) * (n ? 2 * n : 1));
	int64_t		np = 0;
	int64_t    *t;
	Fenwick		fw;
	double		pipe_w[NPIPES],
				pipe_w_cn[NPIPES];

	for (int p = 0; p < NPIPES; p++)
		pipe_w[p] = pipe_w_cn[p] = pipelines[p].w;
	pipe_w_cn[0] *= CN_LM;
	fw.n = (int64_t) n;
	fw.t = xmalloc(sizeof(double) * (n + 1));
	rng_seed(&r, seed, 2);
	t = creation_times(&r, n, model_year_w);

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
				mu += ORG_MU + ORG_S * a->strength + (a->country == 0 ? CN_MU : 0.0);
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
		m->modified = m->created + (int64_t) ((double) (T_END - m->created) * pow(unif(&r), 2.0));
		if (m->depth < MAX_DEPTH)
			fw_add(&fw, (int64_t) i, pow((double) m->downloads + 1.0, GAMMA) * parent_rel_w[(int) m->rel]
				   * (1.0 + CN_ATTRACT * m->cnfam));
	}

	/* second pass: write them */
	out_open(&o, dir, "models.jsonl");
	for (uint64_t i = 0; i < n; i++)
	{
		const Model *m = &M[i];
		const Author *a = &A->a[m->author];
		const Pipeline *pl = &pipelines[(int) m->pipe];
		char		id[128],
					pid[128];
		uint64_t	months = (uint64_t) ((T_END - m->created) / (30 * 86400)) + 1;
		uint64_t	all_time = m->downloads + (uint64_t) ((double) m->downloads * (double) months * 0.6 * unif(&r));
		uint64_t	likes = (uint64_t) floor(exp(0.7 * log((double) m->downloads + 1.0) - 2.5 + 0.7 * normal(&r)));
		uint64_t	trending = (uint64_t) floor(likes * 0.05 * unif(&r) * (months <= 2 ? 10.0 : 1.0));
		const char *lic = licenses[pick(&r, license_w, 8)];
		int			shape = (int) below(&r, 100);
		const char *gated = "false";

		model_id(id, sizeof(id), A, m, i);
		if (a->kind != K_INDEPENDENT && m->nparents == 0 && m->sizetag >= 0 && unif(&r) < 0.15)
			gated = unif(&r) < 0.5 ? "\"auto\"" : "\"manual\"";
		put(&o, "{\"id\": ");
		put_str(&o, id);
		put(&o, ", \"author\": ");
		put_str(&o, a->name);
		put(&o, ", \"createdAt\": ");
		put_time(&o, m->created);
		put(&o, ", \"lastModified\": ");
		put_time(&o, m->modified);
		put(&o, ", \"downloads\": ");
		put_u64(&o, m->downloads);
		put(&o, ", \"downloadsAllTime\": ");
		put_u64(&o, all_time);
		put(&o, ", \"likes\": ");
		put_u64(&o, likes);
		put(&o, ", \"trendingScore\": ");
		put_u64(&o, trending);
		put(&o, ", \"pipeline_tag\": ");
		put_str(&o, pl->tag);
		put(&o, ", \"library_name\": ");
		put_str(&o, m->gguf ? "gguf" : pl->library);
		put(&o, ", \"gated\": ");
		put(&o, gated);

		/* tags: library, pipeline, licence, and base_model tags for shapes 0..59 */
		put(&o, ", \"tags\": [");
		put_str(&o, m->gguf ? "gguf" : pl->library);
		put(&o, ", ");
		put_str(&o, pl->tag);
		put(&o, ", \"license:");
		put(&o, lic);
		putc_(&o, '"');
		if (m->nparents > 0 && shape < 60)
		{
			for (int k = 0; k < m->nparents; k++)
			{
				model_id(pid, sizeof(pid), A, &M[parents[m->first_parent + k]],
						 (uint64_t) parents[m->first_parent + k]);
				/* shapes 0..34 also carry the bare form; 0..2 only it (relation unknown) */
				if (shape < 35)
				{
					put(&o, ", \"base_model:");
					put(&o, pid);
					putc_(&o, '"');
				}
				if (shape >= 3)
				{
					put(&o, ", \"base_model:");
					put(&o, rel_name[(int) m->rel]);
					putc_(&o, ':');
					put(&o, pid);
					putc_(&o, '"');
				}
			}
		}
		put(&o, ", \"synthetic\"]");

		/* cardData: licence, language, and base_model for shapes 35..79 */
		put(&o, ", \"cardData\": {\"license\": ");
		put_str(&o, lic);
		put(&o, ", \"language\": ");
		if (a->country == 0)
			put(&o, "[\"zh\", \"en\"]");
		else if (a->country == 2 && unif(&r) < 0.5)
			put(&o, "[\"fr\", \"en\"]");
		else
			put(&o, "\"en\"");
		if (m->nparents > 0 && shape >= 35 && shape < 80)
		{
			put(&o, ", \"base_model\": ");
			if (m->nparents > 1 || shape >= 70)
				putc_(&o, '[');
			for (int k = 0; k < m->nparents; k++)
			{
				model_id(pid, sizeof(pid), A, &M[parents[m->first_parent + k]],
						 (uint64_t) parents[m->first_parent + k]);
				if (k)
					put(&o, ", ");
				put_str(&o, pid);
			}
			if (m->nparents > 1 || shape >= 70)
				putc_(&o, ']');
			put(&o, ", \"base_model_relation\": ");
			put_str(&o, rel_name[(int) m->rel]);
		}
		putc_(&o, '}');

		/* baseModels for shapes 80..99 */
		if (m->nparents > 0 && shape >= 80)
		{
			put(&o, ", \"baseModels\": {\"relation\": ");
			put_str(&o, rel_name[(int) m->rel]);
			put(&o, ", \"models\": [");
			for (int k = 0; k < m->nparents; k++)
			{
				model_id(pid, sizeof(pid), A, &M[parents[m->first_parent + k]],
						 (uint64_t) parents[m->first_parent + k]);
				if (k)
					put(&o, ", ");
				put(&o, "{\"id\": ");
				put_str(&o, pid);
				putc_(&o, '}');
			}
			put(&o, "]}");
		}
		if (m->params > 0)
		{
			put(&o, m->gguf ? ", \"gguf\": {\"total\": " : ", \"safetensors\": {\"total\": ");
			put_u64(&o, (uint64_t) m->params);
			putc_(&o, '}');
		}
		put(&o, "}\n");
		if (o.len > (1 << 16))
			out_flush_record(&o);
	}
	out_close(&o);
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
static const double p_robotics[NYEARS] = {0.0005, 0.001, 0.002, 0.003, 0.0045, 0.095};

static void
write_datasets(const Authors *A, const char *dir, uint64_t seed, uint64_t n)
{
	Rng			r;
	Out			o = {0};
	int64_t    *t;
	double		cat_w[NCATS];

	rng_seed(&r, seed, 3);
	/* a flat-ish spread: from 1.6 down to 0.65, and graph-ml rare */
	for (int c = 0; c < NCATS - 1; c++)
		cat_w[c] = 1.6 - 0.95 * c / (NCATS - 3);
	cat_w[NCATS - 2] = 0.12;
	cat_w[CAT_ROBOTICS] = 0;
	t = creation_times(&r, n, dataset_year_w);
	out_open(&o, dir, "datasets.jsonl");
	for (uint64_t i = 0; i < n; i++)
	{
		int			yi = year_of(t[i]);
		int			cats[4],
					ncat = 0;
		int			robot = unif(&r) < p_robotics[yi];
		int			author = (robot || unif(&r) < 0.8) ? pick_indie(&r, A) : pick_org(&r, A, yi);
		const Author *a = &A->a[author];
		double		mu = 3.0 + (a->kind == K_INDEPENDENT ? 0.0 : 1.5) + 2.3 * normal(&r);
		uint64_t	downloads = (uint64_t) floor(exp(mu));
		uint64_t	months = (uint64_t) ((T_END - t[i]) / (30 * 86400)) + 1;
		uint64_t	all_time = downloads + (uint64_t) ((double) downloads * (double) months * 0.5 * unif(&r));
		uint64_t	likes = (uint64_t) floor(exp(0.6 * log((double) downloads + 1.0) - 2.0 + 0.8 * normal(&r)));
		int64_t		modified = t[i] + (int64_t) ((double) (T_END - t[i]) * pow(unif(&r), 2.0));
		const char *lic = licenses[pick(&r, license_w, 8)];
		int			shape = (int) below(&r, 100);
		char		id[96];

		if (robot)
			cats[ncat++] = CAT_ROBOTICS;
		if (unif(&r) < P_DS_CATEGORISED)
		{
			int			k = 1 + (unif(&r) < 0.35) + (unif(&r) < 0.15);

			for (int j = 0; j < k; j++)
			{
				int			c = pick(&r, cat_w, NCATS);
				int			dup = 0;

				for (int q = 0; q < ncat; q++)
					dup |= cats[q] == c;
				if (!dup)
					cats[ncat++] = c;
			}
		}
		snprintf(id, sizeof(id), "%s/%s-%07llu", a->name,
				 robot ? "so100-episodes" : ncat ? task_cats[cats[0]] : "corpus",
				 (unsigned long long) i);
		put(&o, "{\"id\": ");
		put_str(&o, id);
		put(&o, ", \"author\": ");
		put_str(&o, a->name);
		put(&o, ", \"createdAt\": ");
		put_time(&o, t[i]);
		put(&o, ", \"lastModified\": ");
		put_time(&o, modified);
		put(&o, ", \"downloads\": ");
		put_u64(&o, downloads);
		put(&o, ", \"downloadsAllTime\": ");
		put_u64(&o, all_time);
		put(&o, ", \"likes\": ");
		put_u64(&o, likes);
		put(&o, ", \"trendingScore\": ");
		put_u64(&o, (uint64_t) (likes * 0.05 * unif(&r)));
		put(&o, ", \"gated\": ");
		put(&o, unif(&r) < 0.04 ? "\"auto\"" : "false");
		/* categories: as tags for shapes 0..69, in cardData for shapes 30..99 */
		put(&o, ", \"tags\": [\"license:");
		put(&o, lic);
		putc_(&o, '"');
		if (robot)
			put(&o, ", \"LeRobot\"");
		if (shape < 70)
			for (int q = 0; q < ncat; q++)
			{
				put(&o, ", \"task_categories:");
				put(&o, task_cats[cats[q]]);
				putc_(&o, '"');
			}
		put(&o, ", \"synthetic\"], \"cardData\": {\"license\": ");
		put_str(&o, lic);
		put(&o, ", \"language\": ");
		put(&o, a->country == 0 ? "[\"zh\", \"en\"]" : "\"en\"");
		if (shape >= 30 && ncat > 0)
		{
			put(&o, ", \"task_categories\": ");
			if (ncat > 1 || shape >= 90)
				putc_(&o, '[');
			for (int q = 0; q < ncat; q++)
			{
				if (q)
					put(&o, ", ");
				put_str(&o, task_cats[cats[q]]);
			}
			if (ncat > 1 || shape >= 90)
				putc_(&o, ']');
		}
		put(&o, "}}\n");
		if (o.len > (1 << 16))
			out_flush_record(&o);
	}
	out_close(&o);
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

int
main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"models", required_argument, NULL, 'm'},
		{"datasets", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"out-dir", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 1},
		{"version", no_argument, NULL, 2},
		{NULL, 0, NULL, 0}
	};
	uint64_t	n_models = 200000,
				n_datasets = 100000,
				seed = 42;
	const char *dir = NULL;
	int			quiet = 0,
				c;
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

	make_authors(&A, seed, n_models, n_datasets);
	write_models(&A, dir, seed, n_models);
	write_datasets(&A, dir, seed, n_datasets);
	write_authors(&A, dir, seed);
	if (!quiet)
		printf("wrote %llu models, %llu datasets, %d authors (seed %llu) to %s\n",
			   (unsigned long long) n_models, (unsigned long long) n_datasets,
			   A.n, (unsigned long long) seed, dir);
	return 0;
}

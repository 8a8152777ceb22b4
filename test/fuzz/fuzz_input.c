/*
 * test/fuzz/fuzz_input.c — fuzz harness for the six input functions of the
 * ecostats types: distribution_in/_recv, topk_state_in/_recv, lineage_in/_recv.
 *
 * It connects to the server named by the usual PG* environment variables
 * (a database where ecostats is installed), takes seed values from what the
 * aggregates and lineage_build produce there (as text and as binary), and
 * sends mutated copies of them as statement parameters: a text-format
 * parameter of the type runs its _in function, a binary-format one its
 * _recv function.  Statements go in batches through libpq's pipeline mode,
 * one Sync per input, so a rejected input aborts nothing but itself.
 *
 * For every input it checks:
 *   - the server does not crash (the connection survives);
 *   - a rejection has a sensible SQLSTATE: class 22 (data exception) or
 *     54 (program limit exceeded); never XX000, never another class;
 *   - no statement runs into statement_timeout (a hang);
 *   - an accepted value round-trips: the text it prints reads back to the
 *     same text and the same send bytes, its send bytes read back (recv) to
 *     the same text and the same bytes — so text and binary agree;
 *   - its accessors are sane (pg_temp.fz_check_<type>, see below).
 * A crashing / XX000 / hanging / failing input is saved to the findings
 * directory.  Inputs are a pure function of (--seed, function, index) and
 * the seed values, so a finding is replayed with --first INDEX --count 1.
 *
 * Build: test/fuzz/run builds it (gcc, libpq); see test/fuzz/README.md.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#define MAX_INPUT	(256 * 1024)	/* longest input generated, bytes */
#define MAX_STATES	48				/* distinct SQLSTATEs counted per function */
#define MAX_SAVED	50				/* findings saved per function and kind */

/* ------------------------------------------------------------------------
 * Small utilities
 * ------------------------------------------------------------------------
 */

static void
die(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "fuzz_input: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die("out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t		n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

typedef struct
{
	unsigned char *p;
	size_t		len;
	size_t		cap;
} Buf;

static void
buf_reserve(Buf *b, size_t n)
{
	if (n + 1 > b->cap)
	{
		b->cap = (n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
}

static void
buf_set(Buf *b, const void *data, size_t len)
{
	buf_reserve(b, len);
	memcpy(b->p, data, len);
	b->len = len;
	b->p[len] = '\0';
}

/* replace b[pos, pos+del) by data[0, ins) */
static void
buf_splice(Buf *b, size_t pos, size_t del, const void *data, size_t ins)
{
	if (pos > b->len)
		pos = b->len;
	if (del > b->len - pos)
		del = b->len - pos;
	if (b->len - del + ins > MAX_INPUT)
		return;					/* keep inputs bounded: skip this mutation */
	buf_reserve(b, b->len - del + ins);
	memmove(b->p + pos + ins, b->p + pos + del, b->len - pos - del);
	if (ins)
		memcpy(b->p + pos, data, ins);
	b->len = b->len - del + ins;
	b->p[b->len] = '\0';
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------------
 * Deterministic random numbers (splitmix64): no libc state involved
 * ------------------------------------------------------------------------
 */

static uint64_t rng;

static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static uint64_t
rnd(void)
{
	rng += UINT64_C(0x9E3779B97F4A7C15);
	return mix64(rng);
}

/* uniform in [0, n); 0 when n is 0 */
static size_t
below(size_t n)
{
	return n ? (size_t) (rnd() % n) : 0;
}

/* ------------------------------------------------------------------------
 * Targets
 * ------------------------------------------------------------------------
 */

enum
{
	T_DIST, T_TOPK, T_LINEAGE, N_TYPES
};

static const char *const type_names[N_TYPES] = {"distribution", "topk_state", "lineage"};

typedef struct
{
	char		state[6];
	long		n;
} StateCount;

typedef struct
{
	int			id;				/* fixed: part of the input derivation */
	const char *name;
	int			type;
	bool		binary;
	bool		selected;
	/* counts */
	long		inputs, accepted, rejected, crashes, xx000, other_state,
				roundtrip, accessor, timeouts;
	StateCount	states[MAX_STATES];
	int			nstates;
	long		saved[8];
	long		known;			/* findings matched by --known */
	double		seconds;
} Target;

static Target targets[] = {
	{.id = 0, .name = "distribution_in", .type = T_DIST, .binary = false},
	{.id = 1, .name = "distribution_recv", .type = T_DIST, .binary = true},
	{.id = 2, .name = "topk_state_in", .type = T_TOPK, .binary = false},
	{.id = 3, .name = "topk_state_recv", .type = T_TOPK, .binary = true},
	{.id = 4, .name = "lineage_in", .type = T_LINEAGE, .binary = false},
	{.id = 5, .name = "lineage_recv", .type = T_LINEAGE, .binary = true},
};
#define N_TARGETS ((int) (sizeof(targets) / sizeof(targets[0])))

/* seed values per type: text and binary forms */
typedef struct
{
	Buf		   *text;
	Buf		   *bin;
	int			n;
} SeedSet;

static SeedSet seeds[N_TYPES];

/* ------------------------------------------------------------------------
 * Options and connection state
 * ------------------------------------------------------------------------
 */

static uint64_t opt_seed = 1;
static long opt_count = 1000;
static long opt_first = 0;
static int	opt_batch = 200;
static int	opt_timeout_ms = 5000;
static long opt_progress = 0;
static const char *opt_out = "fuzz-findings";
static bool opt_verbose = false;

static PGconn *conn;
static char *schema_ident;		/* quoted extension schema */
static unsigned int type_oid[N_TYPES];
static long total_findings = 0;	/* findings not matched by --known */

/* --known FILE: "function kind text" lines; a finding of that function and
 * kind whose message contains the text is known (reported, not failing) */
typedef struct
{
	char	   *function;
	char	   *kind;
	char	   *text;
} Known;
static Known *known;
static int	nknown;

/* ------------------------------------------------------------------------
 * SQL run at every (re)connection: session settings, temp aggregates that
 * expose the state types, and the accessor checks.  @S@ is the extension
 * schema.  Each check returns NULL when all is well, else what is wrong.
 * An accessor may refuse a valid value (gini of negative values: 22023),
 * but only with class 22 or 54 — anything else is reported.
 * ------------------------------------------------------------------------
 */

static const char *const setup_sql =
"CREATE AGGREGATE pg_temp.fz_topk(float8, int4) (SFUNC = @S@.topk_state_accum,"
"  STYPE = @S@.topk_state, COMBINEFUNC = @S@.topk_state_combine);\n"
"CREATE AGGREGATE pg_temp.fz_topk_merge(@S@.topk_state) (SFUNC = @S@.topk_state_combine,"
"  STYPE = @S@.topk_state);\n"
/* topk_state_share refuses direct calls (0A000): reached as a final function */
"CREATE AGGREGATE pg_temp.fz_topk_share(@S@.topk_state) (SFUNC = @S@.topk_state_combine,"
"  STYPE = @S@.topk_state, FINALFUNC = @S@.topk_state_share);\n"
"CREATE AGGREGATE pg_temp.fz_fraction(float8, float8) (SFUNC = @S@.distribution_accum_fraction,"
"  STYPE = @S@.distribution);\n"
"CREATE AGGREGATE pg_temp.fz_quantiles(float8, float8, float8[]) (SFUNC = @S@.distribution_accum_quantile,"
"  STYPE = @S@.distribution);\n"
"CREATE AGGREGATE pg_temp.fz_points(float8, int4) (SFUNC = @S@.distribution_accum_points,"
"  STYPE = @S@.distribution);\n"
"CREATE FUNCTION pg_temp.fz_bad(what text, state text, msg text) RETURNS text"
"  LANGUAGE sql IMMUTABLE AS $f$"
"  SELECT CASE WHEN state = 'XX000' OR left(state, 2) NOT IN ('22', '54')"
"              THEN format('%s raised %s: %s; ', what, state, msg) ELSE '' END $f$;\n"
"CREATE FUNCTION pg_temp.fz_check_distribution(d @S@.distribution) RETURNS text\n"
"LANGUAGE plpgsql AS $f$\n"
"DECLARE p text := ''; c bigint; c2 bigint; q0 float8; q1 float8; m float8; x float8; lz float8[];\n"
"  weighted bool := d::text OPERATOR(pg_catalog.~) ':[^{]*$'::text;  -- a weight other than 1\n"
"BEGIN\n"
"  BEGIN\n"
"    c := @S@.distribution_count(d);\n"
"    IF c IS NULL OR c < 0 THEN p := p || format('distribution_count %s; ', c); END IF;\n"
"    q0 := @S@.weighted_quantile(d, 0::float8);\n"
"    q1 := @S@.weighted_quantile(d, 1::float8);\n"
"    m := @S@.weighted_median(d);\n"
"    IF (q0 IS NULL) <> (m IS NULL) OR (q1 IS NULL) <> (m IS NULL)\n"
"       OR NOT (q0 <= m AND m <= q1) THEN\n"
"      p := p || format('weighted_median %s not within quantiles 0 and 1 [%s, %s]; ', m, q0, q1);\n"
"    END IF;\n"
"  EXCEPTION WHEN OTHERS THEN p := p || pg_temp.fz_bad('count/quantiles', SQLSTATE, SQLERRM);\n"
"  END;\n"
"  BEGIN\n"
"    x := @S@.distribution_sum(d);\n"
"    IF x = 'NaN'::float8 THEN p := p || 'distribution_sum NaN; '; END IF;\n"
"  EXCEPTION WHEN OTHERS THEN p := p || pg_temp.fz_bad('distribution_sum', SQLSTATE, SQLERRM);\n"
"  END;\n"
"  BEGIN\n"
"    x := @S@.gini(d);\n"
"    IF NOT (x >= 0 AND x <= 1) THEN p := p || format('gini %s; ', x); END IF;\n"
"    x := @S@.hhi(d);\n"
"    -- Σw·v² / (Σw·v)²: at most 1 when every weight is 1; a weight below 1\n"
"    -- can take it above 1 (one value of weight w gives 1/w), but never to\n"
"    -- infinity or NaN for a finite value\n"
"    IF NOT (x >= 0 AND (x <= 1 OR (weighted AND x < 'Infinity'::float8))) THEN\n"
"      p := p || format('hhi %s; ', x);\n"
"    END IF;\n"
"    x := @S@.top_k_share(d, 2);\n"
"    IF NOT (x >= 0 AND x <= 1) THEN p := p || format('top_k_share(d, 2) %s; ', x); END IF;\n"
"    x := @S@.top_share(d, 0.5::float8);\n"
"    IF NOT (x >= 0 AND x <= 1) THEN p := p || format('top_share(d, 0.5) %s; ', x); END IF;\n"
"    lz := @S@.lorenz(d, 4);\n"
"    IF lz IS NOT NULL AND (pg_catalog.cardinality(lz) <> 5 OR EXISTS (\n"
"         SELECT FROM pg_catalog.unnest(lz) WITH ORDINALITY AS a(v, i)\n"
"         WHERE NOT (v >= 0 AND v <= 1) OR v < coalesce(lz[i - 1], 0))) THEN\n"
"      p := p || format('lorenz(d, 4) %s; ', lz);\n"
"    END IF;\n"
"  EXCEPTION WHEN OTHERS THEN p := p || pg_temp.fz_bad('shares', SQLSTATE, SQLERRM);\n"
"  END;\n"
"  BEGIN\n"
"    SELECT @S@.distribution_count(@S@.distribution_merge(v)) INTO c2 FROM (VALUES (d), (d)) AS m(v);\n"
"    IF c2 IS DISTINCT FROM 2 * c THEN p := p || format('count of distribution_merge of d twice %s, not 2 * %s; ', c2, c); END IF;\n"
"  EXCEPTION WHEN OTHERS THEN p := p || pg_temp.fz_bad('distribution_merge', SQLSTATE, SQLERRM);\n"
"  END;\n"
"  RETURN nullif(p, '');\n"
"END $f$;\n"
"CREATE FUNCTION pg_temp.fz_check_topk_state(t @S@.topk_state) RETURNS text\n"
"LANGUAGE plpgsql AS $f$\n"
"DECLARE p text := ''; x float8;\n"
"BEGIN\n"
"  BEGIN\n"
"    SELECT pg_temp.fz_topk_share(v) INTO x FROM (VALUES (t)) AS m(v);\n"
"    IF NOT (x >= 0 AND x <= 1) THEN p := p || format('topk_state_share %s; ', x); END IF;\n"
"  EXCEPTION WHEN OTHERS THEN p := p || pg_temp.fz_bad('topk_state_share', SQLSTATE, SQLERRM);\n"
"  END;\n"
"  BEGIN\n"
"    SELECT pg_temp.fz_topk_share(v) INTO x FROM (VALUES (t), (t)) AS m(v);\n"
"    IF NOT (x >= 0 AND x <= 1) THEN p := p || format('share of t merged with itself %s; ', x); END IF;\n"
"  EXCEPTION WHEN OTHERS THEN p := p || pg_temp.fz_bad('topk_state_combine', SQLSTATE, SQLERRM);\n"
"  END;\n"
"  RETURN nullif(p, '');\n"
"END $f$;\n"
"CREATE FUNCTION pg_temp.fz_check_lineage(l @S@.lineage) RETURNS text\n"
"LANGUAGE plpgsql AS $f$\n"
"DECLARE p text := ''; n text; q text; t text; dep int; par text[]; rts text[]; x float8;\n"
"BEGIN\n"
"  BEGIN\n"
"    n := @S@.lineage_node(l);\n"
"    t := l::text;\n"
"    dep := @S@.lineage_depth(l);\n"
"    par := @S@.lineage_parents(l);\n"
"    rts := @S@.lineage_roots(l);\n"
"    IF n IS NULL OR n = '' THEN p := p || 'empty node; '; END IF;\n"
"    IF (@S@.lineage_to_jsonb(l) OPERATOR(pg_catalog.->>) 'node'::text) IS DISTINCT FROM n THEN\n"
"      p := p || 'jsonb node differs from lineage_node; ';\n"
"    END IF;\n"
"    q := CASE WHEN n OPERATOR(pg_catalog.~) '^[A-Za-z0-9._/-]+$'::text THEN n\n"
"              ELSE '\"' || replace(replace(n, '\\', '\\\\'), '\"', '\\\"') || '\"' END;\n"
"    IF t IS DISTINCT FROM q AND left(t, length(q) + 4) IS DISTINCT FROM q || ' => ' THEN\n"
"      p := p || format('text does not start with its node %s; ', q);\n"
"    END IF;\n"
"    IF dep IS NULL OR dep < 0 OR (dep = 0) <> (pg_catalog.cardinality(par) = 0) THEN\n"
"      p := p || format('lineage_depth %s with %s parents; ', dep, pg_catalog.cardinality(par));\n"
"    END IF;\n"
"    IF rts IS NULL OR pg_catalog.cardinality(rts) < 1 THEN p := p || 'no roots; '; END IF;\n"
"    IF NOT @S@.lineage_identical(l, l) THEN p := p || 'not identical to itself; '; END IF;\n"
"    IF l OPERATOR(@S@.<@) n THEN p := p || 'derives from its own node; '; END IF;\n"
"    IF EXISTS (SELECT FROM pg_catalog.unnest(par) AS a(id)\n"
"               WHERE NOT (l OPERATOR(@S@.<@) id) OR @S@.lineage_distance(l, id) IS DISTINCT FROM 1) THEN\n"
"      p := p || 'a parent is not an ancestor at distance 1; ';\n"
"    END IF;\n"
"    IF EXISTS (SELECT FROM pg_catalog.unnest(rts) AS a(id)\n"
"               WHERE id IS DISTINCT FROM n AND NOT (l OPERATOR(@S@.<@) id)) THEN\n"
"      p := p || 'a root is not an ancestor; ';\n"
"    END IF;\n"
"    IF EXISTS (SELECT FROM @S@.lineage_ancestors(l) AS a\n"
"               WHERE a.distance IS NULL OR a.distance < 1 OR a.distance > dep) THEN\n"
"      p := p || 'an ancestor distance is outside [1, depth]; ';\n"
"    END IF;\n"
"    SELECT pg_catalog.sum(share) INTO x FROM @S@.lineage_root_shares(l);\n"
"    IF x IS NULL OR abs(x - 1) > 1e-9 THEN p := p || format('root shares sum to %s; ', x); END IF;\n"
"  EXCEPTION WHEN OTHERS THEN p := p || pg_temp.fz_bad('accessors', SQLSTATE, SQLERRM);\n"
"  END;\n"
"  RETURN nullif(p, '');\n"
"END $f$;\n";

/*
 * Seed values: what the aggregates and lineage_build produce (plus a few
 * literal extremes).  Deterministic: no random().  Each query returns
 * (type index, value as text, value's send bytes).
 */
static const char *const seed_sql =
"CREATE TEMP TABLE fz_edges (child text, parent text, relation text);\n"
"INSERT INTO fz_edges VALUES\n"
"  ('acme/m-q4', 'acme/m', 'quantized'), ('acme/m', 'meta/llama-3', 'finetune'),\n"
"  ('mix', 'acme/m', 'merge'), ('mix', 'p 2', 'merge'), ('mix', 'acme/m', 'merge'),\n"
"  ('p 2', 'r\"x\\y', NULL), ('c1', 'c2', 'adapter'), ('c2', 'c1', 'finetune'),\n"
"  ('self', 'self', 'unknown'), ('ünï/módel', 'acme/m', 'adapter'),\n"
"  ('wide', 'w1', 'merge'), ('wide', 'w2', 'merge'), ('wide', 'w3', 'merge'),\n"
"  ('wide', 'w4', 'merge'), ('w1', 'w0', 'finetune'), ('w2', 'w0', 'finetune'),\n"
"  ('w3', 'acme/m', 'quantized'), ('w4', 'mix', 'adapter');\n"
"INSERT INTO fz_edges SELECT 'chain' || i, 'chain' || (i - 1), (ARRAY['finetune', 'adapter', 'quantized', 'merge', 'unknown'])[1 + i % 5]\n"
"  FROM pg_catalog.generate_series(1, 30) AS i;\n"
"INSERT INTO fz_edges SELECT 'diamond' || i, 'diamond' || (i - 1), 'merge' FROM pg_catalog.generate_series(1, 8) AS i\n"
"  UNION ALL SELECT 'diamond' || i, 'diamond' || (i - 2), 'finetune' FROM pg_catalog.generate_series(2, 8) AS i;\n";

static const char *const seed_query =
"SELECT 0, d::text, @S@.distribution_send(d) FROM (\n"
"  SELECT @S@.distribution_agg(x::float8) FROM pg_catalog.generate_series(1, 10) AS x\n"
"  UNION ALL SELECT @S@.distribution_agg(x::float8, x / 4.0) FROM pg_catalog.generate_series(1, 12) AS x\n"
"  UNION ALL SELECT @S@.distribution_agg((x % 7)::float8) FROM pg_catalog.generate_series(1, 100) AS x\n"
"  UNION ALL SELECT @S@.distribution_agg(v, w) FROM (VALUES (-1e300::float8, 1::float8), (-2.5, 0.125), (0, 3),\n"
"        ('-0'::float8, 1), (5e-324, 2), (2.2250738585072014e-308, 1e-300), (1, 1e300), (1.7976931348623157e308, 0.25)) AS t(v, w)\n"
"  UNION ALL SELECT @S@.distribution_agg(x::float8 * 1e-3, 1.0 / x) FROM pg_catalog.generate_series(1, 200) AS x\n"
"  UNION ALL SELECT @S@.distribution_agg(42::float8)\n"
"  UNION ALL SELECT @S@.distribution_merge(d) FROM (SELECT @S@.distribution_agg(x::float8) FROM pg_catalog.generate_series(1, 5) AS x\n"
"        UNION ALL SELECT @S@.distribution_agg(x::float8, 2) FROM pg_catalog.generate_series(3, 9) AS x) AS m(d)\n"
"  UNION ALL SELECT pg_temp.fz_fraction(x::float8, 0.25) FROM pg_catalog.generate_series(1, 10) AS x\n"
"  UNION ALL SELECT pg_temp.fz_quantiles(x::float8, x * 0.5, ARRAY[0.1, 0.5, 0.9]) FROM pg_catalog.generate_series(1, 10) AS x\n"
"  UNION ALL SELECT pg_temp.fz_points(x::float8, 4) FROM pg_catalog.generate_series(1, 10) AS x\n"
"  UNION ALL SELECT 'count=0 {}'::@S@.distribution\n"
"  UNION ALL SELECT 'count=9223372036854775807 {1:1e308}'::@S@.distribution\n"
") AS s(d)\n"
"UNION ALL SELECT 1, t::text, @S@.topk_state_send(t) FROM (\n"
"  SELECT pg_temp.fz_topk(x::float8, 3) FROM pg_catalog.generate_series(1, 10) AS x\n"
"  UNION ALL SELECT pg_temp.fz_topk(x::float8 * 1e300, 2) FROM pg_catalog.generate_series(1, 10) AS x\n"
"  UNION ALL SELECT pg_temp.fz_topk(x::float8 / 3, 1) FROM pg_catalog.generate_series(0, 6) AS x\n"
"  UNION ALL SELECT pg_temp.fz_topk((x % 4)::float8, 8) FROM pg_catalog.generate_series(1, 5) AS x\n"
"  UNION ALL SELECT pg_temp.fz_topk(v, 4) FROM (VALUES (0::float8), (5e-324), (1e-300), (1), (0.1), (1e16)) AS t(v)\n"
") AS s(t)\n"
"UNION ALL SELECT 2, l::text, @S@.lineage_send(l) FROM (\n"
"  SELECT lineage FROM @S@.lineage_build('pg_temp.fz_edges'::pg_catalog.regclass) ORDER BY node\n"
") AS s(l)";

/* text mutations: structural tokens and number boundary values */
static const char *const tokens[] = {
	"count=", "params=", "params={", "k=", "sum=", "sum_lo=", "{", "}", ",", ":",
	"=", " ", "=>", " => ", ";", "; ", "merge:", "finetune:", "adapter:",
	"quantized:", "unknown:", "\"", "\\", "\\\"", "/", "-", ".", "_", "\t", "\n",
	"{}", ",,", "::", "\"\"", "é", "\xF0\x9F\x98\x80", "\xC2\xA0", "\xEF\xBB\xBF",
	"\x01", "\x7F", "\x1F",
};
static const char *const numbers[] = {
	"0", "-0", "+0", "1", "-1", "0.5", "1e308", "-1e308", "1.7976931348623157e308",
	"1.7976931348623159e308", "1e309", "-1e309", "1e-320", "4.9e-324", "5e-324",
	"2e-324", "2.2250738585072014e-308", "NaN", "nan", "-NaN", "Infinity",
	"-Infinity", "inf", "-inf", "2147483647", "2147483648", "-2147483648",
	"-2147483649", "4294967296", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775809", "18446744073709551616",
	"99999999999999999999999999", "1e19", "1e100000", "0x10", "1_000",
	"00000000000000000000001", "1e", ".", "-", "+", "e5", "1e+", ".5", "5.", "1..2",
	"1e-400", "0e0", "1e-2147483649",
};
static const char alphabet[] = "0123456789.,:;{}=-+eE \"\\/_naNIfinitycountparamsk_lo>mergefuadptqzw";

/* binary mutations: interesting integers and float8 bit patterns */
static const uint64_t interesting64[] = {
	0, 1, 2, UINT64_MAX, UINT64_C(0x7FFFFFFFFFFFFFFF), UINT64_C(0x8000000000000000),
	UINT64_C(0x80000000), UINT64_C(0x100000000), UINT64_C(0x20000000000000),
	UINT64_C(0x7FF8000000000000),	/* NaN */
	UINT64_C(0x7FF0000000000001),	/* signalling NaN */
	UINT64_C(0xFFF8000000000000),	/* -NaN */
	UINT64_C(0x7FF0000000000000),	/* +Infinity */
	UINT64_C(0xFFF0000000000000),	/* -Infinity */
	UINT64_C(0x7FEFFFFFFFFFFFFF),	/* DBL_MAX */
	UINT64_C(0xFFEFFFFFFFFFFFFF),	/* -DBL_MAX */
	UINT64_C(0x0010000000000000),	/* DBL_MIN */
	UINT64_C(0x0000000000000001),	/* smallest denormal */
	UINT64_C(0x00000000000007E8),	/* ~1e-320 */
	UINT64_C(0x8000000000000000),	/* -0 */
	UINT64_C(0x3FF0000000000000),	/* 1.0 */
	UINT64_C(0xBFF0000000000000),	/* -1.0 */
	UINT64_C(0x3FE0000000000000),	/* 0.5 */
	UINT64_C(0x43E0000000000000),	/* 2^63 */
	UINT64_C(0x7FE1CCF385EBC8A0),	/* 1e308 */
};
static const uint32_t interesting32[] = {
	0, 1, 2, 3, 4, 7, 8, 16, 255, 256, 1000, 0xFFFF, 0x10000, 0x7FFFFFFF,
	0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 0x40000000, 0x3FFFFFFF, 0x1FFFFFFF,
	0x0FFFFFFF, 100000000,
};
static const char *const badbytes[] = {
	"\x00", "\xFF", "\x80", "\xC0\x80", "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80",
	"\xE2\x82", "\xF0\x9F\x98", "\xFE\xFF", "\x01", "\x7F", "\x1B", "\"", "\\",
};

static void
put_be(unsigned char *p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--)
	{
		p[i] = (unsigned char) (v & 0xFF);
		v >>= 8;
	}
}

static const Buf *
other_seed(const Target *t)
{
	const SeedSet *s = &seeds[t->type];
	int			k = (int) below(s->n);

	return t->binary ? &s->bin[k] : &s->text[k];
}

/* repeat a fragment: a few times, or (rarely) very many */
static void
mut_repeat(Buf *b)
{
	size_t		pos = below(b->len + 1);
	size_t		l = 1 + below(32);
	size_t		times = below(8) ? 1 + below(8) : 100 + below(5000);
	Buf			frag = {0};

	if (l > b->len - pos)
		l = b->len - pos;
	if (l == 0)
		return;
	for (size_t i = 0; i < times && frag.len + l <= MAX_INPUT; i++)
	{
		buf_reserve(&frag, frag.len + l);
		memcpy(frag.p + frag.len, b->p + pos, l);
		frag.len += l;
	}
	buf_splice(b, pos, 0, frag.p, frag.len);
	free(frag.p);
}

static void
mut_splice(const Target *t, Buf *b)
{
	const Buf  *o = other_seed(t);
	size_t		a = below(b->len + 1);
	size_t		c = below(o->len + 1);

	buf_splice(b, a, b->len - a, o->p + c, o->len - c);
}

static void
mutate_text(const Target *t, Buf *b)
{
	size_t		pos = below(b->len + 1);
	const char *s;
	unsigned char ch;

	switch (below(11))
	{
		case 0:					/* delete 1..8 bytes */
			buf_splice(b, pos, 1 + below(8), NULL, 0);
			break;
		case 1:					/* insert a character */
			ch = (unsigned char) alphabet[below(sizeof(alphabet) - 1)];
			buf_splice(b, pos, 0, &ch, 1);
			break;
		case 2:					/* replace a character */
			ch = (unsigned char) alphabet[below(sizeof(alphabet) - 1)];
			buf_splice(b, pos, 1, &ch, 1);
			break;
		case 3:					/* insert a structural token */
			s = tokens[below(sizeof(tokens) / sizeof(tokens[0]))];
			buf_splice(b, pos, 0, s, strlen(s));
			break;
		case 4:					/* truncate */
			buf_splice(b, pos, b->len - pos, NULL, 0);
			break;
		case 5:					/* splice with another seed */
			mut_splice(t, b);
			break;
		case 6:
		case 7:					/* replace a number by a boundary value */
			{
				size_t		e;

				s = numbers[below(sizeof(numbers) / sizeof(numbers[0]))];
				while (pos < b->len && !(b->p[pos] >= '0' && b->p[pos] <= '9'))
					pos++;
				while (pos > 0 && strchr("0123456789.eE+-", b->p[pos - 1]) && b->p[pos - 1])
					pos--;
				e = pos;
				while (e < b->len && strchr("0123456789.eE+-", b->p[e]) && b->p[e])
					e++;
				buf_splice(b, pos, e - pos, s, strlen(s));
				break;
			}
		case 8:					/* repeat a fragment */
			mut_repeat(b);
			break;
		case 9:					/* flip a bit (may break UTF-8) */
			if (b->len > 0)
			{
				pos = below(b->len);
				ch = b->p[pos] ^ (unsigned char) (1 << below(8));
				if (ch != 0)	/* a text parameter is a C string */
					b->p[pos] = ch;
			}
			break;
		default:				/* swap two fragments' order */
			if (b->len > 2)
			{
				size_t		a = below(b->len), l = 1 + below(16);
				Buf			frag = {0};

				if (l > b->len - a)
					l = b->len - a;
				buf_set(&frag, b->p + a, l);
				buf_splice(b, a, l, NULL, 0);
				buf_splice(b, below(b->len + 1), 0, frag.p, frag.len);
				free(frag.p);
			}
	}
}

static void
mutate_binary(const Target *t, Buf *b)
{
	size_t		pos = below(b->len + 1);
	unsigned char tmp[16];

	switch (below(12))
	{
		case 0:					/* flip a bit */
			if (b->len)
				b->p[below(b->len)] ^= (unsigned char) (1 << below(8));
			break;
		case 1:					/* an interesting byte */
			if (b->len)
				b->p[below(b->len)] = (unsigned char) interesting32[below(sizeof(interesting32) / sizeof(interesting32[0]))];
			break;
		case 2:					/* an interesting int32, big-endian */
		case 3:
			if (b->len >= 4)
			{
				uint32_t	v = interesting32[below(sizeof(interesting32) / sizeof(interesting32[0]))];

				if (below(3) == 0)
					v = (uint32_t) (b->len / (1 + below(16)));	/* plausible lengths */
				put_be(b->p + below(b->len - 3), v, 4);
			}
			break;
		case 4:					/* an interesting int64 / float8, big-endian */
		case 5:
			if (b->len >= 8)
			{
				size_t		off = below(b->len - 7);

				/* mostly at the 8-byte grid of the float arrays */
				if (below(2))
					off = off - off % 8 + (t->type == T_DIST ? 2 : 0) % 8;
				if (off + 8 > b->len)
					off = b->len - 8;
				put_be(b->p + off, interesting64[below(sizeof(interesting64) / sizeof(interesting64[0]))], 8);
			}
			break;
		case 6:					/* insert random bytes */
			{
				size_t		l = 1 + below(16);

				for (size_t i = 0; i < l; i++)
					tmp[i] = (unsigned char) rnd();
				buf_splice(b, pos, 0, tmp, l);
				break;
			}
		case 7:					/* delete bytes */
			buf_splice(b, pos, 1 + below(below(4) ? 8 : 64), NULL, 0);
			break;
		case 8:					/* truncate */
			buf_splice(b, pos, b->len - pos, NULL, 0);
			break;
		case 9:					/* splice with another seed */
			mut_splice(t, b);
			break;
		case 10:				/* repeat a fragment */
			mut_repeat(b);
			break;
		default:				/* invalid UTF-8, NUL and control bytes */
			{
				int			k = (int) below(sizeof(badbytes) / sizeof(badbytes[0]));
				size_t		l = k == 0 ? 1 : strlen(badbytes[k]);

				buf_splice(b, pos, below(2) ? l : 0, badbytes[k], l);
			}
	}
}

/* input INDEX of target T: a pure function of (--seed, t->id, index) */
static void
make_input(const Target *t, long index, Buf *out)
{
	const SeedSet *s = &seeds[t->type];
	int			k,
				nmut;

	rng = mix64(opt_seed * UINT64_C(0x9E3779B97F4A7C15) + mix64((uint64_t) t->id + 1)
				+ mix64((uint64_t) index * UINT64_C(0xD1B54A32D192ED03)));
	k = (int) below(s->n);
	if (t->binary)
		buf_set(out, s->bin[k].p, s->bin[k].len);
	else
		buf_set(out, s->text[k].p, s->text[k].len);
	if (below(50) == 0)
		return;					/* 2%: an unmutated seed */
	nmut = below(2) ? 1 : 1 + (int) below(3);
	if (below(8) == 0)
		nmut += (int) below(12);
	for (int i = 0; i < nmut; i++)
	{
		if (t->binary)
			mutate_binary(t, out);
		else
			mutate_text(t, out);
	}
}

/* ------------------------------------------------------------------------
 * Findings
 * ------------------------------------------------------------------------
 */

enum
{
	F_CRASH, F_XX000, F_STATE, F_ROUNDTRIP, F_ACCESSOR, F_TIMEOUT
};
static const char *const finding_names[] = {
	"crash", "xx000", "sqlstate", "roundtrip", "accessor", "timeout"
};

static void
fprint_escaped(FILE *f, const unsigned char *p, size_t len, size_t max)
{
	for (size_t i = 0; i < len && i < max; i++)
	{
		if (p[i] == '\\')
			fputs("\\\\", f);
		else if (p[i] >= 0x20 && p[i] < 0x7F)
			fputc(p[i], f);
		else
			fprintf(f, "\\x%02x", p[i]);
	}
	if (len > max)
		fprintf(f, "... (%zu bytes)", len);
}

static void
finding(Target *t, int kind, long index, const Buf *in, const char *state,
		const char *msg)
{
	char		path[4096];
	FILE	   *f;

	bool		is_known = false;

	for (int i = 0; i < nknown && !is_known; i++)
		is_known = strcmp(known[i].function, t->name) == 0 &&
			strcmp(known[i].kind, finding_names[kind]) == 0 &&
			msg != NULL && strstr(msg, known[i].text) != NULL;
	if (is_known)
		t->known++;
	else
		total_findings++;
	if (t->saved[kind]++ >= MAX_SAVED)
		return;
	if (mkdir(opt_out, 0777) != 0 && errno != EEXIST)
		die("cannot create %s: %s", opt_out, strerror(errno));
	snprintf(path, sizeof(path), "%s/%s-%ld-%s.%s", opt_out, t->name, index,
			 finding_names[kind], t->binary ? "bin" : "txt");
	if ((f = fopen(path, "wb")) == NULL)
		die("cannot write %s: %s", path, strerror(errno));
	fwrite(in->p, 1, in->len, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/findings.log", opt_out);
	if ((f = fopen(path, "a")) == NULL)
		die("cannot write %s: %s", path, strerror(errno));
	fprintf(f, "%s%s index=%ld seed=%" PRIu64 " %s %s: %s\n  input: ", is_known ? "(known) " : "",
			t->name, index, opt_seed, finding_names[kind], state ? state : "-", msg ? msg : "");
	fprint_escaped(f, in->p, in->len, 2000);
	fputc('\n', f);
	fclose(f);
	fprintf(stderr, "%s %s index=%ld %s %s: %s\n  input: ", is_known ? "KNOWN" : "FINDING",
			t->name, index, finding_names[kind], state ? state : "-", msg ? msg : "");
	fprint_escaped(stderr, in->p, in->len, 300);
	fputc('\n', stderr);
}

/* ------------------------------------------------------------------------
 * Connection
 * ------------------------------------------------------------------------
 */

/* @S@ -> schema */
static char *
with_schema(const char *sql)
{
	size_t		n = 0,
				sl = strlen(schema_ident);
	char	   *out = xrealloc(NULL, strlen(sql) * (sl + 1) + 1);

	for (const char *p = sql; *p;)
	{
		if (strncmp(p, "@S@", 3) == 0)
		{
			memcpy(out + n, schema_ident, sl);
			n += sl;
			p += 3;
		}
		else
			out[n++] = *p++;
	}
	out[n] = '\0';
	return out;
}

static void
exec_ok(const char *sql)
{
	PGresult   *r = PQexec(conn, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		die("setup failed: %s\nstatement: %.300s", PQerrorMessage(conn), sql);
	PQclear(r);
}

static void
prepare(const char *name, const char *sql, int nparams, const unsigned int *types)
{
	char	   *q = with_schema(sql);
	PGresult   *r = PQprepare(conn, name, q, nparams, types);

	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		die("cannot prepare %s: %s", name, PQerrorMessage(conn));
	PQclear(r);
	free(q);
}

static void
setup_session(void)
{
	PGresult   *r;
	char		sql[256];
	char	   *q;

	snprintf(sql, sizeof(sql),
			 "SET client_min_messages = warning; SET client_encoding = 'UTF8';"
			 " SET statement_timeout = 0; SET search_path = pg_catalog, pg_temp");
	exec_ok(sql);
	r = PQexec(conn, "SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n"
			   " ON n.oid OPERATOR(pg_catalog.=) e.extnamespace WHERE e.extname OPERATOR(pg_catalog.=) 'ecostats'::pg_catalog.name");
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		die("%s", PQerrorMessage(conn));
	if (PQntuples(r) != 1)
		die("the extension ecostats is not installed in database \"%s\" (CREATE EXTENSION ecostats)", PQdb(conn));
	if (schema_ident == NULL)
	{
		char	   *e = PQescapeIdentifier(conn, PQgetvalue(r, 0, 0), strlen(PQgetvalue(r, 0, 0)));

		schema_ident = xstrdup(e);
		PQfreemem(e);
	}
	PQclear(r);
	for (int i = 0; i < N_TYPES; i++)
	{
		snprintf(sql, sizeof(sql), "SELECT '%s.%s'::pg_catalog.regtype::pg_catalog.oid",
				 schema_ident, type_names[i]);
		r = PQexec(conn, sql);
		if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
			die("%s", PQerrorMessage(conn));
		type_oid[i] = (unsigned int) strtoul(PQgetvalue(r, 0, 0), NULL, 10);
		PQclear(r);
	}
	q = with_schema(setup_sql);
	exec_ok(q);
	free(q);

	/* per type: parse one input; check an accepted value */
	prepare("p0", "SELECT v::text, @S@.distribution_send(v) FROM (SELECT $1 AS v) AS s", 1, &type_oid[T_DIST]);
	prepare("p1", "SELECT v::text, @S@.topk_state_send(v) FROM (SELECT $1 AS v) AS s", 1, &type_oid[T_TOPK]);
	prepare("p2", "SELECT v::text, @S@.lineage_send(v) FROM (SELECT $1 AS v) AS s", 1, &type_oid[T_LINEAGE]);
	{
		unsigned int two[2];

		two[0] = two[1] = type_oid[T_DIST];
		prepare("c0", "SELECT a::text, @S@.distribution_send(a), b::text, @S@.distribution_send(b),"
				" pg_temp.fz_check_distribution(a) FROM (SELECT $1 AS a, $2 AS b) AS s", 2, two);
		two[0] = two[1] = type_oid[T_TOPK];
		prepare("c1", "SELECT a::text, @S@.topk_state_send(a), b::text, @S@.topk_state_send(b),"
				" pg_temp.fz_check_topk_state(a) FROM (SELECT $1 AS a, $2 AS b) AS s", 2, two);
		two[0] = two[1] = type_oid[T_LINEAGE];
		prepare("c2", "SELECT a::text, @S@.lineage_send(a), b::text, @S@.lineage_send(b),"
				" pg_temp.fz_check_lineage(a) FROM (SELECT $1 AS a, $2 AS b) AS s", 2, two);
	}
}

/* statement_timeout for the fuzzed statements (setup runs without one) */
static void
arm_timeout(void)
{
	char		sql[64];

	snprintf(sql, sizeof(sql), "SET statement_timeout = %d", opt_timeout_ms);
	exec_ok(sql);
}

static bool seeds_loaded = false;

static void
connect_db(bool wait)
{
	double		until = now_seconds() + (wait ? 180 : 0);

	for (;;)
	{
		conn = PQconnectdb("");
		if (PQstatus(conn) == CONNECTION_OK)
			break;
		if (now_seconds() > until)
			die("cannot connect: %s", PQerrorMessage(conn));
		PQfinish(conn);
		usleep(500 * 1000);
	}
	setup_session();
	if (seeds_loaded)
		arm_timeout();
}

static void
load_seeds(void)
{
	char	   *q;
	PGresult   *r;

	q = with_schema(seed_sql);
	exec_ok(q);
	free(q);
	q = with_schema(seed_query);
	r = PQexecParams(conn, q, 0, NULL, NULL, NULL, NULL, 1);
	free(q);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		die("seed query failed: %s", PQerrorMessage(conn));
	for (int i = 0; i < PQntuples(r); i++)
	{
		const unsigned char *tp = (const unsigned char *) PQgetvalue(r, i, 0);
		int			ty = (tp[0] << 24) | (tp[1] << 16) | (tp[2] << 8) | tp[3];
		SeedSet    *s = &seeds[ty];

		s->text = xrealloc(s->text, sizeof(Buf) * (s->n + 1));
		s->bin = xrealloc(s->bin, sizeof(Buf) * (s->n + 1));
		memset(&s->text[s->n], 0, sizeof(Buf));
		memset(&s->bin[s->n], 0, sizeof(Buf));
		buf_set(&s->text[s->n], PQgetvalue(r, i, 1), PQgetlength(r, i, 1));
		buf_set(&s->bin[s->n], PQgetvalue(r, i, 2), PQgetlength(r, i, 2));
		s->n++;
	}
	PQclear(r);
	for (int i = 0; i < N_TYPES; i++)
		if (seeds[i].n == 0)
			die("no seed values for %s", type_names[i]);
	exec_ok("DROP TABLE pg_temp.fz_edges");
	seeds_loaded = true;
	arm_timeout();
}

/* ------------------------------------------------------------------------
 * Running a batch
 * ------------------------------------------------------------------------
 */

typedef enum
{
	O_NONE, O_ACCEPTED, O_REJECTED, O_LOST, O_TIMEOUT
} Outcome;

typedef struct
{
	Buf			in;
	Outcome		outcome;
	char		state[6];
	char	   *msg;
	Buf			text;			/* accepted: out(v) */
	Buf			bin;			/* accepted: send(v) */
} Item;

/*
 * Read the results of one pipelined statement up to its Sync.  Returns the
 * outcome; *res gets the statement's result (caller clears) unless lost.
 */
static Outcome
read_one(PGresult **res)
{
	PGresult   *keep = NULL;
	int			nulls = 0;

	*res = NULL;
	for (;;)
	{
		PGresult   *r = PQgetResult(conn);

		if (r == NULL)
		{
			if (PQstatus(conn) == CONNECTION_BAD || ++nulls > 2)
				break;
			continue;
		}
		nulls = 0;
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC)
		{
			PQclear(r);
			if (keep == NULL)
				break;
			*res = keep;
			if (PQresultStatus(keep) == PGRES_TUPLES_OK)
				return O_ACCEPTED;
			else
			{
				const char *st = PQresultErrorField(keep, PG_DIAG_SQLSTATE);

				if (st && strcmp(st, "57014") == 0)
					return O_TIMEOUT;
				return O_REJECTED;
			}
		}
		if (PQstatus(conn) == CONNECTION_BAD)
		{
			PQclear(r);
			break;
		}
		if (keep == NULL)
			keep = r;
		else
			PQclear(r);
	}
	if (keep)
		PQclear(keep);
	if (PQstatus(conn) != CONNECTION_BAD)
		die("lost track of the pipeline: %s", PQerrorMessage(conn));
	return O_LOST;
}

static void
reconnect(void)
{
	PQfinish(conn);
	conn = NULL;
	usleep(200 * 1000);
	connect_db(true);
}

static void
count_state(Target *t, const char *st)
{
	for (int i = 0; i < t->nstates; i++)
		if (strcmp(t->states[i].state, st) == 0)
		{
			t->states[i].n++;
			return;
		}
	if (t->nstates < MAX_STATES)
	{
		snprintf(t->states[t->nstates].state, 6, "%s", st);
		t->states[t->nstates++].n = 1;
	}
}

static bool
same(const char *p, int len, const Buf *b)
{
	return (size_t) len == b->len && memcmp(p, b->p, len) == 0;
}

/* run items[0..n) (inputs first..first+n); returns how many were done */
static int
run_batch(Target *t, long first, Item *items, int n)
{
	char		pname[4],
				cname[4];
	int			limit = n;
	int			fmt1 = t->binary ? 1 : 0;

	snprintf(pname, sizeof(pname), "p%d", t->type);
	snprintf(cname, sizeof(cname), "c%d", t->type);

	/* phase 1: parse every input */
	if (PQenterPipelineMode(conn) != 1)
		die("cannot enter pipeline mode: %s", PQerrorMessage(conn));
	for (int i = 0; i < n; i++)
	{
		const char *v = (const char *) items[i].in.p;
		int			len = (int) items[i].in.len;

		if (PQsendQueryPrepared(conn, pname, 1, &v, &len, &fmt1, 1) != 1 ||
			PQpipelineSync(conn) != 1)
		{
			limit = i;
			break;
		}
	}
	for (int i = 0; i < n; i++)
	{
		Item	   *it = &items[i];
		PGresult   *r;

		it->outcome = (i < limit) ? read_one(&r) : O_LOST;
		if (it->outcome == O_LOST)
		{
			limit = i + 1;
			break;
		}
		if (it->outcome == O_ACCEPTED)
		{
			buf_set(&it->text, PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
			buf_set(&it->bin, PQgetvalue(r, 0, 1), PQgetlength(r, 0, 1));
		}
		else
		{
			const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);

			snprintf(it->state, sizeof(it->state), "%s", st ? st : "?????");
			it->msg = xstrdup(m ? m : "");
		}
		PQclear(r);
	}
	if (PQstatus(conn) == CONNECTION_BAD)
		reconnect();
	else if (PQexitPipelineMode(conn) != 1)
		die("cannot leave pipeline mode: %s", PQerrorMessage(conn));

	/* phase 2: round trip and accessors of every accepted value */
	{
		int			nacc = 0,
					sent = 0;
		int		   *acc = xrealloc(NULL, sizeof(int) * n);

		for (int i = 0; i < limit; i++)
			if (items[i].outcome == O_ACCEPTED)
				acc[nacc++] = i;
		if (nacc > 0)
		{
			if (PQenterPipelineMode(conn) != 1)
				die("cannot enter pipeline mode: %s", PQerrorMessage(conn));
			for (; sent < nacc; sent++)
			{
				Item	   *it = &items[acc[sent]];
				const char *vals[2] = {(const char *) it->text.p, (const char *) it->bin.p};
				int			lens[2] = {(int) it->text.len, (int) it->bin.len};
				int			fmts[2] = {0, 1};

				if (PQsendQueryPrepared(conn, cname, 2, vals, lens, fmts, 1) != 1 ||
					PQpipelineSync(conn) != 1)
					break;
			}
			for (int j = 0; j < nacc; j++)
			{
				int			i = acc[j];
				Item	   *it = &items[i];
				long		index = first + i;
				PGresult   *r;
				Outcome		o = (j < sent) ? read_one(&r) : O_LOST;

				if (o == O_LOST)
				{
					t->crashes++;
					finding(t, F_CRASH, index, &it->in, NULL,
							"server lost while checking the accepted value (round trip / accessors)");
					it->outcome = O_NONE;	/* counted */
					t->inputs++;
					t->accepted++;
					limit = i + 1;
					break;
				}
				if (o == O_TIMEOUT)
				{
					t->timeouts++;
					finding(t, F_TIMEOUT, index, &it->in, "57014",
							"statement_timeout while checking the accepted value");
				}
				else if (o == O_REJECTED)
				{
					const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
					char		m[1024];

					snprintf(m, sizeof(m), "accepted value does not read back: %s (its text: %.200s)",
							 PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY), (char *) it->text.p);
					t->roundtrip++;
					finding(t, F_ROUNDTRIP, index, &it->in, st, m);
				}
				else
				{
					bool		ok_text = same(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0), &it->text);
					bool		ok_send = same(PQgetvalue(r, 0, 1), PQgetlength(r, 0, 1), &it->bin);
					bool		ok_rtext = same(PQgetvalue(r, 0, 2), PQgetlength(r, 0, 2), &it->text);
					bool		ok_rsend = same(PQgetvalue(r, 0, 3), PQgetlength(r, 0, 3), &it->bin);

					if (!(ok_text && ok_send && ok_rtext && ok_rsend))
					{
						char		m[1024];

						snprintf(m, sizeof(m), "round trip differs:%s%s%s%s (text %.200s; reread as text: %.200s)",
								 ok_text ? "" : " in(out(v)) prints other text;",
								 ok_send ? "" : " in(out(v)) sends other bytes;",
								 ok_rtext ? "" : " recv(send(v)) prints other text;",
								 ok_rsend ? "" : " recv(send(v)) sends other bytes;",
								 (char *) it->text.p, PQgetvalue(r, 0, 0));
						t->roundtrip++;
						finding(t, F_ROUNDTRIP, index, &it->in, NULL, m);
					}
					if (!PQgetisnull(r, 0, 4))
					{
						char		m[2048];

						snprintf(m, sizeof(m), "%s (value: %.300s)", PQgetvalue(r, 0, 4), (char *) it->text.p);
						t->accessor++;
						finding(t, F_ACCESSOR, index, &it->in, NULL, m);
					}
				}
				PQclear(r);
			}
			if (PQstatus(conn) == CONNECTION_BAD)
				reconnect();
			else if (PQexitPipelineMode(conn) != 1)
				die("cannot leave pipeline mode: %s", PQerrorMessage(conn));
		}
		free(acc);
	}

	/* count the outcomes of phase 1 */
	for (int i = 0; i < limit; i++)
	{
		Item	   *it = &items[i];
		long		index = first + i;

		switch (it->outcome)
		{
			case O_NONE:
				break;
			case O_ACCEPTED:
				t->inputs++;
				t->accepted++;
				break;
			case O_LOST:
				t->inputs++;
				t->crashes++;
				finding(t, F_CRASH, index, &it->in, NULL, "server connection lost (crash?) on this input");
				break;
			case O_TIMEOUT:
				t->inputs++;
				t->timeouts++;
				finding(t, F_TIMEOUT, index, &it->in, "57014", "statement_timeout: the input function hangs or is very slow");
				break;
			case O_REJECTED:
				t->inputs++;
				t->rejected++;
				count_state(t, it->state);
				if (strcmp(it->state, "XX000") == 0)
				{
					t->xx000++;
					finding(t, F_XX000, index, &it->in, it->state, it->msg);
				}
				else if (strncmp(it->state, "22", 2) != 0 && strncmp(it->state, "54", 2) != 0)
				{
					t->other_state++;
					finding(t, F_STATE, index, &it->in, it->state, it->msg);
				}
				break;
		}
		free(it->msg);
		it->msg = NULL;
	}
	return limit;
}

static void
run_target(Target *t)
{
	Item	   *items = xrealloc(NULL, sizeof(Item) * opt_batch);
	long		done = 0,
				next_progress = opt_progress;
	double		start = now_seconds();

	memset(items, 0, sizeof(Item) * opt_batch);
	while (done < opt_count)
	{
		int			n = 0;
		size_t		bytes = 0;

		/* a batch: up to opt_batch inputs and about 1 MB */
		while (n < opt_batch && done + n < opt_count && bytes < 1024 * 1024)
		{
			make_input(t, opt_first + done + n, &items[n].in);
			bytes += items[n].in.len;
			n++;
		}
		done += run_batch(t, opt_first + done, items, n);
		if (opt_progress && done >= next_progress)
		{
			fprintf(stderr, "%s: %ld/%ld inputs, %.0f s\n", t->name, done, opt_count, now_seconds() - start);
			next_progress += opt_progress;
		}
	}
	t->seconds = now_seconds() - start;
	for (int i = 0; i < opt_batch; i++)
	{
		free(items[i].in.p);
		free(items[i].text.p);
		free(items[i].bin.p);
	}
	free(items);
}

static int
cmp_state(const void *a, const void *b)
{
	const StateCount *x = a,
			   *y = b;

	return strcmp(x->state, y->state);
}

static void
print_summary(Target *t)
{
	printf("%s: inputs=%ld accepted=%ld rejected=%ld [", t->name, t->inputs, t->accepted, t->rejected);
	qsort(t->states, t->nstates, sizeof(StateCount), cmp_state);
	/* by SQLSTATE class, then each SQLSTATE */
	for (int i = 0; i < t->nstates;)
	{
		long		cls = 0;
		int			j;

		for (j = i; j < t->nstates && strncmp(t->states[j].state, t->states[i].state, 2) == 0; j++)
			cls += t->states[j].n;
		printf("%sclass %.2s=%ld (", i ? " " : "", t->states[i].state, cls);
		for (int k = i; k < j; k++)
			printf("%s%s=%ld", k > i ? " " : "", t->states[k].state, t->states[k].n);
		printf(")");
		i = j;
	}
	printf("] crashes=%ld xx000=%ld other_sqlstate=%ld roundtrip_failures=%ld"
		   " accessor_failures=%ld timeouts=%ld known=%ld seconds=%.1f\n",
		   t->crashes, t->xx000, t->other_state, t->roundtrip, t->accessor,
		   t->timeouts, t->known, t->seconds);
	fflush(stdout);
}

static void
usage(FILE *f)
{
	fprintf(f,
			"Usage: fuzz_input [OPTIONS]\n"
			"Fuzz the ecostats input functions on the server named by PG* variables.\n\n"
			"  --seed N          seed of the input generator (default 1)\n"
			"  --count N         inputs per function (default 1000)\n"
			"  --first N         index of the first input (default 0; replay a finding\n"
			"                    with --first INDEX --count 1)\n"
			"  --functions LIST  comma-separated, from distribution_in, distribution_recv,\n"
			"                    topk_state_in, topk_state_recv, lineage_in, lineage_recv\n"
			"                    (default: all six)\n"
			"  --out DIR         where findings are written (default ./fuzz-findings)\n"
			"  --batch N         inputs per pipeline batch (default 200)\n"
			"  --timeout-ms N    statement_timeout per statement (default 5000)\n"
			"  --progress N      report progress every N inputs (stderr)\n"
			"  --known FILE      findings listed there (lines \"function kind text\": same\n"
			"                    function and kind, message contains text) are counted\n"
			"                    as known and do not make the exit status non-zero\n"
			"  --print-inputs    print the inputs (escaped) instead of running them\n"
			"Exit status: 0 no findings, 1 findings, 2 usage or setup error.\n");
}

static long
parse_long(const char *s, const char *what)
{
	char	   *end;
	long		v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0)
		die("invalid %s: %s", what, s);
	return v;
}

static void
load_known(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[1024];

	if (f == NULL)
		die("cannot read %s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f))
	{
		char	   *fn,
				   *kind,
				   *text;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		fn = strtok(line, " ");
		kind = strtok(NULL, " ");
		text = strtok(NULL, "");
		if (fn == NULL || kind == NULL || text == NULL)
			die("%s: expected \"function kind text\": %s", path, line);
		known = xrealloc(known, sizeof(Known) * (nknown + 1));
		known[nknown].function = xstrdup(fn);
		known[nknown].kind = xstrdup(kind);
		known[nknown].text = xstrdup(text);
		nknown++;
	}
	fclose(f);
}

int
main(int argc, char **argv)
{
	bool		print_inputs = false;
	const char *functions = NULL;

	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];
		const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
		{
			usage(stdout);
			return 0;
		}
		if (strcmp(a, "--print-inputs") == 0)
		{
			print_inputs = true;
			continue;
		}
		if (strcmp(a, "--verbose") == 0)
		{
			opt_verbose = true;
			continue;
		}
		if (v == NULL)
		{
			usage(stderr);
			return 2;
		}
		i++;
		if (strcmp(a, "--seed") == 0)
		{
			char	   *end;

			errno = 0;
			opt_seed = strtoull(v, &end, 10);
			if (errno || *end)
				die("invalid seed: %s", v);
		}
		else if (strcmp(a, "--count") == 0)
			opt_count = parse_long(v, "count");
		else if (strcmp(a, "--first") == 0)
			opt_first = parse_long(v, "first");
		else if (strcmp(a, "--batch") == 0)
			opt_batch = (int) parse_long(v, "batch");
		else if (strcmp(a, "--timeout-ms") == 0)
			opt_timeout_ms = (int) parse_long(v, "timeout");
		else if (strcmp(a, "--progress") == 0)
			opt_progress = parse_long(v, "progress");
		else if (strcmp(a, "--out") == 0)
			opt_out = v;
		else if (strcmp(a, "--functions") == 0)
			functions = v;
		else if (strcmp(a, "--known") == 0)
			load_known(v);
		else
		{
			fprintf(stderr, "fuzz_input: unknown option %s\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (opt_batch < 1 || opt_batch > 10000)
		die("--batch must be in 1..10000");
	if (functions == NULL || strcmp(functions, "all") == 0)
		for (int i = 0; i < N_TARGETS; i++)
			targets[i].selected = true;
	else
	{
		char	   *list = xstrdup(functions);

		for (char *tok = strtok(list, ", "); tok; tok = strtok(NULL, ", "))
		{
			bool		found = false;

			for (int i = 0; i < N_TARGETS; i++)
				if (strcmp(tok, targets[i].name) == 0)
					targets[i].selected = found = true;
			if (!found)
				die("unknown function %s", tok);
		}
		free(list);
	}

	connect_db(false);
	load_seeds();
	if (opt_verbose)
		fprintf(stderr, "seeds: %d distribution, %d topk_state, %d lineage\n",
				seeds[T_DIST].n, seeds[T_TOPK].n, seeds[T_LINEAGE].n);

	if (print_inputs)
	{
		Buf			b = {0};

		for (int i = 0; i < N_TARGETS; i++)
		{
			if (!targets[i].selected)
				continue;
			for (long k = opt_first; k < opt_first + opt_count; k++)
			{
				make_input(&targets[i], k, &b);
				printf("%s %ld ", targets[i].name, k);
				fprint_escaped(stdout, b.p, b.len, 400);
				putchar('\n');
			}
		}
		free(b.p);
		PQfinish(conn);
		return 0;
	}

	printf("fuzz_input: seed=%" PRIu64 " count=%ld first=%ld database=%s\n",
		   opt_seed, opt_count, opt_first, PQdb(conn));
	fflush(stdout);
	for (int i = 0; i < N_TARGETS; i++)
		if (targets[i].selected)
		{
			run_target(&targets[i]);
			print_summary(&targets[i]);
		}
	PQfinish(conn);
	{
		long		nk = 0;

		for (int i = 0; i < N_TARGETS; i++)
			nk += targets[i].known;
		if (nk > 0)
			printf("fuzz_input: %ld known findings (--known), details in %s/\n", nk, opt_out);
	}
	if (total_findings > 0)
	{
		printf("fuzz_input: %ld findings, inputs and details in %s/\n", total_findings, opt_out);
		return 1;
	}
	printf("fuzz_input: no findings\n");
	return 0;
}

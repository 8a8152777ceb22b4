/*-------------------------------------------------------------------------
 *
 * ecostats_import.c
 *	  ecostats-import: stream a local Hub API JSON file (JSON Lines or one
 *	  JSON array, plain or gzip) to a PostgreSQL server with the ecostats
 *	  extension, through hub.import_begin / hub.import_chunk /
 *	  hub.import_end, in one transaction.  Shows a progress bar on a
 *	  terminal and plain progress lines otherwise.
 *
 * Exit status: 0 imported; 1 usage error; 2 the file cannot be imported
 * (unreadable, truncated or corrupt, a record over the server's 64 MB
 * limit: rolled back, so --prune never runs on an input that did not end
 * cleanly); 3 no connection; 4 the server rejected the import (nothing
 * landed).
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <zlib.h>

#define VERSION		"0.1.0"

static const char *progname = "ecostats-import";

static void
usage(FILE *out)
{
	fprintf(out,
			"Usage: %s [OPTIONS] FILE\n"
			"\n"
			"Import Hugging Face Hub API records (JSON Lines or one JSON array, plain or\n"
			"gzip-compressed) from a local FILE into the hub schema of a database with\n"
			"the ecostats extension, in one transaction: all of it lands or none of it.\n"
			"\n"
			"Options:\n"
			"  -k, --kind=KIND         models (default), datasets, namespaces, spaces or papers\n"
			"      --on-error=MODE     stop (default: a bad record aborts the import) or\n"
			"                          skip (bad records go to hub.import_rejects)\n"
			"      --snapshot=DATE     snapshot date of the dump (default: today)\n"
			"      --prune             the file is a full dump: delete the rows it lacks\n"
			"      --batch=N           records sent per round trip (default 1000)\n"
			"  -q, --quiet             no progress output\n"
			"  -d, --dbname=CONNINFO   database name or connection string\n"
			"  -h, --host=HOST         -p, --port=PORT   -U, --username=USER\n"
			"      --help              show this help    --version  show the version\n"
			"\n"
			"The standard libpq environment variables (PGHOST, PGPORT, PGUSER,\n"
			"PGDATABASE, PGPASSWORD, ...) apply.  No file privileges are needed on the\n"
			"server, only INSERT/UPDATE/DELETE on the hub tables.\n"
			"\n"
			"Exit status: 0 imported, 1 usage error, 2 the file cannot be imported\n"
			"(unreadable, a truncated or corrupt gzip file or JSON array, a record over\n"
			"64 MB: nothing landed, --prune deleted nothing), 3 connection failed, 4 the\n"
			"server rejected the import (nothing landed).\n",
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
	exit(code);
}

/* ------------------------------------------------------------------------
 * Input: plain or gzip (any number of members), inflated here so that a
 * file that does not end cleanly (no gzip trailer, a member cut short, a
 * cut at a flush point) is an error, never a shorter import: the same
 * rules as the server's reader.
 * ------------------------------------------------------------------------
 */

#define MAX_RECORD_BYTES	(64 * 1024 * 1024)	/* as the server: one record */
#define CHUNK_BYTES			(32 * 1024 * 1024)	/* a chunk is sent once this big */

typedef struct Input
{
	FILE	   *f;
	const char *path;
	int			gz;
	int			member_done;	/* the current gzip member has ended */
	z_stream	zs;
	unsigned char zbuf[1 << 16];
	unsigned char buf[1 << 16];
	int			pos,
				len;
	long long	total,			/* file size on disk */
				consumed;		/* bytes read from the file */
} Input;

static PGconn *conn;

/* The file cannot be imported: roll back (nothing lands) and exit 2. */
static void
input_fail(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "\n%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (conn)
	{
		PQclear(PQexec(conn, "ROLLBACK"));
		PQfinish(conn);
		fprintf(stderr, "%s: nothing was imported\n", progname);
	}
	exit(2);
}

static size_t
in_read(Input *in, unsigned char *to, size_t n)
{
	size_t		got = fread(to, 1, n, in->f);

	if (got == 0 && ferror(in->f))
		input_fail("could not read \"%s\": %s", in->path, strerror(errno));
	in->consumed += (long long) got;
	return got;
}

/* Refill buf; 0 at the clean end of the input. */
static int
in_fill(Input *in)
{
	in->pos = 0;
	in->len = 0;
	if (!in->gz)
	{
		in->len = (int) in_read(in, in->buf, sizeof(in->buf));
		return in->len > 0;
	}
	while (in->len == 0)
	{
		int			ret;

		if (in->zs.avail_in == 0)
		{
			size_t		got = in_read(in, in->zbuf, sizeof(in->zbuf));

			if (got == 0)
			{
				if (in->member_done)
					return 0;
				input_fail("the gzip file \"%s\" is truncated (it ends inside a compressed stream)",
						   in->path);
			}
			in->zs.next_in = in->zbuf;
			in->zs.avail_in = (uInt) got;
		}
		if (in->member_done)
		{
			/* another gzip member follows */
			if (inflateReset(&in->zs) != Z_OK)
				input_fail("inflateReset failed");
			in->member_done = 0;
		}
		in->zs.next_out = in->buf;
		in->zs.avail_out = sizeof(in->buf);
		ret = inflate(&in->zs, Z_NO_FLUSH);
		if (ret == Z_STREAM_END)
			in->member_done = 1;
		else if (ret != Z_OK && ret != Z_BUF_ERROR)
			input_fail("the gzip file \"%s\" is corrupt: %s", in->path,
					   in->zs.msg ? in->zs.msg : "inflate failed");
		in->len = (int) (sizeof(in->buf) - in->zs.avail_out);
	}
	return 1;
}

static inline int
in_getc(Input *in)
{
	if (in->pos == in->len && !in_fill(in))
		return EOF;
	return in->buf[in->pos++];
}

static void
in_open(Input *in, const char *path)
{
	int			b1,
				b2;

	in->path = path;
	in->f = fopen(path, "rb");
	if (in->f == NULL)
		input_fail("could not open \"%s\": %s", path, strerror(errno));
	b1 = getc(in->f);
	b2 = getc(in->f);
	rewind(in->f);
	if (b1 == 0x1f && b2 == 0x8b)
	{
		in->gz = 1;
		if (inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK)
			input_fail("inflateInit2 failed");
	}
}

static void
in_close(Input *in)
{
	if (in->gz)
		inflateEnd(&in->zs);
	fclose(in->f);
}

/* A growing byte buffer. */
typedef struct Buf
{
	char	   *data;
	size_t		len,
				cap;
} Buf;

static void
buf_add(Buf *b, char c)
{
	if (b->len + 2 > b->cap)
	{
		b->cap = b->cap ? b->cap * 2 : 1 << 20;
		b->data = realloc(b->data, b->cap);
		if (b->data == NULL)
			die(2, "out of memory");
	}
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

/* ------------------------------------------------------------------------
 * Progress
 * ------------------------------------------------------------------------
 */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
progress(Input *in, long long records, double start, int tty, int final)
{
	static double last = 0;
	double		t = now(),
				el = t - start;
	long long	done = in->consumed;
	double		frac = in->total > 0 ? (double) done / in->total : 0;
	double		rate = el > 0 ? records / el : 0;
	double		eta = (frac > 0 && frac < 1) ? el * (1 - frac) / frac : 0;

	if (frac > 1)
		frac = 1;
	if (!final && t - last < (tty ? 0.2 : 5.0))
		return;
	last = t;
	if (tty)
	{
		char		bar[31];
		int			fill = (int) (frac * 30);

		for (int i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '-';
		bar[30] = '\0';
		fprintf(stderr, "\r[%s] %3.0f%%  %.1f/%.1f MB  %lld records  %.0f rec/s  ETA %d:%02d ",
				bar, frac * 100, done / 1e6, in->total / 1e6, records, rate,
				(int) eta / 60, (int) eta % 60);
		if (final)
			fputc('\n', stderr);
	}
	else
		fprintf(stderr, "progress: %.0f%% of %.1f MB, %lld records, %.0f records/s\n",
				frac * 100, in->total / 1e6, records, rate);
	fflush(stderr);
}

/* ------------------------------------------------------------------------
 * Sending
 * ------------------------------------------------------------------------
 */

static void
fail_import(PGresult *res, const char *what)
{
	fprintf(stderr, "\n%s: %s failed: %s", progname, what,
			res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	if (res)
		PQclear(res);
	PQclear(PQexec(conn, "ROLLBACK"));
	PQfinish(conn);
	fprintf(stderr, "%s: nothing was imported\n", progname);
	exit(4);
}

static long long
send_chunk(const char *import_id, Buf *chunk, long long first_line)
{
	char		line[32];
	const char *params[3];
	PGresult   *res;
	long long	n;

	snprintf(line, sizeof(line), "%lld", first_line);
	params[0] = import_id;
	params[1] = chunk->data;
	params[2] = line;
	res = PQexecParams(conn, "SELECT hub.import_chunk($1::bigint, $2::text, $3::bigint)",
					   3, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_import(res, "importing records");
	n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return n;
}

int
main(int argc, char **argv)
{
	static struct option opts[] = {
		{"kind", required_argument, NULL, 'k'},
		{"on-error", required_argument, NULL, 1},
		{"snapshot", required_argument, NULL, 2},
		{"batch", required_argument, NULL, 3},
		{"quiet", no_argument, NULL, 'q'},
		{"dbname", required_argument, NULL, 'd'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"help", no_argument, NULL, 4},
		{"version", no_argument, NULL, 5},
		{"prune", no_argument, NULL, 6},
		{NULL, 0, NULL, 0}
	};
	const char *kind = "models",
			   *on_error = "stop",
			   *snapshot = NULL,
			   *dbname = NULL,
			   *host = NULL,
			   *port = NULL,
			   *user = NULL,
			   *path;
	const char *keys[6],
			   *vals[6];
	int			nk = 0,
				c,
				prune = 0,
				quiet = 0,
				tty,
				batch = 1000,
				array = 0;
	Input	   *in;
	struct stat st;
	PGresult   *res;
	char		import_id[32];
	Buf			chunk = {0};
	long long	records = 0,
				imported = 0,
				line = 1,
				chunk_first = 0,
				in_chunk = 0;
	double		start;

	while ((c = getopt_long(argc, argv, "k:qd:h:p:U:", opts, NULL)) != -1)
	{
		switch (c)
		{
			case 'k': kind = optarg; break;
			case 1: on_error = optarg; break;
			case 2: snapshot = optarg; break;
			case 3: batch = atoi(optarg); break;
			case 'q': quiet = 1; break;
			case 'd': dbname = optarg; break;
			case 'h': host = optarg; break;
			case 'p': port = optarg; break;
			case 'U': user = optarg; break;
			case 4: usage(stdout); return 0;
			case 5: printf("%s %s\n", progname, VERSION); return 0;
			case 6: prune = 1; break;
			default: usage(stderr); return 1;
		}
	}
	if (optind != argc - 1)
	{
		usage(stderr);
		return 1;
	}
	path = argv[optind];
	if (strcmp(kind, "models") != 0 && strcmp(kind, "datasets") != 0 && strcmp(kind, "namespaces") != 0 &&
		strcmp(kind, "spaces") != 0 && strcmp(kind, "papers") != 0)
		die(1, "--kind must be models, datasets, namespaces, spaces or papers, not \"%s\"", kind);
	if (strcmp(on_error, "stop") != 0 && strcmp(on_error, "skip") != 0)
		die(1, "--on-error must be stop or skip, not \"%s\"", on_error);
	if (batch < 1)
		die(1, "--batch must be at least 1");

	in = calloc(1, sizeof(Input));
	if (in == NULL)
		die(2, "out of memory");
	if (stat(path, &st) != 0)
		die(2, "could not open \"%s\": %s", path, strerror(errno));
	in->total = st.st_size;
	in_open(in, path);

	if (host) { keys[nk] = "host"; vals[nk++] = host; }
	if (port) { keys[nk] = "port"; vals[nk++] = port; }
	if (user) { keys[nk] = "user"; vals[nk++] = user; }
	if (dbname) { keys[nk] = "dbname"; vals[nk++] = dbname; }
	keys[nk] = "fallback_application_name";
	vals[nk++] = progname;
	keys[nk] = NULL;
	vals[nk] = NULL;
	conn = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(conn) != CONNECTION_OK)
		die(3, "could not connect: %s", PQerrorMessage(conn));

	res = PQexec(conn, "BEGIN");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		fail_import(res, "BEGIN");
	PQclear(res);
	{
		const char *params[4] = {kind, path, on_error, snapshot};

		res = PQexecParams(conn, "SELECT hub.import_begin($1, $2, $3, coalesce($4::date, current_date))",
						   4, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			fail_import(res, "starting the import");
		snprintf(import_id, sizeof(import_id), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
	}

	tty = !quiet && isatty(STDERR_FILENO);
	start = now();

	/* detect: a first non-blank '[' means one JSON array */
	while ((c = in_getc(in)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
		if (c == '\n')
			line++;
	if (c == '[')
	{
		array = 1;
		c = in_getc(in);
	}

	/*
	 * Chunks keep the file's own text, so the server numbers lines as they
	 * are in the file: whole lines for JSON Lines; for an array, "[" + the
	 * elements with their separators + "]".
	 */
	if (!array)
	{
		long long	rec_len = 0;

		chunk_first = line;
		while (c != EOF)
		{
			buf_add(&chunk, (char) c);
			if (c == '\n')
			{
				line++;
				records++;
				rec_len = 0;
				if (++in_chunk >= batch || chunk.len >= CHUNK_BYTES)
				{
					imported += send_chunk(import_id, &chunk, chunk_first);
					chunk.len = 0;
					in_chunk = 0;
					chunk_first = line;
					if (!quiet)
						progress(in, records, start, tty, 0);
				}
			}
			else if (++rec_len > MAX_RECORD_BYTES)
				input_fail("line %lld of \"%s\" is longer than %d bytes (the limit for one record)",
						   line, path, MAX_RECORD_BYTES);
			c = in_getc(in);
		}
		if (chunk.len > 0)
			imported += send_chunk(import_id, &chunk, chunk_first);
	}
	else
	{
		int			depth = 0,
					in_str = 0,
					esc = 0,
					ended = 0;
		int			started = 0;
		long long	rec_len = 0,
					rec_line = line;

		chunk_first = line;
		buf_add(&chunk, '[');
		while (c != EOF && !ended)
		{
			int			boundary = 0;

			if (in_str)
			{
				if (esc)
					esc = 0;
				else if (c == '\\')
					esc = 1;
				else if (c == '"')
					in_str = 0;
			}
			else if (c == '"')
				in_str = 1;
			else if (c == '{' || c == '[')
				depth++;
			else if (c == '}' || c == ']')
			{
				if (depth == 0)
					ended = 1;	/* the array's own ']' */
				else
					depth--;
				if (depth == 0 && !ended)
					boundary = 1;
			}
			if (!ended)
				buf_add(&chunk, (char) c);
			if (c == '\n')
				line++;
			if (!started && !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ','))
			{
				started = 1;
				rec_line = line;
			}
			/* separators count too: memory stays bounded whatever the file holds */
			if (++rec_len > MAX_RECORD_BYTES)
				input_fail("line %lld of \"%s\": a record is longer than %d bytes (the limit for one record)",
						   rec_line, path, MAX_RECORD_BYTES);
			if (boundary)
			{
				records++;
				rec_len = 0;
				started = 0;
				if (++in_chunk >= batch || chunk.len >= CHUNK_BYTES)
				{
					buf_add(&chunk, ']');
					imported += send_chunk(import_id, &chunk, chunk_first);
					chunk.len = 0;
					in_chunk = 0;
					/* the next chunk starts on this line, after the separator */
					chunk_first = line;
					buf_add(&chunk, '[');
					/* skip the separator: the next element starts the chunk */
					while ((c = in_getc(in)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ','))
						if (c == '\n')
							line++;
					chunk_first = line;
					if (!quiet)
						progress(in, records, start, tty, 0);
					continue;
				}
			}
			c = in_getc(in);
		}
		if (!ended)
			input_fail("the JSON array in \"%s\" is truncated (end of file before its closing \"]\")", path);
		buf_add(&chunk, ']');
		if (in_chunk > 0 || records == 0)
			imported += send_chunk(import_id, &chunk, chunk_first);
	}

	{
		const char *params[2] = {import_id, prune ? "true" : "false"};

		res = PQexecParams(conn, "SELECT hub.import_end($1::bigint, $2::boolean)", 2, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			fail_import(res, "finishing the import");
		PQclear(res);
		res = PQexecParams(conn, "SELECT coalesce(rejects, 0) FROM hub.imports WHERE import_id = $1::bigint",
						   1, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			fail_import(res, "reading the import's counts");
		if (!quiet)
			progress(in, records, start, tty, 1);
		printf("imported %lld %s, %s rejected (import %s, %.1f s)\n",
			   imported, kind, PQgetvalue(res, 0, 0), import_id, now() - start);
		PQclear(res);
	}
	res = PQexec(conn, "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		fail_import(res, "COMMIT");
	PQclear(res);
	PQfinish(conn);
	in_close(in);
	return 0;
}

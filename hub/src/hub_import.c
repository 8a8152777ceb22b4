/*-------------------------------------------------------------------------
 *
 * hub_import.c
 *	  hub.import_models(path, on_error, snapshot), hub.import_datasets and
 *	  hub.import_namespaces, hub.import_spaces, hub.import_papers: Hub API
 *	  records (/api/models, /api/datasets, /api/spaces, with or without
 *	  full=true / expand[]; /api/organizations/{name}/overview,
 *	  /api/users/{name}/overview; /api/daily_papers, /api/papers/{id}) from
 *	  a server file — JSON Lines or one
 *	  JSON array, plain or gzip-compressed, all detected — parsed one record
 *	  at a time with cJSON, into hub.models, hub.model_edges and
 *	  hub.model_history, hub.datasets and hub.dataset_history,
 *	  hub.namespaces, hub.spaces and hub.space_history, or hub.papers and
 *	  hub.paper_history.
 *
 * The import is one transaction.  A bad record stops it (ERROR naming the
 * line and the reason: nothing lands) or, with on_error => 'skip', goes to
 * hub.import_rejects with its line, reason and raw text.
 *
 * The module of the extension ecostats_hub (its entry: PG_MODULE_MAGIC).
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"
#include "lineage.h"
#include "hub_store.h"

/* PostgreSQL's own headers behind these leave parameters unused */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "catalog/pg_authid.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#pragma GCC diagnostic pop

#include <cjson/cJSON.h>
#include <zlib.h>

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(hub_import_models);
PG_FUNCTION_INFO_V1(hub_import_datasets);
PG_FUNCTION_INFO_V1(hub_import_namespaces);
PG_FUNCTION_INFO_V1(hub_import_spaces);
PG_FUNCTION_INFO_V1(hub_import_papers);
PG_FUNCTION_INFO_V1(hub_import_chunk);

#define MAX_RECORD_BYTES	(64 * 1024 * 1024)	/* one record; a 10 MB card fits */
#define MAX_EXACT_INT		9007199254740992.0	/* 2^53: cJSON keeps numbers as double */

/* What an import reads. */
typedef enum HubKind
{
	KIND_MODELS,
	KIND_DATASETS,
	KIND_NAMESPACES,
	KIND_SPACES,
	KIND_PAPERS
} HubKind;

static const char *const kind_names[] = {"models", "datasets", "namespaces", "spaces", "papers"};

/* A record's reason for rejection; NULL = fine. */
typedef struct Rec
{
	const char *problem;
	/* mapped fields, NULL = absent */
	char	   *id,
			   *author,
			   *created_at,
			   *last_modified,
			   *pipeline_tag,
			   *library_name,
			   *license,
			   *gated;
	bool		has_downloads,
				has_downloads_all,
				has_likes,
				has_trending,
				has_params;
	int64		downloads,
				downloads_all,
				likes,
				params;
	double		trending;
	TimestampTz created_ts,		/* created_at, last_modified converted */
				modified_ts;
	List	   *tags,
			   *languages,
			   *task_categories;
	/* edges: parallel lists of parent id, relation (or NULL), source */
	List	   *eparent,
			   *erel,
			   *esrc;
	/* keyed tables over eparent and task_categories once they grow long */
	LineageIdTab *eparent_tab,
			   *category_tab;
	/* a model's architecture (config, gguf) */
	List	   *architectures;
	char	   *model_type,
			   *gguf_architecture;
	bool		has_context;
	int64		context_length;
	/* a Space */
	char	   *sdk;
	List	   *space_models,
			   *space_datasets;
	/* a paper (id is its arXiv id) */
	char	   *title,
			   *organisation,
			   *submitted_by,
			   *published_at,
			   *submitted_at;
	TimestampTz published_ts,
				submitted_ts;
	bool		has_upvotes;
	int64		upvotes;
	List	   *paper_authors;
	/* a namespace (id is its name) */
	const char *account;		/* "org" or "user" */
	char	   *fullname,
			   *plan,
			   *details;
	bool		has_verified,
				verified,
				has_pro,
				pro;
	bool		has_num[6];
	int64		num[6];			/* the ns_counts fields */
	List	   *orgs;
} Rec;

/* the counts of a namespace record, in hub.namespaces' column order */
static const char *const ns_counts[] = {"numModels", "numDatasets", "numSpaces", "numPapers", "numFollowers", "numUsers"};

/* ------------------------------------------------------------------------
 * Field mapping
 * ------------------------------------------------------------------------
 */

static bool
get_string(cJSON *obj, const char *name, char **out, Rec *r)
{
	cJSON	   *it = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (it == NULL || cJSON_IsNull(it))
		return true;
	if (!cJSON_IsString(it))
	{
		r->problem = psprintf("\"%s\" must be a string", name);
		return false;
	}
	*out = pstrdup(it->valuestring);
	return true;
}

/* A count: a whole number from 0 to 2^53 (cJSON keeps numbers as double). */
static bool
get_count(cJSON *obj, const char *name, bool *has, int64 *out, Rec *r)
{
	cJSON	   *it = cJSON_GetObjectItemCaseSensitive(obj, name);
	double		v;

	if (it == NULL || cJSON_IsNull(it))
		return true;
	if (!cJSON_IsNumber(it))
	{
		r->problem = psprintf("\"%s\" must be a number", name);
		return false;
	}
	v = it->valuedouble;
	if (!(v >= 0) || v > MAX_EXACT_INT || v != floor(v))
	{
		r->problem = psprintf("\"%s\" must be a whole number from 0 to 2^53, got %g", name, v);
		return false;
	}
	*has = true;
	*out = (int64) v;
	return true;
}

/* A string or a list of strings, appended to *list. */
static bool
get_string_list(cJSON *it, const char *name, List **list, Rec *r)
{
	cJSON	   *el;

	if (it == NULL || cJSON_IsNull(it))
		return true;
	if (cJSON_IsString(it))
	{
		*list = lappend(*list, pstrdup(it->valuestring));
		return true;
	}
	if (!cJSON_IsArray(it))
	{
		r->problem = psprintf("\"%s\" must be a string or a list of strings", name);
		return false;
	}
	cJSON_ArrayForEach(el, it)
	{
		if (!cJSON_IsString(el))
		{
			r->problem = psprintf("\"%s\" must contain only strings", name);
			return false;
		}
		*list = lappend(*list, pstrdup(el->valuestring));
	}
	return true;
}

/*
 * An ISO 8601 UTC time as the Hub writes it (2024-05-01T12:00:00.000Z, or
 * +00:00), converted here so that an impossible date is the record's
 * problem: year 1-9999, a real day of the month, hour < 24, minute < 60,
 * second <= 60 (a leap second rolls over, as timestamptz_in does);
 * fractional seconds rounded to the microsecond.
 */
static bool
parse_iso_time(const char *s, TimestampTz *out)
{
	const char *pat = "dddd-dd-ddTdd:dd:dd";
	int			y, mo, d, h, mi, sec;
	int64		usec = 0;

	for (int i = 0; pat[i]; i++)
	{
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
			return false;
	}
#define DIG2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
	y = DIG2(s) * 100 + DIG2(s + 2);
	mo = DIG2(s + 5);
	d = DIG2(s + 8);
	h = DIG2(s + 11);
	mi = DIG2(s + 14);
	sec = DIG2(s + 17);
#undef DIG2
	s += strlen(pat);
	if (*s == '.')
	{
		int			ndig = 0;
		bool		half = false,
					above = false;

		s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		for (; *s >= '0' && *s <= '9'; s++, ndig++)
		{
			if (ndig < 6)
				usec = usec * 10 + (*s - '0');
			else if (ndig == 6)
				half = (*s >= '5'), above = (*s > '5');
			else if (*s != '0')
				above = true;
		}
		for (; ndig < 6; ndig++)
			usec *= 10;
		/* round half to even, like rint() */
		if (half && (above || (usec & 1)))
			usec++;
	}
	if (strcmp(s, "Z") != 0 && strcmp(s, "+00:00") != 0)
		return false;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > day_tab[isleap(y)][mo - 1] ||
		h > 23 || mi > 59 || sec > 60)
		return false;
	*out = ((int64) (date2j(y, mo, d) - POSTGRES_EPOCH_JDATE) * SECS_PER_DAY +
			h * SECS_PER_HOUR + mi * SECS_PER_MINUTE + sec) * USECS_PER_SEC + usec;
	return true;
}

/* One of the explicit relations of the lineage type, or NULL (unknown). */
static const char *
known_relation(const char *s)
{
	for (int r = REL_UNKNOWN + 1; r < REL_COUNT; r++)
		if (s && strcmp(s, rel_names[r]) == 0)
			return rel_names[r];
	return NULL;
}

/*
 * Index of s in *list, a list of distinct strings, appending s when it is
 * new.  Short lists are searched; past LINEAR_MAX entries a keyed hash
 * table (lineage's, in the current memory context) takes over, so that a
 * record with 50,000 base-model tags costs linear time, not quadratic.  The
 * table's indexes are the list's positions.
 */
#define LINEAR_MAX	16

static int
distinct_index(List **list, LineageIdTab **tab, const char *s)
{
	bool		isnew;
	int32		idx;

	if (*tab == NULL)
	{
		ListCell   *lc;

		foreach(lc, *list)
			if (strcmp((char *) lfirst(lc), s) == 0)
				return foreach_current_index(lc);
		if (list_length(*list) < LINEAR_MAX)
		{
			*list = lappend(*list, pstrdup(s));
			return list_length(*list) - 1;
		}
		/* the list has grown: index it */
		*tab = palloc(sizeof(LineageIdTab));
		lineage_idtab_init(*tab);
		foreach(lc, *list)
			(void) lineage_idtab_intern(*tab, lfirst(lc), (int) strlen(lfirst(lc)), false, NULL);
	}
	idx = lineage_idtab_intern(*tab, s, (int) strlen(s), false, &isnew);
	if (isnew)
	{
		Assert(idx == list_length(*list));
		*list = lappend(*list, pstrdup(s));
		/* the table keeps pointing at the list's own copy */
		(*tab)->ids[idx] = llast(*list);
	}
	return idx;
}

/*
 * Add an edge unless already there; an explicit relation replaces an
 * unknown one (precedence: baseModels, cardData, tags for the source).  A
 * parent that lineage cannot hold (lineage_id_problem) is the record's
 * problem: false.
 */
static bool
add_edge(Rec *r, const char *parent, const char *rel, const char *src)
{
	const char *problem;
	int			n,
				idx;

	if (parent == NULL || parent[0] == '\0' || strcmp(parent, r->id) == 0)
		return true;
	problem = lineage_id_problem(parent, (int) strlen(parent));
	if (problem != NULL)
	{
		bool		clipped;
		char	   *shown = lineage_clip(parent, 60, &clipped);

		r->problem = psprintf("base model \"%s%s\": %s", shown, clipped ? "..." : "", problem);
		return false;
	}
	n = list_length(r->eparent);
	idx = distinct_index(&r->eparent, &r->eparent_tab, parent);
	if (idx == n)
	{
		r->erel = lappend(r->erel, (void *) rel);
		r->esrc = lappend(r->esrc, (void *) src);
	}
	else if (list_nth(r->erel, idx) == NULL && rel != NULL)
	{
		list_nth_cell(r->erel, idx)->ptr_value = (void *) rel;
		list_nth_cell(r->esrc, idx)->ptr_value = (void *) src;
	}
	return true;
}

/* The fields models and datasets share; false when the record is bad. */
static bool
map_common(cJSON *o, Rec *r, const char *alt_id)
{
	cJSON	   *it;

	memset(r, 0, sizeof(Rec));
	if (!cJSON_IsObject(o))
	{
		r->problem = "a record must be a JSON object";
		return false;
	}
	it = cJSON_GetObjectItemCaseSensitive(o, "id");
	if (it == NULL && alt_id)
		it = cJSON_GetObjectItemCaseSensitive(o, alt_id);
	if (it == NULL || !cJSON_IsString(it) || it->valuestring[0] == '\0')
	{
		r->problem = "\"id\" is missing or not a non-empty string";
		return false;
	}
	r->id = pstrdup(it->valuestring);
	if (!get_string(o, "author", &r->author, r) ||
		!get_string(o, "createdAt", &r->created_at, r) ||
		!get_string(o, "lastModified", &r->last_modified, r) ||
		!get_count(o, "downloads", &r->has_downloads, &r->downloads, r) ||
		!get_count(o, "downloadsAllTime", &r->has_downloads_all, &r->downloads_all, r) ||
		!get_count(o, "likes", &r->has_likes, &r->likes, r) ||
		!get_string_list(cJSON_GetObjectItemCaseSensitive(o, "tags"), "tags", &r->tags, r))
		return false;
	if (r->author == NULL && strchr(r->id, '/'))
		r->author = pnstrdup(r->id, strchr(r->id, '/') - r->id);
	if (r->created_at && !parse_iso_time(r->created_at, &r->created_ts))
	{
		r->problem = "\"createdAt\" is not an ISO 8601 UTC time";
		return false;
	}
	if (r->last_modified && !parse_iso_time(r->last_modified, &r->modified_ts))
	{
		r->problem = "\"lastModified\" is not an ISO 8601 UTC time";
		return false;
	}
	it = cJSON_GetObjectItemCaseSensitive(o, "trendingScore");
	if (it && !cJSON_IsNull(it))
	{
		if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble))
		{
			r->problem = "\"trendingScore\" must be a number";
			return false;
		}
		r->has_trending = true;
		r->trending = it->valuedouble;
	}
	it = cJSON_GetObjectItemCaseSensitive(o, "gated");
	if (it && cJSON_IsBool(it))
		r->gated = pstrdup(cJSON_IsTrue(it) ? "true" : "false");
	else if (it && cJSON_IsString(it))
		r->gated = pstrdup(it->valuestring);
	/* license: cardData.license (string or list), else a license:<x> tag */
	it = cJSON_GetObjectItemCaseSensitive(o, "cardData");
	if (cJSON_IsObject(it))
	{
		List	   *licenses = NIL;
		ListCell   *lc;

		if (!get_string_list(cJSON_GetObjectItemCaseSensitive(it, "license"), "cardData.license", &licenses, r))
			return false;
		if (licenses != NIL)
		{
			StringInfoData buf;

			initStringInfo(&buf);
			foreach(lc, licenses)
				appendStringInfo(&buf, "%s%s", buf.len ? "," : "", (char *) lfirst(lc));
			r->license = buf.data;
		}
	}
	if (r->license == NULL)
	{
		ListCell   *lc;

		foreach(lc, r->tags)
			if (strncmp((char *) lfirst(lc), "license:", 8) == 0)
			{
				r->license = pstrdup((char *) lfirst(lc) + 8);
				break;
			}
	}
	return true;
}

/* A dataset: the common fields and its task categories, each once. */
static void
map_dataset(cJSON *o, Rec *r)
{
	cJSON	   *card;
	List	   *given = NIL;
	ListCell   *lc;

	if (!map_common(o, r, NULL))
		return;
	card = cJSON_GetObjectItemCaseSensitive(o, "cardData");
	if (cJSON_IsObject(card) &&
		!get_string_list(cJSON_GetObjectItemCaseSensitive(card, "task_categories"),
						 "cardData.task_categories", &given, r))
		return;
	foreach(lc, given)
		(void) distinct_index(&r->task_categories, &r->category_tab, lfirst(lc));
	foreach(lc, r->tags)
	{
		char	   *t = lfirst(lc);

		if (strncmp(t, "task_categories:", 16) == 0)
			(void) distinct_index(&r->task_categories, &r->category_tab, t + 16);
		ECO_CHECK_INTERRUPTS_EVERY(foreach_current_index(lc));
	}
}

static void
map_model(cJSON *o, Rec *r)
{
	cJSON	   *card,
			   *it;

	if (!map_common(o, r, "modelId"))
		return;
	/* a model id becomes a lineage node: lineage's rule, now rather than at the next refresh */
	if (lineage_id_problem(r->id, (int) strlen(r->id)) != NULL)
	{
		bool		clipped;
		char	   *shown = lineage_clip(r->id, 60, &clipped);

		r->problem = psprintf("model id \"%s%s\": %s", shown, clipped ? "..." : "",
							  lineage_id_problem(r->id, (int) strlen(r->id)));
		return;
	}
	if (!get_string(o, "pipeline_tag", &r->pipeline_tag, r) ||
		!get_string(o, "library_name", &r->library_name, r))
		return;
	/*
	 * the architecture: config.architectures (the strings of the list),
	 * config.model_type, gguf.architecture, gguf.context_length; config is
	 * free-form, so a value of another shape there is left out, not the
	 * record's problem
	 */
	it = cJSON_GetObjectItemCaseSensitive(o, "config");
	if (cJSON_IsObject(it))
	{
		cJSON	   *a = cJSON_GetObjectItemCaseSensitive(it, "architectures"),
				   *el;
		uint32		seen = 0;

		if (cJSON_IsString(a))
			r->architectures = lappend(r->architectures, pstrdup(a->valuestring));
		else if (cJSON_IsArray(a))
			cJSON_ArrayForEach(el, a)
			{
				ECO_CHECK_INTERRUPTS_EVERY(++seen);
				if (cJSON_IsString(el))
					r->architectures = lappend(r->architectures, pstrdup(el->valuestring));
			}
		a = cJSON_GetObjectItemCaseSensitive(it, "model_type");
		if (cJSON_IsString(a))
			r->model_type = pstrdup(a->valuestring);
	}
	it = cJSON_GetObjectItemCaseSensitive(o, "gguf");
	if (cJSON_IsObject(it))
	{
		cJSON	   *a = cJSON_GetObjectItemCaseSensitive(it, "architecture");
		double		v;

		if (cJSON_IsString(a))
			r->gguf_architecture = pstrdup(a->valuestring);
		a = cJSON_GetObjectItemCaseSensitive(it, "context_length");
		if (cJSON_IsNumber(a) && (v = a->valuedouble) >= 0 && v <= MAX_EXACT_INT && v == floor(v))
		{
			r->has_context = true;
			r->context_length = (int64) v;
		}
	}
	/* parameters: safetensors.total, else gguf.total */
	for (int k = 0; k < 2 && !r->has_params; k++)
	{
		cJSON	   *sec = cJSON_GetObjectItemCaseSensitive(o, k == 0 ? "safetensors" : "gguf");

		if (cJSON_IsObject(sec) &&
			!get_count(sec, "total", &r->has_params, &r->params, r))
			return;
	}

	/* lineage, most explicit source first */
	it = cJSON_GetObjectItemCaseSensitive(o, "baseModels");
	if (cJSON_IsObject(it))
	{
		cJSON	   *rel = cJSON_GetObjectItemCaseSensitive(it, "relation");
		cJSON	   *models = cJSON_GetObjectItemCaseSensitive(it, "models");
		cJSON	   *m;

		cJSON_ArrayForEach(m, models)
		{
			cJSON	   *mid = cJSON_IsObject(m) ? cJSON_GetObjectItemCaseSensitive(m, "id") : m;

			if (cJSON_IsString(mid) &&
				!add_edge(r, mid->valuestring,
						  known_relation(cJSON_IsString(rel) ? rel->valuestring : NULL), "baseModels"))
				return;
		}
	}
	card = cJSON_GetObjectItemCaseSensitive(o, "cardData");
	if (cJSON_IsObject(card))
	{
		List	   *bases = NIL;
		cJSON	   *rel = cJSON_GetObjectItemCaseSensitive(card, "base_model_relation");
		ListCell   *lc;

		if (!get_string_list(cJSON_GetObjectItemCaseSensitive(card, "base_model"), "cardData.base_model", &bases, r) ||
			!get_string_list(cJSON_GetObjectItemCaseSensitive(card, "language"), "cardData.language", &r->languages, r))
			return;
		foreach(lc, bases)
			if (!add_edge(r, lfirst(lc), known_relation(cJSON_IsString(rel) ? rel->valuestring : NULL), "cardData"))
				return;
	}
	/* tags: base_model:<id> and base_model:<relation>:<id> */
	{
		ListCell   *lc;

		foreach(lc, r->tags)
		{
			char	   *t = lfirst(lc);

			if (strncmp(t, "base_model:", 11) == 0)
			{
				char	   *rest = t + 11;
				char	   *colon = strchr(rest, ':');
				const char *rel = NULL;

				if (colon)
				{
					char	   *name = pnstrdup(rest, colon - rest);

					rel = known_relation(name);
					if (rel)
						rest = colon + 1;
				}
				if (!add_edge(r, rest, rel, "tags"))
					return;
			}
			ECO_CHECK_INTERRUPTS_EVERY(foreach_current_index(lc));
		}
	}
}

/* A boolean field: true, false, or absent / null. */
static bool
get_bool(cJSON *obj, const char *name, bool *has, bool *out, Rec *r)
{
	cJSON	   *it = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (it == NULL || cJSON_IsNull(it))
		return true;
	if (!cJSON_IsBool(it))
	{
		r->problem = psprintf("\"%s\" must be true or false", name);
		return false;
	}
	*has = true;
	*out = cJSON_IsTrue(it);
	return true;
}

/*
 * A descriptive text field: a string, or a list of strings (joined with
 * ", "), or absent / null.
 */
static bool
get_text(cJSON *obj, const char *name, char **out, Rec *r)
{
	List	   *l = NIL;
	ListCell   *lc;
	StringInfoData buf;

	if (!get_string_list(cJSON_GetObjectItemCaseSensitive(obj, name), name, &l, r))
		return false;
	if (l == NIL)
		return true;
	initStringInfo(&buf);
	foreach(lc, l)
		appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", (char *) lfirst(lc));
	*out = buf.data;
	return true;
}

/*
 * A namespace: an organisation overview (its name under "name", "type":
 * "org") or a user overview (under "user", "type": "user").  Without
 * "type", a record with "user" is a user's and one with only "name" an
 * organisation's.  A user's organisations (orgs) are objects with a name
 * or plain names.
 */
static void
map_namespace(cJSON *o, Rec *r)
{
	cJSON	   *it,
			   *name,
			   *user,
			   *type;

	memset(r, 0, sizeof(Rec));
	if (!cJSON_IsObject(o))
	{
		r->problem = "a record must be a JSON object";
		return;
	}
	name = cJSON_GetObjectItemCaseSensitive(o, "name");
	user = cJSON_GetObjectItemCaseSensitive(o, "user");
	type = cJSON_GetObjectItemCaseSensitive(o, "type");
	if (type != NULL && !cJSON_IsNull(type))
	{
		if (cJSON_IsString(type) && strcmp(type->valuestring, "org") == 0)
			r->account = "org";
		else if (cJSON_IsString(type) && strcmp(type->valuestring, "user") == 0)
			r->account = "user";
		else
		{
			r->problem = "\"type\" must be \"org\" or \"user\"";
			return;
		}
	}
	else
		r->account = (user != NULL && !cJSON_IsNull(user)) ? "user" : "org";
	it = strcmp(r->account, "user") == 0 && user != NULL && !cJSON_IsNull(user) ? user : name;
	if (it == NULL || !cJSON_IsString(it) || it->valuestring[0] == '\0')
	{
		r->problem = strcmp(r->account, "user") == 0
			? "\"user\" (or \"name\") is missing or not a non-empty string"
			: "\"name\" is missing or not a non-empty string";
		return;
	}
	for (const char *c = it->valuestring; *c; c++)
		if (*c == '/' || (unsigned char) *c <= ' ' || *c == 0x7f)
		{
			bool		clipped;
			char	   *shown = lineage_clip(it->valuestring, 60, &clipped);

			r->problem = psprintf("namespace \"%s%s\" must not contain \"/\", spaces or control characters",
								  shown, clipped ? "..." : "");
			return;
		}
	r->id = pstrdup(it->valuestring);
	if (!get_text(o, "fullname", &r->fullname, r) ||
		!get_text(o, "plan", &r->plan, r) ||
		!get_text(o, "details", &r->details, r) ||
		!get_bool(o, "isVerified", &r->has_verified, &r->verified, r) ||
		!get_bool(o, "isPro", &r->has_pro, &r->pro, r))
		return;
	for (int k = 0; k < (int) lengthof(ns_counts); k++)
		if (!get_count(o, ns_counts[k], &r->has_num[k], &r->num[k], r))
			return;
	it = cJSON_GetObjectItemCaseSensitive(o, "orgs");
	if (it != NULL && !cJSON_IsNull(it))
	{
		cJSON	   *el;
		uint32		seen = 0;

		if (!cJSON_IsArray(it))
		{
			r->problem = "\"orgs\" must be a list";
			return;
		}
		cJSON_ArrayForEach(el, it)
		{
			cJSON	   *n = cJSON_IsObject(el) ? cJSON_GetObjectItemCaseSensitive(el, "name") : el;

			ECO_CHECK_INTERRUPTS_EVERY(++seen);

			if (!cJSON_IsString(n) || n->valuestring[0] == '\0')
			{
				r->problem = "\"orgs\" must hold organisations with a name, or names";
				return;
			}
			r->orgs = lappend(r->orgs, pstrdup(n->valuestring));
		}
	}
}

/* A Space (/api/spaces): the common fields, its SDK and linked repositories. */
static void
map_space(cJSON *o, Rec *r)
{
	/* each step stops at the first problem, which r->problem then holds */
	(void) (map_common(o, r, NULL) &&
			get_string(o, "sdk", &r->sdk, r) &&
			get_string_list(cJSON_GetObjectItemCaseSensitive(o, "models"), "models", &r->space_models, r) &&
			get_string_list(cJSON_GetObjectItemCaseSensitive(o, "datasets"), "datasets", &r->space_datasets, r));
}

/* the name of an account or organisation object: its user, else name; or a string */
static char *
object_name(cJSON *it)
{
	cJSON	   *n;

	if (cJSON_IsString(it) && it->valuestring[0] != '\0')
		return pstrdup(it->valuestring);
	if (!cJSON_IsObject(it))
		return NULL;
	n = cJSON_GetObjectItemCaseSensitive(it, "user");
	if (!cJSON_IsString(n) || n->valuestring[0] == '\0')
		n = cJSON_GetObjectItemCaseSensitive(it, "name");
	return cJSON_IsString(n) && n->valuestring[0] != '\0' ? pstrdup(n->valuestring) : NULL;
}

/* an ISO time of obj's field name into *s / *ts; false (the record's problem) when bad */
static bool
get_time(cJSON *obj, const char *name, char **s, TimestampTz *ts, Rec *r)
{
	char	   *v = NULL;

	if (!get_string(obj, name, &v, r))
		return false;
	if (v == NULL || *s != NULL)
		return true;
	if (!parse_iso_time(v, ts))
	{
		r->problem = psprintf("\"%s\" is not an ISO 8601 UTC time", name);
		return false;
	}
	*s = v;
	return true;
}

/*
 * A paper: an item of /api/daily_papers (the paper under "paper", the
 * listing's own fields beside it) or a paper of /api/papers/{id} (flat).
 * The paper's own field comes first, the item's second: title, publishedAt,
 * submittedOnDailyAt, organization (an object with a name, or a name); the
 * submitter is the item's submittedBy, else the paper's submittedOnDailyBy
 * (their user, else name); authors are the names of paper.authors.
 */
static void
map_paper(cJSON *o, Rec *r)
{
	cJSON	   *p,
			   *it,
			   *el;
	uint32		seen = 0;

	memset(r, 0, sizeof(Rec));
	if (!cJSON_IsObject(o))
	{
		r->problem = "a record must be a JSON object";
		return;
	}
	p = cJSON_GetObjectItemCaseSensitive(o, "paper");
	if (p != NULL && !cJSON_IsNull(p) && !cJSON_IsObject(p))
	{
		r->problem = "\"paper\" must be an object";
		return;
	}
	if (p == NULL || cJSON_IsNull(p))
		p = o;
	it = cJSON_GetObjectItemCaseSensitive(p, "id");
	if (it == NULL || !cJSON_IsString(it) || it->valuestring[0] == '\0')
	{
		r->problem = "the paper's \"id\" is missing or not a non-empty string";
		return;
	}
	r->id = pstrdup(it->valuestring);
	for (int k = 0; k < 2; k++)
	{
		cJSON	   *src = k == 0 ? p : o;

		if (k == 1 && src == p)
			break;
		if ((r->title == NULL && !get_string(src, "title", &r->title, r)) ||
			!get_time(src, "publishedAt", &r->published_at, &r->published_ts, r) ||
			!get_time(src, "submittedOnDailyAt", &r->submitted_at, &r->submitted_ts, r))
			return;
		if (r->organisation == NULL)
			r->organisation = object_name(cJSON_GetObjectItemCaseSensitive(src, "organization"));
	}
	r->submitted_by = object_name(cJSON_GetObjectItemCaseSensitive(o, "submittedBy"));
	if (r->submitted_by == NULL)
		r->submitted_by = object_name(cJSON_GetObjectItemCaseSensitive(p, "submittedOnDailyBy"));
	if (!get_count(p, "upvotes", &r->has_upvotes, &r->upvotes, r))
		return;
	it = cJSON_GetObjectItemCaseSensitive(p, "authors");
	if (it != NULL && !cJSON_IsNull(it))
	{
		if (!cJSON_IsArray(it))
		{
			r->problem = "\"authors\" must be a list";
			return;
		}
		cJSON_ArrayForEach(el, it)
		{
			cJSON	   *n = cJSON_IsObject(el) ? cJSON_GetObjectItemCaseSensitive(el, "name") : el;

			ECO_CHECK_INTERRUPTS_EVERY(++seen);
			if (cJSON_IsString(n))
				r->paper_authors = lappend(r->paper_authors, pstrdup(n->valuestring));
		}
	}
}

/* ------------------------------------------------------------------------
 * Reading records: JSON Lines, or the elements of one top-level array
 * ------------------------------------------------------------------------
 */

typedef struct Reader
{
	FILE	   *f;
	const char *path;
	/* decoded bytes waiting to be read */
	unsigned char *buf;
	size_t		pos,
				len;
	/* gzip input: compressed bytes and the inflate stream */
	bool		gz;
	bool		gz_end;
	unsigned char *zbuf;
	z_stream	zs;
	bool		array;
	bool		done;
	int64		line;			/* line of the current record's start */
	int64		cur_line;		/* line the reader is at */
	StringInfoData rec;
} Reader;

#define READ_CHUNK	(256 * 1024)

/* zlib allocates in the current memory context, so an ERROR frees it all */
static voidpf
z_alloc(voidpf opaque, uInt items, uInt size)
{
	return MemoryContextAllocHuge((MemoryContext) opaque, (Size) items * size);
}

static void
z_free(voidpf opaque, voidpf address)
{
	(void) opaque;
	pfree(address);
}

static void
rd_read_error(Reader *rd)
{
	ereport(ERROR,
			(errcode_for_file_access(),
			 errmsg("could not read file \"%s\": %m", rd->path)));
}

/* Refill buf; false at the end of the (decompressed) input. */
static bool
rd_fill(Reader *rd)
{
	/* every 256 kB, whatever the caller loops over (10 GB of commas, say) */
	CHECK_FOR_INTERRUPTS();
	if (rd->f == NULL)
		return false;			/* a memory source holds everything in buf */
	rd->pos = 0;
	rd->len = 0;
	if (!rd->gz)
	{
		rd->len = fread(rd->buf, 1, READ_CHUNK, rd->f);
		if (rd->len == 0 && ferror(rd->f))
			rd_read_error(rd);
		return rd->len > 0;
	}
	while (rd->len == 0 && !rd->gz_end)
	{
		int			ret;

		if (rd->zs.avail_in == 0)
		{
			size_t		got = fread(rd->zbuf, 1, READ_CHUNK, rd->f);

			if (got == 0 && ferror(rd->f))
				rd_read_error(rd);
			if (got == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("the gzip file \"%s\" is truncated", rd->path)));
			rd->zs.next_in = rd->zbuf;
			rd->zs.avail_in = (uInt) got;
		}
		rd->zs.next_out = rd->buf;
		rd->zs.avail_out = READ_CHUNK;
		ret = inflate(&rd->zs, Z_NO_FLUSH);
		if (ret != Z_OK && ret != Z_STREAM_END)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("the gzip file \"%s\" is corrupt: %s", rd->path,
							rd->zs.msg ? rd->zs.msg : "inflate failed")));
		rd->len = READ_CHUNK - rd->zs.avail_out;
		if (ret == Z_STREAM_END)
		{
			/* a concatenated gzip member may follow */
			if (rd->zs.avail_in == 0)
			{
				size_t		got = fread(rd->zbuf, 1, READ_CHUNK, rd->f);

				rd->zs.next_in = rd->zbuf;
				rd->zs.avail_in = (uInt) got;
			}
			if (rd->zs.avail_in == 0)
				rd->gz_end = true;
			else if (inflateReset(&rd->zs) != Z_OK)
				elog(ERROR, "inflateReset failed");
		}
	}
	return rd->len > 0;
}

static inline int
rd_getc(Reader *rd)
{
	if (rd->pos == rd->len && !rd_fill(rd))
		return EOF;
	return rd->buf[rd->pos++];
}

static void
rd_open(Reader *rd, const char *path)
{
	int			b1,
				b2;

	memset(rd, 0, sizeof(Reader));
	rd->path = path;
	rd->f = AllocateFile(path, "rb");
	if (rd->f == NULL)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not open file \"%s\" for reading: %m", path)));
	rd->buf = palloc(READ_CHUNK);
	rd->cur_line = 1;
	initStringInfo(&rd->rec);
	/* gzip is recognised by its magic bytes */
	b1 = getc(rd->f);
	b2 = getc(rd->f);
	rewind(rd->f);
	if (b1 == 0x1f && b2 == 0x8b)
	{
		rd->gz = true;
		rd->zbuf = palloc(READ_CHUNK);
		rd->zs.zalloc = z_alloc;
		rd->zs.zfree = z_free;
		rd->zs.opaque = (voidpf) CurrentMemoryContext;
		if (inflateInit2(&rd->zs, 16 + MAX_WBITS) != Z_OK)
			elog(ERROR, "inflateInit2 failed");
	}
}

static void
rd_close(Reader *rd)
{
	if (rd->gz)
		inflateEnd(&rd->zs);
	FreeFile(rd->f);
}

/* Next line into rec (without the newline); false at end of file. */
static bool
read_line(Reader *rd)
{
	bool		got = false;

	resetStringInfo(&rd->rec);
	for (;;)
	{
		unsigned char *start,
				   *nl;
		size_t		n;

		if (rd->pos == rd->len && !rd_fill(rd))
			break;
		got = true;
		/* the rest of the line that is in the buffer, in one piece */
		start = rd->buf + rd->pos;
		nl = memchr(start, '\n', rd->len - rd->pos);
		n = nl ? (size_t) (nl - start) : rd->len - rd->pos;
		if (rd->rec.len + n > MAX_RECORD_BYTES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("line " INT64_FORMAT " is longer than %d bytes", rd->cur_line, MAX_RECORD_BYTES)));
		appendBinaryStringInfo(&rd->rec, (const char *) start, (int) n);
		rd->pos += n;
		if (nl)
		{
			rd->pos++;			/* the newline */
			break;
		}
	}
	if (!got)
		return false;
	rd->line = rd->cur_line++;
	return true;
}

/*
 * Next element of a top-level JSON array: scan with string awareness until
 * the depth returns to the array level at a ',' or ']'.
 */
static bool
read_element(Reader *rd)
{
	int			c,
				depth = 0;
	bool		in_str = false,
				esc = false,
				started = false;
	uint32		nread = 0;

	resetStringInfo(&rd->rec);
	for (;;)
	{
		/* a client's chunk is one buffer: rd_fill does not come by */
		ECO_CHECK_INTERRUPTS_EVERY(++nread);
		c = rd_getc(rd);
		if (c == EOF)
		{
			if (started || !rd->done)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("line " INT64_FORMAT ": the JSON array is truncated (end of file before \"]\")",
								rd->cur_line)));
			return false;
		}
		if (c == '\n')
			rd->cur_line++;
		if (!started)
		{
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',')
				continue;
			if (c == ']')
			{
				rd->done = true;
				return false;
			}
			started = true;
			rd->line = rd->cur_line;
		}
		if (rd->rec.len >= MAX_RECORD_BYTES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("line " INT64_FORMAT ": a record is longer than %d bytes", rd->line, MAX_RECORD_BYTES)));
		if (in_str)
		{
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				in_str = false;
		}
		else if (c == '"')
			in_str = true;
		else if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']')
		{
			if (depth == 0)
			{
				/* the array's own ']' right after an element */
				rd->done = true;
				return true;
			}
			depth--;
		}
		else if (c == ',' && depth == 0)
			return true;
		appendStringInfoChar(&rd->rec, (char) c);
	}
}

/* A raw record's byte-level problems: NUL, invalid UTF-8, \u0000. */
static const char *
raw_problem(const char *s, int len)
{
	bool		in_str = false;

	if (memchr(s, '\0', len) != NULL)
		return "the record contains a NUL byte";
	if (!pg_verify_mbstr(PG_UTF8, s, len, true))
		return "the record is not valid UTF-8";
	for (int i = 0; i < len; i++)
	{
		if (in_str && s[i] == '\\')
		{
			if (i + 5 < len && s[i + 1] == 'u' && strncmp(s + i + 2, "0000", 4) == 0)
				return "the record contains \\u0000, which text cannot hold";
			i++;
			continue;
		}
		if (s[i] == '"')
			in_str = !in_str;
	}
	return NULL;
}

/* ------------------------------------------------------------------------
 * Storing
 * ------------------------------------------------------------------------
 */

/* ------------------------------------------------------------------------
 * Storing, a batch at a time: each column of a batch is one array
 * parameter of one INSERT … SELECT FROM unnest(…) ON CONFLICT statement.
 * Within a batch the last record of an id replaces earlier ones (the
 * statement could not update one row twice).
 * ------------------------------------------------------------------------
 */

#define BATCH_SIZE		2000
#define BATCH_SLOTS		4096	/* power of two, at least 2 × BATCH_SIZE */

StaticAssertDecl(BATCH_SLOTS >= 2 * BATCH_SIZE && (BATCH_SLOTS & (BATCH_SLOTS - 1)) == 0,
				 "BATCH_SLOTS must be a power of two of at least twice BATCH_SIZE");

/* column kinds of a batch */
typedef enum
{
	COL_TEXT, COL_TS, COL_INT8, COL_FLOAT8, COL_TEXTARR, COL_DATE, COL_BOOL
} ColKind;

typedef struct Batch
{
	HubKind		kind;
	int			ncols;
	const ColKind *kinds;
	int			n;				/* records in the batch */
	Datum	   *vals[24];		/* [col][record] */
	bool	   *nulls[24];
	/* id → batch index: open addressing, a power of two ≥ 2 × BATCH_SIZE */
	int32		slots[BATCH_SLOTS];
	char	   *ids[BATCH_SIZE];
	/* edges of each record (models) */
	List	   *eparent[BATCH_SIZE],
			   *erel[BATCH_SIZE],
			   *esrc[BATCH_SIZE];
	MemoryContext cxt;
	SPIPlanPtr	upsert,
				hist,
				hist_prune,
				del_edges,
				add_edges;
	DateADT		snapshot;
	int64		import_id;
	HubStore   *store;			/* NULL: the SQL route */
} Batch;

static const ColKind model_cols[] = {
	COL_TEXT, COL_TEXT, COL_TS, COL_TS, COL_INT8, COL_INT8, COL_INT8, COL_FLOAT8, COL_TEXT, COL_TEXT,
	COL_TEXT, COL_TEXTARR, COL_TEXTARR, COL_INT8, COL_TEXT, COL_TEXTARR, COL_TEXTARR, COL_TEXT, COL_TEXT, COL_INT8
};
static const ColKind dataset_cols[] = {
	COL_TEXT, COL_TEXT, COL_TS, COL_TS, COL_INT8, COL_INT8, COL_INT8, COL_FLOAT8, COL_TEXTARR, COL_TEXTARR,
	COL_TEXT, COL_TEXT
};
static const ColKind space_cols[] = {
	COL_TEXT, COL_TEXT, COL_TS, COL_TS, COL_INT8, COL_FLOAT8, COL_TEXT, COL_TEXTARR, COL_TEXTARR, COL_TEXTARR
};
static const ColKind paper_cols[] = {
	COL_TEXT, COL_TEXT, COL_INT8, COL_TEXTARR, COL_TEXT, COL_TEXT, COL_TS, COL_TS
};
static const ColKind namespace_cols[] = {
	COL_TEXT, COL_TEXT, COL_TEXT, COL_BOOL, COL_BOOL, COL_TEXT, COL_INT8, COL_INT8, COL_INT8, COL_INT8,
	COL_INT8, COL_INT8, COL_TEXTARR, COL_TEXT
};

static Oid
col_array_type(ColKind k)
{
	switch (k)
	{
		case COL_TEXT:
		case COL_TEXTARR:		/* passed as array literals, cast per row */
			return TEXTARRAYOID;
		case COL_TS:
			return 1185;		/* timestamptz[] */
		case COL_INT8:
			return 1016;		/* int8[] */
		case COL_FLOAT8:
			return 1022;		/* float8[] */
		case COL_DATE:
			return 1182;		/* date[] */
		case COL_BOOL:
			return BOOLARRAYOID;
	}
	return InvalidOid;
}

static Oid
col_elem_type(ColKind k)
{
	switch (k)
	{
		case COL_TEXT:
		case COL_TEXTARR:
			return TEXTOID;
		case COL_TS:
			return TIMESTAMPTZOID;
		case COL_INT8:
			return INT8OID;
		case COL_FLOAT8:
			return FLOAT8OID;
		case COL_DATE:
			return DATEOID;
		case COL_BOOL:
			return BOOLOID;
	}
	return InvalidOid;
}

static SPIPlanPtr
prepare(const char *sql, int nargs, Oid *types)
{
	SPIPlanPtr	p = SPI_prepare(sql, nargs, types);

	if (p == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	return p;
}

static void
batch_init(Batch *b, HubKind kind, DateADT snapshot, int64 import_id)
{
	Oid			types[24];
	bool		datasets = (kind == KIND_DATASETS);

	memset(b, 0, sizeof(Batch));
	b->kind = kind;
	b->snapshot = snapshot;
	b->import_id = import_id;
	switch (kind)
	{
		case KIND_MODELS:
			b->kinds = model_cols, b->ncols = lengthof(model_cols);
			break;
		case KIND_DATASETS:
			b->kinds = dataset_cols, b->ncols = lengthof(dataset_cols);
			break;
		case KIND_NAMESPACES:
			b->kinds = namespace_cols, b->ncols = lengthof(namespace_cols);
			break;
		case KIND_SPACES:
			b->kinds = space_cols, b->ncols = lengthof(space_cols);
			break;
		case KIND_PAPERS:
			b->kinds = paper_cols, b->ncols = lengthof(paper_cols);
			break;
	}
	b->cxt = AllocSetContextCreate(CurrentMemoryContext, "hub import batch", ALLOCSET_DEFAULT_SIZES);
	for (int c = 0; c < b->ncols; c++)
	{
		b->vals[c] = palloc(sizeof(Datum) * BATCH_SIZE);
		b->nulls[c] = palloc(sizeof(bool) * BATCH_SIZE);
		types[c] = col_array_type(b->kinds[c]);
	}
	types[b->ncols] = DATEOID;
	types[b->ncols + 1] = INT8OID;
	memset(b->slots, -1, sizeof(b->slots));
	if (kind == KIND_NAMESPACES)
	{
		/* a small table, replaced row by row: the SQL route only, no history */
		b->upsert = prepare("INSERT INTO hub.namespaces (name, account, fullname, is_verified, is_pro, plan, "
							"num_models, num_datasets, num_spaces, num_papers, num_followers, num_users, orgs, "
							"details, last_snapshot, last_import) "
							"SELECT n, a, fn, v, p, pl, nm, nd, ns, np, nf, nu, o::text[], dt, $15, $16 "
							"FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
							"AS u(n, a, fn, v, p, pl, nm, nd, ns, np, nf, nu, o, dt) "
							"ON CONFLICT (name) DO UPDATE SET account = EXCLUDED.account, fullname = EXCLUDED.fullname, "
							"is_verified = EXCLUDED.is_verified, is_pro = EXCLUDED.is_pro, plan = EXCLUDED.plan, "
							"num_models = EXCLUDED.num_models, num_datasets = EXCLUDED.num_datasets, "
							"num_spaces = EXCLUDED.num_spaces, num_papers = EXCLUDED.num_papers, "
							"num_followers = EXCLUDED.num_followers, num_users = EXCLUDED.num_users, "
							"orgs = EXCLUDED.orgs, details = EXCLUDED.details, "
							"last_snapshot = EXCLUDED.last_snapshot, last_import = EXCLUDED.last_import",
							b->ncols + 2, types);
		return;
	}
	if (kind == KIND_SPACES || kind == KIND_PAPERS)
	{
		bool		spaces = (kind == KIND_SPACES);

		/* the SQL route only: the tables are small beside those of models */
		if (spaces)
			b->upsert = prepare("INSERT INTO hub.spaces (id, author, created_at, last_modified, likes, trending_score, "
								"sdk, models, datasets, tags, first_snapshot, last_snapshot, last_import) "
								"SELECT id, a, ca, lm, l, ts, sdk, mo::text[], ds::text[], tg::text[], $11, $11, $12 "
								"FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
								"AS u(id, a, ca, lm, l, ts, sdk, mo, ds, tg) "
								"ON CONFLICT (id) DO UPDATE SET author = EXCLUDED.author, created_at = EXCLUDED.created_at, "
								"last_modified = EXCLUDED.last_modified, likes = EXCLUDED.likes, "
								"trending_score = EXCLUDED.trending_score, sdk = EXCLUDED.sdk, models = EXCLUDED.models, "
								"datasets = EXCLUDED.datasets, tags = EXCLUDED.tags, "
								"first_snapshot = least(hub.spaces.first_snapshot, EXCLUDED.first_snapshot), "
								"last_snapshot = greatest(hub.spaces.last_snapshot, EXCLUDED.last_snapshot), "
								"last_import = EXCLUDED.last_import",
								b->ncols + 2, types);
		else
			b->upsert = prepare("INSERT INTO hub.papers (id, title, upvotes, authors, organisation, submitted_by, "
								"published_at, submitted_at, first_snapshot, last_snapshot, last_import) "
								"SELECT id, t, up, au::text[], org, sb, pa, sa, $9, $9, $10 "
								"FROM unnest($1, $2, $3, $4, $5, $6, $7, $8) AS u(id, t, up, au, org, sb, pa, sa) "
								"ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, upvotes = EXCLUDED.upvotes, "
								"authors = EXCLUDED.authors, organisation = EXCLUDED.organisation, "
								"submitted_by = EXCLUDED.submitted_by, published_at = EXCLUDED.published_at, "
								"submitted_at = EXCLUDED.submitted_at, "
								"first_snapshot = least(hub.papers.first_snapshot, EXCLUDED.first_snapshot), "
								"last_snapshot = greatest(hub.papers.last_snapshot, EXCLUDED.last_snapshot), "
								"last_import = EXCLUDED.last_import",
								b->ncols + 2, types);

		/*
		 * History by change, as for models: a row of (id, snapshot) is
		 * replaced; else a new row when the counts differ from the id's
		 * latest earlier row, or that row marks it vanished; a row of this
		 * snapshot whose counts are now the previous row's goes.
		 */
		if (spaces)
		{
			b->hist = prepare("INSERT INTO hub.space_history AS h (id, snapshot, likes, trending_score, vanished) "
							  "SELECT u.id, $4, u.l, u.t, false FROM unnest($1, $2, $3) AS u(id, l, t) "
							  "LEFT JOIN LATERAL (SELECT p.snapshot, p.likes, p.trending_score, p.vanished FROM hub.space_history p "
							  "                   WHERE p.id OPERATOR(pg_catalog.=) u.id AND p.snapshot OPERATOR(pg_catalog.<=) $4 "
							  "                   ORDER BY p.snapshot DESC LIMIT 1) p ON true "
							  "WHERE p.snapshot IS NULL OR p.snapshot OPERATOR(pg_catalog.=) $4 OR p.vanished "
							  "   OR NOT (coalesce(p.likes OPERATOR(pg_catalog.=) u.l, p.likes IS NULL AND u.l IS NULL) "
							  "           AND coalesce(p.trending_score OPERATOR(pg_catalog.=) u.t, p.trending_score IS NULL AND u.t IS NULL)) "
							  "ON CONFLICT (id, snapshot) DO UPDATE SET likes = EXCLUDED.likes, "
							  "trending_score = EXCLUDED.trending_score, vanished = false",
							  4, (Oid[]) {TEXTARRAYOID, INT8ARRAYOID, FLOAT8ARRAYOID, DATEOID});
			b->hist_prune = prepare("DELETE FROM hub.space_history h USING pg_catalog.unnest($1) AS u(id) "
									"WHERE h.id OPERATOR(pg_catalog.=) u.id AND h.snapshot OPERATOR(pg_catalog.=) $2 "
									"  AND EXISTS (SELECT FROM (SELECT p.* FROM hub.space_history p "
									"                           WHERE p.id OPERATOR(pg_catalog.=) h.id AND p.snapshot OPERATOR(pg_catalog.<) $2 "
									"                           ORDER BY p.snapshot DESC LIMIT 1) p "
									"              WHERE NOT p.vanished "
									"                AND coalesce(p.likes OPERATOR(pg_catalog.=) h.likes, p.likes IS NULL AND h.likes IS NULL) "
									"                AND coalesce(p.trending_score OPERATOR(pg_catalog.=) h.trending_score, p.trending_score IS NULL AND h.trending_score IS NULL))",
									2, (Oid[]) {TEXTARRAYOID, DATEOID});
		}
		else
		{
			b->hist = prepare("INSERT INTO hub.paper_history AS h (id, snapshot, upvotes) "
							  "SELECT u.id, $3, u.up FROM unnest($1, $2) AS u(id, up) "
							  "LEFT JOIN LATERAL (SELECT p.snapshot, p.upvotes FROM hub.paper_history p "
							  "                   WHERE p.id OPERATOR(pg_catalog.=) u.id AND p.snapshot OPERATOR(pg_catalog.<=) $3 "
							  "                   ORDER BY p.snapshot DESC LIMIT 1) p ON true "
							  "WHERE p.snapshot IS NULL OR p.snapshot OPERATOR(pg_catalog.=) $3 "
							  "   OR NOT coalesce(p.upvotes OPERATOR(pg_catalog.=) u.up, p.upvotes IS NULL AND u.up IS NULL) "
							  "ON CONFLICT (id, snapshot) DO UPDATE SET upvotes = EXCLUDED.upvotes",
							  3, (Oid[]) {TEXTARRAYOID, INT8ARRAYOID, DATEOID});
			b->hist_prune = prepare("DELETE FROM hub.paper_history h USING pg_catalog.unnest($1) AS u(id) "
									"WHERE h.id OPERATOR(pg_catalog.=) u.id AND h.snapshot OPERATOR(pg_catalog.=) $2 "
									"  AND EXISTS (SELECT FROM (SELECT p.* FROM hub.paper_history p "
									"                           WHERE p.id OPERATOR(pg_catalog.=) h.id AND p.snapshot OPERATOR(pg_catalog.<) $2 "
									"                           ORDER BY p.snapshot DESC LIMIT 1) p "
									"              WHERE coalesce(p.upvotes OPERATOR(pg_catalog.=) h.upvotes, p.upvotes IS NULL AND h.upvotes IS NULL))",
									2, (Oid[]) {TEXTARRAYOID, DATEOID});
		}
		return;
	}
	b->store = hub_store_open(datasets, snapshot, import_id);
	if (b->store != NULL)
		return;

	/*
	 * The SQL route's statements, with search_path pinned by the function
	 * (pg_catalog, pg_temp) and every name qualified.  Only the unnest of
	 * several arrays stays unqualified: that is syntax, which the parser
	 * expands into ROWS FROM (pg_catalog.unnest($1), …) whatever the path.
	 */
	if (datasets)
	{
		b->upsert = prepare("INSERT INTO hub.datasets (id, author, created_at, last_modified, downloads, "
							"downloads_all_time, likes, trending_score, tags, task_categories, license, gated, "
							"first_snapshot, last_snapshot, last_import) "
							"SELECT id, author, ca, lm, d, dat, l, ts, tg::text[], tc::text[], lic, g, $13, $13, $14 "
							"FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
							"AS u(id, author, ca, lm, d, dat, l, ts, tg, tc, lic, g) "
							"ON CONFLICT (id) DO UPDATE SET author = EXCLUDED.author, created_at = EXCLUDED.created_at, "
							"last_modified = EXCLUDED.last_modified, downloads = EXCLUDED.downloads, "
							"downloads_all_time = EXCLUDED.downloads_all_time, likes = EXCLUDED.likes, "
							"trending_score = EXCLUDED.trending_score, tags = EXCLUDED.tags, "
							"task_categories = EXCLUDED.task_categories, license = EXCLUDED.license, "
							"gated = EXCLUDED.gated, "
							"first_snapshot = least(hub.datasets.first_snapshot, EXCLUDED.first_snapshot), "
							"last_snapshot = greatest(hub.datasets.last_snapshot, EXCLUDED.last_snapshot), "
							"last_import = EXCLUDED.last_import",
							b->ncols + 2, types);
	}
	else
	{
		b->upsert = prepare("INSERT INTO hub.models (id, author, created_at, last_modified, downloads, "
							"downloads_all_time, likes, trending_score, pipeline_tag, library_name, license, tags, "
							"languages, params, gated, base_models, architectures, model_type, gguf_architecture, "
							"context_length, first_snapshot, last_snapshot, last_import) "
							"SELECT id, author, ca, lm, d, dat, l, ts, pt, ln, lic, tg::text[], lang::text[], prm, g, "
							"bm::text[], ar::text[], mt, ga, cl, $21, $21, $22 "
							"FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) "
							"AS u(id, author, ca, lm, d, dat, l, ts, pt, ln, lic, tg, lang, prm, g, bm, ar, mt, ga, cl) "
							"ON CONFLICT (id) DO UPDATE SET author = EXCLUDED.author, created_at = EXCLUDED.created_at, "
							"last_modified = EXCLUDED.last_modified, downloads = EXCLUDED.downloads, "
							"downloads_all_time = EXCLUDED.downloads_all_time, likes = EXCLUDED.likes, "
							"trending_score = EXCLUDED.trending_score, pipeline_tag = EXCLUDED.pipeline_tag, "
							"library_name = EXCLUDED.library_name, license = EXCLUDED.license, tags = EXCLUDED.tags, "
							"languages = EXCLUDED.languages, params = EXCLUDED.params, gated = EXCLUDED.gated, "
							"base_models = EXCLUDED.base_models, architectures = EXCLUDED.architectures, "
							"model_type = EXCLUDED.model_type, gguf_architecture = EXCLUDED.gguf_architecture, "
							"context_length = EXCLUDED.context_length, "
							"first_snapshot = least(hub.models.first_snapshot, EXCLUDED.first_snapshot), "
							"last_snapshot = greatest(hub.models.last_snapshot, EXCLUDED.last_snapshot), "
							"last_import = EXCLUDED.last_import",
							b->ncols + 2, types);
		/* a join on unnest, so that the (child, parent) index serves every id */
		b->del_edges = prepare("DELETE FROM hub.model_edges e USING pg_catalog.unnest($1) AS u(id) "
							   "WHERE e.child OPERATOR(pg_catalog.=) u.id",
							   1, (Oid[]) {TEXTARRAYOID});
		b->add_edges = prepare("INSERT INTO hub.model_edges (child, parent, relation, source) "
							   "SELECT * FROM unnest($1, $2, $3, $4)",
							   4, (Oid[]) {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID});
	}
	/*
	 * History by change, as the direct store keeps it (hub_store.c): a row
	 * of (id, snapshot) is replaced; else a new row only when the counts
	 * differ from the id's latest earlier row, or that row marks it
	 * vanished.  NULL counts compare as equal to NULL.
	 */
	b->hist = prepare(psprintf("INSERT INTO hub.%1$s_history AS h (id, snapshot, downloads, downloads_all_time, likes, trending_score, vanished) "
							   "SELECT u.id, $6, u.d, u.dat, u.l, u.t, false "
							   "FROM unnest($1, $2, $3, $4, $5) AS u(id, d, dat, l, t) "
							   "LEFT JOIN LATERAL (SELECT p.snapshot, p.downloads, p.downloads_all_time, p.likes, p.trending_score, p.vanished "
							   "                   FROM hub.%1$s_history p "
							   "                   WHERE p.id OPERATOR(pg_catalog.=) u.id AND p.snapshot OPERATOR(pg_catalog.<=) $6 "
							   "                   ORDER BY p.snapshot DESC LIMIT 1) p ON true "
							   "WHERE p.snapshot IS NULL OR p.snapshot OPERATOR(pg_catalog.=) $6 OR p.vanished "
							   "   OR NOT (coalesce(p.downloads OPERATOR(pg_catalog.=) u.d, p.downloads IS NULL AND u.d IS NULL) "
							   "           AND coalesce(p.downloads_all_time OPERATOR(pg_catalog.=) u.dat, p.downloads_all_time IS NULL AND u.dat IS NULL) "
							   "           AND coalesce(p.likes OPERATOR(pg_catalog.=) u.l, p.likes IS NULL AND u.l IS NULL) "
							   "           AND coalesce(p.trending_score OPERATOR(pg_catalog.=) u.t, p.trending_score IS NULL AND u.t IS NULL)) "
							   "ON CONFLICT (id, snapshot) DO UPDATE SET downloads = EXCLUDED.downloads, "
							   "downloads_all_time = EXCLUDED.downloads_all_time, likes = EXCLUDED.likes, "
							   "trending_score = EXCLUDED.trending_score, vanished = false",
							   datasets ? "dataset" : "model"),
					  6, (Oid[]) {TEXTARRAYOID, INT8ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, FLOAT8ARRAYOID, DATEOID});
	/* ... and a row of this snapshot whose counts are now the previous row's goes */
	b->hist_prune = prepare(psprintf("DELETE FROM hub.%1$s_history h USING pg_catalog.unnest($1) AS u(id) "
									 "WHERE h.id OPERATOR(pg_catalog.=) u.id AND h.snapshot OPERATOR(pg_catalog.=) $2 "
									 "  AND EXISTS (SELECT FROM (SELECT p.* FROM hub.%1$s_history p "
									 "                           WHERE p.id OPERATOR(pg_catalog.=) h.id AND p.snapshot OPERATOR(pg_catalog.<) $2 "
									 "                           ORDER BY p.snapshot DESC LIMIT 1) p "
									 "              WHERE NOT p.vanished "
									 "                AND coalesce(p.downloads OPERATOR(pg_catalog.=) h.downloads, p.downloads IS NULL AND h.downloads IS NULL) "
									 "                AND coalesce(p.downloads_all_time OPERATOR(pg_catalog.=) h.downloads_all_time, p.downloads_all_time IS NULL AND h.downloads_all_time IS NULL) "
									 "                AND coalesce(p.likes OPERATOR(pg_catalog.=) h.likes, p.likes IS NULL AND h.likes IS NULL) "
									 "                AND coalesce(p.trending_score OPERATOR(pg_catalog.=) h.trending_score, p.trending_score IS NULL AND h.trending_score IS NULL))",
									 datasets ? "dataset" : "model"),
							2, (Oid[]) {TEXTARRAYOID, DATEOID});
}

/* A list of C strings as a text[] value. */
static Datum
text_array(List *l)
{
	Datum	   *d = palloc(sizeof(Datum) * list_length(l));
	int			n = 0;
	ListCell   *lc;

	foreach(lc, l)
		d[n++] = CStringGetTextDatum((char *) lfirst(lc));
	return PointerGetDatum(construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* The SQL route passes text[] columns as literals, cast per row. */
static Datum
text_array_literal(Datum arr)
{
	return CStringGetTextDatum(OidOutputFunctionCall(F_ARRAY_OUT, arr));
}

static Datum
array_param(Datum *vals, bool *nulls, int n, ColKind k)
{
	int			dims[1] = {n};
	int			lbs[1] = {1};
	Oid			elem = col_elem_type(k);
	int16		typlen;
	bool		typbyval;
	char		typalign;

	get_typlenbyvalalign(elem, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_md_array(vals, nulls, 1, dims, lbs, elem, typlen, typbyval, typalign));
}

/*
 * The SQL route (tables the direct store cannot take): one INSERT … SELECT
 * FROM unnest … ON CONFLICT statement per table, in b->cxt.
 */
static void
batch_store_sql(Batch *b)
{
	Datum		params[26];

	for (int c = 0; c < b->ncols; c++)
	{
		if (b->kinds[c] == COL_TEXTARR)
			for (int i = 0; i < b->n; i++)
				if (!b->nulls[c][i])
					b->vals[c][i] = text_array_literal(b->vals[c][i]);
		params[c] = array_param(b->vals[c], b->nulls[c], b->n, b->kinds[c]);
	}
	params[b->ncols] = DateADTGetDatum(b->snapshot);
	params[b->ncols + 1] = Int64GetDatum(b->import_id);
	/* SPI returns in its procedure context: come back to the batch's after each call */
	if (SPI_execute_plan(b->upsert, params, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "storing a batch of records failed");
	MemoryContextSwitchTo(b->cxt);
	if (b->kind == KIND_NAMESPACES)
		return;
	if (b->kind == KIND_SPACES || b->kind == KIND_PAPERS)
	{
		int			rc = b->kind == KIND_SPACES
			? SPI_execute_plan(b->hist, (Datum[]) {params[0], params[4], params[5], params[b->ncols]}, NULL, false, 0)
			: SPI_execute_plan(b->hist, (Datum[]) {params[0], params[2], params[b->ncols]}, NULL, false, 0);

		if (rc != SPI_OK_INSERT)
			elog(ERROR, "storing the history of a batch failed");
		MemoryContextSwitchTo(b->cxt);
		if (SPI_execute_plan(b->hist_prune, (Datum[]) {params[0], params[b->ncols]}, NULL, false, 0) != SPI_OK_DELETE)
			elog(ERROR, "storing the history of a batch failed");
		MemoryContextSwitchTo(b->cxt);
		return;
	}
	if (SPI_execute_plan(b->hist, (Datum[]) {params[0], params[4], params[5], params[6], params[7], params[b->ncols]},
						 NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "storing the history of a batch failed");
	MemoryContextSwitchTo(b->cxt);
	if (SPI_execute_plan(b->hist_prune, (Datum[]) {params[0], params[b->ncols]}, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "storing the history of a batch failed");
	MemoryContextSwitchTo(b->cxt);
	if (b->kind == KIND_MODELS)
	{
		List	   *ec = NIL,
				   *ep = NIL,
				   *er = NIL,
				   *es = NIL;
		int			ne;
		Datum	   *cv,
				   *pv,
				   *rv,
				   *sv;
		bool	   *rn;
		int			k = 0;

		if (SPI_execute_plan(b->del_edges, &params[0], NULL, false, 0) != SPI_OK_DELETE)
			elog(ERROR, "replacing the edges of a batch failed");
		MemoryContextSwitchTo(b->cxt);
		for (int i = 0; i < b->n; i++)
		{
			ListCell   *lp,
					   *lr,
					   *ls;

			forthree(lp, b->eparent[i], lr, b->erel[i], ls, b->esrc[i])
			{
				ec = lappend(ec, DatumGetPointer(b->vals[0][i]));
				ep = lappend(ep, lfirst(lp));
				er = lappend(er, lfirst(lr));
				es = lappend(es, lfirst(ls));
			}
		}
		ne = list_length(ec);
		if (ne > 0)
		{
			ListCell   *a1,
					   *a2,
					   *a3,
					   *a4;

			cv = palloc(sizeof(Datum) * ne);
			pv = palloc(sizeof(Datum) * ne);
			rv = palloc(sizeof(Datum) * ne);
			sv = palloc(sizeof(Datum) * ne);
			rn = palloc0(sizeof(bool) * ne);
			forfour(a1, ec, a2, ep, a3, er, a4, es)
			{
				cv[k] = PointerGetDatum(lfirst(a1));
				pv[k] = CStringGetTextDatum((char *) lfirst(a2));
				if (lfirst(a3))
					rv[k] = CStringGetTextDatum((char *) lfirst(a3));
				else
					rn[k] = true;
				sv[k] = CStringGetTextDatum((char *) lfirst(a4));
				k++;
			}
			if (SPI_execute_plan(b->add_edges,
								 (Datum[]) {array_param(cv, NULL, ne, COL_TEXT), array_param(pv, NULL, ne, COL_TEXT),
								 array_param(rv, rn, ne, COL_TEXT), array_param(sv, NULL, ne, COL_TEXT)},
								 NULL, false, 0) != SPI_OK_INSERT)
				elog(ERROR, "storing the edges of a batch failed");
		}
	}
}

static void
batch_flush(Batch *b)
{
	MemoryContext old;

	if (b->n == 0)
		return;
	old = MemoryContextSwitchTo(b->cxt);
	if (b->store != NULL)
	{
		HubBatchData d = {b->n, b->vals, b->nulls, b->eparent, b->erel, b->esrc};

		hub_store_batch(b->store, &d);
	}
	else
		batch_store_sql(b);
	MemoryContextSwitchTo(old);
	MemoryContextReset(b->cxt);
	b->n = 0;
	memset(b->slots, -1, sizeof(b->slots));
}

/* Add a mapped record to the batch (the last of an id wins); flush when full. */
static void
batch_add(Batch *b, Rec *r)
{
	MemoryContext old = MemoryContextSwitchTo(b->cxt);
	/* keyed: ids are the input's, and could be chosen to collide */
	uint32		h = (uint32) lineage_keyed_hash(r->id, (int) strlen(r->id)) & (BATCH_SLOTS - 1);
	int			i = -1;
	Datum	   *v[24];
	bool	   *nl[24];

	while (b->slots[h] >= 0)
	{
		int			j = b->slots[h];

		if (strcmp(b->ids[j], r->id) == 0)
		{
			i = j;
			break;
		}
		h = (h + 1) & (BATCH_SLOTS - 1);
	}
	if (i < 0)
	{
		i = b->n++;
		b->slots[h] = i;
		b->ids[i] = pstrdup(r->id);
	}
	for (int c = 0; c < b->ncols; c++)
	{
		v[c] = &b->vals[c][i];
		nl[c] = &b->nulls[c][i];
		*nl[c] = false;
	}
#define TXT(c, s)	do { if (s) *v[c] = CStringGetTextDatum(s); else *nl[c] = true; } while (0)
#define TS(c, s, ts)	do { if (s) *v[c] = TimestampTzGetDatum(ts); else *nl[c] = true; } while (0)
#define I8(c, h, x)	do { if (h) *v[c] = Int64GetDatum(x); else *nl[c] = true; } while (0)
#define ARR(c, l)	do { if ((l) != NIL) *v[c] = text_array(l); else *nl[c] = true; } while (0)
	if (b->kind == KIND_NAMESPACES)
	{
		TXT(0, r->id);
		TXT(1, r->account);
		TXT(2, r->fullname);
		if (r->has_verified)
			*v[3] = BoolGetDatum(r->verified);
		else
			*nl[3] = true;
		if (r->has_pro)
			*v[4] = BoolGetDatum(r->pro);
		else
			*nl[4] = true;
		TXT(5, r->plan);
		for (int k = 0; k < (int) lengthof(ns_counts); k++)
			I8(6 + k, r->has_num[k], r->num[k]);
		ARR(12, r->orgs);
		TXT(13, r->details);
		goto done;
	}
	if (b->kind == KIND_SPACES)
	{
		TXT(0, r->id);
		TXT(1, r->author);
		TS(2, r->created_at, r->created_ts);
		TS(3, r->last_modified, r->modified_ts);
		I8(4, r->has_likes, r->likes);
		if (r->has_trending)
			*v[5] = Float8GetDatum(r->trending);
		else
			*nl[5] = true;
		TXT(6, r->sdk);
		ARR(7, r->space_models);
		ARR(8, r->space_datasets);
		ARR(9, r->tags);
		goto done;
	}
	if (b->kind == KIND_PAPERS)
	{
		TXT(0, r->id);
		TXT(1, r->title);
		I8(2, r->has_upvotes, r->upvotes);
		ARR(3, r->paper_authors);
		TXT(4, r->organisation);
		TXT(5, r->submitted_by);
		TS(6, r->published_at, r->published_ts);
		TS(7, r->submitted_at, r->submitted_ts);
		goto done;
	}
	TXT(0, r->id);
	TXT(1, r->author);
	TS(2, r->created_at, r->created_ts);
	TS(3, r->last_modified, r->modified_ts);
	I8(4, r->has_downloads, r->downloads);
	I8(5, r->has_downloads_all, r->downloads_all);
	I8(6, r->has_likes, r->likes);
	if (r->has_trending)
		*v[7] = Float8GetDatum(r->trending);
	else
		*nl[7] = true;
	if (b->kind == KIND_DATASETS)
	{
		ARR(8, r->tags);
		ARR(9, r->task_categories);
		TXT(10, r->license);
		TXT(11, r->gated);
	}
	else
	{
		ListCell   *lp,
				   *lr,
				   *ls;

		TXT(8, r->pipeline_tag);
		TXT(9, r->library_name);
		TXT(10, r->license);
		ARR(11, r->tags);
		ARR(12, r->languages);
		I8(13, r->has_params, r->params);
		TXT(14, r->gated);
		ARR(15, r->eparent);
		ARR(16, r->architectures);
		TXT(17, r->model_type);
		TXT(18, r->gguf_architecture);
		I8(19, r->has_context, r->context_length);
		b->eparent[i] = b->erel[i] = b->esrc[i] = NIL;
		forthree(lp, r->eparent, lr, r->erel, ls, r->esrc)
		{
			b->eparent[i] = lappend(b->eparent[i], pstrdup((char *) lfirst(lp)));
			b->erel[i] = lappend(b->erel[i], lfirst(lr));	/* static strings */
			b->esrc[i] = lappend(b->esrc[i], lfirst(ls));
		}
	}
done:
#undef TXT
#undef TS
#undef I8
#undef ARR
	MemoryContextSwitchTo(old);
	if (b->n == BATCH_SIZE)
		batch_flush(b);
}

static Datum hub_import(FunctionCallInfo fcinfo, HubKind kind);

Datum
hub_import_models(PG_FUNCTION_ARGS)
{
	return hub_import(fcinfo, KIND_MODELS);
}

Datum
hub_import_datasets(PG_FUNCTION_ARGS)
{
	return hub_import(fcinfo, KIND_DATASETS);
}

Datum
hub_import_namespaces(PG_FUNCTION_ARGS)
{
	return hub_import(fcinfo, KIND_NAMESPACES);
}

Datum
hub_import_spaces(PG_FUNCTION_ARGS)
{
	return hub_import(fcinfo, KIND_SPACES);
}

Datum
hub_import_papers(PG_FUNCTION_ARGS)
{
	return hub_import(fcinfo, KIND_PAPERS);
}

/* What one run of the record loop needs. */
typedef struct ImportRun
{
	HubKind		kind;
	const char *source;			/* file name or 'client', for messages */
	bool		skip;
	DateADT		snapshot;
	int64		import_id;
} ImportRun;

/*
 * Parse, map and store every record the reader yields (SPI connected);
 * returns the number imported and adds the counts to hub.imports.
 */
static int64
run_import(ImportRun *ir, Reader *rd_ptr)
{
	HubKind		kind = ir->kind;
	const char *path = ir->source;
	bool		skip = ir->skip;
	DateADT		snapshot = ir->snapshot;
	int64		import_id = ir->import_id;
	int64		imported = 0,
				rejected = 0;
	SPIPlanPtr	reject_plan;
	Batch	   *batch = palloc(sizeof(Batch));
	MemoryContext reccxt,
				old;
#define rd (*rd_ptr)

	batch_init(batch, kind, snapshot, import_id);
	reject_plan = prepare("INSERT INTO hub.import_rejects (import_id, line, reason, raw) VALUES ($1, $2, $3, $4)",
						  4, (Oid[]) {INT8OID, INT8OID, TEXTOID, TEXTOID});

	reccxt = AllocSetContextCreate(CurrentMemoryContext, "hub import record", ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		Rec			r;
		const char *problem;
		cJSON	   *json = NULL;
		bool		more;

		CHECK_FOR_INTERRUPTS();
		more = rd.array ? read_element(&rd) : read_line(&rd);
		if (!more)
			break;
		old = MemoryContextSwitchTo(reccxt);
		problem = NULL;
		if (!rd.array)
		{
			/* a blank line is no record */
			bool		blank = true;

			for (int i = 0; i < rd.rec.len && blank; i++)
				blank = (rd.rec.data[i] == ' ' || rd.rec.data[i] == '\t' || rd.rec.data[i] == '\r');
			if (blank)
			{
				MemoryContextSwitchTo(old);
				MemoryContextReset(reccxt);
				continue;
			}
		}
		problem = raw_problem(rd.rec.data, rd.rec.len);
		if (problem == NULL)
		{
			json = cJSON_ParseWithLength(rd.rec.data, rd.rec.len);
			if (json == NULL)
				problem = "malformed JSON";
		}
		if (problem == NULL)
		{
			if (kind == KIND_DATASETS)
				map_dataset(json, &r);
			else if (kind == KIND_MODELS)
				map_model(json, &r);
			else if (kind == KIND_SPACES)
				map_space(json, &r);
			else if (kind == KIND_PAPERS)
				map_paper(json, &r);
			else
				map_namespace(json, &r);
			problem = r.problem;
		}
		if (problem == NULL)
		{
			batch_add(batch, &r);
			imported++;
		}
		if (json)
			cJSON_Delete(json);
		if (problem != NULL)
		{
			if (!skip)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid record at line " INT64_FORMAT " of \"%s\": %s", rd.line, path, problem),
						 errdetail("Nothing was imported."),
						 errhint("on_error => 'skip' imports the other records and lists the rejected ones in hub.import_rejects.")));
			{
				Datum		v[4] = {Int64GetDatum(import_id), Int64GetDatum(rd.line), CStringGetTextDatum(problem),
				(Datum) 0};
				char		nn[4] = {' ', ' ', ' ', ' '};

				/* the raw text; bytes text cannot hold are written \xNN */
				if (memchr(rd.rec.data, '\0', rd.rec.len) == NULL &&
					pg_verify_mbstr(PG_UTF8, rd.rec.data, rd.rec.len, true))
					v[3] = PointerGetDatum(cstring_to_text_with_len(rd.rec.data, rd.rec.len));
				else
				{
					StringInfoData esc;

					initStringInfo(&esc);
					for (int i = 0; i < rd.rec.len; i++)
					{
						unsigned char b = (unsigned char) rd.rec.data[i];

						if (b >= 0x20 && b < 0x7f && b != '\\')
							appendStringInfoChar(&esc, (char) b);
						else
							appendStringInfo(&esc, "\\x%02x", b);
					}
					v[3] = CStringGetTextDatum(esc.data);
				}
				if (SPI_execute_plan(reject_plan, v, nn, false, 0) != SPI_OK_INSERT)
					elog(ERROR, "storing a rejected record failed");
				MemoryContextSwitchTo(reccxt);
			}
			rejected++;
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(reccxt);
	}
#undef rd
	batch_flush(batch);
	{
		Datum		v[3] = {Int64GetDatum(import_id), Int64GetDatum(imported), Int64GetDatum(rejected)};

		if (SPI_execute_with_args("UPDATE hub.imports SET records = coalesce(records, 0) OPERATOR(pg_catalog.+) $2, "
								  "rejects = coalesce(rejects, 0) OPERATOR(pg_catalog.+) $3 "
								  "WHERE import_id OPERATOR(pg_catalog.=) $1",
								  3, (Oid[]) {INT8OID, INT8OID, INT8OID}, v, NULL, false, 0) != SPI_OK_UPDATE)
			elog(ERROR, "recording the import failed");
	}
	/* last: the store notes the command counter its carry is valid at */
	if (batch->store)
		hub_store_close(batch->store);
	return imported;
}

static bool
parse_on_error(const char *on_error)
{
	if (strcmp(on_error, "stop") == 0)
		return false;
	if (strcmp(on_error, "skip") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value for on_error: \"%s\"", on_error),
			 errhint("on_error must be 'stop' or 'skip'.")));
	return false;				/* keep compiler quiet */
}

/* A first non-blank '[' means one JSON array; anything else JSON Lines. */
static void
detect_format(Reader *rd)
{
	int			c;
	uint32		nread = 0;

	while ((c = rd_getc(rd)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
	{
		if (c == '\n')
			rd->cur_line++;
		ECO_CHECK_INTERRUPTS_EVERY(++nread);
	}
	if (c == '[')
		rd->array = true;
	else if (c != EOF)
		rd->pos--;				/* the byte is still in buf */
}

/*
 * From a server file, for models, datasets or namespaces: check privileges, open and
 * detect the file, record the import, run the record loop.
 */
static Datum
hub_import(FunctionCallInfo fcinfo, HubKind kind)
{
	ImportRun	ir;
	char	   *path = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *on_error = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Reader		rd;
	int64		imported;

	ir.kind = kind;
	ir.source = path;
	ir.snapshot = PG_GETARG_DATEADT(2);
	if (!superuser() && !has_privs_of_role(GetUserId(), ROLE_PG_READ_SERVER_FILES))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to import a server file"),
				 errdetail("Only superusers and roles with the privileges of pg_read_server_files may read files on the server."),
				 errhint("Import from the client side instead: the ecostats-import command, or hub.import_begin / hub.import_chunk.")));
	ir.skip = parse_on_error(on_error);

	rd_open(&rd, path);
	detect_format(&rd);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	{
		Datum		v[4] = {CStringGetTextDatum(kind_names[kind]), CStringGetTextDatum(path),
		DateADTGetDatum(ir.snapshot), CStringGetTextDatum(on_error)};
		Oid			t[4] = {TEXTOID, TEXTOID, DATEOID, TEXTOID};
		bool		isnull;

		if (SPI_execute_with_args("INSERT INTO hub.imports (kind, file, snapshot, on_error) "
								  "VALUES ($1, $2, $3, $4) RETURNING import_id",
								  4, t, v, NULL, false, 1) != SPI_OK_INSERT_RETURNING)
			elog(ERROR, "recording the import failed");
		ir.import_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	imported = run_import(&ir, &rd);
	rd_close(&rd);
	if (SPI_execute_with_args("SELECT hub.import_finish($1, $2)", 2, (Oid[]) {INT8OID, BOOLOID},
							  (Datum[]) {Int64GetDatum(ir.import_id), PG_GETARG_DATUM(3)}, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "finishing the import failed");
	SPI_finish();
	PG_RETURN_INT64(imported);
}

/*
 * hub.import_chunk(import_id, records text, first_line bigint): the same
 * parser for records sent by a client (JSON Lines, or one JSON array), for
 * an import opened with hub.import_begin.  Needs no file privileges.
 */
Datum
hub_import_chunk(PG_FUNCTION_ARGS)
{
	ImportRun	ir;
	text	   *records = PG_GETARG_TEXT_PP(1);
	int64		first_line = PG_GETARG_INT64(2);
	Reader		rd;
	int64		imported;
	bool		isnull;
	char	   *kind,
			   *on_error;

	ir.import_id = PG_GETARG_INT64(0);
	hub_store_chunk_begin(ir.import_id);
	if (first_line < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("first_line must be at least 1, got " INT64_FORMAT, first_line)));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("SELECT kind, on_error, snapshot, finished_at IS NOT NULL FROM hub.imports "
							  "WHERE import_id OPERATOR(pg_catalog.=) $1 FOR UPDATE",
							  1, (Oid[]) {INT8OID}, (Datum[]) {Int64GetDatum(ir.import_id)}, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "reading the import failed");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("there is no import " INT64_FORMAT, ir.import_id),
				 errhint("Open one with hub.import_begin('models', 'datasets', 'namespaces', 'spaces' or 'papers', …).")));
	kind = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	on_error = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	ir.snapshot = DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
	if (DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4, &isnull)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("import " INT64_FORMAT " is already finished", ir.import_id)));
	ir.kind = KIND_MODELS;
	for (int k = 0; k < (int) lengthof(kind_names); k++)
		if (strcmp(kind, kind_names[k]) == 0)
			ir.kind = (HubKind) k;
	ir.source = "the client's input";
	ir.skip = parse_on_error(on_error);

	memset(&rd, 0, sizeof(rd));
	rd.path = ir.source;
	rd.buf = (unsigned char *) VARDATA_ANY(records);
	rd.len = VARSIZE_ANY_EXHDR(records);
	rd.cur_line = first_line;
	initStringInfo(&rd.rec);
	detect_format(&rd);
	imported = run_import(&ir, &rd);
	SPI_finish();
	PG_RETURN_INT64(imported);
}

/*-------------------------------------------------------------------------
 *
 * lineage_ids.c
 *	  What the lineage type and the Hub importer share about ids: the id
 *	  rule (lineage_id_problem), the relation names, message clipping, the
 *	  frozen GIN key hash and the keyed interning table.
 *
 * Compiled into both extensions' modules (ecostats and ecostats_hub), so
 * that neither library links against the other; each has its own
 * SipHash key.
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"
#include "lineage.h"

#include "common/pg_prng.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/memutils.h"

const char *const rel_names[REL_COUNT] = {"unknown", "finetune", "adapter", "quantized", "merge"};

/* ------------------------------------------------------------------------
 * The id rule, messages, and the keyed id table
 * ------------------------------------------------------------------------
 */

const char *
lineage_id_problem(const char *id, int len)
{
	if (len < 1)
		return "an id must not be empty";
	if (len > LINEAGE_MAX_ID)
		return "an id must not be longer than " CppAsString2(LINEAGE_MAX_ID) " bytes";
	for (int i = 0; i < len; i++)
		if ((unsigned char) id[i] < 0x20 || id[i] == 0x7f)
			return "an id must not contain control characters";
	return NULL;
}

char *
lineage_clip(const char *s, int max_bytes, bool *clipped)
{
	size_t		len = strlen(s);
	int			cut;

	if (len <= (size_t) max_bytes)
	{
		*clipped = false;
		return pstrdup(s);
	}
	*clipped = true;
	/* pg_mbcliplen reads no further than the limit (plus one character) */
	cut = pg_mbcliplen(s, (int) Min(len, (size_t) max_bytes + MAX_MULTIBYTE_CHAR_LEN), max_bytes);
	return pnstrdup(s, cut);
}

/* The GIN key hash: FNV-1a, frozen (see lineage.h). */
uint32
lineage_id_hash(const char *id, int len)
{
	uint32		h = 2166136261u;

	for (int i = 0; i < len; i++)
		h = (h ^ (unsigned char) id[i]) * 16777619u;
	return h;
}

/*
 * SipHash-2-4 (Aumasson and Bernstein), a keyed hash made for exactly this:
 * without the key, nobody can choose inputs that collide.  The key is drawn
 * once per backend.
 */
static uint64 sip_k0,
			sip_k1;
static bool sip_keyed = false;

#define SIP_ROTL(x, b) (uint64) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIP_ROUND \
	do { \
		v0 += v1; v1 = SIP_ROTL(v1, 13); v1 ^= v0; v0 = SIP_ROTL(v0, 32); \
		v2 += v3; v3 = SIP_ROTL(v3, 16); v3 ^= v2; \
		v0 += v3; v3 = SIP_ROTL(v3, 21); v3 ^= v0; \
		v2 += v1; v1 = SIP_ROTL(v1, 17); v1 ^= v2; v2 = SIP_ROTL(v2, 32); \
	} while (0)

static uint64
siphash24(const unsigned char *in, size_t len, uint64 k0, uint64 k1)
{
	uint64		v0 = UINT64CONST(0x736f6d6570736575) ^ k0;
	uint64		v1 = UINT64CONST(0x646f72616e646f6d) ^ k1;
	uint64		v2 = UINT64CONST(0x6c7967656e657261) ^ k0;
	uint64		v3 = UINT64CONST(0x7465646279746573) ^ k1;
	uint64		b = ((uint64) len) << 56;
	const unsigned char *end = in + len - (len % 8);

	for (; in != end; in += 8)
	{
		uint64		mi = 0;

		for (int i = 0; i < 8; i++)
			mi |= ((uint64) in[i]) << (8 * i);
		v3 ^= mi;
		SIP_ROUND;
		SIP_ROUND;
		v0 ^= mi;
	}
	for (int i = 0; i < (int) (len % 8); i++)
		b |= ((uint64) in[i]) << (8 * i);
	v3 ^= b;
	SIP_ROUND;
	SIP_ROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIP_ROUND;
	SIP_ROUND;
	SIP_ROUND;
	SIP_ROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

uint64
lineage_keyed_hash(const char *id, int len)
{
	if (unlikely(!sip_keyed))
	{
		uint64		k[2];

		if (!pg_strong_random(k, sizeof(k)))
		{
			/* no strong source: the backend's PRNG is still unknown to a client */
			k[0] = pg_prng_uint64(&pg_global_prng_state);
			k[1] = pg_prng_uint64(&pg_global_prng_state);
		}
		sip_k0 = k[0];
		sip_k1 = k[1];
		sip_keyed = true;
	}
	return siphash24((const unsigned char *) id, (size_t) len, sip_k0, sip_k1);
}

/* Largest table: 2^31 slots, so index + 1 and the tag fit in a slot. */
#define IDTAB_MAX_SLOTS		((Size) 1 << 31)

void
lineage_idtab_init(LineageIdTab *t)
{
	memset(t, 0, sizeof(*t));
	t->cxt = CurrentMemoryContext;
}

/*
 * Slots hold the hash's upper 32 bits (the tag) and index + 1; a slot's
 * home is the tag's top bits, so the table grows without rehashing ids.
 */
static inline Size
idtab_home(uint64 tag, Size nslots)
{
	int			bits = pg_leftmost_one_pos64(nslots);	/* nslots = 2^bits */

	return bits == 0 ? 0 : (Size) (tag >> (32 - bits));
}

static void
idtab_grow(LineageIdTab *t)
{
	Size		ns = t->nslots ? t->nslots * 2 : 1024;
	uint64	   *old = t->slots;
	Size		oldn = t->nslots;

	if (ns > IDTAB_MAX_SLOTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct lineage ids (at most %d)", (int) (IDTAB_MAX_SLOTS / 2))));
	t->slots = MemoryContextAllocHuge(t->cxt, sizeof(uint64) * ns);
	memset(t->slots, 0, sizeof(uint64) * ns);
	t->nslots = ns;
	for (Size k = 0; k < oldn; k++)
	{
		Size		h;

		if (old[k] == 0)
			continue;
		h = idtab_home(old[k] >> 32, ns);
		while (t->slots[h] != 0)
			h = (h + 1) & (ns - 1);
		t->slots[h] = old[k];
		ECO_CHECK_INTERRUPTS_EVERY(k);
	}
	if (old)
		pfree(old);
}

int32
lineage_idtab_intern(LineageIdTab *t, const char *id, int len, bool copy, bool *isnew)
{
	uint64		tag;
	Size		h;

	if ((Size) (t->n + 1) * 2 > t->nslots)
		idtab_grow(t);
	tag = lineage_keyed_hash(id, len) >> 32;
	h = idtab_home(tag, t->nslots);
	while (t->slots[h] != 0)
	{
		uint64		slot = t->slots[h];

		if ((slot >> 32) == tag)
		{
			int32		i = (int32) (slot & 0xFFFFFFFF) - 1;

			if (t->lens[i] == len && memcmp(t->ids[i], id, len) == 0)
			{
				if (isnew)
					*isnew = false;
				return i;
			}
		}
		h = (h + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap)
	{
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->ids = t->ids ? repalloc_huge(t->ids, sizeof(char *) * t->cap) :
			MemoryContextAllocHuge(t->cxt, sizeof(char *) * t->cap);
		t->lens = t->lens ? repalloc_huge(t->lens, sizeof(int) * t->cap) :
			MemoryContextAllocHuge(t->cxt, sizeof(int) * t->cap);
	}
	if (copy)
	{
		if ((Size) len > t->arena_left)
		{
			Size		chunk = Max((Size) 65536, (Size) len);

			t->arena = MemoryContextAlloc(t->cxt, chunk);
			t->arena_left = chunk;
		}
		memcpy(t->arena, id, len);
		id = t->arena;
		t->arena += len;
		t->arena_left -= len;
	}
	t->ids[t->n] = id;
	t->lens[t->n] = len;
	t->slots[h] = (tag << 32) | (uint64) (t->n + 1);
	if (isnew)
		*isnew = true;
	return t->n++;
}


/*-------------------------------------------------------------------------
 *
 * ecostats.c
 *	  Module entry of the ecostats extension.
 *
 * One file per concern: numutil.c (sorting, number I/O, argument checks),
 * distribution.c (the distribution type and the holistic aggregates'
 * transitions), topk.c (topk_state and top_k_share), stats.c (the
 * statistics over a distribution).
 *
 *-------------------------------------------------------------------------
 */
#include "ecostats.h"

PG_MODULE_MAGIC;

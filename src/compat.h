/*-------------------------------------------------------------------------
 *
 * compat.h
 *	  Every difference between the PostgreSQL majors ecostats supports
 *	  (15, 16, 17, 18), in one place.  No other file tests PG_VERSION_NUM.
 *
 * Included by ecostats.h (and so by every .c file) right after postgres.h.
 * It includes no header beyond those: the wrappers are macros, expanded
 * where they are used, so each .c file includes the PostgreSQL headers the
 * wrapped call needs, as it would without this file.
 *
 * Tested on 15, 17 and 18.  16 is not packaged where the tests run: its
 * guards were checked by reading PostgreSQL's source of the 16 cycle
 * (miscnodes.h and elog.h's errsave/ereturn, parse_relation.h's
 * addRTEPermissionInfo, executor.h's ExecInitRangeTable with permInfos and
 * ExecInsertIndexTuples with onlySummarizing, tableam.h's TU_UpdateIndexes,
 * vacuum.h's VacAttrStats.attr and vacuum_delay_point(void), proc.h's
 * PGPROC.lxid, c.h's pg_attribute_noreturn(), relcache.h's one-argument
 * RelationGetPrimaryKeyIndex, genam.h's five-argument index_beginscan), and
 * the other executor and catalog calls the direct store makes were checked
 * to be the same in 15, 16 and 17.
 *
 *-------------------------------------------------------------------------
 */
#ifndef ECOSTATS_COMPAT_H
#define ECOSTATS_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "ecostats needs PostgreSQL 15 or later"
#endif

/*
 * noreturn.  18 replaced the postfix pg_attribute_noreturn() by the prefix
 * pg_noreturn (C11 _Noreturn); older majors have only the postfix form.
 * Write "pg_noreturn extern void f(...);" everywhere.
 */
#ifndef pg_noreturn
#define pg_noreturn _Noreturn
#endif

/*
 * Soft input errors (16: nodes/miscnodes.h, errsave/ereturn, the escontext
 * an input function finds in fcinfo->context).  eco_errsave(ctx, ...) takes
 * the arguments of ereport after the level: with a soft context (16+, called
 * from pg_input_is_valid, COPY ... ON_ERROR and the like) it records the
 * error and returns, and the caller must return too; otherwise it raises an
 * ERROR, as ereport(ERROR, ...) always does on 15.
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#define ECO_ESCONTEXT(fcinfo)		((fcinfo)->context)
#define eco_errsave(ctx, ...)		errsave((ctx), __VA_ARGS__)
#else
#define ECO_ESCONTEXT(fcinfo)		((Node *) NULL)
#define eco_errsave(ctx, ...) \
	do { (void) (ctx); ereport(ERROR, __VA_ARGS__); } while (0)
#endif
/* eco_ereturn(ctx, value, ...): eco_errsave, then return value (as ereturn). */
#define eco_ereturn(ctx, value, ...) \
	do { eco_errsave(ctx, __VA_ARGS__); return (value); } while (0)

/*
 * ANALYZE: 17 removed VacAttrStats.attr (the pg_attribute row) and gave the
 * struct its own attstattarget (-1: use the default), which a typanalyze
 * function may set, as before through attr.
 */
#if PG_VERSION_NUM >= 170000
#define ECO_VACATTR_STATTARGET(stats)	((stats)->attstattarget)
#else
#define ECO_VACATTR_STATTARGET(stats)	((stats)->attr->attstattarget)
#endif

/* 18: vacuum_delay_point(bool is_analyze). */
#if PG_VERSION_NUM >= 180000
#define eco_analyze_delay_point()		vacuum_delay_point(true)
#else
#define eco_analyze_delay_point()		vacuum_delay_point()
#endif

/* 17: PGPROC's lxid moved into vxid (with the proc number). */
#if PG_VERSION_NUM >= 170000
#define ECO_MY_LXID					(MyProc->vxid.lxid)
#else
#define ECO_MY_LXID					(MyProc->lxid)
#endif

/*
 * The executor calls of the direct import path (hub_store.c), which does
 * what COPY FROM does without a plan.
 *
 * Range table: 16 moved permission checks to RTEPermissionInfo nodes, one
 * per relation, that ExecInitRangeTable takes as a list (and that
 * ExecConstraints' error messages consult for the inserted columns); 18
 * also takes the relids left after pruning (all of them here: RT index 1,
 * as COPY FROM passes).  eco_add_rte_perminfo(&list, rte, perms) makes the
 * permission info on 16+ and does nothing on 15 (where the RTE carries
 * them).  It records perms for the messages only: the caller checks the
 * privileges itself.
 */
#if PG_VERSION_NUM >= 160000
#define eco_add_rte_perminfo(listp, rte, perms) \
	((void) (addRTEPermissionInfo((listp), (rte))->requiredPerms = (perms)))
#else
#define eco_add_rte_perminfo(listp, rte, perms) \
	((void) (listp), (void) (rte), (void) (perms))
#endif

#if PG_VERSION_NUM >= 180000
#define eco_exec_init_range_table(estate, rtable, perminfos) \
	ExecInitRangeTable((estate), (rtable), (perminfos), bms_make_singleton(1))
#elif PG_VERSION_NUM >= 160000
#define eco_exec_init_range_table(estate, rtable, perminfos) \
	ExecInitRangeTable((estate), (rtable), (perminfos))
#else
#define eco_exec_init_range_table(estate, rtable, perminfos) \
	((void) (perminfos), ExecInitRangeTable((estate), (rtable)))
#endif

/*
 * Index entries.  16 added onlySummarizing to ExecInsertIndexTuples and made
 * simple_table_tuple_update say which indexes need new entries (TU_None,
 * TU_All, or TU_Summarizing: only BRIN-like ones after a HOT update) instead
 * of a bool.  Declare the out-argument as EcoUpdateIndexes; after the
 * update, ECO_UPDATE_NEEDS_INDEXES(u) says whether to insert index entries
 * and ECO_UPDATE_ONLY_SUMMARIZING(u) is the onlySummarizing argument.
 */
#if PG_VERSION_NUM >= 160000
#define EcoUpdateIndexes				TU_UpdateIndexes
#define ECO_UPDATE_NEEDS_INDEXES(u)		((u) != TU_None)
#define ECO_UPDATE_ONLY_SUMMARIZING(u)	((u) == TU_Summarizing)
#define eco_insert_index_tuples(rri, slot, estate, update, noDupErr, specConflict, arbiters, onlySummarizing) \
	ExecInsertIndexTuples((rri), (slot), (estate), (update), (noDupErr), (specConflict), (arbiters), (onlySummarizing))
#else
#define EcoUpdateIndexes				bool
#define ECO_UPDATE_NEEDS_INDEXES(u)		(u)
#define ECO_UPDATE_ONLY_SUMMARIZING(u)	((void) (u), false)
#define eco_insert_index_tuples(rri, slot, estate, update, noDupErr, specConflict, arbiters, onlySummarizing) \
	((void) (onlySummarizing), \
	 ExecInsertIndexTuples((rri), (slot), (estate), (update), (noDupErr), (specConflict), (arbiters)))
#endif

/*
 * 18: RelationGetPrimaryKeyIndex(rel, deferrable_ok); false keeps what
 * older majors return (an immediate primary key only).
 */
#if PG_VERSION_NUM >= 180000
#define eco_relation_get_pk_index(rel)	RelationGetPrimaryKeyIndex((rel), false)
#else
#define eco_relation_get_pk_index(rel)	RelationGetPrimaryKeyIndex(rel)
#endif

/* 18: index_beginscan takes an IndexScanInstrumentation (NULL: none). */
#if PG_VERSION_NUM >= 180000
#define eco_index_beginscan(heap, index, snapshot, nkeys, norderbys) \
	index_beginscan((heap), (index), (snapshot), NULL, (nkeys), (norderbys))
#else
#define eco_index_beginscan(heap, index, snapshot, nkeys, norderbys) \
	index_beginscan((heap), (index), (snapshot), (nkeys), (norderbys))
#endif

#endif							/* ECOSTATS_COMPAT_H */

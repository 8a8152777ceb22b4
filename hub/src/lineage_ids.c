/*
 * The id rule, relation names and keyed id table shared with the lineage
 * type: the one source file in the ecostats tree, compiled into this module
 * too (see ../../src/lineage_ids.c), so that ecostats_hub.so does not link
 * against ecostats.so.
 */
#include "../../src/lineage_ids.c"

# ecostats — PGXS build.
#
# The install script ecostats--$(EXTVERSION).sql is generated from the
# single source src/ecostats.sql.in; edit that file, never the output.

EXTENSION  = ecostats
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" ecostats.control)

MODULE_big = ecostats
OBJS = src/ecostats.o src/numutil.o src/distribution.o src/topk.o src/stats.o src/lineage.o src/lineage_build.o src/lineage_gin.o src/hub_import.o

DATA_built = ecostats--$(EXTVERSION).sql

# pg_regress suite: one file per area, run in this order.
REGRESS = types aggregates errors windows parallel crosscheck lineage lineage_build catalog
REGRESS_OPTS = --inputdir=. --load-extension=ecostats

SHLIB_LINK += -lcjson -lz

PG_CONFIG ?= pg_config
PG_CFLAGS += -std=gnu11 -Wall -Wextra -Werror

EXTRA_CLEAN = ecostats--$(EXTVERSION).sql

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

ecostats--$(EXTVERSION).sql: src/ecostats.sql.in ecostats.control
	sed 's/@EXTVERSION@/$(EXTVERSION)/g' $< > $@

$(OBJS): src/ecostats.h src/lineage.h

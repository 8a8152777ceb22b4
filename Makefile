# ecostats — PGXS build.
#
# The install script ecostats--$(EXTVERSION).sql is generated from the
# single source src/ecostats.sql.in, followed by the hub.authors seed
# (src/hub_authors_seed.sql), the report views (src/hub_report.sql) and the
# refresh (src/hub_refresh.sql); edit those, never the output.

EXTENSION  = ecostats
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" ecostats.control)

MODULE_big = ecostats
OBJS = src/ecostats.o src/numutil.o src/distribution.o src/topk.o src/stats.o src/lineage.o src/lineage_build.o src/lineage_gin.o src/hub_import.o src/hub_store.o

DATA_built = ecostats--$(EXTVERSION).sql

# pg_regress suite: one file per area, run in this order.
REGRESS = types aggregates errors windows parallel crosscheck lineage lineage_build lineage_hardening hub report refresh stats_hardening soft_errors catalog
REGRESS_OPTS = --inputdir=. --load-extension=ecostats

SHLIB_LINK += -lcjson -lz

PG_CONFIG ?= pg_config
PG_CFLAGS += -std=gnu11 -Wall -Wextra -Werror

EXTRA_CLEAN = ecostats--$(EXTVERSION).sql ecostats-import ecostats-generate

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

SQL_PARTS = src/hub_authors_seed.sql src/hub_report.sql src/hub_refresh.sql

ecostats--$(EXTVERSION).sql: src/ecostats.sql.in $(SQL_PARTS) ecostats.control
	sed 's/@EXTVERSION@/$(EXTVERSION)/g' src/ecostats.sql.in > $@
	cat $(SQL_PARTS) >> $@

$(OBJS): src/compat.h src/ecostats.h src/lineage.h src/hub_store.h

# The client commands, installed beside psql: ecostats-import (libpq + zlib)
# and ecostats-generate (libc and libm only).
PG_INCLUDEDIR := $(shell $(PG_CONFIG) --includedir)
PG_LIBDIR := $(shell $(PG_CONFIG) --libdir)
CLIENT_CFLAGS = -O2 -g -std=gnu11 -Wall -Wextra -Werror

all: ecostats-import ecostats-generate

ecostats-import: client/ecostats_import.c
	$(CC) $(CLIENT_CFLAGS) -I$(PG_INCLUDEDIR) -o $@ $< -L$(PG_LIBDIR) -lpq -lz

ecostats-generate: client/ecostats_generate.c
	$(CC) $(CLIENT_CFLAGS) -o $@ $< -lm

install: install-client

install-client: ecostats-import ecostats-generate
	$(INSTALL_PROGRAM) ecostats-import '$(DESTDIR)$(bindir)/ecostats-import'
	$(INSTALL_PROGRAM) ecostats-generate '$(DESTDIR)$(bindir)/ecostats-generate'

uninstall: uninstall-client

uninstall-client:
	rm -f '$(DESTDIR)$(bindir)/ecostats-import'
	rm -f '$(DESTDIR)$(bindir)/ecostats-generate'

.PHONY: install-client uninstall-client

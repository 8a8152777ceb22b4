# ecostats — PGXS build of the two extensions in this repository:
#
#   ecostats      (this directory) the generic layer: statistics aggregates,
#                 distribution, topk_state, lineage, lineage_build, GIN;
#   ecostats_hub  (hub/) the Hugging Face Hub layer: schema hub, importer,
#                 report views, refresh; requires ecostats.
#
# `make`, `make install`, `make installcheck` and `make clean` here also run
# in hub/ (which builds the client commands too).  The install script
# ecostats--$(EXTVERSION).sql is generated from src/ecostats.sql.in (edit that,
# never the output); the update scripts are in upgrade/ as installed;
# upgrade/ecostats--0.1.0.sql is the 0.1.0 install
# script as released, frozen.

EXTENSION  = ecostats
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" ecostats.control)

MODULE_big = ecostats
OBJS = src/ecostats.o src/numutil.o src/distribution.o src/topk.o src/stats.o src/lineage.o src/lineage_ids.o src/lineage_build.o src/lineage_gin.o

DATA_built = ecostats--$(EXTVERSION).sql
DATA = upgrade/ecostats--0.1.0.sql upgrade/ecostats--0.1.0.control upgrade/ecostats--0.1.0--0.2.0.sql

# pg_regress suite of the generic layer: one file per area, in this order
# (the Hub layer's suite is in hub/).
REGRESS = types aggregates errors windows parallel crosscheck lineage lineage_build lineage_order lineage_hardening stats_hardening soft_errors catalog
REGRESS_OPTS = --inputdir=. --load-extension=ecostats
# TAP tests (test/t/*.pl, PostgreSQL::Test::Cluster): what needs servers of
# their own, other sessions or signals; each starts its own node
TAP_TESTS = 1
PROVE_TESTS = test/t/*.pl

PG_CONFIG ?= pg_config
PG_CFLAGS += -std=gnu11 -Wall -Wextra -Werror

EXTRA_CLEAN = ecostats--$(EXTVERSION).sql

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

ecostats--$(EXTVERSION).sql: src/ecostats.sql.in ecostats.control
	sed 's/@EXTVERSION@/$(EXTVERSION)/g' $< > $@

$(OBJS): src/ecostats.h src/compat.h src/lineage.h

# --- the Hub layer --------------------------------------------------------
all: hub-all
install: hub-install
# ECO_ONLY_HERE=1: this layer's installcheck only (test/run runs the layers
# and kinds of tests one at a time)
ifndef ECO_ONLY_HERE
installcheck: hub-installcheck
endif
clean: hub-clean
uninstall: hub-uninstall

hub-all hub-install hub-installcheck hub-clean hub-uninstall:
	$(MAKE) -C hub PG_CONFIG='$(PG_CONFIG)' $(patsubst hub-%,%,$@)

.PHONY: hub-all hub-install hub-installcheck hub-clean hub-uninstall

# --- the PGXN distribution ------------------------------------------------
# make dist: ecostats-$(EXTVERSION).zip, a git archive of HEAD (committed
# files only) with every path under ecostats-$(EXTVERSION)/ and META.json at
# its top, as PGXN expects.  Refused when META.json's version, or either
# extension's version in it, differs from the control files'.
DISTNAME = $(EXTENSION)-$(EXTVERSION)

dist:
	@test "$$(grep -o '"version": *"$(EXTVERSION)"' META.json | wc -l)" -eq 3 || \
	    { echo "META.json: the distribution and both extensions in \"provides\" must be version $(EXTVERSION) (ecostats.control)" >&2; exit 1; }
	@grep -q "^default_version = '$(EXTVERSION)'" hub/ecostats_hub.control || \
	    { echo "hub/ecostats_hub.control: default_version is not $(EXTVERSION)" >&2; exit 1; }
	@git diff --quiet HEAD -- || echo "make dist: uncommitted changes are not in $(DISTNAME).zip (an archive of HEAD)" >&2
	git archive --format=zip --prefix=$(DISTNAME)/ -o $(DISTNAME).zip HEAD

.PHONY: dist

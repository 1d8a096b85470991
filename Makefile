# cpconf: PGXS build.  `make test` and `make demo` set up everything they
# need (packages, build, a throwaway server): see test/run and test/demo/run.

EXTENSION = cpconf
MODULE_big = cpconf
OBJS = src/module.o src/base.o src/profiles.o src/bank_holidays.o src/calendar.o src/timescales.o src/labels.o src/conference.o src/quoracy.o src/plan.o src/enforcement.o src/reporting.o
# The current version's install script is built from one SQL source per
# layer, in layer order; earlier versions' scripts and the update scripts
# between versions are kept as released.
CPCONF_VERSION = 0.5
LAYERS_SQL = src/sql/base.sql src/sql/calendar.sql src/sql/profiles.sql src/sql/timescales.sql \
	src/sql/labels.sql src/sql/conference.sql src/sql/plan.sql src/sql/mapping.sql src/sql/enforcement.sql \
	src/sql/reporting.sql
DATA_built = cpconf--$(CPCONF_VERSION).sql cpconf--0.4--0.5.sql
DATA = src/cpconf--0.1.sql src/cpconf--0.1--0.2.sql src/cpconf--0.2--0.3.sql src/cpconf--0.3--0.4.sql
# The update to 0.5 is its hand-written part, then the layers new in 0.5 as
# they are (until 0.5 is released and the script frozen).
UPDATE_0_5_SQL = src/sql/update--0.4--0.5.sql src/sql/mapping.sql src/sql/enforcement.sql src/sql/reporting.sql

# pg_regress suites, in order: install and uninstall bracket the layers.
REGRESS = install calendar calendar_data timescales conference discontinuation errors reliability mapping enforcement reporting uninstall
ISOLATION = calendar_cache config_writes enforcement
ISOLATION_OPTS = --inputdir=test/isolation

PG_CPPFLAGS = -Isrc -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
	-DCPCONF_VERSION='"$(CPCONF_VERSION)"'
EXTRA_CLEAN = results output_iso regression.diffs regression.out test/property/results \
	test/property/regression.diffs test/property/regression.out

# No LLVM bitcode: JIT inlining of cpconf's functions is not worth a
# dependency on clang.
override with_llvm := no

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

.DEFAULT_GOAL := all
.PHONY: test demo bench

# test and demo install what is missing first, so they must not need PGXS.
test:
	bash test/run

demo:
	bash test/demo/run

bench:
	bash test/bench/run

ifneq ($(wildcard $(PGXS)),)
include $(PGXS)

cpconf--$(CPCONF_VERSION).sql: $(LAYERS_SQL)
	{ printf '/* cpconf--$(CPCONF_VERSION).sql: cpconf $(CPCONF_VERSION), built by make from the files in src/sql; edit those. */\n\n'; \
	  printf '\\echo Use "CREATE EXTENSION cpconf" to load this file. \\quit\n'; \
	  for f in $(LAYERS_SQL); do printf '\n'; cat $$f; done; } > $@

cpconf--0.4--0.5.sql: $(UPDATE_0_5_SQL)
	{ printf '/* cpconf--0.4--0.5.sql: update from cpconf 0.4 to 0.5, built by make from the files in src/sql; edit those. */\n\n'; \
	  for f in $(UPDATE_0_5_SQL); do printf '\n'; cat $$f; done; } > $@

# PGXS does not track headers: rebuild every object when one changes.
$(OBJS): $(wildcard src/*.h)
else
all install installcheck:
	@echo "PostgreSQL's server development files are missing (pg_config --pgxs: '$(PGXS)')." >&2
	@echo "Install postgresql-server-dev-15, or run 'make test', which installs them." >&2
	@exit 1
endif

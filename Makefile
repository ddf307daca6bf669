# richcheck - SQLite checks for emails, lengths and money, with their own codes.
#
#   make            build/richcheck.so and build/librichcheck.a
#   make demo       the demo in the sqlite3 shell
#   make test       every test/*.test; ends with "N passed, N failed"
#   make bench      speed ratios against SQLite's built-ins, same run
#   make asan       the whole suite on an ASan+UBSan build
#   make fuzz       libFuzzer targets, a fixed number of runs each
#   make fuzz-long  every libFuzzer target for FUZZ_SECONDS (600) each
#   make fault      out of memory at every allocation, interrupts at every tick
#   make tsan       threads and connections under ThreadSanitizer
#   make valgrind   every test file's tclsh under valgrind: no definite leak
#   make lint       clang-format and cppcheck
#   make dqlite     build/richcheck-dqlite, the dqlite node host
#   make install    PREFIX=/usr/local DESTDIR= (mk/deb.mk)
#   make deb        build/deb/libsqlite3-mod-richcheck_<version>_<arch>.deb;
#                   make deb-check (root) installs and uses it
#   make npm        build/npm/richcheck-<version>.tgz (mk/npm.mk)
#   make portable   build/portable/richcheck.so, ICU inside (mk/portable.mk)
#   make wheel      build/dist/richcheck-<version>-py3-none-<platform>.whl

CC ?= cc
CFLAGS ?= -O2 -g
WERROR ?= -Werror
WARN = -Wall -Wextra $(WERROR)
PREFIX ?= /usr/local
PYTHON ?= /usr/bin/python3
TCLSH ?= tclsh

B = build
SRC = ext/richcheck.c ext/report.c ext/codes.c ext/text.c ext/utf8.c ext/grapheme.c ext/email.c ext/email_fast.c ext/email_sql.c \
      ext/currency.c ext/money.c ext/money_sql.c ext/money_fmt.c \
      ext/money_fmt_sql.c ext/rule.c ext/rule_sql.c ext/rule_change.c \
      ext/rule_home.c ext/rule_check.c ext/rule_schema.c ext/violations.c \
      ext/tabledef.c ext/uuid.c ext/uuid_sql.c ext/datetime.c ext/datetime_sql.c \
      ext/number.c ext/number_sql.c ext/assert.c ext/pattern.c ext/pattern_sql.c \
      ext/constraint.c ext/constraint_scan.c
HDR = include/richcheck.h ext/richcheck_int.h ext/utf8.h ext/grapheme.h ext/email.h ext/email_int.h \
      ext/currency.h ext/currency_table.h ext/money.h ext/money_fmt.h ext/rule.h \
      ext/tabledef.h ext/rule_schema.h ext/uuid.h ext/datetime.h ext/number.h \
      ext/pattern.h
CPPFLAGS_RC = -Iinclude -Iext
LIBS = -licui18n -licuuc -lpcre2-8 -lm
# richcheck.so is never unloaded: sqlite3_close dlcloses extensions, and
# unloading it would unload ICU, whose process-lifetime caches then leak
# (about 6.7 KB at every load and close).
SO_LDFLAGS = -Wl,-z,nodelete

SO_OBJ = $(SRC:ext/%.c=$(B)/so/%.o)
CORE_OBJ = $(SRC:ext/%.c=$(B)/core/%.o)
ASAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
             -fno-sanitize-recover=undefined

.PHONY: all deps demo test test-bins asan valgrind fuzz fuzz-long fault tsan \
        bench bench-python lint install clean dqlite wheel

all: $(B)/richcheck.so $(B)/librichcheck.a

# Packages are checked before anything compiles (order-only, so make -j
# waits for it); NODEPS=1 skips the check.
deps:
	@tools/deps.sh build

$(SO_OBJ) $(CORE_OBJ): | deps

$(B)/so/%.o: ext/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 -fPIC -fvisibility=hidden $(CPPFLAGS_RC) -c $< -o $@

$(B)/core/%.o: ext/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 -fPIC -fvisibility=hidden -DSQLITE_CORE $(CPPFLAGS_RC) -c $< -o $@

$(B)/richcheck.so: $(SO_OBJ)
	$(CC) $(CFLAGS) -shared $(SO_LDFLAGS) -o $@ $(SO_OBJ) $(LIBS)

# One relocatable object whose only global symbol is the entry point, so a
# program linking the library never meets richcheck's internal names.
$(B)/librichcheck.a: $(CORE_OBJ)
	rm -f $@
	ld -r -o $(B)/core/richcheck_all.o $(CORE_OBJ)
	objcopy --localize-hidden $(B)/core/richcheck_all.o
	ar rcs $@ $(B)/core/richcheck_all.o

# Test-only artefacts: never installed.
$(B)/rctest.so: test/rctest.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 -fPIC -shared -Wl,-z,nodelete -o $@ $<

$(B)/richcheck_minver.so: $(SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 -fPIC -fvisibility=hidden -shared $(SO_LDFLAGS) $(CPPFLAGS_RC) \
	  -DRICHCHECK_MIN_SQLITE_VERSION_NUMBER=999000000 \
	  '-DRICHCHECK_MIN_SQLITE_VERSION="999.0.0"' -o $@ $(SRC) $(LIBS)

# The grapheme fast path against ICU's break iterator (issue 18), run by
# test/grapheme_diff.test: the pure code alone, no SQLite.
$(B)/grapheme_diff: test/grapheme_diff.c ext/grapheme.c ext/grapheme.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 $(CPPFLAGS_RC) -o $@ test/grapheme_diff.c \
	  ext/grapheme.c $(LIBS)
# The fast money reader against the full parser (test/money_fast.test):
# the pure code only, as the fuzz targets link it.
$(B)/money_fast: test/money_fast.c ext/money.c ext/currency.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 $(CPPFLAGS_RC) -o $@ $< ext/money.c \
	  ext/currency.c -lm

$(B)/static_host: test/static_host.c $(B)/librichcheck.a
	$(CC) $(CFLAGS) $(WARN) -std=c11 -Iinclude -o $@ $< $(B)/librichcheck.a -lsqlite3 $(LIBS)

# The email validator's one-pass paths against its full path (issue 18).
$(B)/email_fastdiff: test/email_fastdiff.c ext/email.c ext/email_fast.c ext/utf8.c ext/email.h \
  ext/email_int.h ext/utf8.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 $(CPPFLAGS_RC) -o $@ test/email_fastdiff.c \
	  ext/email.c ext/email_fast.c ext/utf8.c -licui18n -licuuc

# The dqlite node host and the cluster test's Go client (issue 7): built by
# make dqlite, and by make test where libdqlite-dev and Debian's go-dqlite
# sources are installed (.ci/run installs them).
DQLITE_BINS = $(B)/richcheck-dqlite $(B)/rcclient
HAVE_DQLITE := $(shell test -f /usr/include/dqlite.h && command -v go >/dev/null && \
  test -d /usr/share/gocode/src/github.com/canonical/go-dqlite && echo yes)

dqlite: | deps
	@tools/deps.sh dqlite
	@$(MAKE) --no-print-directory $(DQLITE_BINS)

$(B)/richcheck-dqlite: host/richcheck_dqlite.c $(B)/librichcheck.a include/richcheck.h
	$(CC) $(CFLAGS) $(WARN) -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -o $@ $< \
	  $(B)/librichcheck.a -ldqlite -lsqlite3 $(LIBS) -ldl -pthread

# Offline, from Debian's go-dqlite sources: no module download.
$(B)/rcclient: test/dqlite/rcclient.go
	@mkdir -p $(B)/gocache
	GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOCACHE=$(CURDIR)/$(B)/gocache \
	  go build -tags libsqlite3 -o $@ $<

# The Python package (python/): a copy of it with the extension and
# _build.py (version and codes, read from the extension) beside its
# modules, built offline with Debian's python3-build: no index, no
# isolation.
PY_SRC = python/pyproject.toml python/setup.py python/README.md \
         python/gen_build.py $(wildcard python/richcheck/*.py)

wheel: $(B)/richcheck.so | deps
	@tools/deps.sh wheel
	@$(MAKE) --no-print-directory $(B)/dist/.built

$(B)/dist/.built: $(B)/richcheck.so $(PY_SRC)
	rm -rf $(B)/pybuild $(B)/dist
	mkdir -p $(B)/pybuild/richcheck $(B)/dist
	cp python/pyproject.toml python/setup.py python/README.md $(B)/pybuild/
	cp python/richcheck/*.py $(B)/pybuild/richcheck/
	objcopy --strip-debug $(B)/richcheck.so $(B)/pybuild/richcheck/richcheck.so
	$(PYTHON) python/gen_build.py $(B)/richcheck.so $(B)/pybuild/richcheck/_build.py
	cd $(B)/pybuild && $(PYTHON) -m build --wheel --no-isolation \
	  --skip-dependency-check --outdir $(CURDIR)/$(B)/dist . >$(CURDIR)/$(B)/pybuild.log 2>&1 || \
	  { cat $(CURDIR)/$(B)/pybuild.log; exit 1; }
	@ls $(B)/dist/*.whl
	@touch $@

TEST_BINS = $(B)/richcheck.so $(B)/librichcheck.a $(B)/rctest.so \
            $(B)/richcheck_minver.so $(B)/static_host $(B)/email_fastdiff \
            $(B)/grapheme_diff $(B)/money_fast $(if $(HAVE_DQLITE),$(DQLITE_BINS)) \
            $(B)/dist/.built

# The dqlite packages are wanted, not required: where they cannot be
# installed, test/dqlite.test says it skips.  A sub-make builds the test
# programs, so that packages installed just now count.
# The optional parts' packages (mk/*.deps: the client libraries, packaging
# tools) are wanted too, group by group: where one cannot be installed,
# its tests say they skip.
OPTIONAL_GROUPS = $(patsubst mk/%.deps,%,$(wildcard mk/*.deps))

test: | deps
	@tools/deps.sh test wheel
	@tools/deps.sh dqlite || echo "make test: no dqlite packages: the cluster test will skip"
	@for g in $(OPTIONAL_GROUPS); do tools/deps.sh $$g || \
	  echo "make test: the packages of mk/$$g.deps are missing: its tests will skip"; done
	@command -v node >/dev/null && command -v npm >/dev/null || tools/deps.sh node || \
	  echo "make test: no Node: the Node clients' tests will skip"
	@$(MAKE) --no-print-directory test-bins
	RICHCHECK_BUILD=$(B) PYTHON=$(PYTHON) $(TCLSH) test/all.tcl

test-bins: $(TEST_BINS)

# The demo fails on purpose in places, so the shell's status says nothing:
# its output must be demo/expected.txt to the byte.
demo: all $(B)/rctest.so
	@tools/deps.sh demo
	@cd $(B) && sqlite3 -batch :memory: < $(CURDIR)/demo/demo.sql > demo.out 2>&1 || true
	@cat $(B)/demo.out
	@diff -u $(CURDIR)/demo/expected.txt $(B)/demo.out > $(B)/demo.diff || \
	  { echo "make demo: output differs from demo/expected.txt:"; cat $(B)/demo.diff; exit 1; }

# The sanitizer build lives in build/asan and runs the same suite.
asan: | deps
	@tools/deps.sh test asan
	@$(MAKE) --no-print-directory B=$(B)/asan CFLAGS="$(ASAN_FLAGS)" \
	  $(B)/asan/richcheck.so $(B)/asan/librichcheck.a $(B)/asan/rctest.so \
	  $(B)/asan/richcheck_minver.so $(B)/asan/static_host $(B)/asan/email_fastdiff \
	  $(B)/asan/grapheme_diff $(B)/asan/money_fast
	RICHCHECK_BUILD=$(B)/asan RICHCHECK_ASAN=1 PYTHON=$(PYTHON) \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0:intercept_tls_get_addr=0 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/test/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LD_PRELOAD=$$($(CC) -print-file-name=libasan.so) $(TCLSH) test/all.tcl

# Tcl's own allocator keeps memory "possibly lost"; only definite leaks fail.
valgrind: | deps
	@tools/deps.sh test valgrind
	@$(MAKE) --no-print-directory test-bins
	RICHCHECK_BUILD=$(B) RICHCHECK_VALGRIND=1 PYTHON=$(PYTHON) \
	  $(TCLSH) test/all.tcl valgrind --quiet --leak-check=full \
	  --show-leak-kinds=definite --errors-for-leak-kinds=definite \
	  --error-exitcode=99

FUZZ_RUNS ?= 200000
# fuzz_sql goes through SQLite, a hundred times slower a run than the others
FUZZ_SQL_RUNS ?= 20000
# The pure code: no SQLite in it.
PURE_SRC = ext/utf8.c ext/grapheme.c ext/email.c ext/email_fast.c ext/currency.c ext/money.c ext/money_fmt.c \
           ext/rule.c ext/tabledef.c ext/uuid.c ext/datetime.c ext/number.c \
           ext/pattern.c
FUZZ_TARGETS = $(B)/fuzz/fuzz_utf8 $(B)/fuzz/fuzz_email $(B)/fuzz/fuzz_money \
               $(B)/fuzz/fuzz_money_parse $(B)/fuzz/fuzz_rule \
               $(B)/fuzz/fuzz_tabledef $(B)/fuzz/fuzz_datetime $(B)/fuzz/fuzz_number \
               $(B)/fuzz/fuzz_uuid $(B)/fuzz/fuzz_pattern $(B)/fuzz/fuzz_grapheme \
               $(B)/fuzz/fuzz_sql

# Each target links the pure code it exercises, never the SQL glue ...
$(B)/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(SRC) $(HDR)
	@mkdir -p $(@D)
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS_RC) -o $@ $< \
	  $(PURE_SRC) $(LIBS)

# ... but fuzz_sql, which calls every SQL function through SQLite: the whole
# extension, linked in (SQLITE_CORE) against the system's libsqlite3.
$(B)/fuzz/fuzz_sql: test/fuzz/fuzz_sql.c $(SRC) $(HDR)
	@mkdir -p $(@D)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -DSQLITE_CORE $(CPPFLAGS_RC) \
	  -o $@ $< $(SRC) -lsqlite3 $(LIBS)

fuzz:
	@tools/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS)
	@# Each target starts from its seeds (test/fuzz/seed_NAME), copied so that
	@# what libFuzzer adds to its corpus stays in build/.
	@for t in $(FUZZ_TARGETS); do \
	  name=$${t##*/fuzz_}; corpus=$(B)/fuzz/corpus_$$name; \
	  rm -rf $$corpus; mkdir -p $$corpus; \
	  if [ -d test/fuzz/seed_$$name ]; then cp test/fuzz/seed_$$name/* $$corpus/; fi; \
	  runs=$(FUZZ_RUNS); [ $$name = sql ] && runs=$(FUZZ_SQL_RUNS); \
	  echo "== $$t ($$runs runs)"; \
	  $$t -runs=$$runs -max_len=4096 -seed=1 -artifact_prefix=$(B)/fuzz/ \
	    $$corpus > $$t.log 2>&1 || { grep -v '^#[0-9]' $$t.log | head -n 60; exit 1; }; \
	  tail -n 1 $$t.log; \
	done

# The long campaign: every target from its seeds for FUZZ_SECONDS each; the
# last line of each log has the executions and the coverage.
FUZZ_SECONDS ?= 600
fuzz-long:
	@tools/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
	  name=$${t##*/fuzz_}; corpus=$(B)/fuzz/long_$$name; \
	  mkdir -p $$corpus; \
	  if [ -d test/fuzz/seed_$$name ]; then cp test/fuzz/seed_$$name/* $$corpus/; fi; \
	  echo "== $$t ($(FUZZ_SECONDS) s)"; \
	  $$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix=$(B)/fuzz/ $$corpus > $$t.long.log 2>&1 || \
	    { grep -v '^#[0-9]' $$t.long.log | head -n 60; exit 1; }; \
	  grep -E '^#[0-9]+' $$t.long.log | tail -n 1; \
	  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' $$t.long.log; \
	done

# Fault injection (issue 13): test/fault.c runs every function family, the
# schema functions and the scanner with the Nth allocation failing, N = 1,
# 2, ..., and add_rule with sqlite3_interrupt at every progress tick.
$(B)/fault: test/fault.c $(SRC) $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 -D_POSIX_C_SOURCE=200809L -DSQLITE_CORE \
	  $(CPPFLAGS_RC) -o $@ $< $(SRC) -lsqlite3 $(LIBS)

# It runs on an ASan+UBSan build: a memory error on a path that only a
# failure takes is a crash here, not a silent one.
fault: | deps
	@tools/deps.sh test asan
	@$(MAKE) --no-print-directory B=$(B)/asan CFLAGS="$(ASAN_FLAGS)" $(B)/asan/fault
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/test/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(B)/asan/fault

# Threads (issue 13): test/threads.c, with richcheck loaded from a .so built
# with -fsanitize=thread, so that the loadable path (sqlite3_api) is seen.
TSAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=thread
$(B)/tsan/richcheck.so: $(SRC) $(HDR)
	@mkdir -p $(@D)
	clang $(TSAN_FLAGS) $(WARN) -std=c11 -fPIC -fvisibility=hidden -shared \
	  $(SO_LDFLAGS) $(CPPFLAGS_RC) -o $@ $(SRC) $(LIBS)

$(B)/tsan/threads: test/threads.c include/richcheck.h
	@mkdir -p $(@D)
	clang $(TSAN_FLAGS) $(WARN) -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude \
	  -o $@ $< -lsqlite3 -pthread

tsan: | deps
	@tools/deps.sh asan
	@$(MAKE) --no-print-directory $(B)/tsan/richcheck.so $(B)/tsan/threads
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  $(B)/tsan/threads $(B)/tsan/richcheck.so

bench: all $(B)/rctest.so
	@tools/deps.sh bench
	@$(MAKE) --no-print-directory $(B)/bench
	$(B)/bench $(B)/richcheck.so
	bench/insns.sh $(B)/bench $(B)/richcheck.so
	@$(MAKE) --no-print-directory bench-python

# The Python package's costs (bench/python_bench.py), from the wheel
# installed in a fresh venv, as a user has it.
bench-python: wheel
	rm -rf $(B)/bench-venv
	$(PYTHON) -m venv --system-site-packages $(B)/bench-venv
	$(B)/bench-venv/bin/pip install --quiet --no-index --no-deps \
	  --disable-pip-version-check $(B)/dist/richcheck-*.whl
	cd $(B) && bench-venv/bin/python $(CURDIR)/bench/python_bench.py

$(B)/bench: bench/bench.c bench/gen.c bench/gen.h
	@mkdir -p $(@D)
	$(CC) -O2 -g $(WARN) -std=c11 -Iinclude -o $@ bench/bench.c bench/gen.c -lsqlite3

lint:
	@tools/deps.sh lint
	clang-format --dry-run --Werror $(SRC) $(filter-out ext/currency_table.h,$(HDR)) \
	  test/*.c test/fuzz/*.c bench/*.c host/*.c examples/static/*.c  # the generated table keeps its generator's layout
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --std=c11 -Iinclude -Iext --suppress=missingIncludeSystem $(SRC)

clean:
	rm -rf $(B)

# The optional parts, one fragment each (client tests, packages, the
# portable build): each adds its targets, its test-bins prerequisites and
# its package group (mk/NAME.deps, read by tools/deps.sh and .ci/run).
# mk/portable.mk comes first: the npm package carries the portable build
# where one can be made (mk/npm.mk reads HAVE_PORTABLE).
# (A copy of the sources may hold only some: the Debian package's has
# mk/deb.mk alone.)
include $(wildcard mk/portable.mk) $(filter-out mk/portable.mk,$(sort $(wildcard mk/*.mk)))

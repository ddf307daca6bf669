# mk/portable.mk - build/portable/richcheck.so: ICU and the C++ runtime
# linked in, every foreign symbol hidden (make portable, make portable-test).
#
#   make portable       build/portable/richcheck.so, stripped; it needs only
#                       libc and libm (notes/issue15-portable.md)
#   make portable-test  the whole suite with build/portable/richcheck.so as
#                       richcheck.so (build/portable-suite holds it and the
#                       normal build's test programs)
#
# The objects are the normal build's ($(B)/so/*.o); only the link differs:
# Debian's static ICU (libicu-dev ships libicuuc.a, libicui18n.a and
# libicudata.a), libstdc++ and libgcc linked in, and a version script that
# keeps sqlite3_richcheck_init global and makes everything else local.
# ICU's data is cut to what richcheck reaches (tools/portable-data.sh);
# PORTABLE_DATA=full links the whole of libicudata.a instead.
.PHONY: portable portable-test portable-bins

PORT = $(B)/portable
PSUITE = $(B)/portable-suite
ICU_A_DIR ?= /usr/lib/$(shell $(CC) -print-multiarch 2>/dev/null)
PORTABLE_CXX ?= g++
PORTABLE_DATA ?= reduced
# ICU's data: the static library, or a package file where a distribution
# ships the data that way (Alpine: /usr/share/icu/<version>/icudt<NN>l.dat)
ICU_DATA_SRC ?= $(ICU_A_DIR)/libicudata.a
PORT_DATA_OBJ = $(if $(filter full,$(PORTABLE_DATA)),$(ICU_A_DIR)/libicudata.a,$(PORT)/data/icudt.o)
OBJCOPY ?= objcopy
# -z nodelete for the reason the Makefile gives (ICU's caches); -z
# noexecstack because genccode's object carries no .note.GNU-stack; the
# entry point alone is exported, and --exclude-libs,ALL keeps the archives'
# symbols out of the dynamic table whatever their visibility.
# __cxa_pure_virtual is pulled in so that no C++ runtime name is left to
# the process.
PORT_LDFLAGS = -shared -Wl,-z,nodelete -Wl,-z,noexecstack -Wl,-z,relro -Wl,-z,now \
  -Wl,--version-script=$(PORT)/exports.map -Wl,--exclude-libs,ALL \
  -Wl,--gc-sections -Wl,-u,__cxa_pure_virtual -static-libstdc++ -static-libgcc

# make test builds it too where the tools are there (the link takes about
# a second): test/portable.test checks it; it skips where it is missing.
HAVE_PORTABLE := $(shell command -v icupkg >/dev/null 2>&1 && \
  command -v genccode >/dev/null 2>&1 && command -v $(PORTABLE_CXX) >/dev/null 2>&1 && \
  test -f $(ICU_A_DIR)/libicuuc.a && test -f $(ICU_A_DIR)/libicudata.a && \
  test -f $(ICU_A_DIR)/libpcre2-8.a && echo yes)
ifeq ($(HAVE_PORTABLE),yes)
test-bins: $(PORT)/richcheck.so $(PORT)/grapheme_diff
endif

portable: | deps
	@tools/deps.sh portable
	@$(MAKE) --no-print-directory $(PORT)/richcheck.so
	@ls -l $(PORT)/richcheck.so

$(PORT)/exports.map: mk/portable.mk
	@mkdir -p $(@D)
	printf '{\n  global: sqlite3_richcheck_init;\n  local: *;\n};\n' > $@

# Debian's static ICU is position-independent executable code: putil.o
# reads glibc's __timezone and tzname directly, which a shared object may
# not.  Those references, and putil's tzset, go to tools/portable-tz.c.
$(PORT)/icu/libicuuc.a: $(ICU_A_DIR)/libicuuc.a
	@mkdir -p $(@D)
	rm -f $@ $(@D)/putil.ao
	cp $< $@
	cd $(@D) && ar x libicuuc.a putil.ao
	$(OBJCOPY) --redefine-sym __timezone=rc_portable_timezone \
	  --redefine-sym tzname=rc_portable_tzname \
	  --redefine-sym tzset=rc_portable_tzset $(@D)/putil.ao
	cd $(@D) && ar r libicuuc.a putil.ao

$(PORT)/portable-tz.o: tools/portable-tz.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) -std=c11 -D_DEFAULT_SOURCE -fPIC -fvisibility=hidden -c $< -o $@

# test/grapheme_diff.c linked as the portable build links ICU, with its
# cut data: the grapheme table is built from that data (it needs
# uemoji.icu and ulayout.icu) and counts what that ICU's iterator counts
# (test/portable.test).
$(PORT)/grapheme_diff: test/grapheme_diff.c ext/grapheme.c ext/grapheme.h \
                       $(PORT)/portable-tz.o $(PORT)/icu/libicuuc.a $(PORT_DATA_OBJ)
	$(CC) $(CFLAGS) $(WARN) -std=c11 $(CPPFLAGS_RC) -c test/grapheme_diff.c -o $@.o
	$(CC) $(CFLAGS) $(WARN) -std=c11 $(CPPFLAGS_RC) -c ext/grapheme.c -o $@-grapheme.o
	$(PORTABLE_CXX) -no-pie -Wl,-z,noexecstack -o $@ $@.o $@-grapheme.o \
	  $(PORT)/portable-tz.o $(ICU_A_DIR)/libicui18n.a $(PORT)/icu/libicuuc.a \
	  $(PORT_DATA_OBJ) -static-libstdc++ -lm

$(PORT)/data/icudt.o: $(ICU_DATA_SRC) tools/portable-data.sh $(PORT)/portable-tz.o
	OBJCOPY=$(OBJCOPY) tools/portable-data.sh $(ICU_DATA_SRC) $(PORT)/data $(PORT)/portable-tz.o

# Linked with its debug information as richcheck.debug.so, then stripped
# (objcopy --strip-all keeps the dynamic symbol table) with a debuglink.
$(PORT)/richcheck.so: $(SO_OBJ) $(PORT)/portable-tz.o $(PORT)/icu/libicuuc.a \
                      $(PORT_DATA_OBJ) $(PORT)/exports.map mk/portable.mk
	$(PORTABLE_CXX) $(CFLAGS) $(PORT_LDFLAGS) -o $(PORT)/richcheck.debug.so \
	  $(SO_OBJ) $(PORT)/portable-tz.o $(ICU_A_DIR)/libicui18n.a \
	  $(PORT)/icu/libicuuc.a $(PORT_DATA_OBJ) $(ICU_A_DIR)/libpcre2-8.a -lm
	cd $(PORT) && $(OBJCOPY) --strip-all --add-gnu-debuglink=richcheck.debug.so \
	  richcheck.debug.so richcheck.so

# The suite's folder: the portable richcheck.so and, beside it, everything
# else the normal build made (test programs, client builds, its so/ and
# core/ objects: links to them; none of them is or holds richcheck.so).
# With the objects there, make sees the folder's richcheck.so and
# librichcheck.a as up to date: test/install.test's make install
# (B=the folder) then installs the portable build instead of relinking a
# normal one over it.  Also system-icu/ for
# test/portable.test (the normal build, against the system's ICU), and a
# wheel and an npm package of its own around the portable richcheck.so,
# built by their owners' rules (-o: that richcheck.so is not rebuilt).
PSUITE_OWN = richcheck.so portable-suite dist pybuild pybuild.log npm

portable-bins: test-bins $(PORT)/richcheck.so
	@mkdir -p $(PSUITE)
	cp $(PORT)/richcheck.so $(PSUITE)/richcheck.so
	@for f in $(B)/*; do \
	  n=$${f##*/}; \
	  case " $(PSUITE_OWN) " in *" $$n "*) continue ;; esac; \
	  rm -rf $(PSUITE)/$$n; ln -s ../$$n $(PSUITE)/$$n; \
	done
	rm -rf $(PSUITE)/system-icu; ln -s .. $(PSUITE)/system-icu
	@$(MAKE) --no-print-directory $(PSUITE)/.wheel $(if $(HAVE_NPM),$(PSUITE)/.npm)

$(PSUITE)/.wheel: $(PORT)/richcheck.so $(PY_SRC)
	rm -rf $(PSUITE)/dist
	@$(MAKE) --no-print-directory B=$(PSUITE) -o $(PSUITE)/richcheck.so $(PSUITE)/dist/.built
	@touch $@

$(PSUITE)/.npm: $(PORT)/richcheck.so $(wildcard npm/*) include/richcheck.h
	rm -rf $(PSUITE)/npm
	@$(MAKE) --no-print-directory B=$(PSUITE) -o $(PSUITE)/richcheck.so \
	  $(PSUITE)/npm/richcheck-$(NPM_VERSION).tgz
	@touch $@

portable-test: | deps
	@tools/deps.sh portable test wheel
	@tools/deps.sh dqlite || echo "make portable-test: no dqlite packages: the cluster test will skip"
	@$(MAKE) --no-print-directory portable-bins
	@ls -l $(PORT)/richcheck.so
	RICHCHECK_BUILD=$(PSUITE) PYTHON=$(PYTHON) $(TCLSH) test/all.tcl
	@cmp $(PORT)/richcheck.so $(PSUITE)/richcheck.so || \
	  { echo "make portable-test: the suite's richcheck.so is no longer the portable build"; exit 1; }

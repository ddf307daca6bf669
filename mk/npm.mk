# mk/npm.mk - the npm package richcheck (make npm) and the Node client
# libraries its tests use (make npm-clients).
#
#   make npm          build/npm/richcheck-<version>.tgz (npm pack of a staged
#                     copy of npm/ with the stripped extension and the code
#                     table read from it)
#   make npm-clients  better-sqlite3 12 (11 on a Node before 20) and sqlite3
#                     (node-sqlite3) from the npm registry into
#                     build/npm-clients/node_modules
#
# Both clients compile from source with node-gyp against Node's own headers
# (/usr/include/node, so --nodedir=/usr): minutes, once.  No prebuilt binary
# is fetched (--build-from-source): only the registry is reached.  Where
# node or npm is missing or the install fails, the rule still succeeds and
# writes why into build/npm-clients/status: test/npm.test and
# test/sqlite_newest.test read it and skip, saying so.  rm -rf
# build/npm-clients to try again.
.PHONY: npm npm-clients

NPM_CLIENTS_STATUS = $(B)/npm-clients/status
NPM_VERSION = $(shell sed -n 's/^\#define RICHCHECK_VERSION "\(.*\)"/\1/p' include/richcheck.h)
NPM_TGZ = $(B)/npm/richcheck-$(NPM_VERSION).tgz
NPM_SRC = npm/package.json npm/index.js npm/index.d.ts npm/README.md npm/gen_build.js
# the extension the package carries: the portable build (ICU inside, any
# Linux with glibc 2.35) where mk/portable.mk can make it, else the one
# linked to the system's ICU
NPM_SO ?= $(if $(filter yes,$(HAVE_PORTABLE)),$(PORT)/richcheck.so,$(B)/richcheck.so)
HAVE_NPM := $(shell command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && echo yes)

npm-clients: $(NPM_CLIENTS_STATUS)

$(NPM_CLIENTS_STATUS):
	@rm -rf $(@D)
	@mkdir -p $(@D)
	@if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  echo "no node or npm on PATH" > $@; \
	else \
	  echo '{"name": "richcheck-test-clients", "private": true}' > $(@D)/package.json; \
	  b3=better-sqlite3@12; \
	  [ "$$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || b3=better-sqlite3@11; \
	  echo "make npm-clients: $$b3 and sqlite3@5, compiled from source (minutes; log in $(@D)/install.log)"; \
	  if cd $(@D) && npm_config_nodedir=/usr npm_config_build_from_source=true \
	     timeout 1500 npm install --no-audit --no-fund --no-package-lock \
	     $$b3 sqlite3@5 > install.log 2>&1 && \
	     node -e "require('better-sqlite3'); require('sqlite3')" >> install.log 2>&1; then \
	    echo ok > status; \
	  else \
	    echo "npm install of $$b3 and sqlite3@5 failed (see $(CURDIR)/$(@D)/install.log)" > status; \
	    tail -n 20 install.log; \
	  fi; \
	fi
	@cat $@

test-bins: $(NPM_CLIENTS_STATUS)

npm: $(NPM_SO) | deps
	@tools/deps.sh npm
	@$(MAKE) --no-print-directory $(NPM_TGZ)

# The staged copy: npm/ as it ships, the extension without its debug
# information, build.json and package.json (version and codes read from
# the extension by gen_build.js).  npm pack names the tarball from that
# version: if it is not the header's, the tarball is missing and this fails.
$(NPM_TGZ): $(NPM_SO) $(NPM_SRC) include/richcheck.h
	rm -rf $(B)/npm
	mkdir -p $(B)/npm/stage/lib
	cp npm/index.js npm/index.d.ts npm/README.md $(B)/npm/stage/
	objcopy --strip-debug $(NPM_SO) $(B)/npm/stage/lib/richcheck.so
	node npm/gen_build.js $(B)/npm/stage/lib/richcheck.so /usr/include/sqlite3.h $(B)/npm/stage
	cd $(B)/npm/stage && npm pack --silent --pack-destination .. > ../pack.log 2>&1 || \
	  { cat ../pack.log; exit 1; }
	@test -f $@ || { echo "make npm: no $@: the extension's version is not the header's $(NPM_VERSION)"; \
	  ls $(B)/npm; exit 1; }
	@ls $@

# make test builds the package where node and npm are (else npm.test skips)
test-bins: $(if $(HAVE_NPM),$(NPM_TGZ))

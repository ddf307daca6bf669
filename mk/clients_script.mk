# mk/clients_script.mk - the scripting clients' test (issue 15, part 1):
# test/clients_script.test runs test/clients/{py,rb,pl,php,tcl,sh}, each
# loading $(B)/richcheck.so the client's way (Python sqlite3 and apsw, Ruby
# sqlite3, Perl DBD::SQLite, PHP SQLite3 and PDO_SQLITE, Tcl, the sqlite3
# shell).  Nothing to compile; the packages are mk/clients_script.deps.
#
#   make test-clients-script   just this test
.PHONY: clients-script-deps test-clients-script

# Wanted, not required: a client whose runtime cannot be installed (not
# root, no apt) says in the test that it skips.
clients-script-deps:
	@tools/deps.sh clients_script || \
	  echo "make test: missing packages of mk/clients_script.deps: those clients will skip"

test-bins: clients-script-deps

test-clients-script: $(B)/richcheck.so $(B)/rctest.so | deps clients-script-deps
	RICHCHECK_BUILD=$(B) PYTHON=$(PYTHON) $(TCLSH) test/clients_script.test

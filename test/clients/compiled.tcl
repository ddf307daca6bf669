# compiled.tcl - what test/clients_go.test, clients_jdbc.test and
# clients_rust.test share: run one compiled client program (built by
# mk/clients_compiled.mk into $::build/clients/) through run_checks, or say
# in one line why it cannot run.
#
#   client_checks TEST PREFIX BUILT TOOLS WHY CMD N_EXPECTED SHOW
#
# BUILT is the file the build makes, TOOLS whether the toolchain and the
# client library are installed (the mk file's condition), WHY what to
# install when they are not.  A program missing where its tools are
# installed is a failure (make test-bins builds it), not a skip.  SHOW:
# run_checks' patterns of the checks whose details are printed.

proc client_checks {test prefix built tools why cmd n_expected show} {
  if {[info exists ::env(RICHCHECK_VALGRIND)]} {
    puts "$test: skipped under valgrind (the client programs run in make test)"
  } elseif {$::asan} {
    puts "$test: skipped under ASan (the client programs run in make test)"
  } elseif {![file exists $built]} {
    if {$tools} {
      record $prefix-0.0-built 0 "$built is missing: make test-bins builds it"
    } else {
      puts "$test: skipped: $why"
    }
  } else {
    # bounded: a client that hangs fails its count, it does not stop the run
    run_checks $prefix [concat [list timeout 60] $cmd] $n_expected $show
  }
}

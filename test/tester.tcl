# tester.tcl - the harness every test/*.test sources.
#
#   do_test NAME SCRIPT EXPECTED        the script's result equals EXPECTED
#   do_execsql_test NAME SQL EXPECTED   the rows of SQL, flattened
#   do_catchsql_test NAME SQL EXPECTED  {0 rows} or {1 message}
#   do_catchcode_test NAME SQL CODE MSG fails with exactly this extended code
#                                       and message
#   reset_db                            a fresh test.db with richcheck loaded
#   finish_test                         prints the file's counts
#
# RICHCHECK_BUILD names the folder of richcheck.so and the test-only helper
# rctest.so, which turns on extended result codes so that [db errorcode]
# gives the full code (25618, not 18).

package require sqlite3

set ::testdir [file dirname [file normalize [info script]]]
set ::root [file dirname $::testdir]
if {[info exists ::env(RICHCHECK_BUILD)]} {
  set ::build [file normalize $::env(RICHCHECK_BUILD)]
} else {
  set ::build [file join $::root build]
}
set ::asan [expr {[info exists ::env(RICHCHECK_ASAN)] && $::env(RICHCHECK_ASAN)}]
set ::python [expr {[info exists ::env(PYTHON)] ? $::env(PYTHON) : "/usr/bin/python3"}]
set ::n_pass 0
set ::n_fail 0
set ::failures {}

# Each test file runs in a scratch folder of its own.
set ::workdir [file join $::build testwork [file rootname [file tail $argv0]]]
file mkdir $::workdir
cd $::workdir

proc load_richcheck {db} {
  $db enable_load_extension 1
  $db eval "SELECT load_extension('[file join $::build richcheck.so]')"
  $db eval "SELECT load_extension('[file join $::build rctest.so]')"
}

proc reset_db {{name test.db}} {
  catch {db close}
  foreach f [glob -nocomplain $name $name-journal $name-wal $name-shm] {
    file delete -force $f
  }
  sqlite3 db $name
  load_richcheck db
}

proc record {name ok detail} {
  if {$ok} {
    incr ::n_pass
  } else {
    incr ::n_fail
    lappend ::failures $name
    puts "FAIL $name"
    puts "  $detail"
  }
}

proc do_test {name script expected} {
  set rc [catch {uplevel #0 $script} result]
  if {$rc == 1} {
    record $name 0 "error: $result"
  } else {
    record $name [expr {$result eq $expected}] \
        "expected: \[$expected\]\n  got:      \[$result\]"
  }
}

proc execsql {sql {db db}} {
  uplevel #0 [list $db eval $sql]
}

proc catchsql {sql {db db}} {
  set rc [catch {uplevel #0 [list $db eval $sql]} result]
  list $rc $result
}

proc do_execsql_test {name sql expected} {
  do_test $name [list execsql $sql] [list {*}$expected]
}

proc do_catchsql_test {name sql expected} {
  do_test $name [list catchsql $sql] $expected
}

# The statement must fail with exactly this extended code and message.
proc do_catchcode_test {name sql code msg {db db}} {
  set got [catchsql $sql $db]
  set gotcode [$db errorcode]
  set ok [expr {$got eq [list 1 $msg] && $gotcode == $code}]
  record $name $ok "expected: code $code \[1 {$msg}\]\n  got:      code $gotcode \[$got\]"
}

proc finish_test {} {
  catch {db close}
  puts "[file tail $::argv0]: $::n_pass passed, $::n_fail failed"
  exit [expr {$::n_fail > 0}]
}

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

# Each test file runs in a scratch folder of its own, under $TMPDIR, removed
# at the end (RICHCHECK_KEEP=1 keeps it, to look at).
set ::workdir [file join \
    [expr {[info exists ::env(TMPDIR)] ? $::env(TMPDIR) : "/tmp"}] \
    "richcheck-test-[pid]-[file rootname [file tail $argv0]]"]
file delete -force $::workdir
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

# The wheel (make wheel) installed into a fresh venv (with Debian's
# packages: SQLAlchemy, Alembic, ...) in this file's scratch folder: the
# venv's python, or "" (and why, in ::venv_skip) when there is no wheel to
# install (make asan and make valgrind build none: the package's tests run
# in make test).
proc python_venv {} {
  set wheels [glob -nocomplain [file join $::build dist richcheck-*.whl]]
  if {[llength $wheels] != 1} {
    set ::venv_skip "no wheel in [file join $::build dist] (make wheel)"
    return ""
  }
  set venv [file join $::workdir venv]
  exec $::python -m venv --system-site-packages $venv 2>@1
  exec [file join $venv bin pip] install --quiet --no-index --no-deps \
      --disable-pip-version-check [lindex $wheels 0] 2>@1
  return [file join $venv bin python]
}

# Runs test/py/SCRIPT (with the build folder as its argument) as run_checks
# says, with python (default $::python).
proc run_python_checks {prefix script n_expected {show {}} {python {}}} {
  if {$python eq ""} {
    set python $::python
  }
  # Python leaks at exit as LeakSanitizer sees it: under ASan the checks
  # still run (memory errors abort), without the leak report.
  if {$::asan} {
    set ::env(ASAN_OPTIONS) "$::env(ASAN_OPTIONS):detect_leaks=0"
  }
  run_checks $prefix [list $python [file join $::testdir py $script] $::build] \
      $n_expected $show [file rootname $script]
}

# Runs the command cmd (a list), which prints one "PASS name (detail)" or
# "FAIL name: detail" line per check; each line becomes one result.
# Exactly n_expected lines must come, and nothing else, so a program that
# stops early or runs nothing fails.  The details of PASS lines whose name
# matches one of the patterns in show are printed, after "tag: ".  The
# clients' tests (test/clients_*.test) run their programs through this.
proc run_checks {prefix cmd n_expected {show {}} {tag {}}} {
  if {$tag eq ""} {
    set tag $prefix
  }
  # The program exits 1 when a check failed: its lines say which.
  if {[catch {open |[concat $cmd 2>@1] r} chan]} {
    set out "cannot run [lindex $cmd 0]: $chan"
  } else {
    fconfigure $chan -encoding utf-8
    set out [read $chan]
    catch {close $chan}
  }
  set n_reported 0
  set other {}
  foreach line [split $out \n] {
    if {[regexp {^PASS (\S+)(?: \((.*)\))?$} $line -> name detail]} {
      record $name 1 ""
      incr n_reported
      foreach pattern $show {
        if {[string match $pattern $name]} {
          puts "$tag: $name: $detail"
          break
        }
      }
    } elseif {[regexp {^FAIL (\S+): (.*)$} $line -> name detail]} {
      record $name 0 $detail
      incr n_reported
    } elseif {$line ne ""} {
      lappend other $line
    }
  }
  record $prefix-0.1-every-check-reported [expr {$n_reported == $n_expected}] \
      "expected $n_expected checks, got $n_reported"
  record $prefix-0.2-no-other-output [expr {[llength $other] == 0}] \
      "got:\n  [join $other "\n  "]"
}

proc finish_test {} {
  catch {db close}
  cd /
  if {![info exists ::env(RICHCHECK_KEEP)]} { file delete -force $::workdir }
  puts "[file tail $::argv0]: $::n_pass passed, $::n_fail failed"
  exit [expr {$::n_fail > 0}]
}

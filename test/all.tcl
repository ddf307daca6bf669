# all.tcl - runs every test/*.test, each in its own tclsh, and ends with the
# line "N passed, N failed".  A file that dies without its count (a crash, a
# sanitizer report) counts as one failure.  Arguments, if any, are a command
# that each test file's tclsh runs under (make valgrind passes valgrind).

set testdir [file dirname [file normalize [info script]]]
set total_pass 0
set total_fail 0
set broken {}

foreach f [lsort [glob [file join $testdir *.test]]] {
  set name [file tail $f]
  set rc [catch {exec {*}$argv [info nameofexecutable] $f 2>@1} out]
  puts $out
  if {[regexp -line "^[string map {. \\.} $name]: (\\d+) passed, (\\d+) failed\$" \
          $out -> p n]} {
    incr total_pass $p
    incr total_fail $n
    if {$rc && $n == 0} {
      incr total_fail
      lappend broken $name
    }
  } else {
    incr total_fail
    lappend broken $name
  }
}
if {[llength $broken]} {
  puts "files that did not finish cleanly: $broken"
}
puts "$total_pass passed, $total_fail failed"
exit [expr {$total_fail > 0}]

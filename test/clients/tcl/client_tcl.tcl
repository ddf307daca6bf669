# client_tcl.tcl BUILD - richcheck in SQLite's Tcl package (Debian's
# libsqlite3-tcl) as an application meets it: loading the extension, then,
# inside a transaction, a good row, a too-long name and a bad address (both
# with 'é' and 'ü' in them): the error (a plain Tcl error, -errorcode NONE),
# [db errorcode] (only the primary code, 18 or 19: the Tcl package has no
# way to turn extended result codes on), the message character for
# character, the transaction still usable and the earlier rows kept; in the
# error modes 'extended', 'compat', 'tagged' and 'compat, tagged': the tag
# gives back the full code, name and SQLSTATE.  Last, what a connection with
# extended result codes on sees (the test-only rctest.so turns them on, as
# a C host would with sqlite3_extended_result_codes).
#
# Run as: tclsh -encoding utf-8 client_tcl.tcl BUILD (BUILD is the folder
# of richcheck.so and rctest.so).  One line per check, "PASS name" or
# "FAIL name: detail" (test/clients_script.test counts them).
package require sqlite3
fconfigure stdout -encoding utf-8

set BUILD [file normalize [lindex $argv 0]]
set SO [file join $BUILD richcheck.so]

set SCHEMA {CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10,
  'users.name')), email TEXT CHECK (email_check(email, 'users.email')))}
set GOOD {{Zoë zoe@example.com} {Jürgen jurgen@example.com}}
set LONG {{Zoë Müllerová-Ångström} zoe@example.com}
set BAD {José josé@@müller.de}
set MSG_LONG {users.name: value too long (22 characters, maximum 10)}
set MSG_BAD {users.email: invalid email address "josé@@müller.de": more than one @}
set TAG {\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] }
set TAG_LONG {RICHCHECK_TOO_LONG 25618 22001}
set TAG_BAD {RICHCHECK_EMAIL 25619 23514}

set failed 0

proc report {name ok {detail {}}} {
  if {$ok} {
    puts "PASS $name"
  } else {
    incr ::failed
    puts "FAIL $name: [string map [list \n {\n}] $detail]"
  }
  flush stdout
}

proc expect {name got want} {
  report $name [expr {$got eq $want}] "expected \[$want\], got \[$got\]"
}

# One broken step costs its own checks, never the ones after it.
proc guard {name script} {
  if {[catch {uplevel 1 $script} err]} {
    report $name-crashed 0 "$err ($::errorInfo)"
  }
}

proc shown {mode msg tag} {
  if {[string match *tagged $mode]} {
    lassign $tag name code sqlstate
    return "\[$name $code SQLSTATE $sqlstate\] $msg"
  }
  return $msg
}

proc recover {text} {
  if {[regexp $::TAG $text -> name code sqlstate]} {
    return [list $name $code $sqlstate]
  }
  return {no tag}
}

proc readme_snippet {path} {
  # README-SNIPPET-BEGIN tcl
  package require sqlite3
  sqlite3 db :memory:
  db enable_load_extension 1
  db eval {SELECT load_extension($path)}   ;# e.g. build/richcheck.so
  db enable_load_extension 0
  # [db errorcode] is only ever 18 or 19: the tag carries the full code
  db eval {SELECT richcheck_error_mode('tagged')}
  db eval {CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 't.name')))}
  if {[catch {db eval {INSERT INTO t VALUES ('Zoë Müllerová-Ångström')}} msg]} {
    regexp {\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] } $msg -> name code sqlstate
    puts "[db errorcode] $name $code $sqlstate"   ;# 18 RICHCHECK_TOO_LONG 25618 22001
  }
  # README-SNIPPET-END
  db close
}

# ------------------------------------------------------------- 1. loading

# The snippet's output: stdout captured through a channel transform.
namespace eval capture {
  variable text {}
  proc initialize {handle mode} { return {initialize finalize write} }
  proc finalize {handle} {}
  proc write {handle buffer} {
    variable text
    append text [encoding convertfrom utf-8 $buffer]
    return {}
  }
  namespace export initialize finalize write
  namespace ensemble create
}

set tcl1ok 0
guard tcl-1 {
  chan push stdout capture
  if {[catch {readme_snippet $SO} err]} {
    chan pop stdout
    error $err
  }
  chan pop stdout
  expect tcl-1.1-readme-snippet-prints $capture::text \
      "18 RICHCHECK_TOO_LONG 25618 22001\n"
  sqlite3 db :memory:
  db enable_load_extension 1
  db eval {SELECT load_extension($SO)}
  db enable_load_extension 0
  expect tcl-1.2-sql-loading-off-again \
      [list [catch {db eval {SELECT load_extension($SO)}} msg] $msg] \
      {1 {not authorized}}
  db eval $SCHEMA
  expect tcl-1.3-default-mode [db onecolumn {SELECT richcheck_error_mode()}] extended
  catch {db eval {INSERT INTO users VALUES ('ann', 'x@@y')}} msg opts
  expect tcl-1.4-errorcode-option-says-nothing \
      [list [dict get $opts -code] [dict get $opts -errorcode]] {1 NONE}
  set tcl1ok 1
}

# ----------------------------------------------------------------- 2. modes

# One check run: mode set, the two refused rows, the tag (tagged modes), the
# transaction kept.  code_long and code_bad: [db errorcode] after each.
proc run {p conn mode code_long code_bad} {
  guard $p {
    $conn eval {DELETE FROM users}
    expect $p.1-mode [$conn onecolumn {SELECT richcheck_error_mode($mode)}] $mode
    $conn eval BEGIN
    lassign [lindex $::GOOD 0] n e
    $conn eval {INSERT INTO users VALUES ($n, $e)}
    set msgs {}
    foreach {what row code msg tag} [list \
        2-too-long $::LONG $code_long $::MSG_LONG $::TAG_LONG \
        3-bad-address $::BAD $code_bad $::MSG_BAD $::TAG_BAD] {
      lassign $row n e
      set rc [catch {$conn eval {INSERT INTO users VALUES ($n, $e)}} got]
      lappend msgs $got
      set want [shown $mode $msg $tag]
      # the message byte for byte, as UTF-8
      expect $p.$what \
          [list $rc [$conn errorcode] $got [encoding convertto utf-8 $got]] \
          [list 1 $code $want [encoding convertto utf-8 $want]]
    }
    set k 4
    if {[string match *tagged $mode]} {
      expect $p.4-tag-recovered [list [recover [lindex $msgs 0]] \
          [recover [lindex $msgs 1]]] [list $::TAG_LONG $::TAG_BAD]
      set k 5
    }
    lassign [lindex $::GOOD 1] n e
    $conn eval {INSERT INTO users VALUES ($n, $e)}
    # COMMIT fails ("no transaction is active") if the transaction had gone
    set rc [catch {$conn eval COMMIT} err]
    expect $p.$k-transaction-kept-rows-committed \
        [list $rc $err [$conn eval {SELECT * FROM users ORDER BY rowid}]] \
        [list 0 {} [concat {*}$::GOOD]]
  }
}

if {$tcl1ok} {
  # what a Tcl user gets: the primary code in every mode
  run tcl-2 db extended 18 19
  run tcl-3 db compat 18 19
  run tcl-4 db tagged 18 19
  run tcl-5 db {compat, tagged} 18 19
  # a connection with extended result codes on
  sqlite3 ext :memory:
  ext enable_load_extension 1
  ext eval {SELECT load_extension($SO)}
  ext eval {SELECT load_extension($::BUILD || '/rctest.so')}
  ext enable_load_extension 0
  ext eval $SCHEMA
  run tcl-6 ext extended 25618 25619
  run tcl-7 ext compat 18 1043
}

exit [expr {$failed > 0}]

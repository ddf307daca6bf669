# client_pl.pl BUILD - richcheck in Perl's DBD::SQLite (Debian's
# libdbd-sqlite3-perl, 1.72) as an application meets it: loading the
# extension, then, inside a transaction, a good row, a too-long name and a
# bad address (both with 'é' and 'ü' in them): what DBI raises, the code in
# $DBI::err and $dbh->err (primary unless the handle has
# sqlite_extended_result_codes => 1), the message byte for byte (left
# undecoded even under sqlite_unicode / sqlite_string_mode: the trap, and
# its fix), the transaction still usable and the earlier rows kept; in the
# error modes 'extended', 'compat', 'tagged' and 'compat, tagged'; the tag
# gives back the full code where the flag is off.
#
# BUILD is the folder of richcheck.so.  One line per check, "PASS name" or
# "FAIL name: detail" (test/clients_script.test counts them).
use strict;
use warnings;
use utf8;
use DBI;
use DBD::SQLite::Constants qw(:dbd_sqlite_string_mode);
use Encode ();
use File::Spec;

binmode STDOUT, ':encoding(UTF-8)';
$| = 1;

my $BUILD = File::Spec->rel2abs($ARGV[0]);
my $SO    = "$BUILD/richcheck.so";

my $SCHEMA = "CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, "
  . "'users.name')), email TEXT CHECK (email_check(email, 'users.email')))";
my @GOOD     = (['Zoë', 'zoe@example.com'], ['Jürgen', 'jurgen@example.com']);
my @LONG     = ('Zoë Müllerová-Ångström', 'zoe@example.com');
my @BAD      = ('José', 'josé@@müller.de');
my $MSG_LONG = 'users.name: value too long (22 characters, maximum 10)';
my $MSG_BAD  = 'users.email: invalid email address "josé@@müller.de": more than one @';
my $TAG      = qr/\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] /;
my @TAG_LONG = ('RICHCHECK_TOO_LONG', 25618, '22001');
my @TAG_BAD  = ('RICHCHECK_EMAIL', 25619, '23514');

my $failed = 0;

sub report {
  my ($name, $ok, $detail) = @_;
  if ($ok) {
    print "PASS $name\n";
  } else {
    $failed++;
    $detail = '' unless defined $detail;
    $detail =~ s/\n/\\n/g;
    print "FAIL $name: $detail\n";
  }
}

# Lists compared element by element, as strings (undef shown as "undef").
sub show { join ' | ', map { defined $_ ? "[$_]" : 'undef' } @_ }

sub expect {
  my ($name, $got, $want) = @_;
  my ($g, $w) = (show(@$got), show(@$want));
  report($name, $g eq $w, "expected $w, got $g");
}

# One broken step costs its own checks, never the ones after it.
sub guard {
  my ($name, $code) = @_;
  eval { $code->(); 1 } or do {
    my $e = $@;
    chomp $e;
    report("$name-crashed", 0, $e);
  };
}

sub shown {
  my ($mode, $msg, @tag) = @_;
  return $mode =~ /tagged/ ? "[$tag[0] $tag[1] SQLSTATE $tag[2]] $msg" : $msg;
}

sub recover {
  my ($s) = @_;
  return $s =~ $TAG ? ($1, $2, $3) : ('no tag');
}

sub readme_snippet {
  my ($path) = @_;
  # README-SNIPPET-BEGIN perl
  use DBI;
  use DBD::SQLite::Constants qw(:dbd_sqlite_string_mode);
  use Encode ();
  my $dbh = DBI->connect("dbi:SQLite:dbname=:memory:", "", "", {
    RaiseError => 1, PrintError => 0,
    sqlite_extended_result_codes => 1,      # else err is 18, not 25618
    sqlite_string_mode => DBD_SQLITE_STRING_MODE_UNICODE_STRICT });
  $dbh->sqlite_enable_load_extension(1);
  $dbh->sqlite_load_extension($path);      # e.g. "build/richcheck.so"
  $dbh->sqlite_enable_load_extension(0);
  $dbh->do("CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 't.name')))");
  eval { $dbh->do("INSERT INTO t VALUES (?)", undef, "Zoë Müllerová-Ångström") };
  if ($@) {
    # errstr stays UTF-8 bytes whatever the string mode: decode it
    my $msg = Encode::decode('UTF-8', $dbh->errstr);
    print $dbh->err, " $msg\n";             # 25618 t.name: value too long (22 characters, maximum 10)
  }
  # README-SNIPPET-END
  return $dbh;
}

sub connect_db {
  my (%attrs) = @_;
  my $dbh = DBI->connect('dbi:SQLite:dbname=:memory:', '', '',
    {RaiseError => 1, PrintError => 0, AutoCommit => 1, %attrs});
  $dbh->sqlite_enable_load_extension(1);
  $dbh->sqlite_load_extension($SO);
  $dbh->sqlite_enable_load_extension(0);
  $dbh->do($SCHEMA);
  return $dbh;
}

# --------------------------------------------------------------- 1. loading

guard('pl-1', sub {
  my $out = '';
  {
    open my $fh, '>:encoding(UTF-8)', \$out or die;
    my $old = select $fh;
    readme_snippet($SO);
    select $old;
    close $fh;
  }
  expect('pl-1.1-readme-snippet-prints', [Encode::decode('UTF-8', $out)],
    ["25618 t.name: value too long (22 characters, maximum 10)\n"]);

  # the other way in: the SQL function, once loading is enabled
  my $dbh = DBI->connect('dbi:SQLite:dbname=:memory:', '', '',
    {RaiseError => 1, PrintError => 0});
  my $off = eval { $dbh->do('SELECT load_extension(?)', undef, $SO); 1 } ? 'loaded' : $dbh->errstr;
  $dbh->sqlite_enable_load_extension(1);
  $dbh->selectrow_array('SELECT load_extension(?)', undef, $SO);
  expect('pl-1.2-select-load_extension-once-enabled',
    [$off, $dbh->selectrow_array("SELECT richcheck_error_mode()")],
    ['not authorized', 'extended']);
});

# The trap: with sqlite_unicode (or any unicode sqlite_string_mode) values
# come back as characters, but errstr and $@ stay UTF-8 bytes: 71 of them
# for 69 characters, never equal to the text; Encode::decode is the fix.
foreach my $case (['pl-1.3', 'sqlite_unicode', sqlite_unicode => 1],
  ['pl-1.4', 'string_mode_strict', sqlite_string_mode => DBD_SQLITE_STRING_MODE_UNICODE_STRICT])
{
  my ($p, $what, @attrs) = @$case;
  guard($p, sub {
    my $dbh = connect_db(@attrs);
    $dbh->do('INSERT INTO users VALUES (?, ?)', undef, @{$GOOD[0]});
    my ($name) = $dbh->selectrow_array('SELECT name FROM users');
    eval { $dbh->do('INSERT INTO users VALUES (?, ?)', undef, @BAD) };
    my $errstr = $dbh->errstr;
    expect("$p-$what-leaves-message-undecoded",
      [length($name), length($errstr), utf8::is_utf8($errstr) ? 1 : 0,
        $errstr eq $MSG_BAD ? 'equal' : 'differs',
        Encode::decode('UTF-8', $errstr) eq $MSG_BAD ? 'decoded equal' : 'decoded differs'],
      [3, 71, 0, 'differs', 'decoded equal']);
  });
}

# ----------------------------------------------------------------- 2. modes

# One handle without the flag (what a Perl user gets by default), one with.
my $plain = connect_db(sqlite_string_mode => DBD_SQLITE_STRING_MODE_UNICODE_STRICT);
my $ext = connect_db(sqlite_extended_result_codes => 1,
  sqlite_string_mode => DBD_SQLITE_STRING_MODE_UNICODE_STRICT);

# [prefix, mode, handle, flag, code of the too-long value, of the bad address]
my @RUNS = (
  ['pl-2', 'extended',       $plain, 'flag-off', 18,    19],
  ['pl-3', 'extended',       $ext,   'flag-on',  25618, 25619],
  ['pl-4', 'compat',         $ext,   'flag-on',  18,    1043],
  ['pl-5', 'tagged',         $plain, 'flag-off', 18,    19],     # the tag gives 25618 back
  ['pl-6', 'compat, tagged', $ext,   'flag-on',  18,    1043],
);

foreach my $run (@RUNS) {
  my ($p, $mode, $dbh, $flag, $code_long, $code_bad) = @$run;
  guard($p, sub {
    $dbh->do('DELETE FROM users');
    expect("$p.1-mode-$flag",
      [$dbh->selectrow_array('SELECT richcheck_error_mode(?)', undef, $mode)], [$mode]);
    $dbh->begin_work;
    $dbh->do('INSERT INTO users VALUES (?, ?)', undef, @{$GOOD[0]});
    my @msgs;
    foreach my $try (['2-too-long', \@LONG, $code_long, $MSG_LONG, \@TAG_LONG],
      ['3-bad-address', \@BAD, $code_bad, $MSG_BAD, \@TAG_BAD])
    {
      my ($what, $row, $code, $msg, $tag) = @$try;
      my $died = eval { $dbh->do('INSERT INTO users VALUES (?, ?)', undef, @$row); 1 } ? '' : $@;
      my $errstr = Encode::decode('UTF-8', $dbh->errstr);
      my $want = shown($mode, $msg, @$tag);
      push @msgs, $errstr;
      # DBI dies with a string (no class); DBD::SQLite has no SQLSTATE
      expect("$p.$what",
        [$DBI::err, $dbh->err, $dbh->state, $errstr, Encode::decode('UTF-8', $died)],
        [$code, $code, 'S1000', $want,
          "DBD::SQLite::db do failed: $want at " . __FILE__ . ' line ' . (__LINE__ - 8) . ".\n"]);
    }
    my $n = 4;
    if ($mode =~ /tagged/) {
      expect("$p.4-tag-recovered", [recover($msgs[0]), recover($msgs[1])], [@TAG_LONG, @TAG_BAD]);
      $n = 5;
    }
    my $still = $dbh->{AutoCommit} ? 'autocommit' : 'in transaction';
    $dbh->do('INSERT INTO users VALUES (?, ?)', undef, @{$GOOD[1]});
    $dbh->commit;
    expect("$p.$n-transaction-kept-rows-committed",
      [$still, map {@$_} @{$dbh->selectall_arrayref('SELECT * FROM users ORDER BY rowid')}],
      ['in transaction', map {@$_} @GOOD]);
  });
}

exit($failed ? 1 : 0);

# client_rb.rb BUILD - richcheck in Ruby's sqlite3 gem (Debian's
# ruby-sqlite3, 1.4) as an application meets it: loading the extension,
# then, inside a transaction, a good row, a too-long name and a bad address
# (both with 'é' and 'ü' in them): the exception class, its code (primary
# unless db.extended_result_codes = true), the message byte for byte (the
# gem hands it over as ASCII-8BIT: the trap), the transaction still usable
# and the earlier rows kept; in the error modes 'extended', 'compat',
# 'tagged' and 'compat, tagged'; the tag gives back the full code where the
# flag is off.
#
# BUILD is the folder of richcheck.so.  One line per check, "PASS name" or
# "FAIL name: detail" (test/clients_script.test counts them).
require "sqlite3"
require "stringio"

BUILD = File.expand_path(ARGV[0])
SO = File.join(BUILD, "richcheck.so")

SCHEMA = "CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, " \
         "'users.name')), email TEXT CHECK (email_check(email, 'users.email')))"
GOOD = [["Zoë", "zoe@example.com"], ["Jürgen", "jurgen@example.com"]].freeze
LONG = ["Zoë Müllerová-Ångström", "zoe@example.com"].freeze
BAD = ["José", "josé@@müller.de"].freeze
MSG_LONG = "users.name: value too long (22 characters, maximum 10)"
MSG_BAD = 'users.email: invalid email address "josé@@müller.de": more than one @'
TAG = /\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] /
TAG_LONG = ["RICHCHECK_TOO_LONG", 25618, "22001"].freeze
TAG_BAD = ["RICHCHECK_EMAIL", 25619, "23514"].freeze

$failed = 0

def report(name, ok, detail = "")
  if ok
    puts "PASS #{name}"
  else
    $failed += 1
    puts "FAIL #{name}: #{detail.to_s.gsub("\n", '\\n')}"
  end
  $stdout.flush
end

def expect(name, got, want)
  report(name, got == want, "expected #{want.inspect}, got #{got.inspect}")
end

def outcome
  yield
  nil
rescue StandardError => e
  e
end

# One broken step costs its own checks, never the ones after it.
def guard(name)
  yield
rescue StandardError => e
  report("#{name}-crashed", false, "#{e.class}: #{e.message} (#{e.backtrace[0]})")
end

# The message as UTF-8 text (the gem leaves it ASCII-8BIT).
def text(e)
  e.message.dup.force_encoding(Encoding::UTF_8)
end

def recover(s)
  m = TAG.match(s)
  m && [m[1], m[2].to_i, m[3]]
end

def shown(mode, msg, tag)
  mode.include?("tagged") ? "[#{tag[0]} #{tag[1]} SQLSTATE #{tag[2]}] #{msg}" : msg
end

def readme_snippet(path)
  # README-SNIPPET-BEGIN ruby
  require "sqlite3"
  db = SQLite3::Database.new(":memory:")
  db.enable_load_extension(true)
  db.load_extension(path)              # e.g. "build/richcheck.so"
  db.enable_load_extension(false)
  db.extended_result_codes = true      # else e.code is 18, not 25618
  db.execute("CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 't.name')))")
  begin
    db.execute("INSERT INTO t VALUES (?)", ["Zoë Müllerová-Ångström"])
  rescue SQLite3::TooBigException => e # ConstraintException for a bad address
    puts "#{e.code} #{e.message.force_encoding('UTF-8')}" # 25618 t.name: value too long (22 characters, maximum 10)
  end
  # README-SNIPPET-END
  db
end

# ------------------------------------------------------------- 1. loading

db = nil
guard("rb-1") do
  out = StringIO.new
  saved = $stdout
  $stdout = out
  begin
    db = readme_snippet(SO)
  ensure
    $stdout = saved
  end
  expect("rb-1.1-readme-snippet-prints", out.string,
         "25618 t.name: value too long (22 characters, maximum 10)\n")
  e = outcome { db.execute("SELECT load_extension(?)", [SO]) }
  expect("rb-1.2-sql-loading-off-again", [e.class, e && e.message],
         [SQLite3::SQLException, "not authorized"])
  db.execute(SCHEMA)
  expect("rb-1.3-default-mode", db.get_first_value("SELECT richcheck_error_mode()"),
         "extended")
  # The trap: the message is ASCII-8BIT, so it never equals the UTF-8
  # text, though the bytes are the same; force_encoding is the fix.
  db.extended_result_codes = false
  e = outcome { db.execute("INSERT INTO users VALUES (?, ?)", BAD) }
  expect("rb-1.4-message-is-binary-not-utf8",
         [e.message.encoding, e.message == MSG_BAD, e.message.b == MSG_BAD.b,
          text(e) == MSG_BAD],
         [Encoding::ASCII_8BIT, false, true, true])
end

# -------------------------------------------------------------- 2. modes

# [prefix, mode, extended_result_codes, code of the too-long value, of the
# bad address]
RUNS = [
  ["rb-2", "extended", false, 18, 19],       # what a Ruby user gets by default
  ["rb-3", "extended", true, 25618, 25619],
  ["rb-4", "compat", true, 18, 1043],
  ["rb-5", "tagged", false, 18, 19],         # the tag gives 25618 back
  ["rb-6", "compat, tagged", true, 18, 1043]
].freeze

RUNS.each do |p, mode, flag, code_long, code_bad|
  guard(p) do
    db.extended_result_codes = flag
    db.execute("DELETE FROM users")
    expect("#{p}.1-mode-#{flag ? 'flag-on' : 'flag-off'}",
           db.get_first_value("SELECT richcheck_error_mode(?)", [mode]), mode)
    db.transaction
    db.execute("INSERT INTO users VALUES (?, ?)", GOOD[0])
    e = outcome { db.execute("INSERT INTO users VALUES (?, ?)", LONG) }
    expect("#{p}.2-too-long-is-TooBigException", [e.class, e.code, text(e)],
           [SQLite3::TooBigException, code_long, shown(mode, MSG_LONG, TAG_LONG)])
    e2 = outcome { db.execute("INSERT INTO users VALUES (?, ?)", BAD) }
    expect("#{p}.3-bad-address-is-ConstraintException", [e2.class, e2.code, text(e2)],
           [SQLite3::ConstraintException, code_bad, shown(mode, MSG_BAD, TAG_BAD)])
    n = 4
    if mode.include?("tagged")
      expect("#{p}.4-tag-recovered", [recover(text(e)), recover(text(e2))],
             [TAG_LONG, TAG_BAD])
      n = 5
    end
    still = db.transaction_active?
    db.execute("INSERT INTO users VALUES (?, ?)", GOOD[1])
    db.commit
    expect("#{p}.#{n}-transaction-kept-rows-committed",
           [still, db.execute("SELECT * FROM users ORDER BY rowid")], [true, GOOD])
  end
end

exit($failed.zero? ? 0 : 1)

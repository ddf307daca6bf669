// rcgo.go RICHCHECK_SO - richcheck in Go through mattn/go-sqlite3 (Debian's
// golang-github-mattn-go-sqlite3-dev, built offline with -tags libsqlite3
// against the system SQLite): how it loads, what a failed check raises
// (sqlite3.Error, its Code and ExtendedCode, the message), the transaction
// after it, in the default, compat, tagged and 'compat, tagged' modes.
//
// Prints one "PASS name (detail)" or "FAIL name: detail" line per check, as
// test/tester.tcl's run_checks reads them; exits 1 when a check failed.
package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"
)

const schema = `CREATE TABLE users(
  name TEXT CHECK (length_check(name, 1, 10, 'users.name')),
  email TEXT CHECK (email_check(email, 'users.email')))`

const (
	longName    = "Zoë Müllerová-Ångström"
	badEmail    = "josé@@müller.de"
	msgTooLong  = "users.name: value too long (22 characters, maximum 10)"
	msgBadEmail = `users.email: invalid email address "josé@@müller.de": more than one @`
)

// The tag of tagged mode, as the README documents it: the first match.
var tagRe = regexp.MustCompile(`\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] `)

var failed bool

func report(name string, ok bool, detail string) {
	if ok {
		fmt.Printf("PASS %s (%s)\n", name, detail)
	} else {
		failed = true
		fmt.Printf("FAIL %s: %s\n", name, detail)
	}
}

func expect(name string, got, want interface{}) {
	if reflect.DeepEqual(got, want) {
		report(name, true, fmt.Sprintf("%v", got))
	} else {
		report(name, false, fmt.Sprintf("got %#v, want %#v", got, want))
	}
}

// README-SNIPPET-BEGIN go
// Every connection of the pool loads richcheck (and sets its mode: the mode
// is per connection, so set it here, not with one db.Exec on the pool).
func registerRichcheck(driver, soPath, mode string) {
	sql.Register(driver, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if err := c.LoadExtension(soPath, "sqlite3_richcheck_init"); err != nil {
				return err
			}
			_, err := c.Exec("SELECT richcheck_error_mode('"+mode+"')", nil)
			return err
		},
	})
}

// richcheckCode gives the full code: ExtendedCode (25618; 18 or 1043 in
// compat mode), or the tag's number when the message carries one.
func richcheckCode(err error) (code int, name, sqlstate string, ok bool) {
	var e sqlite3.Error
	if !errors.As(err, &e) {
		return 0, "", "", false
	}
	if m := tagRe.FindStringSubmatch(e.Error()); m != nil {
		n, _ := strconv.Atoi(m[2])
		return n, m[1], m[3], true
	}
	return int(e.ExtendedCode), "", "", true
}

// README-SNIPPET-END

// mode is the richcheck_error_mode; the codes the client must show.
type modeCase struct {
	id, mode, driver   string
	tooLong, badEmail  int // ExtendedCode
	tagged             bool
	tooLongMsg, badMsg string
}

func failure(tx *sql.Tx, name, email string) error {
	_, err := tx.Exec("INSERT INTO users VALUES (?, ?)", name, email)
	return err
}

func checkFailure(id string, err error, code sqlite3.ErrNo, ext int, msg string) {
	var e sqlite3.Error
	if !errors.As(err, &e) {
		report(id+"-is-sqlite3.Error", false, fmt.Sprintf("got %T %v", err, err))
		report(id+"-code", false, "no sqlite3.Error")
		report(id+"-message", false, "no sqlite3.Error")
		return
	}
	report(id+"-is-sqlite3.Error", true, fmt.Sprintf("%T", err))
	expect(id+"-code", fmt.Sprintf("Code %d ExtendedCode %d", e.Code, e.ExtendedCode),
		fmt.Sprintf("Code %d ExtendedCode %d", code, ext))
	expect(id+"-message", e.Error(), msg)
}

func runMode(c modeCase) {
	p := "go-" + c.id
	db, err := sql.Open(c.driver, ":memory:")
	if err == nil {
		// one connection: :memory: is a database per connection
		db.SetMaxOpenConns(1)
		_, err = db.Exec(schema)
	}
	if err != nil {
		report(p+".0-setup", false, err.Error())
		return
	}
	defer db.Close()
	var mode string
	err = db.QueryRow("SELECT richcheck_error_mode()").Scan(&mode)
	expect(p+".1-mode", fmt.Sprint(mode, err), fmt.Sprint(c.mode, nil))
	tx, err := db.Begin()
	if err != nil {
		report(p+".2-good-row", false, err.Error())
		return
	}
	_, err = tx.Exec("INSERT INTO users VALUES (?, ?)", "Ann", "ann@example.com")
	expect(p+".2-good-row", fmt.Sprint(err), "<nil>")

	err = failure(tx, longName, "zoe@example.com")
	checkFailure(p+".3-too-long", err, sqlite3.ErrTooBig, c.tooLong, c.tooLongMsg)
	err = failure(tx, "Jo", badEmail)
	checkFailure(p+".4-bad-email", err, sqlite3.ErrConstraint, c.badEmail, c.badMsg)

	_, err = tx.Exec("INSERT INTO users VALUES (?, ?)", "Bob", "bob@example.com")
	expect(p+".5-transaction-usable-after", fmt.Sprint(err), "<nil>")
	expect(p+".6-commit", fmt.Sprint(tx.Commit()), "<nil>")
	var rows []string
	r, err := db.Query("SELECT name || ' ' || email FROM users ORDER BY rowid")
	if err == nil {
		for r.Next() {
			var s string
			r.Scan(&s)
			rows = append(rows, s)
		}
		r.Close()
	}
	expect(p+".7-earlier-rows-kept", strings.Join(rows, ", "),
		"Ann ann@example.com, Bob bob@example.com")

	if c.tagged {
		tx, _ = db.Begin()
		code, name, state, ok := richcheckCode(failure(tx, longName, "x@example.com"))
		expect(p+".8-tag-too-long", fmt.Sprintf("%d %s %s %v", code, name, state, ok),
			"25618 RICHCHECK_TOO_LONG 22001 true")
		code, name, state, ok = richcheckCode(failure(tx, "Jo", badEmail))
		expect(p+".9-tag-bad-email", fmt.Sprintf("%d %s %s %v", code, name, state, ok),
			"25619 RICHCHECK_EMAIL 23514 true")
		tx.Rollback()
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Println("usage: rcgo RICHCHECK_SO")
		os.Exit(2)
	}
	so := os.Args[1]

	// 1. loading: Extensions (entry point from the file name) and ConnectHook
	sql.Register("rc_ext", &sqlite3.SQLiteDriver{Extensions: []string{so}})
	db, _ := sql.Open("rc_ext", ":memory:")
	var version string
	err := db.QueryRow("SELECT richcheck_version()").Scan(&version)
	report("go-1.1-loads-with-extensions", err == nil && version != "",
		fmt.Sprint(version, " ", err))
	_, err = db.Exec("SELECT load_extension('nosuch')")
	expect("go-1.2-sql-loading-off-afterwards", fmt.Sprint(err), "not authorized")
	var sqliteVersion string
	db.QueryRow("SELECT sqlite_version()").Scan(&sqliteVersion)
	report("go-1.3-system-sqlite", strings.HasPrefix(sqliteVersion, "3."),
		"SQLite "+sqliteVersion)
	db.Close()

	registerRichcheck("rc_extended", so, "extended")
	registerRichcheck("rc_compat", so, "compat")
	registerRichcheck("rc_tagged", so, "tagged")
	registerRichcheck("rc_compat_tagged", so, "compat, tagged")
	db, _ = sql.Open("rc_extended", ":memory:")
	err = db.QueryRow("SELECT richcheck_version()").Scan(&version)
	report("go-1.4-loads-with-connecthook", err == nil && version != "",
		fmt.Sprint(version, " ", err))
	db.Close()

	// the hook runs on every connection the pool opens: two at once, both compat
	db, _ = sql.Open("rc_compat", "file:pool?mode=memory&cache=shared")
	var modes []string
	ctx := context.Background()
	c1, err1 := db.Conn(ctx)
	c2, err2 := db.Conn(ctx)
	if err1 == nil && err2 == nil {
		for _, c := range []*sql.Conn{c1, c2} {
			var m string
			c.QueryRowContext(ctx, "SELECT richcheck_error_mode()").Scan(&m)
			modes = append(modes, m)
		}
		c1.Close()
		c2.Close()
	}
	expect("go-1.5-every-pooled-connection-has-the-mode", strings.Join(modes, ", "),
		"compat, compat")
	db.Close()

	tagLong := "[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] " + msgTooLong
	tagEmail := "[RICHCHECK_EMAIL 25619 SQLSTATE 23514] " + msgBadEmail
	for _, c := range []modeCase{
		{"2", "extended", "rc_extended", 25618, 25619, false, msgTooLong, msgBadEmail},
		{"3", "compat", "rc_compat", 18, 1043, false, msgTooLong, msgBadEmail},
		{"4", "tagged", "rc_tagged", 25618, 25619, true, tagLong, tagEmail},
		{"5", "compat, tagged", "rc_compat_tagged", 18, 1043, true, tagLong, tagEmail},
	} {
		runMode(c)
	}
	if failed {
		os.Exit(1)
	}
}

//! rcrust RICHCHECK_SO - richcheck in Rust through rusqlite 0.28 (Debian's
//! librust-rusqlite-dev with its load_extension feature, built offline
//! against the system SQLite): how it loads (LoadExtensionGuard), what a
//! failed check raises (Error::SqliteFailure with ffi::Error's code and
//! extended_code, the message), the transaction after it, in the default,
//! compat, tagged and 'compat, tagged' modes.
//!
//! Prints one "PASS name (detail)" or "FAIL name: detail" line per check, as
//! test/tester.tcl's run_checks reads them; exits 1 when a check failed.

use rusqlite::{params, Error, ErrorCode};
use std::fmt::Debug;

const SCHEMA: &str = "CREATE TABLE users(
  name TEXT CHECK (length_check(name, 1, 10, 'users.name')),
  email TEXT CHECK (email_check(email, 'users.email')))";
const LONG_NAME: &str = "Zoë Müllerová-Ångström";
const BAD_EMAIL: &str = "josé@@müller.de";
const MSG_TOO_LONG: &str = "users.name: value too long (22 characters, maximum 10)";
const MSG_BAD_EMAIL: &str =
    "users.email: invalid email address \"josé@@müller.de\": more than one @";
const TAG_TOO_LONG: &str = "[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] ";
const TAG_BAD_EMAIL: &str = "[RICHCHECK_EMAIL 25619 SQLSTATE 23514] ";

struct Checks {
    failed: bool,
}

impl Checks {
    fn report(&mut self, name: &str, ok: bool, detail: &str) {
        if ok {
            println!("PASS {} ({})", name, detail);
        } else {
            self.failed = true;
            println!("FAIL {}: {}", name, detail);
        }
    }

    fn expect<T: PartialEq + Debug>(&mut self, name: &str, got: T, want: T) {
        if got == want {
            self.report(name, true, &format!("{:?}", got));
        } else {
            self.report(name, false, &format!("got {:?}, want {:?}", got, want));
        }
    }
}

// README-SNIPPET-BEGIN rust
// rusqlite turns extended result codes on: extended_code is 25618 (18 and
// 1043 in compat mode); in tagged mode the message starts with the tag.
fn open_richcheck(so_path: &str, mode: &str) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open_in_memory()?;
    unsafe {
        let _guard = rusqlite::LoadExtensionGuard::new(&conn)?;
        conn.load_extension(so_path, None)?;
    }
    // a SELECT: query_row, not execute (ExecuteReturnedResults)
    conn.query_row("SELECT richcheck_error_mode(?)", [mode], |_| Ok(()))?;
    Ok(conn)
}

fn richcheck_code(err: &rusqlite::Error) -> Option<(i32, &str)> {
    match err {
        rusqlite::Error::SqliteFailure(e, Some(msg)) => Some((e.extended_code, msg.as_str())),
        _ => None,
    }
}
// README-SNIPPET-END

/// The tag of tagged mode: the first "[RICHCHECK_X N SQLSTATE S] " in the
/// text; the README's regex written out, so that the test needs no crate but
/// rusqlite.
fn parse_tag(msg: &str) -> Option<(String, i32, String)> {
    fn one(body: &str) -> Option<(String, i32, String)> {
        let fields: Vec<&str> = body[..body.find("] ")?].split(' ').collect();
        let (name, num, state) = match fields[..] {
            [name, num, "SQLSTATE", state] => (name, num, state),
            _ => return None,
        };
        let upper = |c: char| c.is_ascii_uppercase() || c == '_';
        let ok = name.len() > "RICHCHECK_".len()
            && name.chars().all(upper)
            && !num.is_empty()
            && num.chars().all(|c| c.is_ascii_digit())
            && state.len() == 5
            && state
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        if ok {
            Some((name.to_string(), num.parse().ok()?, state.to_string()))
        } else {
            None
        }
    }
    msg.match_indices("[RICHCHECK_")
        .find_map(|(i, _)| one(&msg[i + 1..]))
}

fn shape(r: rusqlite::Result<usize>) -> (String, String) {
    match r {
        Ok(n) => (format!("Ok({})", n), String::new()),
        Err(Error::SqliteFailure(e, msg)) => (
            format!(
                "SqliteFailure(code {:?}, extended_code {})",
                e.code, e.extended_code
            ),
            msg.unwrap_or_default(),
        ),
        Err(e) => (format!("other error {:?}", e), String::new()),
    }
}

struct ModeCase {
    id: &'static str,
    mode: &'static str,
    too_long: i32,
    bad_email: i32,
    tagged: bool,
}

fn run_mode(ck: &mut Checks, so: &str, c: &ModeCase) -> rusqlite::Result<()> {
    let p = format!("rust-{}", c.id);
    let mut conn = open_richcheck(so, c.mode)?;
    conn.execute_batch(SCHEMA)?;
    let mode: String = conn.query_row("SELECT richcheck_error_mode()", [], |r| r.get(0))?;
    ck.expect(&format!("{}.1-mode", p), mode.as_str(), c.mode);
    let (tag_long, tag_email) = if c.tagged {
        (TAG_TOO_LONG, TAG_BAD_EMAIL)
    } else {
        ("", "")
    };
    let insert = "INSERT INTO users VALUES (?, ?)";
    let tx = conn.transaction()?;
    ck.expect(
        &format!("{}.2-good-row", p),
        shape(tx.execute(insert, params!["Ann", "ann@example.com"])).0,
        "Ok(1)".to_string(),
    );
    let long = tx.execute(insert, params![LONG_NAME, "zoe@example.com"]);
    let tag = long
        .as_ref()
        .err()
        .and_then(|e| richcheck_code(e))
        .and_then(|(_, m)| parse_tag(m));
    let (what, msg) = shape(long);
    ck.expect(
        &format!("{}.3-too-long-raises", p),
        what,
        format!(
            "SqliteFailure(code {:?}, extended_code {})",
            ErrorCode::TooBig,
            c.too_long
        ),
    );
    ck.expect(
        &format!("{}.3-too-long-message", p),
        msg,
        format!("{}{}", tag_long, MSG_TOO_LONG),
    );
    let bad = tx.execute(insert, params!["Jo", BAD_EMAIL]);
    let tag2 = bad
        .as_ref()
        .err()
        .and_then(|e| richcheck_code(e))
        .and_then(|(_, m)| parse_tag(m));
    let (what, msg) = shape(bad);
    ck.expect(
        &format!("{}.4-bad-email-raises", p),
        what,
        format!(
            "SqliteFailure(code {:?}, extended_code {})",
            ErrorCode::ConstraintViolation,
            c.bad_email
        ),
    );
    ck.expect(
        &format!("{}.4-bad-email-message", p),
        msg,
        format!("{}{}", tag_email, MSG_BAD_EMAIL),
    );
    ck.expect(
        &format!("{}.5-transaction-usable-after", p),
        shape(tx.execute(insert, params!["Bob", "bob@example.com"])).0,
        "Ok(1)".to_string(),
    );
    tx.commit()?;
    let names: Vec<String> = conn
        .prepare("SELECT name FROM users ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ck.expect(
        &format!("{}.6-earlier-rows-kept-after-commit", p),
        names.join(", "),
        "Ann, Bob".to_string(),
    );
    if c.tagged {
        ck.expect(
            &format!("{}.7-tag-too-long", p),
            tag,
            Some(("RICHCHECK_TOO_LONG".to_string(), 25618, "22001".to_string())),
        );
        ck.expect(
            &format!("{}.8-tag-bad-email", p),
            tag2,
            Some(("RICHCHECK_EMAIL".to_string(), 25619, "23514".to_string())),
        );
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 2 {
        println!("usage: rcrust RICHCHECK_SO");
        std::process::exit(2);
    }
    let so = &args[1];
    let mut ck = Checks { failed: false };

    // 1. loading
    match open_richcheck(so, "extended") {
        Ok(conn) => {
            let v: rusqlite::Result<(String, String)> =
                conn.query_row("SELECT richcheck_version(), sqlite_version()", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                });
            ck.report(
                "rust-1.1-loads-with-LoadExtensionGuard",
                v.is_ok(),
                &format!("{:?}", v),
            );
            // the guard has gone: SQL may not load anything
            let off = conn.query_row("SELECT load_extension('nosuch')", [], |_| Ok(()));
            ck.expect(
                "rust-1.2-loading-off-after-the-guard",
                off.err().map(|e| e.to_string()),
                Some("not authorized".to_string()),
            );
            // execute() of the mode's SELECT steps it (the mode changes) and
            // then says Err(ExecuteReturnedResults); execute_batch does not
            let r = conn.execute("SELECT richcheck_error_mode('compat')", []);
            let mode: rusqlite::Result<String> =
                conn.query_row("SELECT richcheck_error_mode()", [], |r| r.get(0));
            ck.expect(
                "rust-1.3-execute-of-the-mode-errs-yet-sets-it",
                format!("{:?} {:?}", r, mode),
                "Err(ExecuteReturnedResults) Ok(\"compat\")".to_string(),
            );
            let r = conn.execute_batch("SELECT richcheck_error_mode('extended')");
            let mode: rusqlite::Result<String> =
                conn.query_row("SELECT richcheck_error_mode()", [], |r| r.get(0));
            ck.expect(
                "rust-1.4-execute-batch-sets-the-mode",
                format!("{:?} {:?}", r, mode),
                "Ok(()) Ok(\"extended\")".to_string(),
            );
        }
        Err(e) => {
            ck.report(
                "rust-1.1-loads-with-LoadExtensionGuard",
                false,
                &e.to_string(),
            );
            ck.report("rust-1.2-loading-off-after-the-guard", false, "not loaded");
        }
    }

    let cases = [
        ModeCase {
            id: "2",
            mode: "extended",
            too_long: 25618,
            bad_email: 25619,
            tagged: false,
        },
        ModeCase {
            id: "3",
            mode: "compat",
            too_long: 18,
            bad_email: 1043,
            tagged: false,
        },
        ModeCase {
            id: "4",
            mode: "tagged",
            too_long: 25618,
            bad_email: 25619,
            tagged: true,
        },
        ModeCase {
            id: "5",
            mode: "compat, tagged",
            too_long: 18,
            bad_email: 1043,
            tagged: true,
        },
    ];
    for c in &cases {
        if let Err(e) = run_mode(&mut ck, so, c) {
            ck.report(&format!("rust-{}.0-ran", c.id), false, &e.to_string());
        }
    }
    std::process::exit(if ck.failed { 1 } else { 0 });
}

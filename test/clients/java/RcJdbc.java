// RcJdbc.java RICHCHECK_SO - richcheck in Java through xerial sqlite-jdbc
// (Debian's libxerial-sqlite-jdbc-java, on the system SQLite through its JNI
// library): how it loads, what a failed check raises (SQLiteException, its
// getErrorCode(), getSQLState(), getResultCode(), the message), the
// transaction after it, in the default, compat, tagged and 'compat, tagged'
// modes; then a loop reusing one PreparedStatement over five rows of which
// two are refused (issue 15, part 2), in each mode.
//
// Prints one "PASS name (detail)" or "FAIL name: detail" line per check, as
// test/tester.tcl's run_checks reads them; exits 1 when a check failed.

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

public class RcJdbc {
  static final String SCHEMA =
      "CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, 'users.name')),"
          + " email TEXT CHECK (email_check(email, 'users.email')))";
  static final String LONG_NAME = "Zoë Müllerová-Ångström";
  static final String BAD_EMAIL = "josé@@müller.de";
  static final String MSG_TOO_LONG = "users.name: value too long (22 characters, maximum 10)";
  static final String MSG_BAD_EMAIL =
      "users.email: invalid email address \"josé@@müller.de\": more than one @";
  static final String TAG_TOO_LONG = "[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] ";
  static final String TAG_BAD_EMAIL = "[RICHCHECK_EMAIL 25619 SQLSTATE 23514] ";

  static PrintStream out;
  static boolean failed;
  static String so;

  static void report(String name, boolean ok, String detail) {
    if (ok) {
      out.println("PASS " + name + " (" + detail + ")");
    } else {
      failed = true;
      out.println("FAIL " + name + ": " + detail);
    }
  }

  static void expect(String name, Object got, Object want) {
    if (Objects.equals(got, want)) {
      report(name, true, String.valueOf(got));
    } else {
      report(name, false, "got [" + got + "], want [" + want + "]");
    }
  }

  // README-SNIPPET-BEGIN jdbc
  // Loading: allowed by SQLiteConfig, done by SQL; then the mode, per connection
  // ("compat, tagged": getErrorCode() 18 or 19 and the full code in the tag).
  static Connection open(String soPath, String mode) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.enableLoadExtension(true);
    Connection conn = DriverManager.getConnection("jdbc:sqlite::memory:", config.toProperties());
    try (PreparedStatement ps = conn.prepareStatement("SELECT load_extension(?)")) {
      ps.setString(1, soPath);
      ps.execute();
    }
    try (Statement st = conn.createStatement()) {
      st.execute("SELECT richcheck_error_mode('" + mode + "')");
    }
    return conn;
  }

  static final Pattern TAG =
      Pattern.compile("\\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\\] ");

  // The full code, its name and SQLSTATE from a tagged message, or null.
  static String[] richcheckTag(SQLException e) {
    Matcher m = TAG.matcher(String.valueOf(e.getMessage()));
    return m.find() ? new String[] {m.group(2), m.group(1), m.group(3)} : null;
  }

  // README-SNIPPET-END

  // What an exception shows: its class, getErrorCode(), getSQLState() and
  // getResultCode() (name and number).
  static String shape(SQLException e) {
    String s = e.getClass().getName() + " " + e.getErrorCode() + " " + e.getSQLState();
    if (e instanceof SQLiteException) {
      SQLiteException se = (SQLiteException) e;
      s += " " + se.getResultCode().name() + " " + se.getResultCode().code;
    }
    return s;
  }

  static SQLException insert(Connection conn, String name, String email) {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
      ps.setString(1, name);
      ps.setString(2, email);
      ps.executeUpdate();
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  static String rows(Connection conn) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM users ORDER BY rowid")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return String.join(", ", rows);
  }

  // ---------------------------------------------------------------- 1. loading

  static void loading() throws SQLException {
    try (Connection conn = open(so, "extended");
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT richcheck_version(), sqlite_version()")) {
      rs.next();
      report(
          "jdbc-1.1-loads-with-enableLoadExtension",
          rs.getString(1).matches("[0-9]+\\.[0-9]+\\.[0-9]+"),
          "richcheck " + rs.getString(1) + ", SQLite " + rs.getString(2));
    }
    // without enableLoadExtension(true), SQL may not load
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite::memory:");
        PreparedStatement ps = conn.prepareStatement("SELECT load_extension(?)")) {
      ps.setString(1, so);
      ps.execute();
      report("jdbc-1.2-loading-needs-the-flag", false, "loaded without the flag");
    } catch (SQLException e) {
      expect(
          "jdbc-1.2-loading-needs-the-flag",
          shape(e) + " | " + e.getMessage(),
          "org.sqlite.SQLiteException 1 null SQLITE_ERROR 1 | [SQLITE_ERROR] SQL error or"
              + " missing database (not authorized)");
    }
  }

  // ------------------------------------------------------- 2. the failures

  static void failures(String id, String mode, String tooLongShape, String tooLongMsg,
      String badEmailShape, String badEmailMsg, boolean tagged) throws SQLException {
    String p = "jdbc-" + id;
    try (Connection conn = open(so, mode)) {
      try (Statement st = conn.createStatement()) {
        st.execute(SCHEMA);
      }
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT richcheck_error_mode()")) {
        rs.next();
        expect(p + ".1-mode", rs.getString(1), mode);
      }
      conn.setAutoCommit(false);
      expect(p + ".2-good-row", insert(conn, "Ann", "ann@example.com"), null);

      SQLException e = insert(conn, LONG_NAME, "zoe@example.com");
      expect(p + ".3-too-long-raises", e == null ? "nothing" : shape(e), tooLongShape);
      expect(p + ".3-too-long-message", e == null ? null : e.getMessage(), tooLongMsg);
      SQLException f = insert(conn, "Jo", BAD_EMAIL);
      expect(p + ".4-bad-email-raises", f == null ? "nothing" : shape(f), badEmailShape);
      expect(p + ".4-bad-email-message", f == null ? null : f.getMessage(), badEmailMsg);

      expect(p + ".5-transaction-usable-after", insert(conn, "Bob", "bob@example.com"), null);
      conn.commit();
      expect(p + ".6-earlier-rows-kept-after-commit", rows(conn), "Ann, Bob");
      if (tagged) {
        String[] t = e == null ? null : richcheckTag(e);
        expect(p + ".7-tag-too-long", t == null ? null : String.join(" ", t),
            "25618 RICHCHECK_TOO_LONG 22001");
        t = f == null ? null : richcheckTag(f);
        expect(p + ".8-tag-bad-email", t == null ? null : String.join(" ", t),
            "25619 RICHCHECK_EMAIL 23514");
      }
    }
  }

  // ------------------------------------ 3. one PreparedStatement, five rows

  static final String[][] FIVE = {
    {"Ann", "ann@example.com"},
    {LONG_NAME, "zoe@example.com"},
    {"Cid", "cid@example.com"},
    {"Jo", BAD_EMAIL},
    {"Eve", "eve@example.com"},
  };

  // How the application classifies a refused row in this mode: "data" or
  // "integrity" from getErrorCode() (the primary code: 18 or 19) where the
  // driver knows the code, else from the tag's SQLSTATE class.
  static String classify(SQLException e) {
    String[] t = richcheckTag(e);
    int primary = e.getErrorCode();
    String cls =
        primary == 18 ? "data" : primary == 19 ? "integrity" : "code " + primary;
    if (primary == 0) {
      cls = e.getClass().getSimpleName() + " '" + e.getMessage() + "'";
    }
    return t == null ? cls : cls + " " + t[0];
  }

  static final String[][] THREE = {
    {"Ann", "ann@example.com"},
    {"Jo", BAD_EMAIL},
    {"Cid", "cid@example.com"},
  };

  // executeUpdate per row on one PreparedStatement: what each row gives
  // (" isClosed" when ps.isClosed() says so after a failure).
  static String loopUpdate(Connection conn, String[][] rows) throws SQLException {
    List<String> got = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
      for (String[] row : rows) {
        try {
          ps.setString(1, row[0]);
          ps.setString(2, row[1]);
          ps.executeUpdate();
          got.add("ok");
        } catch (SQLException e) {
          got.add(ps.isClosed() ? classify(e) + " isClosed" : classify(e));
        }
      }
    }
    return String.join(", ", got);
  }

  // addBatch + executeBatch per row (a batch of one) on one PreparedStatement.
  static String loopBatchOfOne(Connection conn) throws SQLException {
    List<String> got = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
      for (String[] row : FIVE) {
        try {
          ps.setString(1, row[0]);
          ps.setString(2, row[1]);
          ps.addBatch();
          ps.executeBatch();
          got.add("ok");
        } catch (SQLException e) {
          got.add(ps.isClosed() ? classify(e) + " isClosed" : classify(e));
        }
      }
    }
    return String.join(", ", got);
  }

  // The five rows in one batch.
  static String oneBatch(Connection conn) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
      for (String[] row : FIVE) {
        ps.setString(1, row[0]);
        ps.setString(2, row[1]);
        ps.addBatch();
      }
      try {
        ps.executeBatch();
        return "ok";
      } catch (SQLException e) {
        String s = e.getClass().getSimpleName() + " " + classify(e);
        if (e instanceof BatchUpdateException) {
          s += " counts " + ((BatchUpdateException) e).getUpdateCounts().length;
        }
        return s;
      }
    }
  }

  interface Section {
    void run() throws SQLException;
  }

  // A section that throws reports one FAIL line and the others still run
  // (run_checks then also finds fewer lines than expected).
  static void guard(String name, Section body) {
    try {
      body.run();
    } catch (SQLException | RuntimeException e) {
      report(name + "-ran", false, e.toString());
    }
  }

  interface Loop {
    String run(Connection conn) throws SQLException;
  }

  static void loop(String id, String mode, Loop body, String outcome, String stored)
      throws SQLException {
    try (Connection conn = open(so, mode)) {
      try (Statement st = conn.createStatement()) {
        st.execute(SCHEMA);
      }
      conn.setAutoCommit(false);
      String got = body.run(conn);
      conn.commit();
      expect(id + "-rows-classified", got, outcome);
      expect(id + "-rows-stored", rows(conn), stored);
    }
  }

  static void loops() {
    String[] modes = {"extended", "compat", "tagged", "compat, tagged"};
    // What the application reads from each refused row, per mode: the class
    // from getErrorCode() (255 where the driver does not know the code), the
    // full code from the tag.
    String[][] refused = {
      {"code 255", "code 255"},
      {"data", "integrity"},
      {"code 255 25618", "code 255 25619"},
      {"data 25618", "integrity 25619"},
    };
    // executeUpdate: a data error (primary SQLITE_TOOBIG) finalizes the
    // statement in every mode (xerial keeps it only after BUSY, LOCKED,
    // MISUSE and CONSTRAINT), and yet ps.isClosed() stays false: every later
    // row fails.
    String dead = "SQLException 'statement is not executing'";
    for (int i = 0; i < modes.length; i++) {
      String m = "jdbc-" + (6 + i);
      String mode = modes[i];
      String data = refused[i][0];
      String integrity = refused[i][1];
      guard(m + ".1", () -> loop(m + ".1-executeUpdate-dies-after-a-data-error", mode,
          c -> loopUpdate(c, FIVE), "ok, " + data + ", " + dead + ", " + dead + ", " + dead,
          "Ann"));
      guard(m + ".2", () -> loop(m + ".2-executeUpdate-survives-an-integrity-error", mode,
          c -> loopUpdate(c, THREE), "ok, " + integrity + ", ok", "Ann, Cid"));
      // a batch of one: the statement is reset, not finalized, in every mode
      guard(m + ".3", () -> loop(m + ".3-batch-of-one-survives", mode, RcJdbc::loopBatchOfOne,
          "ok, " + data + ", ok, " + integrity + ", ok", "Ann, Cid, Eve"));
      // one batch of five stops at row 2: a plain SQLiteException, no update
      // counts, rows 3 to 5 not tried
      guard(m + ".4", () -> loop(m + ".4-one-batch-of-five-stops", mode, RcJdbc::oneBatch,
          "SQLiteException " + data, "Ann"));
    }
  }

  public static void main(String[] args) throws Exception {
    out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    if (args.length != 1) {
      out.println("usage: java RcJdbc RICHCHECK_SO");
      System.exit(2);
    }
    so = args[0];
    guard("jdbc-1", RcJdbc::loading);
    String unknown = "org.sqlite.SQLiteException 255 null UNKNOWN_ERROR -1";
    String tooBig = "org.sqlite.SQLiteException 18 null SQLITE_TOOBIG 18";
    String function = "org.sqlite.SQLiteException 19 null SQLITE_CONSTRAINT_FUNCTION 1043";
    String tooBigText = "[SQLITE_TOOBIG] String or BLOB exceeds size limit (";
    String functionText = "[SQLITE_CONSTRAINT_FUNCTION] Error reported by extension function (";
    guard("jdbc-2", () -> failures("2", "extended",
        unknown, "[UNKNOWN_ERROR] unknown error:25618 (" + MSG_TOO_LONG + ")",
        unknown, "[UNKNOWN_ERROR] unknown error:25619 (" + MSG_BAD_EMAIL + ")", false));
    guard("jdbc-3", () -> failures("3", "compat",
        tooBig, tooBigText + MSG_TOO_LONG + ")",
        function, functionText + MSG_BAD_EMAIL + ")", false));
    guard("jdbc-4", () -> failures("4", "tagged",
        unknown, "[UNKNOWN_ERROR] unknown error:25618 (" + TAG_TOO_LONG + MSG_TOO_LONG + ")",
        unknown, "[UNKNOWN_ERROR] unknown error:25619 (" + TAG_BAD_EMAIL + MSG_BAD_EMAIL + ")",
        true));
    guard("jdbc-5", () -> failures("5", "compat, tagged",
        tooBig, tooBigText + TAG_TOO_LONG + MSG_TOO_LONG + ")",
        function, functionText + TAG_BAD_EMAIL + MSG_BAD_EMAIL + ")", true));
    loops();
    System.exit(failed ? 1 : 0);
  }
}

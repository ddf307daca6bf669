<?php
// client_php.php BUILD - richcheck in PHP's SQLite3 class (Debian's
// php8.2-sqlite3) as an application meets it: loading the extension (which
// needs the ini setting sqlite3.extension_dir: run as
// php -d sqlite3.extension_dir=BUILD client_php.php BUILD), then, inside a
// transaction, a good row, a too-long name and a bad address (both with 'é'
// and 'ü' in them): the exception (class Exception in 8.2, code 0),
// lastErrorCode() (primary) and lastExtendedErrorCode() (the full code), the
// message byte for byte, the transaction still usable and the earlier rows
// kept; in the error modes 'extended', 'compat', 'tagged' and 'compat,
// tagged'. And the traps: loadExtension without sqlite3.extension_dir, and
// PDO_SQLITE (8.2), which cannot load an extension at all.
//
// One line per check, "PASS name" or "FAIL name: detail"
// (test/clients_script.test counts them).

$BUILD = realpath($argv[1]);
$SO = "$BUILD/richcheck.so";

$SCHEMA = "CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, "
    . "'users.name')), email TEXT CHECK (email_check(email, 'users.email')))";
$GOOD = [['Zoë', 'zoe@example.com'], ['Jürgen', 'jurgen@example.com']];
$LONG = ['Zoë Müllerová-Ångström', 'zoe@example.com'];
$BAD = ['José', 'josé@@müller.de'];
$MSG_LONG = 'users.name: value too long (22 characters, maximum 10)';
$MSG_BAD = 'users.email: invalid email address "josé@@müller.de": more than one @';
$TAG = '/\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] /';
$TAG_LONG = ['RICHCHECK_TOO_LONG', 25618, '22001'];
$TAG_BAD = ['RICHCHECK_EMAIL', 25619, '23514'];

$failed = 0;

function report(string $name, bool $ok, string $detail = ''): void
{
    global $failed;
    if ($ok) {
        echo "PASS $name\n";
    } else {
        $failed++;
        echo "FAIL $name: " . str_replace("\n", '\n', $detail) . "\n";
    }
}

function expect(string $name, $got, $want): void
{
    report($name, $got === $want,
        'expected ' . json_encode($want, JSON_UNESCAPED_UNICODE)
        . ', got ' . json_encode($got, JSON_UNESCAPED_UNICODE));
}

// One broken step costs its own checks, never the ones after it.
function guard(string $name, callable $fn): void
{
    try {
        $fn();
    } catch (Throwable $e) {
        report("$name-crashed", false, get_class($e) . ': ' . $e->getMessage()
            . ' (line ' . $e->getLine() . ')');
    }
}

function shown(string $mode, string $msg, array $tag): string
{
    return strpos($mode, 'tagged') !== false
        ? "[$tag[0] $tag[1] SQLSTATE $tag[2]] $msg" : $msg;
}

function recover(string $s): ?array
{
    global $TAG;
    return preg_match($TAG, $s, $m) ? [$m[1], (int)$m[2], $m[3]] : null;
}

function insert(SQLite3 $db, array $row): void
{
    $st = $db->prepare('INSERT INTO users VALUES (?, ?)');
    $st->bindValue(1, $row[0], SQLITE3_TEXT);
    $st->bindValue(2, $row[1], SQLITE3_TEXT);
    $st->execute();
    $st->close();
}

function readme_snippet(): SQLite3
{
    // README-SNIPPET-BEGIN php
    // php -d sqlite3.extension_dir=/path/to/dir app.php  (or in php.ini)
    $db = new SQLite3(':memory:');
    $db->enableExceptions(true);
    $db->loadExtension('richcheck.so');  // a name inside sqlite3.extension_dir
    $db->exec("CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 't.name')))");
    try {
        $db->exec("INSERT INTO t VALUES ('Zoë Müllerová-Ångström')");
    } catch (Exception $e) {             // SQLite3Exception from PHP 8.3
        echo $db->lastExtendedErrorCode(), ' ', $db->lastErrorMsg(), "\n"; // 25618 t.name: value too long (22 characters, maximum 10)
    }
    // README-SNIPPET-END
    return $db;
}

// ----------------------------------------------------------------- 1. loading

$db = null;
guard('php-1', function () use (&$db, $SO, $SCHEMA) {
    ob_start();
    $db = readme_snippet();
    expect('php-1.1-readme-snippet-prints', ob_get_clean(),
        "25618 t.name: value too long (22 characters, maximum 10)\n");
    expect('php-1.2-extension-dir-is-the-build', ini_get('sqlite3.extension_dir'),
        dirname($SO));
    $db->exec($SCHEMA);
    expect('php-1.3-default-mode', $db->querySingle('SELECT richcheck_error_mode()'),
        'extended');

    // Without sqlite3.extension_dir (PHP's default: unset), loadExtension
    // refuses with a warning (PHP's wording) and returns false.
    $cmd = escapeshellarg(PHP_BINARY) . ' -d display_errors=stdout -d log_errors=0 -d html_errors=0 -r '
        . escapeshellarg('$db = new SQLite3(":memory:"); '
            . 'var_export([ini_get("sqlite3.extension_dir"), $db->loadExtension("richcheck.so")]);')
        . ' 2>&1';
    $out = trim(shell_exec($cmd));
    expect('php-1.4-no-extension-dir-no-loading', preg_split('/\n+/', $out),
        ['Warning: SQLite3::loadExtension(): SQLite Extension are disabled in Command line code on line 1',
            'array (', "  0 => '',", '  1 => false,', ')']);
});

// PDO_SQLITE in PHP 8.2 has no way to load an extension: no
// loadExtension (Pdo\Sqlite::loadExtension comes with 8.4), and SQLite's
// load_extension() SQL function stays "not authorized".
guard('php-pdo', function () use ($SO) {
    $pdo = new PDO('sqlite::memory:');
    $pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
    $got = [method_exists($pdo, 'loadExtension'), class_exists('Pdo\Sqlite', false)];
    foreach (["SELECT load_extension('$SO')",
                 "SELECT length_check('abc', 1, 10, 'users.name')"] as $sql) {
        try {
            $pdo->query($sql);
            $got[] = 'ran';
        } catch (PDOException $e) {
            $got[] = $e->getMessage();
        }
    }
    expect('php-pdo.1-pdo-sqlite-cannot-load', $got,
        [false, false, 'SQLSTATE[HY000]: General error: 1 not authorized',
            'SQLSTATE[HY000]: General error: 1 no such function: length_check']);
});

// ------------------------------------------------------------------- 2. modes

// [prefix, mode, lastExtendedErrorCode() after the too-long value, after
// the bad address]; lastErrorCode() is 18 and 19 in every mode
$RUNS = [
    ['php-2', 'extended', 25618, 25619],
    ['php-3', 'compat', 18, 1043],
    ['php-4', 'tagged', 25618, 25619],
    ['php-5', 'compat, tagged', 18, 1043],
];

foreach ($RUNS as [$p, $mode, $code_long, $code_bad]) {
    guard($p, function () use ($db, $p, $mode, $code_long, $code_bad, $GOOD, $LONG,
        $BAD, $MSG_LONG, $MSG_BAD, $TAG_LONG, $TAG_BAD) {
        $db->exec('DELETE FROM users');
        $st = $db->prepare('SELECT richcheck_error_mode(?)');
        $st->bindValue(1, $mode, SQLITE3_TEXT);
        expect("$p.1-mode", $st->execute()->fetchArray(SQLITE3_NUM)[0], $mode);
        $st->close();
        $db->exec('BEGIN');
        insert($db, $GOOD[0]);
        $msgs = [];
        foreach ([['2-too-long', $LONG, 18, $code_long, $MSG_LONG, $TAG_LONG],
                     ['3-bad-address', $BAD, 19, $code_bad, $MSG_BAD, $TAG_BAD]]
                 as [$what, $row, $primary, $code, $msg, $tag]) {
            $got = null;
            try {
                insert($db, $row);
            } catch (Exception $e) {
                $got = [get_class($e), $e->getCode(), $e->getMessage(),
                    $db->lastErrorCode(), $db->lastExtendedErrorCode(),
                    $db->lastErrorMsg()];
                $msgs[] = $e->getMessage();
            }
            $want = shown($mode, $msg, $tag);
            expect("$p.$what", $got,
                ['Exception', 0, "Unable to execute statement: $want", $primary, $code,
                    $want]);
        }
        $n = 4;
        if (strpos($mode, 'tagged') !== false) {
            expect("$p.4-tag-recovered", [recover($msgs[0]), recover($msgs[1])],
                [$TAG_LONG, $TAG_BAD]);
            $n = 5;
        }
        insert($db, $GOOD[1]);
        $db->exec('COMMIT');   // would fail if the transaction had gone
        $rows = [];
        $res = $db->query('SELECT * FROM users ORDER BY rowid');
        while ($r = $res->fetchArray(SQLITE3_NUM)) {
            $rows[] = $r;
        }
        expect("$p.$n-transaction-kept-rows-committed", $rows, $GOOD);
    });
}

exit($failed ? 1 : 0);
